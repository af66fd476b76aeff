"""The official kecamatan and villages of OKU: seeded with their Kemendagri codes, the same
IDs at every installation, and a database that typed its own villages keeps every record's
place when it is upgraded."""

import csv
import shutil
from collections import Counter
from pathlib import Path

import rawdb
from sqlalchemy import select

from okudesk.core import permissions
from okudesk.core.models import Desa, Kecamatan
from okudesk.core.records import reference
from okudesk.core.store import Store
from okudesk.core.store.seed import desa_id

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "oku-wilayah.csv"
SHIPPED = Path(__file__).resolve().parents[1] / "resources" / "reference" / "oku-wilayah.csv"


def _official() -> list[dict]:
    with SHIPPED.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_the_shipped_list_is_the_shared_reference():
    if SHARED.exists():  # beside the repository on the team's machines and in CI
        shipped = SHIPPED.read_text(encoding="utf-8").splitlines()
        assert shipped == SHARED.read_text(encoding="utf-8").splitlines()
    kinds = Counter(r["jenis"] for r in _official())
    assert kinds == {"kecamatan": 13, "desa": 143, "kelurahan": 14}


def test_a_new_database_holds_every_official_place_with_its_code(store):
    official = _official()
    with store.read() as s:
        kec = {k.code: k.name for k in s.scalars(select(Kecamatan))}
        villages = {d.code: d for d in s.scalars(select(Desa))}
        assert kec == {r["kode"]: r["nama"] for r in official if r["jenis"] == "kecamatan"}
        assert len(villages) == 157
        for r in official:
            if r["jenis"] == "kecamatan":
                continue
            village = villages[r["kode"]]
            assert village.name == r["nama"]
            assert village.id == desa_id(r["kode"])
            assert village.is_kelurahan == (r["jenis"] == "kelurahan")
            assert kec[s.get(Kecamatan, village.kecamatan_id).code] == r["kecamatan"]
        # the picker of a kecamatan offers its villages
        sosoh = next(k for k in reference.kecamatan(s) if k.name == "Sosoh Buay Rayap")
        names = [d.name for d in reference.desa(s, sosoh.id)]
        assert "Tungku Jaya" in names


def test_every_installation_gives_an_official_village_the_same_id(tmp_path, store):
    other = Store.open(tmp_path / "other")
    try:
        with other.read() as a, store.read() as b:
            assert set(a.scalars(select(Desa.id))) == set(b.scalars(select(Desa.id)))
            assert set(a.scalars(select(Kecamatan.id))) == set(b.scalars(select(Kecamatan.id)))
    finally:
        other.close()


def test_typing_an_official_village_again_picks_the_official_row(store):
    with store.write() as s:
        sosoh = next(k for k in reference.kecamatan(s) if k.name == "Sosoh Buay Rayap")
        assert reference.add_desa(s, sosoh.id, "  tungku   jaya ") == desa_id("1601072008")
        lengkiti = next(k for k in reference.kecamatan(s) if k.name == "Lengkiti")
        assert reference.add_desa(s, lengkiti.id, "Tanjung Agung") == desa_id("1601282022")
        local = reference.add_desa(s, sosoh.id, "Dusun Baru Sekali")
        assert s.get(Desa, local).code == ""


def _places(db: Path) -> list[tuple[str, str, str, str]]:
    """Every live record's (table, id, kecamatan, village name), read with sqlite3."""
    con = rawdb.connect(db)
    try:
        rows = []
        for table in ("meeting", "incident", "stakeholder"):
            rows += con.execute(
                f"SELECT '{table}', r.id, coalesce(k.name, ''), coalesce(d.name, '') FROM {table} r"
                " LEFT JOIN desa d ON d.id = r.desa_id"
                " LEFT JOIN kecamatan k ON k.id = d.kecamatan_id"
            ).fetchall()
        return sorted(rows)
    finally:
        con.close()


