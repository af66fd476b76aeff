"""``stats`` and refusing an imported bundle answer from the file (store/quick.py), the same
as the store does, without loading SQLAlchemy; anything unusual goes through the store."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from cli_login import first_admin
from sync_world import add_incident, add_meeting, enroll, export_to, make_hq

from okudesk.cli import main
from okudesk.core.records import stats
from okudesk.core.store import RESTORING_NAME, cipher, quick

FIXTURES = Path(__file__).parent / "fixtures"

NO_SQLALCHEMY = (
    "import sys; from okudesk.cli import main; code = main(sys.argv[1:]); "
    "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic', "
    "'cryptography') or m == 'okudesk.core.models'); "
    "assert not heavy, heavy; sys.exit(code)"
)


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run_light(*argv: str) -> subprocess.CompletedProcess:
    """A command in a fresh process that must not import SQLAlchemy, models or crypto."""
    return subprocess.run(
        [sys.executable, "-c", NO_SQLALCHEMY, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )


def test_the_file_and_the_store_count_the_same(tmp_path):
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", tmp_path / "usb")
    add_meeting(post, "Sambang")
    add_incident(post, "Pencurian motor")
    from okudesk.core.sync import importer

    assert importer.import_bundle(hq, export_to(post, tmp_path / "usb")).ok
    add_incident(hq, "Di Polres")  # HQ's own, another origin
    with hq.read() as s:
        expected = stats.counts(s)
    assert quick.COUNTED == {k: m.__tablename__ for k, m in stats.COUNTED.items()}
    assert quick.counts(hq.data_dir) == expected
    assert expected["posts"]["BTT"]["incidents"] == 1 and len(expected["posts"]) == 2
    light = _run_light("--data-dir", str(hq.data_dir), "stats", "--json")
    assert light.returncode == 0, light.stderr
    assert json.loads(light.stdout) == expected
    hq.close()
    post.close()


def test_an_unusual_file_goes_through_the_store(tmp_path, capsys):
    """An older schema is migrated first; a restore waiting is finished first."""
    old = tmp_path / "old"
    old.mkdir()
    shutil.copy(FIXTURES / "schema-0005.sqlite3", old / "okudesk.sqlite3")
    assert quick.counts(old) is None  # not this okudesk's schema yet
    assert main(["--data-dir", str(old), "stats", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["incidents"] == 30
    assert quick.counts(old) is not None  # migrated now
    (old / RESTORING_NAME).write_bytes(b"")
    assert quick.counts(old) is None
    (old / RESTORING_NAME).unlink()
    assert quick.counts(tmp_path / "nothing-here") is None
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "okudesk.sqlite3").write_bytes(b"not a database at all" * 100)
    assert quick.counts(tmp_path / "junk") is None


def test_a_bundle_imported_already_is_refused_without_opening_the_store(
    tmp_path, capsys, monkeypatch
):
    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", tmp_path / "usb")
    add_meeting(post, "Sambang")
    bundle = export_to(post, tmp_path / "usb")
    hq_dir = str(hq.data_dir)
    me = first_admin(hq, monkeypatch)
    hq.close()
    assert main(["--data-dir", hq_dir, "import", str(bundle)]) == 1  # nobody logged in
    assert "--officer" in capsys.readouterr().err
    assert main(["--data-dir", hq_dir, *me, "import", str(bundle)]) == 0
    capsys.readouterr()
    assert not cipher.is_plain(Path(hq_dir) / "okudesk.sqlite3")  # the login encrypted it
    refused = _run_light("--data-dir", hq_dir, *me, "import", str(bundle))
    assert refused.returncode == 1 and "Traceback" not in refused.stderr, refused.stderr
    assert "DITOLAK" in refused.stderr and "sudah diimpor" in refused.stderr
    # the list it is refused from holds hashes and IDs, and speaks for this database file only
    listed = (Path(hq_dir) / quick.IMPORTED_NAME).read_text("utf-8").splitlines()
    bundle_id = quick.imported_bundle(Path(hq_dir), _sha(bundle))
    assert listed[1:] == [f"{_sha(bundle)} {bundle_id}"] and "Sambang" not in "".join(listed)
    # a copy with one byte changed is not the same file: the store checks it (and refuses it)
    changed = tmp_path / "changed.okb"
    data = bytearray(bundle.read_bytes())
    data[-1] ^= 1
    changed.write_bytes(bytes(data))
    assert main(["--data-dir", hq_dir, *me, "import", str(changed)]) == 1
    assert "DITOLAK" in capsys.readouterr().err
    # a new bundle beside the old one: the old refused at once, the new imported
    add_meeting(post, "Kunjungan kedua")
    second = export_to(post, tmp_path / "usb")
    post.close()
    assert main(["--data-dir", hq_dir, *me, "import", str(bundle), str(second)]) == 1
    captured = capsys.readouterr()
    assert "sudah diimpor" in captured.err and "1 baru" in captured.out


LIGHT_BUT_KEYED = NO_SQLALCHEMY.replace("'alembic', 'cryptography'", "'alembic'")


def test_an_officer_counts_an_encrypted_store_from_the_file_recording_nothing(
    tmp_path, monkeypatch, capsys
):
    """``stats --officer`` on an encrypted store: the passphrase unwraps the key (a wrong one
    counted as at any login) and the counts come from the file, without SQLAlchemy and
    without a line in the trail; an officer a login would not let in as they are (a
    one-time passphrase, counted failures) goes through the store's login instead."""
    from cli_login import DEMO_PASSPHRASE, officer_with_role, open_folder
    from sqlalchemy import func, select

    from okudesk.core.models import AuditEntry, Officer, OfficerAccount
    from okudesk.core.security.attempts import ATTEMPTS_NAME

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "3", "--incidents", "4"]) == 0
    nrp = officer_with_role(data, "admin")

    def trail_and_counts():
        with open_folder(data) as store, store.read(actor=None) as s:
            return s.scalar(select(func.count()).select_from(AuditEntry)), stats.counts(s)

    before, expected = trail_and_counts()
    argv = ["--data-dir", str(data), "--officer", nrp, "stats", "--json"]
    light = subprocess.run(
        [sys.executable, "-c", LIGHT_BUT_KEYED, *argv],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "OKUDESK_PASSPHRASE": DEMO_PASSPHRASE},
    )
    assert light.returncode == 0, light.stderr
    assert json.loads(light.stdout) == expected
    assert trail_and_counts()[0] == before  # a count records nothing

    # a wrong passphrase is counted beside the key file, as any unlock's
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "salah-sekali")
    assert main(argv) == 1
    assert "Kata sandi salah" in capsys.readouterr().err
    assert (data / ATTEMPTS_NAME).exists()
    # the right one then logs in through the store, which carries the failure into the trail
    monkeypatch.setenv("OKUDESK_PASSPHRASE", DEMO_PASSPHRASE)
    assert main(argv) == 0
    assert json.loads(capsys.readouterr().out) == expected
    assert not (data / ATTEMPTS_NAME).exists()
    assert trail_and_counts()[0] >= before + 2  # the failure carried, and the login

    # a one-time passphrase an admin set: refused as at the command line's login
    with open_folder(data) as store, store.write(actor=None) as s:
        officer_id = s.scalar(select(Officer.id).where(Officer.nrp == nrp))
        s.get(OfficerAccount, officer_id).must_change = True
    assert main(argv) == 1
    assert "harus diganti" in capsys.readouterr().err


