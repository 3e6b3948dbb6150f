"""The SPOC's day from the keyboard only (issue 16, "use it as its users would"), on the
store file and on a team server (issue 22: the same walk, the same keys).

Driven with ``qtbot.keyClick``/``keyClicks`` on the focused widget; modal dialogs are
answered the same way on ``QApplication.activeModalWidget()``. Only the OS's file
dialogs are replaced (they return a path).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QPushButton,
    QTabBar,
    QWidget,
)

from spocdesk.core import demo
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import recurrence
from spocdesk.core.handover import absence
from spocdesk.core.model import FollowUp, Interaction, InteractionParticipant
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.cases.page import CasesPage
from spocdesk.ui.followups.page import FollowUpsPage
from spocdesk.ui.handover import deputy, dialogs, open_pack
from spocdesk.ui.handover.page import HandoverPage
from spocdesk.ui.main_window import MainWindow
from tests.core.test_handover_support import fast_kdf  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
NONE = Qt.KeyboardModifier.NoModifier
PACK_SECRET = "maple river lantern orbit velvet cactus"

# the keys (not text) of each step, as the test's docstring lists them
KEYS = {"new case": 4, "quick log": 6, "follow-up": 4, "absence": 6, "handover note": 12,
        "pack": 5, "deputy": 11, "hand-back": 4, "back at the case": 4}

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]


@dataclass
class Keyboard:
    """Types on whatever has focus and counts the keystrokes per step: ``keys`` (Tab,
    Enter, chords such as Ctrl+N: one each) apart from ``typed`` (characters of text)."""

    qtbot: Any
    home: QWidget | None = None
    step: str = ""
    keys: dict[str, int] = field(default_factory=dict)
    typed: dict[str, int] = field(default_factory=dict)
    problems: list[BaseException] = field(default_factory=list)
    waiting: int = 0  # dialogs expected by in_modal and not come yet

    def begin(self, step: str) -> None:
        self.step = step
        self.keys.setdefault(step, 0)
        self.typed.setdefault(step, 0)

    def focus(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, f"{self.step}: focus is nowhere"
        return widget

    def press(self, key: Qt.Key, modifier: Qt.KeyboardModifier = NONE, times: int = 1,
              on: QWidget | None = None) -> None:
        """``on``: an open popup menu, which takes the keys wherever focus is."""
        for _ in range(times):
            self.keys[self.step] += 1
            self.qtbot.keyClick(on or self.focus(), key, modifier)

    def type(self, text: str) -> None:
        self.typed[self.step] += len(text)
        self.qtbot.keyClicks(self.focus(), text)

    def pause(self) -> None:
        """Longer than the type-ahead's interval: the next letters start a new search."""
        self.qtbot.wait(QApplication.keyboardInputInterval() + 50)

    def tab_to(self, name: str, limit: int = 30, back: bool = False) -> None:
        """Tab (or Shift+Tab) until the widget named ``name`` has focus."""
        for _ in range(limit):
            if self.focus().objectName() == name:
                return
            self.press(Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab,
                       SHIFT if back else NONE)
        pytest.fail(f"{self.step}: {name} is not reached by Tab (at {self.focus()})")

    def in_modal(self, act: Callable[[QWidget], None], kind: type | None = None) -> None:
        """Answer the next modal dialog (or popup menu) with ``act`` once it has focus;
        a failure closes it and is raised after ``exec`` returns (:meth:`check`)."""
        self.waiting += 1

        def poll(tries: int = 0) -> None:
            modal = QApplication.activePopupWidget() or QApplication.activeModalWidget()
            focus = QApplication.focusWidget()
            # a popup menu takes the keys wherever focus is; a dialog once it has focus
            ready = modal is not None and (kind is None or isinstance(modal, kind)) and (
                modal is QApplication.activePopupWidget()
                or (focus is not None and (focus is modal or modal.isAncestorOf(focus))))
            if not ready:
                if tries > 300:
                    self.waiting -= 1
                    self.problems.append(AssertionError(f"{self.step}: no dialog came"))
                    if modal is not None:
                        modal.close()
                    return
                QTimer.singleShot(10, lambda: poll(tries + 1))
                return
            self.waiting -= 1
            try:
                act(modal)
            except BaseException as exc:  # re-raised by check()
                self.problems.append(exc)
                modal.close()
        QTimer.singleShot(0, poll)

    def check(self) -> None:
        """After a dialog: the main window is active again, as a window manager makes it
        (the offscreen platform does not), and nothing went wrong inside."""
        self.qtbot.waitUntil(lambda: not self.waiting, timeout=5000)  # Alt+letter: 100 ms
        if self.problems:
            raise self.problems[0]
        if self.home is not None and QApplication.activeModalWidget() is None:
            self.home.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is self.home)


