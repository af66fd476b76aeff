"""A person records a meeting: types, picks stakeholders, attaches photos, saves, and
finds it in the list and in the stakeholder's history."""

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from okudesk.core.records import meetings, photos
from okudesk.gui import messages
from okudesk.gui.forms.meeting_form import MeetingDialog


def open_new_meeting(window, qtbot) -> MeetingDialog:
    page = window.go_to("meetings")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(page.findChildren(MeetingDialog)))
    dialog = page.findChildren(MeetingDialog)[-1]
    qtbot.waitUntil(dialog.save_button.isEnabled)
    return dialog


def test_new_meeting_with_stakeholders_and_photos(
    people, window, store, qtbot, idle, photo_file, monkeypatch, tmp_path
):
    dialog = open_new_meeting(window, qtbot)
    dialog.activity_type.setCurrentIndex(
        dialog.activity_type.findText("Rapat koordinasi dengan KPU / Bawaslu")
    )
    kec = dialog.place_picker.kecamatan
    kec.setCurrentIndex(kec.findText("Baturaja Timur"))
    assert (
        dialog.place_picker.desa.findText("Sukaraya") > 0
    )  # the cascade shows that kecamatan's desa
    dialog.place_picker.desa.setCurrentIndex(dialog.place_picker.desa.findText("Sukaraya"))
    qtbot.keyClicks(dialog.place, "Balai Desa Sukaraya")
    # the stakeholder picker: type part of a name, Enter adds the one match
    qtbot.keyClicks(dialog.stakeholders.search, "usman")
    qtbot.keyClick(dialog.stakeholders.search, Qt.Key.Key_Return)
    qtbot.keyClicks(dialog.stakeholders.search, "KPU Kab")
    qtbot.keyClick(dialog.stakeholders.search, Qt.Key.Key_Return)
    assert dialog.stakeholders.ids() == [people["stakeholders"][0].id, people["stakeholders"][1].id]
    dialog.officers.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.purpose, "Koordinasi pengamanan kampanye terbuka")
    qtbot.keyClicks(dialog.discussion, "Jadwal kampanye dan titik rawan dibahas bersama.")
    qtbot.keyClicks(dialog.potential_problems, "Baliho dipasang di pohon.")
    dialog.tabs.setCurrentIndex(2)
    qtbot.mouseClick(dialog.follow_ups.add_button, Qt.MouseButton.LeftButton)
    dialog.follow_ups.table.item(0, 0).setText("Patroli malam di sekitar lapangan")
    # a photo through the file picker, another dropped onto the strip
    monkeypatch.setattr(messages, "open_images", lambda parent: [str(photo_file)])
    qtbot.mouseClick(dialog.photos.add_button, Qt.MouseButton.LeftButton)
    second = tmp_path / "dropped.jpg"
    second.write_bytes(photo_file.read_bytes()[:-2] + b"\xff\xd9")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(second))])
    enter = QDragEnterEvent(
        QPoint(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.photos.dragEnterEvent(enter)
    assert enter.isAccepted()  # files are welcome
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    dialog.photos.dropEvent(drop)
    assert dialog.photos.list.count() == 2
    qtbot.waitUntil(
        lambda: not dialog.photos.list.item(0).icon().isNull()
    )  # thumbnail made on the worker
    dialog.photos.list.item(0).setText("Suasana rapat")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    detail = saved.args[0]
    assert detail.number.startswith("BTT-RPT-")
    idle()
    # it is in the list, selected
    page = window.pages["meetings"]
    qtbot.waitUntil(lambda: page.current_id() == detail.id)
    assert page.model.rowCount() == 1
    qtbot.waitUntil(lambda: "Koordinasi pengamanan" in page.browser.toPlainText())
    with store.read() as s:
        m = meetings.get_meeting(s, detail.id)
        pics = photos.photos_of(s, meeting_id=detail.id)
    assert {x.name for x in m.stakeholders} == {"Haji Usman Effendi", "Siti Handayani"}
    assert m.desa == "Sukaraya" and m.follow_ups[0].what == "Patroli malam di sekitar lapangan"
    assert len(pics) == 2 and max(pics[0].width, pics[0].height) == 1600
    assert "Suasana rapat" in {p.caption for p in pics}
    # and in the stakeholder's history
    st_page = window.go_to("stakeholders")
    qtbot.waitUntil(lambda: st_page.model.rowCount() == 2 and st_page.current_id() is not None)
    row = next(r for r in range(2) if st_page.model.record_id(r) == people["stakeholders"][0].id)
    st_page.table.selectRow(row)
    qtbot.waitUntil(lambda: st_page.history.rowCount() == 1)
    assert st_page.history.item(0, 1).text() == detail.number


def test_validation_message_next_to_the_field_and_unsaved_prompt(
    people, window, qtbot, idle, gui_env
):
    dialog = open_new_meeting(window, qtbot)
    dialog.ends_at.set_value(dialog.starts_at.value().replace(year=2001))  # ends before it starts
    qtbot.keyClicks(dialog.place, "Pos kamling")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    error = dialog.form1.errors["ends_at"]
    qtbot.waitUntil(error.isVisible)
    assert "selesai" in error.text().lower()
    dialog.ends_at.set_value(None)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.form2.errors["purpose"].isVisible())
    assert dialog.form2.errors["purpose"].text() == "Maksud dan tujuan wajib diisi"
    assert dialog.tabs.currentIndex() == 1  # the form shows the tab of the wrong field
    dialog.reject()  # Esc / Batal with unsaved changes asks first
    assert gui_env["unsaved"] == [1]
    idle()


def test_delete_asks_and_is_soft(people, window, store, qtbot, idle, yesterday, gui_env):
    with store.write() as s:
        m = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang warga")
        )
    page = window.go_to("meetings")
    qtbot.waitUntil(lambda: page.current_id() == m.id)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert gui_env["confirm"] and m.number in gui_env["confirm"][0]
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and page.model.is_idle())
    from okudesk.core.models import Meeting

    with store.read() as s:
        assert s.get(Meeting, m.id).deleted_at is not None
    idle()
