import json
import subprocess
import sys

import pytest
from cli_login import officer_with_role

from okudesk import __version__
from okudesk.cli import main


def run(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "okudesk", *args], capture_output=True, text=True, env=env
    )


def test_version_and_help(capsys):
    assert main(["--version"]) == 0
    assert __version__ in capsys.readouterr().out
    assert main(["demo", "--help"]) == 0
    assert "--incidents" in capsys.readouterr().out


def test_no_arguments_start_the_gui_with_the_parsers_defaults():
    from okudesk.cli import build_parser, parse

    assert parse([]) == build_parser(commands=False).parse_args([])
    whole = vars(build_parser().parse_args([]))
    assert whole.pop("command") is None and "func" not in whole  # no command: the GUI
    assert vars(parse([])) == whole


def test_each_command_is_parsed_by_its_own_module_as_by_the_whole_parser():
    """``COMMANDS`` names every command word with the module that registers it, and a command
    parsed with its module alone means what the whole command line means."""
    import argparse
    from importlib import import_module

    from okudesk.cli import COMMAND_MODULES, COMMANDS, build_parser, parse

    registered = {}
    for name in COMMAND_MODULES:
        sub = argparse.ArgumentParser().add_subparsers()
        import_module(name).register(sub)
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == COMMANDS
    for argv in (
        ["stats", "--json"],
        ["--officer", "12345678", "report", "meeting", "M-1", "--out", "r.pdf"],
        ["--data-dir", "d", "import", "b.okusync", "--officer", "87654321"],
        ["rekap", "--from", "2026-11-01", "--to", "2026-11-30"],
        ["backup", "--daily", "--now"],
        ["account", "list"],
    ):
        assert parse(argv) == build_parser().parse_args(argv), argv


def test_usage_error_exits_2(capsys):
    assert main(["demo", "--incidents", "many"]) == 2
    assert main(["no-such-command"]) == 2


def test_demo_then_stats_json(tmp_path, capsys, monkeypatch):
    data = str(tmp_path / "d")
    assert (
        main(["--data-dir", data, "demo", "--meetings", "7", "--incidents", "11", "--seed", "3"])
        == 0
    )
    capsys.readouterr()
    # the demo store is encrypted: counting it needs an officer's passphrase too
    assert main(["--data-dir", data, "stats", "--json"]) == 1
    assert "--officer" in capsys.readouterr().err
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    me = ["--officer", officer_with_role(data, "admin")]
    assert main(["--data-dir", data, *me, "stats", "--json"]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["meetings"] == 7 and counts["incidents"] == 11
    assert (
        counts["stakeholders"] == 60 and counts["follow_ups"] >= 1 and counts["attachments"] == 14
    )
    assert counts["posts"]["BTT"]["incidents"] == 11


def test_data_dir_from_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("OKUDESK_DATA_DIR", str(tmp_path / "env"))
    assert main(["demo", "--meetings", "1", "--incidents", "2"]) == 0
    assert (tmp_path / "env" / "okudesk.sqlite3").exists()


def test_failure_is_one_line_without_traceback(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run("--data-dir", str(blocker / "data"), "stats", "--json")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("okudesk: ") and "Traceback" not in result.stderr


@pytest.mark.slow
def test_selftest_passes(tmp_path):
    result = run("--data-dir", str(tmp_path), "selftest")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 failed" in result.stdout


def test_brief_commands_run_without_the_cyclic_collector_and_give_it_back(tmp_path, monkeypatch):
    """A report, a verification and a count pause the cyclic collector (cli.main: ~75 ms of a
    signed report); the pause ends with the command."""
    import gc

    from okudesk.cli import parse
    from okudesk.cli import stats as stats_command

    assert all(
        parse(argv).brief
        for argv in (["stats"], ["verify", "x.pdf"], ["report", "meeting", "M", "--out", "r.pdf"])
    )
    assert not getattr(parse(["demo"]), "brief", False)  # bulk work keeps collecting
    seen = []
    monkeypatch.setattr(stats_command, "run", lambda args: seen.append(gc.isenabled()) or 0)
    assert main(["--data-dir", str(tmp_path / "d"), "stats"]) == 0
    assert seen == [False] and gc.isenabled()