def deputy_walk(qtbot: Any, keys: Keyboard, pack: Store, ref: str, back: Path,
                monkeypatch: pytest.MonkeyPatch) -> None:
    """The deputy's own window on the pack: acknowledge the note, log a call, send back."""
    monkeypatch.setattr(deputy.SendBackChooser, "ask",  # the OS's file dialog
                        classmethod(lambda cls, parent, default: back))
    win = MainWindow(pack.location)
    qtbot.addWidget(win)
    win.show()
    win.set_store(pack)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    owner, keys.home = keys.home, win
    try:
        keys.press(Qt.Key.Key_4, CTRL)
        page = win.current_page()
        assert isinstance(page, HandoverPage) and page.deputy_mode
        assert keys.focus() is page.table  # from the sidebar, past the planner (11 Tabs)
        keys.type(ref)
        editor = page.editor
        assert editor.case_id is not None and page.model.row_at(
            page.model.row_of(editor.case_id)).ref == ref
        assert editor.receiver.text() == "Dana Deputy"
        keys.press(Qt.Key.Key_Y, ALT)  # Synthesis
        keys.type("Chase the pharmacy Tuesday; call Ruth after.")
        keys.tab_to("acknowledgeNote")
        keys.press(Qt.Key.Key_Space)
        assert page.message.text() == "Note acknowledged by Dana Deputy."

        def find(palette: QWidget) -> None:
            keys.type(ref)
            keys.press(Qt.Key.Key_Return)  # opens the first hit: the case

        keys.in_modal(find)
        keys.press(Qt.Key.Key_K, CTRL)  # find the case: search everything
        keys.check()
        cases_page = win.current_page()
        assert isinstance(cases_page, CasesPage)
        assert cases_page.detail.case is not None and cases_page.detail.case.ref == ref
        keys.press(Qt.Key.Key_J, CTRL)
        keys.type("Ruth: the delivery came; she is fine")
        keys.press(Qt.Key.Key_Return, CTRL)
        assert not cases_page.detail.quick_log.summary.text()
        keys.press(Qt.Key.Key_4, CTRL)
        assert keys.focus() is page.table  # Ctrl+4 lands on the cases, also the 2nd time
        keys.press(Qt.Key.Key_B, ALT)  # Send back (a button's Alt+letter clicks 100 ms on)
        qtbot.waitUntil(back.is_file)
        assert "verified copy" in page.message.text()
    finally:
        win.set_store(None)
        win.close()
        keys.home = owner


def ambiguous_mnemonics(window: MainWindow) -> dict[str, list[str]]:
    """Alt+letter keys that two visible controls claim (Qt then alternates between
    them: Alt+H went to the History tab or the Help menu)."""
    claimed: dict[str, list[str]] = {}

    def claim(text: str, what: str) -> None:
        keys = QKeySequence.mnemonic(text)
        if not keys.isEmpty():
            claimed.setdefault(keys.toString(), []).append(what)

    for action in window.menuBar().actions():
        claim(action.text(), f"menu {action.text()}")
    for widget in window.findChildren(QWidget):
        if not widget.isVisible():
            continue
        labelled = isinstance(widget, QLabel) and widget.buddy() is not None
        if isinstance(widget, QAbstractButton) or labelled:
            claim(widget.text(), widget.text())
        elif isinstance(widget, QTabBar):
            for tab in range(widget.count()):
                claim(widget.tabText(tab), f"tab {widget.tabText(tab)}")
    return {keys: texts for keys, texts in claimed.items() if len(texts) > 1}


