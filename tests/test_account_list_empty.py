"""`account list` on a store without accounts says so instead of printing nothing."""

from __future__ import annotations

from okudesk.cli import main


def test_account_list_says_there_are_no_accounts(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("OKUDESK_PASSPHRASE", raising=False)
    assert main(["--data-dir", str(tmp_path / "pos"), "account", "list"]) == 0
    out = capsys.readouterr().out
    assert "Belum ada akun petugas" in out and "create-admin" in out
