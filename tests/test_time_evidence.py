"""Signatures that outlive certificates: HQ time-stamps every signed report that reaches it
(RFC 3161, its own TSA under its root), the receipt brings the token back to the post, and
`verify` judges the signature at the token's time, so a report stays valid six years on;
one signed after a revocation does not, and a forged token is not believed."""

from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.x509.oid import ExtendedKeyUsageOID
from sqlalchemy import select
from sync_world import WHEN, apply_receipt, enroll, export_to, import_all, make_hq

from okudesk.core.models import ReportTimestamp
from okudesk.core.records import meetings, officers, reference
from okudesk.core.reports import service, verification
from okudesk.core.security import credentials, pki, timestamps
from okudesk.core.sync import trust

PASS = "rahasia-pelapor"
LATER = datetime.now(UTC) + timedelta(days=6 * 365)  # the officer's certificate has expired


def _sign(post, purpose="Silaturahmi kamtibmas"):
    with post.write() as s:
        if not officers.list_officers(s):
            ranks = {r.name: r.id for r in reference.ranks(s)}
            officer = officers.add_officer(
                s, name="Budi Santoso", nrp="85071234", rank_id=ranks["Aiptu"], position="Kanit"
            )
            credentials.enroll_officer(s, officer.id, PASS)
        officer_id = officers.list_officers(s)[0].id
        meeting = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=WHEN,
                ends_at=WHEN + timedelta(hours=1),
                kecamatan_id=reference.kecamatan(s)[0].id,
                purpose=purpose,
                reported_by_id=officer_id,
            ),
        )
    return service.make_report(post, "meeting", meeting.id, passphrase=PASS).pdf


def _sync(hq, post, usb):
    (outcome,) = import_all(hq, [export_to(post, usb)], receipts=usb)
    assert outcome.ok, outcome.reason
    apply_receipt(post, outcome.receipt)


@pytest.fixture
def world(tmp_path):
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "btt", "BTT", tmp_path / "usb")
    _sync(hq, post, tmp_path / "usb")  # enrolled: officers' certificates chain to HQ's root
    yield hq, post, tmp_path / "usb"
    post.close()
    hq.close()


def _verify(store, pdf, moment=LATER):
    with store.read() as s:
        return verification.verify_here(s, pdf, moment=moment)


