"""The recap at an HQ that imported real bundles from two posts, one later revoked."""

from datetime import date, datetime

from sync_world import WHEN, add_incident, enroll, export_to, import_all, make_hq

from okudesk.core.records import listing, recap
from okudesk.core.sync import discipline, trust

WEEK = recap.Period.this_week(WHEN.date())


def test_hq_recap_per_post_with_discipline_and_a_revoked_post(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    btt = enroll(hq, tmp_path / "btt", "BTT", usb)
    btb = enroll(hq, tmp_path / "btb", "BTB", usb)
    for title in ("Baliho dirusak", "Bentrok pendukung"):
        add_incident(btt, title)
    add_incident(btb, "Politik uang")
    with btt.read() as s:  # a post sees itself: its changes wait for the first export
        (own,) = discipline.of(s)
        assert own.code == "BTT" and own.last_bundle_at is None and own.waiting > 0
    outcomes = import_all(hq, [export_to(btt, usb), export_to(btb, usb)])
    assert all(o.ok for o in outcomes)
    with hq.write() as s:
        trust.revoke_post(s, "BTB")
    now = datetime(2026, 3, 13, 12)
    with hq.read() as s:
        rows = discipline.of(s, now)
        by_code = {d.code: d for d in rows}
        assert set(by_code) == {"BTT", "BTB"}
        assert by_code["BTB"].status == "revoked"
        assert all(d.last_bundle_at is not None for d in rows)
        everyone = recap.build(s, WEEK, today=date(2026, 3, 13), discipline=rows)
        one = recap.build(s, WEEK, today=date(2026, 3, 13), discipline=rows, post_code="BTT")
        revoked = recap.build(s, WEEK, today=date(2026, 3, 13), discipline=rows, post_code="BTB")
        assert (everyone.incidents.value, one.incidents.value, revoked.incidents.value) == (3, 2, 1)
        assert [d.code for d in one.discipline] == ["BTT"]
        drill = revoked.incidents.drill
        assert drill is not None
        assert len(listing.keys(s, listing.LISTINGS[drill.listing], drill.filter)) == 1
    for store in (hq, btt, btb):
        store.close()
