"""The handover briefing on paper: a PDF from Qt's own writer, and the print dialog.

The content comes from :mod:`spocdesk.core.handover.briefing` (no Qt there);
this module lays it out with ``QTextDocument`` and writes it with ``QPdfWriter``
(A4, 2 cm margins, page numbers at the foot of each page — ``QTextDocument``
adds them when it paginates a copy of itself for the printer). The PDF is not
encrypted: it is written private (0600) and the app says so where it is saved.

:func:`write_briefing_pdf` needs no window, only a ``QGuiApplication``; it makes
an offscreen one when there is none (the ``spocdesk export briefing`` command).
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import uuid
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)
from PySide6.QtWidgets import QWidget

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, render
from spocdesk.core.handover import briefing
from spocdesk.core.safe_write import fsync_dir as _fsync_dir
from spocdesk.core.store import Store

log = logging.getLogger(__name__)

MARGIN_MM = 20.0
TITLE = briefing.TITLE  # a core template: render(TITLE) is English on the command line
STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; font-size: 10pt; }
h1 { font-size: 18pt; }
h2 { font-size: 14pt; margin-top: 18px; }
h3 { font-size: 12pt; margin-top: 14px; }
th { background-color: #e8e8e8; text-align: left; }
"""

_app: QGuiApplication | None = None  # kept alive when this module had to make one


def ensure_gui_application() -> None:
    """Make an (offscreen, when no platform is chosen) QGuiApplication if none exists."""
    global _app
    if QGuiApplication.instance() is not None:
        return
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _app = QGuiApplication(sys.argv[:1])


def locale_words() -> briefing.Words:
    """Dates in the user's locale (four-digit years) and the app's words for values."""
    from PySide6.QtCore import QDate, QLocale, QTime

    from spocdesk.ui import format as fmt
    from spocdesk.ui.handover.model import severity_label

    locale = QLocale()
    day_format = fmt.date_format()

    def day(value: date) -> str:
        return locale.toString(QDate(value.year, value.month, value.day), day_format)

    def moment(value: datetime, has_time: bool) -> str:
        text = day(value.date())
        if has_time:
            text += " " + locale.toString(QTime(value.hour, value.minute),
                                          QLocale.FormatType.ShortFormat)
        return text

    return briefing.Words(day=day, moment=moment, status=fmt.status, priority=fmt.priority,
                          severity=severity_label)


def briefing_html(store: Store, absence_id: str) -> str:
    html = briefing.to_html(briefing.build_briefing(store, absence_id), words=locale_words())
    # tables across the full text width, so e-mail addresses are not broken up
    return html.replace("<table border='1'", "<table width='100%' border='1'")


def briefing_document(store: Store, absence_id: str) -> QTextDocument:
    """The briefing laid out as a rich-text document, ready to print."""
    document = QTextDocument()
    document.setDefaultStyleSheet(STYLE)
    document.setHtml(briefing_html(store, absence_id))
    document.setMetaInformation(QTextDocument.MetaInformation.DocumentTitle, render(TITLE))
    return document


def _page_layout() -> QPageLayout:
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


FOOT_MM = 10.0  # room for the page number below the text, inside the page margins


def paint_pages(document: QTextDocument, device: QPagedPaintDevice) -> int:
    """Lay the document out on ``device``'s pages and paint them; returns the page count.

    ``QTextDocument.print_`` draws every line that touches a page's clip rectangle, so
    the last line of a page was also drawn, invisibly, above the top edge of the next
    one (copy, search and screen readers found it twice). Here each page is clipped to
    its own text area, which no line of another page reaches, and the page number is
    drawn in the foot."""
    doc = document.clone()
    doc.documentLayout().setPaintDevice(device)
    dpi = device.logicalDpiY()  # a PDF writer's or printer's resolution
    body = device.pageLayout().paintRectPixels(dpi)
    width, height = float(body.width()), float(body.height())
    foot = FOOT_MM / 25.4 * dpi
    frame = doc.rootFrame().frameFormat()
    frame.setMargin(0)
    frame.setBottomMargin(foot)
    doc.rootFrame().setFrameFormat(frame)
    doc.setPageSize(QSizeF(width, height))
    for _round in range(12):  # each round measures a fresh layout; a few suffice
        if not _keep_paragraphs_together(doc, height):
            break
        doc.setPageSize(QSizeF(width, height + 1))  # lay everything out again from the top
        doc.setPageSize(QSizeF(width, height))
    pages = max(1, doc.pageCount())
    painter = QPainter(device)
    try:
        for index in range(pages):
            if index:
                device.newPage()
            top = index * height
            text_area = QRectF(0, top, width, height - foot)
            painter.save()
            painter.translate(0, -top)
            painter.setClipRect(text_area)
            context = QAbstractTextDocumentLayout.PaintContext()
            context.clip = text_area
            doc.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(doc.defaultFont())
            painter.drawText(QRectF(0, height - foot, width, foot),
                             int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                             str(index + 1))
    finally:
        painter.end()
    return pages


