"""A signed PDF on paper through Qt alone: QtPdf rasterises each page at the printer's
resolution and QPainter draws it on a QPrinter. No PDF viewer, no ``lp``, no "printto":
a post's laptop prints the same whatever is (not) installed, and the print dialog's
"Print to File" writes a PDF because that is just another QPrinter output."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from okudesk.gui.i18n import tr

# A4 at 300 dpi is a 35 MB image; a 1200 dpi printer would need half a gigabyte per page
# for no visible gain on a typed report.
MAX_DPI = 300


class PdfError(Exception):
    """The PDF could not be read or the printer could not be started."""


def load(pdf: bytes, parent=None) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over ``pdf`` held in memory, and the buffer it reads.

    PDFium reads pages from the buffer when they are drawn, not at load: a page drawn after
    its buffer was deleted crashes the application. So the buffer is the document's child,
    deleted with it after the document has closed, whoever keeps or drops either wrapper
    (and whichever order a parent deletes its children in)."""
    document = QPdfDocument(parent)
    buffer = QBuffer(document)
    buffer.setData(QByteArray(pdf))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return document, buffer


def prepare(printer: QPrinter, pdf: bytes) -> None:
    """Give the printer the paper size and orientation of the report's first page, so the
    print dialog starts from them (the user may still change them)."""
    document, _buffer = load(pdf)
    if document.pageCount() < 1:
        return
    size = document.pagePointSize(0)
    printer.setPageSize(
        QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    )
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if size.width() > size.height()
        else QPageLayout.Orientation.Portrait
    )


def _pages(printer: QPrinter, count: int) -> list[int]:
    """The pages (0-based) the user chose in the print dialog: all, or a range."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return list(range(first - 1, last))
    return list(range(count))


def print_pdf(
    pdf: bytes, printer: QPrinter, progress: Callable[[int, int], None] | None = None
) -> int:
    """Draw ``pdf`` on ``printer`` page by page; returns the number of pages sent.

    Each page is rendered at the printer's resolution and scaled to the paper, keeping its
    proportions (the report has its own margins, so the whole sheet is used). Copies the
    printer cannot make itself are drawn again."""
    document, _buffer = load(pdf)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PdfError(tr("PDF tidak dapat dibaca ({why})").format(why=document.error().name))
    pages = _pages(printer, document.pageCount())
    if not pages:
        return 0
    printer.setFullPage(True)
    copies = 1
    if not printer.supportsMultipleCopies():
        copies, _ = max(1, printer.copyCount()), printer.setCopyCount(1)
    dpi = min(printer.resolution(), MAX_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise PdfError(tr("pencetak tidak dapat dimulai"))
    sent = 0
    try:
        options = QPdfDocumentRenderOptions()
        for copy in range(copies):
            for n, index in enumerate(pages):
                if sent:
                    printer.newPage()
                paper = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
                points = document.pagePointSize(index)
                scale = min(
                    paper.width() / max(1.0, points.width()),
                    paper.height() / max(1.0, points.height()),
                )
                target = QSizeF(points.width() * scale, points.height() * scale)
                # rendered at the printer's dots (up to MAX_DPI), never more than the sheet needs
                pixels = QSize(
                    max(1, min(round(points.width() / 72 * dpi), round(target.width()))),
                    max(1, min(round(points.height() / 72 * dpi), round(target.height()))),
                )
                image: QImage = document.render(index, pixels, options)
                if image.isNull():
                    raise PdfError(tr("halaman {page} tidak dapat digambar").format(page=index + 1))
                left = paper.left() + (paper.width() - target.width()) / 2
                top = paper.top() + (paper.height() - target.height()) / 2
                painter.drawImage(QRectF(left, top, target.width(), target.height()), image)
                sent += 1
                if progress is not None:
                    progress(copy * len(pages) + n + 1, copies * len(pages))
    finally:
        painter.end()
    return sent
