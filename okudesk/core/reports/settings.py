"""Per-post report settings, kept in the local ``setting`` table (each laptop is one post)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from okudesk.core.errors import ValidationError
from okudesk.core.i18n import _
from okudesk.core.models import Setting
from okudesk.core.reports import numbering

PREFIX = "report."


@dataclass(frozen=True)
class ReportSettings:
    number_template: str = numbering.DEFAULT_TEMPLATE
    class_meeting: str = "LHK"  # classification code of a Laporan Hasil Kegiatan
    class_incident: str = "LI"  # ... of a Laporan Informasi
    security_class: str = "Biasa"
    commander_id: str = ""  # the officer of the "Mengetahui" block ('' = the Kapolsek by position)
    letterhead: bool = True  # the kop surat can be turned off to save ink
    paper: str = "A4"  # or "F4" (folio, 215 x 330 mm), which many Indonesian offices use

    def class_code(self, kind: str) -> str:
        return self.class_meeting if kind == "meeting" else self.class_incident


_FIELDS = (
    "number_template",
    "class_meeting",
    "class_incident",
    "security_class",
    "commander_id",
    "letterhead",
    "paper",
)
PAPERS = ("A4", "F4")


def load(session: Session) -> ReportSettings:
    default = ReportSettings()

    def stored(name: str) -> str:
        row = session.get(Setting, PREFIX + name)
        return getattr(default, name) if row is None else row.value

    letterhead = session.get(Setting, PREFIX + "letterhead")
    return ReportSettings(
        number_template=stored("number_template"),
        class_meeting=stored("class_meeting"),
        class_incident=stored("class_incident"),
        security_class=stored("security_class"),
        commander_id=stored("commander_id"),
        letterhead=default.letterhead if letterhead is None else letterhead.value == "1",
        paper=stored("paper") if stored("paper") in PAPERS else default.paper,
    )


def save(session: Session, settings: ReportSettings) -> ReportSettings:
    from okudesk.core.permissions import require

    require(session, "settings.write")
    numbering.validate_template(settings.number_template)
    if settings.security_class not in numbering.SECURITY_CLASSES:
        raise ValidationError(
            _("Klasifikasi keamanan tidak dikenal: {value}", value=settings.security_class),
            "security_class",
        )
    if settings.paper not in PAPERS:
        raise ValidationError(
            _("Ukuran kertas tidak dikenal: {value}", value=settings.paper), "paper"
        )
    for name in ("class_meeting", "class_incident"):
        value = getattr(settings, name)
        if not value.strip() or "/" in value or len(value) > 20:
            raise ValidationError(
                _("Kode klasifikasi tidak boleh kosong, memuat '/', atau lebih dari 20 karakter"),
                name,
            )
    for name in _FIELDS:
        value = getattr(settings, name)
        text = ("1" if value else "0") if name == "letterhead" else str(value).strip()
        row = session.get(Setting, PREFIX + name)
        if row is None:
            session.add(Setting(key=PREFIX + name, value=text))
        else:
            row.value = text
    session.flush()
    return load(session)


# --- the optional logo of the kop surat: a picture in the data folder (never travels) -------

LOGO_FILE = "kop-logo.png"
LOGO_MAX = (600, 600)


def load_logo(data_dir: Path) -> bytes | None:
    path = Path(data_dir) / LOGO_FILE
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ValidationError(
            _("Berkas {path} tidak dapat dibaca: {reason}", path=path, reason=exc.strerror or exc),
            "logo",
        ) from exc


def save_logo(data_dir: Path, picture: bytes | None) -> None:
    """Keep ``picture`` (any image) as the kop surat's logo, or remove the logo."""
    from okudesk.core.files import write_atomically
    from okudesk.core.records.photos import png_within

    path = Path(data_dir) / LOGO_FILE
    if picture is None:
        path.unlink(missing_ok=True)
        return
    write_atomically(path, png_within(picture, LOGO_MAX, "logo"))
