"""Lists written to .xlsx and .csv: headers, real dates, row counts, sheets split at the
row limit, formulas never run, and a cancelled or failed export leaves no file."""

import csv
from datetime import datetime, timedelta

import pytest
from xlsx_reader import read

from okudesk.core.errors import OkudeskError
from okudesk.core.records import incidents, listing, reference, spreadsheet
from okudesk.core.records.listing import ListFilter

COLUMNS = ("number", "occurred_at", "severity", "kecamatan", "summary")
HEADER = ["Nomor", "Waktu kejadian", "Tingkat", "Kecamatan", "Ringkasan"]


@pytest.fixture
def filled(store):
    start = datetime(2026, 3, 1, 8, 30)
    with store.write() as s:
        kec = {k.name: k.id for k in reference.kecamatan(s)}
        cat = reference.incident_categories(s)[0].id
        for i in range(25):
            incidents.create_incident(
                s,
                incidents.IncidentInput(
                    occurred_at=start + timedelta(days=i),
                    category_id=cat,
                    kecamatan_id=kec["Baturaja Timur" if i % 5 else "Baturaja Barat"],
                    severity="kritis" if i % 5 == 0 else "sedang",
                    title='=HYPERLINK("http://x")' if i == 3 else f"Kejadian {i}",
                    description="Uraian",
                ),
            )
    return dict(kec=kec, start=start)


def _rows(store, flt, **kw):
    with store.read() as s:
        n, rows = spreadsheet.list_rows(s, listing.INCIDENTS, flt, COLUMNS, **kw)
        return n, list(rows)


def test_xlsx_has_the_filtered_rows_in_the_list_order_with_real_dates(store, filled, tmp_path):
    flt = ListFilter(kecamatan_id=filled["kec"]["Baturaja Barat"])
    n, rows = _rows(store, flt, sort="occurred_at", descending=False)
    assert n == 5 and len(rows) == 5
    with store.read() as s:  # the same rows, in the same order, as the list shows
        keys = listing.keys(s, listing.INCIDENTS, flt, sort="occurred_at", descending=False)
        shown = listing.rows(s, listing.INCIDENTS, list(keys))
        assert [r[0] for r in rows] == [shown[k][1] for k in keys]
    out = tmp_path / "kejadian.xlsx"
    assert spreadsheet.write(out, HEADER, rows) == 5
    (sheet,) = read(out)
    assert sheet.rows[0] == HEADER
    assert len(sheet.rows) == 6 and sheet.frozen and sheet.autofilter == "A1:E6"
    assert sheet.date_cells == 5
    assert sheet.rows[1][1] == filled["start"]  # an Excel date, not text
    assert [r[1] for r in sheet.rows[1:]] == sorted(r[1] for r in sheet.rows[1:])
    assert not list(tmp_path.glob(".*part"))


def test_text_that_looks_like_a_formula_stays_text(store, filled, tmp_path):
    _n, rows = _rows(store, ListFilter(text="HYPERLINK"))
    assert len(rows) == 1
    out = tmp_path / "x.xlsx"
    spreadsheet.write(out, HEADER, rows)
    (sheet,) = read(out)
    assert sheet.rows[1][4] == '=HYPERLINK("http://x")'
    import zipfile

    with zipfile.ZipFile(out) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")
    out_csv = tmp_path / "x.csv"
    spreadsheet.write(out_csv, HEADER, rows)
    with open(out_csv, encoding="utf-8-sig", newline="") as f:
        (_h, row) = list(csv.reader(f))
    assert row[4].startswith("'=")


def test_csv_is_utf8_with_bom_and_reads_back(store, filled, tmp_path):
    n, rows = _rows(store, ListFilter())
    out = tmp_path / "kejadian.csv"
    assert spreadsheet.write(out, ["Nomor", "Waktu kejadian", "Tingkat", "Kécamatan", "R"], rows)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(out, encoding="utf-8-sig", newline="") as f:
        back = list(csv.reader(f))
    assert back[0][3] == "Kécamatan" and len(back) == n + 1 == 26
    assert back[-1][1] == filled["start"].strftime(
        "%d/%m/%Y %H:%M"
    )  # newest first: the oldest last


def test_over_the_row_limit_the_list_goes_on_over_more_sheets(tmp_path):
    rows = ([i, f"baris {i}"] for i in range(25))
    out = tmp_path / "panjang.xlsx"
    assert spreadsheet.write(out, ["No", "Teks"], rows, max_rows=11) == 25
    sheets = read(out)
    assert [s.name for s in sheets] == ["Data", "Data (2)", "Data (3)"]
    assert [len(s.rows) - 1 for s in sheets] == [10, 10, 5]
    assert all(s.rows[0] == ["No", "Teks"] and s.frozen and s.autofilter for s in sheets)
    assert [r[0] for s in sheets for r in s.rows[1:]] == list(range(25))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_a_cancelled_export_leaves_no_file(tmp_path, suffix):
    out = tmp_path / f"batal{suffix}"
    out_old = tmp_path / f"lama{suffix}"
    seen = []
    rows = ([i, "x"] for i in range(10 * spreadsheet.BATCH))
    with pytest.raises(spreadsheet.ExportCancelled):
        spreadsheet.write(
            out, ["No", "Teks"], rows, progress=seen.append, cancelled=lambda: len(seen) >= 2
        )
    assert seen == [spreadsheet.BATCH, 2 * spreadsheet.BATCH]
    assert not out.exists() and list(tmp_path.iterdir()) == []
    # an existing file of that name is left as it was
    out_old.write_text("lama")
    with pytest.raises(spreadsheet.ExportCancelled):
        spreadsheet.write(out_old, ["No"], ([i] for i in range(5000)), cancelled=lambda: True)
    assert out_old.read_text() == "lama" and list(tmp_path.iterdir()) == [out_old]


def test_a_failing_row_source_and_a_wrong_suffix_leave_no_file(tmp_path):
    def broken():
        yield [1, "a"]
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        spreadsheet.write(tmp_path / "a.xlsx", ["No", "T"], broken())
    with pytest.raises(OkudeskError, match=r"\.xlsx atau \.csv"):
        spreadsheet.write(tmp_path / "a.ods", ["No"], [])
    assert list(tmp_path.iterdir()) == []


def test_an_empty_list_still_has_its_header(tmp_path):
    out = tmp_path / "kosong.xlsx"
    assert spreadsheet.write(out, HEADER, []) == 0
    (sheet,) = read(out)
    assert sheet.rows == [HEADER]
