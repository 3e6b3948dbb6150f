"""The handover briefing on paper: a PDF from Qt's own writer, and the print dialog.

The content comes from :mod:`spocdesk.core.handover.briefing` (no Qt there);
this module lays it out with ``QTextDocument`` and writes it with ``QPdfWriter``
(A4, 2 cm margins, page numbers at the foot of each page — ``QTextDocument``
adds them when it paginates a copy of itself for the printer).

:func:`write_briefing_pdf` needs no window, only a ``QGuiApplication``; it makes
an offscreen one when there is none (the ``spocdesk export briefing`` command).
"""

from __future__ import annotations

import logging
import os
import sys
import uuid
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtWidgets import QWidget

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, render
from spocdesk.core.handover import briefing
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


def briefing_html(store: Store, absence_id: str) -> str:
    html = briefing.to_html(briefing.build_briefing(store, absence_id))
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


def write_briefing_pdf(store: Store, absence_id: str, path: str | os.PathLike[str]) -> Path:
    """Write the briefing of an absence to ``path`` as a PDF; returns the absolute path.

    The file is written beside the target and renamed into place when complete,
    so a failure never leaves half a PDF behind."""
    ensure_gui_application()
    target = Path(path).expanduser().absolute()
    if not target.parent.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The folder {folder} does not exist."), folder=target.parent)
    document = briefing_document(store, absence_id)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        writer = QPdfWriter(str(partial))
        writer.setPageLayout(_page_layout())
        writer.setTitle(render(TITLE))
        writer.setCreator("spocdesk")
        writer.setResolution(300)
        document.print_(writer)
        del writer  # the file is finished when the writer goes away
        if not partial.is_file() or partial.stat().st_size == 0:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The briefing could not be written to {target}."), target=target)
        os.replace(partial, target)
    except OSError as exc:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The briefing could not be written to {target} ({reason})."),
            target=target, reason=exc.strerror or exc) from exc
    finally:
        partial.unlink(missing_ok=True)
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
    document.print_(printer)
    return True
