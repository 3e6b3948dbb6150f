"""Messages for the mail tests, made as every source makes them."""

from __future__ import annotations

from datetime import UTC, datetime

from spocdesk.core.mail.message import Address, MailAttachment, MailMessage


def message(subject: str = "A question", *, sender: str = "ada@example.org",
            name: str = "Ada Lovelace", to: tuple[str, ...] = ("desk@example.com",),
            cc: tuple[str, ...] = (), message_id: str = "", text: str = "Hello",
            in_reply_to: str | None = None, references: tuple[str, ...] = (),
            date: datetime | None = datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
            attachments: tuple[MailAttachment, ...] = ()) -> MailMessage:
    return MailMessage(
        message_id=message_id, subject=subject,
        sender=Address(name, sender) if sender else None,
        to=tuple(Address("", a) for a in to), cc=tuple(Address("", a) for a in cc),
        date=date, in_reply_to=in_reply_to, references=references, text=text,
        attachments=attachments, size=len(text) + 200)
