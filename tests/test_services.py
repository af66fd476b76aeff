import io
from datetime import date, datetime, timedelta

import pytest
from PIL import Image

from okudesk.core.errors import ValidationError
from okudesk.core.i18n import set_language
from okudesk.core.records import (
    followups,
    incidents,
    meetings,
    numbering,
    officers,
    photos,
    posts,
    reference,
    stakeholders,
)
from okudesk.core.records.followups import FollowUpInput


def _ref(store):
    with store.read() as s:
        return {
            "kec": {k.name: k.id for k in reference.kecamatan(s)},
            "ranks": {r.name: r.id for r in reference.ranks(s)},
            "types": {t.name: t.id for t in reference.stakeholder_types(s)},
            "cats": {c.name: c.id for c in reference.incident_categories(s)},
        }


def test_reference_lists_are_seeded_from_the_domain_guide(store):
    with store.read() as s:
        assert len(reference.kecamatan(s)) == 13
        assert [r.name for r in reference.ranks(s)][:3] == ["Bharada", "Bharatu", "Bharaka"]
        groups = {c.group for c in reference.incident_categories(s)}
        assert groups == {"pemilu", "kamtibmas"}
        assert "Bawaslu Kabupaten" in {t.name for t in reference.stakeholder_types(s)}


def test_post_adds_its_own_desa_once(store):
    ref = _ref(store)
    with store.write() as s:
        first = reference.add_desa(s, ref["kec"]["Baturaja Timur"], "Sekar  Jaya")
        again = reference.add_desa(s, ref["kec"]["Baturaja Timur"], "sekar jaya")
    assert first == again


def test_letterhead_rule(store):
    assert posts.validate_letterhead(["resor ogan komering ulu"]) == ("RESOR OGAN KOMERING ULU",)
    with pytest.raises(ValidationError, match="terlalu panjang"):
        posts.validate_letterhead(["X" * 42])
    with pytest.raises(ValidationError, match="paling banyak 3 baris"):
        posts.validate_letterhead(["A", "B", "C", "D"])


def test_officer_needs_an_eight_digit_nrp_that_is_unique(store):
    ref = _ref(store)
    with store.write() as s:
        o = officers.add_officer(
            s,
            name="Budi Santoso",
            nrp="85071234",
            rank_id=ref["ranks"]["Aiptu"],
            position="Bhabinkamtibmas",
        )
    assert o.rank_and_nrp == "AIPTU NRP 85071234"
    with pytest.raises(ValidationError, match="8 digit"):
        with store.write() as s:
            officers.add_officer(s, name="X", nrp="1234")
    with pytest.raises(ValidationError, match="sudah dipakai oleh Budi Santoso"):
        with store.write() as s:
            officers.add_officer(s, name="Y", nrp="85071234")


def test_an_officer_is_corrected_after_creation_but_keeps_the_nrp(store):
    from okudesk.core.errors import NotFound, PermissionDenied
    from okudesk.core.history import audit
    from okudesk.core.permissions import Actor

    ref = _ref(store)
    with store.write() as s:
        o = officers.add_officer(s, name="Budi Santoso", nrp="85071234")  # rank forgotten
    assert o.rank == "" and o.rank_id is None
    with store.write() as s:
        fixed = officers.update_officer(
            s, o.id, name=" Budi Santoso, S.H. ", rank_id=ref["ranks"]["Aiptu"], position="Kanit"
        )
    assert (fixed.name, fixed.rank, fixed.position, fixed.nrp) == (
        "Budi Santoso, S.H.",
        "Aiptu",
        "Kanit",
        "85071234",
    )
    with store.read() as s:
        assert officers.get_officer(s, o.id).rank_and_nrp == "AIPTU NRP 85071234"
        assert "update" in {e.action for e in audit.entries(s, record_id=o.id)}
    with pytest.raises(ValidationError, match="Nama"):
        with store.write() as s:
            officers.update_officer(s, o.id, name="  ", rank_id=None)
    with pytest.raises(ValidationError, match="Pangkat"):
        with store.write() as s:
            officers.update_officer(s, o.id, name="Budi", rank_id="no-such-rank")
    with pytest.raises(NotFound):
        with store.write() as s:
            officers.update_officer(s, "missing", name="Budi", rank_id=None)
    with pytest.raises(PermissionDenied):
        with store.write(actor=Actor(o.id, "Budi", "petugas", "85071234")) as s:
            officers.update_officer(s, o.id, name="Budi", rank_id=None, position="Kapolsek")
    with store.read() as s:  # nothing of the refused edits stuck
        assert officers.get_officer(s, o.id).position == "Kanit"


