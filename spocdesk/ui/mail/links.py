"""Links the system takes over: ``tel:`` for the dialler, ``mailto:`` for a reply.

:func:`tel_url` turns a phone number as people write it into an RFC 3966 ``tel:``
URL (digits and a leading ``+``; an extension after ``;ext=``). :func:`reply_url`
builds the ``mailto:`` of *Reply by e-mail*: to whoever is on the other side of the
message, ``Re: <subject> [C-0042]`` (the reference filing needs when the reply comes
back through the Sent folder) and the start of the message quoted. Mail programs
take a ``mailto:`` of limited length, so the quote stops at :data:`QUOTE_LIMIT`
characters.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices

from spocdesk.core.mail.message import Address

QUOTE_LIMIT = 1200  # characters of the message quoted in a reply
QUOTE_LINES = 25
_RE = re.compile(r"^\s*((re|aw|antw|sv|vs|ref)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)
_EXT = re.compile(r"\s*(?:ext\.?|x|extension|durchwahl|dw\.?)\s*(\d+)\s*$", re.IGNORECASE)


def tel_url(number: str) -> str | None:
    """``+49 (30) 1234-56`` → ``tel:+4930123456``; ``None`` when it holds no digit."""
    text = number.strip()
    ext = ""
    found = _EXT.search(text)
    if found:
        ext, text = found.group(1), text[:found.start()]
    if text.startswith("00"):
        text = "+" + text[2:]
    digits = re.sub(r"\D", "", text)
    if not digits:
        return None
    plus = "+" if text.lstrip().startswith("+") else ""
    return f"tel:{plus}{digits}" + (f";ext={ext}" if ext else "")


def reply_subject(subject: str, case_ref: str | None) -> str:
    """``Re: <subject>`` with the case's reference in brackets (once)."""
    base = _RE.sub("", subject).strip()
    text = f"Re: {base}" if base else "Re:"
    if case_ref and f"[{case_ref}]".lower() not in text.lower():
        text += f" [{case_ref}]"
    return text


def quoted(text: str, sender: Address | None, when: datetime | None) -> str:
    """The start of ``text`` as a reply quotes it, under "On …, … wrote:"."""
    lines: list[str] = []
    size = 0
    for line in text.strip().splitlines()[:QUOTE_LINES]:
        if size + len(line) > QUOTE_LIMIT:
            lines.append("> …")
            break
        lines.append("> " + line if line else ">")
        size += len(line) + 1
    else:
        if len(text.strip().splitlines()) > QUOTE_LINES:
            lines.append("> …")
    who = str(sender) if sender else ""
    if when is not None and who:
        head = QCoreApplication.translate("MailLinks", "On {date}, {who} wrote:").format(
            date=f"{when:%Y-%m-%d %H:%M}", who=who)
    elif who:
        head = QCoreApplication.translate("MailLinks", "{who} wrote:").format(who=who)
    else:
        head = ""
    return "\n".join(([head] if head else []) + lines)


def reply_url(to: list[str], subject: str, body: str) -> str:
    """A ``mailto:`` URL (RFC 6068): recipients in the path, subject and body encoded."""
    path = ",".join(quote(a, safe="@") for a in to if a)
    query = "subject=" + quote(subject, safe="") + "&body=" + quote("\n\n" + body, safe="")
    return f"mailto:{path}?{query}"


def open_url(url: str) -> bool:
    """Hand a ``mailto:`` or ``tel:`` URL to the system (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl(url, QUrl.ParsingMode.StrictMode))
