"""The report dialogs as a user meets them: draw a signature, print a report, verify it."""

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog

from okudesk.core.models import Officer
from okudesk.core.records import meetings, officers, reference
from okudesk.core.security import credentials
from okudesk.gui import messages, operations
from okudesk.gui.dialogs import report_print, report_settings, report_verify
from okudesk.gui.pages import reports as reports_page
from okudesk.gui.signature_pad import SignatureDialog

PASS = "rahasia-pelapor"


@pytest.fixture
def gui_store(store, yesterday, qtbot):
    with store.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        kec = reference.kecamatan(s)[0].id
        reporter = officers.add_officer(
            s,
            name="Budi Santoso",
            nrp="85071234",
            rank_id=ranks["Aiptu"],
            position="Bhabinkamtibmas",
        )
        credentials.enroll_officer(s, reporter.id, PASS)
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                ends_at=yesterday + timedelta(hours=1),
                kecamatan_id=kec,
                place="Balai desa",
                purpose="Silaturahmi kamtibmas",
                reported_by_id=reporter.id,
            ),
        )
    hub = (
        operations.hub()
    )  # this test's own, from gui_env (tests/gui/conftest.py), which shuts it down
    hub.store = store
    store.ids = {"reporter": reporter.id, "meeting": meeting.id}
    yield store
    qtbot.waitUntil(
        lambda: hub.taskman.pending == 0, timeout=20_000
    )  # no callback into a closed widget


def _draw(qtbot, pad, points):
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[0]))
    for p in points[1:]:
        qtbot.mouseMove(pad, QPoint(*p))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(*points[-1]))


def test_officer_draws_a_signature_and_it_is_kept(gui_store, qtbot):
    dialog = SignatureDialog(None, gui_store.ids["reporter"], "Budi Santoso")
    qtbot.addWidget(dialog)
    dialog.show()
    pad = dialog.pad
    assert not dialog.save_button.isEnabled()
    _draw(qtbot, pad, [(40, 120), (90, 60), (150, 110), (220, 50)])
    _draw(qtbot, pad, [(60, 140), (260, 130)])
    assert len(pad.strokes) == 2 and dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert len(pad.strokes) == 1
    qtbot.mouseClick(dialog.redo_button, Qt.MouseButton.LeftButton)
    assert len(pad.strokes) == 2
    qtbot.mouseClick(dialog.clear_button, Qt.MouseButton.LeftButton)
    assert pad.is_empty() and not dialog.save_button.isEnabled()
    _draw(qtbot, pad, [(40, 120), (90, 60), (150, 110), (220, 50)])
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with gui_store.read() as s:
        png = s.get(Officer, gui_store.ids["reporter"]).signature_png
    assert png.startswith(b"\x89PNG")


def test_signature_can_be_imported_from_a_picture(gui_store, qtbot, tmp_path, monkeypatch):
    from PIL import Image

    picture = tmp_path / "ttd.png"
    Image.new("RGBA", (300, 100), (0, 0, 90, 255)).save(picture)
    dialog = SignatureDialog(None, gui_store.ids["reporter"], "Budi Santoso")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(messages, "open_images", lambda parent: [str(picture)])
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.pad.picture is not None and dialog.save_button.isEnabled()


