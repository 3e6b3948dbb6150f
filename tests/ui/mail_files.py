"""Real .eml files for the GUI's mail tests, written as a mail program writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path


def eml(folder: Path, name: str, *, subject: str = "A question",
        sender: str = "Ada Lovelace <ada@example.org>", to: str = "desk@example.com",
        cc: str = "", text: str = "Hello,\nplease call me back.\n", minute: int = 0,
        attachment: tuple[str, bytes] | None = None) -> Path:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = to
    if cc:
        mail["Cc"] = cc
    mail["Subject"] = subject
    mail["Date"] = format_datetime(datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
                                   + timedelta(minutes=minute))
    mail["Message-ID"] = f"<{name}@example.org>"
    mail.set_content(text)
    if attachment is not None:
        mail.add_attachment(attachment[1], maintype="application", subtype="octet-stream",
                            filename=attachment[0])
    path = folder / name
    path.write_bytes(mail.as_bytes())
    return path
