"""Situasi wilayah as a Kapolsek uses it: change the period, see the figures, click a number
and land on the list it counts."""

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import Qt

from okudesk.core.records import incidents, reference
from okudesk.gui.pages.situation import RANGE, SituationPage


def _incident(s, when, kec, cat, severity="sedang"):
    incidents.create_incident(
        s,
        incidents.IncidentInput(
            occurred_at=when,
            category_id=cat,
            kecamatan_id=kec,
            severity=severity,
            title="Kejadian uji",
            description="Uraian",
        ),
    )


def _click_cell(qtbot, table, row, column):
    item = table.item(row, column)
    table.scrollToItem(item)
    rect = table.visualItemRect(item)
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_change_the_period_see_the_figures_and_open_the_list(window, store, qtbot, idle):
    today = date.today()
    monday = today - timedelta(days=today.weekday())
    this_week = datetime.combine(monday, time(9))
    with store.write() as s:
        kec = {k.name: k.id for k in reference.kecamatan(s)}
        cats = reference.incident_categories(s)
        for _ in range(3):
            _incident(s, this_week, kec["Baturaja Timur"], cats[0].id, "kritis")
        _incident(s, this_week, kec["Lengkiti"], cats[1].id)
        _incident(s, this_week - timedelta(days=7), kec["Baturaja Timur"], cats[0].id)
        _incident(s, this_week - timedelta(days=40), kec["Lengkiti"], cats[1].id)
    page = window.go_to("situation")
    assert isinstance(page, SituationPage)
    qtbot.waitUntil(lambda: page.recap is not None, timeout=10_000)
    idle()
    m = page.matrix
    r, c = m.cell_of("Baturaja Timur", cats[0].name)
    assert m.item(r, c).text() == "3"
    assert "1" in m.item(r, c).toolTip()  # the previous week's one
    total_row = m.rowCount() - 1
    assert m.item(total_row, m.columnCount() - 2).text() == "4"
    assert m.item(total_row, m.columnCount() - 1).text() == "+3"  # against last week's 1
    # a shaded cell: the highest count is the darkest
    assert m.item(r, c).background().color() != m.item(0, 1).background().color() or r == 0
    assert "4" in page.summary.text()
    # a custom range of sixty days holds all six; one long ago holds none
    page.set_range(monday - timedelta(days=60), monday + timedelta(days=6))
    qtbot.waitUntil(lambda: page.recap.incidents.value == 6, timeout=10_000)
    assert page.period.currentData() == RANGE
    page.set_range(date(2020, 1, 1), date(2020, 1, 31))
    qtbot.waitUntil(lambda: page.recap.incidents.value == 0, timeout=10_000)
    assert m.item(m.rowCount() - 1, m.columnCount() - 2).text() == "0"
    page.set_period("week")
    qtbot.waitUntil(lambda: page.recap.incidents.value == 4, timeout=10_000)
    idle()
    # the weekly charts: twelve weeks, stacked by severity
    chart = page.severity_chart.chart()
    (series,) = chart.series()
    assert series.count() == 4 and all(bar.count() == 12 for bar in series.barSets())
    kritis = next(b for b in series.barSets() if b.label() == "Kritis")
    assert kritis.at(11) == 3
    # click the 3: the incidents list opens, showing exactly those three
    r, c = m.cell_of("Baturaja Timur", cats[0].name)
    _click_cell(qtbot, m, r, c)
    incidents_page = window.current_page()
    assert incidents_page is window.page("incidents")
    qtbot.waitUntil(
        lambda: incidents_page.model.rowCount() == 3 and incidents_page.model.is_idle(),
        timeout=10_000,
    )
    flt = incidents_page.model.filter
    assert (flt.kecamatan_id, flt.kind_id, flt.date_from) == (
        kec["Baturaja Timur"],
        cats[0].id,
        monday,
    )
    assert "Situasi wilayah" in incidents_page.count_label.text()
    # changing the filter bar drops the drill-down filter
    qtbot.mouseClick(incidents_page.filter_bar.reset, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: incidents_page.model.rowCount() == 6 and incidents_page.model.is_idle())
    assert incidents_page.drill is None
    # the severity table's count opens the list of that severity
    window.go_to("situation")
    r, _c = page.severity.cell_of("Kritis", "Periode ini")
    _click_cell(qtbot, page.severity, r, 1)
    qtbot.waitUntil(
        lambda: incidents_page.model.rowCount() == 3 and incidents_page.model.is_idle(),
        timeout=10_000,
    )
    assert incidents_page.model.filter.severity == "kritis"
    idle()


