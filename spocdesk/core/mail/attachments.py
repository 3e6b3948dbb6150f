"""Opening an attachment: the only plaintext of a captured e-mail that ever leaves the
store, and only at the user's request.

:class:`AttachmentFolder` is one private temporary folder (0700, files 0600) for a
session: :meth:`~AttachmentFolder.write` puts an attachment there under a safe name
(never a path: ``../../.bashrc`` becomes ``.bashrc`` inside the folder; control
characters, reserved names and excess length are cleaned; a name met twice gets a
number), and :meth:`~AttachmentFolder.clear` deletes the folder with all it holds —
the GUI calls it on lock and on exit, and says so when it opens a file.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.mail import inbox
from spocdesk.core.safe_write import OWNER_FILE
from spocdesk.core.store import Store

MAX_NAME = 120
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def safe_name(filename: str) -> str:
    """A file name that stays inside the folder, on any system."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name or _RESERVED.match(name):
        name = f"attachment {name}".strip()
    if len(name) > MAX_NAME:
        stem, dot, suffix = name.rpartition(".")
        if dot and 0 < len(suffix) <= 10:
            name = stem[:MAX_NAME - len(suffix) - 1] + "." + suffix
        else:
            name = name[:MAX_NAME]
    return name


class AttachmentNotKept(InvalidInput):
    def __init__(self, name: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The attachment {name} was above the size limit when the e-mail was captured; "
            "only its name and size were kept."), name=name)


class AttachmentFolder:
    """One private temporary folder for opened attachments; created on first use."""

    def __init__(self, parent: Path | None = None) -> None:
        self._parent = parent
        self._path: Path | None = None

    @property
    def path(self) -> Path | None:
        """The folder, or ``None`` while nothing was opened since the last clear."""
        return self._path

    def _folder(self) -> Path:
        if self._path is None or not self._path.is_dir():
            # mkdtemp makes the folder 0700, whatever the umask
            self._path = Path(tempfile.mkdtemp(prefix="spocdesk-attachments-",
                                               dir=self._parent))
        return self._path

    def write(self, store: Store, attachment_id: str, filename: str) -> Path:
        """Write the attachment (its content from the store) into the folder; its path."""
        data = inbox.attachment_data(store, attachment_id)
        if data is None:
            raise AttachmentNotKept(filename)
        folder = self._folder()
        name = safe_name(filename)
        stem, dot, suffix = name.rpartition(".")
        if not dot:
            stem, suffix = name, ""
        target = folder / name
        number = 1
        while target.exists():
            number += 1
            target = folder / (f"{stem} ({number}).{suffix}" if dot else f"{name} ({number})")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     OWNER_FILE)
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        return target

    def clear(self) -> None:
        """Delete the folder and everything in it (on lock and on exit)."""
        if self._path is not None:
            shutil.rmtree(self._path, ignore_errors=True)
            self._path = None
