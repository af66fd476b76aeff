"""The shape of a printed okudesk report: fonts, letterhead, page furniture, tables, photos.

Polri naskah dinas look (Perkap 1/2023): kop surat at the top left in capitals with a rule
under it, the title centred and underlined with the number below, Roman-numbered
sections, the signature block at the right and "Mengetahui" at the left, then the photo
documentation. Every page carries "Halaman x dari y", the document ID and a short
verification code; under the signatures, on their page, a QR code with the document ID,
number and hash. Table rows longer than a page split across pages (``splitInRow``): no
text an officer can type makes the layout fail.

Fonts are Liberation Sans (metric-compatible with Arial), shipped in resources/fonts and
registered once; a character it lacks (Arabic script and others) is set in DejaVu Sans,
shaped with HarfBuzz, so no text prints as empty boxes. Every font is embedded. Paper is A4
or F4 (folio, 215 x 330 mm), chosen in the report settings. ``rl_config.useA85 = 0``:
ASCII85-encoding images costs most of a report's time and a quarter more bytes. Photos are
cut down to print resolution before embedding and passed to reportlab as JPEG, which it
copies into the PDF without decoding.
"""

from __future__ import annotations

import hashlib
import io
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import (
    Flowable,
    Image,
    PageBreak,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import paragraph as rl_paragraph

from okudesk.core import sealed
from okudesk.core.errors import OkudeskError
from okudesk.core.i18n import _
from okudesk.core.paths import resource
from okudesk.core.records.photos import on_white

rl_config.useA85 = 0

FONT = "LiberationSans"
FONT_BOLD = "LiberationSans-Bold"
FONT_ITALIC = "LiberationSans-Italic"
FONT_BOLD_ITALIC = "LiberationSans-BoldItalic"
FALLBACK = "DejaVuSans"  # wide coverage: Arabic script, Latin extended, Cyrillic, Greek ...
FALLBACK_BOLD = "DejaVuSans-Bold"

PAPERS = {"A4": A4, "F4": (215 * mm, 330 * mm)}  # F4: the folio many Indonesian offices use
PAGE_W, PAGE_H = A4
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 2.5 * cm, 2.0 * cm, 1.8 * cm, 2.6 * cm
TEXT_W = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT  # the same on F4 (its extra 5 mm go to the right)
FOOTER_Y = 1.7 * cm  # the footer's text; the security label under it stays >= 10 mm up
PRINT_DPI = 150  # photos are embedded at this resolution (their printed size)
PHOTO_QUALITY = 80

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")

_fonts_lock = threading.Lock()
_fonts_done = False


_covered: frozenset[int] = frozenset()  # the code points Liberation Sans has


_fallback_done = False


def ensure_fonts() -> None:
    """Register the Liberation Sans family with reportlab (once per process); the DejaVu Sans
    fallback is registered when a text first needs it (:func:`_fallback_runs`: most reports
    never do, and parsing its two files is ~25 ms of a report). Styles shape nothing
    (``shaping`` 0): only a paragraph holding a fallback run is shaped (Paragraph), since
    shaping every paragraph costs ten times the layout time."""
    global _fonts_done, _covered
    if _fonts_done:
        return
    with _fonts_lock:
        if _fonts_done:
            return
        for name, file in (
            (FONT, "Regular"),
            (FONT_BOLD, "Bold"),
            (FONT_ITALIC, "Italic"),
            (FONT_BOLD_ITALIC, "BoldItalic"),
        ):
            font = TTFont(name, str(resource("fonts", f"LiberationSans-{file}.ttf")))
            pdfmetrics.registerFont(font)
            if name == FONT:
                _covered = frozenset(font.face.charToGlyph)
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )
        _fonts_done = True


def _ensure_fallback() -> None:
    """Register the DejaVu Sans fallback with reportlab (once per process)."""
    global _fallback_done
    if _fallback_done:
        return
    with _fonts_lock:
        if _fallback_done:
            return
        for name in (FALLBACK, FALLBACK_BOLD):
            pdfmetrics.registerFont(TTFont(name, str(resource("fonts", f"{name}.ttf"))))
        pdfmetrics.registerFontFamily(
            FALLBACK,
            normal=FALLBACK,
            bold=FALLBACK_BOLD,
            italic=FALLBACK,
            boldItalic=FALLBACK_BOLD,
        )
        _fallback_done = True