def test_the_recap_workbook_from_the_page(window, store, qtbot, idle, monkeypatch, tmp_path):
    import sys
    from pathlib import Path

    from okudesk.gui import export

    sys.path.insert(0, str(Path(__file__).parents[1]))
    from xlsx_reader import read

    page = window.go_to("situation")
    qtbot.waitUntil(lambda: page.recap is not None, timeout=10_000)
    out = tmp_path / "rekap.xlsx"
    monkeypatch.setattr(export, "ask_path", lambda parent, suggested: str(out))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=10_000)
    idle()
    names = [s.name for s in read(out)]
    assert names[0] == "Ringkasan" and "Mingguan" in names


def test_hq_starts_on_the_situation_and_picks_one_post(qtbot, tmp_path):
    from sync_world import add_incident, enroll, export_to, import_all, make_hq

    from okudesk.gui import operations
    from okudesk.gui.main_window import MainWindow

    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    btt = enroll(hq, tmp_path / "btt", "BTT", usb)
    btb = enroll(hq, tmp_path / "btb", "BTB", usb)
    add_incident(btt, "Baliho dirusak")
    add_incident(btt, "Bentrok pendukung")
    add_incident(btb, "Politik uang")
    assert all(o.ok for o in import_all(hq, [export_to(btt, usb), export_to(btb, usb)]))
    btt.close()
    btb.close()
    operations.set_hub(None)
    window = MainWindow(hq)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_ready, timeout=15_000)
    page = window.current_page()
    assert isinstance(page, SituationPage)  # HQ's start page
    qtbot.waitUntil(lambda: page.post.isVisibleTo(page) and page.post.count() == 3, timeout=10_000)
    page.set_range(date(2026, 3, 9), date(2026, 3, 15))
    qtbot.waitUntil(lambda: page.recap.incidents.value == 3, timeout=10_000)
    assert {d.code for d in page.recap.discipline} == {"BTT", "BTB"}
    assert page.discipline.rowCount() == 2
    page.post.setCurrentIndex(page.post.findData("BTB"))
    qtbot.waitUntil(lambda: page.recap.post_code == "BTB", timeout=10_000)
    assert page.recap.incidents.value == 1 and [d.code for d in page.recap.discipline] == ["BTB"]
    # the one post's total opens the list of that post's incidents
    m = page.matrix
    _click_cell(qtbot, m, m.rowCount() - 1, m.columnCount() - 2)
    listed = window.page("incidents")
    qtbot.waitUntil(lambda: listed.model.rowCount() == 1 and listed.model.is_idle(), timeout=10_000)
    assert listed.model.filter.post_code == "BTB"
    qtbot.waitUntil(lambda: window.hub.taskman.pending == 0, timeout=10_000)
    window.close()
    window.hub.taskman.shutdown()


