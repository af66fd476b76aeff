"""Laporan Rekapitulasi Situasi Kamtibmas: the recap of a period as a signed Polri report.

The same shape as the other reports (kop surat, number from the unit's pattern, sections,
place and date, the signer and "Mengetahui", page x of y, document ID and verification
code), signed with PAdES and recorded in the report register (kind ``recap``, its record
the period and scope). The figures are the recap service's (okudesk.core.records.recap),
the same the Situasi wilayah page and the workbook show; the charts are vector drawings.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import date, datetime

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from okudesk.core import permissions, sealed
from okudesk.core.errors import OkudeskError
from okudesk.core.history import audit
from okudesk.core.i18n import _
from okudesk.core.models import Report, utcnow
from okudesk.core.records import posts, recap
from okudesk.core.records.incidents import SEVERITY_LABELS, STATUS_LABELS
from okudesk.core.reports import context, numbering, pdf, signing
from okudesk.core.reports import settings as report_settings
from okudesk.core.reports.service import (
    ReportResult,
    _canonical,
    _keywords,
    kept_path,
    verification_code,
)
from okudesk.core.security import credentials, timestamps
from okudesk.core.store import Store

KIND = "recap"
TITLE = "LAPORAN REKAPITULASI SITUASI KAMTIBMAS"
CLASS_CODE = "REKAP"
SEVERITY_COLORS = {
    "rendah": "#2e7d32",
    "sedang": "#f9a825",
    "tinggi": "#ef6c00",
    "kritis": "#b71c1c",
}
PALETTE = ("#1565c0", "#6a1b9a", "#00838f", "#ad1457", "#558b2f", "#ef6c00", "#4e342e", "#37474f")
FOLLOW_UP_LABELS = {"terbuka": "Belum selesai", "selesai": "Selesai", "batal": "Batal"}


def record_id(period: recap.Period, post_code: str | None) -> str:
    """What the register's row is about: the period and the scope."""
    return f"{period.start:%Y%m%d}-{period.end:%Y%m%d}-{post_code or 'SEMUA'}"


def _grid(header: list[str], rows: Sequence[Sequence[object]], widths: list[float]) -> Flowable:
    return pdf.grid(header, [["" if v is None else str(v) for v in row] for row in rows], widths)


def _change(c: recap.Count) -> str:
    if c.change is None:
        return ""
    return f"+{c.change}" if c.change > 0 else str(c.change)


