"""vCard 2.1, 3.0 and 4.0: a forgiving reader and a strict writer (RFC 2426, RFC 6350).

The reader unfolds continuation lines (space or tab) and the quoted-printable
soft line breaks of vCard 2.1, honours ``ENCODING``/``CHARSET`` parameters,
understands every spelling of ``TYPE`` (``TYPE=work,voice``,
``TYPE=WORK;TYPE=CELL``, bare ``TEL;CELL;PREF``) and Apple's ``itemN.X-ABLabel``
labels. Photos, keys and unknown properties are skipped. A card that cannot be
used becomes a :class:`~spocdesk.core.formats.Problem`; nothing here raises on
malformed content.

The writer produces vCard 4.0 (default) or 3.0 with CRLF line ends, escaped
text and lines folded at 75 octets.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import quopri
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spocdesk.core.errors import QT_TRANSLATE_NOOP, Message
from spocdesk.core.formats import ParsedContact, ParseResult, Problem, clean_tags, decode_text
from spocdesk.core.model import ContactKind, StakeholderKind
from spocdesk.core.services.stakeholders import NewContactPoint, NewStakeholder

ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
SKIPPED_TYPES = {"pref", "voice", "internet", "x400", "x-internet", "uri", "text/plain"}
TYPE_LABELS = {"cell": "mobile", "mobile": "mobile", "x-mobile": "mobile"}
POINT_KINDS = {"TEL": ContactKind.PHONE.value, "EMAIL": ContactKind.EMAIL.value,
               "ADR": ContactKind.ADDRESS.value, "URL": ContactKind.WEB.value}
MAX_LABEL = 40
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_APPLE_LABEL = re.compile(r"^_\$!<(.*)>!\$_$")


@dataclass
class Property:
    group: str
    name: str
    params: dict[str, list[str]] = field(default_factory=dict)
    value: str = ""

    @property
    def types(self) -> list[str]:
        return self.params.get("TYPE", [])


# -- reading ---------------------------------------------------------------


def _is_quoted_printable(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def unfold(text: str) -> Iterator[str]:
    """Logical lines: folded continuations and QP soft line breaks joined."""
    current: str | None = None
    soft_break = False
    for raw in _LINE_BREAK.split(text):
        upper = raw.strip().upper()
        boundary = upper.startswith(("END:VCARD", "BEGIN:VCARD"))
        if current is not None and soft_break and not boundary:
            current = current[:-1] + raw
        elif current is not None and raw[:1] in (" ", "\t") and not boundary:
            current += raw[1:]
        else:
            if current is not None:
                yield current
            current = raw
        soft_break = current.endswith("=") and _is_quoted_printable(current)
    if current is not None:
        yield current


def _split_unquoted(text: str, sep: str) -> list[str]:
    if '"' not in text:
        return text.split(sep)
    parts: list[str] = []
    buf: list[str] = []
    quoted = False
    for ch in text:
        if ch == '"':
            quoted = not quoted
        elif ch == sep and not quoted:
            parts.append("".join(buf))
            buf = []
            continue
        buf.append(ch)
    parts.append("".join(buf))
    return parts


def parse_line(line: str) -> Property | None:
    """``[group.]NAME[;param...]:value`` → :class:`Property`; None when there is no colon."""
    colon = line.find(":")
    if colon > 0 and ";" not in line[:colon] and '"' not in line[:colon]:
        # the common case, ``NAME:value`` or ``group.NAME:value``: no parameters
        group, _, name = line[:colon].strip().rpartition(".")
        return Property(group=group.lower(), name=name.strip().upper(), value=line[colon + 1:])
    quoted = False
    if '"' in line[:colon]:
        colon = -1
    for index, ch in enumerate(line if colon < 0 else ""):
        if ch == '"':
            quoted = not quoted
        elif ch == ":" and not quoted:
            colon = index
            break
    if colon <= 0:
        return None
    head, value = line[:colon], line[colon + 1:]
    pieces = _split_unquoted(head, ";")
    group, _, name = pieces[0].strip().rpartition(".")
    prop = Property(group=group.lower(), name=name.strip().upper(), value=value)
    for piece in pieces[1:]:
        piece = piece.strip()
        if not piece:
            continue
        key, eq, raw = piece.partition("=")
        if not eq:
            bare = key.upper()
            key, raw = ("ENCODING", bare) if bare in ENCODINGS else ("TYPE", key)
        key = key.strip().upper()
        values = [v.strip().strip('"') for v in _split_unquoted(raw, ",")]
        if key == "TYPE":  # TYPE="work,voice" is a list too
            values = [t.strip().lower() for v in values for t in v.split(",")]
        prop.params.setdefault(key, []).extend(v for v in values if v)
    return prop


def _charset(prop: Property) -> str:
    """The CHARSET parameter when it names a text encoding Python knows, else UTF-8."""
    for name in prop.params.get("CHARSET", []):
        try:
            found = codecs.lookup(name).name
            "A".encode(found).decode(found)
        except (LookupError, ValueError, UnicodeError):
            continue
        return found
    return "utf-8"


def _decode_bytes(data: bytes, charset: str) -> str:
    try:
        return data.decode(charset)
    except (UnicodeError, LookupError, ValueError):
        return decode_text(data)


def decode_value(prop: Property) -> str:
    """The value with its transfer encoding undone (still vCard-escaped)."""
    encoding = (prop.params.get("ENCODING") or [""])[0].upper()
    charset = _charset(prop)
    if encoding == "QUOTED-PRINTABLE":
        try:
            raw = prop.value.encode(charset)
        except (UnicodeError, LookupError, ValueError):
            raw = prop.value.encode("utf-8", "surrogateescape")
        return _decode_bytes(quopri.decodestring(raw), charset)
    if encoding in ("BASE64", "B"):
        try:
            return _decode_bytes(base64.b64decode(prop.value, validate=False), charset)
        except (binascii.Error, ValueError):
            return ""
    return prop.value


_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)
_UNESCAPED = {",": ",", ";": ";", "\\": "\\", "n": "\n", "N": "\n", ":": ":"}
_UNESCAPED_21 = {",": ",", ";": ";", "\\": "\\"}  # 2.1 keeps \n and \: as they are
_PIECES: dict[str, re.Pattern[str]] = {}


def split_escaped(value: str, sep: str) -> list[str]:
    """Split on ``sep`` where it is not backslash-escaped; escapes are kept."""
    if "\\" not in value or sep not in value:
        return value.split(sep)
    piece = _PIECES.get(sep)
    if piece is None:
        piece = _PIECES[sep] = re.compile(rf"(?:\\.?|[^\\{re.escape(sep)}])*", re.DOTALL)
    parts: list[str] = []
    position, end = 0, len(value)
    while True:
        match = piece.match(value, position)
        assert match is not None  # the pattern also matches the empty string
        parts.append(match.group())
        position = match.end()
        if position >= end:
            return parts
        position += 1  # the separator


def unescape(value: str, version: str = "3.0") -> str:
    if "\\" not in value:
        return value
    known = _UNESCAPED_21 if version == "2.1" else _UNESCAPED
    return _ESCAPE.sub(lambda m: known.get(m.group(1), m.group(0)), value)


def _label(types: Iterable[str]) -> str:
    words: list[str] = []
    for raw in types:
        kind = raw.strip().lower()
        if not kind or kind in SKIPPED_TYPES:
            continue
        kind = TYPE_LABELS.get(kind, kind)
        if kind.startswith("x-"):
            kind = kind[2:]
        if kind and kind not in words:
            words.append(kind)
    return " ".join(words)[:MAX_LABEL]


_ADDRESS, _PHONE, _EMAIL = (ContactKind.ADDRESS.value, ContactKind.PHONE.value,
                            ContactKind.EMAIL.value)


def _point_value(kind: str, parts: list[str], version: str) -> str:
    if kind == _ADDRESS:
        lines = [unescape(p, version).replace("\n", ", ").strip() for p in parts]
        return ", ".join(p for p in lines if p)
    value = unescape(";".join(parts), version).strip()
    lowered = value.lower()
    if kind == _PHONE and lowered.startswith("tel:"):
        value = value[4:]
    if kind == _EMAIL and lowered.startswith("mailto:"):
        value = value[7:]
    return value.replace("\r", " ").replace("\n", " ").strip()


def _card(number: int) -> Message:
    """Where a problem is: ``card 3``."""
    return Message(QT_TRANSLATE_NOOP("spocdesk.core", "card {number}"), number=number)


class _Card:
    """Collects one card's properties, then turns them into a stakeholder."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.props: list[Property] = []

    def build(self) -> ParsedContact | Problem:
        where = _card(self.number)
        version = "3.0"
        for prop in self.props:
            if prop.name == "VERSION":
                version = prop.value.strip() or version
        first: dict[str, str] = {}
        notes: list[str] = []
        tags: list[str] = []
        apple_labels: dict[str, str] = {}
        points: list[tuple[str, NewContactPoint]] = []
        for prop in self.props:
            if prop.name in ("PHOTO", "LOGO", "SOUND", "KEY"):
                continue
            value = decode_value(prop)
            if prop.name in ("FN", "N", "ORG", "TITLE", "ROLE", "KIND", "X-ABSHOWAS", "UID"):
                first.setdefault(prop.name, value)
            elif prop.name == "NOTE":
                note = unescape(value, version).replace("\r\n", "\n").replace("\r", "\n").strip()
                if note:
                    notes.append(note)
            elif prop.name == "CATEGORIES":
                tags.extend(unescape(t, version) for t in split_escaped(value, ","))
            elif prop.name == "X-ABLABEL" and prop.group:
                match = _APPLE_LABEL.match(value.strip())
                apple_labels[prop.group] = (match.group(1) if match else value).strip().lower()
            elif prop.name in POINT_KINDS:
                kind = POINT_KINDS[prop.name]
                text = _point_value(kind, split_escaped(value, ";"), version)
                if text:
                    preferred = "pref" in prop.types or "PREF" in prop.params
                    point = NewContactPoint(kind=kind, value=text, label=_label(prop.types),
                                            preferred=preferred)
                    points.append((prop.group, point))
        for group, point in points:
            if group and apple_labels.get(group):
                point.label = _label([apple_labels[group]])
        return self._stakeholder(where, version, first, notes, tags,
                                 [p for _, p in points])

    def _stakeholder(self, where: Message, version: str, first: dict[str, str], notes: list[str],
                     tags: list[str], points: list[NewContactPoint]) -> ParsedContact | Problem:
        n = [unescape(p, version).strip() for p in split_escaped(first.get("N", ""), ";")]
        n += [""] * (5 - len(n))
        family, given, additional, prefix, suffix = n[:5]
        org = unescape(split_escaped(first.get("ORG", ""), ";")[0], version).strip()
        display = " ".join(unescape(first.get("FN", ""), version).split())
        if not display:
            display = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
        kind = StakeholderKind.PERSON.value
        is_org = (first.get("KIND", "").strip().lower() in ("org", "organization")
                  or first.get("X-ABSHOWAS", "").strip().upper() == "COMPANY")
        company = bool(org) and display == org and not (given or family)
        if is_org or company or (not display and org):
            kind = StakeholderKind.ORGANISATION.value
            display = display or org
            org = ""
        if not display:
            return Problem(where, Message(QT_TRANSLATE_NOOP("spocdesk.core", "no name")))
        title = unescape(first.get("TITLE", "") or first.get("ROLE", ""), version).strip()
        uid = unescape(first.get("UID", ""), version).strip()
        if uid.lower().startswith("urn:uuid:"):
            uid = uid[9:]
        data = NewStakeholder(
            display_name=display[:500], kind=kind, given_name=given, family_name=family,
            organisation=org, title=title, notes="\n\n".join(notes), tags=clean_tags(tags),
            contact_points=points,
        )
        return ParsedContact(where=where, data=data, uid=uid)


