"""Opening an attachment: a private folder, safe names, gone on clear."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from spocdesk.core.mail.attachments import AttachmentFolder, AttachmentNotKept, safe_name
from spocdesk.core.mail.capture import capture
from spocdesk.core.mail.inbox import get_mail
from spocdesk.core.mail.message import MailAttachment
from spocdesk.core.store import Store
from tests.core.mail.helpers import message

pytestmark = pytest.mark.both_backends  # the file store and a team server


@pytest.mark.parametrize(("given", "expected"), [
    ("report.pdf", "report.pdf"),
    ("../../.bashrc", "bashrc"),
    ("C:\\Windows\\system32\\evil.exe", "evil.exe"),
    ("a\x00b\nc.txt", "a_b_c.txt"),
    ("", "attachment"),
    ("..", "attachment"),
    ("CON.txt", "attachment CON.txt"),
    ("x" * 300 + ".docx", "x" * 115 + ".docx"),
])
def test_safe_names(given: str, expected: str) -> None:
    assert safe_name(given) == expected


def test_an_attachment_opens_in_a_private_folder_that_clear_removes(
        store: Store, tmp_path: Path) -> None:
    kept = MailAttachment("../notes.txt", "text/plain", 5, b"hello")
    lost = MailAttachment("scan.pdf", "application/pdf", 10, None)
    report = capture(store, [message(attachments=(kept, lost))], source="file").value
    detail = get_mail(store, report.items[0].mail_id)
    folder = AttachmentFolder(parent=tmp_path)
    first = folder.write(store, detail.attachments[0].id, detail.attachments[0].filename)
    again = folder.write(store, detail.attachments[0].id, detail.attachments[0].filename)
    assert (first.name, again.name) == ("notes.txt", "notes (2).txt")
    assert first.read_bytes() == b"hello" and first.parent == folder.path
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert folder.path is not None and stat.S_IMODE(folder.path.stat().st_mode) == 0o700
    with pytest.raises(AttachmentNotKept, match="above the size limit"):
        folder.write(store, detail.attachments[1].id, "scan.pdf")
    path = folder.path
    folder.clear()
    assert folder.path is None and not path.exists()
    folder.clear()  # twice is fine