_FALLBACK_TAG = f'<font name="{FALLBACK}">'
_shaped_styles: dict[str, ParagraphStyle] = {}


class Paragraph(rl_paragraph.Paragraph):
    """reportlab's Paragraph, shaped (HarfBuzz) when its text holds a run in the fallback
    font: Arabic letters join only when shaped, and shaping every paragraph would make a
    report ten times slower to lay out."""

    def __init__(
        self, text: str, style: ParagraphStyle | None = None, *args: object, **kwargs: object
    ) -> None:
        # reportlab's split makes its parts with this class and text None
        if style is not None and isinstance(text, str) and _FALLBACK_TAG in text:
            shaped = _shaped_styles.get(style.name)
            if shaped is None:
                shaped = _shaped_styles[style.name] = ParagraphStyle(
                    style.name + "-shaped", parent=style, shaping=1
                )
            style = shaped
        super().__init__(text, style, *args, **kwargs)


def page_size(paper: str) -> tuple[float, float]:
    width, height = PAPERS.get(paper, A4)
    return float(width), float(height)


def _fallback_runs(text: str) -> str:
    """``text`` (already escaped) with every run of characters Liberation Sans lacks set in
    the fallback font (its paragraph is then shaped: Paragraph)."""
    ensure_fonts()
    if all(ord(ch) in _covered or ch in "\n" for ch in text):
        return text
    _ensure_fallback()
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        chunk = "".join(run)
        stripped = chunk.strip(" ")
        lead = chunk[: len(chunk) - len(chunk.lstrip(" "))]
        trail = chunk[len(chunk.rstrip(" ")) :]
        out.append(f'{lead}<font name="{FALLBACK}">{stripped}</font>{trail}')
        run.clear()

    for ch in text:
        missing = ord(ch) not in _covered and ch not in "\n"
        if missing or (ch == " " and run):
            run.append(ch)
        else:
            flush()
            out.append(ch)
    flush()
    return "".join(out)


# --- text helpers -------------------------------------------------------------------------


def long_date(d: date | datetime) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def day_date(d: date | datetime) -> str:
    return f"{DAYS[d.weekday()]}, {long_date(d)}"


def clock(d: datetime) -> str:
    return f"{d:%H.%M}"


def esc(text: str) -> str:
    """Plain text (typed by a person) made safe for a reportlab Paragraph, line breaks kept."""
    text = (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<br/>".join(_fallback_runs(line) for line in text.splitlines())


class Styles:
    def __init__(self) -> None:
        ensure_fonts()
        base = ParagraphStyle(
            "body",
            fontName=FONT,
            fontSize=11,
            leading=14.5,
            alignment=TA_JUSTIFY,
            bulletFontName=FONT,
            bulletFontSize=11,
        )
        self.body = base
        self.left = ParagraphStyle("left", parent=base, alignment=TA_LEFT)
        self.small = ParagraphStyle("small", parent=base, fontSize=9, leading=11, alignment=TA_LEFT)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12, alignment=TA_LEFT)
        self.cell_head = ParagraphStyle(
            "cell_head", parent=self.cell, fontName=FONT_BOLD, alignment=TA_CENTER
        )
        self.letterhead = ParagraphStyle(
            "kop", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=13, alignment=TA_CENTER
        )
        self.title = ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, alignment=TA_CENTER
        )
        self.center = ParagraphStyle("center", parent=base, alignment=TA_CENTER)
        self.section = ParagraphStyle(
            "section",
            parent=base,
            fontName=FONT_BOLD,
            bulletFontName=FONT_BOLD,
            leftIndent=0.9 * cm,
            bulletIndent=0,
            spaceBefore=9,
            spaceAfter=3,
            alignment=TA_LEFT,
            keepWithNext=1,
        )
        self.item = ParagraphStyle(
            "item", parent=base, leftIndent=1.6 * cm, bulletIndent=0.9 * cm, spaceAfter=2
        )
        self.item_head = ParagraphStyle("item_head", parent=self.item, keepWithNext=1)
        self.subitem = ParagraphStyle(
            "subitem", parent=base, leftIndent=2.2 * cm, bulletIndent=1.6 * cm, spaceAfter=1
        )
        self.para = ParagraphStyle("para", parent=base, leftIndent=0.9 * cm, spaceAfter=2)
        self.sign = ParagraphStyle("sign", parent=base, alignment=TA_CENTER, leading=13.5)
        self.sign_name = ParagraphStyle("sign_name", parent=self.sign, fontName=FONT_BOLD)
        self.caption = ParagraphStyle(
            "caption", parent=base, fontSize=9, leading=11, alignment=TA_CENTER
        )


