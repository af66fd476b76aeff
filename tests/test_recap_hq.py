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


def test_rekap_command_prints_json_that_matches_stats_and_writes_a_workbook(
    tmp_path, capsys, store, monkeypatch
):
    import json

    from cli_login import officer_with_role
    from xlsx_reader import read

    from okudesk.cli import main

    store.close()
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "demo", "--meetings", "20", "--incidents", "60"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    admin = ["--officer", officer_with_role(data, "admin")]
    assert main(["--data-dir", data, *admin, "stats", "--json"]) == 0
    total = json.loads(capsys.readouterr().out)["incidents"]
    # reading the figures is a person's act: the Kapolsek logs in (demo passphrase)
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    me = ["--officer", officer_with_role(data, "kapolsek")]
    period = ["--from", "2000-01-01", "--to", "2100-12-31"]
    assert main(["--data-dir", data, "rekap", *period, "--json"]) == 1  # nobody logged in
    assert "--officer" in capsys.readouterr().err
    assert main(["--data-dir", data, *me, "rekap", *period, "--json"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["incidents"]["value"] == total > 0 and got["incidents"]["previous"] == 0
    assert sum(x["value"] for x in got["by_kecamatan_category"]) <= total
    assert sum(x["value"] for x in got["by_severity"]) == total
    out = tmp_path / "rekap.xlsx"
    args = ["--data-dir", data, *me, "recap", "--from", "2000-01-01", "--to", "2100-12-31"]
    assert main([*args, "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    summary = {s.name: s for s in read(out)}["Ringkasan"].rows
    assert summary[5][:2] == ["Kejadian", total]
    base = ["--data-dir", data, *me, "rekap"]
    assert main([*base, "--from", "2026-02-01", "--to", "2026-01-01"]) == 2
    assert "lebih awal" in capsys.readouterr().err
    assert main([*args, "--out", str(tmp_path / "rekap.ods")]) == 2
    assert main([*base, "--from", "2026-13-01", "--to", "2026-01-01"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert not (tmp_path / "rekap.ods").exists()
