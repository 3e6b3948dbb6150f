"""The daily backup at unlock fails on a full backup stick: the status bar says why, the
store is not called damaged, and the session keeps working."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from spocdesk import app as app_module
from spocdesk.core import preferences
from spocdesk.core.cases import service as cases
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, backup
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE, fill_store, needs_tmpfs


@needs_tmpfs
def test_daily_backup_on_a_full_disk(qtbot, location: Location, small_tmpfs: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store.create(location, PASSPHRASE)
    fill_store(store)
    prefs = preferences.get_settings(store)
    preferences.save_settings(store, dataclasses.replace(prefs, backup_dir=str(small_tmpfs)))
    store.close()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where, PASSPHRASE)))
    monkeypatch.setattr(app_module, "show_error", lambda *a: pytest.fail(str(a)))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    try:
        assert session.start()
        status = session.window.statusBar().currentMessage()
        assert "Today's backup was not written" in status
        assert "the disk is full" in status and "damaged" not in status
        assert session.store is not None and not session.store.damaged
        page = session.window.show_page("Cases")
        model = page.model  # type: ignore[attr-defined]
        qtbot.waitUntil(lambda: model.rowCount() == 120)
        titles = {model.index(row, 1).data() for row in range(5)}
        assert all(titles)  # data() reads rows without meeting DamagedStore
        cases.add_case(session.store, cases.NewCase(title="Still writable"))
        assert backup.list_backups(location, [small_tmpfs]) == []
    finally:
        session.shutdown()
