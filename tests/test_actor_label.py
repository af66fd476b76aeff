"""Who acted, in words: the console (the command line, the start-up jobs) is named as the
system doing a piece of work under a computer account, never as a bare "(root)"; the same
words on the audit page, in a record's view and in ``okudesk audit list``."""

from __future__ import annotations

import getpass
import json

from cli_login import first_admin

from okudesk.cli import main
from okudesk.core import i18n, permissions
from okudesk.core.history import audit
from okudesk.core.store import Store


def test_the_console_is_the_system_doing_a_named_job_under_a_computer_account():
    label = permissions.actor_label
    assert label("panduan awal (root)", "system") == ("Sistem (panduan awal, akun komputer root)")
    assert label("konsol (budi)", "system") == "Sistem (baris perintah, akun komputer budi)"
    assert label("(root)", "system") == "Sistem (baris perintah, akun komputer root)"
    # the demo's photos, added by the console for whoever asked for demo data
    assert label("data contoh, Admin Pos (root)", "system") == (
        "Sistem (data contoh untuk Admin Pos, akun komputer root)"
    )
    assert label("data contoh, data contoh (root) (root)", "system") == (
        "Sistem (data contoh, akun komputer root)"
    )
    assert label("tugas baru (x)", "system") == "Sistem (tugas baru, akun komputer x)"
    assert label("Aiptu Rahmat Hidayat", "petugas") == "Aiptu Rahmat Hidayat"
    # an officer named with brackets stays as written: only the console is re-worded
    assert label("Rahmat (Bhabin)", "admin") == "Rahmat (Bhabin)"
    i18n.set_language("en")
    try:
        assert label("cadangan otomatis (root)", "system") == (
            "System (automatic backup, computer account root)"
        )
        assert label("konsol (root)", "system") == "System (command line, computer account root)"
    finally:
        i18n.set_language("id")


def test_audit_list_names_the_console_in_words_and_filters_it(tmp_path, monkeypatch, capsys):
    data = tmp_path / "pos"
    store = Store.open(data)
    store.actor = permissions.system_actor("cadangan otomatis")
    with store.write() as s:
        audit.record(s, "backup", summary="cadangan harian")
    me = first_admin(store, monkeypatch)
    store.close()
    user = getpass.getuser()
    capsys.readouterr()
    at = ["--data-dir", str(data), *me]
    assert main([*at, "audit", "list"]) == 0
    out = capsys.readouterr().out
    assert f"Sistem (cadangan otomatis, akun komputer {user})" in out
    assert f" ({user}) " not in out and f"otomatis ({user})" not in out
    assert main([*at, "audit", "list", "--by", "sistem", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows and all(r["role"] == "system" for r in rows)
    assert {r["actor_label"] for r in rows} >= {f"Sistem (cadangan otomatis, akun komputer {user})"}
    # the officer's own entries (the first admin, made by the wizard's console) are not in it
    assert main([*at, "audit", "list", "--by", "80010001", "--json"]) == 0
    mine = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all(r["role"] != "system" for r in mine)
