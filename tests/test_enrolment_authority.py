"""A post CA speaks only for its own post (docs/security.md, "Enrolment: a post CA speaks
only for its own post"): HQ names each post CA it certifies in X.509 name constraints, and
reads a bundle's post code from a certificate HQ's root itself signed, never from one a
post CA made. Real keys: an HQ, an enrolled post A, a pending post NEW."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from sync_world import apply_receipt, enroll, export_to, import_all, make_hq, open_store

from okudesk.core.models import SyncPost
from okudesk.core.security import credentials, pki
from okudesk.core.sync import export, trust


@pytest.fixture
def world(tmp_path):
    usb = tmp_path / "usb"
    usb.mkdir()
    hq = make_hq(tmp_path / "hq")
    a = enroll(hq, tmp_path / "a", "AAA", usb)
    (first,) = import_all(hq, [export_to(a, usb)])
    assert first.ok and first.enrolled
    assert apply_receipt(a, first.receipt).certificate_installed  # A's CA is certified by HQ
    with hq.write() as s:  # HQ registers post NEW; its laptop has not sent anything yet
        kit = trust.add_post(s, code="NEW", name="Polsek Baru", out_dir=usb)
    yield SimpleNamespace(hq=hq, a=a, usb=usb, kit=kit, tmp=tmp_path)
    for store in (hq, a):
        store.close()


def _certificate_for_new(a_ca: pki.Identity, key) -> x509.Certificate:
    """What post A's CA can sign: a post CA certificate naming post NEW, as HQ would make."""
    return (
        x509.CertificateBuilder()
        .subject_name(pki._name("Polsek Baru", unit="NEW", serial="NEW"))
        .issuer_name(a_ca.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(a_ca.certificate.not_valid_before_utc)
        .not_valid_after(a_ca.certificate.not_valid_after_utc)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(pki._key_usage(sign_certs=True), critical=True)
        .sign(a_ca.key, hashes.SHA256())
    )


def _export_as_new(world, monkeypatch):
    """Post A's laptop writes a bundle for post NEW, signed by a key A's CA certified as NEW."""
    with world.a.read() as s:
        a_ca = credentials.post_authority(s)
        row = trust.require_role(s, "post")
        me = SimpleNamespace(code="NEW", hq_code=row.hq_code, hq_exchange=row.hq_exchange)
    assert not pki.is_self_signed(a_ca.certificate)
    key = pki.generate_key()
    forged = pki.Identity(key, _certificate_for_new(a_ca, key), (a_ca.certificate, *a_ca.chain))
    with monkeypatch.context() as m:
        m.setattr(trust, "require_role", lambda _s, _w: me)
        m.setattr(trust, "signing_identity", lambda _s: forged)
        m.setattr(trust, "enrollment_proof", lambda _s, _k: None)  # A has no kit for NEW
        m.setattr(export, "own_instances", lambda _s: {})  # nothing that shows it is A's
        return export_to(world.a, world.usb)


def test_a_post_ca_cannot_take_over_another_posts_pending_enrolment(world, monkeypatch):
    hijack = _export_as_new(world, monkeypatch)
    (refused,) = import_all(world.hq, [hijack])
    assert not refused.ok and "bukti pendaftaran" in refused.reason
    with world.hq.read() as s:
        new = s.get(SyncPost, "NEW")
        assert (new.status, new.key_id, new.certificate) == ("pending", "", b"")
    # the real NEW laptop, with its kit, is then enrolled
    real = open_store(world.tmp / "new")
    with real.write() as s:
        trust.set_up_post(s, world.kit)
    (accepted,) = import_all(world.hq, [export_to(real, world.usb)])
    assert accepted.ok and accepted.enrolled and accepted.post == "NEW"
    with world.hq.read() as s:
        with real.read() as r:
            mine = pki.public_key_id(credentials.post_authority(r).key.public_key())
        assert s.get(SyncPost, "NEW").key_id == mine
    real.close()


def test_hq_certifies_a_post_ca_for_names_under_its_own_post_only(world):
    with world.hq.read() as s:
        root = trust.hq_root(s)
        issued = pki.load_certs(s.get(SyncPost, "AAA").certificate)[0]
    assert issued.extensions.get_extension_for_class(x509.NameConstraints).critical
    assert pki.issued_post_certificate(issued, root, "AAA")
    assert not pki.issued_post_certificate(issued, root, "NEW")
    with world.a.read() as s:
        a_ca = credentials.post_authority(s)
    assert pki.fingerprint(a_ca.certificate) == pki.fingerprint(issued)
    own, other = pki.generate_key(), pki.generate_key()
    officer = pki.issue_officer_certificate(
        a_ca, own.public_key(), name="Budi", nrp="85071234", post_code="AAA"
    )
    stray = pki.issue_officer_certificate(
        a_ca, other.public_key(), name="Budi", nrp="85071234", post_code="NEW"
    )
    chain = [a_ca.certificate]
    pki.validate_chain(officer, intermediates=chain, anchors=[root])
    with pytest.raises(pki.CertificateError):
        pki.validate_chain(stray, intermediates=chain, anchors=[root])
    forged = _certificate_for_new(a_ca, other)
    with pytest.raises(pki.CertificateError):
        pki.validate_chain(forged, intermediates=chain, anchors=[root], key_usage={"key_cert_sign"})
    assert not pki.issued_post_certificate(forged, root, "NEW")  # a post CA made it


def test_a_post_whose_first_admin_came_before_the_kit_is_accepted_at_hq(tmp_path):
    """The first start makes the first admin before the wizard reads the enrolment kit (the
    lock screen comes first): that officer, made when the laptop was no post yet, becomes the
    post's at the set-up, and HQ accepts the post's bundles with them and their work."""
    from sync_world import add_meeting

    from okudesk.core.models import Officer
    from okudesk.core.records import officers
    from okudesk.core.security import accounts
    from okudesk.core.store import Store

    hq = make_hq(tmp_path / "hq")
    usb = tmp_path / "usb"
    with hq.write() as s:
        kit = trust.add_post(s, code="BTT", name="Polsek BTT", out_dir=usb)
    post = Store.open(tmp_path / "post")
    with post.write(actor=None) as s:  # the first start: nobody to log in yet
        accounts.create_first_admin(s, name="Admin Pos", nrp="77001100", passphrase="Rahasia-pos-1")
    admin = post.actor = accounts.login(post, "Rahasia-pos-1", nrp="77001100")
    with post.write() as s:  # the wizard, as that admin
        trust.set_up_post(s, kit)
        petugas = officers.add_officer(s, name="Bripka Satu", nrp="88001100")
        accounts.set_account(
            s, petugas.id, role="petugas", passphrase="Rahasia-petugas-1", must_change=False
        )
    with post.read() as s:
        assert {o.origin_post for o in s.query(Officer)} == {"BTT"}
    post.actor = accounts.login(post, "Rahasia-petugas-1", nrp="88001100")
    add_meeting(post, "Sambang pertama")
    post.actor = admin  # who exports
    (outcome,) = import_all(hq, [export_to(post, usb)])
    assert outcome.ok, outcome.reason
    with hq.read() as s:
        admin = s.query(Officer).filter_by(nrp="77001100").one()
        assert admin.origin_post == "BTT"
    post.close()
    hq.close()
