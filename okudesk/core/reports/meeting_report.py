"""Laporan Hasil Kegiatan / Kunjungan: the report of a meeting or visit.

Civil-service shape (domain guide): I. Pendahuluan, II. Pelaksanaan (with the attendees
as a table), III. Hasil, IV. Hambatan, V. Kesimpulan dan Saran / tindak lanjut (a table),
VI. Penutup; place and date, the reporter's signature block, "Mengetahui"; then the
photo documentation.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from okudesk.core.records import fields
from okudesk.core.records.meetings import MeetingDetail
from okudesk.core.reports import pdf
from okudesk.core.reports.context import ReportContext

TITLE = "LAPORAN HASIL KEGIATAN / KUNJUNGAN"


def printed(name: str) -> str:
    """A field's wording in the report (Indonesian: the report is a format), from its table."""
    return fields.record("meeting")[name].printed_label


FOLLOW_UP_STATUS = {"terbuka": "Belum selesai", "selesai": "Selesai", "batal": "Batal"}


def where(m: MeetingDetail) -> str:
    parts = [m.place]
    if m.desa:
        parts.append(f"Desa/Kel. {m.desa}")
    if m.kecamatan:
        parts.append(f"Kecamatan {m.kecamatan}")
    return ", ".join(p for p in parts if p)


def when(m: MeetingDetail) -> str:
    text = f"{pdf.day_date(m.starts_at)}, pukul {pdf.clock(m.starts_at)}"
    if m.ends_at is not None:
        text += (
            f" s.d. {pdf.clock(m.ends_at)}"
            if m.ends_at.date() == m.starts_at.date()
            else f" s.d. {pdf.day_date(m.ends_at)} pukul {pdf.clock(m.ends_at)}"
        )
    return text + " WIB"


def story(
    ctx: ReportContext,
    m: MeetingDetail,
    number: str,
    signed_on: str,
    slot: pdf.SignatureSlot | None,
    closing: list[Flowable] | None = None,
) -> list[Flowable]:
    out: list[Flowable] = []
    if ctx.settings.letterhead and ctx.post.letterhead:
        out.append(pdf.letterhead(ctx.post.letterhead, ctx.logo_png))
    extra = []
    if ctx.amends is not None:
        extra.append(f"<i>Perubahan atas laporan nomor {pdf.esc(ctx.amends.number)}</i>")
    extra += ctx.notes()
    out += pdf.title_block(ctx.heading(TITLE), number, ctx.settings.security_class, extra)

    out.append(pdf.section("I", "Pendahuluan"))
    out.append(pdf.item("Dasar", None, "1."))
    out.append(
        pdf.subitem(
            "Undang-Undang Nomor 2 Tahun 2002 tentang Kepolisian Negara Republik Indonesia.", "a."
        )
    )
    if m.basis.strip():  # the order the officer cites; never the record's own number
        out.append(pdf.subitem(m.basis.strip().rstrip(".") + ".", "b."))
    out.append(pdf.item(printed("purpose"), m.purpose, "2."))

    out.append(pdf.section("II", "Pelaksanaan"))
    n = iter(range(1, 10))
    out.append(pdf.item("Waktu", when(m), f"{next(n)}."))
    out.append(pdf.item(printed("place"), where(m), f"{next(n)}."))
    if m.activity_type:
        out.append(pdf.item(printed("activity_type_id"), m.activity_type, f"{next(n)}."))
    attendees = [
        [str(i), a.name, f"Polri - {a.detail}" if a.detail else "Polri"]
        for i, a in enumerate(m.officers, 1)
    ]
    attendees += [
        [str(len(attendees) + i), s.name, s.detail or "-"] for i, s in enumerate(m.stakeholders, 1)
    ]
    if attendees:  # the sentence counts what the table lists; the others follow it
        out.append(pdf.item("Yang hadir", f"{len(attendees)} orang, yaitu:", f"{next(n)}."))
        out.append(pdf.grid(["No", "Nama", "Unsur / jabatan"], attendees, [1.0, 6.0, 8.0]))
        if m.other_attendees:
            out.append(pdf.para(f"Selain itu hadir {m.other_attendees} orang peserta lainnya."))
        out.append(Spacer(1, 0.15 * cm))
    else:
        others = f"{m.other_attendees} orang peserta" if m.other_attendees else "-"
        out.append(pdf.item("Yang hadir", others, f"{next(n)}."))
    out.append(pdf.item(printed("discussion"), m.discussion, f"{next(n)}."))

    out.append(pdf.section("III", "Hasil"))
    out.append(pdf.item(printed("outcomes"), m.outcomes, "1."))
    out.append(
        pdf.item(printed("potential_problems"), m.potential_problems or "Tidak ditemukan.", "2.")
    )

    out.append(pdf.section("IV", printed("obstacles")))
    out.append(pdf.para(m.obstacles or "Tidak ada hambatan yang berarti."))

    conclusion = m.conclusion.strip()
    out.append(
        pdf.section("V", "Kesimpulan dan saran / tindak lanjut" if conclusion else "Tindak lanjut")
    )
    k = iter(range(1, 10))
    if conclusion:  # the officer's own; never a copy of "Hasil kegiatan"
        out.append(pdf.item("Kesimpulan", conclusion, f"{next(k)}."))
    if m.follow_ups:
        out.append(pdf.item("Tindak lanjut", None, f"{next(k)}."))
        rows = [
            [
                str(i),
                f.what,
                f.who or "-",
                pdf.long_date(f.due_date) if f.due_date else "-",
                FOLLOW_UP_STATUS.get(f.status, f.status),
            ]
            for i, f in enumerate(m.follow_ups, 1)
        ]
        out.append(
            pdf.grid(
                ["No", "Tindak lanjut", "Oleh", "Batas waktu", "Status"],
                rows,
                [1.0, 6.0, 3.8, 2.9, 2.3],
            )
        )
    else:
        out.append(
            pdf.item(
                "Tindak lanjut",
                "Tidak ada tindak lanjut khusus; kegiatan rutin dilanjutkan.",
                f"{next(k)}.",
            )
        )
    if ctx.amends is not None:
        out.append(pdf.item("Alasan perubahan laporan", ctx.amendment_reason, f"{next(k)}."))

    # The closing words stay on the page of the signatures: no signature page without text.
    out.append(
        KeepTogether(
            [
                pdf.section("VI", "Penutup"),
                pdf.para(
                    "Demikian laporan ini dibuat dengan sebenarnya untuk menjadi periksa dan "
                    "bahan pertimbangan pimpinan."
                ),
                *pdf.signature_blocks(ctx.place_line(signed_on), ctx.reporter, ctx.commander, slot),
                *(closing or []),  # the QR box stays with the signatures
            ]
        )
    )
    return out


def content(m: MeetingDetail) -> dict:
    """What the report shows of the meeting (hashed into the QR code and the register)."""
    return {
        "number": m.number,
        "basis": m.basis,
        "activity": m.activity_type,
        "starts_at": m.starts_at,
        "ends_at": m.ends_at,
        "place": where(m),
        "purpose": m.purpose,
        "discussion": m.discussion,
        "outcomes": m.outcomes,
        "problems": m.potential_problems,
        "obstacles": m.obstacles,
        "conclusion": m.conclusion,
        "other_attendees": m.other_attendees,
        "officers": [a.name for a in m.officers],
        "stakeholders": [a.name for a in m.stakeholders],
        "follow_ups": [(f.what, f.responsible, f.due_date, f.status) for f in m.follow_ups],
    }
