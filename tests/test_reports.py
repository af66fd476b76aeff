"""Signed reports: what they show, that the signature holds, that tampering shows, locking."""

import io
import shutil
import subprocess
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pytest
from cli_login import as_officer, open_folder, reporter_of_latest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from okudesk.core import permissions
from okudesk.core.errors import ValidationError
from okudesk.core.i18n import set_language
from okudesk.core.records import (
    followups,
    incidents,
    meetings,
    officers,
    photos,
    posts,
    reference,
    register,
    stakeholders,
)
from okudesk.core.records.followups import FollowUpInput
from okudesk.core.reports import numbering, pdf, service, verification
from okudesk.core.reports import settings as report_settings
from okudesk.core.security import credentials, pki

PASS = "rahasia-pelapor"


@pytest.fixture(autouse=True)
def indonesian():
    yield
    set_language("id")  # the CLI's --lang en must not leak into other tests


@dataclass
class Setup:
    store: object
    reporter_id: str
    commander_id: str
    meeting_id: str
    incident_id: str


def _photo(color) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1600, 1200), color).save(out, "JPEG", quality=85)
    return out.getvalue()


def _signature_png() -> bytes:
    im = Image.new("RGBA", (300, 100), (0, 0, 0, 0))
    from PIL import ImageDraw

    ImageDraw.Draw(im).line(
        [(10, 80), (100, 20), (200, 70), (290, 30)], fill=(0, 0, 120, 255), width=4
    )
    out = io.BytesIO()
    im.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def setup(store, yesterday) -> Setup:
    with store.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        kec = {k.name: k.id for k in reference.kecamatan(s)}
        types = {t.name: t.id for t in reference.stakeholder_types(s)}
        post = posts.this_post(s)
        commander = officers.add_officer(
            s,
            name="Hendra Wijaya",
            nrp="78050011",
            rank_id=ranks["Iptu"],
            position="Kapolsek",
            post_id=post.id,
        )
        reporter = officers.add_officer(
            s,
            name="Budi Santoso",
            nrp="85071234",
            rank_id=ranks["Aiptu"],
            position="Bhabinkamtibmas",
            post_id=post.id,
        )
        from okudesk.core.models import Officer

        s.get(Officer, reporter.id).signature_png = _signature_png()
        credentials.enroll_officer(s, reporter.id, PASS)
        desa = reference.add_desa(s, kec["Baturaja Timur"], "Sukaraya")
        figures = [
            stakeholders.add_stakeholder(
                s,
                stakeholders.StakeholderInput(name=n, type_id=types["Tokoh agama"], organisation=o),
            )
            for n, o in (("KH Ahmad Zainal", "MUI Kabupaten OKU"), ("Siti Lestari", "PCNU OKU"))
        ]
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                ends_at=yesterday + timedelta(hours=2),
                kecamatan_id=kec["Baturaja Timur"],
                desa_id=desa,
                place="Masjid Al-Ikhlas",
                basis="Surat Perintah Kapolsek Nomor Sprin/45/XII/2026",
                conclusion="Situasi wilayah aman dan kondusif menjelang pemilu.",
                purpose="Silaturahmi kamtibmas menjelang pemilu",
                discussion="Menolak politik uang.",
                outcomes="Tokoh agama sepakat menjaga suasana damai.",
                potential_problems="Pesan berantai bernada SARA.",
                obstacles="Hujan deras.",
                other_attendees=12,
                reported_by_id=reporter.id,
                officer_ids=[reporter.id],
                stakeholder_ids=[f.id for f in figures],
                follow_ups=[
                    FollowUpInput(
                        what="Patroli dialogis malam hari",
                        responsible="Bhabinkamtibmas",
                        due_date=date.today() + timedelta(days=7),
                    )
                ],
            ),
        )
        for k, color in enumerate(((200, 40, 40), (40, 160, 40), (40, 40, 200), (200, 200, 40))):
            photos.add_photo(
                s,
                store.photo_dir,
                _photo(color),
                meeting_id=meeting.id,
                caption=f"Foto kegiatan {k + 1}",
            )
        cats = {c.name: c.id for c in reference.incident_categories(s)}
        incident = incidents.create_incident(
            s,
            incidents.IncidentInput(
                occurred_at=yesterday,
                category_id=next(iter(cats.values())),
                severity="tinggi",
                kecamatan_id=kec["Baturaja Timur"],
                place="Depan pasar",
                title="Pembagian amplop kepada warga",
                description="Warga menerima amplop berisi uang.",
                people_involved="Rudi (terlapor)",
                source="Warga setempat",
                source_grade="B",
                info_grade="2",
                assessment="Diduga politik uang terorganisir.",
                recommendation="Koordinasi dengan Panwascam.",
                reported_by_id=reporter.id,
            ),
        )
    return Setup(store, reporter.id, commander.id, meeting.id, incident.id)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _anchors(store):
    with store.read() as s:
        return credentials.trust_anchors(s)


def test_meeting_report_reads_like_a_polri_report(setup):
    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    text = _text(result.pdf)
    for line in (
        "KEPOLISIAN DAERAH SUMATERA SELATAN",
        "RESOR OGAN KOMERING ULU",
        "SEKTOR BATURAJA TIMUR",
        "LAPORAN HASIL KEGIATAN / KUNJUNGAN",
        result.number,
        "KH Ahmad Zainal",
        "Siti Lestari",
        "PENDAHULUAN",
        "PELAKSANAAN",
        "HASIL",
        "HAMBATAN",
        "KESIMPULAN DAN SARAN",
        "Patroli dialogis malam hari",
        "Mengetahui",
        "KAPOLSEK BATURAJA TIMUR",
        "HENDRA WIJAYA",
        "BHABINKAMTIBMAS",
        "BUDI SANTOSO",
        "AIPTU NRP 85071234",
        "DOKUMENTASI KEGIATAN",
        "Foto kegiatan 4",
        f"Halaman 1 dari {result.pages}",
        result.document_id,
        service.verification_code(_content_hash(setup, result)),
    ):
        assert line in text, line
    assert result.number.startswith("B/1/") and result.number.endswith(
        f"/LHK/{date.today().year}/BTT"
    )
    assert result.pages == 3  # two pages of report, one of photos
    assert len(result.pdf) < 1_500_000
    assert result.path.read_bytes() == result.pdf


def _content_hash(setup, result):
    with setup.store.read() as s:
        return register.find(s, document_id=result.document_id).content_sha256


def test_signature_is_pades_and_validates(setup):
    from pyhanko.pdf_utils.reader import PdfFileReader

    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    sig = PdfFileReader(io.BytesIO(result.pdf)).embedded_signatures[0]
    assert sig.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    cert = sig.signer_cert
    assert cert.key_usage_value.native == {"digital_signature", "non_repudiation"}
    assert cert.public_key.algorithm == "ec" and cert.public_key.curve[1] == "secp256r1"
    checked = verification.verify_pdf(result.pdf, _anchors(setup.store))
    assert checked.verdict == verification.VALID
    (only,) = checked.signatures
    assert (only.signer_name, only.nrp) == ("Budi Santoso", "85071234")
    assert checked.document_id == result.document_id
    assert verification.verify_pdf(result.pdf, []).verdict == verification.UNTRUSTED


