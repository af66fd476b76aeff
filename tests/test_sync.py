"""USB sync end to end: HQ and three posts, through the services the CLI uses."""

from __future__ import annotations

import json

from cli_login import first_admin, officer_with_role
from sqlalchemy import func, select
from sync_world import (
    add_incident,
    add_meeting,
    apply_receipt,
    edit_incident,
    enroll,
    export_to,
    import_all,
    make_hq,
    open_store,
    rename_first_kecamatan,
    state,
)

from okudesk.cli import main
from okudesk.core.models import Incident, Kecamatan, Meeting, Setting, SyncConflict
from okudesk.core.records import incidents, posts, stats
from okudesk.core.security import pki
from okudesk.core.sync import export, is_hq, merge, status, trust


def test_three_posts_enroll_work_export_import_receipt_and_export_again(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    stations = {code: enroll(hq, tmp_path / code, code, usb) for code in ("BTT", "BTB", "PNJ")}
    made = {}
    for k, (code, store) in enumerate(stations.items()):
        meeting = add_meeting(store, f"Rapat koordinasi {code}")
        made[code] = (
            meeting,
            [add_incident(store, f"Kejadian {code} {n}", meeting_id=meeting) for n in range(k + 2)],
        )
        with store.read() as s:
            assert posts.this_post(s).code == code
    first = {code: export_to(store, usb) for code, store in stations.items()}
    # exporting changes nothing at the post: the same changes are still waiting
    with stations["BTT"].read() as s:
        assert export.pending_changes(s) > 0
    outcomes = import_all(hq, first.values())
    assert all(o.ok for o in outcomes), [o.reason for o in outcomes]
    assert all(o.enrolled and o.receipt is not None for o in outcomes)
    assert [o.counts["conflicts"] + o.counts["held"] for o in outcomes] == [0, 0, 0]
    with hq.read() as s:
        counts = stats.counts(s)
    assert {code: counts["posts"][code]["incidents"] for code in stations} == {
        "BTT": 2,
        "BTB": 3,
        "PNJ": 4,
    }
    assert {code: counts["posts"][code]["meetings"] for code in stations} == {
        "BTT": 1,
        "BTB": 1,
        "PNJ": 1,
    }

    # receipts: certificates chain to HQ, the acknowledgement empties the queue
    for outcome in outcomes:
        got = apply_receipt(stations[outcome.post], outcome.receipt)
        assert got.certificate_installed
    with hq.read() as s:
        root = trust.hq_root(s)
        assert is_hq(s)
    for store in stations.values():
        with store.read() as s:
            assert export.pending_changes(s) == 0
            assert not is_hq(s)
            me = trust.role(s)
            identity = trust.signing_identity(s)
        assert me.enrolled
        pki.validate_chain(
            identity.certificate, intermediates=[], anchors=[root], key_usage={"key_cert_sign"}
        )

    # HQ corrects a BTT incident; BTT edits another one and adds a new one: incremental bundle
    btt_meeting, btt_incidents = made["BTT"]
    with hq.write() as s:
        d = incidents.get_incident(s, btt_incidents[0])
        incidents.update_incident(
            s,
            d.id,
            incidents.IncidentInput(
                occurred_at=d.occurred_at,
                category_id=d.category_id,
                kecamatan_id=d.kecamatan_id,
                title="Dikoreksi Polres",
                description=d.description,
                meeting_id=d.meeting_id,
            ),
        )
    edit_incident(stations["BTT"], btt_incidents[1], "Diubah pos")
    add_incident(stations["BTT"], "Kejadian baru", meeting_id=btt_meeting)
    second = export.export_bundle(stations["BTT"], usb)
    second.counts.pop("audit_entry", None)  # the trail of exports, receipts and edits travels too
    assert second.counts == {"incident": 2, "incident_status_change": 1}
    (outcome,) = import_all(hq, [second.path])
    assert outcome.ok
    assert {k: v for k, v in outcome.counts.items() if k != "audit"} == {
        "new": 2,
        "updated": 1,
        "unchanged": 0,
        "conflicts": 0,
        "held": 0,
        "released": 0,
        "set_aside": 0,
    }
    assert outcome.counts["audit"] >= 2  # the post's trail of those changes came along
    # the receipt brings HQ's correction to the post
    apply_receipt(stations["BTT"], outcome.receipt)
    with stations["BTT"].read() as s:
        assert s.get(Incident, btt_incidents[0]).title == "Dikoreksi Polres"
        assert export.pending_changes(s) == 0
    # the post edits HQ's corrected version knowingly: no conflict at HQ
    edit_incident(stations["BTT"], btt_incidents[0], "Dikoreksi Polres, dilengkapi pos")
    (outcome,) = import_all(hq, [export_to(stations["BTT"], usb)])
    assert outcome.counts["updated"] == 1 and outcome.counts["conflicts"] == 0
    with hq.read() as s:
        assert s.get(Incident, btt_incidents[0]).title == "Dikoreksi Polres, dilengkapi pos"

    for store in (hq, *stations.values()):
        store.close()


def test_hq_correction_and_post_edit_conflict_keeps_the_loser(tmp_path, capsys, monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "p", "BTT", usb)
    incident = add_incident(post, "Asli")
    (first,) = import_all(hq, [export_to(post, usb)])
    apply_receipt(post, first.receipt)
    with hq.write() as s:
        d = incidents.get_incident(s, incident)
        incidents.update_incident(
            s,
            incident,
            incidents.IncidentInput(
                occurred_at=d.occurred_at,
                category_id=d.category_id,
                kecamatan_id=d.kecamatan_id,
                title="Versi Polres",
                description=d.description,
            ),
        )
    edit_incident(post, incident, "Versi pos")  # before the post has seen HQ's correction
    (second,) = import_all(hq, [export_to(post, usb)])
    assert second.counts["conflicts"] == 1
    with hq.read() as s:
        assert s.get(Incident, incident).title == "Versi Polres"  # HQ's correction wins
        kept = status.conflicts(s)
    assert [(c.table, c.record_id, c.post_code, c.row["title"]) for c in kept] == [
        ("incident", incident, "BTT", "Versi pos")
    ]
    assert kept[0].summary == "Versi pos"  # what the Sinkronisasi page shows, and the command line:
    hq_admin = first_admin(hq, monkeypatch)
    assert main(["--data-dir", str(hq.data_dir), *hq_admin, "conflict", "list"]) == 0
    assert f"incident {incident} {kept[0].instance} pos BTT: Versi pos" in capsys.readouterr().out
    # the post keeps its own version until HQ has seen it, then takes HQ's decision
    apply_receipt(post, second.receipt)
    with post.read() as s:
        assert s.get(Incident, incident).title == "Versi Polres"
    # a person at HQ looks at the kept version and adopts it: a new HQ change, sent back
    from okudesk.core.sync import receipt

    with hq.write() as s:
        merge.resolve_conflict(s, "incident", incident, kept[0].instance, adopt=True)
    with hq.read() as s:
        assert s.get(Incident, incident).title == "Versi pos"
        assert status.conflicts(s) == []
    again = receipt.write_receipt(hq, "BTT", tmp_path)
    apply_receipt(post, again)
    with post.read() as s:
        assert s.get(Incident, incident).title == "Versi pos"
    hq.close()
    post.close()


def test_missing_parent_is_held_then_released(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "p", "BTT", usb)
    meeting = add_meeting(post, "Rapat")
    first = export_to(post, usb)
    # a scratch HQ copy hands the post its receipt, so the second bundle is incremental
    import shutil

    hq.close()
    shutil.copytree(tmp_path / "hq", tmp_path / "hq2")

    scratch = open_store(tmp_path / "hq2")
    (o,) = import_all(scratch, [first], receipts=tmp_path)
    apply_receipt(post, o.receipt)
    scratch.close()
    add_incident(post, "Anak rapat", meeting_id=meeting)
    second = export_to(post, usb)
    hq = open_store(tmp_path / "hq")
    (late,) = import_all(hq, [second])
    assert late.ok and late.counts["held"] >= 1
    with hq.read() as s:
        (row,) = status.post_statuses(s)
        assert row.acknowledged == 0 and row.lag > 0  # the first bundle is missing
    with hq.read() as s:
        held = status.held_records(s)
        assert held and {h.missing for h in held} >= {f"meeting:{meeting}"}
        assert s.scalar(select(func.count()).select_from(Incident)) == 0
    (early,) = import_all(hq, [first])
    assert early.ok and early.counts["released"] == late.counts["held"]
    with hq.read() as s:
        assert not status.held_records(s)
        assert status.post_statuses(s)[0].lag == 0
        assert s.get(Incident, s.scalar(select(Incident.id))).meeting_id == meeting
    hq.close()
    post.close()


def test_posts_renaming_a_seeded_reference_row_are_set_aside_for_hq(tmp_path):
    """Reference data is HQ's: a post's rename (its okudesk allows it) does not change HQ's
    list; each is kept for a person at HQ, in any arrival order, who may adopt one."""
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    a = enroll(hq, tmp_path / "a", "AAA", usb)
    b = enroll(hq, tmp_path / "b", "BBB", usb)
    with hq.read() as s:
        seeded = s.scalar(select(Kecamatan.name).order_by(Kecamatan.code, Kecamatan.id))
    kec = rename_first_kecamatan(a, "Nama dari A")
    rename_first_kecamatan(b, "Nama dari B")
    bundles = [export_to(a, usb), export_to(b, usb)]
    hq.close()
    import shutil

    shutil.copytree(tmp_path / "hq", tmp_path / "hq_rev")
    one, other = open_store(tmp_path / "hq"), open_store(tmp_path / "hq_rev")
    outcomes = import_all(one, bundles)
    assert all(o.ok and o.counts["set_aside"] == 1 for o in outcomes)
    assert all(o.ok for o in import_all(other, reversed(bundles)))
    assert state(one) == state(other)
    with one.read() as s:
        assert s.scalar(select(func.count()).select_from(SyncConflict)) == 2
        assert s.get(Kecamatan, kec).name == seeded
    with one.write() as s:
        kept = s.scalars(select(SyncConflict).where(SyncConflict.post_code == "AAA")).one()
        merge.resolve_conflict(s, "kecamatan", kec, kept.instance, adopt=True)
    with one.read() as s:
        assert s.get(Kecamatan, kec).name == "Nama dari A"
    for store in (one, other, a, b):
        store.close()


def test_cli_loop_and_status_setting(tmp_path, capsys, monkeypatch):
    hq, post, usb = str(tmp_path / "hq"), str(tmp_path / "post"), tmp_path / "usb"
    assert main(["--data-dir", hq, "setup", "hq", "--name", "Polres OKU", "--code", "OKU"]) == 0
    # the first account, made while there is none (as the first-run wizard does)
    monkeypatch.setenv("OKUDESK_NEW_PASSPHRASE", "admin-polres-1")
    assert (
        main(["--data-dir", hq, "account", "create-admin", "--name", "Admin", "--nrp", "80010001"])
        == 0
    )
    monkeypatch.delenv("OKUDESK_NEW_PASSPHRASE")
    (tmp_path / "hq-pass").write_text("admin-polres-1\n")
    at_hq = [
        "--data-dir",
        hq,
        "--officer",
        "80010001",
        "--passphrase-file",
        str(tmp_path / "hq-pass"),
    ]
    assert (
        main(
            [
                *at_hq,
                "post",
                "add",
                "--code",
                "BTT",
                "--name",
                "Polsek Baturaja Timur",
                "--out",
                str(usb),
            ]
        )
        == 0
    )
    kit = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["--data-dir", post, "setup", "post", "--kit", kit]) == 0
    assert main(["--data-dir", post, "demo", "--meetings", "3", "--incidents", "5"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")  # the demo officers'
    at_post = ["--data-dir", post, "--officer", officer_with_role(post, "admin")]
    assert main([*at_post, "export", "--out", str(usb)]) == 0
    bundle = capsys.readouterr().out.strip()
    assert main([*at_hq, "verify", bundle]) == 0
    assert "SAH" in capsys.readouterr().out
    assert main([*at_hq, "import", bundle, "--receipt-out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "baru" in out and "tanda terima" in out
    receipt = out.split("tanda terima: ")[1].strip()
    assert main([*at_hq, "import", bundle]) == 1
    assert "sudah diimpor" in capsys.readouterr().err
    assert main([*at_hq, "verify", bundle]) == 0  # still genuine
    assert "sudah diimpor di sini" in capsys.readouterr().out
    assert main([*at_post, "verify", bundle]) == 0  # the post checks what it wrote
    assert main([*at_post, "verify", receipt]) == 0
    capsys.readouterr()
    assert main([*at_post, "import", receipt]) == 0
    assert "sertifikat pos dari Polres dipasang" in capsys.readouterr().out
    assert main([*at_hq, "stats", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["posts"]["BTT"]["incidents"] == 5 and counts["posts"]["BTT"]["meetings"] == 3
    assert main([*at_hq, "post", "list"]) == 0
    assert "BTT" in capsys.readouterr().out

    with open_store(hq) as store, store.read() as s:
        root = trust.hq_root(s)
    with open_store(post) as store, store.read() as s:
        assert int(s.get(Setting, export.LAST_EXPORTED_COUNTER).value) > 0
        assert s.scalar(select(func.count()).select_from(Meeting)) == 3
        # the demo officers' report certificates were re-issued under HQ's post certificate
        from okudesk.core.models import OfficerCredential

        creds = list(s.scalars(select(OfficerCredential)))
        assert creds
        for row in creds:
            pki.validate_chain(
                pki.load_cert(row.certificate_pem),
                intermediates=pki.load_certs(row.chain_pem),
                anchors=[root],
                key_usage={"digital_signature", "non_repudiation"},
            )
    assert main([*at_hq, "post", "revoke", "--code", "BTT"]) == 0
    assert main([*at_post, "export", "--out", str(usb)]) == 0
    again = capsys.readouterr().out.strip().splitlines()[-1]
    assert main([*at_hq, "import", again]) == 1
    assert "dicabut" in capsys.readouterr().err


def test_a_conflicting_row_is_summarised_by_its_first_telling_field_on_one_line():
    """One rule for the GUI's conflict list and the command line's (core/sync/status.py)."""
    assert (
        status.summarise(
            {"number": "BTT-KJD-2026-0001", "description": "Spanduk\ndisobek", "title": ""}
        )
        == "Spanduk disobek"
    )
    assert status.summarise({"what": "Patroli malam", "number": "X"}) == "Patroli malam"
    assert status.summarise({"name": "x" * 200}) == "x" * 80
    assert status.summarise({"id": "abc", "counter": 3}) == ""
