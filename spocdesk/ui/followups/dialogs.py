"""Dialogs of the Follow-ups page: a new follow-up (with its repeat rule) and a
chosen snooze time. Each has an ``ask()`` class method, the one place tests replace."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.followups import recurrence
from spocdesk.core.followups.recurrence import DAY_NAMES, WEEKDAYS, Recurrence, to_utc
from spocdesk.core.followups.service import NewFollowUp, case_id_for_ref
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.cases.dialogs import StakeholderSearch
from spocdesk.ui.date_field import DateField
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.when_edit import WhenEdit

REPEATS = [  # (key, label)
    ("none", QT_TRANSLATE_NOOP("NewFollowUpDialog", "Does not repeat")),
    ("daily", QT_TRANSLATE_NOOP("NewFollowUpDialog", "Daily")),
    ("weekdays", QT_TRANSLATE_NOOP("NewFollowUpDialog", "Every weekday (Mon–Fri)")),
    ("weekly", QT_TRANSLATE_NOOP("NewFollowUpDialog", "Weekly on chosen days")),
    ("monthly_day", QT_TRANSLATE_NOOP("NewFollowUpDialog", "Monthly on a day")),
    ("monthly_nth", QT_TRANSLATE_NOOP("NewFollowUpDialog",
                                      "Monthly on a weekday (e.g. second Tuesday)")),
    ("yearly", QT_TRANSLATE_NOOP("NewFollowUpDialog", "Yearly")),
    ("custom", QT_TRANSLATE_NOOP("NewFollowUpDialog", "Custom rule (RRULE)")),
]
ORDINALS = [(1, QT_TRANSLATE_NOOP("NewFollowUpDialog", "first")),
            (2, QT_TRANSLATE_NOOP("NewFollowUpDialog", "second")),
            (3, QT_TRANSLATE_NOOP("NewFollowUpDialog", "third")),
            (4, QT_TRANSLATE_NOOP("NewFollowUpDialog", "fourth")),
            (-1, QT_TRANSLATE_NOOP("NewFollowUpDialog", "last"))]


@dataclass
class RepeatChoice:
    """What the repeat controls say, as plain values."""

    kind: str = "none"
    interval: int = 1
    weekdays: list[int] = field(default_factory=list)  # 0 = Monday
    monthday: int = 1
    nth: int = 1
    nth_weekday: int = 0
    count: int = 0  # 0 = no limit
    until: date | None = None
    custom: str = ""


def build_rule(choice: RepeatChoice) -> str:
    """The RRULE text for the controls ("" for no repeat); not yet checked."""
    if choice.kind == "none":
        return ""
    if choice.kind == "custom":
        return choice.custom.strip()
    parts: list[str] = []
    if choice.kind in ("daily", "weekdays", "weekly"):
        parts.append("FREQ=DAILY" if choice.kind == "daily" else "FREQ=WEEKLY")
    elif choice.kind in ("monthly_day", "monthly_nth"):
        parts.append("FREQ=MONTHLY")
    else:
        parts.append("FREQ=YEARLY")
    if choice.interval > 1:
        parts.append(f"INTERVAL={choice.interval}")
    if choice.count:
        parts.append(f"COUNT={choice.count}")
    elif choice.until is not None:
        parts.append(f"UNTIL={choice.until:%Y%m%d}")
    if choice.kind == "weekdays":
        parts.append("BYDAY=MO,TU,WE,TH,FR")
    elif choice.kind == "weekly" and choice.weekdays:
        parts.append("BYDAY=" + ",".join(WEEKDAYS[d] for d in sorted(set(choice.weekdays))))
    elif choice.kind == "monthly_day":
        parts.append(f"BYMONTHDAY={choice.monthday}")
    elif choice.kind == "monthly_nth":
        parts.append(f"BYDAY={choice.nth}{WEEKDAYS[choice.nth_weekday]}")
    return ";".join(parts)


def _named(widget: QWidget, name: str, accessible: str) -> None:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)


class NewFollowUpDialog(QDialog):
    """Title, due date (with or without a time), notes, case, stakeholder, repeat."""

    def __init__(self, store: Store, parent: QWidget | None = None, case_ref: str = "",
                 stakeholder_name: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("newFollowUpDialog")
        self.setWindowTitle(self.tr("New follow-up"))
        self.store = store
        self.tz = recurrence.local_zone()
        start = fmt.local(store.now())
        assert start is not None
        self.title = QLineEdit(self)
        _named(self.title, "followUpTitle", self.tr("Title"))
        self.title.setPlaceholderText(self.tr("What must happen, e.g. Call Greta back"))
        self.when = WhenEdit(None, self, name="dueWhen", show_problem=False)
        self.when.set_store(store)
        self.when.text.setAccessibleName(self.tr("When, typed"))
        self.has_due = QCheckBox(self.tr("&Due"), self)
        _named(self.has_due, "hasDue", self.tr("Has a due date"))
        self.has_due.setChecked(True)
        default = fmt.local(self.when.moment())  # the next working day's opening
        assert default is not None
        self.due_date = DateField(default.date(), self)
        _named(self.due_date, "dueDate", self.tr("Due date"))
        self.due_date.setCalendarPopup(True)
        self.has_time = QCheckBox(self.tr("at &time"), self)
        _named(self.has_time, "hasTime", self.tr("Due at a time of day"))
        self.has_time.setChecked(True)
        self.due_time = QTimeEdit(default.time(), self)
        _named(self.due_time, "dueTime", self.tr("Due time"))
        due_row = QHBoxLayout()
        due_widgets: list[QWidget] = [self.has_due, self.due_date, self.has_time, self.due_time]
        for widget in due_widgets:
            due_row.addWidget(widget)
        due_row.addStretch(1)
        self.case_ref = QLineEdit(case_ref, self)
        _named(self.case_ref, "caseRef", self.tr("Case reference"))
        self.case_ref.setPlaceholderText(self.tr("e.g. C-0042 (optional)"))
        self.stakeholder = StakeholderSearch(store, self)
        self.stakeholder.results.setMaximumHeight(90)
        if stakeholder_name:
            self.stakeholder.query.setText(stakeholder_name)
            self.stakeholder.run_search()
        self.notes = QPlainTextEdit(self)
        _named(self.notes, "followUpNotes", self.tr("Notes"))
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)

        self.repeat = QComboBox(self)
        _named(self.repeat, "repeat", self.tr("Repeat"))
        for key, label in REPEATS:
            self.repeat.addItem(self.tr(label), key)
        self.interval = QSpinBox(self)
        _named(self.interval, "interval", self.tr("Repeat every N"))
        self.interval.setRange(1, 999)
        self.interval.setPrefix(self.tr("every "))
        self.days: list[QCheckBox] = []
        days_row = QHBoxLayout()
        locale = QLocale()
        for number in range(len(DAY_NAMES)):  # 0 = Monday; Qt counts Monday as 1
            box = QCheckBox(locale.dayName(number + 1, QLocale.FormatType.ShortFormat), self)
            _named(box, f"day{WEEKDAYS[number]}", locale.dayName(number + 1))
            self.days.append(box)
            days_row.addWidget(box)
        days_row.addStretch(1)
        self.days_box = QWidget(self)
        self.days_box.setLayout(days_row)
        days_row.setContentsMargins(0, 0, 0, 0)
        self.monthday = QSpinBox(self)
        _named(self.monthday, "monthDay", self.tr("Day of the month"))
        self.monthday.setRange(1, 31)
        self.monthday.setPrefix(self.tr("day "))
        self.nth = QComboBox(self)
        _named(self.nth, "nth", self.tr("Which weekday of the month"))
        for value, label in ORDINALS:
            self.nth.addItem(self.tr(label), value)
        self.nth_weekday = QComboBox(self)
        _named(self.nth_weekday, "nthWeekday", self.tr("Weekday"))
        for number in range(len(DAY_NAMES)):
            self.nth_weekday.addItem(locale.dayName(number + 1), number)
        self.ends = QComboBox(self)
        _named(self.ends, "repeatEnds", self.tr("Repeat ends"))
        self.ends.addItem(self.tr("never"), "never")
        self.ends.addItem(self.tr("after a number of times"), "count")
        self.ends.addItem(self.tr("on a date"), "until")
        self.count = QSpinBox(self)
        _named(self.count, "repeatCount", self.tr("Number of times"))
        self.count.setRange(1, 9999)
        self.count.setValue(10)
        self.count.setSuffix(self.tr(" times"))
        self.until = DateField(start.date().addMonths(3), self)
        _named(self.until, "repeatUntil", self.tr("Repeat until"))
        self.until.setCalendarPopup(True)
        self.custom = QLineEdit(self)
        _named(self.custom, "customRule", self.tr("Custom repeat rule"))
        self.custom.setPlaceholderText("FREQ=MONTHLY;BYDAY=2TU")
        self.preview = QLabel(self)
        _named(self.preview, "repeatPreview", self.tr("Repeat summary"))
        self.preview.setWordWrap(True)

        rule_row = QHBoxLayout()
        rule_widgets: list[QWidget] = [self.repeat, self.interval, self.monthday, self.nth,
                                       self.nth_weekday]
        for widget in rule_widgets:
            rule_row.addWidget(widget)
        rule_row.addStretch(1)
        end_row = QHBoxLayout()
        end_widgets: list[QWidget] = [self.ends, self.count, self.until]
        for widget in end_widgets:
            end_row.addWidget(widget)
        end_row.addStretch(1)
        self.end_box = QWidget(self)
        self.end_box.setLayout(end_row)
        end_row.setContentsMargins(0, 0, 0, 0)

        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title)
        when_label = QLabel(self.tr("&When:"), self)
        when_label.setBuddy(self.when.text)
        form.addRow(when_label, self.when)
        form.addRow("", due_row)
        form.addRow(self.tr("&Case:"), self.case_ref)
        form.addRow(self.tr("&Stakeholder:"), self.stakeholder)
        form.addRow(self.tr("&Notes:"), self.notes)
        repeat_label = QLabel(self.tr("&Repeat:"), self)
        repeat_label.setBuddy(self.repeat)
        form.addRow(repeat_label, rule_row)
        form.addRow("", self.days_box)
        form.addRow("", self.custom)
        form.addRow(self.tr("Ends:"), self.end_box)
        form.addRow("", self.preview)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add follow-up"))
        ok.setObjectName("okButton")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.form = form
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        results = self.stakeholder.results
        results.setVisible(bool(stakeholder_name))
        self.stakeholder.query.textChanged.connect(lambda text: results.setVisible(bool(text)))

        for signal in (self.title.textChanged, self.has_due.toggled, self.has_time.toggled,
                       self.due_date.dateChanged, self.due_time.timeChanged,
                       self.repeat.currentIndexChanged, self.interval.valueChanged,
                       self.monthday.valueChanged, self.nth.currentIndexChanged,
                       self.nth_weekday.currentIndexChanged, self.ends.currentIndexChanged,
                       self.count.valueChanged, self.until.dateChanged,
                       self.custom.textChanged, self.case_ref.textChanged):
            signal.connect(self._update)
        for box in self.days:
            box.toggled.connect(self._update)
        self.when.changed.connect(self._typed_due)
        self.repeat.currentIndexChanged.connect(self._defaults_for_repeat)
        self._update()
        self.resize(580, self.sizeHint().height())

    # -- reading the controls ---------------------------------------------

    def _typed_due(self) -> None:
        """Typed words set the date and time editors below them (which stay editable)."""
        if self.when.text.text().strip() and not self.when.problem():
            local = fmt.local(self.when.moment())
            assert local is not None
            for widget in (self.has_due, self.has_time):
                widget.setChecked(True)
            self.due_date.setDate(local.date())
            self.due_time.setTime(local.time())
        self._update()

    def due_local(self) -> datetime | None:
        if not self.has_due.isChecked():
            return None
        day = self.due_date.date().toPython()
        assert isinstance(day, date)
        at = self.due_time.time().toPython() if self.has_time.isChecked() else time()
        assert isinstance(at, time)
        return datetime.combine(day, at)

    def choice(self) -> RepeatChoice:
        ends = self.ends.currentData()
        until = self.until.date().toPython() if ends == "until" else None
        assert until is None or isinstance(until, date)
        return RepeatChoice(
            kind=str(self.repeat.currentData()), interval=self.interval.value(),
            weekdays=[n for n, box in enumerate(self.days) if box.isChecked()],
            monthday=self.monthday.value(), nth=int(self.nth.currentData()),
            nth_weekday=int(self.nth_weekday.currentData()),
            count=self.count.value() if ends == "count" else 0, until=until,
            custom=self.custom.text())

    def rule(self) -> str:
        return build_rule(self.choice())

    def _defaults_for_repeat(self) -> None:
        """Start the detail controls from the due date, as a calendar app does."""
        day = self.due_date.date().toPython()
        assert isinstance(day, date)
        local = self.due_local() or datetime.combine(day, time())
        kind = self.repeat.currentData()
        if kind == "weekly" and not any(box.isChecked() for box in self.days):
            self.days[local.weekday()].setChecked(True)
        elif kind == "monthly_day":
            self.monthday.setValue(local.day)
        elif kind == "monthly_nth":
            self.nth.setCurrentIndex(min(3, (local.day - 1) // 7))
            self.nth_weekday.setCurrentIndex(local.weekday())

    def _update(self) -> None:
        kind = self.repeat.currentData()
        repeats = kind != "none"
        self.due_date.setEnabled(self.has_due.isChecked())
        self.has_time.setEnabled(self.has_due.isChecked())
        self.due_time.setEnabled(self.has_due.isChecked() and self.has_time.isChecked())
        self.interval.setVisible(repeats and kind not in ("custom", "weekdays"))
        self.form.setRowVisible(self.days_box, kind == "weekly")
        self.form.setRowVisible(self.custom, kind == "custom")
        self.form.setRowVisible(self.end_box, repeats and kind != "custom")
        unit = {"daily": self.tr(" day(s)"), "weekly": self.tr(" week(s)"),
                "monthly_day": self.tr(" month(s)"), "monthly_nth": self.tr(" month(s)"),
                "yearly": self.tr(" year(s)")}.get(str(kind), "")
        self.interval.setSuffix(unit)
        self.monthday.setVisible(kind == "monthly_day")
        self.nth.setVisible(kind == "monthly_nth")
        self.nth_weekday.setVisible(kind == "monthly_nth")
        self.count.setVisible(self.ends.currentData() == "count")
        self.until.setVisible(self.ends.currentData() == "until")
        problem = self.problem()
        if problem:
            self.preview.setText(problem)
            self.preview.setStyleSheet(fmt.colour_css(fmt.OVERDUE_COLOUR,
                                                      self.palette().window().color()))
        else:
            self.preview.setText(self.describe())
            self.preview.setStyleSheet("")
        self.form.setRowVisible(self.preview, bool(self.preview.text()))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem and bool(self.title.text().strip()))

    def describe(self) -> str:
        rule = self.rule()
        local = self.due_local()
        if not rule or local is None:
            return ""
        series = Recurrence.build(rule, local, self.tz.key)
        return self.tr("Repeats {what}.").format(what=series.describe())

    def problem(self) -> str:
        """One sentence saying what is wrong with the input, or ""."""
        rule = self.rule()
        if self.when.text.text().strip() and (typed := self.when.problem()):
            return typed
        if self.repeat.currentData() == "weekly" and not any(b.isChecked() for b in self.days):
            return self.tr("Choose at least one day of the week.")
        if rule and self.due_local() is None:
            return self.tr("A repeating follow-up needs a due date for its first time.")
        if rule:
            try:
                Recurrence.build(rule, self.due_local() or datetime.now(), self.tz.key)
            except SpocError as exc:
                return str(exc)
        if self.case_ref.text().strip():
            try:
                self.case_id()
            except SpocError as exc:
                return str(exc)
        return ""

    def case_id(self) -> str | None:
        ref = self.case_ref.text().strip()
        if not ref:
            return None
        with self.store.session() as session:
            return case_id_for_ref(session, ref)

    def value(self) -> NewFollowUp:
        local = self.due_local()
        return NewFollowUp(
            title=self.title.text().strip(),
            due_at=to_utc(local, self.tz) if local is not None else None,
            case_id=self.case_id(), stakeholder_id=self.stakeholder.chosen_id(),
            notes=self.notes.toPlainText().strip(),
            due_has_time=self.has_time.isChecked(), rrule=self.rule(), tzid=self.tz.key)

    @classmethod
    def ask(cls, store: Store, parent: QWidget | None = None, case_ref: str = "",
            stakeholder_name: str = "") -> NewFollowUp | None:
        dialog = cls(store, parent, case_ref, stakeholder_name)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


class SnoozeDialog(QDialog):
    """Snooze until a chosen local date and time."""

    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("snoozeDialog")
        self.setWindowTitle(self.tr("Snooze until…"))
        start = fmt.local(now + timedelta(hours=2))
        assert start is not None
        start.setTime(QTime(start.time().hour(), 0))
        self.until = QDateTimeEdit(start, self)
        _named(self.until, "snoozeUntil", self.tr("Snooze until"))
        self.until.setCalendarPopup(True)
        self.until.setMinimumDateTime(QDateTime(QDate.currentDate(), QTime(0, 0)))
        # or typed as people say it ("in 2 hours", "Mon 9:00"), which sets the editor
        self.when = WhenEdit(None, self, name="snoozeWhen", now=lambda: now)
        self.when.text.setAccessibleName(self.tr("Snooze until, typed"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.when.changed.connect(self._typed)
        self.when.text.setText(self.tr("in 2 hours"))  # what the editor shows, in words
        self.when.text.selectAll()
        label = QLabel(self.tr("Show this follow-up again &at:"), self)
        label.setBuddy(self.when.text)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.when)
        layout.addWidget(self.until)
        layout.addWidget(self.buttons)

    def _typed(self) -> None:
        typed = bool(self.when.text.text().strip())
        problem = typed and bool(self.when.problem())
        if typed and not problem:
            moment = fmt.local(self.when.moment())
            assert moment is not None
            self.until.setDateTime(moment)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def value(self) -> datetime:
        moment = self.until.dateTime().toPython()
        assert isinstance(moment, datetime)
        return to_utc(moment.replace(tzinfo=None), recurrence.local_zone())

    @classmethod
    def ask(cls, now: datetime, parent: QWidget | None = None) -> datetime | None:
        dialog = cls(now, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None