def test_meeting_round_trip_with_attendees_follow_ups_and_history(store, yesterday):
    ref = _ref(store)
    with store.write() as s:
        kec = ref["kec"]["Baturaja Timur"]
        desa = reference.add_desa(s, kec, "Sukaraya")
        officer = officers.add_officer(
            s, name="Rahmat Hidayat", nrp="90010001", rank_id=ref["ranks"]["Bripka"]
        )
        kpu = stakeholders.add_stakeholder(
            s,
            stakeholders.StakeholderInput(
                name="Dewi Lestari", type_id=ref["types"]["KPU Kabupaten"], organisation="KPU OKU"
            ),
        )
        m = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                ends_at=yesterday + timedelta(hours=2),
                kecamatan_id=kec,
                desa_id=desa,
                place="Balai desa",
                purpose="Koordinasi pengamanan TPS",
                potential_problems="TPS 05 rawan banjir",
                officer_ids=[officer.id],
                stakeholder_ids=[kpu.id, kpu.id],
                follow_ups=[
                    FollowUpInput(
                        what="Cek TPS 05",
                        responsible="Bhabinkamtibmas",
                        due_date=date.today() + timedelta(days=3),
                    )
                ],
            ),
        )
    assert m.number == f"BTT-RPT-{yesterday.year}-0001"
    assert [a.name for a in m.stakeholders] == ["Dewi Lestari"]
    assert m.officers[0].detail == "Bripka"
    assert m.desa == "Sukaraya" and len(m.follow_ups) == 1
    with store.read() as s:
        history = meetings.meetings_of_stakeholder(s, kpu.id)
    assert [h.id for h in history] == [m.id]
    with store.write() as s:
        done = followups.mark_done(s, m.follow_ups[0].id, "Sudah dikoordinasikan dengan KPU")
        assert done.status == "selesai" and done.done_at is not None
        assert done.done_note == "Sudah dikoordinasikan dengan KPU"
        meetings.delete_meeting(s, m.id)
    with store.read() as s:
        assert meetings.meetings_of_stakeholder(s, kpu.id) == []
        assert followups.list_follow_ups(s) == []


def test_a_follow_up_is_done_only_with_a_note_on_what_was_done(store, yesterday):
    with store.write() as s:
        m = meetings.create_meeting(
            s,
            meetings.MeetingInput(
                starts_at=yesterday,
                purpose="Sambang",
                follow_ups=[FollowUpInput(what="Undang tokoh pemuda")],
            ),
        )
    fid = m.follow_ups[0].id
    for note in (None, "", "   "):
        with pytest.raises(ValidationError, match="apa yang sudah dilakukan"):
            with store.write() as s:
                followups.set_status(s, fid, "selesai", note)
    with pytest.raises(ValidationError, match="terlalu panjang"):
        with store.write() as s:
            followups.mark_done(s, fid, "x" * 501)
    with store.read() as s:  # refused: still open, nothing half-done
        (f,) = followups.for_record(s, meeting_id=m.id)
        assert f.status == "terbuka" and f.done_at is None and f.done_note == ""
    with store.write() as s:
        done = followups.mark_done(s, fid, " Tokoh pemuda hadir 12 Des ")
    assert done.done_note == "Tokoh pemuda hadir 12 Des" and done.done_at is not None
    with store.write() as s:
        reopened = followups.set_status(s, fid, "terbuka")
    assert reopened.done_note == "" and reopened.done_at is None
    set_language("en")
    try:
        with pytest.raises(ValidationError, match="Write briefly what was done"):
            with store.write() as s:
                followups.mark_done(s, fid, "")
    finally:
        set_language("id")


