"""One rotating log file per data directory. Log lines never carry record content:
modules log what happened ("opened a store"), never names, titles or notes."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from spocdesk.core.safe_write import OWNER_FILE, owner_only, private_dir

LOG_NAME = "spocdesk.log"
_handler: logging.Handler | None = None


class _OwnerOnlyHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are created 0600, whatever the umask."""

    def _open(self):  # type: ignore[no-untyped-def]
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, OWNER_FILE)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup(log_dir: Path, level: int = logging.INFO) -> Path:
    global _handler
    private_dir(log_dir, narrow=True)
    path = log_dir / LOG_NAME
    for old in log_dir.glob(f"{LOG_NAME}*"):  # written 0644 by an older spocdesk
        owner_only(old)
    root = logging.getLogger("spocdesk")
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    _handler = _OwnerOnlyHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(_handler)
    root.setLevel(level)
    return path


def log_crash(exc_type: type[BaseException], exc: BaseException,
              tb: TracebackType | None) -> None:
    """Log where a crash happened: frames only, never the exception's message or locals,
    which could quote a record."""
    frames = "".join(traceback.format_tb(tb))
    logging.getLogger("spocdesk.crash").error(
        "unhandled %s.%s\n%s", exc_type.__module__, exc_type.__qualname__, frames
    )


def install_excepthook() -> None:
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        log_crash(exc_type, exc, tb)
        previous(exc_type, exc, tb)

    sys.excepthook = hook


def disable_core_dumps() -> bool:
    """Stop the OS from writing a core dump of this process (it would hold the key and
    decrypted records). Call once at start, in the app and the CLI. Returns whether
    the limit is now zero; where ``resource`` does not exist (Windows) it does nothing.
    """
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return False
    try:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ValueError, OSError):
        logging.getLogger(__name__).warning("could not disable core dumps")
        return False
    return resource.getrlimit(resource.RLIMIT_CORE) == (0, 0)
