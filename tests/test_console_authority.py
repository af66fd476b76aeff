"""Attacks from the laptop's terminal: the command line acts only as a logged-in officer
(docs/security.md, "The console acts as a logged-in officer").

Each data folder is real demo data (``okudesk demo``: officers with accounts, passphrase
``demo``, and signing keys); the command line is driven as a person at the terminal would,
with no login or with someone else's passphrase."""

from __future__ import annotations

import pytest
import rawdb
from cli_login import officer_with_role, open_folder, reporter_of_latest
from sqlalchemy import select

from okudesk.cli import main
from okudesk.core.models import AuditEntry, Meeting, Officer, OfficerAccount, OfficerRevocation
from okudesk.core.security import accounts, credentials, unlocking

KAPOLSEK_PASS = "kapolsek-rahasia-1"


@pytest.fixture
def post(tmp_path, monkeypatch, capsys):
    """A post's data folder with demo data; the Kapolsek chose a passphrase of his own."""
    monkeypatch.delenv("OKUDESK_PASSPHRASE", raising=False)
    monkeypatch.delenv("OKUDESK_NEW_PASSPHRASE", raising=False)
    data = tmp_path / "pos"
    assert main(["--data-dir", str(data), "demo", "--meetings", "2", "--incidents", "2"]) == 0
    kapolsek = officer_with_role(data, "kapolsek")
    with open_folder(data) as store:
        with store.read(actor=None) as s:
            kid = s.scalar(select(Officer.id).where(Officer.nrp == kapolsek))
        accounts.change_passphrase(store, kid, "demo", KAPOLSEK_PASS)
    capsys.readouterr()
    return data


def _state(data, nrp: str) -> tuple[str, int, str | None]:
    """An officer's passphrase hash, failed-login count and signing key, read as the admin
    logs in (which carries the failures counted before the store was open into it)."""
    admin = officer_with_role(data, "admin")
    with unlocking.open_as(data, "demo", nrp=admin) as store, store.read(actor=None) as s:
        oid = s.scalar(select(Officer.id).where(Officer.nrp == nrp))
        account = s.get(OfficerAccount, oid)
        cred = credentials.credential(s, oid)
        return account.passphrase_hash, account.failed_count, cred.key_id if cred else None


def test_nobody_logged_in_cannot_reset_the_kapolsek_or_sign_or_copy(post, tmp_path, monkeypatch):
    kapolsek = officer_with_role(post, "kapolsek")
    before = _state(post, kapolsek)
    monkeypatch.setenv("OKUDESK_NEW_PASSPHRASE", "diketahui-penyerang")
    code = main(["--data-dir", str(post), "account", "set", kapolsek, "--role", "kapolsek"])
    assert code == 1
    assert _state(post, kapolsek) == before  # passphrase and key untouched
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "diketahui-penyerang")
    pdf = tmp_path / "laporan.pdf"
    for argv in (
        ["report", "meeting", "latest", "--out", str(pdf), "--draft"],
        ["report", "meeting", "latest", "--out", str(pdf), "--officer", kapolsek],
        ["account", "unlock", kapolsek],
        ["audit", "list"],
        ["backup", "--out", str(tmp_path / "usb")],
        ["export", "--out", str(tmp_path / "usb")],
    ):
        assert main(["--data-dir", str(post), *argv]) == 1, argv
    assert not pdf.exists() and not (tmp_path / "usb").exists()


def test_officer_before_the_command_logs_in_and_a_wrong_passphrase_always_fails(
    post, tmp_path, monkeypatch, capsys
):
    """``okudesk --officer KAPOLSEK report …`` with the reporting officer's passphrase: the
    Kapolsek is named, so the Kapolsek logs in, and that passphrase is not his."""
    kapolsek = officer_with_role(post, "kapolsek")
    reporter = reporter_of_latest(post, "meeting")
    assert reporter != kapolsek
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")  # the reporter's, not the Kapolsek's
    pdf = tmp_path / "laporan.pdf"
    for where in ("before", "after"):
        argv = ["report", "meeting", "latest", "--out", str(pdf)]
        if where == "before":
            argv = ["--officer", kapolsek, *argv]
        else:
            argv = [*argv, "--officer", kapolsek]
        assert main(["--data-dir", str(post), *argv]) == 1, where
        assert "Kata sandi salah" in capsys.readouterr().err
    assert not pdf.exists()
    assert _state(post, kapolsek)[1] == 2  # both counted, like failed logins in the GUI
    # the same lockout as the GUI: after repeated failures even the right passphrase waits
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "salah-lagi")
    assert main(["--data-dir", str(post), "--officer", kapolsek, "stats"]) == 1
    assert "coba lagi dalam 15 detik" in capsys.readouterr().err
    monkeypatch.setenv("OKUDESK_PASSPHRASE", KAPOLSEK_PASS)
    assert main(["--data-dir", str(post), "--officer", kapolsek, "account", "list"]) == 1
    assert "Terlalu banyak percobaan" in capsys.readouterr().err