def test_a_changed_byte_in_the_signed_range_is_detected(setup):
    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    data = bytearray(result.pdf)
    at = data.index(b"/DCTDecode")
    at = data.index(b"stream", at) + 400  # inside the first photo's JPEG bytes
    data[at] ^= 0x01
    assert (
        verification.verify_pdf(bytes(data), _anchors(setup.store)).verdict == verification.MODIFIED
    )


def test_an_incremental_update_that_changes_a_page_is_detected(setup):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    writer = IncrementalPdfFileWriter(io.BytesIO(result.pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    extra = writer.add_object(generic.StreamObject(stream_data=b"0 0 1 rg 100 100 300 50 re f"))
    contents = page["/Contents"]
    page["/Contents"] = generic.ArrayObject(
        ([*contents] if isinstance(contents, generic.ArrayObject) else [contents]) + [extra]
    )
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    checked = verification.verify_pdf(out.getvalue(), _anchors(setup.store))
    assert checked.verdict == verification.MODIFIED
    assert checked.signatures[
        0
    ].intact  # the signed bytes are untouched: the diff analysis caught it


def test_page_one_renders_and_is_not_blank(setup, tmp_path):
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    result = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    source = tmp_path / "r.pdf"
    source.write_bytes(result.pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(source), str(tmp_path / "p")],
        check=True,
    )
    (png,) = tmp_path.glob("p*.png")
    with Image.open(png) as im:
        gray = im.convert("L")
        dark = sum(gray.histogram()[:128])
    assert dark > 0.01 * gray.width * gray.height


def test_incident_report_keeps_facts_apart_from_opinion(setup):
    result = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    text = _text(result.pdf)
    assert "LAPORAN INFORMASI" in text and result.number.split("/")[3] == "LI"
    facts, opinion = text.index("FAKTA-FAKTA"), text.index("PENDAPAT PELAPOR")
    assert facts < text.index("Warga menerima amplop") < opinion < text.index("Diduga politik uang")
    assert "B (biasanya dapat dipercaya)" in text and "2 (kemungkinan besar benar)" in text


def test_draft_has_a_watermark_no_signature_and_takes_no_number(setup):
    draft = service.make_report(setup.store, "meeting", setup.meeting_id, draft=True)
    assert not draft.signed and "DRAFT" in _text(draft.pdf)
    assert verification.verify_pdf(draft.pdf, []).verdict == verification.UNSIGNED
    signed = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    assert signed.number.startswith("B/1/")


def test_wrong_passphrase_takes_no_number(setup):
    with pytest.raises(pki.WrongPassphrase):
        service.make_report(setup.store, "meeting", setup.meeting_id, passphrase="salah")
    with setup.store.read() as s:
        assert register.reports_of(s, "meeting", setup.meeting_id) == []
    assert service.make_report(
        setup.store, "meeting", setup.meeting_id, passphrase=PASS
    ).number.startswith("B/1/")


def test_signed_record_is_locked_and_changes_become_amendments(setup, yesterday):
    first = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    again = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    assert again.reused and again.number == first.number and again.pdf == first.pdf
    with setup.store.read() as s:
        detail = meetings.get_meeting(s, setup.meeting_id)
    data = meetings.MeetingInput(
        starts_at=detail.starts_at,
        ends_at=detail.ends_at,
        kecamatan_id=detail.kecamatan_id,
        desa_id=detail.desa_id,
        place=detail.place,
        purpose=detail.purpose,
        outcomes="Hasil yang diperbaiki.",
        reported_by_id=detail.reported_by_id,
    )
    with pytest.raises(register.RecordLocked, match=first.number.replace("/", ".")):
        with setup.store.write() as s:
            meetings.update_meeting(s, setup.meeting_id, data)
    with pytest.raises(register.RecordLocked):
        with setup.store.write() as s:
            meetings.delete_meeting(s, setup.meeting_id)
    with pytest.raises(register.RecordLocked), setup.store.write() as s:
        photos.add_photo(s, setup.store.photo_dir, _photo((1, 2, 3)), meeting_id=setup.meeting_id)
    with pytest.raises(register.RecordLocked), setup.store.write() as s:
        photos.remove_photo(s, photos.photos_of(s, meeting_id=setup.meeting_id)[0].id)
    with setup.store.write() as s:
        meetings.update_meeting(s, setup.meeting_id, data, amendment_reason="Hasil salah ketik")
    amended = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    assert not amended.reused and amended.number != first.number
    text = _text(amended.pdf)
    assert f"Perubahan atas laporan nomor {first.number}" in text and "Hasil salah ketik" in text
    assert verification.verify_pdf(first.pdf, _anchors(setup.store)).verdict == verification.VALID
    with setup.store.read() as s:
        found = register.reports_of(s, "meeting", setup.meeting_id)
        assert [r.number for r in found] == [first.number, amended.number]
        assert found[1].amends_id == first.document_id
        assert register.locked_by(s, "meeting", setup.meeting_id).number == amended.number


def test_incident_lock_too(setup):
    service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    with setup.store.read() as s:
        detail = incidents.get_incident(s, setup.incident_id)
    with pytest.raises(register.RecordLocked):
        with setup.store.write() as s:
            incidents.update_incident(
                s,
                setup.incident_id,
                incidents.IncidentInput(
                    occurred_at=detail.occurred_at,
                    description="Diubah",
                    reported_by_id=detail.reported_by_id,
                ),
            )


def test_numbers_never_repeat_across_a_thousand_reports(store):
    seen = set()
    with store.write() as s:
        for k in range(1000):
            day = date(2026, 1 + k % 12, 1 + k % 28)
            number, _value = numbering.next_number(
                s,
                numbering.DEFAULT_TEMPLATE,
                when=day,
                class_code="LHK" if k % 2 else "LI",
                post_code="BTT",
            )
            seen.add(number.split("/")[1] + "/" + number.split("/")[4])
            assert "/BTT" in number
    assert len(seen) == 1000
    other_post = numbering.format_number(
        numbering.DEFAULT_TEMPLATE, no=1, when=date(2026, 1, 1), class_code="LHK", post_code="LBT"
    )
    assert other_post == "B/1/I/LHK/2026/LBT"


def test_number_template_and_settings_are_checked(store):
    assert (
        numbering.format_number(
            "{sec}/{no}/{month}/{class}/{year}/{code}",
            no=7,
            when=date(2026, 4, 3),
            class_code="LHK",
            post_code="BTT",
            security_class="Rahasia",
        )
        == "R/7/IV/LHK/2026/BTT"
    )
    with pytest.raises(ValidationError):
        numbering.validate_template("B/{no}/{year}")  # no post code: two posts would collide
    with store.write() as s:
        saved = report_settings.save(
            s,
            report_settings.ReportSettings(
                number_template="B/{no}/{month}/{class}/{year}/Sek-{code}",
                security_class="Terbatas",
                letterhead=False,
            ),
        )
    assert (
        saved.number_template.endswith("Sek-{code}")
        and saved.security_class == "Terbatas"
        and not saved.letterhead
    )
    with pytest.raises(ValidationError), store.write() as s:
        report_settings.save(s, report_settings.ReportSettings(security_class="Rahasia sekali"))


def test_letterhead_line_of_42_characters_is_rejected(store):
    with store.write() as s:
        post = posts.this_post(s)
        with pytest.raises(ValidationError, match="41"):
            posts.update_letterhead(s, post.id, ["KEPOLISIAN DAERAH SUMATERA SELATAN", "X" * 42])
        assert posts.update_letterhead(s, post.id, ["Y" * 41]).letterhead == ("Y" * 41,)


def test_choosing_another_officer_and_missing_credentials(setup):
    with pytest.raises(credentials.NoCredential, match="Hendra Wijaya"):
        service.make_report(
            setup.store, "meeting", setup.meeting_id, passphrase=PASS, officer_nrp="78050011"
        )
    with setup.store.write() as s:
        credentials.enroll_officer(s, setup.commander_id, "komandan")
    result = service.make_report(
        setup.store, "meeting", setup.meeting_id, passphrase="komandan", officer_nrp="78050011"
    )
    text = _text(result.pdf)
    assert "IPTU NRP 78050011" in text and "Mengetahui" not in text  # the commander signs himself
    assert (
        verification.verify_pdf(result.pdf, _anchors(setup.store)).signatures[0].nrp == "78050011"
    )


def test_passphrase_change_and_hq_chain_slot_in(setup):
    old = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    with setup.store.write() as s:
        credentials.change_passphrase(s, setup.reporter_id, PASS, "baru")
        with pytest.raises(pki.WrongPassphrase):
            credentials.change_passphrase(s, setup.reporter_id, PASS, "lagi")
        # HQ enrols the post: it certifies the post's existing key under its root.
        hq_key = pki.generate_key()
        hq = pki.Identity(hq_key, pki.make_root(hq_key, common_name="Polres OKU", unit="HQ"))
        post_key = credentials.post_authority(s).key
        issued = pki.issue_post_certificate(
            hq, post_key.public_key(), post_code="BTT", post_name="Polsek Baturaja Timur"
        )
        assert credentials.install_post_certificate(s, issued, [hq.certificate]) == 1
    new = service.make_report(setup.store, "incident", setup.incident_id, passphrase="baru")
    assert (
        verification.verify_pdf(new.pdf, [hq.certificate]).verdict == verification.VALID
    )  # HQ trusts it
    assert (
        verification.verify_pdf(old.pdf, [hq.certificate]).verdict == verification.UNTRUSTED
    )  # signed before enrolment
    assert (
        verification.verify_pdf(old.pdf, _anchors(setup.store)).verdict == verification.VALID
    )  # the post still trusts it


def test_officer_can_use_an_official_pkcs12_certificate(setup):
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    ca_key = pki.generate_key()
    ca = pki.Identity(ca_key, pki.make_root(ca_key, common_name="CA Resmi"))
    key = pki.generate_key()
    cert = pki.issue_officer_certificate(
        ca, key.public_key(), name="Budi Santoso", nrp="85071234", post_code="BTT"
    )
    p12 = pkcs12.serialize_key_and_certificates(
        b"budi", key, cert, [ca.certificate], BestAvailableEncryption(b"p12")
    )
    with setup.store.write() as s:
        with pytest.raises(pki.WrongPassphrase):
            credentials.import_pkcs12(s, setup.reporter_id, p12, "salah", PASS)
        info = credentials.import_pkcs12(s, setup.reporter_id, p12, "p12", PASS)
    assert info.source == "pkcs12" and info.nrp == "85071234"
    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    assert verification.verify_pdf(result.pdf, [ca.certificate]).verdict == verification.VALID


def test_demo_officers_sign_with_the_demo_passphrase(tmp_path):
    from okudesk.core import demo

    with open_folder(tmp_path / "demo") as store:
        store.actor = permissions.system_actor("pytest")
        demo.fill(store, meetings=3, incidents=3, seed=5, today=date.today() - timedelta(days=1))
        record = service.resolve_record_id(store, "meeting", "latest")
        result = service.make_report(store, "meeting", record, passphrase=demo.DEMO_PASSPHRASE)
        assert verification.verify_pdf(result.pdf, _anchors(store)).verdict == verification.VALID
        assert datetime.now().year == int(result.number.split("/")[4])


def test_cli_report_and_verify(tmp_path, monkeypatch, capsys):
    from okudesk.cli import main

    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--meetings", "3", "--incidents", "3"]) == 0
    out = tmp_path / "rapat.pdf"
    monkeypatch.delenv("OKUDESK_PASSPHRASE", raising=False)
    me = as_officer(reporter_of_latest(data, "meeting"))  # the reporting officer signs
    assert main(["--data-dir", data, "report", "meeting", "latest", "--out", str(out)]) == 1
    assert "--officer" in capsys.readouterr().err  # nobody logged in: no report, not even a draft
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    assert (
        main(["--data-dir", data, *me, "report", "meeting", "latest", "--out", str(out), "--draft"])
        == 0
    )
    monkeypatch.delenv("OKUDESK_PASSPHRASE")
    assert main(["--data-dir", data, "verify", str(out)]) == 1  # a draft carries no signature
    capsys.readouterr()
    wrong = tmp_path / "wrong"
    wrong.write_text("salah\n")
    assert (
        main(
            [
                "--data-dir",
                data,
                "report",
                "meeting",
                "latest",
                "--out",
                str(out),
                *me,
                "--passphrase-file",
                str(wrong),
            ]
        )
        == 1
    )
    assert capsys.readouterr().err.strip() == "okudesk: Kata sandi salah"
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    assert main(["--data-dir", data, *me, "report", "meeting", "latest", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, *me, "verify", str(out)]) == 0
    printed = capsys.readouterr().out
    assert (
        "SAH: utuh dan penanda tangan dipercaya" in printed
        and "NRP: " in printed
        and "Waktu tanda tangan: " in printed
    )
    assert (
        main(["--lang", "en", "--data-dir", str(tmp_path / "elsewhere"), "verify", str(out)]) == 1
    )
    assert "intact but signer not trusted" in capsys.readouterr().out
    tampered = tmp_path / "ubah.pdf"
    raw = bytearray(out.read_bytes())
    at = raw.index(b"stream", raw.index(b"/DCTDecode")) + 300
    raw[at] ^= 0xFF
    tampered.write_bytes(bytes(raw))
    assert main(["--lang", "en", "--data-dir", data, "verify", str(tampered)]) == 1
    assert "MODIFIED after signing" in capsys.readouterr().out
    incident_pdf = tmp_path / "kejadian.pdf"
    assert (
        main(
            [
                "--data-dir",
                data,
                *as_officer(reporter_of_latest(data, "incident")),
                "report",
                "incident",
                "latest",
                "--out",
                str(incident_pdf),
            ]
        )
        == 0
    )
    capsys.readouterr()
    # trusting the post's CA certificate explicitly works from any folder
    with open_store(data) as store, store.read() as s:
        (anchor,) = credentials.trust_anchors(s)
    cert_file = tmp_path / "pos.pem"
    cert_file.write_bytes(pki.cert_pem(anchor))
    assert (
        main(
            [
                "--data-dir",
                str(tmp_path / "elsewhere"),
                "verify",
                str(incident_pdf),
                "--trust",
                str(cert_file),
            ]
        )
        == 0
    )
    notpdf = tmp_path / "bundle.okb"
    notpdf.write_bytes(b"PK\x03\x04 not a pdf")
    assert (
        main(["--lang", "id", "--data-dir", data, "verify", str(notpdf)]) == 1
    )  # not a PDF: bundle verification says no
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def open_store(path):

    return open_folder(path)


def test_an_officer_signs_only_their_own_reports_unless_commander(setup):
    from okudesk.core.errors import PermissionDenied

    setup.store.actor = permissions.Actor(setup.commander_id, "Hendra Wijaya", "petugas")
    with pytest.raises(PermissionDenied):
        service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    assert (
        service.make_report(setup.store, "meeting", setup.meeting_id, draft=True).pages >= 1
    )  # reading is fine
    setup.store.actor = permissions.Actor(setup.reporter_id, "Budi Santoso", "petugas")
    assert service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS).signed
    setup.store.actor = permissions.Actor(setup.commander_id, "Hendra Wijaya", "kapolsek")
    assert service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS).signed