def _print_dialog(qtbot, gui_store):
    dialog = report_print.PrintReportDialog(None, "meeting", gui_store.ids["meeting"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.signer.count() > 0, timeout=10_000)
    return dialog


def test_cetak_laporan_signs_previews_prints_and_saves(gui_store, qtbot, tmp_path, monkeypatch):
    dialog = _print_dialog(qtbot, gui_store)
    assert "85071234" in dialog.signer.currentText()
    qtbot.keyClicks(dialog.passphrase, "salah")
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=10_000)
    assert "Kata sandi salah" in dialog.error.text() and dialog.result is None
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASS)
    with qtbot.waitSignal(dialog.finished_report, timeout=20_000) as signal:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert result.signed and result.number.startswith("B/1/") and dialog.passphrase.text() == ""
    assert dialog.progress.value() == 100

    # the built-in preview shows every page of the signed report
    qtbot.waitUntil(lambda: dialog.preview_pages() == result.pages, timeout=10_000)
    assert dialog.preview_stack.currentWidget() is dialog.preview and result.pages >= 1

    # printing needs no viewer and no `lp`: any subprocess or viewer would fail the test
    def no_process(*args, **kwargs):
        raise AssertionError(f"printing started a process: {args}")

    import subprocess

    for name in ("run", "Popen", "call", "check_call", "check_output"):
        monkeypatch.setattr(subprocess, name, no_process)
    monkeypatch.setattr(report_print, "open_in_viewer", no_process)
    from PySide6.QtPrintSupport import QPrinter

    paper = tmp_path / "dicetak.pdf"
    chosen = []

    def choose(parent, pdf):  # what the print dialog's "Print to File" leaves in the printer
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(paper))
        chosen.append(pdf)
        return printer

    monkeypatch.setattr(report_print, "choose_printer", choose)
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "dikirim ke" in dialog.status.text(), timeout=30_000)
    assert chosen == [result.pdf] and str(paper) in dialog.status.text()
    from okudesk.gui import pdf_print

    printed, _buffer = pdf_print.load(paper.read_bytes())
    assert printed.pageCount() == result.pages
    # a printed page carries the report: its text is on it as an image, so compare sizes
    assert printed.pagePointSize(0).toSize() == dialog._document[0].pagePointSize(0).toSize()

    opened = []
    monkeypatch.setattr(report_print, "open_in_viewer", lambda path: opened.append(path) or True)
    monkeypatch.setattr(
        report_print, "ask_save_path", lambda parent, suggested: str(tmp_path / suggested)
    )
    qtbot.mouseClick(dialog.viewer_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert opened == [result.path]
    saved = tmp_path / (result.number.replace("/", "-") + ".pdf")
    assert saved.read_bytes() == result.pdf

    def trail():  # signing, printing and saving a copy are in the audit trail
        from okudesk.core.history import audit

        with gui_store.read() as s:
            return {e.action for e in audit.entries(s, record_id=result.record_id)}

    qtbot.waitUntil(lambda: {"sign", "print", "export"} <= trail(), timeout=10_000)


def test_a_loaded_pdf_stays_drawable_when_its_buffer_is_dropped(qtbot):
    """The preview and the printer keep the document; PDFium reads its pages from the buffer
    only when they are drawn, so a dropped buffer must not take the bytes with it (drawing a
    page then crashed the application)."""
    from PySide6.QtCore import QBuffer, QIODevice, QSize
    from PySide6.QtGui import QPainter, QPdfWriter

    from okudesk.gui import pdf_print

    out = QBuffer()
    out.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(out)
    painter = QPainter(writer)
    for page in range(3):
        if page:
            writer.newPage()
        painter.drawText(200, 200, f"Laporan halaman {page + 1}")
    painter.end()
    document, buffer = pdf_print.load(bytes(out.data()))
    assert document.pageCount() == 3
    del buffer  # a caller keeps only the document, as the preview does
    image = document.render(2, QSize(210, 297))
    assert not image.isNull()


def test_draft_needs_no_passphrase(gui_store, qtbot):
    dialog = _print_dialog(qtbot, gui_store)
    qtbot.mouseClick(dialog.draft, Qt.MouseButton.LeftButton)
    assert not dialog.passphrase.isEnabled()
    with qtbot.waitSignal(dialog.finished_report, timeout=20_000) as signal:
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert not signal.args[0].signed and dialog.pdf_path.exists()
    dialog.pdf_path.unlink()


def test_verifikasi_dokumen_shows_valid_and_modified(gui_store, qtbot, tmp_path):
    from okudesk.core.reports import service

    result = service.make_report(gui_store, "meeting", gui_store.ids["meeting"], passphrase=PASS)
    dialog = report_verify.VerifyDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.verified, timeout=20_000):
        dialog.verify_file(result.path)
    assert dialog.verdict.text().startswith("SAH")
    assert (
        "85071234" in dialog.details.toPlainText()
        and "Budi Santoso" in dialog.details.toPlainText()
    )
    data = bytearray(result.pdf)
    data[data.index(b"stream", data.index(b"/Length")) + 40] ^= 0x20
    tampered = tmp_path / "ubah.pdf"
    tampered.write_bytes(bytes(data))
    with qtbot.waitSignal(dialog.verified, timeout=20_000):
        dialog.verify_file(tampered)
    assert dialog.verdict.text().startswith("DIUBAH")
    dialog.verify_file(Path(tmp_path / "tidak-ada.pdf"))
    qtbot.waitUntil(lambda: "tidak dapat dibaca" in dialog.verdict.text(), timeout=10_000)


