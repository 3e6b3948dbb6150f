"""Unusable stored settings never stop the app from starting: defaults, a warning."""

from __future__ import annotations

import json
import logging

import pytest
import sqlalchemy as sa

from spocdesk import app as app_module
from spocdesk.core.cases import service as cases
from spocdesk.core.model import Setting
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, backup
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE

BAD = {
    "auto_lock_minutes": json.dumps(10**30),
    "backup_dir": json.dumps("/tmp/\x00nowhere"),
    "backup_keep_daily": json.dumps("seven"),
    "sla": "{broken",
    "keep_running_in_tray": json.dumps([1]),
    "calendar_file": json.dumps({"a": 1}),
}


def test_the_app_starts_on_defaults(qtbot, location: Location, monkeypatch,
                                    caplog: pytest.LogCaptureFixture) -> None:
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="Something to back up"))
    with store.connection() as conn, conn.begin():
        for key, value in BAD.items():
            conn.execute(sa.insert(Setting).values(id=key, key=key, value=value, revision=1))
    store.close()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where, PASSPHRASE)))
    monkeypatch.setattr(app_module, "show_error", lambda *a: pytest.fail(str(a)))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    with caplog.at_level(logging.WARNING, logger="spocdesk"):
        assert session.start()
    try:
        assert session.idle.limit.total_seconds() == 10 * 60  # the default
        assert [b.kind for b in backup.list_backups(location)] == ["daily"]  # default folder
        for key in BAD:
            assert f"setting {key} cannot be used" in caplog.text
        assert session.store is not None
        with session.store.connection() as conn:  # nothing was rewritten
            stored = {k: v for k, v in conn.execute(sa.select(Setting.key, Setting.value))}
        assert {k: v for k, v in stored.items() if k in BAD} == BAD
    finally:
        session.shutdown()


def test_an_empty_store_takes_and_announces_no_daily_backup(qtbot, location: Location,
                                                            monkeypatch) -> None:
    Store.create(location, PASSPHRASE).close()
    monkeypatch.setattr(UnlockDialog, "ask", classmethod(
        lambda cls, where, parent=None, message="", prepare=None: Store.open(where, PASSPHRASE)))
    monkeypatch.setattr(app_module, "show_error", lambda *a: pytest.fail(str(a)))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    assert session.start()
    try:
        assert backup.list_backups(location) == []
        assert "backup" not in session.window.statusBar().currentMessage()
        assert session.store is not None and not backup.holds_records(session.store)
        cases.add_case(session.store, cases.NewCase(title="First case"))
        assert backup.holds_records(session.store)
    finally:
        session.shutdown()
