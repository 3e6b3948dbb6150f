"""Remembering a store's passphrase in the OS keyring, when there is one.

With no usable keyring (no Secret Service, the fail or null backend, a locked
or broken one) every call here degrades to "not remembered" and
:func:`availability` says why, so the GUI can disable its checkbox.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import keyring
from keyring.errors import KeyringError

log = logging.getLogger(__name__)

SERVICE = "spocdesk"


@dataclass(frozen=True)
class Availability:
    usable: bool
    reason: str = ""


def _account(store: Path | str) -> str:
    """The keyring's name for a store: the file's full path, or a team server's URL
    (without any password: :func:`spocdesk.core.store.backend.display_url`)."""
    if isinstance(store, str):
        from spocdesk.core.store.backend import display_url

        return display_url(store)
    return str(store.resolve())


def availability() -> Availability:
    try:
        backend = keyring.get_keyring()
    except Exception:
        return Availability(False, "The system keyring could not be loaded.")
    module = type(backend).__module__
    if module.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return Availability(False, "No system keyring is available on this computer.")
    try:
        if backend.priority <= 0:
            return Availability(False, "The system keyring is not usable here.")
    except Exception:
        return Availability(False, "The system keyring is not usable here.")
    return Availability(True)


def recall(store: Path | str) -> str | None:
    if not availability().usable:
        return None
    try:
        return keyring.get_password(SERVICE, _account(store))
    except (KeyringError, RuntimeError, OSError):
        log.warning("the system keyring could not be read")
        return None


def remember(store: Path | str, passphrase: str) -> bool:
    """Keep the passphrase; ``False`` (and nothing kept) when the keyring fails."""
    if not availability().usable:
        return False
    try:
        keyring.set_password(SERVICE, _account(store), passphrase)
        return True
    except (KeyringError, RuntimeError, OSError):
        log.warning("the system keyring refused to store the passphrase")
        return False


def forget(store: Path | str) -> None:
    if not availability().usable:
        return
    try:
        keyring.delete_password(SERVICE, _account(store))
    except keyring.errors.PasswordDeleteError:
        pass
    except (KeyringError, RuntimeError, OSError):
        log.warning("the system keyring could not forget the passphrase")
