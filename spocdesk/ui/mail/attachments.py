"""Opening an attachment: the one plaintext that leaves the store, at the user's request.

:class:`PrivateFolder` makes one temporary folder only the user can read (0700, its
files 0600) the first time an attachment is opened, writes the attachment there and
hands it to the system's program for its type. The folder, with everything in it,
is deleted on lock and on exit (:meth:`PrivateFolder.wipe`; the main window calls it
when the store goes, ``atexit`` when the process ends some other way). The app says
so each time it opens one.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

log = logging.getLogger(__name__)

PREFIX = "spocdesk-open-"
_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]+")


def safe_name(filename: str, fallback: str = "attachment") -> str:
    """A file name that stays inside the folder and that every file system takes."""
    name = _UNSAFE.sub("_", Path(filename.replace("\\", "/")).name).strip(" .")
    return name[:150] or fallback


class PrivateFolder:
    """A 0700 temporary folder for opened attachments, deleted by :meth:`wipe`."""

    def __init__(self, base: Path | None = None) -> None:
        self.base = base  # None: the system's temporary folder
        self.path: Path | None = None
        atexit.register(self.wipe)

    def write(self, filename: str, data: bytes) -> Path:
        """Write ``data`` under ``filename`` (made safe, numbered when taken); 0600."""
        folder = self._folder()
        name = safe_name(filename)
        target = folder / name
        stem, suffix = Path(name).stem, Path(name).suffix
        number = 1
        while target.exists():
            number += 1
            target = folder / f"{stem} ({number}){suffix}"
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                     stat.S_IRUSR | stat.S_IWUSR)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        return target

    def _folder(self) -> Path:
        if self.path is None or not self.path.is_dir():
            self.path = Path(tempfile.mkdtemp(prefix=PREFIX, dir=self.base))  # mode 0700
            os.chmod(self.path, stat.S_IRWXU)
        return self.path

    def wipe(self) -> None:
        """Delete the folder and every attachment in it (on lock and exit)."""
        if self.path is None:
            return
        path, self.path = self.path, None
        shutil.rmtree(path, ignore_errors=True)
        if path.exists():  # a program still holds a file open (Windows): try at exit again
            log.warning("the folder of opened attachments could not be deleted yet")
            self.path = path
        else:
            log.info("deleted the folder of opened attachments")


FOLDER = PrivateFolder()  # the app's one folder of opened attachments (MainWindow wipes it)


def open_file(path: Path) -> bool:
    """Hand a file to the system's program for its type (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