def test_officer_certificates_follow_the_sync_identity_and_hq_enrolment(tmp_path, yesterday):
    """Before sync the post's own CA certifies officers; after the sync set-up and HQ's
    certificate, the next signature chains to HQ, and older reports still verify here."""
    from okudesk.core.sync import trust

    hq = open_folder(tmp_path / "hq")
    hq.actor = permissions.system_actor("pytest")
    with hq.write() as s:
        trust.set_up_hq(s, name="Polres OKU", code="OKU")
        kit = trust.add_post(s, code="BTT", name="Polsek Baturaja Timur", out_dir=tmp_path / "usb")
        hq_identity = trust.signing_identity(s)
    post = open_folder(tmp_path / "post")
    post.actor = permissions.system_actor("pytest")
    with post.write() as s:
        kec = reference.kecamatan(s)[0].id
        posts.set_up_this_post(
            s, code="BTT", name="Polsek Baturaja Timur", letterhead=["SEKTOR BATURAJA TIMUR"]
        )
        officer = officers.add_officer(
            s, name="Budi Santoso", nrp="85071234", position="Bhabinkamtibmas"
        )
        credentials.enroll_officer(s, officer.id, PASS)
        ids = [
            meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=yesterday - timedelta(hours=k),
                    kecamatan_id=kec,
                    purpose=f"Rapat {k}",
                    reported_by_id=officer.id,
                ),
            ).id
            for k in range(3)
        ]
    before_sync = service.make_report(post, "meeting", ids[0], passphrase=PASS)
    with post.write() as s:
        trust.set_up_post(s, kit)
    before_enrolment = service.make_report(post, "meeting", ids[1], passphrase=PASS)
    with post.write() as s:
        post_key = trust.signing_identity(s).key
        issued = pki.issue_post_certificate(
            hq_identity, post_key.public_key(), post_code="BTT", post_name="Polsek Baturaja Timur"
        )
        assert trust.install_post_certificate(s, pki.cert_pem(issued))
    enrolled = service.make_report(post, "meeting", ids[2], passphrase=PASS)
    with hq.read() as s:
        hq_anchors = credentials.trust_anchors(s)
    with post.read() as s:
        post_anchors = credentials.trust_anchors(s)
    assert verification.verify_pdf(enrolled.pdf, hq_anchors).verdict == verification.VALID
    assert (
        verification.verify_pdf(before_enrolment.pdf, hq_anchors).verdict == verification.UNTRUSTED
    )
    for old in (before_sync, before_enrolment, enrolled):
        assert verification.verify_pdf(old.pdf, post_anchors).verdict == verification.VALID
    hq.close()
    post.close()