def test_verifikasi_dokumen_compares_with_the_register(gui_store, qtbot, tmp_path):
    """A page changed and signed again by another trusted officer is not shown as SAH."""
    import io

    from pypdf import PdfReader, PdfWriter

    from okudesk.core.reports import service, signing

    result = service.make_report(gui_store, "meeting", gui_store.ids["meeting"], passphrase=PASS)
    dialog = report_verify.VerifyDialog()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.verified, timeout=20_000):
        dialog.verify_file(result.path)
    assert f"nomor {result.number}, berkas sama" in dialog.details.toPlainText()
    assert result.number in dialog.details.toPlainText().split("Penanda tangan")[0]
    with gui_store.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        other = officers.add_officer(
            s, name="Hendra Wijaya", nrp="78050011", rank_id=ranks["Iptu"], position="Kapolsek"
        )
        credentials.enroll_officer(s, other.id, "rahasia-kapolsek")
    with gui_store.read() as s:
        identity = credentials.signing_identity(s, other.id, "rahasia-kapolsek")
    reader = PdfReader(io.BytesIO(result.pdf))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
        writer.pages[-1].pop("/Annots", None)
    writer.add_metadata(dict(reader.metadata))  # same document ID, number and content hash
    rewritten = io.BytesIO()
    writer.write(rewritten)
    forged = tmp_path / "palsu.pdf"
    forged.write_bytes(
        signing.sign_pdf(
            rewritten.getvalue(), identity, page=1, box=(300, 100, 520, 160), name="Hendra Wijaya"
        )
    )
    with qtbot.waitSignal(dialog.verified, timeout=20_000):
        dialog.verify_file(forged)
    assert dialog.verdict.text().startswith("TIDAK SESUAI REGISTER")
    details = dialog.details.toPlainText()
    assert "tetapi berkas ini berbeda" in details and "Hendra Wijaya (78050011)" in details


def test_reports_page_lists_the_register(gui_store, qtbot):
    from okudesk.core.reports import service

    result = service.make_report(gui_store, "meeting", gui_store.ids["meeting"], passphrase=PASS)
    page = reports_page.ReportsPage(None)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.ready, timeout=10_000):
        page.activate()
    assert page.table.rowCount() == 1 and page.table.item(0, 0).text() == result.number
    from okudesk.core.records import meetings

    with gui_store.read() as s:
        meeting = meetings.get_meeting(s, gui_store.ids["meeting"])
    about = page.table.item(0, 2).text()  # which meeting the report is about
    assert about.startswith(meeting.number) and meeting.purpose.split()[0] in about
    assert page.officer.count() == 1
    dialog = page.edit_credential()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: "NRP 85071234" in dialog.info.text(), timeout=10_000)


def test_main_window_wiring(gui_store, qtbot):
    from okudesk.gui.main_window import MainWindow

    window = MainWindow(gui_store)
    qtbot.addWidget(window)
    qtbot.waitUntil(window.nav.isEnabled, timeout=15_000)
    page = window.go_to("meetings")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=15_000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.current_id() == gui_store.ids["meeting"], timeout=10_000)
    qtbot.mouseClick(page.report_button, Qt.MouseButton.LeftButton)
    (dialog,) = page.findChildren(report_print.PrintReportDialog)
    qtbot.waitUntil(lambda: dialog.signer.count() > 0, timeout=10_000)
    dialog.close()
    reports = window.go_to("reports")
    assert isinstance(reports, reports_page.ReportsPage)
    qtbot.waitUntil(lambda: reports.officer.count() == 1, timeout=10_000)