def test_an_admin_reset_gives_a_one_time_passphrase_and_the_new_key_only_then(
    post, tmp_path, monkeypatch, capsys
):
    admin, victim = officer_with_role(post, "admin"), reporter_of_latest(post, "meeting")
    _hash, _failed, old_key = _state(post, victim)
    assert old_key is not None
    with open_folder(post) as store, store.read(actor=None) as s:
        old_cert = credentials.credential(s, _officer_id(s, victim)).fingerprint
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    before = tmp_path / "sebelum.pdf"
    with open_folder(post) as store, store.read(actor=None) as s:
        earlier = s.scalar(  # another meeting than the latest, which is signed below
            select(Meeting.id).order_by(Meeting.starts_at)
        )
        victim_id = _officer_id(s, victim)

    with rawdb.connect(post / "okudesk.sqlite3") as db:  # reported by the same officer
        db.execute("UPDATE meeting SET reported_by_id=? WHERE id=?", (victim_id, earlier))
    db.close()
    signed = ["report", "meeting", earlier, "--out", str(before), "--officer", victim]
    assert main(["--data-dir", str(post), *signed]) == 0
    # the admin logs in and resets the officer's passphrase
    monkeypatch.setenv("OKUDESK_NEW_PASSPHRASE", "sekali-pakai-99")
    argv = ["--data-dir", str(post), "--officer", admin, "account", "set", victim]
    assert main([*argv, "--role", "petugas"]) == 0
    monkeypatch.delenv("OKUDESK_NEW_PASSPHRASE")
    with open_folder(post) as store, store.read(actor=None) as s:
        victim_id = _officer_id(s, victim)
        assert credentials.credential(s, victim_id) is None  # no key under the admin's choice
        revoked = s.get(OfficerRevocation, old_cert)
        assert revoked is not None and revoked.renew
        admin_name = s.scalar(
            select(AuditEntry.actor_name).where(AuditEntry.actor_id == _officer_id(s, admin))
        )
        reset = s.execute(
            select(AuditEntry.actor_name, AuditEntry.summary).where(
                AuditEntry.record_id == victim_id, AuditEntry.summary.like("%diatur ulang%")
            )
        ).all()
    assert [e.actor_name for e in reset] == [admin_name]  # the admin, not "konsol (root)"
    assert admin_name in reset[0].summary and "dicabut" in reset[0].summary
    capsys.readouterr()
    # a report signed before the reset stays valid; the revocation is shown
    assert main(["--data-dir", str(post), "verify", str(before)]) == 1  # encrypted: no register
    assert "tidak diperiksa" in capsys.readouterr().out
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    assert main(["--data-dir", str(post), "--officer", admin, "verify", str(before)]) == 0
    assert "dicabut" in capsys.readouterr().out
    # whoever knows the one-time passphrase (the admin) cannot act or sign with it
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "sekali-pakai-99")
    pdf = tmp_path / "laporan.pdf"
    report = ["report", "meeting", "latest", "--out", str(pdf)]
    assert main(["--data-dir", str(post), "--officer", victim, *report]) == 1
    err = capsys.readouterr().err
    assert "account passphrase" in err and not pdf.exists()
    # the officer replaces it: the new key is made now, under the officer's own passphrase
    monkeypatch.setenv("OKUDESK_NEW_PASSPHRASE", "milik-saya-sendiri")
    assert main(["--data-dir", str(post), "--officer", victim, "account", "passphrase"]) == 0
    new_key = _state(post, victim)[2]
    assert new_key is not None and new_key != old_key
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "milik-saya-sendiri")
    assert main(["--data-dir", str(post), "--officer", victim, *report]) == 0
    assert "ditandatangani (" in capsys.readouterr().out  # newly signed, not a kept copy
    assert main(["--data-dir", str(post), "--officer", victim, "verify", str(pdf)]) == 0
    with open_folder(post) as store, store.read(actor=None) as s:
        assert credentials.signing_identity(s, victim_id, "milik-saya-sendiri")
        assert not s.get(OfficerRevocation, old_cert).renew


def test_an_encrypted_store_answers_nothing_without_a_login(post, tmp_path, capsys, monkeypatch):
    """Counting, checking the chains and the daily backup read the store: with it encrypted
    they need an officer's passphrase like everything else (a scheduled task gives it the
    way ``report`` takes it); the GUI hands its daily backup the key itself."""
    for argv in (["stats", "--json"], ["audit", "verify"], ["backup", "--daily", "--now"]):
        assert main(["--data-dir", str(post), *argv]) == 1
        assert "--officer" in capsys.readouterr().err
    assert not list((post / "backups").glob("*.zip"))
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    me = ["--officer", officer_with_role(post, "admin")]
    for argv in (["stats", "--json"], ["audit", "verify"], ["backup", "--daily", "--now"]):
        assert main(["--data-dir", str(post), *me, *argv]) == 0, capsys.readouterr().err
    assert list((post / "backups").glob("*.zip"))


def _officer_id(session, nrp: str) -> str:
    return session.scalar(select(Officer.id).where(Officer.nrp == nrp))
