"""Writing a file the user named: never onto the store, never half a file, owner-only.

Every command and dialog that writes a file the user chose (vCards, calendars, CSV,
JSON, PDF) goes through here:

- :func:`guard` refuses the store itself, its ``-wal``/``-shm``/``-journal`` and lock
  file, the store kept aside by a restore, any backup (by name, or a file in a backup
  folder) and a handover pack; and an existing file unless ``force`` (the command
  line's ``--force``; a save dialog has asked already);
- :func:`atomic_write` writes a temporary file in the same folder (so the rename
  cannot cross file systems), fsyncs it and renames it into place: a full disk or a
  crash leaves the old file or none, never half of the new one;
- everything spocdesk creates is owner-only: files 0600 (:data:`OWNER_FILE`),
  folders 0700 (:func:`private_dir`), whatever the umask.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, SpocError

if TYPE_CHECKING:
    from spocdesk.core.paths import Location
    from spocdesk.core.store import Store

OWNER_FILE = 0o600
OWNER_DIR = 0o700

# names that are spocdesk's own encrypted files, never an export's target
PROTECTED_SUFFIXES = (".spocdesk-backup", ".spocpack")
STORE_SIDE_FILES = ("", "-wal", "-shm", "-journal", ".lock")


class ProtectedTarget(InvalidInput):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "{path} is the store, one of its backups or a handover pack; spocdesk never "
            "writes an export onto it. Choose another file."), path=path)


class TargetExists(InvalidInput):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{path} exists already; choose another name or use --force."),
            path=path)


class FileNotWritten(SpocError):
    """Writing a file failed; ``reason`` says why in words (disk full, no permission)."""

    def __init__(self, path: object, reason: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{path} could not be written ({reason}); nothing was changed."),
            path=path, reason=reason)


def os_reason(exc: OSError) -> object:
    """The cause of an OS error in words the user knows."""
    from spocdesk.core.errors import Message

    if exc.errno == errno.ENOSPC:
        return Message(QT_TRANSLATE_NOOP("spocdesk.core", "the disk is full"))
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Message(QT_TRANSLATE_NOOP("spocdesk.core", "permission denied"))
    if exc.errno == errno.EROFS:
        return Message(QT_TRANSLATE_NOOP("spocdesk.core", "the disk is read-only"))
    if exc.errno == errno.ENOENT:
        return Message(QT_TRANSLATE_NOOP("spocdesk.core", "the folder is not there"))
    return exc.strerror or type(exc).__name__


# -- which targets are refused ----------------------------------------------------


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def is_protected(target: Path, location: Location | None,
                 backup_folders: Iterable[Path] = ()) -> bool:
    """Whether ``target`` is one of spocdesk's own files (see the module docstring)."""
    name = target.name
    if target.exists() and (name.endswith(PROTECTED_SUFFIXES) or ".spocdesk-backup" in name):
        return True
    if location is None:
        return False
    store = location.store
    if any(_same(target, Path(f"{store}{side}")) for side in STORE_SIDE_FILES):
        return True
    if name.startswith(f"{store.name}.replaced-") and _same(target.parent, store.parent):
        return True
    folders = [location.backup_dir, *backup_folders]
    return target.exists() and any(_same(target.parent, folder) for folder in folders
                                   if folder.is_dir())


def guard(store: Store | None, path: str | os.PathLike[str], *,
          force: bool | None = None) -> Path:
    """The absolute target, after refusing spocdesk's own files (always) and an
    existing file unless ``force`` (``None``: the caller asked already, e.g. a save
    dialog). Raises :class:`ProtectedTarget`, :class:`TargetExists` or
    :class:`InvalidInput` for a folder that does not exist."""
    target = Path(path).expanduser().absolute()
    location = store.location if store is not None else None
    folders: list[Path] = []
    if store is not None and store.is_open:
        from spocdesk.core import settings

        with store.session() as session:
            chosen = settings.load(session).backup_dir
        if chosen:
            folders.append(Path(chosen).expanduser())
    if is_protected(target, location, folders):
        raise ProtectedTarget(target)
    if target.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{path} is a folder; give a file name."), path=target)
    if force is False and (target.is_symlink() or (target.exists() and not _special(target))):
        raise TargetExists(target)
    if not target.parent.is_dir():
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The folder {folder} does not exist."), folder=target.parent)
    return target


# -- writing --------------------------------------------------------------------


def _special(path: Path) -> bool:
    """A character device or a FIFO: written in place, never replaced by a rename."""
    try:
        kind = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(kind) or stat.S_ISFIFO(kind)


def _fdopen(fd: int, binary: bool, encoding: str, newline: str | None) -> IO[Any]:
    if binary:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding=encoding, newline=newline)


@contextmanager
def atomic_write(path: str | os.PathLike[str], *, binary: bool = False,
                 encoding: str = "utf-8", newline: str | None = "") -> Iterator[IO[Any]]:
    """Yield a file beside ``path`` to write to; on success it is fsynced and renamed
    onto ``path`` (mode 0600); on any error it is removed and the target untouched.
    A device or a pipe (``/dev/stdout``) is written in place. An :class:`OSError`
    becomes :class:`FileNotWritten` naming the cause."""
    target = Path(path).expanduser().absolute()
    folder = target.parent
    if _special(target):
        try:
            with _fdopen(os.open(target, os.O_WRONLY), binary, encoding, newline) as fh:
                yield fh
        except OSError as exc:
            raise FileNotWritten(target, os_reason(exc)) from exc
        return
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".partial")
    except OSError as exc:
        raise FileNotWritten(target, os_reason(exc)) from exc
    try:
        os.fchmod(fd, OWNER_FILE)
        with _fdopen(fd, binary, encoding, newline) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)
        fsync_dir(folder)
    except OSError as exc:
        with suppress(OSError):
            os.unlink(temp)
        raise FileNotWritten(target, os_reason(exc)) from exc
    except BaseException:
        with suppress(OSError):
            os.unlink(temp)
        raise


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); a no-op where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- owner-only -------------------------------------------------------------------


def private_dir(folder: Path, *, narrow: bool = False) -> Path:
    """Create ``folder`` and any missing parents owner-only (0700). ``narrow``: also
    take group and other rights from an existing folder: only for folders that are
    spocdesk's own (``backups``, ``logs``), never one the user chose (their Documents,
    the folder of a ``--store`` file)."""
    missing: list[Path] = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    for part in reversed(missing):
        with suppress(FileExistsError):
            part.mkdir(mode=OWNER_DIR)
            part.chmod(OWNER_DIR)  # whatever the umask left
    if narrow and not missing:
        _narrow(folder)
    return folder


def new_private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only; :class:`FileExistsError` when it exists.
    SQLite keeps the mode of a file it is given (and gives it to its -wal/-shm)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_FILE)
    try:
        os.fchmod(fd, OWNER_FILE)
    finally:
        os.close(fd)


def owner_only(path: Path) -> None:
    """Take group and other rights from an existing file (one written 0644 by an older
    spocdesk, or by a tool that follows the umask); the owner's rights stay as they are
    (a file made read-only stays read-only). Best effort."""
    _narrow(path)


def _narrow(path: Path) -> None:
    with suppress(OSError):
        current = stat.S_IMODE(path.stat().st_mode)
        if current & 0o077:
            path.chmod(current & ~0o077)
