import os
import subprocess
import sys
from datetime import timedelta

import pytest
from sqlalchemy import select

from okudesk.core import permissions
from okudesk.core.errors import LoginFailed, PermissionDenied, ValidationError
from okudesk.core.models import AuditEntry, OfficerAccount, utcnow
from okudesk.core.records import meetings, officers, posts, stakeholders
from okudesk.core.security import accounts
from okudesk.core.store import Store

PASS = "rahasia-pos-btt"


def _officer(store, role: str, nrp: str, passphrase: str = PASS, name: str | None = None) -> str:
    with store.write() as s:
        officer = officers.add_officer(s, name=name or f"Petugas {nrp}", nrp=nrp)
        accounts.set_account(s, officer.id, role=role, passphrase=passphrase, must_change=False)
    return officer.id


def test_passphrase_hash_is_scrypt_salted_and_checked_in_constant_time():
    stored = accounts.hash_passphrase("kata sandi panjang")
    assert stored.startswith("scrypt$16384$8$1$")
    assert stored != accounts.hash_passphrase("kata sandi panjang")  # fresh salt
    assert accounts.verify_passphrase("kata sandi panjang", stored)
    assert not accounts.verify_passphrase("kata sandi Panjang", stored)
    assert not accounts.verify_passphrase("x", "not-a-hash")
    assert not accounts.needs_rehash(stored)
    assert accounts.needs_rehash("scrypt$1024$8$1$AAAA$AAAA")


def test_login_returns_the_officer_as_actor_and_is_audited(store):
    oid = _officer(store, "petugas", "85071234", name="Budi Santoso")
    actor = accounts.login(store, PASS, nrp="85071234")
    assert actor == permissions.Actor(oid, "Budi Santoso", "petugas", "85071234")
    assert actor.may("meeting.write") and not actor.may("settings.write")
    with store.read() as s:
        actions = [
            e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.record_id == oid))
        ]
        choices = accounts.login_choices(s)
    assert "login" in actions
    assert [c.officer_id for c in choices] == [oid]


def test_failures_slow_down_then_lock_and_survive_a_restart(tmp_path, monkeypatch):
    store = Store.open(tmp_path)
    store.actor = permissions.system_actor("test")
    oid = _officer(store, "petugas", "85071234")
    store.close()
    clock = [utcnow()]
    monkeypatch.setattr(accounts, "utcnow", lambda: clock[0])

    def attempt(passphrase):
        with Store.open(tmp_path) as s:  # a fresh start each time: counters live in the database
            return accounts.login(s, passphrase, officer_id=oid)

    for _ in range(2):
        with pytest.raises(LoginFailed, match="Kata sandi salah$"):
            attempt("salah")
    with pytest.raises(LoginFailed, match="coba lagi dalam 15 detik") as third:
        attempt("salah")
    assert third.value.retry_after == 15
    with pytest.raises(LoginFailed, match="Terlalu banyak percobaan; coba lagi dalam 15 detik"):
        attempt(PASS)  # even the right passphrase waits
    clock[0] += timedelta(seconds=16)
    with pytest.raises(LoginFailed, match="coba lagi dalam 30 detik"):
        attempt("salah")
    clock[0] += timedelta(seconds=31)
    with pytest.raises(LoginFailed, match="dikunci 15 menit"):
        attempt("salah")
    clock[0] += timedelta(minutes=10)
    with pytest.raises(LoginFailed, match="dikunci"):
        attempt(PASS)
    clock[0] += timedelta(minutes=6)
    assert attempt(PASS).officer_id == oid
    with Store.open(tmp_path) as s, s.read() as session:
        account = session.get(OfficerAccount, oid)
        assert account.failed_count == 0 and account.locked_until is None
        failed = session.scalars(
            select(AuditEntry.id).where(AuditEntry.action == "login_failed")
        ).all()
    assert len(failed) == 7


