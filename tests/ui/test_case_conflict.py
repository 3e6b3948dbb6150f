"""Two clients editing the same case in the case detail: the second save is refused,
the typed text stays in the field, one sentence says what changed meanwhile, and the
user chooses *Keep mine* (saved on top: neither edit is lost) or *Take theirs*."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spocdesk.core.cases import detail
from spocdesk.core.cases.service import NewCase, add_case
from spocdesk.core.clock import FixedClock
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.detail import CaseDetailPanel
from tests.conftest import PASSPHRASE


@pytest.fixture
def colleague(store: Store, location: Location, clock: FixedClock) -> Iterator[Store]:
    """A second connection to the same store file (another window, the command line)."""
    other = Store.open(location, PASSPHRASE, clock=clock)
    yield other
    other.close()


@pytest.fixture
def ref(store: Store) -> str:
    return add_case(store, NewCase(title="Boiler")).value


def panel_on(qtbot, store: Store, ref: str) -> CaseDetailPanel:
    panel = CaseDetailPanel(ChangeBus())
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_case(ref)
    return panel


def test_the_second_save_keeps_the_text_and_asks(qtbot, store: Store, colleague: Store,
                                                 ref: str) -> None:
    mine, theirs = panel_on(qtbot, store, ref), panel_on(qtbot, colleague, ref)
    theirs.title.setText("Boiler leaks")
    assert theirs.flush()
    mine.next_step.setText("Order a part")
    assert not mine.flush()  # refused: the caller stays on the case
    assert mine.next_step.text() == "Order a part"  # the typed text stays
    assert mine.dirty
    assert not mine.conflict_bar.isHidden()
    assert mine.conflict_bar.text.text() == (
        "Case C-0001 was changed meanwhile (title); your text is still here: keep yours, "
        "or take theirs?")
    assert detail.get_case(store, ref).next_step == ""

    mine.conflict_bar.keep_button.click()
    assert mine.conflict_bar.isHidden()
    saved = detail.get_case(colleague, ref)
    assert (saved.title, saved.next_step) == ("Boiler leaks", "Order a part")  # both kept
    assert mine.title.text() == "Boiler leaks"  # their edit shows in the other field
    assert not mine.dirty


def test_take_theirs_drops_the_typed_text(qtbot, store: Store, colleague: Store,
                                          ref: str) -> None:
    mine, theirs = panel_on(qtbot, store, ref), panel_on(qtbot, colleague, ref)
    theirs.title.setText("Theirs")
    assert theirs.flush()
    mine.title.setText("Mine")
    assert not mine.flush()
    assert "(title)" in mine.conflict_bar.text.text()
    mine.conflict_bar.take_button.click()
    assert mine.title.text() == "Theirs"
    assert not mine.dirty and mine.conflict_bar.isHidden()
    assert detail.get_case(store, ref).title == "Theirs"


def test_a_refresh_while_typing_does_not_hide_a_conflict(qtbot, store: Store,
                                                         colleague: Store, ref: str) -> None:
    """The colleague's save reaches this window (a refresh by the bus) while the user is
    typing in the same field: the refresh keeps the text, and the save still asks."""
    mine, theirs = panel_on(qtbot, store, ref), panel_on(qtbot, colleague, ref)
    mine.next_step.setText("Call the client")
    theirs.next_step.setText("Wait for the part")
    assert theirs.flush()
    mine.refresh()
    assert mine.next_step.text() == "Call the client"
    assert not mine.flush()
    assert "(next step)" in mine.conflict_bar.text.text()
    assert detail.get_case(store, ref).next_step == "Wait for the part"


def test_an_unrelated_refresh_then_save_is_no_conflict_once_clean(
        qtbot, store: Store, colleague: Store, ref: str) -> None:
    """A colleague's save while nothing is typed is simply shown; the next edit saves."""
    mine, theirs = panel_on(qtbot, store, ref), panel_on(qtbot, colleague, ref)
    theirs.title.setText("Theirs")
    assert theirs.flush()
    mine.refresh()  # what the bus does when the change arrives
    mine.next_step.setText("Mine")
    assert mine.flush()
    assert mine.conflict_bar.isHidden()
    saved = detail.get_case(store, ref)
    assert (saved.title, saved.next_step) == ("Theirs", "Mine")