def test_optional_logo_above_the_letterhead_and_letterhead_off(setup):
    def page_one_images(pdf: bytes) -> int:
        return len(PdfReader(io.BytesIO(pdf)).pages[0].images)

    plain = service.make_report(setup.store, "incident", setup.incident_id, draft=True)
    logo = io.BytesIO()
    Image.new("RGB", (400, 400), (150, 110, 20)).save(logo, "PNG")
    report_settings.save_logo(setup.store.data_dir, logo.getvalue())
    with_logo = service.make_report(setup.store, "incident", setup.incident_id, draft=True)
    assert page_one_images(with_logo.pdf) == page_one_images(plain.pdf) + 1
    with setup.store.write() as s:
        report_settings.save(s, report_settings.ReportSettings(letterhead=False))
    without = service.make_report(setup.store, "incident", setup.incident_id, draft=True)
    assert "RESOR OGAN KOMERING ULU" not in _text(without.pdf) and page_one_images(
        without.pdf
    ) == page_one_images(plain.pdf)
    with pytest.raises(ValidationError):
        report_settings.save_logo(setup.store.data_dir, b"not a picture")
    report_settings.save_logo(setup.store.data_dir, None)
    assert report_settings.load_logo(setup.store.data_dir) is None


# --- verify against the register: tampering a signature alone cannot show ---------------------

PASS2 = "rahasia-kapolsek"