def test_a_look_as_an_officer_opens_an_encrypted_store_without_a_login(
    tmp_path, monkeypatch, capsys
):
    """``verify`` and ``audit verify`` only read: an officer's passphrase unwraps the key and
    they act as the installation, recording no login; a wrong passphrase is refused and
    counted, and an officer a login would not let in as they are goes through that login."""
    from cli_login import DEMO_PASSPHRASE, officer_with_role, open_folder
    from sqlalchemy import func, select

    from okudesk.core.models import AuditEntry, Officer
    from okudesk.core.security.attempts import ATTEMPTS_NAME

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "3", "--incidents", "2"]) == 0
    nrp = officer_with_role(data, "admin")

    def trail():
        with open_folder(data) as store, store.read(actor=None) as s:
            return s.scalar(select(func.count()).select_from(AuditEntry))

    before = trail()
    monkeypatch.setenv("OKUDESK_PASSPHRASE", DEMO_PASSPHRASE)
    me = ["--data-dir", str(data), "--officer", nrp]
    assert main([*me, "audit", "verify"]) == 0
    capsys.readouterr()
    assert trail() == before
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "bukan-ini")
    assert main([*me, "audit", "verify"]) == 1
    assert "Kata sandi salah" in capsys.readouterr().err and (data / ATTEMPTS_NAME).exists()
    monkeypatch.setenv("OKUDESK_PASSPHRASE", DEMO_PASSPHRASE)
    assert main([*me, "audit", "verify"]) == 0  # through the login: the failure carried
    assert trail() > before and not (data / ATTEMPTS_NAME).exists()
    with open_folder(data) as store, store.write(actor=None) as s:
        officer_id = s.scalar(select(Officer.id).where(Officer.nrp == nrp))
        s.get(Officer, officer_id).active = False
    capsys.readouterr()
    assert main([*me, "audit", "verify"]) == 1  # a deactivated officer looks at nothing
    assert "Tidak ada akun" in capsys.readouterr().err