def parse_vcards(data: bytes | str) -> ParseResult:
    """Every card in a .vcf file; unusable cards become problems, never exceptions."""
    text = decode_text(data) if isinstance(data, bytes) else data
    result = ParseResult(format="vcard")
    card: _Card | None = None
    number = 0
    for line in unfold(text):
        if not line.strip():
            continue
        prop = parse_line(line)
        if prop is None:
            continue
        marker = prop.value.strip().upper()
        if prop.name == "BEGIN" and marker == "VCARD":
            if card is not None:
                result.problems.append(Problem(_card(card.number), Message(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "not closed by END:VCARD"))))
            number += 1
            card = _Card(number)
        elif prop.name == "END" and marker == "VCARD":
            if card is not None:
                built = card.build()
                if isinstance(built, Problem):
                    result.problems.append(built)
                else:
                    result.contacts.append(built)
            card = None
        elif card is not None:
            card.props.append(prop)
    if card is not None:
        result.problems.append(Problem(_card(card.number), Message(QT_TRANSLATE_NOOP(
            "spocdesk.core", "the file ends inside this card"))))
    if number == 0:
        result.problems.append(Problem(
            Message(QT_TRANSLATE_NOOP("spocdesk.core", "file")),
            Message(QT_TRANSLATE_NOOP("spocdesk.core", "no vCard found (no BEGIN:VCARD line)"))))
    return result