def test_report_settings_dialog(gui_store, qtbot):
    from okudesk.core.reports import settings

    dialog = report_settings.ReportSettingsDialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.template.text() != "", timeout=10_000)
    assert dialog.example.text().startswith("B/42/")
    dialog.template.clear()
    qtbot.keyClicks(dialog.template, "B/{no}/{year}")
    assert dialog.example.text() == "-" and dialog.error.text()
    dialog.template.clear()
    qtbot.keyClicks(dialog.template, "{sec}/{no}/{month}/{class}/{year}/Sek-{code}")
    dialog.security.setCurrentIndex(dialog.security.findData("Rahasia"))
    dialog.letterhead.setChecked(False)
    assert dialog.paper.currentData() == "A4"
    dialog.paper.setCurrentIndex(dialog.paper.findData("F4"))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with gui_store.read() as s:
        cfg = settings.load(s)
    assert (
        cfg.number_template.endswith("Sek-{code}")
        and cfg.security_class == "Rahasia"
        and not cfg.letterhead
        and cfg.paper == "F4"
    )


@pytest.mark.parametrize("code", ["PNG", None])
def test_report_settings_number_example_uses_this_posts_code_or_says_the_post_is_not_set_up(
    code, tmp_path, qtbot
):
    from okudesk.core import permissions
    from okudesk.core.records import posts
    from okudesk.core.store import Store

    store = Store.open(tmp_path / "data")
    store.actor = permissions.system_actor("pytest")
    if code:
        with store.write() as s:
            kec = reference.kecamatan(s)[0].id
            posts.set_up_this_post(
                s,
                code=code,
                name="Polsek Pengandonan",
                letterhead=["POLSEK PENGANDONAN"],
                place_name="Pengandonan",
                kecamatan_ids=[kec],
            )
    hub = operations.Hub()
    hub.store = store
    operations.set_hub(hub)
    try:
        dialog = report_settings.ReportSettingsDialog()
        qtbot.addWidget(dialog)
        if code:
            qtbot.waitUntil(lambda: dialog.template.text() != "", timeout=10_000)
            dialog.template.clear()
            qtbot.keyClicks(dialog.template, "{no}/{year}/{code}")
            assert dialog.example.text().endswith("/PNG") and not dialog.error.text()
        else:  # no post: no made-up code in the example, and the reason is shown
            qtbot.waitUntil(lambda: "belum disiapkan" in dialog.error.text(), timeout=10_000)
            qtbot.keyClicks(dialog.template, "{no}/{year}/{code}")
            assert dialog.example.text() == "-"
    finally:
        qtbot.waitUntil(lambda: hub.taskman.pending == 0, timeout=20_000)
        hub.taskman.shutdown()
        operations.set_hub(None)
        store.close()


def test_changing_a_signed_meeting_in_its_form_asks_for_a_reason(gui_store, qtbot, monkeypatch):
    from okudesk.core.records import register
    from okudesk.core.reports import service
    from okudesk.gui import messages
    from okudesk.gui.forms.meeting_form import MeetingDialog

    first = service.make_report(gui_store, "meeting", gui_store.ids["meeting"], passphrase=PASS)
    asked = []
    monkeypatch.setattr(
        messages,
        "text_input",
        lambda parent, title, label, text="": asked.append(label) or "Tempat salah ketik",
    )
    dialog = MeetingDialog(None, gui_store.ids["meeting"])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog._loading, timeout=10_000)
    dialog.place.clear()
    qtbot.keyClicks(dialog.place, "Balai Desa Sukaraya")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked and first.number in asked[0]
    with gui_store.read() as s:
        assert meetings.get_meeting(s, gui_store.ids["meeting"]).place == "Balai Desa Sukaraya"
        reason = register.amendment_reason(s, "meeting", gui_store.ids["meeting"])
    assert (
        reason is not None
        and reason[0].number == first.number
        and reason[1] == "Tempat salah ketik"
    )


