"""The first week of a new post, as its people meet it: enrollment from HQ's kit, the printed
follow-ups, what each role is offered, messages, lists and dates."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from sync_world import make_hq

from okudesk.core.records import posts, reference
from okudesk.core.sync import trust
from okudesk.gui import messages

LETTERHEAD = (
    "KEPOLISIAN DAERAH SUMATERA SELATAN",
    "RESOR OGAN KOMERING ULU",
    "SEKTOR BATURAJA TIMUR",
)


def enroll_with_hq(store, folder):
    """Make the store post BTT of a new HQ in ``folder``, as its kit does."""
    folder.mkdir(exist_ok=True)
    hq = make_hq(folder / "hq")
    with hq.write() as s:
        kit = trust.add_post(s, code="BTT", name="Polsek Baturaja Timur", out_dir=folder)
    hq.close()
    with store.write() as s:
        trust.set_up_post(s, kit)


def _settings_page(window, qtbot):
    page = window.go_to("settings")
    qtbot.waitUntil(lambda: page.post is not None and page.kecamatan.count() > 0, timeout=10_000)
    return page


def test_the_kit_from_hq_keeps_the_letterhead_place_and_kecamatan_the_wizard_saved(
    window, store, qtbot, tmp_path, monkeypatch, idle
):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    with hq.write() as s:
        kit = trust.add_post(s, code="BTT", name="Polsek Baturaja Timur", out_dir=usb)
    hq.close()
    with store.read() as s:
        before = posts.this_post(s)
    assert before is not None and before.kecamatan_ids

    page = window.go_to("sync")
    qtbot.waitUntil(lambda: not page.setup_box.isHidden(), timeout=10_000)
    monkeypatch.setattr(messages, "open_files", lambda *a, **k: [str(kit)])
    qtbot.mouseClick(page.kit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.setup_result.text().startswith("Pos BTT siap"), timeout=15_000)
    idle()

    with store.read() as s:
        after = posts.this_post(s)
    assert after.letterhead == LETTERHEAD
    assert after.place_name == "Baturaja"
    assert after.kecamatan_ids == before.kecamatan_ids
    settings = _settings_page(window, qtbot)
    assert [e.text() for e in settings.letterhead] == list(LETTERHEAD)
    assert settings.place_name.text() == "Baturaja"


def test_the_posts_kecamatan_is_edited_in_pengaturan(window, store, qtbot, idle):
    page = _settings_page(window, qtbot)
    items = [page.kecamatan.item(i) for i in range(page.kecamatan.count())]
    checked = [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]
    assert checked == ["Baturaja Timur"]
    other = next(i for i in items if i.text() == "Baturaja Barat")
    other.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.save_post, Qt.MouseButton.LeftButton)
    idle()
    with store.read() as s:
        names = {k.id: k.name for k in reference.kecamatan(s)}
        mine = sorted(names[i] for i in posts.this_post(s).kecamatan_ids)
    assert mine == ["Baturaja Barat", "Baturaja Timur"]


# --- roles and dead ends: nothing offered that will be refused, messages name reachable places


def test_a_petugas_is_not_offered_a_new_desa_nor_sent_to_a_hidden_page(
    store, people, qtbot, idle, tmp_path
):
    from gui.test_roles import PASS, log_in
    from okudesk.core.security import accounts
    from okudesk.gui.forms.meeting_form import MeetingDialog
    from okudesk.gui.main_window import MainWindow

    enroll_with_hq(store, tmp_path / "enrolment")
    with store.write() as s:
        accounts.set_account(
            s, people["officers"][0].id, role="petugas", passphrase=PASS, must_change=False
        )
    store.actor = None
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    log_in(qtbot, window, people["officers"][0].id)
    page = window.go_to("meetings")
    page.new_record()
    dialog = next(d for d in page.findChildren(MeetingDialog) if d.isVisible())
    assert dialog.place_picker.add_desa.isHidden()
    dialog.reject()
    home = window.go_to("home")
    qtbot.waitUntil(lambda: home.export_warning.isVisible(), timeout=10_000)
    assert "belum pernah diekspor" in home.export_warning.text()
    assert "Sinkronisasi" not in home.export_warning.text()  # the page is hidden for a petugas
    idle()


def test_an_admin_is_offered_the_new_desa(window, qtbot, idle):
    from okudesk.gui.forms.common import PlacePicker

    picker = PlacePicker()  # the console actor of the tests may do everything
    qtbot.addWidget(picker)
    assert not picker.add_desa.isHidden()


def test_a_signer_without_a_certificate_is_sent_where_certificates_are_made(store, people):
    from okudesk.core.errors import OkudeskError
    from okudesk.core.records import meetings
    from okudesk.core.reports import service

    with store.write() as s:
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=datetime(2026, 12, 1, 9, 0),
                purpose="Silaturahmi",
                reported_by_id=people["officers"][0].id,
            ),
        )
    try:
        service.make_report(store, "meeting", meeting.id, passphrase="apa saja")
    except OkudeskError as exc:
        message = str(exc)
    else:
        raise AssertionError("signed without a certificate")
    assert "Laporan > Sertifikat" in message and "Pengaturan" not in message


def test_the_wizard_ends_by_offering_accounts_for_the_officers_it_entered(
    tmp_path, qtbot, idle, gui_env
):
    from gui.test_first_run_and_language import open_empty

    store, w = open_empty(tmp_path, qtbot)
    wizard = w._wizard
    qtbot.mouseClick(wizard.setup_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.name, "Polsek Lengkiti")
    qtbot.keyClicks(wizard.code, "LKT")
    qtbot.mouseClick(wizard.next2, Qt.MouseButton.LeftButton)
    wizard.set_officer(0, "Yusuf Hakim", "87654321", "Bhabinkamtibmas")
    qtbot.mouseClick(wizard.finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.post is not None and w.nav.isEnabled(), timeout=10_000)
    qtbot.waitUntil(lambda: bool(gui_env["confirm"]), timeout=10_000)
    assert "belum dapat masuk" in gui_env["confirm"][0]
    audit = w.current_page()
    assert audit is w.page("audit") and audit.tabs.currentIndex() == 1  # Akun petugas
    idle()
    w.close()
    store.close()


def test_a_late_second_look_at_the_empty_post_keeps_the_wizard_and_what_is_typed(
    tmp_path, qtbot, idle, gui_env
):
    """The first admin's own change asks for the post a second time; when that answer came
    after the wizard was up (a loaded laptop), a fresh wizard replaced it: what was typed was
    lost, and the end of the wizard no longer offered the officers' accounts."""
    from gui.test_first_run_and_language import open_empty

    store, w = open_empty(tmp_path, qtbot)
    wizard = w._wizard
    qtbot.mouseClick(wizard.setup_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.name, "Polsek Lengkiti")
    w.attach_store(store)  # the late second look
    idle()
    assert w._wizard is wizard and w.stack.currentWidget() is wizard
    assert wizard.name.text() == "Polsek Lengkiti"
    qtbot.keyClicks(wizard.code, "LKT")
    qtbot.mouseClick(wizard.next2, Qt.MouseButton.LeftButton)
    wizard.set_officer(0, "Yusuf Hakim", "87654321", "Bhabinkamtibmas")
    qtbot.mouseClick(wizard.finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(gui_env["confirm"]), timeout=10_000)
    idle()
    w.close()
    store.close()


