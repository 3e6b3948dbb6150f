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


def test_mail_dropped_on_the_window_is_imported(window: MainWindow, store: Store,
                                                tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("not mail")
    assert not _drop(window, [other])  # other files are not taken
    assert _drop(window, [eml(tmp_path, "a.eml"), other])
    assert inbox.count_unfiled(store) == 1


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
