"""Unlocking a damaged store offers the newest good backup; accepting restores it and
opens normally, and the damaged file is kept aside byte for byte."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from spocdesk import app as app_module
from spocdesk.core.cases import service as cases
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, backup, keying, vault
from spocdesk.ui.safety import DamagedStoreOffer
from spocdesk.ui.unlock import UnlockDialog
from tests.conftest import PASSPHRASE


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keying, "KDF_ITERATIONS", 2_000)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _flip_a_bit_in_the_last_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) - keying.PAGE_SIZE + 300] ^= 0x01
    path.write_bytes(bytes(data))


def _damaged_store(location: Location, *, with_backup: bool = True) -> str:
    """A store with one case in a backup and one after it; then a flipped bit in its
    last page (records, not schema). Returns the damaged file's digest."""
    store = Store.create(location, PASSPHRASE)
    cases.add_case(store, cases.NewCase(title="In the backup"))
    if with_backup:
        backup.backup_now(store)
    cases.add_case(store, cases.NewCase(title="After the backup"))
    store.close()
    _flip_a_bit_in_the_last_page(location.store)
    return _digest(location.store)


def _when_modal(name: str, action: Callable[[QWidget], None]) -> None:
    """Run ``action`` on the modal window called ``name`` as soon as it shows."""
    deadline = time.monotonic() + 30

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None or modal.objectName() != name or not modal.isVisible():
            if time.monotonic() < deadline:
                QTimer.singleShot(20, poll)
            elif modal is not None:
                modal.hide()  # fail, never hang
            return
        action(modal)

    QTimer.singleShot(0, poll)


def _click(name: str, shots: list[Path] | None = None) -> Callable[[QWidget], None]:
    def click(box: QWidget) -> None:
        if shots is not None:
            shots.append(Path(f"/tmp/{box.objectName()}.png"))
            box.grab().save(str(shots[-1]))
        button = box.findChild(QPushButton, name)
        assert button is not None, f"no button {name}"
        button.click()
    return click


def _type_passphrase(then: Callable[[], None] | None = None) -> Callable[[QWidget], None]:
    def unlock(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        if then is not None:
            then()
        dialog.unlock_button.click()
    return unlock


def _titles(store: Store | None) -> list[str]:
    assert store is not None
    return sorted(c.title for c in cases.list_cases(store))


def test_unlock_offers_the_newest_good_backup_and_restores_it(qtbot, location: Location,
                                                              monkeypatch) -> None:
    damaged = _damaged_store(location)
    good = backup.list_backups(location)[0]
    monkeypatch.setattr(app_module, "show_error", lambda *a: pytest.fail(str(a)))
    shots: list[Path] = []
    _when_modal("unlockDialog", _type_passphrase(
        then=lambda: _when_modal("damagedStoreOffer", _click("restoreBackupButton", shots))))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    try:
        assert session.start()
        assert _titles(session.store) == ["In the backup"]
        aside = list(location.data_dir.glob("spocdesk.db.replaced-*"))
        assert [_digest(p) for p in aside if not p.name.endswith(("-wal", "-shm"))] == [damaged]
        assert good.path.exists()  # the backup itself is still there
        assert shots, "the offer was never shown"
    finally:
        session.shutdown()


def test_offer_names_the_date_and_a_sentence(qtbot, location: Location) -> None:
    _damaged_store(location)
    found = backup.describe(backup.list_backups(location)[0].path)
    box = DamagedStoreOffer.build(None, "The store at X is damaged; restore it from a backup.",
                                  found, location.backup_dir)
    qtbot.addWidget(box)
    assert "Restore the backup from " in box.text()
    assert box.findChild(QPushButton, "restoreBackupButton") is not None
    box.show()
    box.grab().save("/tmp/damaged-offer.png")


def test_without_a_good_backup_it_says_so_and_changes_nothing(qtbot, location: Location,
                                                             monkeypatch) -> None:
    damaged = _damaged_store(location, with_backup=False)
    texts: list[str] = []

    def cancel(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        texts.append(box.text() + "\n" + box.informativeText())
        box.grab().save("/tmp/damaged-no-backup.png")
        assert box.findChild(QPushButton, "restoreBackupButton") is None
        box.reject()

    seen_errors: list[str] = []

    def unlock(dialog: QWidget) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        _when_modal("damagedStoreOffer", cancel)
        dialog.unlock_button.click()
        seen_errors.append(dialog.error.text())
        dialog.reject()  # the user quits

    _when_modal("unlockDialog", unlock)
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    assert not session.start()
    session.shutdown()
    assert "No backup in" in texts[0] and "spocdesk restore FILE" in texts[0]
    assert "is damaged" in seen_errors[0]
    assert _digest(location.store) == damaged
    assert not list(location.data_dir.glob("spocdesk.db.replaced-*"))


def test_a_remembered_passphrase_gets_the_same_offer(qtbot, location: Location,
                                                     monkeypatch) -> None:
    damaged = _damaged_store(location)
    vault.remember(location.store, PASSPHRASE)
    offers: list[object] = []

    def accept(cls, parent, damage, found, folder):
        offers.append(found)
        return DamagedStoreOffer.RESTORE

    monkeypatch.setattr(DamagedStoreOffer, "ask", classmethod(accept))
    session = app_module.Session(location)
    qtbot.addWidget(session.window)
    try:
        assert session.start()
        assert len(offers) == 1 and offers[0] is not None
        assert _titles(session.store) == ["In the backup"]
        aside = next(location.data_dir.glob("spocdesk.db.replaced-*"))
        assert _digest(aside) == damaged
    finally:
        session.shutdown()


def test_the_backup_folder_from_the_settings_is_searched(location: Location,
                                                         tmp_path: Path) -> None:
    from spocdesk.core import preferences

    store = Store.create(location, PASSPHRASE)
    chosen = tmp_path / "elsewhere"
    value = preferences.get_settings(store)
    value.backup_dir = str(chosen)
    preferences.save_settings(store, value)
    path = backup.backup_now(store)
    for n in range(20):  # the last pages hold cases, not the settings
        cases.add_case(store, cases.NewCase(title=f"Case {n}", description="x" * 2000))
    store.close()
    assert path.parent == chosen
    _flip_a_bit_in_the_last_page(location.store)
    before = _digest(location.store)
    assert backup.newest_good_backup(location, PASSPHRASE) == path
    assert _digest(location.store) == before