# --- the first-paint fallback of a list model


def test_a_list_nobody_paints_is_still_read_and_its_fallback_dies_with_it(
    window, people, store, qtbot, idle, yesterday
):
    """The first rows arrive, no view paints them (the page is hidden): the model's own
    fallback reads the rest; a model deleted before that fallback leaves nothing behind."""
    import shiboken6
    from PySide6.QtCore import QObject

    from okudesk.core.records import meetings
    from okudesk.gui.table_model import FIRST_SCREEN_WAIT_MS, ListModel

    with store.write() as s:
        for n in range(3):
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=yesterday, purpose=f"Sambang {n}")
            )
    template = window.page("meetings").model
    idle()
    owner = QObject()
    model = ListModel(template.listing, template.columns, owner)
    loaded = []
    model.loaded.connect(lambda: loaded.append(1))
    model.reload()
    qtbot.waitUntil(lambda: bool(loaded), timeout=5_000)
    qtbot.waitUntil(model.is_idle)
    assert model.rowCount() == 3

    arrived = []
    model.first_rows_in.connect(lambda: arrived.append(1))
    model.reload()
    qtbot.waitUntil(lambda: bool(arrived), timeout=5_000)
    assert not model.is_idle()  # the fallback is pending
    model.cancel()  # the list is going away: the pending fallback goes with it
    assert model.is_idle()
    model.reload()
    qtbot.waitUntil(lambda: len(arrived) == 2, timeout=5_000)
    shiboken6.delete(owner)  # the page is gone with its fallback still pending
    qtbot.wait(FIRST_SCREEN_WAIT_MS * 3)
    idle()


# --- messages


