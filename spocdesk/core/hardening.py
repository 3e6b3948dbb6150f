"""What the process does at start so that no one else reads what it holds or writes.

Called once by the command line and the app (:func:`harden_process`):

- ``umask 077``: every file and folder the process creates is owner-only, also those
  written by libraries that follow the umask (Qt's PDF writer, SQLite's side files);
  spocdesk's own paths set 0600/0700 explicitly as well (:mod:`spocdesk.core.safe_write`);
- no core dump (``RLIMIT_CORE`` 0): a dump would hold the key and decrypted records;
- on Linux, ``prctl(PR_SET_DUMPABLE, 0)``: other processes of the same user can no
  longer attach a debugger or read the process's memory through ``/proc/PID/mem``,
  and ``/proc/PID/environ`` becomes readable by root only (KeePassXC does the same).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import sys

from spocdesk.core import logs

log = logging.getLogger(__name__)

PR_SET_DUMPABLE = 4
PR_GET_DUMPABLE = 3


def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name, use_errno=True) if name else ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


def set_not_dumpable() -> bool:
    """``prctl(PR_SET_DUMPABLE, 0)`` on Linux; ``True`` when it took effect."""
    if not sys.platform.startswith("linux"):
        return False
    libc = _libc()
    if libc is None:
        return False
    if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
        log.warning("could not make the process non-dumpable")
        return False
    return bool(libc.prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0)


def harden_process() -> None:
    """Owner-only files, no core dump, not dumpable (see the module docstring)."""
    if os.name == "posix":
        os.umask(0o077)
    logs.disable_core_dumps()
    set_not_dumpable()