def test_report_settings_logo(gui_store, qtbot, tmp_path, monkeypatch):
    from PIL import Image

    from okudesk.core.reports import settings
    from okudesk.gui import messages

    picture = tmp_path / "logo.png"
    Image.new("RGB", (200, 200), (120, 80, 10)).save(picture)
    monkeypatch.setattr(messages, "open_images", lambda parent: [str(picture)])
    dialog = report_settings.ReportSettingsDialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.template.text() != "", timeout=10_000)
    assert not dialog.logo_remove.isEnabled()
    qtbot.mouseClick(dialog.logo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.logo_remove.isEnabled, timeout=10_000)
    assert settings.load_logo(gui_store.data_dir) is not None
    qtbot.mouseClick(dialog.logo_remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.logo_remove.isEnabled(), timeout=10_000)
    assert settings.load_logo(gui_store.data_dir) is None


def test_ctrl_p_prints_what_the_page_shows_or_says_why_not(gui_store, qtbot, monkeypatch):
    from PySide6.QtGui import QKeySequence
    from PySide6.QtTest import QTest

    from okudesk.core.reports import service
    from okudesk.gui.main_window import MainWindow

    result = service.make_report(gui_store, "meeting", gui_store.ids["meeting"], passphrase=PASS)
    opened = []
    monkeypatch.setattr(reports_page, "open_in_viewer", lambda path: opened.append(path) or True)
    window = MainWindow(gui_store)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.nav.isEnabled, timeout=15_000)
    qtbot.waitUntil(window.isActiveWindow)  # the shortcuts only fire in the active window

    def ctrl_p():
        # the shortcut fires only in the active window, and what it says may come after the
        # key event is handled: make sure of the first, wait for the second
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        QTest.keySequence(window, QKeySequence(QKeySequence.StandardKey.Print))

    def says(text: str) -> None:
        qtbot.waitUntil(lambda: window.statusBar().currentMessage() == text, timeout=5_000)

    window.go_to("home")
    ctrl_p()
    says("Tidak ada yang dapat dicetak di halaman ini")
    meetings_page = window.go_to("meetings")
    qtbot.waitUntil(lambda: meetings_page.model.rowCount() > 0, timeout=15_000)
    qtbot.waitUntil(meetings_page.model.is_idle, timeout=15_000)  # no selection comes later
    meetings_page.table.clearSelection()
    meetings_page.table.setCurrentIndex(meetings_page.model.index(-1, 0))
    ctrl_p()
    says("Pilih satu rapat di daftar untuk dicetak")
    reports = window.go_to("reports")
    qtbot.waitUntil(lambda: reports.table.rowCount() == 1, timeout=10_000)
    reports.table.selectRow(0)
    ctrl_p()
    qtbot.waitUntil(lambda: bool(opened), timeout=5_000)
    assert opened == [result.path] and result.path.exists()


def test_periksa_kode_reads_a_paper_copys_code_from_the_register(gui_store, qtbot):
    from okudesk.core.records import register
    from okudesk.core.reports import service

    result = service.make_report(gui_store, "meeting", gui_store.ids["meeting"], passphrase=PASS)
    with gui_store.read() as s:
        code = register.verification_code(
            register.find(s, document_id=result.document_id).content_sha256
        )
    page = reports_page.ReportsPage(None)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.code_button, Qt.MouseButton.LeftButton)
    dialog = page.findChild(QDialog)
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)  # nothing typed yet
    assert "Ketik kode" in dialog.verdict.text()
    qtbot.keyClicks(dialog.code, "ZZZZ-ZZZZ")
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "tidak ada di register" in dialog.verdict.text(), timeout=10_000)
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, "12")
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "8 huruf/angka" in dialog.verdict.text(), timeout=10_000)
    dialog.code.clear()
    qtbot.keyClicks(dialog.code, code.lower())
    qtbot.keyClick(dialog.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.verdict.text().startswith("Terdaftar"), timeout=10_000)
    details = dialog.details.toPlainText()
    assert result.number in details and "Budi Santoso (NRP 85071234)" in details
    assert "Status: berlaku" in details


