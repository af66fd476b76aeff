"""Display texts for the codes the core stores (statuses, severities), translated with Qt."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

CTX = "labels"

INCIDENT_STATUS = {
    "dilaporkan": QT_TRANSLATE_NOOP("labels", "Dilaporkan"),
    "diverifikasi": QT_TRANSLATE_NOOP("labels", "Diverifikasi"),
    "dieskalasi": QT_TRANSLATE_NOOP("labels", "Dieskalasi"),
    "ditangani": QT_TRANSLATE_NOOP("labels", "Ditangani"),
    "selesai": QT_TRANSLATE_NOOP("labels", "Selesai"),
    "bukan_pemilu": QT_TRANSLATE_NOOP("labels", "Bukan terkait pemilu"),
    "tidak_valid": QT_TRANSLATE_NOOP("labels", "Laporan tidak valid"),
}
SEVERITY = {
    "rendah": QT_TRANSLATE_NOOP("labels", "Rendah"),
    "sedang": QT_TRANSLATE_NOOP("labels", "Sedang"),
    "tinggi": QT_TRANSLATE_NOOP("labels", "Tinggi"),
    "kritis": QT_TRANSLATE_NOOP("labels", "Kritis"),
}
SEVERITY_COLOR = {
    "rendah": "#2e7d32",
    "sedang": "#8d6e00",
    "tinggi": "#d84315",
    "kritis": "#b71c1c",
}
FOLLOW_UP_STATUS = {
    "terbuka": QT_TRANSLATE_NOOP("labels", "Terbuka"),
    "selesai": QT_TRANSLATE_NOOP("labels", "Sudah selesai"),
    "batal": QT_TRANSLATE_NOOP("labels", "Batal"),
}
CATEGORY_GROUP = {
    "pemilu": QT_TRANSLATE_NOOP("labels", "Terkait pemilu"),
    "kamtibmas": QT_TRANSLATE_NOOP("labels", "Kamtibmas umum"),
}


# The audit trail's codes as staff read them (the core keeps codes and Indonesian labels;
# these are marked here so the English screen translates them too).
AUDIT_ACTION = {
    "create": QT_TRANSLATE_NOOP("labels", "Dibuat"),
    "update": QT_TRANSLATE_NOOP("labels", "Diubah"),
    "delete": QT_TRANSLATE_NOOP("labels", "Dihapus"),
    "undelete": QT_TRANSLATE_NOOP("labels", "Dipulihkan"),
    "status": QT_TRANSLATE_NOOP("labels", "Status diubah"),
    "login": QT_TRANSLATE_NOOP("labels", "Masuk"),
    "login_failed": QT_TRANSLATE_NOOP("labels", "Gagal masuk"),
    "logout": QT_TRANSLATE_NOOP("labels", "Keluar"),
    "passphrase": QT_TRANSLATE_NOOP("labels", "Kata sandi diganti"),
    "sign": QT_TRANSLATE_NOOP("labels", "Laporan ditandatangani"),
    "print": QT_TRANSLATE_NOOP("labels", "Laporan dicetak"),
    "acknowledge": QT_TRANSLATE_NOOP("labels", "Laporan diketahui"),
    "export": QT_TRANSLATE_NOOP("labels", "Ekspor"),
    "import": QT_TRANSLATE_NOOP("labels", "Impor"),
    "backup": QT_TRANSLATE_NOOP("labels", "Cadangan dibuat"),
    "restore": QT_TRANSLATE_NOOP("labels", "Cadangan dipulihkan"),
    "settings": QT_TRANSLATE_NOOP("labels", "Pengaturan diubah"),
    "demo": QT_TRANSLATE_NOOP("labels", "Data contoh"),
}
RECORD_TYPE = {
    "meeting": QT_TRANSLATE_NOOP("labels", "Rapat/kunjungan"),
    "incident": QT_TRANSLATE_NOOP("labels", "Kejadian"),
    "stakeholder": QT_TRANSLATE_NOOP("labels", "Tokoh"),
    "follow_up": QT_TRANSLATE_NOOP("labels", "Tindak lanjut"),
    "attachment": QT_TRANSLATE_NOOP("labels", "Foto"),
    "officer": QT_TRANSLATE_NOOP("labels", "Petugas"),
    "officer_account": QT_TRANSLATE_NOOP("labels", "Akun petugas"),
    "officer_credential": QT_TRANSLATE_NOOP("labels", "Sertifikat petugas"),
    "post": QT_TRANSLATE_NOOP("labels", "Pos"),
    "setting": QT_TRANSLATE_NOOP("labels", "Pengaturan"),
    "report": QT_TRANSLATE_NOOP("labels", "Laporan"),
    "bundle": QT_TRANSLATE_NOOP("labels", "Paket sinkronisasi"),
    "receipt": QT_TRANSLATE_NOOP("labels", "Tanda terima"),
    "desa": QT_TRANSLATE_NOOP("labels", "Desa"),
    "kecamatan": QT_TRANSLATE_NOOP("labels", "Kecamatan"),
}


def audit_action(code: str) -> str:
    return label(AUDIT_ACTION, code)


def record_type(code: str | None) -> str:
    """A table's name as staff say it ("officer" -> Petugas); an unknown one as it is."""
    return label(RECORD_TYPE, code)


def translate(text: str) -> str:
    """A text marked above with QT_TRANSLATE_NOOP("labels", ...), in the running language."""
    return QCoreApplication.translate(CTX, text)


def field(record: str, name: str) -> str:
    """A field's label from the core's field table (records/fields.py), in the current
    language: each label is written once there, with its English."""
    from okudesk.core.records import fields

    return fields.record(record)[name].caption()


def changed_field(record: str, name: str) -> str:
    """A field named in the audit trail: by its label where the record has a field table,
    else as stored."""
    try:
        return field(record, name)
    except KeyError:
        return name


def field_short(record: str, name: str) -> str:
    """A field's shorter label (its list column header), in the current language."""
    from okudesk.core.records import fields

    return fields.record(record)[name].column_caption()


def label(table: dict[str, str], code: str | None) -> str:
    if not code:
        return ""
    return translate(table[code]) if code in table else code


POST_STATUS = {
    "pending": QT_TRANSLATE_NOOP("labels", "menunggu bundel pertama"),
    "active": QT_TRANSLATE_NOOP("labels", "aktif"),
    "revoked": QT_TRANSLATE_NOOP("labels", "dicabut"),
}


def post_status(code: str | None) -> str:
    """A post's standing in HQ's registry (okudesk.core.sync.trust)."""
    return label(POST_STATUS, code)


def incident_status(code: str | None) -> str:
    return label(INCIDENT_STATUS, code)


def severity(code: str | None) -> str:
    return label(SEVERITY, code)


def severity_color(code: str | None) -> QColor | None:
    return QColor(SEVERITY_COLOR[code]) if code in SEVERITY_COLOR else None


def follow_up_status(code: str | None) -> str:
    return label(FOLLOW_UP_STATUS, code)


def when(value: datetime | date | str | None, *, seconds: bool = False) -> str:
    """Dates as people write them here, the one form every screen uses: 27/11/2026 09:15
    (the date fields read and write it too, okudesk/gui/dates.py)."""
    if value is None:
        return ""
    if isinstance(value, str):  # a stored value that is not a date (listing.InvalidValue)
        return value
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M:%S" if seconds else "%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")
