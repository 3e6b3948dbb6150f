"""Reading and writing the file formats spocdesk exchanges with other programs.

Parsers never raise on malformed content: they return what they could read
plus a list of :class:`Problem` (which card or line, and why). Only errors a
user can act on as a whole (an unreadable file) raise a
:class:`~spocdesk.core.errors.SpocError`.
"""

from __future__ import annotations

import codecs
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
    # the text encoding of bytes that were not UTF-8 and declared no charset: guessed
    # (``encoding_guessed``) or chosen by the user; "" when everything was UTF-8
    encoding: str = ""
    encoding_guessed: bool = False
    # columns of a CSV file that hold values but map to no field (kept in the notes)
    unmapped: list[str] = field(default_factory=list)


# Tried when the detector has nothing to say; Windows-1252 is what most address books
# on Windows write, Latin-1 decodes any byte.
FALLBACK_ENCODING = "cp1252"


def guess_encoding(data: bytes) -> str:
    """The most likely text encoding of bytes that are not UTF-8 (charset-normalizer),
    as Python's codec name; Windows-1252 when nothing better is found."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:262_144]).best()
    if best is None or best.encoding in ("utf_8", "ascii"):
        return FALLBACK_ENCODING
    return codecs.lookup(best.encoding).name


def known_encoding(name: str) -> str:
    """Python's name for a text encoding, or "" when there is no such encoding."""
    try:
        found = codecs.lookup(name.strip()).name
        "A".encode(found).decode(found)
    except (LookupError, ValueError, UnicodeError):
        return ""
    return found


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str, bool]:
    """``(text, encoding, guessed)``: UTF-8 (with or without BOM) and UTF-16 with a BOM
    are read as such (encoding ""); other bytes in ``encoding`` when given, else in the
    encoding :func:`guess_encoding` finds (``guessed`` True)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "", False
        except UnicodeDecodeError:
            pass
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not encoding:
        try:
            return data.decode("utf-8"), "", False
        except UnicodeDecodeError:
            pass
    chosen = known_encoding(encoding or "") or guess_encoding(data)
    return data.decode(chosen, errors="replace"), chosen, not encoding


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with a BOM; else the guessed encoding."""
    return decode_bytes(data)[0]


SYSTEM_GROUPS = {"mycontacts", "my contacts", "starred"}


def clean_tags(values: list[str]) -> list[str]:
    """Drop address-book system groups (Google's ``* myContacts``), keep the user's own."""
    tags: list[str] = []
    for raw in values:
        tag = raw.strip().lstrip("*").strip()
        if tag and tag.casefold() not in SYSTEM_GROUPS and tag not in tags:
            tags.append(tag)
    return tags
