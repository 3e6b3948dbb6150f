"""The errors a user can meet, each with one plain sentence as its message.

Every exception raised out of ``spocdesk.core`` on a user's path derives from
:class:`SpocError`, so the CLI and the GUI can show ``str(error)`` and stop.
"""

from __future__ import annotations


class SpocError(Exception):
    """Base class: ``str(error)`` is a sentence fit to show to the user."""


class StoreError(SpocError):
    """Something is wrong with the store file itself."""


class StoreNotFound(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"There is no store at {path}; create one with 'spocdesk init'.")


class StoreExists(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"A file already exists at {path}; spocdesk will not overwrite it.")


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("The passphrase is not correct for this store.")


class NotAStore(StoreError):
    def __init__(self, path: object, why: str) -> None:
        super().__init__(f"{path} is not a spocdesk store: {why}.")


class DamagedStore(StoreError):
    def __init__(self, path: object, why: str = "") -> None:
        detail = f" ({why})" if why else ""
        super().__init__(f"The store at {path} is damaged{detail}; restore it from a backup.")


class StoreInUse(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The store at {path} is already open in another spocdesk window or command; "
            "close that one first."
        )


class StoreTooNew(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"The store at {path} was written by a newer spocdesk; update spocdesk to open it."
        )


class StoreLocked(StoreError):
    def __init__(self) -> None:
        super().__init__("The store is locked; unlock it first.")


class DiskFull(StoreError):
    def __init__(self) -> None:
        super().__init__("The disk is full; nothing was saved. Free some space and try again.")


class ReadOnlyStore(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"The store at {path} cannot be written (read-only file or folder).")


class PassphraseRequired(SpocError):
    def __init__(self) -> None:
        super().__init__(
            "A passphrase is needed: set SPOCDESK_PASSPHRASE, use --passphrase-file, "
            "or run from a terminal."
        )


class WeakPassphrase(SpocError):
    pass


class NotFound(SpocError):
    """A record named by the user does not exist."""


class InvalidInput(SpocError):
    """A value given by the user cannot be used."""