def test_a_report_time_stamped_at_hq_verifies_six_years_later_at_the_post_and_at_hq(
    world, tmp_path, capsys
):
    from okudesk.cli import main

    hq, post, usb = world
    pdf = _sign(post)
    assert _verify(post, pdf, None).verdict == verification.VALID  # today, no token needed
    _sync(hq, post, usb)
    for where in (post, hq):
        result = _verify(where, pdf)
        (sig,) = result.signatures
        assert result.verdict == verification.VALID, sig.detail
        assert sig.stamped_at is not None
        assert "sah pada waktu penandatanganan (cap waktu Polres" in sig.detail
    with post.read() as s:  # the token came in the receipt and is kept by the post
        assert len(s.scalars(select(ReportTimestamp)).all()) == 1
    (tmp_path / "laporan.pdf").write_bytes(pdf)
    capsys.readouterr()
    args = ["--data-dir", str(post.data_dir), "verify", str(tmp_path / "laporan.pdf")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Keterangan: sah pada waktu penandatanganan (cap waktu Polres" in out
    assert "Hasil: SAH" in out


def test_without_a_token_the_expired_certificate_is_said(world):
    hq, post, usb = world
    pdf = _sign(post)
    _sync(hq, post, usb)
    with post.write() as s:
        for row in s.scalars(select(ReportTimestamp)):
            s.delete(row)
    result = _verify(post, pdf)
    (sig,) = result.signatures
    assert result.verdict == verification.UNTRUSTED
    assert "kedaluwarsa" in sig.detail and "tidak ada cap waktu Polres" in sig.detail


def test_a_signature_after_a_revocation_is_not_valid_one_stamped_before_stays(world):
    hq, post, usb = world
    before = _sign(post, "Sebelum pencabutan")
    _sync(hq, post, usb)
    with hq.write() as s:
        trust.revoke_post(s, "BTT")  # a stolen laptop: its post CA key is revoked
    after = _sign(post, "Sesudah pencabutan")  # the thief signs with the post's keys
    now = datetime.now(UTC) + timedelta(minutes=1)
    assert _verify(hq, before, now).verdict == verification.VALID
    assert _verify(hq, before).verdict == verification.VALID  # and six years on
    result = _verify(hq, after, now)
    assert result.verdict == verification.UNTRUSTED
    assert "dicabut" in result.signatures[0].detail
    with hq.write() as s:  # even with a genuine token, its time is after the revocation
        timestamps.stamp(s, result.signatures[0].signed_sha256)
    result = _verify(hq, after, now)
    assert result.verdict == verification.UNTRUSTED, result.signatures[0]
    assert result.signatures[0].stamped_at is not None
    assert "sesudahnya" in result.signatures[0].detail


def _forged_tsa(hq_store):
    """A TSA certificate like HQ's, but under a root nobody here trusts."""
    key = pki.generate_key()
    root = pki.make_root(key, common_name="Polres OKU", unit="OKU")
    tsa_key = pki.generate_key()
    cert = pki.issue_tsa_certificate(
        pki.Identity(key, root),
        tsa_key.public_key(),
        common_name="Polres OKU (cap waktu)",
        unit="OKU",
    )
    usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert usage.critical and list(usage.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    return pki.Identity(tsa_key, cert, (root,))


def test_a_forged_token_is_not_believed(world):
    hq, post, usb = world
    pdf = _sign(post)
    with post.read() as s:
        (sig,) = verification.verify_here(s, pdf).signatures
    digest = bytes.fromhex(sig.signed_sha256)
    with hq.read() as s:
        genuine = timestamps.tsa_identity(s)
    assert genuine is not None
    forgeries = {
        "wrong TSA key": timestamps.make_token(_forged_tsa(hq), digest),
        "wrong imprint": timestamps.make_token(genuine, bytes(32)),
        "garbage": b"\x30\x03\x02\x01\x00",
    }
    for name, token in forgeries.items():
        with post.write() as s:
            for row in s.scalars(select(ReportTimestamp)):
                s.delete(row)
            s.flush()
            s.add(ReportTimestamp(sha256=sig.signed_sha256, token=token, stamped_at=WHEN))
        result = _verify(post, pdf)
        assert result.verdict == verification.UNTRUSTED, name
        assert result.signatures[0].stamped_at is None, name
    with post.read() as s:  # a receipt carrying a forged token: not kept
        root = trust.hq_root(s)
    with post.write() as s:
        for row in s.scalars(select(ReportTimestamp)):
            s.delete(row)
        s.flush()
        import base64

        items = [
            {"sha256": sig.signed_sha256, "token": base64.b64encode(t).decode()}
            for t in forgeries.values()
        ]
        assert timestamps.keep(s, items, [root]) == 0
    # the genuine one made by HQ is believed
    with post.write() as s:
        s.add(
            ReportTimestamp(
                sha256=sig.signed_sha256,
                token=timestamps.make_token(genuine, digest),
                stamped_at=WHEN,
            )
        )
    assert _verify(post, pdf).verdict == verification.VALID


def test_hq_set_up_by_an_earlier_version_gets_its_tsa_when_first_needed(world):
    hq, _post, _usb = world
    with hq.write() as s:
        row = s.get(trust.SyncIdentity, 1)
        row.tsa_key, row.tsa_certificate = b"", b""
    with hq.write() as s:
        tsa = timestamps.tsa_identity(s)
        assert tsa is not None
        pki.validate_chain(
            tsa.certificate,
            intermediates=[],
            anchors=[trust.hq_root(s)],
            key_usage={"digital_signature"},
        )


def test_a_report_signed_at_hq_is_stamped_at_once(world):
    """HQ signs its own recap reports (a post's record it prints only as a copy)."""
    from okudesk.core.records import recap
    from okudesk.core.reports import recap_report

    hq, _post, _usb = world
    with hq.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        officer = officers.add_officer(
            s, name="Hendra Wijaya", nrp="78050011", rank_id=ranks["Kompol"], position="Kabag Ops"
        )
        credentials.enroll_officer(s, officer.id, PASS)
    period = recap.Period(WHEN.date() - timedelta(days=30), WHEN.date())
    pdf = recap_report.make(
        hq, period, passphrase=PASS, officer_nrp="78050011", today=WHEN.date()
    ).pdf
    result = _verify(hq, pdf)
    assert result.verdict == verification.VALID, result.signatures[0].detail
    assert result.signatures[0].stamped_at is not None