def _updated(pdf: bytes, change) -> bytes:
    """``pdf`` with an incremental update made by ``change(writer)`` (as pyHanko writes it)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _checked(setup, data: bytes):
    result = verification.verify_pdf(data, _anchors(setup.store))
    with setup.store.read() as s:
        return result, verification.check_register(s, result)


def test_a_clean_report_is_registered_and_identical(setup):
    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    checked, reg = _checked(setup, result.pdf)
    assert reg.state == verification.IDENTICAL and reg.entry.number == result.number
    assert verification.overall_verdict(checked, reg) == verification.VALID
    assert checked.claims.number == result.number and checked.claims.title.endswith(result.number)
    assert checked.claims.content_sha256 == _content_hash(setup, result)


def test_an_info_change_after_signing_is_a_modification_and_is_not_believed(setup):
    from pyhanko.pdf_utils import generic

    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)

    def new_info(writer):
        forged = generic.DictionaryObject(
            {
                generic.NameObject("/Title"): generic.TextStringObject("LAPORAN PALSU"),
                generic.NameObject("/Keywords"): generic.TextStringObject(
                    "okudesk-dokumen:00000000-0000-0000-0000-000000000000 okudesk-nomor:X/1"
                ),
            }
        )
        writer.set_info(forged)

    forged = _updated(result.pdf, new_info)
    assert PdfReader(io.BytesIO(forged)).metadata["/Title"] == "LAPORAN PALSU"
    checked, reg = _checked(setup, forged)
    assert checked.verdict == verification.MODIFIED
    assert "/Info" in checked.signatures[0].detail
    # what verify prints comes from the signed revision, not the forged /Info
    assert checked.claims.document_id == result.document_id
    assert checked.claims.number == result.number and "PALSU" not in checked.claims.title
    assert reg.state == verification.IDENTICAL  # the signed revision is the registered file

    def touch_title(writer):
        info = writer.trailer["/Info"].get_object()
        info["/Title"] = generic.TextStringObject("LAPORAN PALSU")
        writer.update_container(info)

    touched = _updated(result.pdf, touch_title)
    assert PdfReader(io.BytesIO(touched)).metadata["/Title"] == "LAPORAN PALSU"
    checked, _reg = _checked(setup, touched)
    assert checked.verdict == verification.MODIFIED


def test_an_xmp_change_after_signing_is_a_modification(setup):

    result = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
        b'dc:title="LAPORAN PALSU"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    )

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter(io.BytesIO(result.pdf), incremental=True)
    stream = StreamObject()
    stream.set_data(xmp)
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    changed = out.getvalue()
    assert changed.startswith(result.pdf) and b"LAPORAN PALSU" in changed[len(result.pdf) :]
    checked, _reg = _checked(setup, changed)
    assert checked.verdict == verification.MODIFIED
    assert "XMP" in checked.signatures[0].detail


def test_adding_validation_data_only_keeps_the_report_valid_and_identical(setup):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    sig = PdfFileReader(io.BytesIO(result.pdf)).embedded_signatures[0]
    buffer = io.BytesIO(result.pdf)
    DocumentSecurityStore.add_dss(
        buffer,
        sig.pkcs7_content,
        certs=[sig.signer_cert, *sig.other_embedded_certs],
        force_write=True,
    )
    with_dss = buffer.getvalue()
    assert len(with_dss) > len(result.pdf) and b"/DSS" in with_dss[len(result.pdf) :]
    checked, reg = _checked(setup, with_dss)
    assert checked.verdict == verification.VALID, checked.signatures[0].detail
    assert reg.state == verification.IDENTICAL
    assert verification.overall_verdict(checked, reg) == verification.VALID


def _second_officer(setup):
    with setup.store.write() as s:
        credentials.enroll_officer(s, setup.commander_id, PASS2)
    with setup.store.read() as s:
        return credentials.signing_identity(s, setup.commander_id, PASS2)


def _page_changed(pdf: bytes) -> bytes:
    """The report rewritten (signature dropped) with a white box and new words on page 1,
    keeping the original /Info (document ID, number, content hash)."""
    from pypdf import PdfWriter
    from reportlab.pdfgen import canvas

    overlay = io.BytesIO()
    c = canvas.Canvas(overlay)
    c.setFillColorRGB(1, 1, 1)
    c.rect(70, 300, 460, 120, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    c.drawString(80, 360, "Warga tidak menerima apa pun.")
    c.save()
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    for page in reader.pages:
        writer.add_page(page)
    for page in writer.pages:
        if "/Annots" in page:
            del page["/Annots"]
    writer.pages[0].merge_page(PdfReader(overlay).pages[0])
    writer.add_metadata(dict(reader.metadata))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_page_changed_and_re_signed_by_another_trusted_officer_is_not_valid(setup, monkeypatch):
    from okudesk.core.reports import signing

    result = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    identity = _second_officer(setup)
    box = (300.0, 100.0, 520.0, 160.0)
    # 1. rewritten from scratch and signed again: the signature alone is perfect
    rewritten = _page_changed(result.pdf)
    resigned = signing.sign_pdf(rewritten, identity, page=1, box=box, name="Hendra Wijaya")
    checked, reg = _checked(setup, resigned)
    assert checked.verdict == verification.VALID  # intact, and the Kapolsek is trusted here
    assert checked.claims.document_id == result.document_id
    assert reg.state == verification.DIFFERS
    assert any("Hendra Wijaya" in d and "Budi Santoso" in d for d in reg.differences)
    assert verification.overall_verdict(checked, reg) == verification.MISMATCH
    # 2. changed in an update and a second signature added over it
    from pyhanko.pdf_utils import generic

    def cover(writer):
        page = writer.root["/Pages"]["/Kids"][0].get_object()
        extra = writer.add_object(generic.StreamObject(stream_data=b"1 1 1 rg 70 300 460 120 re f"))
        contents = page["/Contents"]
        page["/Contents"] = generic.ArrayObject(
            ([*contents] if isinstance(contents, generic.ArrayObject) else [contents]) + [extra]
        )
        writer.update_container(page)

    changed = _updated(result.pdf, cover)
    with monkeypatch.context() as m:
        m.setattr(signing, "FIELD_NAME", "TandaTanganKedua")
        twice = signing.sign_pdf(changed, identity, page=1, box=box, name="Hendra Wijaya")
    checked, reg = _checked(setup, twice)
    assert [s.verdict for s in checked.signatures] == [verification.MODIFIED, verification.VALID]
    assert verification.overall_verdict(checked, reg) == verification.MODIFIED


def test_a_superseded_report_names_the_amendment_and_unknown_ones_say_so(setup, tmp_path):

    first = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    with setup.store.read() as s:
        detail = meetings.get_meeting(s, setup.meeting_id)
    data = meetings.MeetingInput(
        starts_at=detail.starts_at,
        ends_at=detail.ends_at,
        kecamatan_id=detail.kecamatan_id,
        desa_id=detail.desa_id,
        place=detail.place,
        purpose=detail.purpose,
        outcomes="Hasil yang diperbaiki.",
        reported_by_id=detail.reported_by_id,
    )
    with setup.store.write() as s:
        meetings.update_meeting(s, setup.meeting_id, data, amendment_reason="Salah ketik")
    amended = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    checked, reg = _checked(setup, first.pdf)
    assert reg.state == verification.SUPERSEDED
    assert reg.superseded_by.number == amended.number and not reg.differences
    assert verification.overall_verdict(checked, reg) == verification.VALID
    _checked_new, reg_new = _checked(setup, amended.pdf)
    assert reg_new.state == verification.IDENTICAL
    other = open_folder(tmp_path / "lain")
    try:
        with other.read() as s:
            reg_other = verification.check_register(s, checked)
    finally:
        other.close()
    assert reg_other.state == verification.NOT_REGISTERED and reg_other.entry is None


def test_cli_verify_says_what_the_register_says(setup, capsys, tmp_path):
    from okudesk.cli import main
    from okudesk.core.reports import signing

    result = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    folder = str(setup.store.data_dir)
    good = tmp_path / "asli.pdf"
    good.write_bytes(result.pdf)
    assert main(["--data-dir", folder, "verify", str(good)]) == 0
    out = capsys.readouterr().out
    assert f"Nomor: {result.number}" in out
    assert f"Register: nomor {result.number}; berkas sama dengan yang didaftarkan" in out
    assert out.strip().splitlines()[-1] == "Hasil: SAH: utuh dan penanda tangan dipercaya"
    identity = _second_officer(setup)
    forged = tmp_path / "palsu.pdf"
    forged.write_bytes(
        signing.sign_pdf(
            _page_changed(result.pdf),
            identity,
            page=1,
            box=(300.0, 100.0, 520.0, 160.0),
            name="Hendra Wijaya",
        )
    )
    assert main(["--lang", "en", "--data-dir", folder, "verify", str(forged)]) == 1
    out = capsys.readouterr().out
    assert "but this file differs" in out and "signer: file Hendra Wijaya" in out
    assert "valid and trusted" not in out
    assert out.strip().splitlines()[-1].startswith("Result: DOES NOT MATCH THE REGISTER")
    elsewhere = str(tmp_path / "kosong")
    assert (
        main(
            [
                "--lang",
                "id",
                "--data-dir",
                elsewhere,
                "verify",
                str(good),
                "--trust",
                str(_ca(setup)),
            ]
        )
        == 0
    )
    assert "hasil hanya berdasarkan tanda tangan" in capsys.readouterr().out


def _ca(setup):
    (anchor,) = _anchors(setup.store)
    path = setup.store.data_dir.parent / "pos.pem"
    path.write_bytes(pki.cert_pem(anchor))
    return path


# --- layout that never fails ------------------------------------------------------------------


def _pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _meeting_with(setup, yesterday, *, texts, follow_ups=(), stakeholder_names=(), photo_count=0):
    with setup.store.write() as s:
        kec = {k.name: k.id for k in reference.kecamatan(s)}
        people = [
            stakeholders.add_stakeholder(
                s, stakeholders.StakeholderInput(name=name[:120], organisation=org[:120])
            ).id
            for name, org in stakeholder_names
        ]
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                ends_at=yesterday + timedelta(hours=1),
                kecamatan_id=kec["Baturaja Timur"],
                place=texts[0][:200] or "Balai desa",
                purpose=texts[1] or "Silaturahmi",
                discussion=texts[2],
                outcomes=texts[3],
                potential_problems=texts[4],
                obstacles=texts[5],
                reported_by_id=setup.reporter_id,
                officer_ids=[setup.reporter_id],
                stakeholder_ids=people,
                follow_ups=[
                    FollowUpInput(what=what[:2000] or "-", responsible=who[:120])
                    for what, who in follow_ups
                ],
            ),
        )
        for k in range(photo_count):
            photos.add_photo(
                s,
                setup.store.photo_dir,
                _small_photo(k),
                meeting_id=meeting.id,
                caption=f"Foto {k + 1} " + texts[0][:250],
            )
    return meeting.id


def _small_photo(k: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (160 + k, 120), ((k * 40) % 256, 90, 200)).save(out, "JPEG")
    return out.getvalue()


def _assert_sound(setup, result):
    """A PDF every reader opens, each page with text, the QR box on the signatures' page."""
    pages = _pages_text(result.pdf)
    assert len(pages) == result.pages >= 1
    assert all(f"Halaman {n} dari {len(pages)}" in t for n, t in enumerate(pages, start=1))
    if result.signed:
        assert verification.verify_pdf(result.pdf, _anchors(setup.store)).verdict == "valid"
        (qr_page,) = [t for t in pages if "Periksa keaslian dengan" in t]
        assert "BUDI SANTOSO" in qr_page and "Demikian laporan" in qr_page


