"""Parties as a reference list: seeded, picked by a stakeholder, mapped from the free text
an older database holds, and coverage (which party was met, by which post, when) as a fact."""

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import rawdb
from sqlalchemy import select

from okudesk.core import permissions
from okudesk.core.models import PoliticalParty, Stakeholder
from okudesk.core.records import listing, meetings, reference, stakeholders
from okudesk.core.store import Store
from okudesk.core.store.seed import party_id


def _type(s, name: str) -> str:
    return next(t.id for t in reference.stakeholder_types(s) if t.name == name)


def test_a_new_database_holds_the_18_parties_of_2024_by_ballot_number(store):
    with store.read() as s:
        rows = list(s.scalars(select(PoliticalParty).order_by(PoliticalParty.number)))
        assert len(rows) == 18 and {p.election for p in rows} == {2024}
        assert [p.number for p in rows] == [*range(1, 18), 24]
        assert rows[0].abbreviation == "PKB" and rows[-1].name == "Partai Ummat"
        offered = reference.parties(s)
        assert offered[0].name == "1. PKB - Partai Kebangkitan Bangsa"
        assert offered[5].name == "6. Partai Buruh"  # no abbreviation beside the same name


def test_a_stakeholder_names_a_party_and_the_list_shows_it_with_the_last_meeting(store):
    with store.write() as s:
        golkar = party_id(2024, 4)
        info = stakeholders.add_stakeholder(
            s,
            stakeholders.StakeholderInput(
                name="H. Syamsul", type_id=_type(s, "Partai politik"), party_id=golkar
            ),
        )
        assert info.party_name == "Golkar (4)"
        when = datetime(2026, 11, 20, 9, 30)
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=when, purpose="Koordinasi kampanye", stakeholder_ids=[info.id]
            ),
        )
        meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=when - timedelta(days=9), purpose="Sambang", stakeholder_ids=[info.id]
            ),
        )
    with store.read() as s:
        key = listing.key_of(s, listing.STAKEHOLDERS, info.id)
        values = listing.rows(s, listing.STAKEHOLDERS, [key])[key]
        row = dict(zip(listing.STAKEHOLDERS.column_keys, values[1:], strict=True))
        assert row["party"] == "Golkar" and row["meetings"] == 2 and row["last_met"] == when


def test_coverage_says_which_party_no_post_met_in_the_period(store):
    with store.write() as s:
        pkb = stakeholders.add_stakeholder(
            s,
            stakeholders.StakeholderInput(
                name="Ketua DPC PKB", type_id=_type(s, "Partai politik"), party_id=party_id(2024, 1)
            ),
        )
        pan = stakeholders.add_stakeholder(
            s,
            stakeholders.StakeholderInput(
                name="Saksi PAN", type_id=_type(s, "Saksi"), party_id=party_id(2024, 12)
            ),
        )
        for who, when in ((pkb.id, datetime(2026, 12, 2, 10)), (pan.id, datetime(2026, 10, 1, 10))):
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=when, purpose="Rapat", stakeholder_ids=[who])
            )
    with store.read() as s:
        cover = {
            c.abbreviation: c
            for c in stakeholders.party_coverage(s, date(2026, 11, 30), date(2026, 12, 6))
        }
    assert len(cover) == 18
    assert cover["PKB"].met_by_post == {"BTT": datetime(2026, 12, 2, 10)}
    assert cover["PAN"].met_by_post == {} and cover["PAN"].last_met == datetime(2026, 10, 1, 10)
    assert cover["Gerindra"].last_met is None
    with store.read() as s:
        other = stakeholders.party_coverage(s, date(2026, 11, 30), date(2026, 12, 6), post="XYZ")
    assert all(not c.met_by_post and c.last_met is None for c in other)


def test_coverage_leaves_out_deleted_meetings_in_and_after_the_period(store):
    """Ever and in the period come from one pass whose live test sits inside the maxima:
    a deleted meeting later than the live one must count for neither."""
    with store.write() as s:
        who = {}
        for number, name in ((1, "Ketua DPC PKB"), (12, "Saksi PAN")):
            who[number] = stakeholders.add_stakeholder(
                s,
                stakeholders.StakeholderInput(
                    name=name, type_id=_type(s, "Partai politik"), party_id=party_id(2024, number)
                ),
            ).id
        made = {}
        for key, number, when in (
            ("live", 1, datetime(2026, 12, 2, 10)),
            ("gone-in", 1, datetime(2026, 12, 4, 10)),
            ("gone-after", 1, datetime(2026, 12, 20, 10)),
            ("pan-gone", 12, datetime(2026, 12, 3, 10)),
        ):
            made[key] = meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=when, purpose="Rapat", stakeholder_ids=[who[number]]
                ),
            ).id
        for key in ("gone-in", "gone-after", "pan-gone"):
            meetings.delete_meeting(s, made[key])
    with store.read() as s:
        cover = {
            c.abbreviation: c
            for c in stakeholders.party_coverage(s, date(2026, 11, 30), date(2026, 12, 6))
        }
    assert cover["PKB"].met_by_post == {"BTT": datetime(2026, 12, 2, 10)}
    assert cover["PKB"].last_met == datetime(2026, 12, 2, 10)
    assert cover["PAN"].met_by_post == {} and cover["PAN"].last_met is None


def test_an_upgraded_database_maps_a_party_it_names_and_keeps_the_text(tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    db = folder / "okudesk.sqlite3"
    shutil.copy(Path(__file__).parent / "fixtures" / "schema-0005.sqlite3", db)
    con = rawdb.connect(db)
    kinds = dict(con.execute("SELECT name, id FROM stakeholder_type"))
    texts = {
        "Calon legislatif": "Caleg DPRD dari PDI Perjuangan",
        "Tim kampanye": "Tim pemenangan PKB dan PAN",  # two parties: left unset
        "Saksi": "Saksi partai ummat",
        "Relawan": "Relawan Panitia Desa",  # "PAN" only as a part of a word
        "Tokoh agama": "Pengurus PKB ranting",  # not an election contestant
    }
    for kind, text in texts.items():
        con.execute(
            "UPDATE stakeholder SET organisation = ? WHERE rowid = "
            "(SELECT min(rowid) FROM stakeholder WHERE type_id = ?)",
            (text, kinds[kind]),
        )
    con.commit()
    con.close()
    store = Store.open(folder)
    store.actor = permissions.system_actor("pytest")
    try:
        with store.read() as s:
            mapped = {
                st.organisation: st.party_id
                for st in s.scalars(select(Stakeholder))
                if st.organisation in texts.values() or st.organisation == "DPD Partai Golkar OKU"
            }
            assert s.scalar(select(PoliticalParty.id).where(PoliticalParty.number == 24))
    finally:
        store.close()
    assert mapped["DPD Partai Golkar OKU"] == party_id(2024, 4)
    assert mapped["Caleg DPRD dari PDI Perjuangan"] == party_id(2024, 3)
    assert mapped["Saksi partai ummat"] == party_id(2024, 24)
    assert mapped["Tim pemenangan PKB dan PAN"] is None
    assert mapped["Relawan Panitia Desa"] is None
    assert mapped["Pengurus PKB ranting"] is None