_styles: Styles | None = None


def styles() -> Styles:
    global _styles
    if _styles is None:
        _styles = Styles()
    return _styles


# --- building blocks ------------------------------------------------------------------------


def _table_style(commands: list) -> TableStyle:
    """A table style whose cells default to the embedded font (reportlab's default is an
    unembedded Helvetica, named in the file even for a cell that only holds a paragraph)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def letterhead(lines: tuple[str, ...], logo_png: bytes | None = None) -> Flowable:
    """The kop surat: capitals, top left, lines centred on each other, a rule underneath;
    the post's logo, when it has one, centred above them."""
    st = styles()
    width = (
        max(pdfmetrics.stringWidth(x, FONT_BOLD, st.letterhead.fontSize) for x in lines) + 0.6 * cm
    )
    rows = [[Paragraph(esc(x), st.letterhead)] for x in lines]
    if logo_png:
        rows.insert(0, [_signature_image(logo_png, width, 1.6 * cm)])
    table = Table(rows, colWidths=[width], hAlign="LEFT")
    table.setStyle(
        _table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    return table


def title_block(
    title: str, number: str, security_class: str, extra: list[str] | None = None
) -> list[Flowable]:
    st = styles()
    out: list[Flowable] = [
        Spacer(1, 0.5 * cm),
        Paragraph(f"<u>{esc(title)}</u>", st.title),
    ]
    if number:  # a copy has none: only the signed report carries one
        out.append(Paragraph(f"Nomor: {esc(number)}", st.center))
    if security_class and security_class != "Biasa":
        out.append(Paragraph(f"Klasifikasi: <b>{esc(security_class.upper())}</b>", st.center))
    for line in extra or ():
        out.append(Paragraph(line, st.center))
    out.append(Spacer(1, 0.35 * cm))
    return out


def section(roman: str, heading: str) -> Paragraph:
    return Paragraph(esc(heading.upper()), styles().section, bulletText=f"{roman}.")


def item(label: str, text: str | None, bullet: str) -> Paragraph:
    """A numbered point: ``1. Label: text`` with a hanging indent. ``text=None``: a heading
    for what follows (sub-points or a table), kept on the same page as it."""
    if text is None:
        return Paragraph(f"{esc(label)}:", styles().item_head, bulletText=bullet)
    body = (
        f"{esc(label)}: {esc(text) if text.strip() else '-'}"
        if label
        else (esc(text) if text.strip() else "-")
    )
    return Paragraph(body, styles().item, bulletText=bullet)


def subitem(text: str, bullet: str) -> Paragraph:
    return Paragraph(esc(text) or "-", styles().subitem, bulletText=bullet)


def para(text: str) -> Paragraph:
    return Paragraph(esc(text) if (text or "").strip() else "-", styles().para)


def grid(
    header: list[str], rows: list[list[str]], widths: list[float], *, indent: float = 0.9 * cm
) -> Flowable:
    """A ruled table (attendees, follow-ups); long lists continue on the next page with the
    header."""
    st = styles()
    data = [[Paragraph(esc(h), st.cell_head) for h in header]]
    data += [[Paragraph(esc(str(v)), st.cell) for v in row] for row in rows]
    scale = (TEXT_W - indent) / sum(widths)
    table = Table(
        data, colWidths=[w * scale for w in widths], repeatRows=1, hAlign="RIGHT", splitInRow=1
    )
    table.setStyle(
        _table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


@dataclass(frozen=True)
class Signatory:
    """One signature block: position, (signature), NAME in capitals, RANK NRP 12345678."""

    position: str
    name: str
    rank_and_nrp: str
    signature_png: bytes | None = None
    heading: str = "Yang melaporkan,"


class SignatureSlot(Flowable):
    """Empty room where the signature stamp goes; remembers where it was drawn."""

    def __init__(self, width: float, height: float):
        super().__init__()
        self.width, self.height = width, height
        self.page: int | None = None
        self.box: tuple[float, float, float, float] | None = None

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        x, y = self.canv.absolutePosition(0, 0)
        self.page = self.canv.getPageNumber()
        self.box = (x, y, x + self.width, y + self.height)


def _signature_image(png: bytes | None, max_w: float, max_h: float) -> Flowable:
    if not png:
        return Spacer(1, max_h)
    with PILImage.open(io.BytesIO(png)) as im:
        w, h = im.size
    scale = min(max_w / w, max_h / h)
    return Image(io.BytesIO(png), width=w * scale, height=h * scale)


def signature_blocks(
    place_date: str, reporter: Signatory, commander: Signatory | None, slot: SignatureSlot | None
) -> list[Flowable]:
    """Place and date, the reporter at the right, "Mengetahui" (the commander) at the left.

    Returned as a list for the caller's KeepTogether (a KeepTogether nested in another
    measures as infinitely tall and always moves to a new page)."""
    st = styles()
    col = TEXT_W / 2
    right: list[Flowable] = [
        Paragraph(esc(place_date), st.sign),
        Paragraph(esc(reporter.heading), st.sign),
        Paragraph(esc(reporter.position.upper()), st.sign),
        _signature_image(reporter.signature_png, col - 2 * cm, 1.7 * cm),
        Paragraph(f"<u>{esc(reporter.name.upper())}</u>", st.sign_name),
        Paragraph(esc(reporter.rank_and_nrp), st.sign),
    ]
    if slot is not None:
        right += [Spacer(1, 0.15 * cm), slot]
    left: list[Flowable] = []
    if commander is not None:
        left = [
            Spacer(1, st.sign.leading),
            Paragraph("Mengetahui,", st.sign),
            Paragraph(esc(commander.position.upper()), st.sign),
            Spacer(1, 1.7 * cm),  # the commander signs the paper copy
            Paragraph(
                f"<u>{esc(commander.name.upper())}</u>"
                if commander.name
                else "(....................................)",
                st.sign_name,
            ),
            Paragraph(esc(commander.rank_and_nrp), st.sign),
        ]
    table = Table([[left, right]], colWidths=[col, col])
    table.setStyle(
        _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [Spacer(1, 0.6 * cm), table]


# --- photos ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoItem:
    path: Path
    caption: str
    taken_at: datetime | None
    place: str
    activity_time: bool = False  # taken_at is the activity's time: the photo carries none


def _fit(path: Path, max_w: float, max_h: float) -> tuple[float, float]:
    """The printed size (points) of the photo fitted into the box; reads only the header."""
    with PILImage.open(sealed.reader(path)) as im:
        w, h = im.size
        if im.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # taken on its side: printed upright
            w, h = h, w
    scale = min(max_w / w, max_h / h)
    return w * scale, h * scale


def print_jpeg(path: Path, width: float, height: float, dpi: int = PRINT_DPI) -> bytes:
    """The photo cut down to its printed size (``width`` x ``height`` points) at ``dpi``;
    transparent parts print on white paper, not black."""
    target = (max(1, round(width * dpi / 72)), max(1, round(height * dpi / 72)))
    with PILImage.open(sealed.reader(path)) as im:
        im.draft("RGB", target)  # JPEG: decode at 1/2, 1/4 or 1/8 size directly
        im = on_white(ImageOps.exif_transpose(im))
        if im.size[0] > target[0] or im.size[1] > target[1]:
            im = im.resize(target, PILImage.Resampling.BILINEAR, reducing_gap=2.0)
        out = io.BytesIO()
        im.save(out, "JPEG", quality=PHOTO_QUALITY, optimize=False)
    return out.getvalue()


class PhotoDamaged(OkudeskError):
    """A photo in the data folder cannot be read: the report names it instead of failing."""


def _damaged(photo: PhotoItem, record: str, exc: BaseException) -> PhotoDamaged:
    return PhotoDamaged(
        _(
            'Foto "{caption}" ({file}) pada {record} rusak atau tidak dapat dibaca ({reason}); '
            "hapus foto itu dari data lalu tambahkan lagi",
            caption=photo.caption or "Dokumentasi",
            file=photo.path.name,
            record=record or "-",
            reason=getattr(exc, "strerror", None) or exc,
        )
    )


# What Pillow raises for a missing, truncated or garbled picture
_PHOTO_ERRORS = (OSError, ValueError, SyntaxError, PILImage.DecompressionBombError)


_pool: ThreadPoolExecutor | None = None


def _photo_pool() -> ThreadPoolExecutor:
    """Pillow lets go of the GIL while it decodes, scales and encodes: photos are prepared
    on two threads while the text pages are laid out."""
    global _pool
    with _fonts_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="okudesk-photo")
    return _pool


class _JpegReader(ImageReader):
    """JPEG bytes that reportlab copies into the PDF as they are. reportlab names each
    image by a digest of its decoded pixels (decoding every photo once more just for a
    name); the hash of the JPEG bytes names it as well."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._key = hashlib.sha256(data).digest()
        self._dataA = None  # no transparency

    def getRGBData(self):
        return self._key


class PrintedPhoto(Flowable):
    """A photo whose print-size JPEG is being made on another thread until it is drawn."""

    def __init__(self, data: Future, width: float, height: float, photo: PhotoItem, record: str):
        super().__init__()
        self.data, self.width, self.height = data, width, height
        self.photo, self.record = photo, record

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self):
        try:
            jpeg = self.data.result()
        except _PHOTO_ERRORS as exc:
            raise _damaged(self.photo, self.record, exc) from exc
        self.canv.drawImage(_JpegReader(jpeg), 0, 0, self.width, self.height)


def photo_pages(
    photos: list[PhotoItem], heading: str, per_page: int = 4, *, record: str = ""
) -> list[Flowable]:
    """Photo documentation: 2 to 4 photos a page, each with caption, time and place.
    ``record`` (its number) names the record in the message about a damaged photo."""
    if not photos:
        return []
    st = styles()
    cell_w, img_h = TEXT_W / 2 - 0.4 * cm, 7.2 * cm if per_page > 2 else 9.5 * cm
    pool = _photo_pool()
    sizes = []
    for p in photos:
        try:
            sizes.append(_fit(p.path, cell_w - 0.3 * cm, img_h))
        except _PHOTO_ERRORS as exc:
            raise _damaged(p, record, exc) from exc
    prints = [
        (pool.submit(print_jpeg, p.path, w, h), w, h)
        for p, (w, h) in zip(photos, sizes, strict=True)
    ]
    out: list[Flowable] = [PageBreak()]
    for start in range(0, len(photos), per_page):
        chunk = photos[start : start + per_page]
        if start:
            out.append(PageBreak())
        out += [Paragraph(f"<u>{esc(heading)}</u>", st.title), Spacer(1, 0.4 * cm)]
        cells = []
        for p, (data, w, h) in zip(chunk, prints[start : start + per_page], strict=True):
            when = (
                f"{day_date(p.taken_at)}, pukul {clock(p.taken_at)} WIB"
                + (" (waktu kegiatan)" if p.activity_time else "")
                if p.taken_at
                else "waktu tidak tercatat"
            )
            cells.append(
                [
                    PrintedPhoto(data, w, h, p, record),
                    Paragraph(f"<b>{esc(p.caption) or 'Dokumentasi'}</b>", st.caption),
                    Paragraph(esc(f"{when}\n{p.place}".strip()), st.caption),
                ]
            )
        rows = [
            cells[i : i + 2] + [""] * (2 - len(cells[i : i + 2])) for i in range(0, len(cells), 2)
        ]
        table = Table(rows, colWidths=[TEXT_W / 2, TEXT_W / 2])
        table.setStyle(
            _table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
                ]
            )
        )
        out.append(table)
    return out


# --- the QR code and the page furniture -----------------------------------------------------


class QrCode(Flowable):
    """A QR code drawn as filled runs of modules.

    reportlab's QrCodeWidget tries all eight mask patterns and encodes twice (once to
    measure); that alone took longer than the rest of a report. Any mask is valid QR;
    we take one and draw the matrix directly.
    """

    MASK = 2

    def __init__(self, payload: str, size: float):
        super().__init__()
        from reportlab.graphics.barcode import qrencoder

        qr = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
        qr.addData(payload)
        qr.version = qr.calculate_version()
        qr.makeImpl(False, self.MASK)
        self.modules = [list(row) for row in qr.modules]
        self.size = size

    def wrap(self, avail_width, avail_height):
        return self.size, self.size

    def draw(self):
        count = len(self.modules)
        module = self.size / (count + 8)  # four modules of quiet zone on each side
        c = self.canv
        c.saveState()
        c.setFillColor(colors.black)
        for r, row in enumerate(self.modules):
            y = self.size - (r + 5) * module
            col = 0
            while col < count:
                if row[col]:
                    start = col
                    while col < count and row[col]:
                        col += 1
                    c.rect(
                        (start + 4) * module, y, (col - start) * module, module, stroke=0, fill=1
                    )
                else:
                    col += 1
        c.restoreState()


def qr_block(payload: str, text: str) -> list[Flowable]:
    """The QR box, as a list for the signature block's KeepTogether: it is printed right
    under the signatures, never alone on a page of its own."""
    size = 3.0 * cm
    table = Table(
        [[QrCode(payload, size), Paragraph(text, styles().small)]],
        colWidths=[size + 0.2 * cm, TEXT_W - size - 0.2 * cm],
    )
    table.setStyle(
        _table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("BOX", (0, 0), (-1, -1), 0.4, colors.grey),
            ]
        )
    )
    return [Spacer(1, 0.4 * cm), table]


@dataclass(frozen=True)
class Furniture:
    """What every page carries besides its content."""

    document_id: str
    verification_code: str
    security_class: str = "Biasa"
    draft: bool = False
    title: str = ""
    paper: str = "A4"
    copy: bool = False  # HQ's copy of a post's record: SALINAN across each page, not DRAFT


def _furnished_canvas(furniture: Furniture) -> type[rl_canvas.Canvas]:
    class FurnishedCanvas(rl_canvas.Canvas):
        """Holds pages back until the end, so each can say "Halaman x dari y"."""

        def __init__(self, *args, **kwargs):
            # reportlab starts each page in Helvetica, which would be named (unembedded)
            kwargs["initialFontName"] = FONT
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _draw_furniture(self, furniture, number, total)
                super().showPage()
            super().save()

    return FurnishedCanvas


def _draw_furniture(c: rl_canvas.Canvas, f: Furniture, page: int, total: int) -> None:
    page_w, page_h = page_size(f.paper)
    c.saveState()
    c.setFont(FONT, 7.5)
    c.setFillColor(colors.Color(0.25, 0.25, 0.25))
    y = FOOTER_Y
    c.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
    c.setLineWidth(0.4)
    c.line(MARGIN_LEFT, y + 9, page_w - MARGIN_RIGHT, y + 9)
    if f.copy:
        left = "SALINAN - bukan laporan resmi: tanpa nomor dan tanda tangan"
    elif f.draft:
        left = "DRAFT - belum ditandatangani, tidak berlaku sebagai laporan"
    else:
        left = f"ID dokumen {f.document_id}  |  Kode verifikasi {f.verification_code}"
    c.drawString(MARGIN_LEFT, y, left)
    c.drawRightString(page_w - MARGIN_RIGHT, y, f"Halaman {page} dari {total}")
    if f.security_class and f.security_class != "Biasa":
        c.setFont(FONT_BOLD, 10)
        c.setFillColor(colors.black)
        label = f.security_class.upper()
        c.drawCentredString(page_w / 2, page_h - 1.0 * cm, label)
        c.drawCentredString(page_w / 2, y - 14, label)  # baseline 12 mm up: descenders >= 10 mm
    if f.draft or f.copy:
        c.setFont(FONT_BOLD, 100 if not f.copy else 80)
        c.setFillColor(colors.Color(0.8, 0.1, 0.1, alpha=0.18))
        c.translate(page_w / 2, page_h / 2)
        c.rotate(50)
        c.drawCentredString(0, -38, "SALINAN" if f.copy else "DRAFT")
    c.restoreState()


@dataclass
class Rendered:
    pdf: bytes
    pages: int
    slot_page: int | None = None  # 1-based
    slot_box: tuple[float, float, float, float] | None = None
    extra: dict = field(default_factory=dict)


def render(
    furniture: Furniture,
    story: list[Flowable],
    slot: SignatureSlot | None = None,
    *,
    author: str = "",
    subject: str = "",
    keywords: str = "",
) -> Rendered:
    ensure_fonts()
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=page_size(furniture.paper),
        leftMargin=MARGIN_LEFT,
        rightMargin=MARGIN_RIGHT,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=furniture.title,
        author=author,
        subject=subject,
        keywords=keywords,
        creator="okudesk",
        invariant=0,
    )
    pages = 0

    def count(canvas, _doc):
        nonlocal pages
        pages = canvas.getPageNumber()

    doc.build(
        list(story), onFirstPage=count, onLaterPages=count, canvasmaker=_furnished_canvas(furniture)
    )
    return Rendered(out.getvalue(), pages, slot.page if slot else None, slot.box if slot else None)
