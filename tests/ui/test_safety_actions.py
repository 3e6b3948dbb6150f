"""File → Restore… and File → Change passphrase… through the app session."""

from __future__ import annotations

import pytest

from spocdesk import app as app_module
from spocdesk.core.cases import service as cases
from spocdesk.core.errors import WrongPassphrase
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, backup
from spocdesk.ui.safety import ChangePassphraseDialog, RestoreDialog
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE

NEW = "a brand new passphrase here"


@pytest.fixture
def session(qtbot, location: Location, monkeypatch):
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="Before the backup"))
    store.close()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where, PASSPHRASE)))
    monkeypatch.setattr(app_module, "show_error", lambda *a: pytest.fail(str(a)))
    s = app_module.Session(location)
    qtbot.addWidget(s.window)
    assert s.start()
    yield s
    s.shutdown()


def test_first_unlock_of_the_day_writes_a_backup(session) -> None:
    assert [b.kind for b in backup.list_backups(session.location)] == ["daily"]


def test_restore_puts_the_backup_back(session, tmp_path, monkeypatch) -> None:
    copy = backup.backup_now(session.store, to=tmp_path / "b.spocdesk-backup")
    cases.add_case(session.store, cases.NewCase(title="After the backup"))
    monkeypatch.setattr(RestoreDialog, "ask",
                        classmethod(lambda cls, folder, parent=None: (copy, PASSPHRASE)))
    session.window.restore_action.trigger()
    assert session.store is not None
    assert [c.title for c in cases.list_cases(session.store)] == ["Before the backup"]
    assert list(session.location.data_dir.glob("spocdesk.db.replaced-*"))


def test_change_passphrase(session, monkeypatch) -> None:
    monkeypatch.setattr(ChangePassphraseDialog, "ask",
                        classmethod(lambda cls, parent=None: (PASSPHRASE, NEW)))
    session.window.passphrase_action.trigger()
    cases.add_case(session.store, cases.NewCase(title="Still writable"))
    session.shutdown()
    with pytest.raises(WrongPassphrase):
        Store.open(session.location, PASSPHRASE)
    store = Store.open(session.location, NEW)
    assert len(cases.list_cases(store)) == 2
    store.close()