def _open_meeting(window, qtbot, meeting_id=None):
    from okudesk.gui.forms.meeting_form import MeetingDialog

    page = window.go_to("meetings")
    if meeting_id is None:
        page.new_record()
    else:
        qtbot.waitUntil(lambda: page.current_id() == meeting_id, timeout=10_000)
        qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(page.findChildren(MeetingDialog)))
    dialog = page.findChildren(MeetingDialog)[-1]
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=10_000)
    return dialog


def test_a_file_that_is_not_a_picture_is_named_in_plain_words(
    people, window, qtbot, idle, tmp_path, monkeypatch
):
    notes = tmp_path / "catatan rapat.jpg"
    notes.write_text("ini bukan foto, hanya catatan", encoding="utf-8")
    dialog = _open_meeting(window, qtbot)
    qtbot.keyClicks(dialog.purpose, "Sambang warga")
    monkeypatch.setattr(messages, "open_images", lambda parent: [str(notes)])
    qtbot.mouseClick(dialog.photos.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.form3.errors["photo"]
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "catatan rapat.jpg" in error.text() and "bukan gambar" in error.text()
    assert "BytesIO" not in error.text() and "0x" not in error.text()
    dialog.photos.list.setCurrentRow(0)
    dialog.photos.remove_current()  # the field changes: its message goes
    assert not error.isVisible()
    dialog.dirty = False
    dialog.reject()
    idle()


def test_a_fixed_field_loses_its_message_and_required_fields_are_marked(
    people, window, qtbot, idle
):
    from okudesk.gui import labels

    dialog = _open_meeting(window, qtbot)
    label = dialog.form2.labelForField(dialog.form2.widgets["purpose"].parentWidget())
    assert label.text().endswith("*") and label.text().startswith(
        labels.field("meeting", "purpose")
    )
    starts = dialog.form1.labelForField(dialog.form1.widgets["starts_at"].parentWidget())
    assert starts.text().endswith("*")
    assert dialog.required_note.isVisible() and "wajib" in dialog.required_note.text()
    place_label = dialog.form1.labelForField(dialog.form1.widgets["place"].parentWidget())
    assert not place_label.text().endswith("*")  # optional: not marked
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.form2.errors["purpose"]
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    qtbot.keyClicks(dialog.purpose, "S")
    assert not error.isVisible()
    dialog.dirty = False
    dialog.reject()
    idle()


def test_ubah_then_batal_with_nothing_changed_asks_nothing(
    people, window, store, qtbot, idle, gui_env, yesterday, photo_file
):
    from okudesk.core.records import meetings, photos
    from okudesk.core.records.followups import FollowUpInput

    with store.write() as s:
        m = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                purpose="Sambang warga",
                kecamatan_id=people["kecamatan"]["Baturaja Timur"],
                desa_id=people["desa_id"],
                stakeholder_ids=[people["stakeholders"][0].id],
                officer_ids=[people["officers"][0].id],
                reported_by_id=people["officers"][0].id,
                follow_ups=[FollowUpInput(what="Patroli", officer_id=people["officers"][1].id)],
            ),
        )
        photos.add_photo(s, store.photo_dir, photo_file, meeting_id=m.id, caption="Suasana")
    dialog = _open_meeting(window, qtbot, m.id)
    qtbot.wait(300)  # thumbnails and late choices arrive
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert gui_env["unsaved"] == []
    assert not dialog.isVisible()
    dialog = _open_meeting(window, qtbot, m.id)
    qtbot.keyClicks(dialog.place, "x")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert gui_env["unsaved"] == [1]  # a real change still asks
    idle()


def test_the_first_admin_form_points_at_the_wrong_field_and_enter_submits(tmp_path, qtbot, idle):
    from okudesk.core.store import Store
    from okudesk.gui.lock_screen import FIRST_ADMIN
    from okudesk.gui.login import gate
    from okudesk.gui.main_window import MainWindow

    store = Store.open(tmp_path / "empty")
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    screen = gate(w).screen
    qtbot.waitUntil(lambda: screen.showing(FIRST_ADMIN))
    qtbot.keyClicks(screen.admin_name, "Siti Aminah")
    qtbot.keyClicks(screen.admin_nrp, "8001")  # too short
    qtbot.keyClicks(screen.admin_pass, "rahasia-pos-lkt")
    qtbot.keyClicks(screen.admin_pass2, "rahasia-pos-lkt")
    qtbot.keyClick(screen.admin_pass2, Qt.Key.Key_Return)  # Enter submits
    qtbot.waitUntil(lambda: "NRP" in screen.message.text(), timeout=10_000)
    qtbot.waitUntil(screen.admin_nrp.hasFocus)  # the cursor is where the fix goes
    assert screen.admin_nrp.selectedText() == "8001"
    qtbot.keyClicks(screen.admin_nrp, "80010001")  # replaces the selected text
    qtbot.keyClick(screen.admin_nrp, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w._wizard is not None and not screen.isVisible(), timeout=10_000)
    idle()
    w.close()
    store.close()


