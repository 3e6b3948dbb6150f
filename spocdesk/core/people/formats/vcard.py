"""vCard 2.1, 3.0 and 4.0: a forgiving reader and a strict writer (RFC 2426, RFC 6350).

The reader unfolds continuation lines (space or tab) and the quoted-printable
soft line breaks of vCard 2.1, honours ``ENCODING``/``CHARSET`` parameters,
understands every spelling of ``TYPE`` (``TYPE=work,voice``,
``TYPE=WORK;TYPE=CELL``, bare ``TEL;CELL;PREF``) and Apple's ``itemN.X-ABLabel``
labels. Photos, keys and unknown properties are skipped. A card that cannot be
used becomes a :class:`~spocdesk.core.people.formats.Problem`; nothing here raises on
malformed content.

The writer produces vCard 4.0 (default) or 3.0 with CRLF line ends, escaped
text and lines folded at 75 octets.
"""

from __future__ import annotations

import base64
import binascii
import quopri
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from spocdesk.core.errors import QT_TRANSLATE_NOOP, Message
from spocdesk.core.model import ContactKind, StakeholderKind
from spocdesk.core.people.formats import (
    ParsedContact,
    ParseResult,
    Problem,
    clean_tags,
    decode_text,
    guess_encoding,
    known_encoding,
)
from spocdesk.core.people.stakeholders import (
    ADDRESS_PARTS,
    NewContactPoint,
    NewStakeholder,
    address_line,
)

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
    """Logical lines: folded continuations and QP soft line breaks joined.

    The pieces of one logical line are collected in a list and joined once, so a
    line of a million soft breaks costs linear time, not quadratic."""
    pieces: list[str] = []
    qp = soft_break = False
    for raw in _LINE_BREAK.split(text):
        upper = raw.strip().upper()
        boundary = upper.startswith(("END:VCARD", "BEGIN:VCARD"))
        if pieces and soft_break and not boundary:
            pieces[-1] = pieces[-1][:-1]  # the "=" of the soft break
            pieces.append(raw)
        elif pieces and raw[:1] in (" ", "\t") and not boundary:
            pieces.append(raw[1:])
            if not qp and len(pieces) < 64:  # a folded parameter list: look at it again
                qp = _is_quoted_printable("".join(pieces))
        else:
            if pieces:
                yield "".join(pieces)
            pieces = [raw]
            qp = _is_quoted_printable(raw)
        soft_break = qp and pieces[-1].endswith("=")
    if pieces:
        yield "".join(pieces)


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
    """The CHARSET parameter when it names a text encoding Python knows, else ""."""
    for name in prop.params.get("CHARSET", []):
        found = known_encoding(name)
        if found:
            return found
    return ""


class Decoder:
    """Turns a property's value into text: transfer encoding undone, bytes decoded.

    The file is read as UTF-8 with any other byte kept as a lone surrogate
    (``surrogateescape``), so the bytes of an 8-bit value are still there when
    its ``CHARSET`` (say ``SHIFT_JIS``) is known: a byte inside a Japanese
    character can never be taken for a backslash or a separator. Bytes that
    are not UTF-8 and declare no charset are read in ``encoding`` when the user
    chose one, else in the encoding guessed from the whole file."""

    def __init__(self, data: bytes, encoding: str = "") -> None:
        self.data = data
        self.chosen = known_encoding(encoding) if encoding else ""
        self.used = ""  # the fallback encoding, once a value needed it

    def fallback(self) -> str:
        if not self.used:
            self.used = self.chosen or guess_encoding(self.data)
        return self.used

    def text(self, raw: bytes, charset: str) -> str:
        if charset and charset != "utf-8":
            try:
                return raw.decode(charset, errors="replace")
            except (UnicodeError, LookupError, ValueError):  # punycode, idna, ...
                pass
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            if charset == "utf-8":  # declared: a broken sequence, not another encoding
                return raw.decode("utf-8", errors="replace")
            return raw.decode(self.fallback(), errors="replace")

    def value(self, prop: Property) -> str:
        """The value with its transfer encoding undone (still vCard-escaped)."""
        encoding = (prop.params.get("ENCODING") or [""])[0].upper()
        charset = _charset(prop)
        value = prop.value
        if encoding == "QUOTED-PRINTABLE":
            return self.text(quopri.decodestring(_raw(value)), charset)
        if encoding in ("BASE64", "B"):
            try:
                return self.text(base64.b64decode(_raw(value), validate=False), charset)
            except (binascii.Error, ValueError):
                return ""
        if value.isascii() or not (charset not in ("", "utf-8") or _has_raw_bytes(value)):
            return value
        return self.text(_raw(value), charset)


