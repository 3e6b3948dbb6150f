"""Mail files into the store from the GUI: *File → Import mail…* and files dropped
onto the window (or onto a case, which files them there).

:func:`import_mail` reads the files (``.eml``, Outlook ``.msg``, ``mbox``), captures
them as one action (filed by the rules, the rest to the inbox) and, when a case is
named, files onto it what no rule filed; :func:`import_files` runs that for a view
and says in one sentence what happened.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QUrl
from PySide6.QtWidgets import QFileDialog, QWidget

from spocdesk.core.mail import inbox
from spocdesk.core.mail.capture import capture, size_cap
from spocdesk.core.mail.parse import iter_file
from spocdesk.core.model import MailState
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.ops import run_op

SUFFIXES = (".eml", ".msg", ".mbox", ".mbx")
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


def import_mail(store: Store, paths: Sequence[Path], *,
                case_ref: str | None = None) -> Outcome[ImportSummary]:
    """Capture the messages of ``paths``; with ``case_ref``, file onto that case every
    new one the rules left in the inbox (one filed by a rule stays where it went)."""
    cap = size_cap(store)
    messages = [m for path in paths for m in iter_file(path, cap=cap)]
    outcome = capture(store, messages, source="file")
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
    """Import for a view: the sentence to show, or ``None`` (a box said why not)."""
    outcome = run_op(parent, bus, lambda: import_mail(store, paths, case_ref=case_ref),
                     translate("MailImport", "Mail not imported"))
    return summary_text(outcome.value) if outcome is not None else None


def ask_mail_files(parent: QWidget) -> list[Path]:
    """The file dialog of *File → Import mail…* (tests replace this function)."""
    chosen, _ = QFileDialog.getOpenFileNames(
        parent, translate("MailImport", "Import mail"), "",
        translate("MailImport", "E-mail (*.eml *.msg *.mbox *.mbx mbox);;All files (*)"))
    return [Path(p) for p in chosen]