def test_the_wizard_says_which_officer_row_is_wrong(tmp_path, qtbot, idle):
    from gui.test_first_run_and_language import open_empty

    store, w = open_empty(tmp_path, qtbot)
    wizard = w._wizard
    qtbot.mouseClick(wizard.setup_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(wizard.name, "Polsek Lengkiti")
    qtbot.keyClicks(wizard.code, "LKT")
    qtbot.mouseClick(wizard.next2, Qt.MouseButton.LeftButton)
    wizard.set_officer(0, "Budi Saputra", "12345678")
    wizard.set_officer(2, "Yusuf Hakim", "8765432")  # the third row, one digit short
    qtbot.mouseClick(wizard.finish, Qt.MouseButton.LeftButton)
    error = wizard.errors["officers"]
    qtbot.waitUntil(error.isVisible, timeout=10_000)
    assert "baris 3" in error.text() and "Yusuf Hakim" in error.text() and "NRP" in error.text()
    assert (wizard.officers.currentRow(), wizard.officers.currentColumn()) == (2, 2)
    idle()
    w.close()
    store.close()


# --- lists


def _meeting_page_with(window, store, qtbot, people, yesterday):
    from okudesk.core.records import meetings

    with store.write() as s:
        visit = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                purpose="Silaturahmi menjelang pemilu",
                stakeholder_ids=[people["stakeholders"][0].id],
            ),
        )
        meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Rapat koordinasi KPU")
        )
    page = window.go_to("meetings")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and page.model.is_idle(), timeout=10_000)
    return page, visit


def _search(page, qtbot, text):
    page.filter_bar.search.clear()
    if text:
        qtbot.keyClicks(page.filter_bar.search, text)
    page.apply_filter()  # now rather than after the typing pause
    qtbot.waitUntil(lambda: page.model.is_idle(), timeout=10_000)


def test_clearing_a_search_shows_the_selected_meeting_again(
    people, window, store, qtbot, idle, yesterday
):
    page, _visit = _meeting_page_with(window, store, qtbot, people, yesterday)
    qtbot.waitUntil(
        lambda: "Tidak ada" not in page.browser.toPlainText() and page.browser.toPlainText() != "",
        timeout=10_000,
    )
    shown = page.browser.toPlainText()
    _search(page, qtbot, "tidakadayangbegini")
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: "Tidak ada rapat yang cocok" in page.browser.toPlainText())
    _search(page, qtbot, "")
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: page.browser.toPlainText() == shown, timeout=10_000)
    idle()


def test_a_meeting_is_found_by_the_name_of_a_stakeholder_who_attended(
    people, window, store, qtbot, idle, yesterday
):
    page, visit = _meeting_page_with(window, store, qtbot, people, yesterday)
    _search(page, qtbot, "Usman")  # Haji Usman Effendi attended the visit
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    assert page.model.record_id(0) == visit.id
    _search(page, qtbot, "usman silaturahmi")  # one word from each: still that meeting
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    _search(page, qtbot, "usman koordinasi")  # he was not at the coordination meeting
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=10_000)
    idle()


# --- dates


def test_typed_dates_are_read_the_way_people_write_them(qtbot):
    from datetime import date

    from okudesk.gui.dates import DateBox, DateTimeBox

    box = DateBox()
    qtbot.addWidget(box)
    box.show()
    qtbot.keyClicks(box.edit, "08122026")  # into an empty field
    assert box.value() == date(2026, 12, 8)
    box.edit.editingFinished.emit()
    assert box.edit.text() == "08/12/2026"  # shown in the one form
    box.edit.selectAll()
    qtbot.keyClicks(box.edit, "8/12/2026")
    assert box.value() == date(2026, 12, 8)
    box.edit.selectAll()
    qtbot.keyClicks(box.edit, "31-1-2027")  # a filled field takes the day and the year too
    assert box.value() == date(2027, 1, 31)
    box.edit.selectAll()
    qtbot.keyClicks(box.edit, "31/02/2026")
    assert box.value() is None and "31/02/2026" in box.problem()
    assert box.edit.text() == "31/02/2026"  # what was typed stays, to be fixed
    box.edit.selectAll()
    qtbot.keyClicks(box.edit, "abc")  # letters cannot be typed at all
    assert box.edit.text() == "31/02/2026"

    when = DateTimeBox(optional=True)
    qtbot.addWidget(when)
    assert when.value() is None
    qtbot.keyClicks(when.date.edit, "8.12.2026")
    when.time.setTime(when.time.time().fromString("09:15", "HH:mm"))
    assert str(when.value()) == "2026-12-08 09:15:00"