def test_the_imported_list_says_nothing_for_another_database_file(tmp_path, monkeypatch):
    """A database replaced by another file (a restore puts a backup's copy in place) has
    another salt: the list beside it no longer answers, and the store is asked, after a
    login. A forged or damaged list answers nothing either way but a refusal."""
    from cli_login import key_of, open_folder

    hq = make_hq(tmp_path / "hq")
    post = enroll(hq, tmp_path / "post", "BTT", tmp_path / "usb")
    add_meeting(post, "Sambang")
    bundle = export_to(post, tmp_path / "usb")
    post.close()
    me = first_admin(hq, monkeypatch)
    hq_dir = hq.data_dir
    hq.close()
    assert main(["--data-dir", str(hq_dir), *me, "import", str(bundle)]) == 0
    sha = _sha(bundle)
    assert quick.imported_bundle(hq_dir, sha) is not None
    db = hq_dir / "okudesk.sqlite3"
    key = key_of(hq_dir)
    con = cipher.connect(db, key)
    cipher.backup(con, tmp_path / "copy.sqlite3", key)  # what a backup's database file is
    con.close()
    (tmp_path / "copy.sqlite3").replace(db)
    assert quick.imported_bundle(hq_dir, sha) is None  # another file: the store answers
    assert quick.imported_bundle(hq_dir, sha, key) is not None  # and it still knows it
    # the store opened with its key writes the list again from its register
    open_folder(hq_dir).close()
    assert quick.imported_bundle(hq_dir, sha) is not None
    (hq_dir / quick.IMPORTED_NAME).write_text("okudesk-imported/1 garbage\n", encoding="utf-8")
    assert quick.imported_bundle(hq_dir, sha) is None
    # a line cut short by a power cut is no answer, the lines before it still are
    open_folder(hq_dir).close()
    with open(hq_dir / quick.IMPORTED_NAME, "a", encoding="utf-8") as fh:
        fh.write(sha[:20])
    assert quick.imported_bundle(hq_dir, sha) is not None
    assert quick.imported_bundle(hq_dir, sha[:20]) is None


def test_a_passphrase_typed_at_the_terminal_is_asked_for_once(tmp_path, monkeypatch, capsys):
    """``stats`` as an officer whose quick read hands over to the store's login (here: counted
    failures wait to be carried) asks for the passphrase once, not once for each."""
    import getpass
    import io

    from cli_login import DEMO_PASSPHRASE, officer_with_role

    from okudesk.core.security.attempts import ATTEMPTS_NAME

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "demo", "--meetings", "2", "--incidents", "2"]) == 0
    nrp = officer_with_role(data, "admin")
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "salah-sekali")
    assert main(["--data-dir", str(data), "--officer", nrp, "stats"]) == 1  # one failure
    assert (data / ATTEMPTS_NAME).exists()
    monkeypatch.delenv("OKUDESK_PASSPHRASE")

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    asked = []
    monkeypatch.setattr("sys.stdin", Terminal())
    monkeypatch.setattr(
        getpass, "getpass", lambda prompt="": asked.append(prompt) or DEMO_PASSPHRASE
    )
    capsys.readouterr()
    assert main(["--data-dir", str(data), "--officer", nrp, "stats", "--json"]) == 0
    assert len(asked) == 1 and json.loads(capsys.readouterr().out)["meetings"] == 2
