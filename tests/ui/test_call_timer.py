"""*Log a call*: the timer starts with the call, shows the time running, and the
entry saved afterwards carries the call's moment and its minutes (issue 20 item 6,
issue 21 item 3)."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from PySide6.QtCore import Qt

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.metrics import figures
from spocdesk.core.model import Interaction
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.call_timer import CallTimer, call_minutes, clock_text
from spocdesk.ui.cases.page import CasesPage


class Stopwatch:
    """A monotonic clock the test moves."""

    def __init__(self) -> None:
        self.seconds = 1000.0

    def __call__(self) -> float:
        return self.seconds


def test_minutes_count_every_started_minute_within_a_day() -> None:
    assert [call_minutes(s) for s in (0, 1, 59.9, 60, 61, 3600)] == [1, 1, 1, 1, 2, 60]
    assert call_minutes(3 * 24 * 3600) == 24 * 60  # a timer left running overnight
    assert clock_text(247) == "4:07" and clock_text(3727) == "1:02:07"


def test_the_timer_shows_the_time_running_and_gives_the_minutes(qtbot) -> None:
    watch = Stopwatch()
    timer = CallTimer(clock=watch)
    qtbot.addWidget(timer)
    assert timer.button.text() == "Log a call" and timer.elapsed.text() == ""
    assert timer.stop() is None  # nothing running: nothing to give
    with qtbot.waitSignal(timer.started):
        timer.button.click()
    assert timer.running and timer.button.text() == "End call"
    watch.seconds += 125
    timer._show_time()
    assert timer.elapsed.text() == "● 2:05"
    with qtbot.waitSignal(timer.stopped) as stopped:
        timer.button.click()
    assert stopped.args == [3]
    assert not timer.running and timer.button.text() == "Log a call"
    assert timer.elapsed.text() == "3 min"


def _page(qtbot, store: Store) -> CasesPage:
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    page.set_store(store)
    qtbot.waitUntil(lambda: page.detail.case is not None, timeout=3000)
    return page


def test_a_logged_call_records_its_start_and_minutes(qtbot, store: Store,
                                                     clock: FixedClock) -> None:
    cases.add_case(store, cases.NewCase(title="Boiler repair", status="open"))
    page = _page(qtbot, store)
    composer = page.detail.quick_log
    watch = Stopwatch()
    composer.call_timer.clock = watch
    composer.channel.setCurrentIndex(composer.channel.findData("email"))
    began = clock.now()
    qtbot.keyClick(page.table, Qt.Key.Key_L,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert composer.call_timer.running
    assert composer.channel.currentData() == "phone"  # a call is a phone entry
    assert composer.summary.hasFocus()
    qtbot.keyClicks(composer.summary, "Talked through the quote")
    clock.advance(timedelta(minutes=7))
    watch.seconds += 7 * 60 + 20
    composer.save()  # saving while the call runs ends it
    assert not composer.call_timer.running and composer.minutes.value() == 0
    with store.session() as session:
        entry = session.scalars(sa.select(Interaction)).one()
        assert (entry.minutes, entry.channel) == (8, "phone")
        assert entry.occurred_at == began
        case_id = entry.case_id
    assert case_id is not None and figures.minutes_of_case(store, case_id) == 8
    assert page.detail.badges.text().endswith("8 min logged")  # the case's effort


def test_minutes_typed_by_hand_and_none_by_default(qtbot, store: Store) -> None:
    cases.add_case(store, cases.NewCase(title="Invoice", status="open"))
    page = _page(qtbot, store)
    composer = page.detail.quick_log
    assert composer.minutes.text() == "– min"  # not counted until told
    composer.summary.setText("Read the invoice")
    composer.save()
    composer.summary.setText("Wrote the answer")
    composer.minutes.setValue(25)
    composer.save()
    with store.session() as session:
        minutes = session.scalars(sa.select(Interaction.minutes)
                                  .order_by(Interaction.summary)).all()
    assert minutes == [None, 25]
    assert figures.minutes_of_case(store, str(page.detail.case_id)) == 25


def test_another_case_forgets_a_running_call(qtbot, store: Store) -> None:
    first = cases.add_case(store, cases.NewCase(title="One", status="open")).value
    second = cases.add_case(store, cases.NewCase(title="Two", status="open")).value
    page = _page(qtbot, store)
    page.select_case(first)
    page.detail.toggle_call()
    assert page.detail.quick_log.call_timer.running
    page.select_case(second)
    assert not page.detail.quick_log.call_timer.running