def test_qt_print_and_file_dialogs_speak_indonesian(qtbot):
    """Qt's own print dialog (where the platform has no native one) and file dialog take
    their words from resources/translations/qt_id.ts, loaded with the Indonesian language."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QLabel, QPushButton

    from okudesk.gui import i18n

    try:
        i18n.install("id")
        dialog = QPrintDialog(QPrinter())
        qtbot.addWidget(dialog)
        words = {b.text() for b in dialog.findChildren(QPushButton)} | {
            w.text() for w in dialog.findChildren(QLabel)
        }
        assert "&Cetak" in words and "Jumlah salinan:" in words, words
        translate = QCoreApplication.translate
        assert translate("QPrintDialog", "Print to File (PDF)") == "Cetak ke berkas (PDF)"
        assert translate("QFileDialog", "Save As") == "Simpan sebagai"
        i18n.install("en")
        assert translate("QPrintDialog", "&Print") == "&Print"
    finally:
        i18n.install("id")


def test_the_number_pattern_is_edited_in_words(gui_store, qtbot):
    from okudesk.core.reports import settings
    from okudesk.gui import i18n

    dialog = report_settings.ReportSettingsDialog()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.template.text() != "", timeout=10_000)
    assert dialog.template.text() == "[sifat]/[nomor]/[bulan]/[klasifikasi]/[tahun]/[kode pos]"
    assert "{" not in dialog.template.toolTip()
    dialog.template.clear()
    qtbot.keyClicks(dialog.template, "[nomer]/[tahun]/[kode pos]")  # a typo is named
    assert dialog.example.text() == "-" and "[nomer]" in dialog.error.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    dialog.template.clear()
    qtbot.keyClicks(dialog.template, "[nomor]/[tahun]")  # the rule, in words
    assert "[kode pos]" in dialog.error.text() and "{" not in dialog.error.text()
    dialog.template.clear()
    qtbot.keyClicks(dialog.template, "[Nomor]/Sek-[kode pos]/[tahun]")
    assert dialog.error.text() == "" and dialog.example.text().startswith("42/Sek-BTT/")
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with gui_store.read() as s:
        assert settings.load(s).number_template == "{no}/Sek-{code}/{year}"
    assert report_settings.pattern_in_words("{no}/{year}/{code}") == "[nomor]/[tahun]/[kode pos]"
    i18n.install("en")
    try:
        words = report_settings.pattern_in_words("{no}/{year}/{code}")
        assert report_settings.pattern_from_words(words) == "{no}/{year}/{code}"
    finally:
        i18n.install("id")


def test_a_form_closed_while_the_worker_lags_is_destroyed_on_the_ui_thread(
    gui_store, qtbot, monkeypatch
):
    """A busy laptop may pause the worker right after it says an operation is done; a form
    the user closes meanwhile must still be destroyed by the UI thread (a widget destroyed
    on the worker crashed the application, in the UI thread's event processing)."""
    import threading
    import time
    from concurrent.futures import Future

    from okudesk.gui.forms.meeting_form import MeetingDialog

    set_result = Future.set_result

    def lagging(future, result):  # the worker is descheduled once its result is in
        set_result(future, result)
        if threading.current_thread() is not threading.main_thread():
            time.sleep(0.3)

    monkeypatch.setattr(Future, "set_result", lagging)
    destroyed_on = []

    def open_and_cancel() -> None:
        dialog = MeetingDialog(None, gui_store.ids["meeting"])
        dialog.destroyed.connect(
            lambda: destroyed_on.append(threading.current_thread().name),
            Qt.ConnectionType.DirectConnection,
        )
        dialog.show()
        qtbot.waitUntil(lambda: not dialog._loading, timeout=10_000)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        assert not dialog.isVisible()

    open_and_cancel()  # the user is done with the form: nothing of the UI holds it any more
    qtbot.waitUntil(lambda: destroyed_on != [], timeout=10_000)
    assert destroyed_on == [threading.main_thread().name]
