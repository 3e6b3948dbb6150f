"""The Settings dialog: every setting is shown, edited, saved in the store, and
the language is mirrored for the next start."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from spocdesk.core import preferences
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store
from spocdesk.ui import i18n
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.settings_dialog import SettingsDialog, edit_settings


def custom() -> Settings:
    value = Settings()
    value.sla["urgent"] = SlaTarget(2, 1)
    value.sla_at_risk_fraction = 0.6
    value.auto_lock_minutes = 25
    value.backup_keep_daily = 9
    value.backup_keep_weekly = 6
    value.backup_dir = "/srv/backups"
    value.keep_running_in_tray = True
    value.calendar_file = "/home/me/spocdesk.ics"
    value.calendar_include_details = True
    value.handover_interaction_days = 45
    value.language = "de"
    return value


def test_the_dialog_shows_every_setting(qtbot) -> None:
    dialog = SettingsDialog(custom())
    qtbot.addWidget(dialog)
    assert dialog.sla_fields["urgent"][0].value() == 2
    assert dialog.sla_fields["urgent"][1].value() == 1
    assert dialog.at_risk.value() == 60
    assert dialog.auto_lock.value() == 25
    assert dialog.keep_daily.value() == 9
    assert dialog.keep_weekly.value() == 6
    assert dialog.backup_dir.text() == "/srv/backups"
    assert dialog.tray.isChecked()
    assert dialog.calendar.text() == "/home/me/spocdesk.ics"
    assert dialog.calendar_details.isChecked()
    assert dialog.handover_days.value() == 45
    assert dialog.language.currentData() == "de"
    assert [dialog.language.itemData(i) for i in range(dialog.language.count())] == \
        ["", "en", "de"]
    assert dialog.language.itemText(2) == "Deutsch"  # each language under its own name
    assert "next time" in dialog.findChild(QLabel, "languageNote").text()
    assert dialog.value() == custom()  # nothing changes by just looking


def test_every_change_comes_back_in_the_value(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    hours, days = dialog.sla_fields["low"]
    hours.setValue(96)
    days.setValue(40)
    dialog.at_risk.setValue(50)
    dialog.auto_lock.setValue(0)
    assert dialog.auto_lock.text() == "Never"
    dialog.keep_daily.setValue(3)
    dialog.keep_weekly.setValue(0)
    dialog.backup_dir.setText("  /mnt/usb  ")
    dialog.tray.setChecked(True)
    dialog.calendar.setText("/tmp/agenda.ics")
    dialog.calendar_details.setChecked(True)
    dialog.handover_days.setValue(30)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    value = dialog.value()
    assert value.sla["low"] == SlaTarget(96, 40)
    assert value.sla["urgent"] == Settings().sla["urgent"]
    assert value.sla_at_risk_fraction == 0.5
    assert value.auto_lock_minutes == 0
    assert (value.backup_keep_daily, value.backup_keep_weekly) == (3, 0)
    assert value.backup_dir == "/mnt/usb"
    assert value.keep_running_in_tray and value.calendar_include_details
    assert value.calendar_file == "/tmp/agenda.ics"
    assert value.handover_interaction_days == 30
    assert value.language == "en"


def test_saving_keeps_it_in_the_store_and_mirrors_the_language(qtbot, store: Store,
                                                               monkeypatch) -> None:
    published = []
    bus = ChangeBus()
    bus.changed.connect(published.append)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, value, parent=None, **_kw:
                                                           custom()))
    assert edit_settings(store, bus) is True
    assert preferences.get_settings(store) == custom()
    assert i18n.chosen_language() == "de"  # known before the next unlock
    assert published and "settings" in published[0]
    i18n.remember_language("")


def test_a_cancelled_dialog_changes_nothing(qtbot, store: Store, monkeypatch) -> None:
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, value, parent=None, **_kw:
                                                           None))
    assert edit_settings(store, ChangeBus()) is False
    assert preferences.get_settings(store) == Settings()


def test_the_working_week_controls(qtbot) -> None:
    value = Settings(working_days="1246", working_hours_start="08:30",
                     working_hours_end="16:15", sla_business_hours=False)
    dialog = SettingsDialog(value)
    qtbot.addWidget(dialog)
    assert [box.isChecked() for box in dialog.day_boxes] == [
        True, True, False, True, False, True, False]
    assert dialog.work_start.time().toString("HH:mm") == "08:30"
    assert dialog.work_end.time().toString("HH:mm") == "16:15"
    assert not dialog.business_hours.isChecked()
    assert dialog.value() == value  # nothing changes by just looking
    dialog.day_boxes[2].setChecked(True)  # Wednesday
    dialog.day_boxes[5].setChecked(False)  # Saturday
    dialog.work_end.setTime(dialog.work_end.time().addSecs(45 * 60))
    dialog.business_hours.setChecked(True)
    chosen = dialog.value()
    assert (chosen.working_days, chosen.working_hours_end) == ("1234", "17:00")
    assert chosen.sla_business_hours


def test_a_working_week_that_cannot_be_saved_says_why(qtbot) -> None:
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.save_button.isEnabled() and not dialog.week_note.isVisible()
    for box in dialog.day_boxes:
        box.setChecked(False)
    assert not dialog.save_button.isEnabled()
    assert dialog.week_note.isVisible() and "working day" in dialog.week_note.text()
    dialog.day_boxes[0].setChecked(True)
    dialog.work_end.setTime(dialog.work_start.time())
    assert not dialog.save_button.isEnabled() and "before they end" in dialog.week_note.text()
    dialog.work_end.setTime(dialog.work_start.time().addSecs(3600))
    assert dialog.save_button.isEnabled() and not dialog.week_note.isVisible()


def test_a_new_working_week_moves_the_sla_deadlines(qtbot, store: Store, monkeypatch) -> None:
    from datetime import datetime, timedelta

    from spocdesk.core.cases import query as case_query
    from spocdesk.core.cases import service as cases

    friday = datetime.fromisoformat("2026-12-04 16:00").astimezone()
    store.clock.set(friday + timedelta(hours=18))  # Saturday 10:00
    cases.add_case(store, cases.NewCase(title="Printer", priority="high", opened_at=friday))
    assert case_query.view_counts(store)["sla_breached"] == 0  # due on Monday at 12:00

    def around_the_clock(value: Settings, parent=None) -> Settings:
        value.sla_business_hours = False
        return value

    monkeypatch.setattr(SettingsDialog, "ask", classmethod(
        lambda cls, value, parent=None, **_kw: around_the_clock(value, parent)))
    assert edit_settings(store, ChangeBus())
    assert case_query.view_counts(store)["sla_breached"] == 1  # due on Friday at 20:00


def test_your_name_is_the_owner_shown_as_author(qtbot, store: Store, monkeypatch) -> None:
    from datetime import date

    from spocdesk.core.cases import words as case_words
    from spocdesk.core.handover import absence

    names = case_words.author_names(store)
    assert (names.owner, names.deputy) == ("", "")  # nobody named yet: the roles' words
    dialog = SettingsDialog(Settings())
    qtbot.addWidget(dialog)
    assert dialog.owner_name.text() == ""
    dialog.owner_name.setText("  Dana Weiss ")
    chosen = dialog.value()
    assert chosen.owner_name == "Dana Weiss"
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(lambda cls, v, p=None, **_kw: chosen))
    assert edit_settings(store, ChangeBus())
    absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 20), deputy_name="Ravi Shah"))
    names = case_words.author_names(store)
    assert (names.name("owner"), names.name("deputy")) == ("Dana Weiss", "Ravi Shah")


def test_a_new_working_week_shows_the_recompute_and_keeps_painting(
        qtbot, store: Store, monkeypatch) -> None:
    """The deadlines of every open case are recomputed inside the save: the progress
    dialog hears each step and the event loop turns meanwhile; nothing stays open."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from spocdesk.core import demo
    from spocdesk.ui import ops

    demo.generate(store, "small")
    monkeypatch.setattr(preferences, "PROGRESS_EVERY", 5)
    monkeypatch.setattr(SettingsDialog, "ask", classmethod(
        lambda cls, value, parent=None, **_kw: Settings(working_days="123456")))
    steps: list[int] = []
    real_step = ops.JobProgress.step

    def step(self, done: int, total: int, text: str) -> None:
        steps.append(done)
        real_step(self, done, total, text)

    monkeypatch.setattr(ops.JobProgress, "step", step)
    turned: list[bool] = []
    QTimer.singleShot(0, lambda: turned.append(True))
    assert edit_settings(store, ChangeBus())
    assert len(steps) > 3 and steps == sorted(steps)
    assert turned  # the event loop ran during the recompute
    assert preferences.get_settings(store).working_days == "123456"
    qtbot.wait(600)  # past the dialog's minimum duration
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, ops.JobProgress) and w.isVisible()]
