"""Mail files into the store from the GUI: *File → Import mail…* and files dropped
onto the window (or onto a case, or its quick log, which files them there).

:func:`import_mail` reads the files (``.eml``, Outlook ``.msg``, ``mbox``), captures
them as one action (filed by the rules, the rest to the inbox) and, when a case is
named, files onto it what no rule filed; :func:`import_files` runs that for a view in
a worker thread behind a progress dialog with *Cancel* (a cancelled import rolls
back: all or nothing) and says in one sentence what happened. :class:`MailDropFilter`
keeps a text field from taking a dropped mail file as its path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QObject, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

from spocdesk.core.mail import inbox
from spocdesk.core.mail.capture import capture, size_cap
from spocdesk.core.mail.message import MailMessage
from spocdesk.core.mail.parse import iter_file
from spocdesk.core.model import MailState
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.ops import Ticket, run_op_in_background

SUFFIXES = (".eml", ".msg", ".mbox", ".mbx")
PROGRESS_EVERY = 25  # messages read between two progress reports
translate = QCoreApplication.translate


def is_mail_file(path: Path) -> bool:
    """A file whose name says it is mail (an mbox file is often named just ``mbox``)."""
    return path.suffix.lower() in SUFFIXES or path.name.lower() in ("mbox", "inbox", "sent")


def mail_paths(urls: Iterable[QUrl]) -> list[Path]:
    """The local mail files among dropped URLs."""
    paths = (Path(u.toLocalFile()) for u in urls if u.isLocalFile())
    return [p for p in paths if is_mail_file(p)]


def dropped_mail(mime: QMimeData | None) -> list[Path]:
    return mail_paths(mime.urls()) if mime is not None and mime.hasUrls() else []


@dataclass(frozen=True)
class ImportSummary:
    imported: int  # new messages
    filed: int  # filed by the rules, or onto the case the files were dropped on
    waiting: int  # in the inbox
    ignored: int  # their sender is always ignored
    duplicates: int  # imported before, skipped
    case_ref: str | None = None  # the case they were dropped on


def _read(paths: Sequence[Path], cap: int, ticket: Ticket | None) -> Iterator[MailMessage]:
    """The messages of ``paths``, one by one; a cancel raises before the next one (the
    capture reading them rolls back)."""
    for number, path in enumerate(paths):
        for count, message in enumerate(iter_file(path, cap=cap), start=1):
            if ticket is not None:
                ticket.check()
                if count == 1 or count % PROGRESS_EVERY == 0:
                    ticket.progress(number, len(paths), translate(
                        "MailImport", "{name}: %n e-mail(s) read", "", count).format(
                        name=path.name))
            yield message
    if ticket is not None:
        ticket.check()
        ticket.progress(len(paths), len(paths), translate("MailImport", "Saving…"))


def import_mail(store: Store, paths: Sequence[Path], *, case_ref: str | None = None,
                ticket: Ticket | None = None) -> Outcome[ImportSummary]:
    """Capture the messages of ``paths``; with ``case_ref``, file onto that case every
    new one the rules left in the inbox (one filed by a rule stays where it went).
    All or nothing: a file that cannot be read, or a cancel (``ticket``) while they
    are read, leaves the store as it was."""
    cap = size_cap(store)
    outcome = capture(store, _read(paths, cap, ticket), source="file")
    report, changes = outcome.value, outcome.changes
    states = [item.state for item in report.items]
    onto = 0
    if case_ref is not None:
        for item in report.items:
            if item.state == MailState.UNFILED.value:
                changes.merge(inbox.file_to_case(store, item.mail_id, case_ref).changes)
                onto += 1
    filed = states.count(MailState.FILED.value) + onto
    return Outcome(ImportSummary(
        imported=len(report.items), filed=filed,
        waiting=states.count(MailState.UNFILED.value) - onto,
        ignored=states.count(MailState.IGNORED.value), duplicates=report.duplicates,
        case_ref=case_ref), changes)


def summary_text(summary: ImportSummary) -> str:
    """One sentence: how many came in, where they went."""
    t = lambda text: translate("MailImport", text)  # noqa: E731
    if summary.imported == 0:
        if summary.duplicates:
            return t("Every e-mail in it was imported before.")
        return t("The file holds no e-mail.")
    parts = [translate("MailImport", "%n e-mail(s) imported", "", summary.imported)]
    if summary.case_ref and summary.filed:
        parts.append(translate("MailImport", "%n filed (on {ref} or by the rules)", "",
                               summary.filed).format(ref=summary.case_ref))
    elif summary.filed:
        parts.append(translate("MailImport", "%n filed on their cases", "", summary.filed))
    if summary.waiting:
        parts.append(translate("MailImport", "%n in the inbox", "", summary.waiting))
    if summary.ignored:
        parts.append(translate("MailImport", "%n ignored", "", summary.ignored))
    if summary.duplicates:
        parts.append(translate("MailImport", "%n imported before, skipped", "",
                               summary.duplicates))
    return t("{parts}.").format(parts=", ".join(parts))


def import_files(parent: QWidget, store: Store, bus: ChangeBus, paths: Sequence[Path], *,
                 case_ref: str | None = None) -> str | None:
    """Import for a view, off the GUI thread: the sentence to show, or ``None`` (a box
    said why not, or the user cancelled: nothing was imported)."""
    outcome = run_op_in_background(
        parent, bus, lambda ticket: import_mail(store, paths, case_ref=case_ref,
                                                ticket=ticket),
        translate("MailImport", "Mail not imported"),
        translate("MailImport", "Reading %n mail file(s)…", "", len(paths)))
    return summary_text(outcome.value) if outcome is not None else None


class MailDropFilter(QObject):
    """On a text field: a mail file dropped there goes to ``take`` (after the drop has
    ended) instead of its path into the text."""

    def __init__(self, take: Callable[[list[Path]], None], *fields: QWidget) -> None:
        super().__init__(fields[0] if fields else None)
        self.take = take
        for field in fields:
            field.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDragMoveEvent):
            if dropped_mail(event.mimeData()):
                event.acceptProposedAction()
                return True
            return False
        if isinstance(event, QDropEvent):
            paths = dropped_mail(event.mimeData())
            if not paths:
                return False
            event.acceptProposedAction()
            QTimer.singleShot(0, self, lambda: self.take(paths))  # not inside the drop
            return True
        return False


def ask_mail_files(parent: QWidget) -> list[Path]:
    """The file dialog of *File → Import mail…* (tests replace this function)."""
    chosen, _ = QFileDialog.getOpenFileNames(
        parent, translate("MailImport", "Import mail"), "",
        translate("MailImport", "E-mail (*.eml *.msg *.mbox *.mbx mbox);;All files (*)"))
    return [Path(p) for p in chosen]
