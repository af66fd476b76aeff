"""Documents printed at HQ: HQ's own letterhead and "Mengetahui" roles; a post's record only as
a marked copy (SALINAN, no number, no signature); signing refused before any passphrase."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from sync_world import WHEN, add_incident, enroll, export_to, import_all, make_hq

from okudesk.core.errors import OkudeskError
from okudesk.core.records import meetings, officers, reference
from okudesk.core.reports import service


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def world(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "btt", "BTT", usb)
    with post.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        reporter = officers.add_officer(
            s, name="Rahmat Hidayat", nrp="85010123", rank_id=ranks["Aiptu"], position="Bhabin"
        )
        officers.add_officer(
            s, name="Budi Santoso", nrp="80010001", rank_id=ranks["AKP"], position="Kapolsek"
        )
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=WHEN,
                kecamatan_id=reference.kecamatan(s)[0].id,
                purpose="Silaturahmi kamtibmas",
                reported_by_id=reporter.id,
            ),
        )
    incident_id = add_incident(post, "Baliho dirusak")
    assert all(o.ok for o in import_all(hq, [export_to(post, usb)]))
    post.close()
    yield hq, meeting.id, incident_id
    hq.close()


def test_a_posts_meeting_printed_at_hq_is_a_marked_copy_in_hqs_name(world):
    hq, meeting_id, _incident = world
    with hq.write() as s:  # the HQ admin on duty would have printed as "reporter"
        officers.add_officer(s, name="Admin Polres", nrp="90010002", position="Admin")
    result = service.make_report(hq, "meeting", meeting_id, draft=True, officer_nrp="90010002")
    text = _text(result.pdf)
    flat = " ".join(text.split())
    assert not result.signed and result.number == "" and result.document_id == ""
    assert "SALINAN LAPORAN HASIL KEGIATAN" in flat
    assert "bukan laporan resmi" in flat and "SALINAN - bukan laporan resmi" in flat
    assert "RESOR OKU" in flat  # HQ's letterhead, Polres level
    assert "Nomor:" not in flat and not re.search(r"/(OKU|BTT)\b", flat)  # no number at all
    assert "Mengetahui," in flat and "KAPOLRES OKU" in flat
    assert "KAPOLSEK" not in flat.upper().replace("KAPOLSEK BTT", "")
    assert "Polsek BTT" in flat  # the copy names the post whose data it is
    assert "RAHMAT HIDAYAT" in flat and "ADMIN POLRES" not in flat  # the post's reporter
    assert "DRAFT" not in flat


def test_hqs_kasat_intelkam_knows_of_a_copy_of_an_incident(world):
    hq, _meeting, incident_id = world
    with hq.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        officers.add_officer(
            s,
            name="Dedi Kurniawan",
            nrp="78010003",
            rank_id=ranks["AKP"],
            position="Kasat Intelkam",
        )
    flat = " ".join(_text(service.make_report(hq, "incident", incident_id, draft=True).pdf).split())
    assert "SALINAN LAPORAN INFORMASI" in flat
    assert "KASAT INTELKAM POLRES OKU" in flat and "DEDI KURNIAWAN" in flat
    assert "(pelapor tidak tercatat)" in flat  # the post recorded no reporter: none invented


def test_signing_at_hq_is_refused_before_any_passphrase(world):
    hq, meeting_id, _incident = world
    with hq.read() as s:
        why = service.signing_refusal(s, "meeting", meeting_id)
    assert why is not None and "BTT" in why and "salinan bertanda tangan" in why
    with pytest.raises(OkudeskError) as refused:  # no passphrase given: the refusal, not a prompt
        service.make_report(hq, "meeting", meeting_id, passphrase=None)
    assert str(refused.value) == why
    with pytest.raises(OkudeskError):
        service.make_report(hq, "meeting", meeting_id, passphrase="apa saja")
    assert not (hq.data_dir / "reports").exists() or not any((hq.data_dir / "reports").iterdir())


def test_at_a_post_nothing_is_refused_and_a_draft_stays_a_draft(store):
    with store.write() as s:
        reporter = officers.add_officer(s, name="Rahmat Hidayat", nrp="85010123", position="Bhabin")
        m = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=WHEN, purpose="Rapat", reported_by_id=reporter.id)
        )
        assert service.signing_refusal(s, "meeting", m.id) is None
    flat = " ".join(_text(service.make_report(store, "meeting", m.id, draft=True).pdf).split())
    assert "SALINAN" not in flat and "DRAFT" in flat and "Nomor:" in flat


def test_a_new_hq_has_a_polres_letterhead_of_its_own(tmp_path):
    from okudesk.core.records import posts

    hq = make_hq(tmp_path / "hq")
    with hq.read() as s:
        assert posts.require_this_post(s).letterhead == (
            "KEPOLISIAN DAERAH SUMATERA SELATAN",
            "RESOR OKU",
        )
    hq.close()


def test_a_signed_report_of_the_post_is_named_on_the_copy_or_given_whole_when_here(tmp_path):
    import shutil

    from okudesk.core.security import credentials

    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "btt", "BTT", usb)
    with post.write() as s:
        reporter = officers.add_officer(s, name="Rahmat Hidayat", nrp="85010123")
        credentials.enroll_officer(s, reporter.id, "kata-sandi-panjang-1")
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(starts_at=WHEN, purpose="Rapat", reported_by_id=reporter.id),
        )
    signed = service.make_report(post, "meeting", meeting.id, passphrase="kata-sandi-panjang-1")
    assert signed.signed and signed.path is not None
    assert all(o.ok for o in import_all(hq, [export_to(post, usb)]))
    post.close()
    # the signed file stayed at the post: HQ prints a copy that names the signed report
    copy = service.make_report(hq, "meeting", meeting.id, draft=True)
    flat = " ".join(_text(copy.pdf).split())
    assert not copy.signed and "SALINAN" in flat and f"nomor {signed.number}" in flat
    # the post's kept signed copy brought to HQ: that file is what HQ prints, byte for byte
    (hq.data_dir / "reports").mkdir(exist_ok=True)
    shutil.copy(signed.path, service.kept_path(hq, signed.document_id))
    again = service.make_report(hq, "meeting", meeting.id, draft=True)
    assert again.reused and again.pdf == signed.pdf and again.number == signed.number
    # a damaged one is not: HQ falls back to the copy
    service.kept_path(hq, signed.document_id).write_bytes(signed.pdf[:-10])
    assert not service.make_report(hq, "meeting", meeting.id, draft=True).reused
    hq.close()
