"""Mail into the store from the GUI (issue 20, items 1 and 6): File → Import mail…,
files dropped onto the window or onto a case, the private folder of opened
attachments (0700, gone on lock and exit), and tel:/mailto: links on the card."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent

from spocdesk import app as app_module
from spocdesk.core.cases import service as cases
from spocdesk.core.mail import inbox
from spocdesk.core.paths import Location
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.cases.page import CasesPage
from spocdesk.ui.mail import files, links
from spocdesk.ui.main_window import MainWindow
from spocdesk.ui.stakeholders.detail import LINK_ROLE, StakeholderDetailPanel
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE
from tests.ui.mail_files import eml


@pytest.fixture
def window(qtbot, store: Store) -> MainWindow:
    win = MainWindow(store.location)
    qtbot.addWidget(win)
    win.show()
    win.set_store(store)
    return win


def _mime(paths: list[Path]) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


def _send_drop(widget, paths: list[Path]) -> bool:
    """As :func:`_drop`, through the event system (its event filters see it)."""
    from PySide6.QtWidgets import QApplication

    mime = _mime(paths)
    enter = QDragEnterEvent(widget.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(widget.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return drop.isAccepted()


def _drop(widget, paths: list[Path]) -> bool:
    """Drag the files over ``widget`` and drop them; whether it took them."""
    mime = _mime(paths)
    enter = QDragEnterEvent(widget.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dragEnterEvent(enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(widget.rect().center()), Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(drop)
    return drop.isAccepted()


def test_import_mail_menu_puts_unfiled_mail_in_the_inbox(window: MainWindow, store: Store,
                                                         tmp_path: Path, monkeypatch) -> None:
    chosen = [eml(tmp_path, "a.eml"), eml(tmp_path, "b.eml", subject="Invoice", minute=5)]
    monkeypatch.setattr(files, "ask_mail_files", lambda parent: chosen)
    assert window.import_mail_action.isEnabled()
    window.import_mail_action.trigger()
    assert inbox.count_unfiled(store) == 2
    assert window.statusBar().currentMessage() == "2 e-mails imported, 2 in the inbox."
    window.import_mail_action.trigger()  # the same files again: nothing twice
    assert inbox.count_unfiled(store) == 2
    assert window.statusBar().currentMessage() == "Every e-mail in it was imported before."


def test_mail_dropped_on_the_window_is_imported(qtbot, window: MainWindow, store: Store,
                                                tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not mail")
    assert not _drop(window, [other])  # other files are not taken
    assert _drop(window, [eml(tmp_path, "a.eml"), other])
    qtbot.waitUntil(lambda: inbox.count_unfiled(store) == 1)  # once the drop has ended


def test_mail_dropped_on_a_case_is_filed_there(qtbot, store: Store, tmp_path: Path) -> None:
    from spocdesk.ui.bus import ChangeBus

    ref = cases.add_case(store, cases.NewCase(title="Boiler repair", status="open")).value
    case_id = cases.list_cases(store)[0].id
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(store)
    page.select_case(case_id)
    detail = page.detail
    assert detail.case is not None and detail.case.ref == ref
    assert _drop(detail, [eml(tmp_path, "a.eml"), eml(tmp_path, "b.eml", minute=3)])
    qtbot.waitUntil(lambda: detail.save_state.text() != "")  # once the drop has ended
    assert inbox.count_unfiled(store) == 0
    assert detail.save_state.text() == f"2 e-mails imported, 2 filed (on {ref} or by the rules)."
    texts = "\n".join(detail.timeline.texts())
    assert texts.count("A question") == 2


def _attachment(store: Store, tmp_path: Path) -> tuple[str, str]:
    """A captured e-mail's kept attachment: (its id, its name)."""
    files.import_mail(store, [eml(tmp_path, "att.eml", attachment=("../../etc/report.pdf",
                                                                   b"%PDF-1.4 secret"))])
    mail = inbox.get_mail(store, inbox.list_unfiled(store)[0].id)
    return mail.attachments[0].id, mail.attachments[0].filename


def test_attachment_folder_is_private_and_goes_on_lock(window: MainWindow, store: Store,
                                                       tmp_path: Path) -> None:
    attachment_id, name = _attachment(store, tmp_path)
    path = window.attachments.write(store, attachment_id, name)
    folder = path.parent
    assert path.name == "report.pdf" and path.read_bytes() == b"%PDF-1.4 secret"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    window.set_store(None)  # the lock
    assert not folder.exists()