# -- writing ---------------------------------------------------------------

TEL_TYPES = {"work", "home", "cell", "fax", "pager", "voice", "text", "video", "textphone"}
OTHER_TYPES = {"work", "home"}
LABEL_TYPES = {"mobile": "cell"}


def escape(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold one content line at 75 octets (RFC 6350 3.2), never inside a character."""
    if len(line.encode("utf-8")) <= 75:
        return line
    chunks: list[str] = []
    buf: list[str] = []
    size = 0
    limit = 75
    for ch in line:
        width = len(ch.encode("utf-8"))
        if size + width > limit:
            chunks.append("".join(buf))
            buf, size, limit = [], 0, 74
        buf.append(ch)
        size += width
    chunks.append("".join(buf))
    return "\r\n ".join(chunks)


def _types(kind: str, label: str, preferred: bool, version: str) -> list[str]:
    allowed = TEL_TYPES if kind == ContactKind.PHONE.value else OTHER_TYPES
    types: list[str] = []
    if kind == ContactKind.EMAIL.value and version == "3.0":
        types.append("internet")
    for word in re.split(r"[\s,;/]+", label.lower()):
        word = LABEL_TYPES.get(word, word)
        word = re.sub(r"[^a-z0-9-]", "", word)
        if not word:
            continue
        types.append(word if word in allowed or word.startswith("x-") else f"x-{word}")
    if preferred and version == "3.0":
        types.append("pref")
    return list(dict.fromkeys(types))


def _point_line(point: NewContactPoint, version: str) -> str | None:
    names = {ContactKind.PHONE.value: "TEL", ContactKind.EMAIL.value: "EMAIL",
             ContactKind.ADDRESS.value: "ADR", ContactKind.WEB.value: "URL"}
    name = names.get(point.kind)
    if name is None:
        return None
    params = ""
    types = _types(point.kind, point.label, point.preferred, version)
    if version == "3.0":
        types = [t.upper() for t in types]
    if types:
        params += ";TYPE=" + ",".join(types)
    if point.preferred and version != "3.0":
        params += ";PREF=1"
    value = point.value.replace("\r", " ").replace("\n", " ")
    if name == "ADR":
        value = f";;{escape(value)};;;;"
    elif name != "URL":
        value = escape(value)
    return f"{name}{params}:{value}"


def write_vcard(data: NewStakeholder, uid: str, version: str = "4.0") -> str:
    """One card, CRLF-terminated; ``uid`` is the stakeholder's id."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"unsupported vCard version {version}")
    is_org = data.kind == StakeholderKind.ORGANISATION.value
    given, family = data.given_name, data.family_name
    if not is_org and not (given or family):
        *rest, last = data.display_name.split() or [""]
        given, family = " ".join(rest), last
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if is_org:
        lines.append("KIND:org" if version == "4.0" else "X-ABShowAs:COMPANY")
    lines.append(f"UID:urn:uuid:{uid}" if version == "4.0" else f"UID:{uid}")
    lines.append(f"FN:{escape(data.display_name)}")
    lines.append("N:;;;;" if is_org else f"N:{escape(family)};{escape(given)};;;")
    org = data.display_name if is_org else data.organisation
    if org:
        lines.append(f"ORG:{escape(org)}")
    if data.title:
        lines.append(f"TITLE:{escape(data.title)}")
    for point in data.contact_points:
        line = _point_line(point, version)
        if line:
            lines.append(line)
    if data.notes:
        lines.append(f"NOTE:{escape(data.notes)}")
    if data.tags:
        lines.append("CATEGORIES:" + ",".join(escape(t) for t in data.tags))
    lines.append("END:VCARD")
    return "".join(fold(line) + "\r\n" for line in lines)


def write_vcards(cards: Iterable[tuple[str, NewStakeholder]], version: str = "4.0") -> str:
    return "".join(write_vcard(data, uid, version) for uid, data in cards)
