"""``okudesk table``: a list written to .xlsx or .csv with the list pages' filters; the rows
written match a count made in the database; bad input is one line and writes nothing."""

import csv

import rawdb
from cli_login import officer_with_role
from xlsx_reader import read

from okudesk.cli import main


def _demo(tmp_path, monkeypatch, capsys):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo", "--meetings", "15", "--incidents", "40"]) == 0
    monkeypatch.setenv("OKUDESK_PASSPHRASE", "demo")
    capsys.readouterr()
    return data, ["--data-dir", data, "--officer", officer_with_role(data, "kapolsek")]


def test_table_writes_the_filtered_rows_and_says_how_many(tmp_path, monkeypatch, capsys):
    data, me = _demo(tmp_path, monkeypatch, capsys)
    db = rawdb.connect(tmp_path / "d" / "okudesk.sqlite3")
    kecamatan, expected = db.execute(
        "SELECT k.name, count(*) FROM incident i JOIN kecamatan k ON k.id = i.kecamatan_id"
        " WHERE i.deleted_at IS NULL GROUP BY k.name ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    status_count = db.execute(
        "SELECT count(*) FROM incident WHERE deleted_at IS NULL AND status = 'dilaporkan'"
    ).fetchone()[0]
    all_meetings = db.execute("SELECT count(*) FROM meeting WHERE deleted_at IS NULL").fetchone()[0]
    db.close()

    out = tmp_path / "kejadian.xlsx"
    assert (
        main([*me, "table", "incidents", "--kecamatan", kecamatan.upper(), "--out", str(out)]) == 0
    )
    assert capsys.readouterr().out.strip() == str(expected)
    (sheet,) = read(out)
    assert len(sheet.rows) == expected + 1 and "Nomor" in sheet.rows[0]

    out = tmp_path / "kejadian.csv"
    assert main([*me, "table", "incidents", "--status", "dilaporkan", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(status_count)
    with open(out, encoding="utf-8-sig", newline="") as f:
        assert len(list(csv.reader(f))) == status_count + 1

    out = tmp_path / "rapat.csv"
    assert main([*me, "table", "meetings", "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(all_meetings)


def test_table_refuses_bad_input_in_one_line_and_writes_nothing(tmp_path, monkeypatch, capsys):
    data, me = _demo(tmp_path, monkeypatch, capsys)
    out = tmp_path / "x.xlsx"
    assert main([*me, "table", "incidents", "--kecamatan", "Atlantis", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Atlantis" in err and "Baturaja Timur" in err and len(err.strip().splitlines()) == 1
    assert main([*me, "table", "meetings", "--status", "selesai", "--out", str(out)]) == 1
    assert "tidak berlaku" in capsys.readouterr().err
    assert main([*me, "table", "incidents", "--out", str(tmp_path / "x.ods")]) == 2
    assert main(["--data-dir", data, "table", "incidents", "--out", str(out)]) == 1  # no login
    assert "--officer" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".x.xlsx*"))