def _raw(value: str) -> bytes:
    """The bytes a value was read from (see :class:`Decoder`)."""
    try:
        return value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate handed in as text, not read from bytes
        return value.encode("utf-8", "surrogatepass")


def _has_raw_bytes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def decode_value(prop: Property) -> str:
    """The value with its transfer encoding undone (still vCard-escaped)."""
    return Decoder(b"").value(prop)


_ESCAPE = re.compile(r"\\(.?)", re.DOTALL)
# RFC 6350 escapes, plus what exporters write anyway: Gmail, Apple and Android put \n
# and \" into 2.1 and 3.0 values, and Apple escapes the colon of a URL (http\://)
_UNESCAPED = {",": ",", ";": ";", "\\": "\\", "n": "\n", "N": "\n", ":": ":", '"': '"'}
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
    """Backslash escapes decoded; an unknown escape (``C:\\Temp``) is left as it is."""
    if "\\" not in value:
        return value
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(0)), value)


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


def _point_value(kind: str, parts: list[str], version: str) -> tuple[str, tuple[str, ...]]:
    """A contact point's one-line value and, for an address, its seven parts."""
    if kind == _ADDRESS:
        fields = [unescape(p, version).replace("\r\n", "\n").strip() for p in parts]
        fields = (fields + [""] * ADDRESS_PARTS)[:ADDRESS_PARTS]
        if len(parts) > ADDRESS_PARTS:  # an unescaped ";" too many: keep it in the country
            fields[-1] = "; ".join(unescape(p, version).strip()
                                   for p in parts[ADDRESS_PARTS - 1:] if p.strip())
        return address_line(fields), tuple(fields) if len(parts) > 1 else ()
    value = unescape(";".join(parts), version).strip()
    lowered = value.lower()
    if kind == _PHONE and lowered.startswith("tel:"):
        value = value[4:]
    if kind == _EMAIL and lowered.startswith("mailto:"):
        value = value[7:]
    return value.replace("\r", " ").replace("\n", " ").strip(), ()


def _card(number: int) -> Message:
    """Where a problem is: ``card 3``."""
    return Message(QT_TRANSLATE_NOOP("spocdesk.core", "card {number}"), number=number)


_DATE = re.compile(r"^(\d{4}|--)-?(\d\d)-?(\d\d)(?:$|T)")
_FIRST_ONLY = ("FN", "N", "ORG", "TITLE", "ROLE", "KIND", "X-ABSHOWAS", "UID", "NICKNAME",
               "BDAY")
_ANNIVERSARIES = ("ANNIVERSARY", "X-ANNIVERSARY", "X-MS-ANNIVERSARY",
                  "X-EVOLUTION-ANNIVERSARY")


def parse_date(prop: Property, value: str) -> str:
    """``YYYY-MM-DD``, or ``--MM-DD`` without a year (vCard 4.0's ``--0415``, Apple's
    ``X-APPLE-OMIT-YEAR``); "" when the value is no date (``BDAY;VALUE=text:circa 1800``)."""
    match = _DATE.match(value.strip())
    if match is None:
        return ""
    year, month, day = match.groups()
    if year in prop.params.get("X-APPLE-OMIT-YEAR", []):
        year = "--"
    try:
        date(2000 if year == "--" else int(year), int(month), int(day))
    except ValueError:
        return ""
    return f"{year}-{month}-{day}" if year != "--" else f"--{month}-{day}"


