"""A moment typed as people say it ("Fri 10:00", "+3 working days", "morgen 9:00"),
with a menu of presets and a live preview of the moment it means ("→ Mon
07.12.2026 09:00"), or the one sentence saying why it is not a date.

The words are read by :mod:`spocdesk.core.spoken_dates` (English and German whatever
the interface language); working days follow the working-week setting. Empty means
the default: the next working day's opening."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QLocale, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.followups import recurrence
from spocdesk.core.preferences import get_settings
from spocdesk.core.spoken_dates import parse_when
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.core.working_time import WorkingWeek
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

# what the presets menu offers; each is also a text the field reads (in both languages)
PRESETS = (QT_TRANSLATE_NOOP("WhenEdit", "in 2 hours"),
           QT_TRANSLATE_NOOP("WhenEdit", "tomorrow 9:00"),
           QT_TRANSLATE_NOOP("WhenEdit", "+1 working day"),
           QT_TRANSLATE_NOOP("WhenEdit", "+3 working days"),
           QT_TRANSLATE_NOOP("WhenEdit", "Fri 10:00"),
           QT_TRANSLATE_NOOP("WhenEdit", "next week"))


# the button's own "▾" says it opens a menu; Qt's indicator would overlap the text
NO_ARROW = "QToolButton::menu-indicator { image: none; width: 0px; }"


def shown(moment: datetime) -> str:
    """"Mon 07.12.2026 09:00" in the locale's words and order, four-digit year."""
    locale = QLocale()
    qt = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    pattern = f"ddd {fmt.date_format()} {locale.timeFormat(QLocale.FormatType.ShortFormat)}"
    return locale.toString(qt, pattern)


def month_first() -> bool:
    """Whether the locale writes dates month first (12/11/2026 is 11 December)."""
    order = QLocale().dateFormat(QLocale.FormatType.ShortFormat).lstrip()
    return order[:1].upper() == "M"


class WhenEdit(QWidget):
    """A line edit, a presets button and a preview; :meth:`moment` is what it means."""

    changed = Signal()

    def __init__(self, bus: ChangeBus | None, parent: QWidget | None = None, *,
                 name: str = "when", now: Callable[[], datetime] | None = None,
                 show_problem: bool = True) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.show_problem = show_problem  # False: the owner shows problem() itself
        self.week = WorkingWeek(tz=recurrence.local_zone())
        self._now = now
        self.text = QLineEdit(self)
        self.text.setObjectName(name)
        self.text.setAccessibleName(self.tr("When"))
        self.text.setPlaceholderText(self.tr("e.g. Fri 10:00, +3 working days"))
        self.text.setToolTip(self.tr(
            "Type when, as you would say it: tomorrow 9:00, Fri 10:00, +3 working days, "
            "next week, in 2 hours, or a date such as 11.12.2026 10:00. Empty: the next "
            "working day."))
        self.text.setClearButtonEnabled(True)
        self.text.setMinimumWidth(self.text.fontMetrics().horizontalAdvance("Fri 10:00____"))
        self.presets = QToolButton(self)
        self.presets.setObjectName(f"{name}Presets")
        self.presets.setText("▾")
        self.presets.setAccessibleName(self.tr("Common moments"))
        self.presets.setToolTip(self.tr("Common moments"))
        self.presets.setStyleSheet(NO_ARROW)
        self.presets.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.presets)
        for words in PRESETS:
            action = menu.addAction(self.tr(words))
            action.triggered.connect(lambda _c=False, w=words: self.set_text(self.tr(w)))
        self.presets.setMenu(menu)
        self.preview = QLabel(self)
        self.preview.setObjectName(f"{name}Preview")
        self.preview.setAccessibleName(self.tr("The moment meant"))
        self.preview.setMinimumWidth(1)  # a narrow window clips it rather than widening
        # why the text is not a date: below, full width (an owner may place it elsewhere)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName(f"{name}Problem")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        row = QHBoxLayout()
        row.addWidget(self.text, 1)
        row.addWidget(self.presets)
        row.addWidget(self.preview)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.problem_label)
        self.text.textChanged.connect(self._update)
        if bus is not None:  # the working week may change while it is open
            bus.changed.connect(self._settings_changed)
        self._update()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self._read_week()
        self._update()

    def _read_week(self) -> None:
        zone = recurrence.local_zone()
        self.week = (get_settings(self.store).working_week(zone) if self.store is not None
                     else WorkingWeek(tz=zone))

    def _settings_changed(self, changes: ChangeSet) -> None:
        if "settings" in changes.kinds() and self.store is not None:
            self._read_week()
            self._update()

    def now(self) -> datetime:
        if self._now is not None:
            return self._now()
        return self.store.now() if self.store is not None else datetime.now(UTC)

    def set_text(self, text: str) -> None:
        self.text.setText(text)
        self.text.setFocus()

    def moment(self) -> datetime:
        """The moment the text means (the default when empty); raises SpocError."""
        typed = self.text.text().strip()
        if not typed:
            return self.week.default_due(self.now())
        return parse_when(typed, self.now(), self.week, month_first=month_first())

    def problem(self) -> str:
        try:
            self.moment()
        except SpocError as exc:
            return str(exc)
        return ""

    def refresh(self) -> None:
        """Show the preview again (``now`` moved on)."""
        self._update()

    def _update(self) -> None:
        try:
            moment = self.moment()
        except SpocError as exc:
            self.preview.setText(self.tr("→ ?"))
            self.problem_label.setText(str(exc))
            self.problem_label.setStyleSheet(fmt.colour_css(
                fmt.OVERDUE_COLOUR, self.palette().window().color()))
            self.problem_label.setVisible(self.show_problem)
        else:
            self.preview.setText(self.tr("→ {when}").format(when=shown(moment)))
            self.preview.setToolTip(self.preview.text())  # whole, where the row clips it
            self.problem_label.hide()
        self.changed.emit()