def _keep_paragraphs_together(doc: QTextDocument, page_height: float) -> bool:
    """Start a paragraph that would run across a page break on the next page, and
    split the others at the break.

    Qt draws a block that touches a page with all its lines and clips the rest
    away, so a paragraph split by a break put its lines into both pages' text (seen
    by copy, search and screen readers). A paragraph shorter than most of a page
    moves whole to the next page; a table cell's paragraph (a long table's row that
    wraps) and a paragraph taller than a page become two paragraphs where the page
    breaks, so each page draws only its own lines. Returns whether anything changed
    (the caller lays the document out again and asks once more)."""
    layout = doc.documentLayout()
    moved = False
    splits: list[int] = []  # document positions where a new paragraph is to start
    block = doc.begin()
    while block.isValid():  # one pass: moving a block only moves the ones after it
        rect = layout.blockBoundingRect(block)
        first = int(rect.top() // page_height)
        last = int((rect.bottom() - 1) // page_height)
        if first != last:
            cursor = QTextCursor(block)
            if rect.height() < page_height * 0.8 and cursor.currentTable() is None:
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                cursor.setBlockFormat(fmt)
                moved = True
            else:
                at = _first_line_on_next_page(block, rect.top(), page_height)
                if at is not None:
                    splits.append(at)
        block = block.next()
    if moved:  # the splits were measured before the moves took effect: measure again
        return True
    for position in reversed(splits):  # from the end: earlier positions stay valid
        cursor = QTextCursor(doc)
        cursor.setPosition(position)
        cursor.insertBlock()
    return bool(splits)


def _first_line_on_next_page(block: QTextBlock, top: float,
                             page_height: float) -> int | None:
    """The document position of the first line of ``block`` on a later page than its
    first line, or ``None`` (a single line, or Qt's layout of lines not yet known)."""
    text = block.layout()
    if text.lineCount() < 2:
        return None
    page = int((top + text.lineAt(0).y()) // page_height)
    for index in range(1, text.lineCount()):
        line = text.lineAt(index)
        if int((top + line.y()) // page_height) != page:
            return block.position() + line.textStart()
    return None


def render_briefing_pdf(store: Store, absence_id: str) -> bytes:
    """The briefing as PDF bytes, made in memory (nothing on disk yet)."""
    ensure_gui_application()
    document = briefing_document(store, absence_id)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(_page_layout())
    writer.setTitle(render(TITLE))
    writer.setCreator("spocdesk")
    writer.setResolution(300)
    paint_pages(document, writer)
    del writer  # the PDF is finished when the writer goes away
    buffer.close()
    return bytes(buffer.data().data())


def write_pdf_file(target: Path, data: bytes, not_written: str, failed: str) -> None:
    """Put a whole PDF at ``target`` safely: written private (0600) beside it, read
    back and compared, synced and only then renamed into place, so a write cut short
    leaves nothing behind and an existing file is never half overwritten.
    ``not_written`` and ``failed`` (with ``{reason}``) are the sentences for the user."""
    if not _complete(data):
        raise InvalidInput(not_written, target=target)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        _write_private(partial, data)
        if partial.read_bytes() != data:
            raise InvalidInput(not_written, target=target)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        raise InvalidInput(failed, target=target, reason=exc.strerror or exc) from exc
    finally:
        partial.unlink(missing_ok=True)


def _complete(data: bytes) -> bool:
    """A whole PDF: its header, and its end-of-file marker in the last bytes."""
    return data.startswith(b"%PDF-") and b"%%EOF" in data[-1024:]


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to a new file readable by its owner only (0600), all of it, and
    sync it; a short write (a full disk) raises ``OSError``."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                 0o600)
    try:
        view = memoryview(data)
        while view:
            done = os.write(fd, view)
            if done <= 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[done:]
        os.fsync(fd)
    finally:
        os.close(fd)


def write_briefing_pdf(store: Store, absence_id: str, path: str | os.PathLike[str]) -> Path:
    """Write the briefing of an absence to ``path`` as a PDF; returns the absolute path.

    The PDF is made in memory, checked whole, written to a hidden temporary file in
    the same folder (mode 0600: it is not encrypted and holds the cases), synced,
    read back and compared, and only then renamed into place. A write cut short (a
    full disk) is an error and leaves nothing behind; an existing file at ``path`` is
    replaced only by the rename, so it is never half overwritten."""
    target = Path(path).expanduser().absolute()
    if not target.parent.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The folder {folder} does not exist."), folder=target.parent)
    data = render_briefing_pdf(store, absence_id)
    not_written = QT_TRANSLATE_NOOP("spocdesk.core",
                                    "The briefing could not be written to {target}.")
    write_pdf_file(target, data, not_written, QT_TRANSLATE_NOOP(
        "spocdesk.core", "The briefing could not be written to {target} ({reason})."))
    log.info("wrote a handover briefing PDF")
    return target


def print_briefing(store: Store, absence_id: str, parent: QWidget | None = None) -> bool:
    """Show the print dialog and print the briefing; ``False`` when the user cancels."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    document = briefing_document(store, absence_id)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(_page_layout())
    printer.setDocName(render(TITLE))
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("Briefing", "Print the handover briefing"))
    if dialog.exec() != QPrintDialog.DialogCode.Accepted:
        return False
    paint_pages(document, printer)
    return True
