"""Settings: SLA targets, auto-lock, backups, tray behaviour, calendar file, language."""

from __future__ import annotations

import copy

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
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.services import preferences
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus

LANGUAGES = [("", "Follow the system"), ("en", "English"), ("de", "Deutsch")]


def _spin(parent: QWidget, name: str, low: int, high: int, value: int,
          suffix: str = "") -> QSpinBox:
    box = QSpinBox(parent)
    box.setObjectName(name)
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


def _path_row(parent: QWidget, edit: QLineEdit, folder: bool) -> QHBoxLayout:
    browse = QPushButton(parent.tr("Choose…"), parent)

    def choose() -> None:
        if folder:
            chosen = QFileDialog.getExistingDirectory(parent, parent.tr("Choose a folder"))
        else:
            chosen, _ = QFileDialog.getSaveFileName(parent, parent.tr("Calendar file"),
                                                    edit.text(), "iCalendar (*.ics)")
        if chosen:
            edit.setText(chosen)

    browse.clicked.connect(choose)
    row = QHBoxLayout()
    row.addWidget(edit, 1)
    row.addWidget(browse)
    return row


class SettingsDialog(QDialog):
    def __init__(self, value: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.original = value
        self.sla_fields: dict[str, tuple[QSpinBox, QSpinBox]] = {}

        sla_box = QGroupBox(self.tr("Service levels"), self)
        grid = QGridLayout(sla_box)
        grid.addWidget(QLabel(self.tr("First response within"), sla_box), 0, 1)
        grid.addWidget(QLabel(self.tr("Resolution within"), sla_box), 0, 2)
        for row, priority in enumerate(("urgent", "high", "normal", "low"), start=1):
            target = value.sla.get(priority, SlaTarget(24, 10))
            hours = _spin(sla_box, f"sla_{priority}_hours", 1, 24 * 90,
                          target.first_response_hours, self.tr(" h"))
            days = _spin(sla_box, f"sla_{priority}_days", 1, 3650, target.resolution_days,
                         self.tr(" d"))
            hours.setAccessibleName(self.tr("First response target for {p}").format(
                p=fmt.priority(priority)))
            days.setAccessibleName(self.tr("Resolution target for {p}").format(
                p=fmt.priority(priority)))
            grid.addWidget(QLabel(fmt.priority(priority), sla_box), row, 0)
            grid.addWidget(hours, row, 1)
            grid.addWidget(days, row, 2)
            self.sla_fields[priority] = (hours, days)
        self.at_risk = QDoubleSpinBox(sla_box)
        self.at_risk.setObjectName("slaAtRisk")
        self.at_risk.setAccessibleName(self.tr("At risk after this share of the time"))
        self.at_risk.setRange(5, 95)
        self.at_risk.setSuffix(" %")
        self.at_risk.setValue(value.sla_at_risk_fraction * 100)
        grid.addWidget(QLabel(self.tr("At risk once this much time is used:"), sla_box), 5, 0,
                       1, 2)
        grid.addWidget(self.at_risk, 5, 2)

        self.auto_lock = _spin(self, "autoLock", 0, 24 * 60, value.auto_lock_minutes,
                               self.tr(" min"))
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        self.keep_daily = _spin(self, "keepDaily", 1, 365, value.backup_keep_daily)
        self.keep_weekly = _spin(self, "keepWeekly", 0, 520, value.backup_keep_weekly)
        self.backup_dir = QLineEdit(value.backup_dir, self)
        self.backup_dir.setObjectName("backupDir")
        self.backup_dir.setPlaceholderText(self.tr("the data folder's backups/"))
        self.tray = QCheckBox(self.tr("Keep running in the system tray when the window closes"),
                              self)
        self.tray.setObjectName("keepInTray")
        self.tray.setChecked(value.keep_running_in_tray)
        self.calendar = QLineEdit(value.calendar_file, self)
        self.calendar.setObjectName("calendarFile")
        self.calendar.setPlaceholderText(self.tr("not written"))
        self.calendar_details = QCheckBox(self.tr("Include case details in the calendar"), self)
        self.calendar_details.setObjectName("calendarDetails")
        self.calendar_details.setChecked(value.calendar_include_details)
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(self.tr(name), code)
        self.language.setCurrentIndex(max(0, self.language.findData(value.language)))
        self.handover_days = _spin(self, "handoverDays", 1, 3650,
                                   value.handover_interaction_days, self.tr(" days"))
        form = QFormLayout()
        form.addRow(self.tr("Lock after idle:"), self.auto_lock)
        form.addRow(self.tr("Daily backups kept:"), self.keep_daily)
        form.addRow(self.tr("Weekly backups kept:"), self.keep_weekly)
        form.addRow(self.tr("Backup folder:"), _path_row(self, self.backup_dir, folder=True))
        form.addRow("", self.tray)
        form.addRow(self.tr("Calendar file:"), _path_row(self, self.calendar, folder=False))
        form.addRow("", self.calendar_details)
        form.addRow(self.tr("Handover packs carry:"), self.handover_days)
        form.addRow(self.tr("Language:"), self.language)
        for label_widget, name in ((self.auto_lock, "Lock after idle minutes"),
                                   (self.keep_daily, "Daily backups kept"),
                                   (self.keep_weekly, "Weekly backups kept"),
                                   (self.backup_dir, "Backup folder"),
                                   (self.calendar, "Calendar file"),
                                   (self.language, "Language"),
                                   (self.handover_days, "Days of interactions in a pack")):
            label_widget.setAccessibleName(self.tr(name))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(sla_box)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> Settings:
        result = copy.deepcopy(self.original)
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
        return result

    @classmethod
    def ask(cls, value: Settings, parent: QWidget | None = None) -> Settings | None:
        dialog = cls(value, parent)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


def edit_settings(store: Store, bus: ChangeBus, parent: QWidget | None = None) -> bool:
    """Show the dialog and save what the user chose; ``True`` when saved."""
    chosen = SettingsDialog.ask(preferences.get_settings(store), parent)
    if chosen is None:
        return False
    try:
        outcome = preferences.save_settings(store, chosen)
    except SpocError as exc:
        QMessageBox.warning(parent, parent.tr("Settings not saved") if parent else "", str(exc))
        return False
    bus.publish(outcome.changes)
    return True