@pytest.fixture
def window(qtbot: Any, store: Store) -> Iterator[MainWindow]:
    demo.generate(store, "small")
    stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Ruth Okafor", given_name="Ruth", family_name="Okafor"))
    win = MainWindow(store.location)
    qtbot.addWidget(win)
    win.show()
    win.set_store(store)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win, timeout=3000)
    yield win
    win.set_store(None)


def test_a_day_from_the_keyboard(qtbot: Any, window: MainWindow, store: Store,
                                 clock: FixedClock, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys per step: Tab, Enter, Space and chords such as Ctrl+N count one each, apart
    from the characters of text typed; before the fixes of this walk in brackets.

    ============================  ====  ======  ===========================================
    step                          keys  typed   the keys
    ============================  ====  ======  ===========================================
    new case                      4     28      Ctrl+N, title, Tab, "Okafor", Enter, "h",
                                                Enter ("h" did not find "▲ High": +Down×2)
    quick log                     6 (13) 57     Shift+Tab, "inc", Shift+Tab, "p", Tab×2,
                                                summary, Alt+O (8 Tabs), "tomorrow 9:00",
                                                Ctrl+Enter
    follow-up                     4     16      Ctrl+3, "Pharmacy", Ctrl+Shift+S, 2, (pause)
                                                "Pharmacy", Ctrl+D
    absence                       6 (10) 23     Ctrl+4, Space, Tab×2 (6: a date took 3),
                                                deputy, Tab, contact, Enter
    handover note                 12 (24) 161   (12 Tabs to the cases) ref, Alt+S, "w",
                                                Alt+U, Ctrl+End, text, Tab×2, Space, action,
                                                Tab, owner, Tab, due, Enter, Tab, Alt+I
                                                (Alt+T went to Situation), text, Ctrl+S
    pack                          5 (14) 78     Alt+P (9 Tabs), Tab, Space (export anyway),
                                                passphrase, Tab, again, Enter
    deputy                        11 (26) 131   passphrase, Enter, Ctrl+4 (11 Tabs), ref,
                                                Alt+Y, text, Tab, Space, Ctrl+K, ref,
                                                Enter, Ctrl+J, text, Ctrl+Enter, Ctrl+4,
                                                Alt+B (4 Tabs past the action list, which
                                                kept Tab going round its cells)
    hand-back                     4 (5) 39      Alt+M (a Tab), passphrase, Enter, Enter,
                                                Enter (finish the absence)
    back at the case              4 (9) 6       Ctrl+1, Ctrl+F, ref, Down (6 Tabs), Alt+T
    ============================  ====  ======  ===========================================
    """
    keys = Keyboard(qtbot, window)
    assert keys.focus() is window.nav  # where the app starts

    # -- a call comes in: a new case -----------------------------------------
    keys.begin("new case")

    def new_case(dialog: QWidget) -> None:
        assert keys.focus().objectName() == "title"
        keys.type("Insulin delivery late")
        keys.press(Qt.Key.Key_Tab)
        assert keys.focus().objectName() == "stakeholderQuery"
        keys.type("Okafor")
        keys.press(Qt.Key.Key_Return)  # picks; never creates the case
        assert dialog.isVisible()
        assert keys.focus().objectName() == "priority"
        keys.type("h")  # High
        keys.press(Qt.Key.Key_Return)

    keys.in_modal(new_case)
    keys.press(Qt.Key.Key_N, CTRL)
    keys.check()
    cases_page = window.current_page()
    assert isinstance(cases_page, CasesPage)
    case = cases_page.detail.case
    assert case is not None and case.title == "Insulin delivery late"
    assert case.priority == "high"
    assert case.main_stakeholder is not None and case.main_stakeholder.name == "Ruth Okafor"
    ruth = case.main_stakeholder.stakeholder_id

    # -- the quick log: phone, inbound, summary, with Ruth, a follow-up tomorrow 9:00 ----
    keys.begin("quick log")
    log = cases_page.detail.quick_log
    assert keys.focus() is log.summary  # the new case hands over to the log
    keys.press(Qt.Key.Key_Backtab, SHIFT)
    assert keys.focus() is log.direction
    keys.type("inc")  # Incoming ("i" alone goes on from Outgoing to Internal)
    keys.press(Qt.Key.Key_Backtab, SHIFT)
    assert keys.focus() is log.channel
    keys.type("p")  # Phone
    keys.tab_to("logSummary")
    keys.type("Pharmacy says the delivery comes Tuesday")
    assert log.with_field.ids() == [case.main_stakeholder.stakeholder_id]
    assert ambiguous_mnemonics(window) == {}  # Alt+H was the History tab's and Help's
    keys.press(Qt.Key.Key_O, ALT)  # "Follow up": on, and the time is next (not 8 Tabs)
    qtbot.waitUntil(lambda: keys.focus() is log.followup_at.text)
    assert log.followup.isChecked()
    keys.type("tomorrow 9:00")
    keys.press(Qt.Key.Key_Return, CTRL)
    assert not log.summary.text()  # saved, and ready for the next call
    assert keys.focus() is log.summary  # it stayed in the emptied time field

    with store.unit_of_work() as uow:
        entry = uow.session.scalars(sa.select(Interaction).where(
            Interaction.case_id == case.id)).one()
        assert (entry.channel, entry.direction) == ("phone", "in")
        assert entry.summary == "Pharmacy says the delivery comes Tuesday"
        assert uow.session.scalars(sa.select(InteractionParticipant.stakeholder_id).where(
            InteractionParticipant.interaction_id == entry.id)).all() == [ruth]
        followup = uow.session.scalars(sa.select(FollowUp).where(
            FollowUp.case_id == case.id)).one()
        assert followup.stakeholder_id == ruth
        due = followup.due_at.replace(tzinfo=UTC).astimezone(recurrence.local_zone())
        assert (due.date(), due.hour, due.minute) == (date(2026, 3, 3), 9, 0)  # a Tuesday
        followup_id = followup.id

    # -- the follow-up on the Follow-ups page: snooze it, then mark it done ----------
    keys.begin("follow-up")
    keys.press(Qt.Key.Key_3, CTRL)
    agenda = window.current_page()
    assert isinstance(agenda, FollowUpsPage)
    assert keys.focus() is agenda.view
    keys.type("Pharmacy")  # the list's type-ahead finds it by its title
    assert agenda.selected_id() == followup_id
    keys.press(Qt.Key.Key_S, CTRL | SHIFT)  # the snooze menu opens (a popup)
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.objectName() == "snoozeMenu"
    keys.press(Qt.Key.Key_2, on=menu)  # "2  1 hour"
    keys.check()
    with store.unit_of_work() as uow:
        snoozed = uow.session.get(FollowUp, followup_id)
        assert snoozed is not None and snoozed.snoozed_until is not None
    keys.pause()  # a new type-ahead, not more of the last one
    keys.type("Pharmacy")
    assert agenda.selected_id() == followup_id
    keys.press(Qt.Key.Key_D, CTRL)
    with store.unit_of_work() as uow:
        done = uow.session.get(FollowUp, followup_id)
        assert done is not None and done.done_at is not None

    # -- plan an absence with a deputy; the I-PASS note for the case --------------
    keys.begin("absence")
    keys.press(Qt.Key.Key_4, CTRL)
    handover = window.current_page()
    assert isinstance(handover, HandoverPage)
    assert keys.focus() is handover.plan_button  # focus lands on the first step

    def plan(dialog: QWidget) -> None:
        assert keys.focus().objectName() == "absenceFrom"  # dates: a week away, two weeks
        keys.press(Qt.Key.Key_Tab)
        assert keys.focus().objectName() == "absenceTo"  # Tab leaves a date (3 Tabs did)
        keys.press(Qt.Key.Key_Tab)
        assert keys.focus().objectName() == "deputyName"
        keys.type("Dana Deputy")
        keys.press(Qt.Key.Key_Tab)
        keys.type("0151 2345678")
        keys.press(Qt.Key.Key_Return)

    keys.in_modal(plan)
    keys.press(Qt.Key.Key_Space)  # buttons take Space (Enter is a dialog's key)
    keys.check()
    assert handover.current is not None and handover.current.deputy_name == "Dana Deputy"
    assert case.id in handover.model.case_ids()  # open, high: handed over by itself

    keys.begin("handover note")
    keys.tab_to("handoverCases")
    keys.type(case.ref)  # the list's type-ahead, by reference
    assert handover.editor.case_id == case.id
    editor = handover.editor
    assert ambiguous_mnemonics(window) == {}  # Alt+T was Situation's and If / then's
    keys.press(Qt.Key.Key_S, ALT)  # I — Severity
    assert keys.focus() is editor.severity
    keys.type("w")  # Watch
    keys.press(Qt.Key.Key_U, ALT)  # P — Summary (prefilled from the case)
    assert keys.focus() is editor.summary
    keys.press(Qt.Key.Key_End, CTRL)
    keys.type(" Ruth is anxious; speak slowly.")
    keys.tab_to("addAction")  # A — an action, cell by cell
    keys.press(Qt.Key.Key_Space)
    keys.type("Call Ruth when the delivery came")
    keys.press(Qt.Key.Key_Tab)
    keys.type("Dana Deputy")
    keys.press(Qt.Key.Key_Tab)
    keys.type("2026-03-10")
    keys.press(Qt.Key.Key_Return)  # the cell is kept on the next turn of the event loop
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor.action_table)
    keys.press(Qt.Key.Key_Tab)  # out of the list (Tab went round its cells)
    assert keys.focus() is editor.add_action_button
    keys.press(Qt.Key.Key_I, ALT)  # If / then (Alt+T is Situation, Alt+H the Help menu)
    assert keys.focus() is editor.contingencies
    keys.type("If the pharmacy has not delivered by Tuesday noon, then call Dr Weber.")
    keys.press(Qt.Key.Key_S, CTRL)
    assert not editor.dirty
    note = absence.get_note(store, handover.current.id, case.id)
    assert note is not None and note.reviewed and note.severity == "watch"
    assert note.summary.endswith("Ruth is anxious; speak slowly.")
    assert [(a.text, a.owner, a.due) for a in note.actions] == [
        ("Call Ruth when the delivery came", "Dana Deputy", "2026-03-10")]
    assert note.contingencies.startswith("If the pharmacy has not delivered")

    # -- the pack for the deputy ---------------------------------------------------
    keys.begin("pack")
    out, back = tmp_path / "handover.spocpack", tmp_path / "back.spocpack"
    monkeypatch.setattr(dialogs.FileChooser, "ask_save",  # the OS's file dialog
                        classmethod(lambda cls, parent, title, default, filters: out))

    def review(dialog: QWidget) -> None:  # the other cases have drafts only: export anyway
        keys.tab_to("exportAnyway")
        keys.press(Qt.Key.Key_Space)
        keys.in_modal(secret, dialogs.PackPassphraseDialog)

    def secret(dialog: QWidget) -> None:
        keys.type(PACK_SECRET)
        keys.press(Qt.Key.Key_Tab)
        keys.type(PACK_SECRET)
        keys.press(Qt.Key.Key_Return)

    keys.in_modal(review, dialogs.ReviewBeforeExportDialog)
    keys.press(Qt.Key.Key_P, ALT)  # Export handover pack (it was 9 Tabs from the note)
    keys.check()
    assert out.is_file(), handover.message.text()

    # -- the deputy: opens the pack, acknowledges the note, logs a call, sends it back ---
    keys.begin("deputy")

    def unlock_pack(dialog: QWidget) -> None:
        keys.type(PACK_SECRET)
        keys.press(Qt.Key.Key_Return)

    keys.in_modal(unlock_pack, open_pack.OpenPackDialog)
    pack = open_pack.open_handover_pack(None, clock, out)  # spocdesk --store PACK
    keys.check()
    assert pack is not None
    try:
        deputy_walk(qtbot, keys, pack, case.ref, back, monkeypatch)
    finally:
        pack.close()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)

    # -- the hand-back: the owner merges the pack and finishes the absence -------------
    keys.begin("hand-back")
    monkeypatch.setattr(dialogs.FileChooser, "ask_open",
                        classmethod(lambda cls, parent, title, filters: back))

    def merge_secret(dialog: QWidget) -> None:
        keys.type(PACK_SECRET)
        keys.press(Qt.Key.Key_Return)
        keys.in_modal(merge_review, dialogs.MergeDialog)

    def merge_review(dialog: QWidget) -> None:
        keys.press(Qt.Key.Key_Return)  # Merge
        keys.in_modal(lambda box: keys.press(Qt.Key.Key_Return))  # Finish absence

    keys.in_modal(merge_secret, dialogs.PackPassphraseDialog)
    keys.press(Qt.Key.Key_M, ALT)  # Merge returned pack
    keys.check()
    assert "The handover pack was merged" in handover.message.text()
    assert handover.current is not None and handover.current.finished_at is not None

    # -- back at the case: the timeline shows the day ---------------------------------
    keys.begin("back at the case")
    keys.press(Qt.Key.Key_1, CTRL)
    keys.press(Qt.Key.Key_F, CTRL)
    keys.type(case.ref)
    keys.press(Qt.Key.Key_Down)  # from the filter into the list (it took 6 Tabs)
    assert keys.focus() is cases_page.table
    assert cases_page.selected_case_id() == case.id == cases_page.detail.case_id
    assert ambiguous_mnemonics(window) == {}
    keys.press(Qt.Key.Key_T, ALT)  # the Timeline tab
    timeline = cases_page.detail.timeline
    assert cases_page.detail.tabs.currentWidget() is timeline
    shown = "\n".join(str(timeline.model.index(row).data())
                      for row in range(timeline.model.rowCount()))
    assert "Follow-up done: Pharmacy says the delivery comes Tuesday" in shown
    assert "Phone, incoming · 09:00 · Ruth Okafor → You\nPharmacy says" in shown
    assert "Phone, outgoing · 09:00 · Dana Deputy → Ruth Okafor\nRuth: the delivery came" in shown
    assert "You: case opened" in shown

    with store.unit_of_work() as uow:  # the deputy's call and acknowledgement came back
        called = uow.session.scalars(sa.select(Interaction).where(
            Interaction.case_id == case.id, Interaction.author == "deputy")).one()
        assert uow.session.scalars(sa.select(InteractionParticipant.stakeholder_id).where(
            InteractionParticipant.interaction_id == called.id)).all() == [ruth]
    assert handover.current is not None
    note = absence.get_note(store, handover.current.id, case.id)
    assert note is not None and note.acknowledged_by == "Dana Deputy"
    assert note.synthesis == "Chase the pharmacy Tuesday; call Ruth after."

    assert keys.keys == KEYS, keys.keys  # the table above; fewer is better: update it


def test_enter_presses_the_focused_button_on_every_page(qtbot: Any, window: MainWindow) -> None:
    """Enter on a focused page button presses it, as in a dialog (it did nothing)."""
    for page in window.pages:
        window.show_page(page.title)
        buttons = [b for b in page.findChildren(QPushButton) if b.isVisible()]
        assert buttons, page.title
        assert all(b.autoDefault() for b in buttons), page.title
    window.show_page("Cases")
    new_case = window.findChild(QPushButton, "newCase")
    new_case.setFocus()
    pressed: list[bool] = []
    new_case.clicked.disconnect()
    new_case.clicked.connect(lambda: pressed.append(True))
    qtbot.keyClick(new_case, Qt.Key.Key_Return)
    qtbot.keyClick(new_case, Qt.Key.Key_Enter)
    assert pressed == [True, True]
