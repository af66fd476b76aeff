"""Run by test_add_a_field.py with added_field_plugin: the field the plugin adds shows in the
form, the list, the search and the export, and is checked by the service."""

from PySide6.QtCore import Qt

from okudesk.core import i18n
from okudesk.core.records import fields, listing, tabular
from okudesk.gui.forms.meeting_form import MeetingDialog


def test_the_added_field_shows_everywhere(people, window, store, qtbot, idle):
    assert "weather" in fields.record("meeting")  # the plugin ran first
    page = window.go_to("meetings")
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(page.findChildren(MeetingDialog)))
    dialog = page.findChildren(MeetingDialog)[-1]
    qtbot.waitUntil(dialog.save_button.isEnabled)
    # the form: a labelled box on the first tab, right after the place
    weather = dialog.inputs["weather"]
    row, _role = dialog.form1.getWidgetPosition(dialog.form1.widgets["weather"].parentWidget())
    place_row, _role = dialog.form1.getWidgetPosition(dialog.form1.widgets["place"].parentWidget())
    assert row == place_row + 1
    assert dialog.form1.labelForField(weather.parentWidget()).text() == "Cuaca"
    qtbot.keyClicks(weather, "x" * 81)
    qtbot.keyClicks(dialog.purpose, "Sambang ke balai desa")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    idle()
    assert (
        "Cuaca terlalu panjang" in dialog.form1.errors["weather"].text()
    )  # the service checked it
    weather.clear()
    qtbot.keyClicks(weather, "Hujan gerimis")
    with qtbot.waitSignal(dialog.saved, timeout=10_000) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0].weather == "Hujan gerimis"
    idle()
    # the list: its column, titled by the table, holding the value
    headers = [
        page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.model.columnCount())
    ]
    assert headers[headers.index("Tempat") + 1] == "Cuaca"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.waitUntil(lambda: page.model.index(0, headers.index("Cuaca")).data() == "Hujan gerimis")
    assert page.table.columnWidth(headers.index("Cuaca")) == 100
    with store.read() as s:
        # the search index
        assert len(listing.keys(s, listing.MEETINGS, listing.ListFilter(text="gerimis"))) == 1
        # the export
        out = tabular.export_rows(s, "meeting")
        (row_values,) = list(out.rows)
        assert row_values[out.header.index("Cuaca")] == "Hujan gerimis"
        i18n.set_language("en")
        assert "Weather" in tabular.export_rows(s, "meeting").header
        i18n.set_language("id")
