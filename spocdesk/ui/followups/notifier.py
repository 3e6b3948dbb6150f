"""Reminders while the app runs, without a polling loop.

One single-shot QTimer is armed for the next due moment (:func:`next_due_moment`)
and re-armed after every change-set touching follow-ups. When it fires, what fell
due is shown once (a system-tray message, or without a tray an in-window banner)
and marked notified. On unlock, what fell due while the app was closed is shown
once as "missed" — a series is one row, so it is shown once, not per occurrence.
The notifier also keeps the subscribed calendar file up to date (debounced) and
hides the window to the tray on close when the user asked for that.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSystemTrayIcon,
    QToolButton,
    QWidget,
)

from spocdesk.core import settings as settings_mod
from spocdesk.core.clock import Clock, SystemClock
from spocdesk.core.errors import SpocError
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.service import FollowUpRow
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.resources import icon

log = logging.getLogger(__name__)

MAX_WAIT = timedelta(hours=6)  # re-check at least this often (sleep, clock changes)
CALENDAR_DELAY_MS = 1500
SHOWN_TITLES = 3


class Banner(QFrame):
    """A closable strip for the top of the main window (used when there is no tray)."""

    open_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("followUpBanner")
        self.setAccessibleName(self.tr("Follow-up reminder"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._apply_palette()
        self.text = QLabel(self)
        self.text.setObjectName("followUpBannerText")
        self.text.setAccessibleName(self.tr("Reminder text"))
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.open_button = QPushButton(self.tr("&Show"), self)
        self.open_button.setObjectName("followUpBannerOpen")
        self.open_button.setAccessibleName(self.tr("Show the follow-up"))
        self.open_button.clicked.connect(self._open)
        self.close_button = QToolButton(self)
        self.close_button.setObjectName("followUpBannerClose")
        self.close_button.setAccessibleName(self.tr("Dismiss the reminder"))
        self.close_button.setToolTip(self.tr("Dismiss"))
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.dismiss)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.open_button)
        layout.addWidget(self.close_button)
        self.followup_id = ""
        self.hide()

    def _apply_palette(self) -> None:
        """Amber on a light palette, a dark amber on a dark one; text readable on both."""
        # the application's palette: our own style sheet colours this widget's palette
        dark = QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
        background, border, text = (("#4a3b00", "#8a6d00", "#fff1c2") if dark
                                    else ("#fff4ce", "#e0c060", "#3d3000"))
        sheet = (f"#followUpBanner {{ background: {background}; border: 1px solid {border}; "
                 f"border-radius: 4px; }} #followUpBanner QLabel {{ color: {text}; }}")
        if sheet != self.styleSheet():  # setting it again would loop through changeEvent
            self.setStyleSheet(sheet)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._apply_palette()

    def show_message(self, text: str, followup_id: str) -> None:
        self.text.setText(text)
        self.followup_id = followup_id
        self.show()

    def _open(self) -> None:
        if self.followup_id:
            self.open_clicked.emit(self.followup_id)
        self.dismiss()

    def dismiss(self) -> None:
        self.hide()
        self.text.clear()  # no follow-up title stays in a hidden widget
        self.followup_id = ""


class Notifier(QObject):
    """Arms one timer for the next due follow-up and shows what fell due."""

    open_followup = Signal(str)
    notified = Signal(str, list)  # "due" | "missed", the FollowUpRows shown
    show_window = Signal()  # the tray's "Show spocdesk"
    quit_requested = Signal()  # the tray's "Quit"

    def __init__(self, bus: ChangeBus, clock: Clock | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.bus = bus
        self.clock: Clock = clock or SystemClock()
        self.store: Store | None = None
        self.settings = settings_mod.Settings()
        self.armed_for: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)  # one timer; fire on the minute
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.check_due)
        self.calendar_timer = QTimer(self)
        self.calendar_timer.setSingleShot(True)
        self.calendar_timer.setInterval(CALENDAR_DELAY_MS)
        self.calendar_timer.timeout.connect(self.write_calendar)
        self.banner = Banner()
        self.banner.open_clicked.connect(self.open_followup.emit)
        self.tray: QSystemTrayIcon | None = None
        self._tray_followup = ""
        bus.changed.connect(self._on_changed)

    # -- store ------------------------------------------------------------

    def set_store(self, store: Store | None) -> None:
        """Call after unlock (shows what was missed, arms the timer) and with None on lock."""
        self.store = store
        if store is None:
            self.timer.stop()
            self.calendar_timer.stop()
            self.armed_for = None
            self.banner.dismiss()
            self._tray_followup = ""
            return
        self._load_settings()
        self.show_missed()
        self.arm()
        if self.settings.calendar_file:
            self.calendar_timer.start()

    def _load_settings(self) -> None:
        assert self.store is not None
        with self.store.session() as session:
            self.settings = settings_mod.load(session)
        if self.settings.keep_running_in_tray and self.tray_available():
            self._ensure_tray()

    def _on_changed(self, changes: ChangeSet) -> None:
        if self.store is None:
            return
        if "settings" in changes:
            self._load_settings()
        if "followup" in changes:
            self.arm()
        if self.settings.calendar_file and changes.kinds() & {"followup", "case", "settings",
                                                                 "stakeholder"}:
            self.calendar_timer.start()  # restarts: one write after a burst of changes

    # -- the timer --------------------------------------------------------

    def arm(self) -> None:
        """Arm the one timer for the next due moment (or stop it when nothing is due)."""
        self.timer.stop()
        self.armed_for = None
        if self.store is None:
            return
        now = self.clock.now()
        try:
            moment = followups.next_due_moment(self.store, now)
        except SpocError:
            log.exception("could not find the next due follow-up")
            return
        if moment is None:
            return
        self.armed_for = moment
        wait = min(max(moment - now, timedelta(0)), MAX_WAIT)
        self.timer.start(max(1, int(wait.total_seconds() * 1000)))

    def check_due(self) -> None:
        """The timer fired: show what is due now, then arm for the next one."""
        if self.store is None:
            return
        self._show(followups.due_between(self.store, None, self.clock.now()), "due")
        self.arm()

    def show_missed(self) -> None:
        """On unlock: what fell due while the app was closed, once."""
        if self.store is not None:
            self._show(followups.due_between(self.store, None, self.clock.now()), "missed")

    def _show(self, rows: list[FollowUpRow], how: str) -> None:
        if not rows or self.store is None:
            return
        try:
            outcome = followups.mark_notified(self.store, [row.id for row in rows])
        except SpocError:
            log.exception("could not mark follow-ups as shown")
            return
        title, text = self.message(rows, how)
        first = rows[0].id
        if self.tray_available():
            tray = self._ensure_tray()
            self._tray_followup = first
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15000)
        else:
            self.banner.show_message(f"<b>{title}</b> {text}", first)
        log.info("showed %d follow-ups as %s", len(rows), how)
        self.notified.emit(how, rows)
        self.bus.publish(outcome.changes)

    def message(self, rows: list[FollowUpRow], how: str) -> tuple[str, str]:
        n = len(rows)
        if how == "missed":
            title = self.tr("Missed while spocdesk was closed:")
        else:
            title = self.tr("%n follow-ups due:", "", n)
        names = []
        for row in rows[:SHOWN_TITLES]:
            label = row.title + (f" ({row.case_ref})" if row.case_ref else "")
            if row.due is not None and how == "missed":
                label += " · " + fmt.when(row.due, with_time=row.due_has_time
                                           or row.snoozed_until is not None)
            names.append(label)
        text = "; ".join(names)
        if n > SHOWN_TITLES:
            text += self.tr(" and {n} more").format(n=n - SHOWN_TITLES)
        return title, text

    # -- tray -------------------------------------------------------------

    @staticmethod
    def tray_available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable()

    def _ensure_tray(self) -> QSystemTrayIcon:
        if self.tray is None:
            self.tray = QSystemTrayIcon(icon("spocdesk"), self)
            self.tray.setObjectName("trayIcon")
            self.tray.setToolTip("spocdesk")
            menu = QMenu()
            show = QAction(self.tr("&Show spocdesk"), menu)
            show.triggered.connect(self.show_window.emit)
            quit_action = QAction(self.tr("&Quit"), menu)
            quit_action.triggered.connect(self.quit_requested.emit)
            menu.addAction(show)
            menu.addAction(quit_action)
            self._tray_menu = menu
            self.tray.setContextMenu(menu)
            self.tray.messageClicked.connect(self._tray_clicked)
            self.tray.activated.connect(self._tray_activated)
            self.tray.show()
        return self.tray

    def _tray_clicked(self) -> None:
        if self._tray_followup:
            self.open_followup.emit(self._tray_followup)

    def _tray_activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self.show_window.emit()

    def hide_to_tray(self, window: QWidget) -> bool:
        """For ``MainWindow.closeEvent``: True when the window was hidden to the tray
        (the caller then ignores the event); False when it should close as usual."""
        if self.store is None or not self.settings.keep_running_in_tray \
                or not self.tray_available():
            return False
        self._ensure_tray()
        window.hide()
        return True

    # -- calendar file ----------------------------------------------------

    def write_calendar(self) -> bool:
        """Re-write the subscribed .ics file, when one is set; True when written."""
        path = self.settings.calendar_file
        if self.store is None or not path:
            return False
        try:
            followups.export_followups(self.store, path,
                                       include_details=self.settings.calendar_include_details)
        except (SpocError, OSError) as exc:
            log.warning("calendar file not written: %s", type(exc).__name__)
            return False
        return True