def test_admin_unlocks_and_resets_a_passphrase(store):
    oid = _officer(store, "petugas", "85071234")
    for _ in range(5):
        with pytest.raises(LoginFailed):
            with store.write() as s:
                s.get(OfficerAccount, oid).locked_until = None  # skip the waits
            accounts.login(store, "salah", officer_id=oid)
    with pytest.raises(LoginFailed, match="dikunci"):
        accounts.login(store, PASS, officer_id=oid)
    admin = accounts.login(store, PASS, officer_id=_officer(store, "admin", "70010001"))
    with store.write(actor=admin) as s:
        accounts.unlock(s, oid)
    assert accounts.login(store, PASS, officer_id=oid).officer_id == oid
    with store.write(actor=admin) as s:
        accounts.reset_passphrase(s, oid, "sementara-123")
    with store.read() as s:
        assert accounts.must_change_passphrase(s, oid)
    with pytest.raises(LoginFailed):
        accounts.login(store, PASS, officer_id=oid)
    accounts.login(store, "sementara-123", officer_id=oid)
    with pytest.raises(LoginFailed):
        accounts.change_passphrase(store, oid, "bukan-ini", "baru-sekali-123")
    with pytest.raises(ValidationError, match="minimal 8"):
        accounts.change_passphrase(store, oid, "sementara-123", "pendek")
    accounts.change_passphrase(store, oid, "sementara-123", "baru-sekali-123")
    with store.read() as s:
        assert not accounts.must_change_passphrase(s, oid)
    assert accounts.login(store, "baru-sekali-123", officer_id=oid).role == "petugas"


def test_services_refuse_what_a_role_may_not_do_even_when_called_directly(store, yesterday):
    petugas = accounts.login(store, PASS, officer_id=_officer(store, "petugas", "85071234"))
    analyst = accounts.login(store, PASS, officer_id=_officer(store, "hq_analyst", "70010002"))
    admin = accounts.login(store, PASS, officer_id=_officer(store, "admin", "70010003"))
    with store.write(actor=petugas) as s:
        m = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang")
        )
        post = posts.require_this_post(s)
    with pytest.raises(PermissionDenied, match="Peran Petugas tidak diizinkan: Mengubah kop surat"):
        with store.write(actor=petugas) as s:
            posts.update_letterhead(s, post.id, ["POLSEK LAIN"])
    with pytest.raises(PermissionDenied):
        with store.write(actor=petugas) as s:
            officers.add_officer(s, name="Penyusup", nrp="11112222")
    for actor in (analyst, admin):
        with pytest.raises(PermissionDenied):
            with store.write(actor=actor) as s:
                meetings.delete_meeting(s, m.id)
    with pytest.raises(PermissionDenied, match="Belum ada petugas yang masuk"):
        with Store.open(store.data_dir) as bare, bare.write() as s:
            stakeholders.add_stakeholder(s, stakeholders.StakeholderInput(name="Tanpa login"))
    with store.write(actor=admin) as s:
        posts.update_letterhead(s, post.id, ["POLSEK BARU"])
    with store.read() as s:
        assert meetings.get_meeting(s, m.id).purpose == "Sambang"


def test_nobody_hands_out_more_than_they_hold(store):
    kapolsek = accounts.login(store, PASS, officer_id=_officer(store, "kapolsek", "70010004"))
    other = _officer(store, "petugas", "85071234")
    with store.write(actor=kapolsek) as s:
        accounts.set_account(s, other, role="kapolsek")
    with pytest.raises(PermissionDenied, match="Admin Polres tidak dapat diberikan"):
        with store.write(actor=kapolsek) as s:
            accounts.set_account(s, other, role="hq_admin")


def test_own_or_any(store):
    author = accounts.login(store, PASS, officer_id=_officer(store, "petugas", "85071234"))
    other = accounts.login(store, PASS, officer_id=_officer(store, "petugas", "85071235"))
    boss = accounts.login(store, PASS, officer_id=_officer(store, "kapolsek", "70010004"))
    for actor in (author, boss):
        with store.read(actor=actor) as s:
            permissions.require_own_or(s, author.officer_id, "report.sign_own", "report.sign_any")
    with pytest.raises(PermissionDenied, match="bersangkutan"):
        with store.read(actor=other) as s:
            permissions.require_own_or(s, author.officer_id, "report.sign_own", "report.sign_any")


def test_first_admin_only_once_and_idle_lock_setting(tmp_path):
    with Store.open(tmp_path) as store:
        with store.write() as s:  # nobody logged in: the first-run wizard
            assert accounts.needs_first_admin(s)
            info = accounts.create_first_admin(
                s, name="Siti Aminah", nrp="80010001", passphrase=PASS
            )
        assert info.role == "admin"
        with pytest.raises(PermissionDenied, match="sudah dibuat"):
            with store.write() as s:
                accounts.create_first_admin(s, name="Lagi", nrp="80010002", passphrase=PASS)
        admin = accounts.login(store, PASS, nrp="80010001")
        with store.read() as s:
            assert accounts.idle_lock_minutes(s) == 15
        with pytest.raises(PermissionDenied):
            with store.write() as s:
                accounts.set_idle_lock_minutes(s, 5)
        with store.write(actor=admin) as s:
            accounts.set_idle_lock_minutes(s, 5)
        with store.read() as s:
            assert accounts.idle_lock_minutes(s) == 5
            settings = s.scalars(
                select(AuditEntry.actor_id).where(AuditEntry.action == "settings")
            ).all()
        assert settings == [admin.officer_id]


