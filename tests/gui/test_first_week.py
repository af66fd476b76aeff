"""The first week of a new post, as its people meet it: enrollment from HQ's kit, the printed
follow-ups, what each role is offered, messages, lists and dates."""

from __future__ import annotations

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
