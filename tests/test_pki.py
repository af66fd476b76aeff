import json

import pytest
from cryptography.x509.oid import NameOID

from okudesk.core.security import pki


def _hq():
    key = pki.generate_key()
    return pki.Identity(key, pki.make_root(key, common_name="Polres OKU", unit="HQ"))


def test_officer_certificate_chains_to_hq_through_the_post():
    hq = _hq()
    post_key = pki.generate_key()
    post = pki.Identity(
        post_key,
        pki.issue_post_certificate(
            hq, post_key.public_key(), post_code="BTT", post_name="Polsek Baturaja Timur"
        ),
        (hq.certificate,),
    )
    officer_key = pki.generate_key()
    cert = pki.issue_officer_certificate(
        post, officer_key.public_key(), name="BUDI SANTOSO", nrp="85071234", post_code="BTT"
    )
    path = pki.validate_chain(
        cert,
        intermediates=[post.certificate],
        anchors=[hq.certificate],
        key_usage={"digital_signature", "non_repudiation"},
    )
    assert [pki.subject_field(c, NameOID.COMMON_NAME) for c in path] == [
        "Polres OKU",
        "Polsek Baturaja Timur",
        "BUDI SANTOSO",
    ]
    assert pki.subject_field(cert, NameOID.SERIAL_NUMBER) == "85071234"
    with pytest.raises(pki.CertificateError):
        pki.validate_chain(cert, intermediates=[post.certificate], anchors=[_hq().certificate])


@pytest.mark.real_kdf
def test_private_keys_are_encrypted_with_the_owners_passphrase():
    key = pki.generate_key()
    pem = pki.encrypt_key(key, "rahasia")
    # wrapped under scrypt at the key file's parameters, not PKCS#8's PBKDF2 at 2,048 rounds
    assert pki.is_current_wrap(pem) and b"PRIVATE KEY" not in pem
    kdf = json.loads(pem[len(pki.WRAPPED_KEY) :])["kdf"]
    assert (kdf["name"], kdf["n"], kdf["r"], kdf["p"]) == ("scrypt", 2**17, 8, 1)
    assert pki.public_key_id(pki.decrypt_key(pem, "rahasia").public_key()) == pki.public_key_id(
        key.public_key()
    )
    with pytest.raises(pki.WrongPassphrase, match="Kata sandi salah"):
        pki.decrypt_key(pem, "salah")
    renewed = pki.reencrypt_key(pem, "rahasia", "baru")
    pki.decrypt_key(renewed, "baru")
    with pytest.raises(pki.WrongPassphrase):
        pki.decrypt_key(renewed, "rahasia")


def test_keys_wrapped_by_older_versions_still_open():
    """PKCS#8 with PBKDF2 (what okudesk wrote before): opened, and rewrapped at the next login
    (security/unlocking.after_login; tests/test_encryption.py)."""
    from cryptography.hazmat.primitives import serialization

    key = pki.generate_key()
    old = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"rahasia"),
    )
    assert not pki.is_current_wrap(old)
    assert pki.public_key_id(pki.decrypt_key(old, "rahasia").public_key()) == pki.public_key_id(
        key.public_key()
    )
    with pytest.raises(pki.WrongPassphrase):
        pki.decrypt_key(old, "salah")