def test_cli_acts_as_console_or_as_a_logged_in_officer(store, tmp_path):
    _officer(store, "petugas", "85071234")
    data = str(store.data_dir)
    store.close()
    # the environment without okudesk's variables (Windows cannot start Python without
    # SYSTEMROOT and the like, so it is not emptied)
    clean = {k: v for k, v in os.environ.items() if not k.startswith("OKUDESK_")}
    env_ok = {**clean, "OKUDESK_PASSPHRASE": PASS}

    def run(*a, env=None):
        return subprocess.run(
            [sys.executable, "-m", "okudesk", "--data-dir", data, *a],
            capture_output=True,
            text=True,
            env=env,
        )

    console = run("account", "list", env=clean)  # nobody logged in: nobody acts
    assert console.returncode == 1 and "--officer" in console.stderr
    refused = run("--officer", "85071234", "account", "list", env=env_ok)
    assert refused.returncode == 1 and "tidak diizinkan" in refused.stderr
    wrong = run("--officer", "85071234", "stats", env={**env_ok, "OKUDESK_PASSPHRASE": "salah"})
    assert wrong.returncode == 1 and wrong.stderr.strip() == "okudesk: Kata sandi salah"
    (tmp_path / "pass").write_text(PASS + "\n")
    ok = run(
        "--officer", "85071234", "--passphrase-file", str(tmp_path / "pass"), "stats", "--json"
    )
    assert ok.returncode == 0, ok.stderr


def test_the_signing_key_follows_the_login_passphrase(store):
    from okudesk.core.security import credentials, pki

    oid = _officer(store, "petugas", "85071234")
    with store.write() as s:
        first = credentials.enroll_officer(s, oid, PASS)
    accounts.change_passphrase(store, oid, PASS, "baru-sekali-123")
    with store.read() as s:
        assert credentials.signing_identity(s, oid, "baru-sekali-123")
        with pytest.raises(pki.WrongPassphrase):
            credentials.signing_identity(s, oid, PASS)
        assert credentials.credential(s, oid).key_id == first.key_id  # the same key, re-encrypted
    with store.write() as s:  # an admin's reset: the key goes, no key under the admin's choice
        accounts.reset_passphrase(s, oid, "sementara-123")
    with store.read() as s:
        assert credentials.credential(s, oid) is None
        assert credentials.revoked_certificate(s, first.fingerprint) is not None
    # the officer chooses their own passphrase: the new key is made under it
    accounts.change_passphrase(store, oid, "sementara-123", "milik-sendiri-1")
    with store.read() as s:
        assert credentials.signing_identity(s, oid, "milik-sendiri-1")
        assert credentials.credential(s, oid).key_id != first.key_id
        assert [
            e.summary
            for e in s.scalars(
                select(AuditEntry).where(AuditEntry.record_type == "officer_credential")
            )
        ]


def test_the_first_admin_may_fill_demo_data_but_a_petugas_may_not(tmp_path):
    from okudesk.core import demo
    from okudesk.core.records import stats

    with Store.open(tmp_path) as store:
        with store.write() as s:
            accounts.create_first_admin(s, name="Admin", nrp="80010001", passphrase=PASS)
        admin = accounts.login(store, PASS, nrp="80010001")
        store.actor = permissions.Actor("x", "Petugas", "petugas")
        with pytest.raises(PermissionDenied):
            demo.fill(store, meetings=1, incidents=1)
        store.actor = admin
        demo.fill(store, meetings=2, incidents=3)
        assert store.actor == admin
        with store.read() as s:
            assert stats.counts(s)["incidents"] == 3
            assert {
                e.actor_name
                for e in s.scalars(select(AuditEntry).where(AuditEntry.action == "demo"))
            } == {admin.name}


def test_the_first_admin_at_hq_is_an_hq_admin(tmp_path):
    from okudesk.core.records import posts

    with Store.open(tmp_path) as store:
        with store.write(
            actor=permissions.system_actor("test")
        ) as s:  # okudesk sync init-hq, at the console
            posts.set_up_this_post(s, code="OKU", name="Polres OKU", is_hq=True)
        with store.write() as s:
            info = accounts.create_first_admin(
                s, name="Admin Polres", nrp="80010001", passphrase=PASS
            )
        assert info.role == "hq_admin"
        assert accounts.login(store, PASS, nrp="80010001").may("hq.posts")
