"""A paper copy is checked by its verification code or QR text: at the post that signed it,
and at HQ once the post's bundle brought the register there; the QR code still reads from a
coarse, slightly blurred scan."""

import shutil
import subprocess
from datetime import timedelta

import pytest
from PIL import Image, ImageFilter
from sync_world import WHEN, enroll, export_to, import_all, make_hq

from okudesk.core.records import meetings, officers, reference, register
from okudesk.core.reports import service
from okudesk.core.security import credentials

PASS = "rahasia-pelapor"


def _signed_report(post):
    with post.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        officer = officers.add_officer(
            s, name="Budi Santoso", nrp="85071234", rank_id=ranks["Aiptu"], position="Kanit"
        )
        credentials.enroll_officer(s, officer.id, PASS)
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=WHEN,
                ends_at=WHEN + timedelta(hours=1),
                kecamatan_id=reference.kecamatan(s)[0].id,
                purpose="Silaturahmi kamtibmas",
                reported_by_id=officer.id,
            ),
        )
    return service.make_report(post, "meeting", meeting.id, passphrase=PASS), meeting.number


def test_hq_finds_a_posts_report_by_the_code_on_its_paper_copy(tmp_path, capsys):
    from okudesk.cli import main

    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "btt", "BTT", tmp_path / "usb")
    try:
        result, record_number = _signed_report(post)
        with post.read() as s:
            code = register.verification_code(
                register.find(s, document_id=result.document_id).content_sha256
            )
        with hq.read() as s:
            assert register.find_by_code(s, code) == []  # not at HQ before the bundle
        (outcome,) = import_all(hq, [export_to(post, tmp_path / "usb")])
        assert outcome.ok, outcome.reason
        with hq.read() as s:
            (hit,) = register.find_by_code(s, code.lower().replace("-", " "))
            lines = register.code_lines(hit)
    finally:
        post.close()
        hq.close()
    assert lines[0] == f"Kode verifikasi: {code}"
    assert f"Laporan nomor {result.number}" in lines
    assert any(record_number in line for line in lines)
    assert any("Budi Santoso (NRP 85071234)" in line and "WIB" in line for line in lines)
    assert lines[-1] == "Status: berlaku"
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path / "hq"), "verify", "--code", code]) == 0
    assert result.number in capsys.readouterr().out


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) missing")
@pytest.mark.parametrize("dpi,blur", [(150, 0), (100, 0.7)])
def test_the_qr_code_reads_from_a_coarse_blurred_scan(store, dpi, blur, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    from okudesk.core.records import posts

    with store.write() as s:
        assert posts.this_post(s) is not None
    result, _number = _signed_report(store)
    path = tmp_path / "laporan.pdf"
    path.write_bytes(result.pdf)
    pages = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-gray", "-png", str(path), str(tmp_path / "scan")],
        check=True,
    )
    assert pages.returncode == 0
    texts = []
    for png in sorted(tmp_path.glob("scan*.png")):
        image = Image.open(png)
        if blur:
            image = image.filter(ImageFilter.GaussianBlur(blur))
        texts += [b.text for b in zxingcpp.read_barcodes(image)]
    with store.read() as s:
        entry = register.find(s, document_id=result.document_id)
    assert texts == [
        f"OKUDESK1:{result.document_id.upper()}:{result.number}:{entry.content_sha256.upper()}"
    ]
    with store.read() as s:
        assert [h.report.number for h in register.find_by_code(s, texts[0])] == [result.number]
