"""Reading and writing the file formats spocdesk exchanges with other programs.

Parsers never raise on malformed content: they return what they could read
plus a list of :class:`Problem` (which card or line, and why). Only errors a
user can act on as a whole (an unreadable file) raise a
:class:`~spocdesk.core.errors.SpocError`.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spocdesk.core.errors import Message

if TYPE_CHECKING:
    from spocdesk.core.people.stakeholders import NewStakeholder


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
    records: int = 0  # cards or data rows found, usable or not


def looks_binary(data: bytes) -> bool:
    """Bytes no address book writes as text: NULs without a UTF-16 byte-order mark."""
    head = data[:8192]
    return b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff"))


# Tried when the detector has nothing to say; Windows-1252 is what most address books
# on Windows write, Latin-1 decodes any byte.
FALLBACK_ENCODING = "cp1252"


# Legacy code pages address books write, most common first: the tie-breaker when the
# detector finds several that read the bytes equally well
COMMON_ENCODINGS = ("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256",
                    "cp1257", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr", "koi8_r",
                    "cp874", "cp1258", "iso8859_15", "mac_roman", "cp850", "cp437")


def _letters(text: str) -> float:
    """The share of non-ASCII characters that are letters (or typographic punctuation):
    text read in the right code page has words, the wrong one has ``³`` and ``¹``."""
    wide = [ch for ch in text if ord(ch) > 127]
    if not wide:
        return 1.0
    return sum(1 for ch in wide if unicodedata.category(ch).startswith("L")
               or "\u2010" <= ch <= "\u20bf") / len(wide)  # – ’ “ ” … € count as text


def guess_encoding(data: bytes) -> str:
    """The most likely text encoding of bytes that are not UTF-8, as Python's codec name.

    charset-normalizer rules out what reads as noise; among what is left (within a
    small margin of its best) the encoding whose non-ASCII characters are letters wins,
    then the one whose text reads most like a language, then one with capitals, then
    the more common code page. Windows-1252 when nothing fits."""
    from charset_normalizer import from_bytes

    sample = data[:262_144]
    matches = [m for m in from_bytes(sample) if m.encoding not in ("utf_8", "ascii")]
    if not matches:
        return FALLBACK_ENCODING
    floor = min(m.chaos for m in matches)
    coherence = {codecs.lookup(m.encoding).name: m.coherence for m in matches
                 if m.chaos <= floor + 0.05}
    names = list(coherence)
    texts = {sample.decode(n, errors="replace"): coherence[n] for n in names}
    for common in COMMON_ENCODINGS:  # the detector names one of several that read alike
        try:
            same = texts.get(sample.decode(common))
        except UnicodeDecodeError:
            continue
        if same is not None:
            name = codecs.lookup(common).name
            names.append(name)
            coherence[name] = max(same, coherence.get(name, 0.0))
    rank = {codecs.lookup(n).name: i for i, n in enumerate(COMMON_ENCODINGS)}

    def score(name: str) -> tuple[float, float, bool, int]:
        text = sample.decode(name, errors="replace")
        return (-_letters(text), -coherence.get(name, 0.0), _no_capitals(text),
                rank.get(name, len(rank)))

    return min(names, key=score)


def _no_capitals(text: str) -> bool:
    """Non-Latin letters of a cased script, and not one of them a capital: names are
    written with capitals, so Hebrew read as Cyrillic (all small letters) is unlikely.
    (Latin text is left alone: its accented letters are mostly small ones.)"""
    wide = [ch for ch in text if ord(ch) > 127 and ch.isalpha()
            and not unicodedata.name(ch, "").startswith("LATIN")]
    cased = [ch for ch in wide if ch.lower() != ch.upper()]
    return len(cased) >= 5 and len(cased) == len(wide) and not any(ch.isupper() for ch in cased)


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
