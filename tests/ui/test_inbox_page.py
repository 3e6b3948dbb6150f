"""The Inbox page (issue 20, item 3): unfiled mail grouped by sender, newest first, a
lazy SQL-paged model, the count in the sidebar, and triage from the keyboard alone."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from spocdesk.core.cases import detail as case_detail
from spocdesk.core.cases import service as cases
from spocdesk.core.mail import inbox
from spocdesk.core.mail.capture import capture
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.inbox.page import CaseRefDialog, InboxPage, case_ref
from spocdesk.ui.main_window import MainWindow
from tests.core.mail.helpers import message

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _mail(store: Store, specs: list[tuple[str, str]]) -> None:
    """(subject, sender address) pairs, one minute apart, the last the newest."""
    capture(store, [message(subject, sender=sender, name=sender.partition("@")[0].title(),
                            message_id=f"m{n}@test", date=START + timedelta(minutes=n),
                            text=f"Text of {subject}\nsecond line")
                    for n, (subject, sender) in enumerate(specs)], source="file")


@pytest.fixture
def page(qtbot, store: Store) -> InboxPage:
    widget = InboxPage(ChangeBus())
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    return widget


def _press(qtbot, page: InboxPage, key: Qt.Key,
           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    page.activateWindow()  # back from a dialog, as the window manager does
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    page.table.setFocus()
    qtbot.keyClick(page.table, key, modifier)


def test_grouped_by_sender_newest_first_with_a_model_that_passes(
        page: InboxPage, store: Store, qtmodeltester) -> None:
    _mail(store, [("Old question", "ada@example.org"), ("Invoice", "bob@example.com"),
                  ("Newer question", "ada@example.org")])
    page.set_store(store)
    qtmodeltester.check(page.model)
    shown = [[page.model.index(r, c).data() for c in range(2)] for r in range(3)]
    assert shown == [["Ada <ada@example.org> (2)", "Newer question"], ["", "Old question"],
                     ["Bob <bob@example.com>", "Invoice"]]
    assert page.model.index(1, 0).data(Qt.ItemDataRole.AccessibleTextRole) \
        == "Ada <ada@example.org> (2)"
    assert page.model.index(0, 3).data() == "Text of Newer question second line"
    assert page.current_id() == page.model.record_id(0)
    assert "Text of Newer question" in page.message.body.toPlainText()
    assert "3 e-mails to file from 2 senders" in page.heading.text()


def test_the_sidebar_counts_what_waits(qtbot, store: Store) -> None:
    window = MainWindow(store.location)
    qtbot.addWidget(window)
    _mail(store, [("One", "ada@example.org"), ("Two", "bob@example.com")])
    window.set_store(store)
    item = window.nav.item(window.pages.index(window.page_titled("Inbox")))
    assert item.text() == "Inbox (2)"  # before the page was ever shown
    inbox.dismiss(store, inbox.list_unfiled(store)[0].id)
    window.bus.publish(inbox.dismiss(store, inbox.list_unfiled(store)[0].id).changes)
    assert item.text() == "Inbox"


def test_new_case_links_the_sender_as_requester(qtbot, page: InboxPage, store: Store) -> None:
    _mail(store, [("Boiler broken", "ada@example.org")])
    page.set_store(store)
    _press(qtbot, page, Qt.Key.Key_N)
    assert inbox.count_unfiled(store) == 0
    case = case_detail.get_case(store, "C-0001")
    assert case.title == "Boiler broken"
    assert [(p.name, p.role) for p in case.participants] == [("Ada", "requester")]
    assert page.said.text() == ("C-0001 opened; the e-mail is logged there and its sender "
                                "is the requester.")
    assert page.empty.isVisible()


def test_stakeholder_not_a_request_and_ignore_domain(qtbot, page: InboxPage,
                                                     store: Store) -> None:
    _mail(store, [("Hi", "carl@news.example.net"), ("Deal", "dora@news.example.net"),
                  ("Lunch?", "eve@example.org")])
    page.set_store(store)
    assert page.model.index(0, 1).data() == "Lunch?"
    _press(qtbot, page, Qt.Key.Key_S)
    assert [r.display_name for r in stakeholders.list_stakeholders(store)] == ["Eve"]
    assert inbox.count_unfiled(store) == 3  # the e-mail waits to be filed
    _press(qtbot, page, Qt.Key.Key_Delete)
    assert inbox.count_unfiled(store) == 2
    _press(qtbot, page, Qt.Key.Key_I, Qt.KeyboardModifier.ShiftModifier)
    assert inbox.count_unfiled(store) == 0
    assert page.said.text() == ("The sender's domain is ignored from now on; 2 e-mails "
                                "left the inbox.")


def test_case_ref_is_read_as_people_type_it() -> None:
    assert [case_ref(t) for t in ("42", "c42", "C-0042", "C-0042 Boiler", "x")] == [
        "C-0042", "C-0042", "C-0042", "C-0042", None]


def _type_into_dialog(qtbot, keys: str, typed: list[int], tries: int = 300) -> None:
    """Once the Add to case dialog is up, type ``keys`` and Enter into it."""
    dialog = QApplication.activeModalWidget()
    if not isinstance(dialog, CaseRefDialog) or not dialog.ref.hasFocus():
        if tries:
            QTimer.singleShot(10, lambda: _type_into_dialog(qtbot, keys, typed, tries - 1))
        elif dialog is not None:
            dialog.reject()
        return
    qtbot.keyClicks(dialog.ref, keys)
    qtbot.keyClick(dialog.ref, Qt.Key.Key_Return)
    typed.append(len(keys) + 1)
    if dialog.isVisible():
        dialog.reject()  # Enter did not take: the count below tells


def test_triage_of_fifty_messages_from_the_keyboard(qtbot, page: InboxPage,
                                                    store: Store) -> None:
    """50 messages: 20 requests (N), 12 for an open case (A, 1, Enter), 8 that are no
    request (X) and 10 from one newsletter sender (I once)."""
    cases.add_case(store, cases.NewCase(title="Running case", status="open"))
    specs = [(f"request {n}", f"client{n}@example.org") for n in range(20)]
    specs += [(f"about case {n}", f"partner{n}@example.com") for n in range(12)]
    specs += [(f"thanks {n}", f"friend{n}@example.net") for n in range(8)]
    specs += [(f"newsletter {n}", "news@letters.example") for n in range(10)]
    _mail(store, specs)
    page.set_store(store)
    page.window().activateWindow()
    assert page.model.rowCount() == 50
    typed: list[int] = []
    keys = {"request": Qt.Key.Key_N, "about": Qt.Key.Key_A, "thanks": Qt.Key.Key_X,
            "newsletter": Qt.Key.Key_I}
    started = time.perf_counter()
    while page.model.rowCount():
        subject = page.model.index(page.table.currentIndex().row(), 1).data()
        key = keys[subject.split()[0]]
        if key == Qt.Key.Key_A:
            QTimer.singleShot(0, lambda: _type_into_dialog(qtbot, "1", typed))
        _press(qtbot, page, key)
        typed.append(1)
        assert len(typed) < 200, (subject, page.said.text())
    seconds = time.perf_counter() - started
    assert inbox.count_unfiled(store) == 0
    assert case_detail.get_case(store, "C-0001").title == "Running case"
    assert cases.count_cases(store) == 21
    keystrokes = sum(typed)
    assert keystrokes == 20 + 12 * 3 + 8 + 1  # 65: one key a message, three to add
    print(f"triage of 50 messages: {keystrokes} keystrokes, {seconds:.1f} s of app time")