def test_a_follow_up_longer_than_a_page_splits_instead_of_failing(setup, yesterday):
    long = "Patroli dialogis malam hari bersama warga dan tokoh masyarakat. " * 32  # ~2000
    meeting_id = _meeting_with(
        setup,
        yesterday,
        texts=["Balai desa", "Silaturahmi", "Menolak politik uang.", "Sepakat.", "", ""],
        follow_ups=[(long, "Bhabinkamtibmas " * 7)] * 3,
        stakeholder_names=[("Nama " * 24, "Organisasi " * 11)] * 30,
    )
    draft = service.make_report(setup.store, "meeting", meeting_id, draft=True)
    _assert_sound(setup, draft)
    signed = service.make_report(setup.store, "meeting", meeting_id, passphrase=PASS)
    _assert_sound(setup, signed)
    assert signed.pages >= 4
    assert "".join(_pages_text(signed.pdf)).count("Patroli") == 3 * 32  # none lost in a split


def test_the_qr_box_never_sits_alone_on_the_last_page(setup, yesterday):
    """Bodies of every length around a page boundary: the QR box stays with the signatures,
    also when photo pages follow them."""
    for words in [*range(0, 640, 24), 300]:
        meeting_id = _meeting_with(
            setup,
            yesterday,
            texts=["Balai desa", "Silaturahmi", "kata " * words, "Hasil.", "", ""],
            photo_count=1 if words == 300 else 0,
        )
        result = service.make_report(setup.store, "meeting", meeting_id, passphrase=PASS)
        _assert_sound(setup, result)  # the QR box is on the signatures' page
        pages = _pages_text(result.pdf)
        if words != 300:
            assert "BUDI SANTOSO" in pages[-1], words
        else:
            assert "DOKUMENTASI KEGIATAN" in pages[-1] and "Periksa keaslian" not in pages[-1]


_WORD = st.text(
    alphabet=st.sampled_from(
        list("abcdefghijklmnopqrstuvwxyzABCDEFGHIJK0123456789éüñ&<>\"'.,;:-/()")
    ),
    min_size=1,
    max_size=14,
)
_TEXT = st.one_of(
    st.just(""),
    st.lists(
        st.tuples(_WORD, st.sampled_from([" ", " ", " ", " ", "\n"])), min_size=1, max_size=900
    ).map(lambda parts: "".join(w + sep for w, sep in parts).strip()),
    st.integers(min_value=50, max_value=700).map(lambda n: "X" * n),  # one unbreakable word
    st.builds(lambda w, n: ((w + " ") * n).strip(), _WORD, st.integers(0, 400)),  # long
)


