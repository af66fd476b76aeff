"""Local settings kept in the database (``setting`` table: never travels to HQ)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from okudesk.core.i18n import _
from okudesk.core.models import Setting

OFFICER_ON_DUTY = "gui.officer_on_duty"
LAST_EXPORTED_COUNTER = "sync.last_exported_counter"  # written by the sync export
LAST_EXPORTED_AT = "sync.last_exported_at"  # ISO local time of the last export
EXPORT_WARNING_DAYS = "gui.export_warning_days"


# What each kept setting is, as staff read it in the audit trail (a key not named here is
# shown as it is). The keys of other modules are spelt out: they cannot be imported here.
_LABELS = {
    OFFICER_ON_DUTY: "Petugas piket",
    EXPORT_WARNING_DAYS: "Pengingat ekspor (hari)",
    LAST_EXPORTED_COUNTER: "Ekspor terakhir (nomor urut)",
    LAST_EXPORTED_AT: "Waktu ekspor terakhir",
    "sync.last_exported_file": "Berkas ekspor terakhir",
    "sync.last_receipt_at": "Tanda terima terakhir",
    "sync.enrollment": "Kit pendaftaran pos",
    "idle_lock_minutes": "Kunci layar otomatis (menit)",
    "report.number_template": "Pola nomor laporan",
    "report.class_meeting": "Kode klasifikasi laporan rapat",
    "report.class_incident": "Kode klasifikasi laporan kejadian",
    "report.security_class": "Klasifikasi keamanan laporan",
    "report.commander_id": "Penanda tangan Mengetahui",
    "report.letterhead": "Kop surat pada laporan",
    "report.paper": "Ukuran kertas laporan",
}


def label(key: str) -> str:
    """A setting's name in the user's language ("gui.officer_on_duty" -> "Petugas piket")."""
    return _(_LABELS[key]) if key in _LABELS else key


def get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Setting, key)
    return row.value if row is not None else default


def get_int(session: Session, key: str, default: int = 0) -> int:
    try:
        return int(get(session, key, str(default)) or default)
    except ValueError:
        return default


def put(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()
