"""The selftest's look at a data folder as a thief would see it (core/selftest.py): it must
fail on a plain database, on a key in the clear, and pass on a store encrypted for real."""

from __future__ import annotations

import pytest

from okudesk.core import selftest
from okudesk.core.errors import LoginFailed
from okudesk.core.security import unlocking
from okudesk.core.store import Store


def test_an_encrypted_store_is_sealed_and_a_plain_one_is_not(tmp_path):
    plain = tmp_path / "plain"
    Store.open(plain).close()
    with pytest.raises(AssertionError, match="plain database"):
        selftest.expect_sealed(plain)

    data = tmp_path / "data"
    with selftest.encrypted_store(data) as store:
        assert store.data_key is not None
    selftest.expect_sealed(data)
    with pytest.raises(LoginFailed):
        unlocking.open_as(data, "bukan-sandinya", nrp=selftest.SELFTEST_NRP)

    # a key written in the clear anywhere in the folder (photos included) is caught
    (data / "photos").mkdir(exist_ok=True)
    (data / "photos" / "x.bin").write_bytes(b"\0-----BEGIN PRIVATE KEY-----\nMIIE\n")
    with pytest.raises(AssertionError, match="private key in the clear"):
        selftest.expect_sealed(data)


def test_a_database_readable_without_its_key_is_caught(tmp_path, monkeypatch):
    """An encrypted-looking header is not enough: the file must not open without the key."""
    from okudesk.core.store import cipher

    data = tmp_path / "data"
    selftest.encrypted_store(data).close()
    plain = tmp_path / "plain"
    Store.open(plain).close()
    # the read without a key goes to a plain database: the check must notice
    real = cipher.connect
    monkeypatch.setattr(
        cipher, "connect", lambda path, key, **kw: real(plain / "okudesk.sqlite3", key, **kw)
    )
    with pytest.raises(AssertionError, match="read without its key"):
        selftest.expect_sealed(data)