@settings(
    max_examples=8,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    texts=st.lists(_TEXT, min_size=6, max_size=6),
    follow_ups=st.lists(st.tuples(_TEXT, _TEXT), max_size=12),
    stakeholder_names=st.lists(st.tuples(_WORD, _TEXT), max_size=25),
    photo_count=st.integers(min_value=0, max_value=9),
)
@example(  # a follow-up taller than a page: reportlab's LayoutError before rows could split
    texts=["Balai desa"] * 6,
    follow_ups=[("tindak lanjut " * 150, "Bhabinkamtibmas")],
    stakeholder_names=[],
    photo_count=1,
)
def test_any_text_rows_and_photos_print_as_a_valid_signed_report(
    setup, yesterday, texts, follow_ups, stakeholder_names, photo_count
):
    meeting_id = _meeting_with(
        setup,
        yesterday,
        texts=texts,
        follow_ups=follow_ups,
        stakeholder_names=stakeholder_names,
        photo_count=photo_count,
    )
    _assert_sound(setup, service.make_report(setup.store, "meeting", meeting_id, passphrase=PASS))


def test_transparent_png_photos_print_on_white(setup, tmp_path):
    from okudesk.core.reports import pdf

    im = Image.new("RGBA", (400, 300), (0, 0, 0, 0))
    im.paste((20, 40, 200, 255), (150, 100, 250, 200))
    png = io.BytesIO()
    im.save(png, "PNG")
    prepared = photos.prepare(png.getvalue())
    with Image.open(io.BytesIO(prepared.data)) as stored:
        assert min(stored.convert("RGB").getpixel((5, 5))) > 240  # white, not black
        r, g, b = stored.convert("RGB").getpixel((200, 150))
        assert b > 150 and r < 80
    path = tmp_path / "transparan.png"
    path.write_bytes(png.getvalue())
    with Image.open(io.BytesIO(pdf.print_jpeg(path, 200, 150))) as printed:
        assert min(printed.convert("RGB").getpixel((3, 3))) > 240


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_damaged_photo_in_the_data_folder_names_the_record_and_the_photo(setup, damage):
    from okudesk.core.errors import OkudeskError

    with setup.store.read() as s:
        second = photos.photos_of(s, meeting_id=setup.meeting_id)[1]
        number = meetings.get_meeting(s, setup.meeting_id).number
    path = photos.photo_path(setup.store.photo_dir, second.sha256)
    data = path.read_bytes()
    path.write_bytes(b"bukan foto" if damage == "garbage" else data[: len(data) // 3])
    with pytest.raises(OkudeskError) as caught:
        service.make_report(setup.store, "meeting", setup.meeting_id, draft=True)
    message = str(caught.value)
    assert number in message and "Foto kegiatan 2" in message and path.name in message
    with pytest.raises(OkudeskError), setup.store.read():
        service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    with setup.store.read() as s:  # nothing was taken: no number, no register row
        assert register.reports_of(s, "meeting", setup.meeting_id) == []


# --- paper copies: the verification code ------------------------------------------------------


def test_cli_verify_code_reads_a_paper_copy_at_the_post(setup, capsys):
    from okudesk.cli import main

    first = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    content = _content_hash(setup, first)
    code = service.verification_code(content)
    folder = str(setup.store.data_dir)
    with setup.store.read() as s:
        record_number = incidents.get_incident(s, setup.incident_id).number
    assert main(["--data-dir", folder, "verify", "--code", code]) == 0
    out = capsys.readouterr().out
    assert f"Laporan nomor {first.number}" in out
    assert f"Tentang: Kejadian {record_number}" in out
    assert "Ditandatangani oleh Budi Santoso (NRP 85071234) pada " in out and " WIB" in out
    assert "Status: berlaku" in out
    typed = code.lower().replace("-", " ")  # as read aloud over the phone
    assert main(["--data-dir", folder, "verify", "--code", typed]) == 0
    qr = f"OKUDESK1:{first.document_id.upper()}:{first.number}:{content.upper()}"
    assert main(["--data-dir", folder, "verify", "--code", qr]) == 0
    assert f"Laporan nomor {first.number}" in capsys.readouterr().out
    forged_qr = qr[:-4] + ("AAAA" if not qr.endswith("AAAA") else "BBBB")
    assert main(["--data-dir", folder, "verify", "--code", forged_qr]) == 1
    assert "tidak ada di register ini" in capsys.readouterr().out
    # amended: the old code says by which report
    with setup.store.write() as s:
        detail = incidents.get_incident(s, setup.incident_id)
        incidents.update_incident(
            s,
            setup.incident_id,
            incidents.IncidentInput(
                occurred_at=detail.occurred_at,
                category_id=detail.category_id,
                severity=detail.severity,
                kecamatan_id=detail.kecamatan_id,
                place=detail.place,
                title="Pembagian amplop (diperbaiki)",
                description=detail.description,
                reported_by_id=detail.reported_by_id,
            ),
            amendment_reason="Judul salah",
        )
    amended = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    assert main(["--data-dir", folder, "verify", "--code", code]) == 0
    assert (
        f"Status: sudah diganti oleh perubahan laporan nomor {amended.number}"
        in capsys.readouterr().out
    )
    assert main(["--data-dir", folder, "verify", "--code", "ZZZZ-ZZZZ"]) == 1
    assert "tidak ada di register ini" in capsys.readouterr().out
    assert main(["--data-dir", folder, "verify", "--code", "12-34"]) == 1
    assert "8 huruf/angka" in capsys.readouterr().err
    assert (
        main(["--data-dir", str(setup.store.data_dir.parent / "kosong"), "verify", "--code", code])
        == 1
    )
    assert "Tidak ada register" in capsys.readouterr().err


def test_verify_code_finds_a_post_report_at_hq_after_sync(tmp_path, yesterday):
    import sync_world

    from okudesk.core.records import register as reg

    hq = sync_world.make_hq(tmp_path / "hq")
    post = sync_world.enroll(hq, tmp_path / "post", "BTT", tmp_path / "usb")
    with post.write() as s:
        officer = officers.add_officer(
            s, name="Budi Santoso", nrp="85071234", position="Bhabinkamtibmas"
        )
        credentials.enroll_officer(s, officer.id, PASS)
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                kecamatan_id=reference.kecamatan(s)[0].id,
                purpose="Silaturahmi",
                reported_by_id=officer.id,
            ),
        )
    result = service.make_report(post, "meeting", meeting.id, passphrase=PASS)
    with post.read() as s:
        code = reg.verification_code(reg.find(s, document_id=result.document_id).content_sha256)
    with hq.read() as s:
        assert reg.find_by_code(s, code) == []  # not travelled yet
    sync_world.import_all(hq, [sync_world.export_to(post, tmp_path / "usb")])
    with hq.read() as s:
        (hit,) = reg.find_by_code(s, code)
    assert hit.report.number == result.number and hit.record_number == meeting.number
    assert hit.report.signer_nrp == "85071234" and hit.superseded_by is None
    hq.close()
    post.close()


def _fonts(pdf: bytes, tmp_path) -> list[list[str]]:
    """pdffonts' rows (name, type, encoding, emb, ...) for every page and annotation."""
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    return [line.split() for line in out.stdout.splitlines()[2:]]


