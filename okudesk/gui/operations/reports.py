"""Reports: make and sign, verify a PDF, officers' signing keys, report settings, the register."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, StoreTask, WriteOp, hub


def print_choices(*, parent: QWidget | None, kind: str, record_id: str) -> QueryOp[tuple]:
    """(the record's number, who reported it, (id, NRP, label, has a key) of each officer,
    the signed report that locks the record or None)."""

    def work(session):
        from okudesk.core.records import incidents, meetings, officers, register
        from okudesk.core.security import credentials

        detail = (
            meetings.get_meeting(session, record_id)
            if kind == "meeting"
            else incidents.get_incident(session, record_id)
        )
        people = [
            (
                o.id,
                o.nrp,
                f"{o.display} ({o.nrp})",
                credentials.credential(session, o.id) is not None,
            )
            for o in officers.list_officers(session)
        ]
        return (
            detail.number,
            detail.reported_by_id,
            people,
            register.locked_by(session, kind, record_id),
        )

    return QueryOp(parent, work)


def signing_refusal(*, parent: QWidget | None, kind: str, record_id: str) -> QueryOp[str | None]:
    """Why this installation may not sign the record's report (HQ), or None: asked before
    anyone types a passphrase."""

    def work(session):
        from okudesk.core.reports import service

        return service.signing_refusal(session, kind, record_id)

    return QueryOp(parent, work)


DRAFTS = "draf"


def _draft_path(data_dir: Path) -> Path:
    """Drafts stay in the data folder (the user's own, where the data is), not in %TEMP%,
    where nobody ever deletes them; :func:`discard_drafts` removes them."""
    return Path(data_dir) / DRAFTS / f"draf-{uuid.uuid4().hex[:12]}.pdf"


def discard_drafts(*, only: Path | None = None) -> StoreTask[None]:
    """Remove the draft PDFs: ``only`` one when its print dialog closes, or all at start
    (those a crash or a viewer holding one open on Windows left behind)."""

    def work(store):
        from okudesk.core.files import discard

        folder = store.data_dir / DRAFTS
        if only is not None:
            if only.parent == folder:
                discard(only)
            return
        for path in folder.glob("*.pdf") if folder.is_dir() else []:
            discard(path)

    return StoreTask(None, work)


def make_report(
    *,
    parent: QWidget | None,
    kind: str,
    record_id: str,
    passphrase: str | None,
    draft: bool,
    officer_nrp: str | None,
    progress: Callable[[str, int], None],
) -> StoreTask[tuple]:
    """(the report, the PDF file to show: one in the data folder's ``draf/`` for a draft)."""

    def work(store):
        from okudesk.core.files import write_atomically
        from okudesk.core.reports import service

        result = service.make_report(
            store,
            kind,
            record_id,
            passphrase=passphrase,
            draft=draft,
            officer_nrp=officer_nrp,
            progress=progress,
        )
        path = result.path
        if store.data_key is not None:
            # an encrypted folder keeps no plain copy: the preview and the printer take the
            # bytes; a file for the system's viewer is written only when asked (viewer_copy)
            return result, None
        if path is None:  # a draft: a file for the viewer and the printer
            path = _draft_path(store.data_dir)
            write_atomically(path, result.pdf)
        return result, path

    return StoreTask(parent, work)


def viewer_copy(*, parent: QWidget | None, pdf: bytes) -> StoreTask[Path]:
    """A plain copy of ``pdf`` in the data folder's drafts for the system's PDF viewer, at
    the user's asking (it is deleted with the dialog, or at the next start)."""

    def work(store):
        from okudesk.core.files import write_atomically

        path = _draft_path(store.data_dir)
        write_atomically(path, pdf)
        return path

    return StoreTask(parent, work)


def record_event(
    *, parent: QWidget | None, action: str, kind: str, record_id: str, summary: str
) -> WriteOp[None]:
    """Put an event that changes no record (a print, a saved copy) in the audit trail."""

    def work(session):
        from okudesk.core.history import audit

        audit.record(session, action, record_type=kind, record_id=record_id, summary=summary)

    return WriteOp(parent, work)


def verify_pdf(*, parent: QWidget | None, path: Path, unreadable: str) -> StoreTask[tuple]:
    """(the verification of the PDF in ``path``, how it compares with the register);
    ``unreadable`` is the message (with ``{reason}``) when the file cannot be read."""

    def work(store):
        from okudesk.core import sealed
        from okudesk.core.errors import OkudeskError
        from okudesk.core.reports import verification

        try:
            data = sealed.read(path)  # a kept report in the data folder is sealed
        except OSError as exc:
            raise OkudeskError(unreadable.format(reason=exc.strerror or exc)) from exc
        with store.read() as session:
            result = verification.verify_here(session, data)
            check = verification.check_register(session, result) if result.signatures else None
        return result, check

    return StoreTask(parent, work)


def credential(*, parent: QWidget | None, officer_id: str) -> QueryOp:
    def work(session):
        from okudesk.core.security import credentials

        return credentials.credential(session, officer_id)

    return QueryOp(parent, work)


def enroll_officer(*, parent: QWidget | None, officer_id: str, passphrase: str) -> WriteOp:
    """A signing key and certificate for the officer, protected by ``passphrase``."""

    def work(session):
        from okudesk.core.security import credentials

        return credentials.enroll_officer(session, officer_id, passphrase)

    return WriteOp(parent, work)


def import_pkcs12(
    *, parent: QWidget | None, officer_id: str, path: Path, file_passphrase: str, passphrase: str
) -> WriteOp:
    def work(session):
        from okudesk.core.security import credentials

        return credentials.import_pkcs12(
            session, officer_id, path.read_bytes(), file_passphrase, passphrase
        )

    return WriteOp(parent, work)


def load_settings(*, parent: QWidget | None) -> QueryOp[tuple]:
    """(the report settings, (id, label) of the officers, this post's code, whether a logo is
    set)."""

    def work(session):
        from okudesk.core.records import officers, posts
        from okudesk.core.reports import settings

        post = posts.require_this_post(session)  # a post not set up yet says so
        has_logo = settings.load_logo(hub().store.data_dir) is not None
        return (
            settings.load(session),
            [(o.id, f"{o.display} — {o.position}") for o in officers.list_officers(session)],
            post.code,
            has_logo,
        )

    return QueryOp(parent, work)


def save_logo(*, parent: QWidget | None, data: bytes | None) -> StoreTask[bool]:
    """Store (or with None, remove) the logo reports carry; whether one is set now."""

    def work(store):
        from okudesk.core.reports import settings

        settings.save_logo(store.data_dir, data)
        return data is not None

    return StoreTask(parent, work)


def save_settings(*, parent: QWidget | None, settings) -> WriteOp[None]:
    """Store the report settings (okudesk.core.reports.settings.ReportSettings)."""

    def work(session):
        from okudesk.core.reports import settings as report_settings

        report_settings.save(session, settings)

    return WriteOp(parent, work)


def register(*, parent: QWidget | None) -> QueryOp[tuple]:
    """(the signed reports, (id, label) of the officers, record ID -> what a report is
    about) for the Laporan page."""

    def work(session):
        from okudesk.core.records import officers, register

        reports = register.list_reports(session)
        return (
            reports,
            [(o.id, f"{o.display} ({o.nrp})") for o in officers.list_officers(session)],
            register.subjects(session, reports),
        )

    return QueryOp(parent, work)


def find_code(*, parent: QWidget | None, text: str) -> QueryOp[list[list[str]]]:
    """What the register says about a verification code or QR text from a paper copy: the
    lines of each report it names (none found: an empty list)."""

    def work(session):
        from okudesk.core.records import register

        return [register.code_lines(hit) for hit in register.find_by_code(session, text)]

    return QueryOp(parent, work)


def print_pdf(
    *, parent: QWidget | None, pdf: bytes, printer, progress: Callable[[str, int], None]
) -> StoreTask[int]:
    """Draw the PDF on ``printer`` (chosen in Qt's print dialog) on the worker: rendering
    pages at the printer's resolution takes seconds a window must not freeze for. The
    printer is not touched by the UI thread until this finishes."""

    def work(_store):
        from okudesk.gui import pdf_print
        from okudesk.gui.i18n import tr

        def step(done: int, total: int) -> None:
            what = tr("Mencetak halaman {done} dari {total}").format(done=done, total=total)
            progress(what, round(100 * done / max(1, total)))

        return pdf_print.print_pdf(pdf, printer, step)

    return StoreTask(parent, work, needs_store=False)
