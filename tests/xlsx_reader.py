"""A minimal .xlsx reader for tests (openpyxl is not a dependency): sheet names, cell values
with their types, frozen panes, autofilters and charts, read from the package's XML."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree as ET

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
EPOCH = datetime(1899, 12, 30)


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)
    frozen: bool = False
    autofilter: str = ""
    charts: int = 0
    date_cells: int = 0


def _col(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def read(path: Path) -> list[Sheet]:
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        shared = []
        if "xl/sharedStrings.xml" in names:
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            shared = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in root]
        styles = ET.fromstring(z.read("xl/styles.xml"))
        numfmts = {
            int(n.get("numFmtId")): n.get("formatCode")
            for n in styles.iterfind("m:numFmts/m:numFmt", NS)
        }
        xfs = [int(x.get("numFmtId", 0)) for x in styles.iterfind("m:cellXfs/m:xf", NS)]

        def is_date(style: int) -> bool:
            fmt_id = xfs[style] if style < len(xfs) else 0
            code = numfmts.get(fmt_id, "")
            return 14 <= fmt_id <= 22 or ("yy" in code and "d" in code)

        book = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        out = []
        for s in book.iterfind("m:sheets/m:sheet", NS):
            file = "xl/" + target[s.get(REL)].lstrip("/").removeprefix("xl/")
            root = ET.fromstring(z.read(file))
            sheet = Sheet(s.get("name"))
            sheet.frozen = root.find("m:sheetViews/m:sheetView/m:pane", NS) is not None
            af = root.find("m:autoFilter", NS)
            sheet.autofilter = af.get("ref") if af is not None else ""
            rels_file = file.replace("worksheets/", "worksheets/_rels/") + ".rels"
            if rels_file in names:
                drawing_rels = ET.fromstring(z.read(rels_file))
                for r in drawing_rels:
                    if r.get("Type", "").endswith("/drawing"):
                        drawing = "xl/" + r.get("Target").replace("../", "")
                        d_rels = drawing.replace("drawings/", "drawings/_rels/") + ".rels"
                        sheet.charts = sum(
                            1
                            for x in ET.fromstring(z.read(d_rels))
                            if x.get("Type", "").endswith("/chart")
                        )
            for row in root.iterfind("m:sheetData/m:row", NS):
                while len(sheet.rows) < int(row.get("r")) - 1:  # rows with nothing are not written
                    sheet.rows.append([])
                values: list = []
                for c in row.iterfind("m:c", NS):
                    i = _col(c.get("r"))
                    while len(values) < i:
                        values.append(None)
                    kind, v = c.get("t"), c.find("m:v", NS)
                    if kind == "s":
                        value = shared[int(v.text)]
                    elif kind == "inlineStr":
                        value = "".join(t.text or "" for t in c.iter(f"{{{NS['m']}}}t"))
                    elif kind == "b":
                        value = v.text == "1"
                    elif v is None:
                        value = None
                    elif is_date(int(c.get("s", 0))):
                        value = EPOCH + timedelta(seconds=round(float(v.text) * 86400))
                        sheet.date_cells += 1
                    else:
                        number = float(v.text)
                        value = int(number) if number.is_integer() else number
                    values.append(value)
                sheet.rows.append(values)
            out.append(sheet)
        return out