def _stamp_fonts(pdf: bytes) -> list:
    """The fonts of the signature stamp's appearance (pdffonts does not look inside it)."""
    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") != "/Sig":
                continue

            def walk(xobject, depth=0):
                resources = xobject.get("/Resources") or {}
                for font in (resources.get("/Font") or {}).values():
                    found.append(font.get_object())
                for inner in (resources.get("/XObject") or {}).values():
                    if depth < 4:
                        walk(inner.get_object(), depth + 1)

            walk(annot["/AP"]["/N"].get_object())
    return found


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils (pdffonts) missing")
def test_names_in_any_script_print_without_boxes_in_embedded_fonts(setup, tmp_path):
    from okudesk.core.models import Incident, Officer

    with setup.store.write() as s:
        s.get(Officer, setup.reporter_id).name = "Dédé Ḥasan"
        s.get(Incident, setup.incident_id).people_involved = "محمد بن عبد الله (saksi)"
    credentials_reset = setup.store  # the certificate carries the new name when re-enrolled
    with credentials_reset.write() as s:
        credentials.enroll_officer(s, setup.reporter_id, PASS)
    result = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    rows = _fonts(result.pdf, tmp_path)
    assert rows and all(row[-5] == "yes" for row in rows), rows  # emb column: every font
    assert not any("Helvetica" in row[0] or "Courier" in row[0] for row in rows), rows
    assert any("DejaVuSans" in row[0] for row in rows), rows  # the Arabic run's font
    text = _text(result.pdf)
    assert "DÉDÉ ḤASAN" in text or "Dédé Ḥasan" in text
    # shaped: the joined (presentation) forms of every letter are there
    import unicodedata

    assert {"م", "ح", "د", "ب", "ن", "ع", "ا", "ل", "ه"} <= set(unicodedata.normalize("NFKC", text))
    assert any(0xFE70 <= ord(ch) <= 0xFEFF for ch in text), "Arabic printed unshaped"
    stamp = _stamp_fonts(result.pdf)
    assert stamp, "the stamp has no font"
    for font in stamp:
        descendants = font.get("/DescendantFonts")
        descriptor = (
            descendants[0].get_object()["/FontDescriptor"]
            if descendants
            else font.get("/FontDescriptor")
        ).get_object()
        assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, font
    checked = verification.verify_pdf(result.pdf, _anchors(setup.store))
    assert checked.verdict == verification.VALID
    assert checked.signatures[0].signer_name == "Dédé Ḥasan"


def test_f4_paper_is_folio_and_the_bottom_label_keeps_a_printable_margin(setup):
    from pypdf import PageObject

    with setup.store.write() as s:
        cfg = report_settings.load(s)
        report_settings.save(
            s,
            report_settings.ReportSettings(
                **{**cfg.__dict__, "paper": "F4", "security_class": "Rahasia"}
            ),
        )
    result = service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS)
    reader = PdfReader(io.BytesIO(result.pdf))
    mm = 72 / 25.4
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (215, 330)
    lowest: list[float] = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip() == "RAHASIA":  # where it lands on the page
            lowest.append(cm[1] * tm[4] + cm[3] * tm[5] + cm[5])

    page: PageObject = reader.pages[0]
    page.extract_text(visitor_text=visit)
    assert len(lowest) >= 2 and min(lowest) >= 10 * mm + 3  # its descenders stay >= 10 mm up
    assert verification.verify_pdf(result.pdf, _anchors(setup.store)).verdict == (
        verification.VALID
    )
    with setup.store.write() as s:
        with pytest.raises(ValidationError, match="Ukuran kertas"):
            report_settings.save(
                s, report_settings.ReportSettings(**{**cfg.__dict__, "paper": "Letter"})
            )
    with setup.store.write() as s:
        report_settings.save(s, report_settings.ReportSettings(**{**cfg.__dict__, "paper": "A4"}))
    again = service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS)
    box = PdfReader(io.BytesIO(again.pdf)).pages[0].mediabox
    assert (round(float(box.width) / mm), round(float(box.height) / mm)) == (210, 297)


def test_the_visit_report_says_only_what_the_officer_gave(setup, yesterday):
    """Dasar cites the order the officer gives; no conclusion copied from the outcomes; no
    "Jenis kegiatan: kegiatan"; the attendee sentence counts what the table lists; a photo
    without a time of its own is dated by the activity; one colon per incident line."""
    with setup.store.write() as s:
        bare = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                purpose="Sambang warga",
                outcomes="Warga menyampaikan keluhan jalan rusak.",
                other_attendees=5,
                reported_by_id=setup.reporter_id,
            ),
        )
        photos.add_photo(s, setup.store.photo_dir, _photo((90, 90, 90)), meeting_id=bare.id)
    text = _text(service.make_report(setup.store, "meeting", bare.id, passphrase=PASS).pdf)
    flat = " ".join(text.split())
    assert "nomor register" not in flat and "Rencana kegiatan" not in flat
    assert "Kesimpulan" not in flat and "KESIMPULAN" not in flat
    assert flat.count("Warga menyampaikan keluhan jalan rusak.") == 1
    assert "kegiatan: kegiatan" not in flat.lower()
    assert "Yang hadir: 5 orang peserta" in flat
    when = f"{pdf.day_date(yesterday)}, pukul {pdf.clock(yesterday)} WIB (waktu kegiatan)"
    assert when in flat

    full = " ".join(
        _text(
            service.make_report(setup.store, "meeting", setup.meeting_id, passphrase=PASS).pdf
        ).split()
    )
    assert "Surat Perintah Kapolsek Nomor Sprin/45/XII/2026." in full
    assert "Kesimpulan: Situasi wilayah aman dan kondusif menjelang pemilu." in full
    assert "Yang hadir: 3 orang, yaitu:" in full  # the reporter and two figures, as listed
    assert "Selain itu hadir 12 orang peserta lainnya." in full

    incident = " ".join(
        _text(
            service.make_report(setup.store, "incident", setup.incident_id, passphrase=PASS).pdf
        ).split()
    )
    line = incident.split("Tindakan yang telah diambil")[1].split("III.")[0]
    assert line.count(":") == 1 and "adalah dilaporkan" in line


def test_the_follow_up_table_prints_the_assigned_officer_under_oleh(setup):
    """Assigned to an officer: the rank and name; free text: the text; both: both."""
    with setup.store.write() as s:
        for key in ("meeting_id", "incident_id"):
            followups.replace_for(
                s,
                **{key: getattr(setup, key)},
                items=[
                    FollowUpInput(what="Sambang ke rumah ketua RT", officer_id=setup.reporter_id),
                    FollowUpInput(what="Rapat lanjutan di kantor desa", responsible="Kades"),
                ],
            )
    for kind, record in (("meeting", setup.meeting_id), ("incident", setup.incident_id)):
        text = _text(service.make_report(setup.store, kind, record, draft=True).pdf)
        table = text[text.index("Oleh") :]
        assert "Aiptu Budi Santoso" in table, kind
        assert "Kades" in table, kind