class _Card:
    """Collects one card's properties, then turns them into a stakeholder."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.props: list[Property] = []

    def build(self, decoder: Decoder) -> ParsedContact | Problem:
        where = _card(self.number)
        version = "3.0"
        for prop in self.props:
            if prop.name == "VERSION":
                version = prop.value.strip() or version
        first: dict[str, str] = {}
        notes: list[str] = []
        tags: list[str] = []
        apple_labels: dict[str, str] = {}
        dates: dict[str, str] = {}
        grouped_dates: list[tuple[str, Property, str]] = []
        points: list[tuple[str, NewContactPoint]] = []
        for prop in self.props:
            if prop.name in ("PHOTO", "LOGO", "SOUND", "KEY"):
                continue
            value = decoder.value(prop)
            if prop.name in _FIRST_ONLY:
                first.setdefault(prop.name, value)
                if prop.name == "BDAY" and "BDAY" not in dates:
                    dates["BDAY"] = parse_date(prop, unescape(value, version))
                    if not dates["BDAY"] and value.strip():
                        notes.append(f"Birthday: {unescape(value, version).strip()}")
            elif prop.name in _ANNIVERSARIES:
                found = parse_date(prop, unescape(value, version))
                dates.setdefault("ANNIVERSARY", found)
                if not found and value.strip():
                    notes.append(f"Anniversary: {unescape(value, version).strip()}")
            elif prop.name == "X-ABDATE":
                grouped_dates.append((prop.group, prop, unescape(value, version)))
            elif prop.name == "NOTE":
                note = unescape(value, version).replace("\r\n", "\n").replace("\r", "\n").strip()
                if note:
                    notes.append(note)
            elif prop.name == "CATEGORIES":
                tags.extend(unescape(t, version) for t in split_escaped(value, ","))
            elif prop.name == "X-ABLABEL" and prop.group:
                match = _APPLE_LABEL.match(value.strip())
                text = unescape(match.group(1) if match else value, version)
                apple_labels[prop.group] = text.strip().lower()
            elif prop.name in POINT_KINDS:
                kind = POINT_KINDS[prop.name]
                text, parts = _point_value(kind, split_escaped(value, ";"), version)
                label_param = prop.params.get("LABEL", [])
                if kind == _ADDRESS and parts and label_param:  # the one line as written
                    text = address_line([caret_decode(",".join(label_param))]) or text
                if text:
                    preferred = "pref" in prop.types or "PREF" in prop.params
                    point = NewContactPoint(kind=kind, value=text, label=_label(prop.types),
                                            preferred=preferred, parts=parts)
                    points.append((prop.group, point))
        for group, point in points:
            if group and apple_labels.get(group):
                point.label = apple_labels[group][:MAX_LABEL]
        for group, prop, value in grouped_dates:  # Apple: item1.X-ABDATE + _$!<Anniversary>!$_
            if apple_labels.get(group) == "anniversary" and not dates.get("ANNIVERSARY"):
                dates["ANNIVERSARY"] = parse_date(prop, value)
        contact = self._stakeholder(where, version, first, notes, tags,
                                    [p for _, p in points])
        if isinstance(contact, ParsedContact):
            contact.data.birthday = dates.get("BDAY", "")
            contact.data.anniversary = dates.get("ANNIVERSARY", "")
        return contact

    def _stakeholder(self, where: Message, version: str, first: dict[str, str], notes: list[str],
                     tags: list[str], points: list[NewContactPoint]) -> ParsedContact | Problem:
        n = [unescape(p, version).strip() for p in split_escaped(first.get("N", ""), ";")]
        n += [""] * (5 - len(n))
        family, given, additional, prefix, suffix = n[:5]
        org_parts = [unescape(p, version).strip()
                     for p in split_escaped(first.get("ORG", ""), ";")]
        org, units = org_parts[0], [u for u in org_parts[1:] if u]
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
        if not display:  # Android and SOGo write cards with only an e-mail or a number
            display = next((p.value for k in (_EMAIL, _PHONE) for p in points if p.kind == k),
                           "")
        if not display:
            return Problem(where, Message(QT_TRANSLATE_NOOP("spocdesk.core", "no name")))
        title = unescape(first.get("TITLE", "") or first.get("ROLE", ""), version).strip()
        uid = unescape(first.get("UID", ""), version).strip()
        if uid.lower().startswith("urn:uuid:"):
            uid = uid[9:]
        nicknames = [unescape(p, version).strip()
                     for p in split_escaped(first.get("NICKNAME", ""), ",")]
        data = NewStakeholder(
            display_name=display[:500], kind=kind, given_name=given, family_name=family,
            organisation=org, title=title, notes="\n\n".join(notes), tags=clean_tags(tags),
            contact_points=points, nickname=", ".join(n for n in nicknames if n),
            org_units=units,
        )
        return ParsedContact(where=where, data=data, uid=uid)


def parse_vcards(data: bytes | str, encoding: str = "") -> ParseResult:
    """Every card in a .vcf file; unusable cards become problems, never exceptions.

    ``encoding`` is for bytes that are not UTF-8 and declare no charset; without
    it the encoding is guessed, and the result says which (``encoding``)."""
    if isinstance(data, bytes):
        raw = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text, raw = decode_text(data), b""
        else:
            text = raw.decode("utf-8", "surrogateescape")
    else:
        text, raw = data, _raw(data)
    decoder = Decoder(raw, encoding)
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
                built = card.build(decoder)
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
    result.records = number
    result.encoding, result.encoding_guessed = decoder.used, bool(decoder.used) and not (
        decoder.chosen)
    return result


# -- writing ---------------------------------------------------------------

TEL_TYPES = {"work", "home", "cell", "fax", "pager", "voice", "text", "video", "textphone"}
OTHER_TYPES = {"work", "home"}
TEL_LABELS = {"mobile": "cell"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # CTL but HTAB, CR and LF


def clean(value: str) -> str:
    """A value without the control characters RFC 6350 forbids (tab stays)."""
    return _CONTROL.sub("", value)


def escape(value: str) -> str:
    return (clean(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
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


def _types(kind: str, label: str) -> tuple[list[str], bool]:
    """The TYPE values for ``label``, and whether they say less than the label
    (``grand_central``, an e-mail labelled ``mobile``): then X-ABLabel says it all."""
    allowed = TEL_TYPES if kind == ContactKind.PHONE.value else OTHER_TYPES
    types: list[str] = []
    custom = False
    for word in label.lower().split():
        if kind == ContactKind.PHONE.value:
            word = TEL_LABELS.get(word, word)
        if word not in allowed:
            custom = True
            word = re.sub(r"[^a-z0-9-]", "", word)
            word = word if word.startswith("x-") else f"x-{word}"
            if word == "x-":
                continue
        types.append(word)
    return list(dict.fromkeys(types)), custom


def caret_encode(value: str) -> str:
    """A parameter value in RFC 6868's caret encoding (^^, ^n, ^')."""
    return value.replace("^", "^^").replace("\n", "^n").replace('"', "^'")


def caret_decode(value: str) -> str:
    return re.sub(r"\^([\^n'])", lambda m: {"^": "^", "n": "\n", "'": '"'}[m.group(1)], value)


def _describes(parts: Sequence[str], value: str) -> bool:
    """Whether an address's parts still say what its one-line value says (each line
    of each part is in it): an address edited as one line is written as one line."""
    lines = [" ".join(line.split()) for part in parts for line in part.split("\n")]
    return any(lines) and all(line in value for line in lines if line)


class _Writer:
    """The lines of one card; custom labels as Apple writes them (``itemN.`` groups)."""

    NAMES = {ContactKind.PHONE.value: "TEL", ContactKind.EMAIL.value: "EMAIL",
             ContactKind.ADDRESS.value: "ADR", ContactKind.WEB.value: "URL"}

    def __init__(self, version: str) -> None:
        self.version = version
        self.lines = ["BEGIN:VCARD", f"VERSION:{version}"]
        self.items = 0

    def add(self, line: str) -> None:
        self.lines.append(line)

    def point(self, point: NewContactPoint) -> None:
        name = self.NAMES.get(point.kind)
        if name is None:
            return
        v3 = self.version == "3.0"
        types, custom = _types(point.kind, point.label)
        if point.kind == ContactKind.EMAIL.value and v3:
            types.insert(0, "internet")
        if point.preferred and v3:
            types.append("pref")
        params = ";TYPE=" + ",".join(t.upper() if v3 else t for t in types) if types else ""
        if point.preferred and not v3:
            params += ";PREF=1"
        value = clean(point.value).replace("\r", " ").replace("\n", " ")
        if name == "ADR":
            parts = list(point.parts) if _describes(point.parts, point.value) else []
            value = ";".join(escape(p) for p in parts) if parts else f";;{escape(value)};;;;"
            if parts and address_line(parts) != point.value:  # as the user wrote it on one line
                params += f';LABEL="{caret_encode(clean(point.value))}"'
        elif name != "URL":
            value = escape(value)
        group = ""
        if custom:
            self.items += 1
            group = f"item{self.items}."
        self.add(f"{group}{name}{params}:{value}")
        if custom:
            self.add(f"{group}X-ABLabel:{escape(point.label.strip())}")

    def date(self, name: str, value: str) -> None:
        if not value:
            return
        if not value.startswith("--"):
            self.add(f"{name}:{value}" if self.version == "4.0" else f"{name};VALUE=date:{value}")
        elif self.version == "4.0":
            self.add(f"{name}:--{value[2:].replace('-', '')}")
        else:  # 3.0 has no date without a year: Apple's way
            self.add(f"{name};X-APPLE-OMIT-YEAR=1604:1604{value[1:]}")

    def text(self) -> str:
        return "".join(fold(line) + "\r\n" for line in [*self.lines, "END:VCARD"])


def write_vcard(data: NewStakeholder, uid: str, version: str = "4.0") -> str:
    """One card, CRLF-terminated; ``uid`` is the stakeholder's id.

    Only the name parts spocdesk holds are written (``N:;;;;`` when it holds
    none: nothing is made up from the display name)."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"unsupported vCard version {version}")
    is_org = data.kind == StakeholderKind.ORGANISATION.value
    out = _Writer(version)
    if is_org:
        out.add("KIND:org" if version == "4.0" else "X-ABShowAs:COMPANY")
    out.add(f"UID:urn:uuid:{uid}" if version == "4.0" else f"UID:{uid}")
    out.add(f"FN:{escape(data.display_name)}")
    out.add("N:;;;;" if is_org else f"N:{escape(data.family_name)};{escape(data.given_name)};;;")
    if data.nickname:
        out.add(f"NICKNAME:{escape(data.nickname).replace(chr(92) + ',', ',')}")
    org = data.display_name if is_org else data.organisation
    if org:
        out.add("ORG:" + ";".join(escape(p) for p in [org, *data.org_units]))
    if data.title:
        out.add(f"TITLE:{escape(data.title)}")
    out.date("BDAY", data.birthday)
    out.date("ANNIVERSARY" if version == "4.0" else "X-ANNIVERSARY", data.anniversary)
    for point in data.contact_points:
        out.point(point)
    if data.notes:
        out.add(f"NOTE:{escape(data.notes)}")
    if data.tags:
        out.add("CATEGORIES:" + ",".join(escape(t) for t in data.tags))
    return out.text()


def write_vcards(cards: Iterable[tuple[str, NewStakeholder]], version: str = "4.0") -> str:
    return "".join(write_vcard(data, uid, version) for uid, data in cards)