def test_an_upgraded_database_keeps_every_place_and_counts_under_the_codes(tmp_path):
    """tests/fixtures/schema-0005.sqlite3: 32 villages typed by the post, 23 of them official
    (one with other capitals and spaces below), 9 not in the official list."""
    folder = tmp_path / "old"
    folder.mkdir()
    db = folder / "okudesk.sqlite3"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-0005.sqlite3", db)
    con = rawdb.connect(db)
    con.execute("UPDATE desa SET name = 'sekar  JAYA' WHERE name = 'Sekar Jaya'")
    con.commit()
    con.close()
    before = _places(db)
    assert sum(1 for *_, village in before if village) > 30

    store = Store.open(folder)
    store.actor = permissions.system_actor("pytest")
    try:
        with store.read() as s:
            kec = {k.name: k.code for k in s.scalars(select(Kecamatan))}
            assert kec["Baturaja Timur"] == "160114" and kec["Sosoh Buay Rayap"] == "160107"
            villages = list(s.scalars(select(Desa)))
            official = [d for d in villages if d.id == desa_id(d.code)]
            assert len(official) == 157
            handed_over = [d for d in villages if d.code and d.id != desa_id(d.code)]
            local = [d for d in villages if not d.code]
            assert len(handed_over) == 23 and all(not d.active for d in handed_over)
            assert sorted(d.name for d in local) == sorted(
                [
                    "Air Gading",
                    "Talang Jawa",
                    "Air Paoh",
                    "Sukajadi",
                    "Talang Jawa Utara",
                    "Baturaja Permai",
                    "Kampai",
                    "Lubuk Kemiling",
                    "Marga Bakti",
                ]
            )
            assert all(d.active for d in local)
            # the pickers offer each village once
            offered = Counter((d.parent_id, d.name.casefold()) for d in reference.desa(s))
            assert max(offered.values()) == 1
    finally:
        store.close()

    after = _places(db)
    assert [(t, i, k) for t, i, k, _ in after] == [(t, i, k) for t, i, k, _ in before]
    for (_, _, _, old), (_, _, _, new) in zip(before, after, strict=True):
        # "Tanjung Agung" typed by the post is the official "Tanjungagung"
        assert "".join(old.split()).casefold() == "".join(new.split()).casefold()
    con = rawdb.connect(db)
    try:
        # records now point at the official rows: no record of a matched village is left
        # on a switched-off row
        stale = con.execute(
            "SELECT count(*) FROM incident i JOIN desa d ON d.id = i.desa_id WHERE d.active = 0"
        ).fetchone()[0]
        coded = con.execute(
            "SELECT count(*) FROM incident i JOIN desa d ON d.id = i.desa_id WHERE d.code != ''"
        ).fetchone()[0]
    finally:
        con.close()
    assert stale == 0 and coded > 0


def test_a_post_keeps_its_own_villages_and_only_polres_corrects_the_official_list(tmp_path, store):
    from okudesk.core.errors import ValidationError
    from okudesk.core.records import posts

    with store.write() as s:
        sosoh = next(k for k in reference.kecamatan(s) if k.name == "Sosoh Buay Rayap")
        own = reference.add_desa(s, sosoh.id, "Dusun Baru Sekali")
        listed = {v.name: v for v in reference.villages(s, sosoh.id)}
        assert listed["Dusun Baru Sekali"].editable and not listed["Tungku Jaya"].editable
        assert listed["Tungku Jaya"].code == "1601072008"
        reference.update_desa(s, own, name="Dusun  Baru", active=False)
        try:
            reference.update_desa(s, desa_id("1601072008"), name="Tungku", active=True)
        except ValidationError as exc:
            assert "hanya Polres" in str(exc)
        else:
            raise AssertionError("a post renamed an official village")
        try:
            reference.update_desa(s, own, name="tungku JAYA", active=True)
        except ValidationError as exc:
            assert "Sudah ada desa Tungku Jaya" in str(exc)
        else:
            raise AssertionError("two villages of one kecamatan with one name")
    with store.read() as s:
        assert s.get(Desa, own).name == "Dusun Baru" and not s.get(Desa, own).active
        assert "Dusun Baru" not in [d.name for d in reference.desa(s, sosoh.id)]

    hq = Store.open(tmp_path / "hq")
    hq.actor = permissions.system_actor("pytest")
    try:
        with hq.write() as s:
            posts.set_up_this_post(
                s, code="OKU", name="Polres OKU", letterhead=["POLRES OKU"], is_hq=True
            )
            reference.update_desa(s, desa_id("1601072008"), name="Tungku Jaya Baru", active=True)
        with hq.read() as s:
            assert s.get(Desa, desa_id("1601072008")).name == "Tungku Jaya Baru"
    finally:
        hq.close()