def test_an_empty_dates_calendar_opens_at_today_and_picks_a_day(qtbot):
    from datetime import date, timedelta

    from okudesk.gui.dates import DateBox

    box = DateBox()
    qtbot.addWidget(box)
    box.show()
    qtbot.mouseClick(box.button, Qt.MouseButton.LeftButton)
    calendar = box.popup.calendar
    qtbot.waitUntil(calendar.isVisible)
    today = date.today()
    assert calendar.selectedDate().toPython() == today
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    pick = today - timedelta(days=1)
    calendar.clicked.emit(calendar.selectedDate().addDays(-1))
    assert box.value() == pick and not box.popup.isVisible()


def test_a_date_that_is_not_one_is_said_next_to_its_field_and_kept(people, window, qtbot, idle):
    dialog = _open_meeting(window, qtbot)
    qtbot.keyClicks(dialog.purpose, "Sambang")
    dialog.ends_at.date.edit.clear()
    qtbot.keyClicks(dialog.ends_at.date.edit, "32/12/2026")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.form1.errors["ends_at"]
    assert error.isVisible() and "32/12/2026" in error.text()
    assert dialog.ends_at.date.edit.text() == "32/12/2026" and dialog.isVisible()
    dialog.dirty = False
    dialog.reject()
    idle()


def test_every_screen_writes_dates_in_one_form(store, people, window, qtbot, idle):
    from datetime import datetime

    from okudesk.gui import labels
    from okudesk.gui.pages import sync

    moment = datetime(2026, 12, 8, 9, 15)
    assert labels.when(moment) == "08/12/2026 09:15"
    assert sync._when(moment) == "08/12/2026 09:15"
    assert sync._when(moment.isoformat()) == "08/12/2026 09:15"


# --- everyday tools


def test_an_incident_shows_its_follow_ups_and_closing_it_with_open_ones_warns(
    people, window, store, qtbot, idle, gui_env, yesterday
):
    from datetime import date, timedelta

    from okudesk.core.records import incidents, reference
    from okudesk.core.records.followups import FollowUpInput
    from okudesk.gui.forms.incident_form import StatusDialog

    with store.write() as s:
        cat = reference.incident_categories(s)[0].id
        incident = incidents.create_incident(
            s,
            incidents.IncidentInput(
                occurred_at=yesterday,
                category_id=cat,
                title="Baliho dirusak",
                description="Baliho dirusak orang tak dikenal",
                follow_ups=[
                    FollowUpInput(
                        what="Cek CCTV toko sekitar",
                        officer_id=people["officers"][0].id,
                        due_date=date.today() - timedelta(days=2),
                    )
                ],
            ),
        )
        for status in ("diverifikasi", "ditangani"):
            incidents.change_status(s, incident.id, status)
    page = window.go_to("incidents")
    qtbot.waitUntil(lambda: page.detail_data is not None, timeout=10_000)
    text = page.browser.toPlainText()
    assert "Cek CCTV toko sekitar" in text and "Aiptu Rahmat Hidayat" in text
    assert "terlambat" in text
    dialog = StatusDialog(page, page.detail_data)
    qtbot.addWidget(dialog)
    dialog.status.set_current_id("selesai")
    gui_env["confirm"].clear()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert gui_env["confirm"] and "1 tindak lanjut terbuka (1 terlambat)" in gui_env["confirm"][0]
    idle()


def test_a_post_without_a_kit_is_told_how_to_connect_not_nagged_to_export(
    window, store, qtbot, idle, tmp_path
):
    home = window.go_to("home")
    qtbot.waitUntil(lambda: home.export_warning.isVisible(), timeout=10_000)
    assert "belum terhubung dengan Polres" in home.export_warning.text()
    assert "belum pernah diekspor" not in home.export_warning.text()
    enroll_with_hq(store, tmp_path / "enrolment")
    from okudesk.gui.operations import Changes, hub

    hub().notify(Changes.of("setting"))
    qtbot.waitUntil(lambda: "belum pernah diekspor" in home.export_warning.text(), timeout=10_000)
    idle()
