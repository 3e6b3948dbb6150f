"""Settings: SLA targets, the working week, auto-lock, backups, tray behaviour, calendar
file, language (the *General* tab); mail accounts and how mail is read (the *Mail*
tab, :mod:`spocdesk.ui.mail.accounts_part`).

Everything is kept encrypted in the store (:mod:`spocdesk.core.settings`); the
language is also mirrored into QSettings, because it must be known before the
store is unlocked (:mod:`spocdesk.ui.i18n`)."""

from __future__ import annotations

import copy
import itertools

from PySide6.QtCore import QCoreApplication, QLocale, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSystemTrayIcon,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core import preferences
from spocdesk.core.mail.accounts import SessionPasswords
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store
from spocdesk.core.working_time import parse_clock, parse_days
from spocdesk.ui import format as fmt
from spocdesk.ui import i18n
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.mail.accounts_part import MailPart
from spocdesk.ui.ops import run_op_in_background

PRIORITIES = ("urgent", "high", "normal", "low")


translate = QCoreApplication.translate


def _spin(parent: QWidget, name: str, low: int, high: int, value: int, suffix: str,
          accessible: str) -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setAccessibleName(accessible)
    box.setMaximumWidth(130)
    return box


def _path_row(parent: QWidget, edit: QLineEdit, folder: bool, name: str) -> QHBoxLayout:
    """A path field with its Choose… button (the button names what it chooses)."""
    browse = QPushButton(translate("SettingsDialog", "Choose…"), parent)
    browse.setObjectName(name)
    browse.setAccessibleName(translate("SettingsDialog", "Choose the backup folder") if folder
                             else translate("SettingsDialog", "Choose the calendar file"))

    def choose() -> None:
        if folder:
            chosen = QFileDialog.getExistingDirectory(
                parent, translate("SettingsDialog", "Choose a folder"), edit.text())
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                parent, translate("SettingsDialog", "Calendar file"), edit.text(),
                translate("SettingsDialog", "iCalendar files (*.ics)"))
        if chosen:
            edit.setText(chosen)

    browse.clicked.connect(choose)
    edit.setMinimumWidth(edit.fontMetrics().averageCharWidth() * 24)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


def _add_path_row(form: QFormLayout, text: str, row: QHBoxLayout, field: QWidget) -> None:
    """Add a row of several widgets (a path and its button, two times); its label names
    ``field`` (the row itself is a layout)."""
    form.addRow(text, row)
    label = form.labelForField(row)
    if isinstance(label, QLabel):
        label.setBuddy(field)


