"""Opening an attachment: the one plaintext that leaves the store, at the user's request.

The app has one :class:`~spocdesk.core.mail.attachments.AttachmentFolder` (a 0700
temporary folder, its files 0600, made on first use): :data:`FOLDER`. The main
window clears it when the store goes (lock, and exit through the session's
shutdown), ``atexit`` when the process ends some other way. The app says so each
time it opens one.
"""

from __future__ import annotations

import atexit
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from spocdesk.core.mail.attachments import AttachmentFolder

FOLDER = AttachmentFolder()  # the app's one folder of opened attachments
atexit.register(FOLDER.clear)


def open_file(path: Path) -> bool:
    """Hand a file to the system's program for its type (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