def weekly_chart(
    series: tuple[tuple[str, tuple[recap.Count, ...]], ...],
    weeks: tuple[date, ...],
    title: str,
    color_of: dict[str, str] | None = None,
) -> Drawing:
    """A stacked bar chart of the weekly counts, drawn as vectors."""
    width, height = pdf.TEXT_W - 0.9 * cm, 6.2 * cm
    d = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 1.0 * cm, 1.3 * cm
    chart.width, chart.height = width - 4.6 * cm, height - 2.0 * cm
    rows = [name for name, _counts in series] or ["-"]
    chart.data = [[c.value for c in counts] for _name, counts in series] or [[0] * len(weeks)]
    chart.categoryAxis.categoryNames = [f"{w:%d/%m}" for w in weeks]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName = pdf.FONT
    chart.categoryAxis.labels.fontSize = 6.5
    chart.valueAxis.labels.fontName = pdf.FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max((sum(col) for col in zip(*chart.data, strict=True)), default=0)
    chart.valueAxis.valueMax = max(top, 1)
    chart.valueAxis.valueStep = max(1, -(-max(top, 1) // 5))
    for i, name in enumerate(rows):
        color = (color_of or {}).get(name) or PALETTE[i % len(PALETTE)]
        chart.bars[i].fillColor = colors.HexColor(color)
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 3.4 * cm, height - 0.8 * cm
    legend.fontName, legend.fontSize = pdf.FONT, 7
    legend.alignment = "right"
    legend.columnMaximum = 9
    legend.colorNamePairs = [
        (chart.bars[i].fillColor, (SEVERITY_LABELS.get(name, name) if color_of else name)[:22])
        for i, name in enumerate(rows)
    ]
    d.add(legend)
    from reportlab.graphics.shapes import String

    d.add(String(1.0 * cm, height - 0.45 * cm, title, fontName=pdf.FONT_BOLD, fontSize=8.5))
    return d


def content(
    r: recap.Recap,
    notable: tuple[recap.NotableLine, ...],
    follow_ups: tuple[recap.Count, ...],
) -> dict:
    """What the report shows, hashed into its content hash (the QR code carries it)."""
    m = r.by_kecamatan_category
    return {
        "period": [r.period.start, r.period.end],
        "post": r.post_code,
        "incidents": [r.incidents.value, r.incidents.previous],
        "meetings": [r.meetings.value, r.meetings.previous],
        "cells": sorted(
            (str(k), str(c), n.value, n.previous)
            for (k, c), n in m.cells.items()
            if n.value or n.previous
        ),
        "severity": [(c.key, c.value, c.previous) for c in r.by_severity],
        "escalated": r.escalated_open.value,
        "overdue": [(c.key, c.value) for c in r.overdue_follow_ups],
        "activities": [(c.label, c.value, c.previous) for c in r.meetings_by_activity],
        "coverage": [(c.label, c.meetings.value, c.people) for c in r.stakeholder_coverage],
        "notable": [(n.number, n.severity, n.status) for n in notable],
        "follow_ups": [(c.key, c.value) for c in follow_ups],
        "discipline": [
            (d.code, d.last_bundle_at, d.waiting, d.conflicts, d.held) for d in r.discipline
        ],
    }


def story(
    ctx_post: posts.PostInfo,
    cfg: report_settings.ReportSettings,
    logo_png: bytes | None,
    r: recap.Recap,
    notable: tuple[recap.NotableLine, ...],
    follow_ups: tuple[recap.Count, ...],
    number: str,
    signed_on: str,
    reporter: pdf.Signatory,
    commander: pdf.Signatory | None,
    slot: pdf.SignatureSlot | None,
    closing: list[Flowable],
) -> list[Flowable]:
    out: list[Flowable] = []
    if cfg.letterhead and ctx_post.letterhead:
        out.append(pdf.letterhead(ctx_post.letterhead, logo_png))
    period = f"{pdf.long_date(r.period.start)} s.d. {pdf.long_date(r.period.end)}"
    scope = f"Pos {r.post_code}" if r.post_code else "seluruh pos"
    out += pdf.title_block(TITLE, number, cfg.security_class, [f"Periode {period}"])

    out.append(pdf.section("I", "Pendahuluan"))
    out.append(
        pdf.para(
            f"Rekapitulasi situasi kamtibmas periode {period} ({r.period.days} hari) untuk "
            f"{scope}, dibandingkan dengan periode sebelumnya yang sama panjang "
            f"({pdf.long_date(r.previous.start)} s.d. {pdf.long_date(r.previous.end)})."
        )
    )

    out.append(pdf.section("II", "Ringkasan"))
    overdue = sum(c.value for c in r.overdue_follow_ups)
    out.append(
        _grid(
            ["Uraian", "Periode ini", "Periode sebelumnya", "Perubahan"],
            [
                ["Kejadian", r.incidents.value, r.incidents.previous, _change(r.incidents)],
                ["Rapat & kunjungan", r.meetings.value, r.meetings.previous, _change(r.meetings)],
                ["Kejadian dieskalasi belum ditangani", r.escalated_open.value, "", ""],
                ["Tindak lanjut terlambat", overdue, "", ""],
            ],
            [7.0, 2.6, 3.4, 2.6],
        )
    )

    out.append(pdf.section("III", "Kejadian menurut kecamatan dan kategori"))
    m = r.by_kecamatan_category
    rows = []
    for kec, label in m.rows:
        total = m.row_totals[kec]
        if not total.value and not total.previous:
            continue
        top = max(((m.cell(kec, c), name) for c, name in m.columns), key=lambda x: x[0].value)
        rows.append(
            [
                label,
                total.value,
                total.previous,
                _change(total),
                f"{top[1]} ({top[0].value})" if top[0].value else "-",
            ]
        )
    rows.append(["Jumlah", m.total.value, m.total.previous, _change(m.total), ""])
    out.append(pdf.item("Per kecamatan", None, "1."))
    out.append(
        _grid(
            ["Kecamatan", "Jumlah", "Sebelumnya", "Perubahan", "Kategori terbanyak"],
            rows,
            [4.2, 2.0, 2.4, 2.2, 5.8],
        )
    )
    cats = [
        [name, m.column_totals[c].value, m.column_totals[c].previous, _change(m.column_totals[c])]
        for c, name in m.columns
        if m.column_totals[c].value or m.column_totals[c].previous
    ]
    out.append(pdf.item("Per kategori", None, "2."))
    out.append(
        _grid(
            ["Kategori", "Jumlah", "Sebelumnya", "Perubahan"],
            cats or [["Tidak ada kejadian", 0, 0, ""]],
            [8.0, 2.4, 2.8, 2.4],
        )
    )
    out.append(pdf.item("Per tingkat kerawanan", None, "3."))
    out.append(
        _grid(
            ["Tingkat kerawanan", "Jumlah", "Sebelumnya", "Perubahan"],
            [
                [SEVERITY_LABELS.get(c.key or "", c.label), c.value, c.previous, _change(c)]
                for c in r.by_severity
            ],
            [8.0, 2.4, 2.8, 2.4],
        )
    )
    if any(c.value for _s, counts in r.weekly.by_severity for c in counts):
        out.append(Spacer(1, 0.3 * cm))
        out.append(
            weekly_chart(
                r.weekly.by_severity,
                r.weekly.weeks,
                "Kejadian per minggu (12 minggu) menurut tingkat kerawanan",
                SEVERITY_COLORS,
            )
        )
        out.append(
            weekly_chart(
                r.weekly.by_category, r.weekly.weeks, "Kejadian per minggu menurut kategori"
            )
        )
    else:
        out.append(pdf.para("Tidak ada kejadian dalam 12 minggu sampai akhir periode ini."))

    out.append(pdf.section("IV", "Kejadian menonjol (kritis dan tinggi)"))
    if notable:
        out.append(
            _grid(
                ["No", "Nomor", "Waktu", "Kerawanan", "Kecamatan", "Uraian", "Status"],
                [
                    [
                        str(k),
                        n.number,
                        f"{n.occurred_at:%d/%m/%Y %H:%M}",
                        SEVERITY_LABELS.get(n.severity, n.severity),
                        n.kecamatan or "-",
                        n.summary,
                        STATUS_LABELS.get(n.status, n.status),
                    ]
                    for k, n in enumerate(notable, 1)
                ],
                [0.8, 3.2, 2.3, 1.8, 2.3, 4.6, 2.2],
            )
        )
    else:
        out.append(pdf.para("Tidak ada kejadian berkategori kritis atau tinggi dalam periode ini."))

    out.append(pdf.section("V", "Tindak lanjut"))
    out.append(
        _grid(
            ["Status (batas waktu dalam periode)", "Jumlah"],
            [[FOLLOW_UP_LABELS.get(c.key or "", c.label), c.value] for c in follow_ups]
            + [["Terlambat (belum selesai, lewat batas waktu)", overdue]],
            [10.0, 3.0],
        )
    )

    out.append(pdf.section("VI", "Rapat dan pemangku kepentingan"))
    activities = [c for c in r.meetings_by_activity if c.value or c.previous]
    out.append(pdf.item("Menurut jenis kegiatan", None if activities else "tidak ada", "1."))
    if activities:
        out.append(
            _grid(
                ["Jenis kegiatan", "Jumlah", "Sebelumnya", "Perubahan"],
                [[c.label, c.value, c.previous, _change(c)] for c in activities],
                [8.0, 2.4, 2.8, 2.4],
            )
        )
    covered = [*r.stakeholder_coverage, *r.parties]
    met = [c for c in covered if c.met]
    out.append(pdf.item("Pemangku kepentingan yang ditemui", None if met else "tidak ada", "2."))
    if met:
        out.append(
            _grid(
                ["Jenis pemangku kepentingan", "Rapat", "Orang"],
                [[c.label, c.meetings.value, c.people] for c in met],
                [9.0, 2.4, 2.4],
            )
        )
    missed = [c.label for c in covered if not c.met]
    if missed:
        out.append(pdf.item("Belum ditemui dalam periode ini", ", ".join(missed), "3."))
    if r.discipline:
        out.append(pdf.item("Disiplin pelaporan per pos", None, "4." if missed else "3."))
        out.append(
            _grid(
                ["Pos", "Data terakhir", "Hari sejak", "Menunggu", "Konflik", "Tertahan"],
                [
                    [
                        f"{d.code} - {d.name}",
                        f"{d.last_bundle_at:%d/%m/%Y %H:%M}" if d.last_bundle_at else "belum",
                        "-" if d.days_since is None else d.days_since,
                        d.waiting,
                        d.conflicts,
                        d.held,
                    ]
                    for d in r.discipline
                ],
                [5.0, 3.2, 1.9, 1.9, 1.7, 1.7],
            )
        )

    place = ctx_post.place_name or ctx_post.name
    out.append(
        KeepTogether(
            [
                pdf.section("VII", "Penutup"),
                pdf.para(
                    "Demikian laporan rekapitulasi situasi kamtibmas ini dibuat dengan sebenarnya "
                    "untuk menjadi bahan pertimbangan pimpinan."
                ),
                *pdf.signature_blocks(f"{place}, {signed_on}", reporter, commander, slot),
                *closing,
            ]
        )
    )
    return out


def make(
    store: Store,
    period: recap.Period,
    *,
    post_code: str | None = None,
    discipline: tuple[recap.PostDiscipline, ...] = (),
    passphrase: str | None = None,
    draft: bool = False,
    officer_nrp: str | None = None,
    today: date | None = None,
) -> ReportResult:
    """The recap report of ``period`` (all posts or one), signed and registered unless
    ``draft``; the signer is ``officer_nrp`` (a recap has no reporting officer)."""
    rid = record_id(period, post_code)
    with store.write() as session:
        r = recap.build(session, period, post_code=post_code, today=today, discipline=discipline)
        notable = recap.notable_incidents(session, period, post_code=post_code)
        follow_ups = recap.follow_ups_by_status(session, period, post_code=post_code)
        post = posts.require_this_post(session)
        cfg = report_settings.load(session)
        if not officer_nrp:
            raise OkudeskError(_("Pilih petugas penanda tangan rekap (--officer NRP)"))
        signer = context.resolve_signer(session, None, officer_nrp)
        reporter = context.signatory(session, signer, "Yang membuat laporan,")
        commander = context.commander(session, cfg, post, signer.id)
        logo = report_settings.load_logo(store.data_dir) if cfg.letterhead else None
        identity = None
        if draft:
            permissions.require(session, "data.read")
        else:
            permissions.require_own_or(session, signer.id, "report.sign_own", "report.sign_any")
            if passphrase is None:
                raise OkudeskError(
                    _("Kata sandi penanda tangan diperlukan untuk menandatangani laporan")
                )
            identity = credentials.signing_identity(session, signer.id, passphrase)
        day = today or datetime.now(signing.WIB).date()
        if draft:
            number = numbering.draft_number(
                cfg.number_template,
                when=day,
                class_code=CLASS_CODE,
                post_code=post.code,
                security_class=cfg.security_class,
            )
            document_id = ""
        else:
            number, _value = numbering.next_number(
                session,
                cfg.number_template,
                when=day,
                class_code=CLASS_CODE,
                post_code=post.code,
                security_class=cfg.security_class,
            )
            document_id = str(uuid.uuid4())
        shown = {
            "kind": KIND,
            "record_id": rid,
            "document_id": document_id,
            "number": number,
            "body": content(r, notable, follow_ups),
            "signer": [reporter.name, reporter.rank_and_nrp, reporter.position],
            "date": day.isoformat(),
        }
        content_sha256 = hashlib.sha256(_canonical(shown).encode()).hexdigest()
        cred = None if draft else credentials.credential(session, signer.id)
        slot = None if draft else pdf.SignatureSlot(pdf.TEXT_W / 2 - 0.6 * cm, 1.35 * cm)
        code = verification_code(content_sha256)
        closing = (
            []
            if draft
            else pdf.qr_block(
                f"OKUDESK1:{document_id.upper()}:{number}:{content_sha256.upper()}",
                "Dokumen ini ditandatangani secara elektronik oleh "
                f"{pdf.esc(reporter.name.upper())}.<br/>"
                f"ID dokumen: {document_id}<br/>Nomor: {pdf.esc(number)}<br/>"
                f"Kode verifikasi: <b>{code}</b><br/>"
                f"Periksa keaslian dengan: okudesk verify BERKAS.pdf",
            )
        )
        flowables = story(
            post,
            cfg,
            logo,
            r,
            notable,
            follow_ups,
            number,
            pdf.long_date(day),
            reporter,
            commander,
            slot,
            closing,
        )
        rendered = pdf.render(
            pdf.Furniture(
                document_id=document_id,
                verification_code=code,
                security_class=cfg.security_class,
                draft=draft,
                title=f"{TITLE} {number}",
            ),
            flowables,
            slot,
            author=reporter.name,
            subject=rid,
            keywords=_keywords(document_id, number, content_sha256) if document_id else "",
        )
        if draft:
            return ReportResult(
                rendered.pdf,
                "",
                number,
                KIND,
                rid,
                rendered.pages,
                hashlib.sha256(rendered.pdf).hexdigest(),
                signed=False,
            )
        assert identity is not None
        if rendered.slot_page is None or rendered.slot_box is None:
            raise OkudeskError(
                _("Tempat tanda tangan tidak tercetak pada dokumen; laporan tidak ditandatangani")
            )
        signed_pdf = signing.sign_pdf(
            rendered.pdf,
            identity,
            page=rendered.slot_page,
            box=rendered.slot_box,
            name=reporter.name,
            reason=f"Laporan {number}",
            location=post.place_name or post.name,
        )
        digest = hashlib.sha256(signed_pdf).hexdigest()
        session.add(
            Report(
                id=document_id,
                kind=KIND,
                record_id=rid,
                number=number,
                security_class=cfg.security_class,
                signer_id=signer.id,
                signer_name=signer.name,
                signer_nrp=signer.nrp,
                certificate_sha256=cred.fingerprint if cred else "",
                content_sha256=content_sha256,
                sha256=digest,
                signed_at=utcnow(),
                pages=rendered.pages,
            )
        )
        session.flush()
        timestamps.stamp(session, digest)  # at HQ, its own time evidence at once (elsewhere none)
        audit.record(
            session,
            "sign",
            record_type=KIND,
            record_id=rid,
            summary=number,
            changes={"report": [None, document_id], "sha256": [None, digest]},
        )
        path = kept_path(store, document_id)
        sealed.write(path, signed_pdf)  # sealed with the store's key (core/sealed.py)
    return ReportResult(
        signed_pdf,
        document_id,
        number,
        KIND,
        rid,
        rendered.pages,
        digest,
        signed=True,
        path=path,
    )