def test_the_signed_recap_report_from_the_page(window, store, qtbot, idle, monkeypatch, tmp_path):
    from okudesk.core.records import officers
    from okudesk.core.reports import verification
    from okudesk.core.security import credentials
    from okudesk.gui.pages import situation

    with store.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        officer = officers.add_officer(
            s, name="Budi Santoso", nrp="85071234", rank_id=ranks["Aiptu"], position="Kanit"
        )
        credentials.enroll_officer(s, officer.id, "rahasia-pelapor")
    page = window.go_to("situation")
    qtbot.waitUntil(lambda: page.recap is not None, timeout=10_000)
    out = tmp_path / "rekap.pdf"
    offered = []
    monkeypatch.setattr(
        situation,
        "ask_signer",
        lambda parent, choices: offered.extend(choices) or ("85071234", "rahasia-pelapor", False),
    )
    monkeypatch.setattr(situation, "ask_pdf_path", lambda parent, suggested: str(out))
    qtbot.mouseClick(page.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(out.exists, timeout=20_000)
    idle()
    assert ("85071234", "Budi Santoso - Kanit") in offered
    with store.read() as s:
        anchors = credentials.trust_anchors(s)
    checked = verification.verify_pdf(out.read_bytes(), anchors)
    assert checked.verdict == verification.VALID
    assert "rekap.pdf" in window.statusBar().currentMessage()


def test_party_coverage_says_which_party_no_post_met_and_opens_the_meetings(
    window, store, qtbot, idle
):
    from okudesk.core.records import meetings, stakeholders
    from okudesk.core.store.seed import party_id

    today = date.today()
    monday = today - timedelta(days=today.weekday())
    with store.write() as s:
        kind = next(t.id for t in reference.stakeholder_types(s) if t.name == "Partai politik")
        golkar = stakeholders.add_stakeholder(
            s,
            stakeholders.StakeholderInput(
                name="Ketua DPD Golkar", type_id=kind, party_id=party_id(2024, 4)
            ),
        )
        for when in (datetime.combine(monday, time(10)), datetime.combine(monday, time(14))):
            meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=when, purpose="Koordinasi", stakeholder_ids=[golkar.id]
                ),
            )
    page = window.go_to("situation")
    qtbot.waitUntil(lambda: page.recap is not None, timeout=10_000)
    idle()
    table = page.party_posts
    assert table.rowCount() == 18
    header = [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]
    assert header[:2] == ["Partai", "Rapat"] and "BTT" in header
    golkar_row = next(r for r in range(18) if table.item(r, 0).text() == "4. Golkar")
    pkb_row = next(r for r in range(18) if table.item(r, 0).text() == "1. PKB")
    assert table.item(golkar_row, 1).text() == "2"
    assert table.item(golkar_row, header.index("BTT")).text() == f"{monday:%d/%m/%Y}"
    assert table.item(pkb_row, header.index("BTT")).text() == "-"
    assert table.item(pkb_row, header.index("Terakhir ditemui")).text() == "belum pernah"
    assert table.item(pkb_row, 0).foreground().color().name() == "#b71c1c"  # nobody met it
    _click_cell(qtbot, table, golkar_row, 1)
    meetings_page = window.current_page()
    assert meetings_page is window.page("meetings")
    qtbot.waitUntil(
        lambda: meetings_page.model.rowCount() == 2 and meetings_page.model.is_idle(),
        timeout=10_000,
    )
    assert meetings_page.model.filter.party_id == party_id(2024, 4)
    idle()


def test_a_change_of_period_reuses_what_it_can_and_a_new_record_is_seen(window, store, qtbot, idle):
    """The page keeps the parts a change of period leaves alone (weekly counts, escalations)
    between periods, and drops them when an operation records something new."""
    from okudesk.gui.operations import WriteOp

    today = date.today()
    monday = today - timedelta(days=today.weekday())
    with store.write() as s:
        kec = reference.kecamatan(s)[0].id
        cat = reference.incident_categories(s)[0].id
        _incident(s, datetime.combine(monday, time(8)), kec, cat, "kritis")
    page = window.go_to("situation")
    qtbot.waitUntil(lambda: page.recap is not None, timeout=10_000)
    idle()
    memo = page._kept["memo"]
    page.set_period("month")
    qtbot.waitUntil(lambda: page.recap.period.days > 7, timeout=10_000)
    assert page._kept["memo"] is memo  # the same memo: the weeks already read are reused
    page.set_period("week")
    qtbot.waitUntil(lambda: page.recap.period.days == 7, timeout=10_000)
    chart = page.severity_chart.chart()
    kritis = next(b for b in chart.series()[0].barSets() if b.label() == "Kritis")
    assert kritis.at(11) == 1

    def record(s):
        _incident(s, datetime.combine(monday, time(9)), kec, cat, "kritis")

    WriteOp(window, record).run()
    qtbot.waitUntil(lambda: page.recap.incidents.value == 2, timeout=10_000)
    idle()
    assert page._kept["memo"] is not memo
    kritis = next(
        b for b in page.severity_chart.chart().series()[0].barSets() if b.label() == "Kritis"
    )
    assert kritis.at(11) == 2  # this week's bar: read again, not taken from the old memo
