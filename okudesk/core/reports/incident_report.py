"""Laporan Informasi: the report of an incident, intelligence style.

The facts (what, when, where, who, how and why) are kept apart from the reporter's own
opinion and advice; the source and the information are graded (A-F, 1-6). One subject
per report.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether

from okudesk.core.records import fields
from okudesk.core.records.incidents import SEVERITY_LABELS, STATUS_LABELS, IncidentDetail
from okudesk.core.reports import pdf
from okudesk.core.reports.context import ReportContext

TITLE = "LAPORAN INFORMASI"


def printed(name: str) -> str:
    """A field's wording in the report (Indonesian: the report is a format), from its table."""
    return fields.record("incident")[name].printed_label


SOURCE_GRADES = {
    "A": "sepenuhnya dapat dipercaya",
    "B": "biasanya dapat dipercaya",
    "C": "cukup dapat dipercaya",
    "D": "biasanya tidak dapat dipercaya",
    "E": "tidak dapat dipercaya",
    "F": "kepercayaan tidak dapat dinilai",
}
INFO_GRADES = {
    "1": "dibenarkan oleh sumber lain",
    "2": "kemungkinan besar benar",
    "3": "mungkin benar",
    "4": "diragukan kebenarannya",
    "5": "tidak mungkin benar",
    "6": "kebenaran tidak dapat dinilai",
}
FOLLOW_UP_STATUS = {"terbuka": "Belum selesai", "selesai": "Selesai", "batal": "Batal"}


def where(i: IncidentDetail) -> str:
    parts = [i.place]
    if i.desa:
        parts.append(f"Desa/Kel. {i.desa}")
    if i.kecamatan:
        parts.append(f"Kecamatan {i.kecamatan}")
    return ", ".join(p for p in parts if p)


def subject(i: IncidentDetail) -> str:
    return i.title or i.category or "Kejadian"


def story(
    ctx: ReportContext,
    i: IncidentDetail,
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

    out.append(pdf.section("I", "Pokok persoalan"))
    kind = f" ({i.category})" if i.title and i.category else ""
    out.append(pdf.para(f"{subject(i)}{kind}, register {i.number}."))

    out.append(pdf.section("II", "Fakta-fakta"))
    out.append(
        pdf.item(
            "Apa",
            f"{subject(i)}; tingkat kerawanan "
            f"{SEVERITY_LABELS.get(i.severity, i.severity).lower()}",
            "1.",
        )
    )
    out.append(
        pdf.item(
            "Kapan",
            f"{pdf.day_date(i.occurred_at)}, pukul {pdf.clock(i.occurred_at)} WIB "
            f"(dilaporkan {pdf.long_date(i.reported_at)} pukul {pdf.clock(i.reported_at)} WIB)",
            "2.",
        )
    )
    out.append(pdf.item("Di mana", where(i), "3."))
    out.append(pdf.item(printed("people_involved"), i.people_involved, "4."))
    out.append(pdf.item(printed("description"), i.description, "5."))
    taken = [i.actions_taken]
    if i.escalated_to:
        taken.append(
            f"Diteruskan kepada {i.escalated_to}"
            + (f" ({i.legal_axis})" if i.legal_axis else "")
            + "."
        )
    if i.police_report_number:
        taken.append(f"Laporan Polisi nomor {i.police_report_number}.")
    # one colon in the line: the item's own ("Tindakan yang telah diambil: ...")
    status = STATUS_LABELS.get(i.status, i.status).lower()
    taken.append(f"Status kejadian saat laporan ini dibuat adalah {status}.")
    out.append(pdf.item(printed("actions_taken"), "\n".join(t for t in taken if t), "6."))

    out.append(pdf.section("III", "Sumber dan penilaian"))
    out.append(pdf.item(printed("source"), i.source, "1."))
    grade = (
        f"{i.source_grade} ({SOURCE_GRADES[i.source_grade]})"
        if i.source_grade in SOURCE_GRADES
        else "belum dinilai"
    )
    out.append(pdf.item(printed("source_grade"), grade, "2."))
    grade = (
        f"{i.info_grade} ({INFO_GRADES[i.info_grade]})"
        if i.info_grade in INFO_GRADES
        else "belum dinilai"
    )
    out.append(pdf.item(printed("info_grade"), grade, "3."))

    out.append(pdf.section("IV", printed("assessment")))
    out.append(pdf.para(i.assessment or "Belum ada pendapat pelapor."))

    out.append(pdf.section("V", "Saran / tindak lanjut"))
    out.append(pdf.item(printed("recommendation"), i.recommendation, "1."))
    if i.follow_ups:
        out.append(pdf.item("Tindak lanjut", None, "2."))
        rows = [
            [
                str(k),
                f.what,
                f.who or "-",
                pdf.long_date(f.due_date) if f.due_date else "-",
                FOLLOW_UP_STATUS.get(f.status, f.status),
            ]
            for k, f in enumerate(i.follow_ups, 1)
        ]
        out.append(
            pdf.grid(
                ["No", "Tindak lanjut", "Oleh", "Batas waktu", "Status"],
                rows,
                [1.0, 6.0, 3.8, 2.9, 2.3],
            )
        )
    if ctx.amends is not None:
        out.append(
            pdf.item(
                "Alasan perubahan laporan", ctx.amendment_reason, "3." if i.follow_ups else "2."
            )
        )

    # The closing words stay on the page of the signatures: no signature page without text.
    out.append(
        KeepTogether(
            [
                pdf.section("VI", "Penutup"),
                pdf.para(
                    "Demikian laporan informasi ini dibuat dengan sebenarnya untuk menjadi bahan "
                    "pertimbangan pimpinan."
                ),
                *pdf.signature_blocks(ctx.place_line(signed_on), ctx.reporter, ctx.commander, slot),
                *(closing or []),  # the QR box stays with the signatures
            ]
        )
    )
    return out


def content(i: IncidentDetail) -> dict:
    return {
        "number": i.number,
        "category": i.category,
        "title": i.title,
        "severity": i.severity,
        "occurred_at": i.occurred_at,
        "reported_at": i.reported_at,
        "place": where(i),
        "people": i.people_involved,
        "description": i.description,
        "actions": i.actions_taken,
        "escalated_to": i.escalated_to,
        "legal_axis": i.legal_axis,
        "police_report_number": i.police_report_number,
        "status": i.status,
        "source": i.source,
        "source_grade": i.source_grade,
        "info_grade": i.info_grade,
        "assessment": i.assessment,
        "recommendation": i.recommendation,
        "follow_ups": [(f.what, f.responsible, f.due_date, f.status) for f in i.follow_ups],
    }
