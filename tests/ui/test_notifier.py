"""Reminders: one timer armed for the next due moment, banner or tray, missed once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QWidget

from spocdesk.core import settings
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.followups.service import NewFollowUp
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.followups.notifier import Notifier


def _add(store: Store, title: str, due, **kw) -> str:
    return followups.add_followup(store, NewFollowUp(title=title, due_at=due, **kw)).value


@pytest.fixture
def notifier(qtbot, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> Notifier:
    monkeypatch.setattr(Notifier, "tray_available", staticmethod(lambda: False))
    made = Notifier(ChangeBus(), clock)
    qtbot.addWidget(made.banner)
    return made


def _save(store: Store, **values: object) -> None:
    with store.unit_of_work() as uow:
        current = settings.load(uow.session)
        for key, value in values.items():
            setattr(current, key, value)
        settings.save(uow.session, current)
        uow.changes.touch("settings", "all")
        uow.commit()


def test_timer_arms_for_the_next_due_moment_and_fires_a_banner(
        qtbot, store: Store, clock: FixedClock, notifier: Notifier) -> None:
    due = clock.now() + timedelta(milliseconds=300)
    fid = _add(store, "Call Greta back", due)
    _add(store, "Much later", clock.now() + timedelta(days=2))
    notifier.set_store(store)
    assert notifier.armed_for == due
    assert notifier.timer.isSingleShot() and notifier.timer.isActive()
    assert 0 < notifier.timer.remainingTime() <= 300
    assert not notifier.banner.isVisible()
    clock.advance(timedelta(seconds=1))  # the moment passes while the timer runs
    with qtbot.waitSignal(notifier.notified, timeout=3000) as blocker:
        pass
    how, rows = blocker.args
    assert how == "due" and [r.id for r in rows] == [fid]
    assert notifier.banner.isVisible()
    assert "Call Greta back" in notifier.banner.text.text()
    # shown once: re-armed for the next one, not for this one again
    assert notifier.armed_for == clock.now() - timedelta(seconds=1) + timedelta(days=2)
    with qtbot.waitSignal(notifier.open_followup, timeout=1000) as clicked:
        notifier.banner.open_button.click()
    assert clicked.args == [fid]
    assert not notifier.banner.isVisible() and notifier.banner.text.text() == ""


def test_a_timer_that_fires_early_just_re_arms(qtbot, store: Store, clock: FixedClock,
                                               notifier: Notifier) -> None:
    due = clock.now() + timedelta(milliseconds=150)
    _add(store, "Soon", due)
    notifier.set_store(store)
    seen: list[str] = []
    notifier.notified.connect(lambda how, rows: seen.append(how))
    notifier.check_due()  # the clock has not moved: nothing is due yet
    assert seen == [] and notifier.armed_for == due and notifier.timer.isActive()


def test_rearms_on_every_followup_change(qtbot, store: Store, clock: FixedClock,
                                         notifier: Notifier) -> None:
    notifier.set_store(store)
    assert notifier.armed_for is None and not notifier.timer.isActive()
    sooner = clock.now() + timedelta(minutes=5)
    outcome = followups.add_followup(store, NewFollowUp(title="New", due_at=sooner))
    notifier.bus.publish(outcome.changes)
    assert notifier.armed_for == sooner
    done = followups.complete(store, outcome.value)
    notifier.bus.publish(done.changes)
    assert notifier.armed_for is None and not notifier.timer.isActive()
    notifier.set_store(None)
    assert not notifier.timer.isActive()


def test_missed_while_closed_is_shown_once(qtbot, store: Store, clock: FixedClock,
                                           notifier: Notifier) -> None:
    now = clock.now()
    one_off = _add(store, "Missed call", now - timedelta(hours=5))
    series = _add(store, "Daily stand-up", now - timedelta(days=4), rrule="FREQ=DAILY",
                  tzid="UTC")
    _add(store, "Future", now + timedelta(days=1))
    seen: list[tuple[str, list[str]]] = []
    notifier.notified.connect(lambda how, rows: seen.append((how, [r.id for r in rows])))
    notifier.set_store(store)
    assert len(seen) == 1
    how, ids = seen[0]
    assert how == "missed"
    assert sorted(ids) == sorted([one_off, series])  # the series once, not four times
    assert "Missed while spocdesk was closed" in notifier.banner.text.text()
    # lock and unlock (or restart): not shown again
    notifier.set_store(None)
    notifier.set_store(store)
    assert len(seen) == 1


def test_tray_path_when_a_tray_exists(qtbot, store: Store, clock: FixedClock,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Notifier, "tray_available", staticmethod(lambda: True))
    notifier = Notifier(ChangeBus(), clock)
    qtbot.addWidget(notifier.banner)
    fid = _add(store, "Missed call", clock.now() - timedelta(hours=1))
    notifier.set_store(store)
    assert notifier.tray is not None and not notifier.banner.isVisible()
    with qtbot.waitSignal(notifier.open_followup, timeout=1000) as clicked:
        notifier.tray.messageClicked.emit()
    assert clicked.args == [fid]


def test_keep_running_in_tray(qtbot, store: Store, clock: FixedClock,
                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    monkeypatch.setattr(Notifier, "tray_available", staticmethod(lambda: False))
    notifier = Notifier(ChangeBus(), clock)
    qtbot.addWidget(notifier.banner)
    _save(store, keep_running_in_tray=True)
    notifier.set_store(store)
    assert notifier.hide_to_tray(window) is False  # no tray: close as usual
    monkeypatch.setattr(Notifier, "tray_available", staticmethod(lambda: True))
    assert notifier.hide_to_tray(window) is True
    assert not window.isVisible()
    _save(store, keep_running_in_tray=False)
    notifier.bus.publish(followups.Outcome(None, _changes("settings")).changes)
    assert notifier.hide_to_tray(window) is False


def _changes(kind: str):
    from spocdesk.core.uow import ChangeSet

    changes = ChangeSet()
    changes.touch(kind, "x")
    return changes


def test_calendar_file_is_rewritten_after_changes(qtbot, store: Store, clock: FixedClock,
                                                  notifier: Notifier, tmp_path: Path) -> None:
    target = tmp_path / "followups.ics"
    _save(store, calendar_file=str(target))
    notifier.calendar_timer.setInterval(30)
    notifier.set_store(store)
    qtbot.waitUntil(target.exists, timeout=2000)
    assert "Call back" not in target.read_text()
    outcome = followups.add_followup(store, NewFollowUp(
        title="Call back", due_at=clock.now() + timedelta(days=1), notes="SECRET NOTE"))
    notifier.bus.publish(outcome.changes)
    qtbot.waitUntil(lambda: "Call back" in target.read_text(), timeout=2000)
    assert "SECRET NOTE" not in target.read_text()  # details only when ticked
