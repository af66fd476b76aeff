"""Run by test_screen_sizes.py in a process of its own for each screen (the platform's
screen is fixed when the application starts): every page and dialog fits the available
screen and no button's text is cut."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QDialog, QScrollArea, QWidget

from okudesk.gui.pages import PAGES


def _problems(widget: QWidget, where: str) -> list[str]:
    QApplication.processEvents()
    screen = widget.screen().availableGeometry()
    found = []
    frame = widget.frameGeometry()
    if not screen.contains(frame):
        found.append(f"{where}: frame {frame.getRect()} leaves the screen {screen.getRect()}")
    for button in widget.findChildren(QAbstractButton):
        if not button.isVisible() or not button.text():
            continue
        if button.width() < button.sizeHint().width():
            found.append(
                f"{where}: button {button.text()!r} is {button.width()} px wide, its text needs "
                f"{button.sizeHint().width()}"
            )
    for area in widget.findChildren(QScrollArea):
        if area.isVisible() and area.horizontalScrollBar().isVisible():
            found.append(f"{where}: {type(area.widget()).__name__} needs a horizontal scrollbar")
    return found


def test_every_page_and_dialog_fits_the_screen(people, window, store, qtbot, idle, yesterday):
    from okudesk.core.records import incidents, meetings, reference

    with store.write() as s:
        meetings.create_meeting(s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang"))
        cat = reference.incident_categories(s)[0].id
        incidents.create_incident(
            s,
            incidents.IncidentInput(
                occurred_at=yesterday, category_id=cat, title="Baliho", description="Rusak"
            ),
        )
    window.showNormal()
    problems: list[str] = []
    for spec in PAGES:
        page = window.go_to(spec.key)
        qtbot.waitUntil(lambda page=page: window.current_page() is page, timeout=10_000)
        idle()
        problems += _problems(window, f"page {spec.key}")

    def dialog_problems(dialog: QDialog, name: str) -> None:
        dialog.show()
        qtbot.waitExposed(dialog)
        idle()
        problems.extend(_problems(dialog, name))
        dialog.hide()
        dialog.deleteLater()

    from okudesk.gui.dialogs.help import HelpDialog
    from okudesk.gui.dialogs.report_print import PrintReportDialog
    from okudesk.gui.dialogs.report_settings import ReportSettingsDialog
    from okudesk.gui.dialogs.report_verify import VerifyDialog
    from okudesk.gui.dialogs.signing_credential import CredentialDialog
    from okudesk.gui.forms.incident_form import IncidentDialog
    from okudesk.gui.forms.meeting_form import MeetingDialog
    from okudesk.gui.forms.stakeholder_form import StakeholderDialog
    from okudesk.gui.signature_pad import SignatureDialog

    officer = people["officers"][0]
    meetings_page = window.go_to("meetings")
    qtbot.waitUntil(lambda: meetings_page.current_id() is not None, timeout=10_000)
    meeting_id = meetings_page.current_id()
    for make, name in (
        (lambda: MeetingDialog(window), "new meeting"),
        (lambda: MeetingDialog(window, meeting_id), "meeting"),
        (lambda: IncidentDialog(window), "new incident"),
        (lambda: StakeholderDialog(window), "new stakeholder"),
        (lambda: PrintReportDialog(window, "meeting", meeting_id), "print"),
        (lambda: ReportSettingsDialog(window), "report settings"),
        (lambda: VerifyDialog(window), "verify"),
        (lambda: CredentialDialog(window, officer.id, officer.name), "certificate"),
        (lambda: SignatureDialog(window, officer.id, officer.name), "signature"),
        (lambda: HelpDialog(window, "kapolsek", store.data_dir), "help"),
    ):
        dialog_problems(make(), name)
    incidents_page = window.go_to("incidents")
    qtbot.waitUntil(lambda: incidents_page.detail_data is not None, timeout=10_000)
    from okudesk.gui.forms.incident_form import StatusDialog

    dialog_problems(StatusDialog(window, incidents_page.detail_data), "status")
    assert not problems, "\n".join(problems)