class SettingsDialog(QDialog):
    def __init__(self, value: Settings, parent: QWidget | None = None, *,
                 store: Store | None = None, bus: ChangeBus | None = None,
                 passwords: SessionPasswords | None = None) -> None:
        """``store`` and ``bus``: the mail accounts can be edited (each change is saved
        at once); ``passwords``: where a password no keyring keeps goes until a lock."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.original = value
        self.sla_fields: dict[str, tuple[QSpinBox, QSpinBox]] = {}

        # -- service levels
        sla_box = QGroupBox(self.tr("Service levels"), self)
        sla_box.setObjectName("slaGroup")
        grid = QGridLayout(sla_box)
        grid.addWidget(QLabel(self.tr("First response within"), sla_box), 0, 1)
        grid.addWidget(QLabel(self.tr("Resolution within"), sla_box), 0, 2)
        for row, priority in enumerate(PRIORITIES, start=1):
            target = value.sla.get(priority, SlaTarget(24, 10))
            name = fmt.priority(priority)
            hours = _spin(sla_box, f"sla_{priority}_hours", 1, 24 * 90,
                          target.first_response_hours, self.tr(" h"),
                          self.tr("First response target for {p}").format(p=name))
            days = _spin(sla_box, f"sla_{priority}_days", 1, 3650, target.resolution_days,
                         self.tr(" d"), self.tr("Resolution target for {p}").format(p=name))
            label = QLabel(name, sla_box)
            label.setBuddy(hours)
            grid.addWidget(label, row, 0)
            grid.addWidget(hours, row, 1)
            grid.addWidget(days, row, 2)
            self.sla_fields[priority] = (hours, days)
        self.at_risk = QDoubleSpinBox(sla_box)
        self.at_risk.setObjectName("slaAtRisk")
        self.at_risk.setAccessibleName(self.tr("At risk after this share of the time"))
        self.at_risk.setRange(5, 95)
        self.at_risk.setDecimals(0)
        self.at_risk.setSuffix(" %")
        self.at_risk.setValue(value.sla_at_risk_fraction * 100)
        self.at_risk.setMaximumWidth(130)
        grid.setColumnStretch(0, 1)
        at_risk_form = QFormLayout()
        at_risk_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        at_risk_form.addRow(self.tr("&At risk once this much time is used:"), self.at_risk)
        grid.addLayout(at_risk_form, 5, 0, 1, 3)
        self.business_hours = QCheckBox(self.tr("C&ount only working hours (the working "
                                                "week below)"), sla_box)
        self.business_hours.setObjectName("slaBusinessHours")
        self.business_hours.setToolTip(self.tr(
            "On: a 4-hour target set on Friday at 16:00 falls due on Monday at 12:00 "
            "(Mon–Fri 09:00–17:00), and a day of resolution is a working day. Off: the "
            "clocks run around the clock."))
        self.business_hours.setChecked(value.sla_business_hours)
        grid.addWidget(self.business_hours, 6, 0, 1, 3)

        week_box = self._working_week(value)

        # -- security
        lock_box = QGroupBox(self.tr("Security"), self)
        self.auto_lock = _spin(lock_box, "autoLock", 0, 24 * 60, value.auto_lock_minutes,
                               self.tr(" min"), self.tr("Lock after idle minutes"))
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        lock_form = QFormLayout(lock_box)
        lock_form.addRow(self.tr("&Lock after idle:"), self.auto_lock)

        # -- language
        language_box = QGroupBox(self.tr("Language"), self)
        self.language = QComboBox(language_box)
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Language"))
        # each language under its own name, so a user lost in the wrong one finds theirs
        for code, name in (("", self.tr("Follow the system")), ("en", "English"),
                           ("de", "Deutsch")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(value.language)))
        self.language_note = QLabel(self.tr("A new language takes effect the next time "
                                            "spocdesk starts."), language_box)
        self.language_note.setObjectName("languageNote")
        self.language_note.setWordWrap(True)
        language_form = QFormLayout(language_box)
        language_form.addRow(self.tr("La&nguage:"), self.language)
        language_form.addRow(self.language_note)

        # -- backups
        backup_box = QGroupBox(self.tr("Backups"), self)
        self.keep_daily = _spin(backup_box, "keepDaily", 1, 365, value.backup_keep_daily, "",
                                self.tr("Daily backups kept"))
        self.keep_weekly = _spin(backup_box, "keepWeekly", 0, 520, value.backup_keep_weekly,
                                 "", self.tr("Weekly backups kept"))
        self.backup_dir = QLineEdit(value.backup_dir, backup_box)
        self.backup_dir.setObjectName("backupDir")
        self.backup_dir.setAccessibleName(self.tr("Backup folder"))
        self.backup_dir.setPlaceholderText(self.tr("the data folder's backups/"))
        backup_form = QFormLayout(backup_box)
        backup_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        backup_form.addRow(self.tr("&Daily backups kept:"), self.keep_daily)
        backup_form.addRow(self.tr("&Weekly backups kept:"), self.keep_weekly)
        _add_path_row(backup_form, self.tr("&Folder:"),
                      _path_row(self, self.backup_dir, True, "chooseBackupDir"), self.backup_dir)

        # -- reminders, tray and calendar
        reminders_box = QGroupBox(self.tr("Reminders and calendar"), self)
        self.tray = QCheckBox(self.tr("&Keep running in the system tray when the window "
                                      "closes"), reminders_box)
        self.tray.setObjectName("keepInTray")
        self.tray.setChecked(value.keep_running_in_tray)
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.setToolTip(self.tr("This desktop shows no system tray: the window "
                                         "closes as usual."))
        self.calendar = QLineEdit(value.calendar_file, reminders_box)
        self.calendar.setObjectName("calendarFile")
        self.calendar.setAccessibleName(self.tr("Calendar file"))
        self.calendar.setPlaceholderText(self.tr("not written"))
        self.calendar.setToolTip(self.tr("An .ics file kept up to date with your follow-ups, "
                                         "for a calendar app to subscribe to"))
        self.calendar_details = QCheckBox(self.tr("Include case &details in the calendar"),
                                          reminders_box)
        self.calendar_details.setObjectName("calendarDetails")
        self.calendar_details.setChecked(value.calendar_include_details)
        reminders_form = QFormLayout(reminders_box)
        reminders_form.addRow(self.tray)
        _add_path_row(reminders_form, self.tr("&Calendar file:"),
                      _path_row(self, self.calendar, False, "chooseCalendarFile"), self.calendar)
        reminders_form.addRow(self.calendar_details)

        # -- handover
        handover_box = QGroupBox(self.tr("Handover"), self)
        self.handover_days = _spin(handover_box, "handoverDays", 1, 3650,
                                   value.handover_interaction_days, self.tr(" days"),
                                   self.tr("Days of interactions in a pack"))
        self.owner_name = QLineEdit(value.owner_name if value.owner_name != "owner" else "",
                                    handover_box)
        self.owner_name.setObjectName("ownerName")
        self.owner_name.setAccessibleName(self.tr("Your name"))
        self.owner_name.setPlaceholderText(self.tr("shown as the author of your entries"))
        handover_form = QFormLayout(handover_box)
        handover_form.addRow(self.tr("&Your name:"), self.owner_name)
        handover_form.addRow(self.tr("&Packs carry the last:"), self.handover_days)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        for box in (sla_box, lock_box, language_box):
            left.addWidget(box)
        left.addStretch(1)
        right = QVBoxLayout()
        for box in (week_box, backup_box, reminders_box, handover_box):
            right.addWidget(box)
        right.addStretch(1)
        general = QWidget(self)
        general.setObjectName("generalPart")
        columns = QHBoxLayout(general)
        columns.setContentsMargins(6, 6, 6, 6)  # inside the tab's frame: 800 pixels wide
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.mail = MailPart(value, self, store=store, bus=bus, passwords=passwords)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.addTab(general, self.tr("&General"))
        self.tabs.addTab(self.mail, self.tr("&Mail"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self._check_week()
        order = [*(w for pair in self.sla_fields.values() for w in pair), self.at_risk,
                 self.business_hours, self.auto_lock, self.language, *self.day_boxes,
                 self.work_start, self.work_end, self.keep_daily, self.keep_weekly,
                 self.backup_dir, self.tray, self.calendar, self.calendar_details,
                 self.owner_name, self.handover_days]
        for first, second in itertools.pairwise(order):
            if second is self.calendar:  # the folder's Choose… button comes in between
                continue
            QWidget.setTabOrder(first, second)

    def _working_week(self, value: Settings) -> QGroupBox:
        """Working days (one check box each, Monday first, named as the locale names
        them) and the daily hours: follow-up defaults and SLA clocks use them."""
        box = QGroupBox(self.tr("Working week"), self)
        box.setObjectName("workingWeekGroup")
        try:
            days = parse_days(value.working_days)
        except ValueError:
            days = parse_days(Settings().working_days)
        locale = QLocale()
        row = QHBoxLayout()
        row.setSpacing(4)
        self.day_boxes: list[QCheckBox] = []
        for day in range(7):
            check = QCheckBox(locale.dayName(day + 1, QLocale.FormatType.ShortFormat), box)
            check.setObjectName(f"workingDay{day + 1}")
            check.setAccessibleName(locale.dayName(day + 1, QLocale.FormatType.LongFormat))
            check.setChecked(day in days)
            check.toggled.connect(self._check_week)
            row.addWidget(check)
            self.day_boxes.append(check)
        row.addStretch(1)
        self.work_start = self._time_edit(box, "workingHoursStart", value.working_hours_start,
                                          "09:00", self.tr("Working hours start"))
        self.work_end = self._time_edit(box, "workingHoursEnd", value.working_hours_end,
                                        "17:00", self.tr("Working hours end"))
        hours = QHBoxLayout()
        hours.addWidget(self.work_start)
        hours.addWidget(QLabel("–", box))
        hours.addWidget(self.work_end)
        hours.addStretch(1)
        self.week_note = QLabel(box)
        self.week_note.setObjectName("workingWeekNote")
        self.week_note.setWordWrap(True)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(row)
        _add_path_row(form, self.tr("&Hours:"), hours, self.work_start)
        form.addRow(self.week_note)
        return box

    def _time_edit(self, parent: QWidget, name: str, text: str, default: str,
                   accessible: str) -> QTimeEdit:
        edit = QTimeEdit(parent)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setDisplayFormat(fmt.time_format())
        try:
            clock = parse_clock(text)
        except ValueError:
            clock = parse_clock(default)
        edit.setTime(QTime(clock.hour, clock.minute))
        edit.timeChanged.connect(self._check_week)
        return edit

    def week_problem(self) -> str:
        """Why the working week cannot be saved ("" when it can)."""
        if not any(box.isChecked() for box in self.day_boxes):
            return self.tr("Choose at least one working day.")
        if self.work_start.time() >= self.work_end.time():
            return self.tr("Working hours must start before they end.")
        return ""

    def _check_week(self) -> None:
        if not hasattr(self, "save_button"):
            return  # still building the dialog
        problem = self.week_problem()
        self.week_note.setText(problem)
        self.week_note.setVisible(bool(problem))
        self.save_button.setEnabled(not problem)

    def value(self) -> Settings:
        result = copy.deepcopy(self.original)
        result.sla_business_hours = self.business_hours.isChecked()
        days = "".join(str(day + 1) for day, box in enumerate(self.day_boxes) if box.isChecked())
        if days:  # none chosen cannot be saved (the Save button says so); keep the old
            result.working_days = days
        result.working_hours_start = self.work_start.time().toString("HH:mm")
        result.working_hours_end = self.work_end.time().toString("HH:mm")
        result.sla = {p: SlaTarget(h.value(), d.value()) for p, (h, d) in self.sla_fields.items()}
        result.sla_at_risk_fraction = round(self.at_risk.value() / 100, 4)
        result.auto_lock_minutes = self.auto_lock.value()
        result.backup_keep_daily = self.keep_daily.value()
        result.backup_keep_weekly = self.keep_weekly.value()
        result.backup_dir = self.backup_dir.text().strip()
        result.keep_running_in_tray = self.tray.isChecked()
        result.calendar_file = self.calendar.text().strip()
        result.calendar_include_details = self.calendar_details.isChecked()
        result.language = str(self.language.currentData())
        result.handover_interaction_days = self.handover_days.value()
        result.owner_name = self.owner_name.text().strip() or Settings().owner_name
        self.mail.apply(result)
        return result

    @classmethod
    def ask(cls, value: Settings, parent: QWidget | None = None, *,
            store: Store | None = None, bus: ChangeBus | None = None,
            passwords: SessionPasswords | None = None) -> Settings | None:
        dialog = cls(value, parent, store=store, bus=bus, passwords=passwords)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_settings(store: Store, bus: ChangeBus, parent: QWidget | None = None, *,
                  passwords: SessionPasswords | None = None) -> bool:
    """Show the dialog and save what the user chose; ``True`` when saved. A new working
    week or new SLA targets recompute every open case's SLA deadline, seconds on a large
    store: the save runs off the GUI thread, a progress dialog shows how far it got
    (no Cancel: the recompute is one transaction with the settings, all or nothing)."""
    chosen = SettingsDialog.ask(preferences.get_settings(store), parent, store=store, bus=bus,
                                passwords=passwords)
    if chosen is None:
        return False
    outcome = run_op_in_background(
        parent, bus, lambda ticket: preferences.save_settings(
            store, chosen, progress=lambda done, total: ticket.progress(done, total)),
        translate("SettingsDialog", "Settings not saved"),
        translate("SettingsDialog", "Updating the SLA deadlines of the open cases…"),
        cancellable=False)
    if outcome is None:
        return False
    i18n.remember_language(chosen.language)
    return True
