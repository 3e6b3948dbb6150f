"""The deputy's side of the app: the banner that says whom they cover for, and
*Send back…*, which writes a finished, verified copy of the pack for the owner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from spocdesk.core.handover import pack as packmod
from spocdesk.core.store import Store
from spocdesk.ui.handover.dialogs import PACK_FILTER, file_filter, qdate


def banner_text(store: Store) -> str | None:
    """"Covering for ‹owner› until ‹date›" for a handover pack, else None."""
    found = packmod.cover(store)
    if found is None:
        return None
    until = (QLocale().toString(qdate(found.until), QLocale.FormatType.LongFormat)
             if found.until else "")
    if found.owner_name and until:
        return QCoreApplication.translate(
            "DeputyBanner", "Covering for {owner} until {date}. You are working in their "
            "handover pack; send it back with Handover → Send back…").format(
            owner=found.owner_name, date=until)
    if until:
        return QCoreApplication.translate(
            "DeputyBanner", "Covering for the owner of this handover pack until {date}. "
            "Send it back with Handover → Send back…").format(date=until)
    return QCoreApplication.translate(
        "DeputyBanner",
        "You are working in a handover pack. Send it back with Handover → Send back…")


class DeputyBanner(QLabel):
    """A strip at the top of the window while the deputy works in a pack."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setObjectName("deputyBanner")
        self.setAccessibleName(self.tr("Covering for someone"))
        self.setWordWrap(True)
        self.setStyleSheet("background: #fff4ce; color: #3b2f00; padding: 6px 10px;")


class SendBackChooser:
    """Where the finished copy goes (one place tests replace)."""

    @classmethod
    def ask(cls, parent: QWidget | None, default: Path) -> Path | None:
        # the native dialog asks before replacing an existing file: that is the consent
        chosen, _ = QFileDialog.getSaveFileName(
            parent, QCoreApplication.translate("DeputyBanner", "Send the handover pack back"),
            str(default),
            file_filter(PACK_FILTER))
        return Path(chosen) if chosen else None


def default_send_back_path(store: Store) -> Path:
    pack_file = store.location.store
    return Path.home() / f"{pack_file.stem}-back{pack_file.suffix or '.spocpack'}"
