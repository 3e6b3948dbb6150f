"""Overwrite secrets in memory once they are no longer needed (as KeePassXC does).

Python's ``str`` and ``bytes`` are immutable, and freed objects keep their bytes until
the memory is reused, so a passphrase or a key that is merely dropped can be found in
the process long after. :func:`wipe` overwrites the buffer of a ``bytearray`` (the
honest way) and, in CPython, of a ``bytes`` or an ASCII/Latin-1 ``str`` spocdesk made
itself and holds the only reference to (a derived key, a ``PRAGMA key`` statement).
It never touches an interned string, a string with a cached UTF-8 copy, or anything
that is not CPython; then it does nothing, and says so by returning ``False``.

What cannot be reached: copies made inside Qt (the text of a password field), inside
the ``getpass``/terminal layers, and strings the interpreter copied on its own. The
README's security model says this plainly.
"""

from __future__ import annotations

import ctypes
import os
import platform
import sys

_CPYTHON = platform.python_implementation() == "CPython"
_BYTES_HEADER = sys.getsizeof(b"") - 1  # offset of ob_sval in a bytes object
_ASCII_HEADER = sys.getsizeof("") - 1  # offset of the data of a compact ASCII str
_LATIN1_HEADER = sys.getsizeof("\xe9") - 2


def wipe(secret: bytes | bytearray | str | None) -> bool:
    """Overwrite ``secret`` with zeros (or ``"0"`` for a str) in place; ``True`` when
    done. Only for objects that the caller made and is about to drop."""
    if secret is None or len(secret) == 0:
        return True
    if isinstance(secret, bytearray):
        secret[:] = bytes(len(secret))
        return True
    if not _CPYTHON:
        return False
    if isinstance(secret, bytes):
        ctypes.memset(id(secret) + _BYTES_HEADER, 0, len(secret))
        return True
    if isinstance(secret, str) and not _interned(secret):
        if secret.isascii():
            size = sys.getsizeof(secret) - _ASCII_HEADER - 1
            if size == len(secret):  # compact ASCII and no cached UTF-8 copy
                ctypes.memset(id(secret) + _ASCII_HEADER, ord("0"), len(secret))
                return True
        elif max(secret) <= "\xff":
            size = sys.getsizeof(secret) - _LATIN1_HEADER - 1
            if size == len(secret):  # compact Latin-1 without a UTF-8 copy
                ctypes.memset(id(secret) + _LATIN1_HEADER, ord("0"), len(secret))
                return True
    return False


def _interned(text: str) -> bool:
    """CPython's ``state.interned`` bits (PyASCIIObject: refcnt, type, length, hash, state)."""
    state = ctypes.c_uint32.from_address(id(text) + 4 * ctypes.sizeof(ctypes.c_ssize_t))
    return bool(state.value & 0b11)


def scrub_environment(name: str) -> str | None:
    """Read ``name`` from the environment once, overwrite the C environment's copy
    (``getenv``'s buffer) and remove it, so no child process inherits it; returns the
    value. (The kernel's copy at the top of the stack is what /proc/PID/environ shows;
    the process is made non-dumpable, so only root can read that.)"""
    value = os.environ.get(name)
    if value is None:
        return None
    if _CPYTHON and os.name == "posix":
        try:
            libc = ctypes.CDLL(None)
            libc.getenv.restype = ctypes.c_void_p
            pointer = libc.getenv(name.encode())
            if pointer:
                size = len(ctypes.string_at(pointer))
                ctypes.memset(pointer, ord("0"), size)
        except (OSError, AttributeError):
            pass
    raw = os.environb.get(name.encode()) if os.name == "posix" else None
    del os.environ[name]
    wipe(raw)
    return value
