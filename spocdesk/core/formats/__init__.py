"""Reading and writing the file formats spocdesk exchanges with other programs.

Parsers never raise on malformed content: they return what they could read
plus a list of :class:`Problem` (which card or line, and why). Only errors a
user can act on as a whole (an unreadable file) raise a
:class:`~spocdesk.core.errors.SpocError`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spocdesk.core.errors import Message

if TYPE_CHECKING:
    from spocdesk.core.services.stakeholders import NewStakeholder


@dataclass(frozen=True)
class Problem:
    """Why one card or line could not be used: ``card 3: no name``.

    The parsers give both parts as :class:`~spocdesk.core.errors.Message` s, so
    ``str()`` shows them in the interface language (English on the command line)."""

    where: str | Message
    reason: str | Message

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ParsedContact:
    """One person or organisation read from a file, with where it came from."""

    where: str | Message  # "card 3", "line 5": shown with str()
    data: NewStakeholder
    uid: str = ""


@dataclass
class ParseResult:
    contacts: list[ParsedContact] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    format: str = ""


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; else Windows-1252, else Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


SYSTEM_GROUPS = {"mycontacts", "my contacts", "starred"}


def clean_tags(values: list[str]) -> list[str]:
    """Drop address-book system groups (Google's ``* myContacts``), keep the user's own."""
    tags: list[str] = []
    for raw in values:
        tag = raw.strip().lstrip("*").strip()
        if tag and tag.casefold() not in SYSTEM_GROUPS and tag not in tags:
            tags.append(tag)
    return tags
