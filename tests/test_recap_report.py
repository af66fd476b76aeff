"""The recap as a signed Polri report: what it shows, that it verifies, that it is registered,
and that an empty period still prints a correct, short report."""

import json
from datetime import date, timedelta

import pytest
import test_reports
from cli_login import open_folder
from test_reports import PASS, _anchors, _text

from okudesk.core.errors import OkudeskError
from okudesk.core.records import recap, register
from okudesk.core.reports import recap_report, verification

# the signed-report world of test_reports: a post, its officers, a meeting and an incident
setup = test_reports.setup
indonesian = test_reports.indonesian


def test_a_signed_recap_reads_like_a_polri_report_and_verifies(setup):
    week = recap.Period.this_week(date.today() - timedelta(days=1))
    result = recap_report.make(setup.store, week, passphrase=PASS, officer_nrp="85071234")
    text = " ".join(_text(result.pdf).split())  # table cells wrap
    for line in (
        "KEPOLISIAN DAERAH SUMATERA SELATAN",
        "LAPORAN REKAPITULASI SITUASI KAMTIBMAS",
        result.number,
        "PENDAHULUAN",
        "RINGKASAN",
        "KEJADIAN MENURUT KECAMATAN DAN KATEGORI",
        "Baturaja Timur",
        "Pembagian amplop kepada warga",  # the Tinggi incident is notable
        "KEJADIAN MENONJOL",
        "Tokoh agama",
        "PENUTUP",
        "Mengetahui",
        "HENDRA WIJAYA",
        "BUDI SANTOSO",
        f"Halaman 1 dari {result.pages}",
        result.document_id,
    ):
        assert line in text, line
    assert "/REKAP/" in result.number and result.kind == "recap"
    checked = verification.verify_pdf(result.pdf, _anchors(setup.store))
    assert checked.verdict == verification.VALID and checked.document_id == result.document_id
    with setup.store.read() as s:
        entry = register.find(s, document_id=result.document_id)
        assert entry.kind == "recap" and entry.record_id == recap_report.record_id(week, None)
        assert verification.check_register(s, checked).state == verification.IDENTICAL
    assert result.path.read_bytes() == result.pdf


def test_an_empty_period_prints_a_short_correct_draft_and_takes_no_number(setup):
    empty = recap.Period(date(2020, 1, 6), date(2020, 1, 12))
    result = recap_report.make(setup.store, empty, draft=True, officer_nrp="85071234")
    text = _text(result.pdf)
    assert "Tidak ada kejadian berkategori kritis atau tinggi" in text
    assert "DRAFT" in text and not result.signed and result.pages <= 3
    signed = recap_report.make(setup.store, empty, passphrase=PASS, officer_nrp="85071234")
    assert signed.number.startswith("B/1/")  # the draft took no number


def test_a_recap_needs_a_signer_and_the_right_passphrase(setup):
    week = recap.Period.this_week(date.today())
    with pytest.raises(OkudeskError, match="--officer"):
        recap_report.make(setup.store, week, passphrase=PASS)
    with pytest.raises(OkudeskError):
        recap_report.make(setup.store, week, passphrase="salah", officer_nrp="85071234")
    with setup.store.read() as s:
        assert register.list_reports(s) == []


def test_rekap_command_writes_a_signed_pdf_that_verify_and_pdfsig_accept(
    tmp_path, capsys, monkeypatch
):
    import shutil
    import subprocess

    from okudesk.cli import main
    from okudesk.core.records import meetings, officers

    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--meetings", "5", "--incidents", "30"]) == 0
    with open_folder(tmp_path / "d") as store, store.read() as s:  # a demo officer signs
        meeting = meetings.get_meeting(s, meetings.latest_meeting_id(s))
        nrp = officers.get_officer(s, meeting.reported_by_id).nrp
    capsys.readouterr()
    monkeypatch.delenv("OKUDESK_PASSPHRASE", raising=False)
    out = tmp_path / "rekap.pdf"
    args = ["--data-dir", data, "rekap", "--from", "2000-01-01", "--to", f"{date.today()}"]
    args += ["--out", str(out), "--officer", nrp]
    assert main(args) == 1  # no passphrase: refused, nothing written
    assert "kata sandi" in capsys.readouterr().err.lower() and not out.exists()
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    assert main(args) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_bytes().startswith(b"%PDF")
    assert main(["--data-dir", data, "--officer", nrp, "verify", str(out)]) == 0
    assert "SAH" in capsys.readouterr().out
    if shutil.which("pdfsig"):
        checked = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
        assert "Signature is Valid" in checked.stdout, checked.stdout
    text = " ".join(_text(out.read_bytes()).split())
    assert main([*args[:7], "--officer", nrp, "--json"]) == 0
    total = json.loads(capsys.readouterr().out)["incidents"]["value"]
    assert total == 30 and "Jumlah 30" in text
