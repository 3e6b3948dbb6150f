"""Before the unlock dialog shows: close every other window and forget what it held.

A lock can come while a modal dialog is open (the idle timer fires inside the
dialog's own event loop, or Ctrl+L is pressed in it). :func:`dismiss_windows`
closes popups and dialogs, innermost first, as the user's Escape would (a message
box answers with its escape button, so "Cancel", never "Yes"), empties every text
field, label, list and item model they hold, stops their timers, and schedules
them for deletion. Their ``exec()`` calls then return "rejected" once the unlock
dialog is done, and the code that opened them does nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QStringListModel, QTimer
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QTextEdit,
    QToolTip,
    QTreeWidget,
    QWidget,
)
from shiboken6 import Shiboken

MAX_ROUNDS = 50  # a dialog that refuses to close must not hang the lock
# widgets whose clear() forgets every text they show
TEXT_HOLDERS = (QLineEdit, QLabel, QTextEdit, QPlainTextEdit, QComboBox, QListWidget,
                QTableWidget, QTreeWidget)


def dismiss_windows(keep: Iterable[QWidget]) -> int:
    """Close and empty every window except ``keep``; returns how many were dismissed."""
    kept = set(keep)
    QToolTip.hideText()
    for _ in range(MAX_ROUNDS):
        popup = QApplication.activePopupWidget()
        if popup is None:
            break
        popup.close()
    dismissed: list[QWidget] = []
    for _ in range(MAX_ROUNDS):  # innermost modal first, so each exec() unwinds in order
        modal = QApplication.activeModalWidget()
        if modal is None or modal in kept or modal in dismissed:
            break
        _close(modal)
        dismissed.append(modal)
    for widget in QApplication.topLevelWidgets():
        if widget in kept or widget in dismissed or isinstance(widget, QMenu):
            continue
        if isinstance(widget, QDialog):
            _close(widget)
            dismissed.append(widget)
        elif widget.isVisible():
            widget.hide()
            dismissed.append(widget)
    for widget in dismissed:
        scrub(widget)
        if isinstance(widget, QDialog):
            widget.deleteLater()  # after its exec() has returned to the caller
    return len(dismissed)


def _close(widget: QWidget) -> None:
    if not widget.isVisible():
        return
    if isinstance(widget, QMessageBox):
        widget.close()  # answers with the escape button, like the Esc key
    if widget.isVisible() and isinstance(widget, QDialog):
        widget.done(QDialog.DialogCode.Rejected.value)
    if widget.isVisible():
        widget.hide()


def scrub(root: QWidget) -> None:
    """Empty every text and list below ``root`` and stop its timers."""
    root.setWindowTitle("")
    for obj in [root, *root.findChildren(QObject)]:
        if not Shiboken.isValid(obj):
            continue
        if isinstance(obj, TEXT_HOLDERS):
            obj.clear()
        elif isinstance(obj, QAbstractItemView):
            _drop_model(obj, root)
    for timer in root.findChildren(QTimer):
        timer.stop()


def _drop_model(view: QAbstractItemView, root: QWidget) -> None:
    """Empty the model a view shows. Qt's own models are emptied or left alone (a file
    dialog still needs its file system model); a model of ours that ``root`` owns is
    deleted now, as the closed dialog would delete it later."""
    model = view.model()
    if model is None or not Shiboken.isValid(model):
        return
    if isinstance(model, QStandardItemModel):
        model.clear()
    elif isinstance(model, QStringListModel):
        model.setStringList([])
    elif not type(model).__module__.startswith("PySide6") and _owned_by(model, root):
        view.setModel(None)
        Shiboken.delete(model)


def _owned_by(model: QAbstractItemModel, root: QWidget) -> bool:
    parent = model.parent()
    while parent is not None:
        if parent is root:
            return True
        parent = parent.parent()
    return False


class LockKey(QObject):
    """Ctrl+L (the lock action's shortcut) also works while a modal dialog is open,
    where the main window's shortcuts are blocked."""

    def __init__(self, action: QAction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.action = action
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        modal = QApplication.activeModalWidget()
        if modal is None or not Shiboken.isValid(self.action) or not self.action.isEnabled():
            return False
        # the first receiver of the key in the modal window: its QWindow, else a widget
        inside = watched is modal.windowHandle() or (
            isinstance(watched, QWidget) and watched.window() is modal)
        if not inside:
            return False
        pressed = QKeySequence(event.keyCombination())
        if any(pressed.matches(key) == QKeySequence.SequenceMatch.ExactMatch
               for key in self.action.shortcuts()):
            QTimer.singleShot(0, self.action.trigger)  # not inside the key event
            return True
        return False
