"""Who acts, and what each role may do: the permission kernel every service calls.

Who acts is an :class:`Actor` in ``session.info[ACTOR_KEY]``, put there by
``Store.write(actor=...)`` / ``Store.read(actor=...)`` or by the store's default
``store.actor`` (the GUI sets it at login and clears it when the window locks; the command
line sets :func:`system_actor`). Services call :func:`require`; a session with nobody in it
is refused, so a caller that forgets to say who acts fails loudly instead of acting as
everyone. A leaf: it imports nothing of okudesk but errors and i18n.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass
from typing import TYPE_CHECKING

from okudesk.core.errors import PermissionDenied
from okudesk.core.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

ACTOR_KEY = "okudesk_actor"  # session.info key of who acts in the session (an Actor)

PERMISSIONS: dict[str, str] = {
    "data.read": "Melihat data",
    "meeting.write": "Mencatat dan mengubah rapat/kunjungan",
    "incident.write": "Mencatat dan mengubah kejadian",
    "incident.status": "Mengubah status kejadian",
    "stakeholder.write": "Mengelola daftar tokoh",
    "followup.write": "Mengelola tindak lanjut",
    "photo.write": "Menambah dan menghapus foto",
    "report.sign_own": "Menandatangani dan mencetak laporan sendiri",
    "report.sign_any": "Menandatangani dan mencetak laporan siapa pun",
    "report.acknowledge": 'Mengetahui laporan (blok "Mengetahui")',
    "officer.manage": "Mengelola petugas",
    "account.manage": "Mengelola akun dan kata sandi",
    "settings.write": "Mengubah pengaturan",
    "letterhead.write": "Mengubah kop surat",
    "reference.write": "Mengubah data referensi",
    "backup.make": "Membuat cadangan",
    "backup.restore": "Memulihkan cadangan",
    "audit.read": "Melihat jejak audit",
    "sync.export": "Membuat paket kirim ke Polres",
    "sync.import": "Mengimpor paket dan tanda terima",
    "hq.posts": "Mengelola pos (Polres)",
    "hq.certificates": "Menerbitkan sertifikat (Polres)",
    "hq.revoke": "Mencabut sertifikat (Polres)",
    "demo.fill": "Mengisi data contoh",
}

_RECORDS = {
    "meeting.write",
    "incident.write",
    "incident.status",
    "stakeholder.write",
    "followup.write",
    "photo.write",
}
_POST_ADMIN = {
    "settings.write",
    "letterhead.write",
    "reference.write",
    "backup.make",
    "backup.restore",
    "officer.manage",
    "account.manage",
    "audit.read",
    "sync.export",
    "sync.import",
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    # records and their own reports
    "petugas": frozenset({"data.read", "report.sign_own"} | _RECORDS),
    # everything at the post: records, any report, the "Mengetahui" block, officers
    "kapolsek": frozenset(
        {"data.read", "report.sign_own", "report.sign_any", "report.acknowledge"}
        | _RECORDS
        | _POST_ADMIN
    ),
    # settings, letterhead, reference data, backups (and the accounts that log in); the
    # first-run wizard's "try with demo data" runs as the first admin
    "admin": frozenset({"data.read", "demo.fill"} | _POST_ADMIN),
    # HQ: read and import
    "hq_analyst": frozenset({"data.read", "sync.import", "audit.read"}),
    # HQ: posts, certificates, revocation
    "hq_admin": frozenset(
        {"data.read", "sync.import", "audit.read", "hq.posts", "hq.certificates", "hq.revoke"}
        | _POST_ADMIN
    ),
}
ROLES = tuple(ROLE_PERMISSIONS)
ROLE_LABELS = {
    "petugas": "Petugas",
    "kapolsek": "Kapolsek / pimpinan",
    "admin": "Admin",
    "hq_analyst": "Analis Polres",
    "hq_admin": "Admin Polres",
    "system": "Sistem",
}
SYSTEM_ROLE = "system"


@dataclass(frozen=True)
class Actor:
    """Who is acting: a logged-in officer, or the console (``system``)."""

    officer_id: str | None
    name: str
    role: str
    nrp: str = ""

    @property
    def permissions(self) -> frozenset[str]:
        if self.role == SYSTEM_ROLE:
            return frozenset(PERMISSIONS)
        return ROLE_PERMISSIONS.get(self.role, frozenset())

    def may(self, permission: str) -> bool:
        if permission not in PERMISSIONS:
            raise KeyError(f"unknown permission {permission!r}")
        return permission in self.permissions


def system_actor(label: str = "") -> Actor:
    """The local administrator at the console (command line, start-up jobs).

    Whoever can run the command line on the laptop can read the database file anyway; the
    audit trail still records that the console acted, and as which operating-system user.
    """
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name on this system: still the console
        user = "?"
    return Actor(None, f"{label or 'konsol'} ({user})", SYSTEM_ROLE)


# What the console did, in words (the labels callers give :func:`system_actor`); a label not
# named here is shown as it was written.
_SYSTEM_WORK = {
    "konsol": "baris perintah",
    "panduan awal": "panduan awal",
    "instalasi": "instalasi",
    "cadangan otomatis": "cadangan otomatis",
    "pemulihan awal": "pemulihan cadangan",
    "pemulihan basis data rusak": "pemulihan basis data rusak",
    "data contoh": "data contoh",
    "tangkapan layar": "tangkapan layar",
    "selftest": "uji mandiri",
}


def actor_label(name: str, role: str) -> str:
    """Who acted, as a person reads it in a list: an officer by name; the console (role
    ``system``, stored as "<what> (<OS user>)") as the system doing that work, with the
    computer account it ran under, so "(root)" is never left unexplained."""
    if role != SYSTEM_ROLE:
        return name
    what, user = name, ""
    if name.endswith(")") and "(" in name:
        what, _sep, rest = name.rpartition("(")
        what, user = what.strip(), rest[:-1].strip()
    what = what or "konsol"
    head, _comma, asked = what.partition(", ")  # "data contoh, <who asked for it>"
    if head in _SYSTEM_WORK:
        what = _(_SYSTEM_WORK[head])
        if asked and asked != f"{head} ({user})":  # the console asking itself goes unsaid
            what = _("{work} untuk {who}", work=what, who=asked)
    elif asked:
        what = f"{head}, {asked}"
    if user:
        return _("Sistem ({what}, akun komputer {user})", what=what, user=user)
    return _("Sistem ({what})", what=what)


def current(session: Session) -> Actor | None:
    return session.info.get(ACTOR_KEY)


def may(session: Session, permission: str) -> bool:
    actor = current(session)
    return actor is not None and actor.may(permission)


def check(actor: Actor | None, permission: str) -> Actor:
    """Refuse (PermissionDenied) unless ``actor`` may do ``permission``."""
    if actor is None:
        raise PermissionDenied(_("Belum ada petugas yang masuk; masuk dulu untuk melakukan ini"))
    if not actor.may(permission):
        raise PermissionDenied(
            _(
                "Peran {role} tidak diizinkan: {what}",
                role=ROLE_LABELS.get(actor.role, actor.role),
                what=_(PERMISSIONS[permission]),
            )
        )
    return actor


def require(session: Session, permission: str) -> Actor:
    """The permission check of the core: services call it before they change anything."""
    return check(current(session), permission)


def require_own_or(session: Session, officer_id: str | None, own: str, anyone: str) -> Actor:
    """Allowed when the actor may do ``anyone``, or may do ``own`` and is ``officer_id``
    (e.g. ``require_own_or(s, report_author_id, "report.sign_own", "report.sign_any")``)."""
    actor = current(session)
    if actor is not None and actor.may(anyone):
        return actor
    actor = check(actor, own)
    if actor.officer_id is None or actor.officer_id != officer_id:
        raise PermissionDenied(
            _("Hanya dapat dilakukan oleh petugas yang bersangkutan atau pimpinan")
        )
    return actor