def test_meeting_validation_speaks_indonesian_and_english(store, yesterday):
    with pytest.raises(ValidationError, match="Waktu selesai harus setelah waktu mulai"):
        with store.write() as s:
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=yesterday, ends_at=yesterday, purpose="x")
            )
    with pytest.raises(ValidationError, match="tidak masuk akal"):
        with store.write() as s:
            meetings.create_meeting(
                s, meetings.MeetingInput(starts_at=datetime(1999, 1, 1), purpose="x")
            )
    set_language("en")
    try:
        with pytest.raises(ValidationError, match="end time must be after"):
            with store.write() as s:
                meetings.create_meeting(
                    s, meetings.MeetingInput(starts_at=yesterday, ends_at=yesterday, purpose="x")
                )
    finally:
        set_language("id")


def test_incident_status_life_cycle_keeps_history(store, yesterday):
    ref = _ref(store)
    with store.write() as s:
        o = officers.add_officer(s, name="Yusuf", nrp="88020002")
        i = incidents.create_incident(
            s,
            incidents.IncidentInput(
                occurred_at=yesterday,
                category_id=ref["cats"]["Politik uang"],
                severity="tinggi",
                kecamatan_id=ref["kec"]["Baturaja Timur"],
                description="Pembagian amplop",
                reported_by_id=o.id,
            ),
        )
        assert i.status == "dilaporkan" and i.number.startswith("BTT-KJD-")
        incidents.change_status(s, i.id, "diverifikasi", officer_id=o.id, note="Saksi dua orang")
        i = incidents.change_status(s, i.id, "dieskalasi", officer_id=o.id, note="Ke Gakkumdu")
    assert [h.to_status for h in i.history] == ["dilaporkan", "diverifikasi", "dieskalasi"]
    assert i.history[1].officer_name == "Yusuf" and i.history[1].note == "Saksi dua orang"
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        with store.write() as s:
            incidents.change_status(s, i.id, "dilaporkan")


def test_register_numbers_never_repeat_and_carry_the_post_code(store):
    seen = set()
    with store.write() as s:
        for _ in range(1000):
            seen.add(numbering.next_register_number(s, "BTT", "incident", 2026))
        first = numbering.reserve_block(s, "BTT", "incident", 2026, 10)
    assert len(seen) == 1000 and first == 1001
    assert all(n.startswith("BTT-KJD-2026-") for n in seen)


def _jpeg(size, exif_time: str | None = None) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    out = io.BytesIO()
    exif = Image.Exif()
    if exif_time:
        exif.get_ifd(0x8769)[0x9003] = exif_time
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_photos_are_downscaled_stored_once_and_keep_their_time(store, yesterday):
    raw = _jpeg((4000, 3000), "2026:02:14 08:30:00")
    with store.write() as s:
        m = meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=yesterday, purpose="Sambang")
        )
        a = photos.add_photo(s, store.photo_dir, raw, meeting_id=m.id, caption="Suasana")
        b = photos.add_photo(s, store.photo_dir, raw, meeting_id=m.id, caption="Sama")
    assert (a.width, a.height) == (1600, 1200)
    assert a.taken_at == datetime(2026, 2, 14, 8, 30)
    assert a.sha256 == b.sha256
    stored = list(store.photo_dir.rglob("*.jpg"))
    assert len(stored) == 1 and stored[0].stat().st_size < len(raw)
    with pytest.raises(
        ValidationError, match="tidak dapat dipakai sebagai foto: isinya bukan gambar"
    ):
        with store.write() as s:
            photos.add_photo(s, store.photo_dir, b"not a picture", meeting_id=m.id)
