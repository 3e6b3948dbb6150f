"""The plain records every mail source produces (files, IMAP): no ORM, no Qt.

A :class:`MailMessage` is what spocdesk keeps of one e-mail: who, when, the subject,
a readable text body (HTML already converted) and its attachments. An attachment's
``data`` is ``None`` when it was not kept (the message's size cap; its name and size
are still listed). ``size`` is the size of the raw message in bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Address:
    name: str
    email: str  # as written; compare with :func:`normal_email`

    def __str__(self) -> str:
        if self.name and self.email:
            return f"{self.name} <{self.email}>"
        return self.name or self.email


@dataclass(frozen=True)
class MailAttachment:
    filename: str
    content_type: str
    size: int  # bytes of the decoded content, kept or not
    data: bytes | None = field(default=None, repr=False)  # None: above the size cap

    @property
    def kept(self) -> bool:
        return self.data is not None


@dataclass(frozen=True)
class MailMessage:
    message_id: str  # without angle brackets; "" when the message has none
    subject: str
    sender: Address | None
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    date: datetime | None  # aware (UTC) when the message says when it was written
    in_reply_to: str | None
    references: tuple[str, ...]
    text: str
    attachments: tuple[MailAttachment, ...]
    size: int

    @property
    def dedupe_key(self) -> str:
        """What makes two imports the same message: its Message-ID, else a hash of
        what it says (sender, recipients, date, subject, text, attachments)."""
        if self.message_id:
            return "mid:" + self.message_id
        return "sha256:" + content_hash(self)

    def addresses(self) -> tuple[Address, ...]:
        """Sender, To and Cc, in that order."""
        return ((self.sender,) if self.sender else ()) + self.to + self.cc


def normal_email(email: str) -> str:
    """An address as compared everywhere (stakeholders' e-mails are stored so too)."""
    return email.strip().lower()


def content_hash(message: MailMessage) -> str:
    digest = hashlib.sha256()

    def part(value: str | bytes) -> None:
        data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else value
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)

    part(normal_email(message.sender.email) if message.sender else "")
    for address in message.to + message.cc:
        part(normal_email(address.email))
    part(message.date.isoformat() if message.date else "")
    part(message.subject)
    part(message.text)
    for attachment in message.attachments:
        part(attachment.filename)
        part(str(attachment.size))
        part(hashlib.sha256(attachment.data).digest() if attachment.data is not None else b"")
    return digest.hexdigest()
