"""run_op: one service call publishes its change-set, or shows its one sentence."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from spocdesk.core.cases import service as cases
from spocdesk.core.errors import InvalidInput
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import ops
from spocdesk.ui.bus import ChangeBus


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(ops, "warn", lambda parent, title, text: shown.append((title, text)))
    return shown


def test_a_done_action_is_published(qtbot, store: Store,
                                    warnings: list[tuple[str, str]]) -> None:
    bus, parent = ChangeBus(), QWidget()
    qtbot.addWidget(parent)
    heard: list[ChangeSet] = []
    bus.changed.connect(heard.append)
    outcome = ops.run_op(parent, bus, lambda: cases.add_case(
        store, cases.NewCase(title="Hearing aid battery")), "Case not created")
    assert outcome is not None and heard == [outcome.changes]
    assert "case" in heard[0] and not warnings


def test_a_refusal_is_one_sentence_and_nothing_published(qtbot,
                                                         warnings: list[tuple[str, str]]
                                                         ) -> None:
    bus, parent = ChangeBus(), QWidget()
    qtbot.addWidget(parent)
    heard: list[ChangeSet] = []
    bus.changed.connect(heard.append)

    def refuse() -> Outcome[None]:
        raise InvalidInput("A case needs a title.")

    assert ops.run_op(parent, bus, refuse, "Not saved") is None
    assert warnings == [("Not saved", "A case needs a title.")] and not heard


def test_a_background_action_runs_off_the_gui_thread_and_publishes_on_it(
        qtbot, store: Store, warnings: list[tuple[str, str]]) -> None:
    import threading

    bus, parent = ChangeBus(), QWidget()
    qtbot.addWidget(parent)
    heard: list[tuple[ChangeSet, str]] = []
    bus.changed.connect(lambda c: heard.append((c, threading.current_thread().name)))
    ran_in: list[str] = []

    def action(ticket: ops.Ticket) -> Outcome[str]:
        ran_in.append(threading.current_thread().name)
        ticket.progress(1, 1, "one case")
        return cases.add_case(store, cases.NewCase(title="Hearing aid battery"))

    outcome = ops.run_op_in_background(parent, bus, action, "Case not created", "Adding…")
    main = threading.current_thread().name
    assert outcome is not None and ran_in and ran_in[0] != main
    assert heard == [(outcome.changes, main)] and not warnings

    def refuse(_ticket: ops.Ticket) -> Outcome[None]:
        raise InvalidInput("A case needs a title.")

    assert ops.run_op_in_background(parent, bus, refuse, "Not saved", "Saving…") is None
    assert warnings == [("Not saved", "A case needs a title.")]
    with pytest.raises(InvalidInput):
        ops.run_op_in_background(parent, bus, refuse, "Not saved", "Saving…", quiet=True)

    def cancelled(ticket: ops.Ticket) -> Outcome[None]:
        ticket.cancel()
        ticket.check()
        raise AssertionError("not reached")

    assert ops.run_op_in_background(parent, bus, cancelled, "Not saved", "Saving…") is None
    assert len(warnings) == 1 and len(heard) == 1