def test_attachment_folder_goes_on_exit(qtbot, location: Location, monkeypatch,
                                        tmp_path: Path) -> None:
    store = Store.create(location, PASSPHRASE)
    attachment_id, name = _attachment(store, tmp_path)
    store.close()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where, PASSPHRASE)))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    assert session.start()
    assert session.store is not None
    folder = session.window.attachments.write(session.store, attachment_id, name).parent
    session.shutdown()
    assert not folder.exists()


def test_phone_numbers_are_tel_links(qtbot, store: Store, monkeypatch) -> None:
    from spocdesk.ui.bus import ChangeBus

    sid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Ada", contact_points=[
            stakeholders.NewContactPoint("phone", "+49 (30) 1234-56 ext. 7"),
            stakeholders.NewContactPoint("email", "ada@example.org")])).value
    panel = StakeholderDetailPanel(ChangeBus())
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_stakeholder(sid)
    opened: list[str] = []
    monkeypatch.setattr("spocdesk.ui.stakeholders.detail.open_url", opened.append)
    urls = [panel.points.item(i).data(LINK_ROLE) for i in range(panel.points.count())]
    assert sorted(urls) == ["mailto:ada@example.org", "tel:+4930123456;ext=7"]
    for row in range(panel.points.count()):
        panel.points.itemActivated.emit(panel.points.item(row))
    assert sorted(opened) == sorted(urls)


@pytest.mark.parametrize(("written", "url"), [
    ("+49 30 123456", "tel:+4930123456"), ("0049 30 123456", "tel:+4930123456"),
    ("(030) 12 34 56", "tel:030123456"), ("+1 555-0100 x23", "tel:+15550100;ext=23"),
    ("call reception", None)])
def test_tel_url(written: str, url: str | None) -> None:
    assert links.tel_url(written) == url


def test_mail_dropped_on_the_quick_log_is_filed_not_typed(qtbot, store: Store,
                                                         tmp_path: Path) -> None:
    """Item 3: the quick log's text fields would take a dropped file as its path."""
    from spocdesk.ui.bus import ChangeBus

    ref = cases.add_case(store, cases.NewCase(title="Boiler repair", status="open")).value
    page = CasesPage(ChangeBus())
    qtbot.addWidget(page)
    page.set_store(store)
    page.select_case(cases.list_cases(store)[0].id)
    detail = page.detail
    summary, body = detail.quick_log.summary, detail.quick_log.body
    assert _send_drop(summary, [eml(tmp_path, "a.eml")])
    qtbot.waitUntil(lambda: detail.save_state.text() != "")
    assert summary.text() == ""
    assert detail.save_state.text() == f"1 e-mail imported, 1 filed (on {ref} or by the rules)."
    assert _send_drop(body.viewport(), [eml(tmp_path, "b.eml", minute=3)])
    qtbot.waitUntil(lambda: "A question" in "\n".join(detail.timeline.texts())
                    and "\n".join(detail.timeline.texts()).count("A question") == 2)
    assert body.toPlainText() == ""


def test_a_large_import_runs_off_the_gui_thread_and_a_cancel_keeps_nothing(
        qtbot, window: MainWindow, store: Store, tmp_path: Path, monkeypatch) -> None:
    """Item 2: the files are read in a worker thread behind a progress dialog; its
    Cancel rolls the whole import back."""
    import threading

    from spocdesk.core.mail import parse
    from spocdesk.ui import ops

    chosen = [eml(tmp_path, f"m{n}.eml", subject=f"Question {n}", minute=n) for n in range(30)]
    threads: set[str] = set()
    real = parse.iter_file

    def slow(path, *, cap):  # a slow disk: long enough to press Cancel
        threads.add(threading.current_thread().name)
        yield from real(path, cap=cap)
        threading.Event().wait(0.1)

    monkeypatch.setattr(files, "iter_file", slow)
    monkeypatch.setattr(files, "ask_mail_files", lambda parent: chosen)

    def cancel_when_shown() -> None:
        dialog = window.findChild(ops.JobProgress)
        if dialog is not None and dialog.isVisible():
            dialog.findChild(QPushButton).click()  # its Cancel button
        else:
            QTimer.singleShot(50, cancel_when_shown)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QPushButton

    QTimer.singleShot(50, cancel_when_shown)
    window.import_mail_action.trigger()
    assert threading.current_thread().name not in threads
    assert inbox.count_unfiled(store) == 0  # cancelled: all or nothing
    monkeypatch.setattr(files, "iter_file", real)
    window.import_mail_action.trigger()
    assert inbox.count_unfiled(store) == 30
    assert window.statusBar().currentMessage() == "30 e-mails imported, 30 in the inbox."
