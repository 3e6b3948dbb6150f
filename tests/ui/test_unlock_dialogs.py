"""The create-store and unlock dialogs, driven through their widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt

from spocdesk.core.paths import Location
from spocdesk.core.store import Store, vault
from spocdesk.ui.unlock import CreateStoreDialog, UnlockDialog
from tests.conftest import PASSPHRASE


def test_create_dialog_checks_strength_and_match(qtbot, location: Location) -> None:
    dialog = CreateStoreDialog(location)
    qtbot.addWidget(dialog)
    assert not dialog.create_button.isEnabled()

    qtbot.keyClicks(dialog.passphrase, "short")
    assert dialog.meter.value() == 0
    assert "Too short" in dialog.hint.text()

    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE + "x")
    assert not dialog.create_button.isEnabled()
    assert "not the same" in dialog.hint.text()

    dialog.repeat.setText(PASSPHRASE)
    assert dialog.create_button.isEnabled()
    assert dialog.meter.value() >= 3


def test_create_dialog_creates_and_remembers(qtbot, location: Location, memory_keyring) -> None:
    dialog = CreateStoreDialog(location)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    assert dialog.remember.isEnabled()
    dialog.remember.setChecked(True)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)

    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.store is not None and dialog.store.is_open
    dialog.store.close()
    assert vault.recall(location.store) == PASSPHRASE


def test_remember_is_disabled_without_keyring(qtbot, location: Location, no_keyring) -> None:
    dialog = CreateStoreDialog(location)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    assert "keyring" in dialog.remember.toolTip()


def test_create_dialog_never_overwrites(qtbot, location: Location) -> None:
    location.data_dir.mkdir(parents=True)
    location.store.write_bytes(b"precious")
    dialog = CreateStoreDialog(location)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.repeat.setText(PASSPHRASE)
    dialog.try_create()
    assert dialog.store is None
    assert "will not overwrite" in dialog.error.text()
    assert location.store.read_bytes() == b"precious"


def test_unlock_wrong_then_right(qtbot, location: Location) -> None:
    Store.create(location, PASSPHRASE).close()
    dialog = UnlockDialog(location)
    qtbot.addWidget(dialog)

    qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.store is None
    assert not dialog.error.isHidden()
    assert dialog.error.text() == "The passphrase is not correct for this store."

    dialog.passphrase.setText(PASSPHRASE)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert dialog.store is not None
    assert dialog.result() == dialog.DialogCode.Accepted
    dialog.store.close()


def test_unlock_can_forget_a_remembered_passphrase(qtbot, location: Location,
                                                   memory_keyring) -> None:
    Store.create(location, PASSPHRASE).close()
    vault.remember(location.store, PASSPHRASE)
    dialog = UnlockDialog(location)
    qtbot.addWidget(dialog)
    assert dialog.remember.isChecked()
    dialog.remember.setChecked(False)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.try_unlock()
    assert dialog.store is not None
    dialog.store.close()
    assert vault.recall(location.store) is None
