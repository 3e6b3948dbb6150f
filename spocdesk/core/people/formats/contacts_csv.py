"""Contacts from CSV: the exports of the common address books, or any CSV with a column mapping.

The profile is told from the header:

- **Google Contacts**, both layouts: today's (``First Name``, ``E-mail 1 - Label``/
  ``E-mail 1 - Value``, ``Labels``) and the legacy one (``Given Name``,
  ``E-mail 1 - Type``, ``Group Membership``); several values in one cell are
  joined by ``:::``.
- **Outlook**: fixed columns (``Business Phone``, ``E-mail 2 Address``,
  ``Business Street``/``City``/``Postal Code``, ...), with or without a ``Name``
  column (Outlook.com, Windows Mail). Outlook's own defaults (``Priority``
  ``Normal``, ``Birthday`` ``0/0/00``) count as empty.
- **Thunderbird**, comma or semicolon: ``Display Name``, ``Primary Email``,
  ``Secondary Email``, ``Work Address``/``Work City``/..., ``Birth Year``/
  ``Month``/``Day``; the British spellings (``Organisation``, ``Post Code``) too.

Name prefixes and suffixes (Outlook's ``Title``/``Suffix``, Google's ``Name Prefix``)
are read as name parts and not kept, as in a vCard's ``N``.
- **Apple / iCloud**: Apple's Contacts and iCloud export vCards; the CSV files
  made from them by the usual converters label each column in brackets
  (``Email (work)``, ``Phone (mobile)``, ``Address (home) Street``).
- **LinkedIn**'s ``Connections.csv`` (its "Notes:" preamble is skipped).

Any other header needs a mapping *target field → column name*, which
:func:`inspect_csv` guesses so a dialog (or ``spocdesk import --map``) can offer
and change it. A column that holds values but maps to no field is never dropped
in silence: :attr:`ParseResult.unmapped` names it, and its values go into the
person's notes (``Spouse: Maria``) unless the caller says otherwise.

Text is UTF-8 (BOM or not), UTF-16 with a BOM, else the encoding given or
guessed (:func:`~spocdesk.core.people.formats.decode_bytes`); the delimiter is sniffed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, Message
from spocdesk.core.model import ContactKind
from spocdesk.core.people.formats import (
    ParsedContact,
    ParseResult,
    Problem,
    clean_tags,
    decode_bytes,
)
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder, address_line

GOOGLE = "google"
OUTLOOK = "outlook"
THUNDERBIRD = "thunderbird"
APPLE = "apple"
LINKEDIN = "linkedin"
GENERIC = "generic"

# What the import preview calls each profile.
PROFILE_NAMES = {
    GOOGLE: QT_TRANSLATE_NOOP("spocdesk.core", "Google Contacts"),
    OUTLOOK: QT_TRANSLATE_NOOP("spocdesk.core", "Outlook"),
    THUNDERBIRD: QT_TRANSLATE_NOOP("spocdesk.core", "Thunderbird"),
    APPLE: QT_TRANSLATE_NOOP("spocdesk.core", "Apple / iCloud"),
    LINKEDIN: QT_TRANSLATE_NOOP("spocdesk.core", "LinkedIn connections"),
    GENERIC: QT_TRANSLATE_NOOP("spocdesk.core", "CSV with a column mapping"),
}

PHONE, EMAIL = ContactKind.PHONE.value, ContactKind.EMAIL.value
ADDRESS, WEB = ContactKind.ADDRESS.value, ContactKind.WEB.value

# A mapping target that drops a column on purpose (``--map "Fax=ignore"``).
IGNORE = "ignore"

# target field → (what a dialog shows, normalised header spellings a guess accepts)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "display_name": ("Full name", ("name", "fullname", "displayname", "contact", "contactname")),
    "given_name": ("First name", ("firstname", "givenname", "forename", "vorname", "prenom")),
    "family_name": ("Last name", ("lastname", "familyname", "surname", "nachname", "nom")),
    "nickname": ("Nickname", ("nickname", "nick", "spitzname")),
    "organisation": ("Organisation", ("company", "organisation", "organization", "org",
                                      "organisationname", "organizationname", "firma",
                                      "employer", "companyname")),
    "department": ("Department", ("department", "abteilung", "division", "unit")),
    "title": ("Title / role", ("jobtitle", "title", "role", "position", "function")),
    "email": ("E-mail", ("email", "emailaddress", "mail", "emailadresse", "email1")),
    "email_2": ("Second e-mail", ("email2", "email2address", "secondemail", "otheremail")),
    "phone": ("Phone", ("phone", "telephone", "tel", "phonenumber", "workphone",
                        "businessphone", "telefon", "phone1")),
    "mobile": ("Mobile phone", ("mobile", "mobilephone", "cell", "cellphone", "handy")),
    "phone_2": ("Second phone", ("phone2", "homephone", "otherphone")),
    "address": ("Address (one line)", ("address", "postaladdress", "anschrift")),
    "street": ("Street", ("street", "streetaddress", "strasse", "address1")),
    "city": ("City", ("city", "town", "locality", "ort", "stadt")),
    "region": ("Region / state", ("region", "state", "province", "county", "bundesland")),
    "postcode": ("Postcode", ("postcode", "postalcode", "zip", "zipcode", "plz")),
    "country": ("Country", ("country", "land", "countryregion")),
    "web": ("Web site", ("website", "web", "url", "homepage", "webpage")),
    "birthday": ("Birthday", ("birthday", "birthdate", "dateofbirth", "dob", "geburtstag")),
    "anniversary": ("Anniversary", ("anniversary", "jahrestag")),
    "notes": ("Notes", ("notes", "note", "comments", "comment", "remarks")),
    "tags": ("Tags", ("tags", "categories", "category", "labels", "groups")),
}
POINT_FIELDS = {"email": (EMAIL, "work"), "email_2": (EMAIL, "other"),
                "phone": (PHONE, "work"), "mobile": (PHONE, "mobile"),
                "phone_2": (PHONE, "other"), "address": (ADDRESS, ""), "web": (WEB, "")}
ADDRESS_FIELDS = ("street", "city", "region", "postcode", "country")
NAME_FIELDS = {"display_name", "given_name", "family_name", "organisation"}

OUTLOOK_POINTS = [
    ("E-mail Address", EMAIL, ""), ("E-mail 2 Address", EMAIL, ""),
    ("E-mail 3 Address", EMAIL, ""), ("Primary Phone", PHONE, "main"),
    ("Business Phone", PHONE, "work"), ("Business Phone 2", PHONE, "work"),
    ("Mobile Phone", PHONE, "mobile"), ("Home Phone", PHONE, "home"),
    ("Home Phone 2", PHONE, "home"), ("Other Phone", PHONE, "other"),
    ("Company Main Phone", PHONE, "work main"), ("Assistant's Phone", PHONE, "assistant"),
    ("Car Phone", PHONE, "car"), ("Callback", PHONE, "callback"),
    ("Business Fax", PHONE, "work fax"), ("Home Fax", PHONE, "home fax"),
    ("Other Fax", PHONE, "fax"), ("Pager", PHONE, "pager"), ("Web Page", WEB, ""),
    ("Personal Web Page", WEB, "home"),
]
OUTLOOK_FIELDS = ("Name", "First Name", "Middle Name", "Last Name", "Company", "Department",
                  "Job Title", "Nickname", "Birthday", "Anniversary", "Notes", "Categories",
                  "E-mail Type", "E-mail Display Name", "E-mail 2 Type",
                  "E-mail 2 Display Name", "E-mail 3 Type", "E-mail 3 Display Name")
# Outlook fills these in every row; their default says nothing about the person
OUTLOOK_DEFAULTS = {"Priority": "normal", "Sensitivity": "normal", "Private": "false",
                    "Gender": "unspecified"}
OUTLOOK_ADDRESSES = (("Business", "work"), ("Home", "home"), ("Other", "other"))

THUNDERBIRD_POINTS = [
    ("Primary Email", EMAIL, ""), ("Secondary Email", EMAIL, "other"),
    ("Work Phone", PHONE, "work"), ("Home Phone", PHONE, "home"),
    ("Mobile Number", PHONE, "mobile"), ("Fax Number", PHONE, "fax"),
    ("Pager Number", PHONE, "pager"), ("Web Page 1", WEB, "work"), ("Web Page 2", WEB, "home"),
]
THUNDERBIRD_FIELDS = ("First Name", "Last Name", "Display Name", "Nickname", "Job Title",
                      "Department", "Organization", "Organisation", "Birth Year",
                      "Birth Month", "Birth Day", "Notes")
# (column prefix, label): "Work Address", "Work Address 2", "Work City", ...
THUNDERBIRD_ADDRESSES = (("Work", "work"), ("Home", "home"))

LINKEDIN_FIELDS = ("First Name", "Last Name", "Email Address", "Company", "Position", "URL")

_GOOGLE_GROUP = re.compile(
    r"^(E-mail|Phone|Address|Website|Organization|Event) (\d+) - "
    r"(Type|Label|Value|Formatted|Name|Title|Department|Street|City|PO Box|Region|"
    r"Postal Code|Country|Extended Address)$")
_GOOGLE_KINDS = {"E-mail": EMAIL, "Phone": PHONE, "Address": ADDRESS, "Website": WEB}
GOOGLE_FIELDS = ("Name", "Given Name", "First Name", "Additional Name", "Middle Name",
                 "Family Name", "Last Name", "Nickname", "Birthday", "Notes", "Photo",
                 "Group Membership", "Labels", "Organization Name", "Organization Title",
                 "Organization Department")
# Google's address parts, in the order of vCard's ADR
_GOOGLE_PARTS = ("PO Box", "Extended Address", "Street", "City", "Region", "Postal Code",
                 "Country")

_APPLE_COLUMN = re.compile(
    r"^(E-?mail|Phone|Address|URL|Web ?site|Date)\s*\(([^)]*)\)\s*(.*)$", re.IGNORECASE)
APPLE_FIELDS = ("First name", "Last name", "Middle name", "Nickname", "Organization",
                "Department", "Job title", "Birthday", "Note", "Notes")
_APPLE_KINDS = {"email": EMAIL, "e-mail": EMAIL, "phone": PHONE, "address": ADDRESS,
                "url": WEB, "website": WEB, "web site": WEB}
_APPLE_PARTS = {"po box": 0, "extended": 1, "street": 2, "city": 3, "state": 4, "region": 4,
                "zip": 5, "postal code": 5, "postcode": 5, "country": 6}


@dataclass
class CsvInfo:
    """What a column-mapping dialog needs: the headers, the format, a guessed mapping,
    and how many rows hold a value in each column."""

    headers: list[str]
    format: str
    mapping: dict[str, str] = field(default_factory=dict)
    delimiter: str = ","
    filled: dict[str, int] = field(default_factory=dict)
    encoding: str = ""
    encoding_guessed: bool = False


def profile_name(fmt: str) -> str:
    """The marked name of a ``csv-…`` format or a bare profile (translate it to show it)."""
    return PROFILE_NAMES.get(fmt.removeprefix("csv-"), "")


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def detect_format(headers: list[str]) -> str:
    names = set(headers)
    if "Primary Email" in names or {"Display Name", "Secondary Email"} <= names:
        return THUNDERBIRD
    if names & {"Given Name", "Group Membership", "E-mail 1 - Value", "Phone 1 - Value",
                "Organization 1 - Name", "Labels"}:
        return GOOGLE
    if {"First Name", "Last Name", "Company", "Position"} <= names:
        return LINKEDIN
    if {"E-mail Address", "Business Phone", "Mobile Phone", "Job Title"} & names and (
            names & {"Company", "First Name", "Name"}):
        return OUTLOOK
    if any(_APPLE_COLUMN.match(h) for h in headers) and names & set(APPLE_FIELDS):
        return APPLE
    return GENERIC


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """target field → header, for each field whose usual spelling appears."""
    by_norm: dict[str, str] = {}
    for header in headers:
        by_norm.setdefault(_norm(header), header)
    mapping: dict[str, str] = {}
    for target, (_label, spellings) in FIELDS.items():
        for spelling in spellings:
            found = by_norm.get(spelling)
            if found is not None and found not in mapping.values():
                mapping[target] = found
                break
    for target, words in (("email", ("email",)), ("phone", ("phone",))):
        if target not in mapping:  # "Contact Email", "Phone (direct)"
            found = next((h for h in headers if h not in mapping.values()
                          and any(w in _norm(h) for w in words)), None)
            if found is not None:
                mapping[target] = found
    return mapping


def parse_mapping(text: str) -> tuple[dict[str, str], set[str]]:
    """``"Contact Email=email,Business=organisation,Fax=ignore"`` → (target → column,
    columns to ignore). Raises :class:`InvalidInput` naming an unknown field."""
    mapping: dict[str, str] = {}
    ignored: set[str] = set()
    for item in text.split(","):
        if not item.strip():
            continue
        column, eq, target = item.rpartition("=")
        column, target = column.strip(), target.strip().lower().replace("-", "_")
        if not eq or not column:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "'{item}' is not of the form COLUMN=FIELD."), item=item.strip())
        if target in (IGNORE, "skip", "none"):
            ignored.add(column)
        elif target in FIELDS:
            mapping[target] = column
        else:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "'{field}' is not a field; use one of: {fields}."),
                field=target, fields=", ".join([*FIELDS, IGNORE]))
    return mapping, ignored


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.split("\n", 20)[:20] if line.strip()]
    for line in lines:
        counts = {d: line.count(d) for d in (",", ";", "\t")}
        best = max(counts, key=lambda d: counts[d])
        if counts[best] >= 2 or (counts[best] and len(lines) == 1):
            return best
    return ","


def _find_header(records: list[list[str]]) -> int:
    """The index of the header among the first records: the first with two cells or more
    (LinkedIn puts a one-cell "Notes:" paragraph above it), else the first."""
    for index, record in enumerate(records[:20]):
        if sum(1 for cell in record if cell.strip()) >= 2:
            return index
    return 0


def _table(data: bytes | str, encoding: str = ""
           ) -> tuple[list[str], list[tuple[int, list[str]]], str, tuple[str, bool]]:
    if isinstance(data, bytes):
        text, used, guessed = decode_bytes(data, encoding)
    else:
        text, used, guessed = data.lstrip("\ufeff"), "", False
    text = text.replace("\x00", "")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The CSV file cannot be read near line {start}: {reason}."),
            start=start, reason=exc) from exc
    first = _find_header([r for _, r in records])
    headers = [h.strip().lstrip("\ufeff") for h in records[first][1]] if records else []
    rows = [(line, record) for line, record in records[first + 1:]
            if any(cell.strip() for cell in record)]
    return headers, rows, delimiter, (used, guessed)


def inspect_csv(data: bytes | str, encoding: str = "") -> CsvInfo:
    headers, rows, delimiter, (used, guessed) = _table(data, encoding)
    filled = {h: 0 for h in headers if h}
    for _line, record in rows:
        for header, cell in zip(headers, record, strict=False):
            if header and cell.strip():
                filled[header] += 1
    return CsvInfo(headers=headers, format=detect_format(headers),
                   mapping=guess_mapping(headers), delimiter=delimiter, filled=filled,
                   encoding=used, encoding_guessed=guessed)


def _split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split(":::") if v.strip()]


_DMY = re.compile(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$")
_YMD = re.compile(r"^(\d{4})[./-]?(\d{1,2})[./-]?(\d{1,2})$")


def csv_date(text: str) -> str:
    """``YYYY-MM-DD`` or ``--MM-DD`` from the ways exporters write a date: ISO, Google's
    ``--03-22``, Outlook's ``3/22/1980`` (month first unless the first number can only be
    a day) and ``22.03.1980``; "" for Outlook's ``0/0/00`` and for no date at all."""
    text = text.strip()
    year: int | None
    if match := re.match(r"^--(\d\d)-?(\d\d)$", text):
        year, month, day = None, int(match.group(1)), int(match.group(2))
    elif match := _YMD.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.match(text):
        first, second, year = (int(g) for g in match.groups())
        if "." in text or first > 12:
            day, month = first, second
        else:
            month, day = first, second
    else:
        return ""
    try:
        date(year or 2000, month, day)
    except ValueError:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


class _Row:
    """One record by header, remembering which columns a profile read."""

    def __init__(self, values: Mapping[str, str]) -> None:
        self.values = values
        self.used: set[str] = set()

    def get(self, column: str) -> str:
        self.used.add(column)
        return self.values.get(column, "")

    def first(self, *columns: str) -> str:
        for column in columns:
            value = self.get(column)
            if value.strip():
                return value
        return ""

    def date(self, column: str, notes: list[str], what: str) -> str:
        value = self.get(column).strip()
        found = csv_date(value)
        if value and not found and value not in ("0/0/00", "00.00.00"):
            notes.append(f"{what}: {value}")
        return found


def _parts_point(parts: Iterable[str], label: str) -> NewContactPoint:
    fields = tuple(p.replace("\r\n", "\n").strip() for p in parts)
    return NewContactPoint(kind=ADDRESS, value=address_line(fields), label=label,
                           parts=fields if sum(1 for p in fields if p) > 1 else ())


def _honorifics(row: _Row, *columns: str) -> None:
    """Read and let go: "Mr.", "Jr." are name parts spocdesk does not keep, as in a
    vCard's N (the display name a vCard carries says them where the person wants it)."""
    for column in columns:
        row.get(column)


def _notes(row: _Row, *columns: str) -> list[str]:
    return [n for n in (row.get(c).strip() for c in columns) if n]


def _google(row: _Row) -> NewStakeholder:
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for header in row.values:
        match = _GOOGLE_GROUP.match(header)
        if match:
            value = row.get(header)
            if value.strip():
                groups.setdefault((match.group(1), match.group(2)), {})[match.group(3)] = value
    points: list[NewContactPoint] = []
    notes = _notes(row, "Notes")
    row.get("Photo")  # a link to Google's copy of the picture: photos are not kept
    org = row.first("Organization Name")
    title = row.first("Organization Title")
    units = [u for u in [row.first("Organization Department")] if u]
    anniversary = ""
    for (what, _n), parts in sorted(groups.items(), key=lambda g: (g[0][0], int(g[0][1]))):
        label_text = parts.get("Label") or parts.get("Type") or ""
        label = label_text.lstrip("* ").strip().lower()
        if what == "Organization":
            org = org or parts.get("Name", "")
            title = title or parts.get("Title", "")
            units = units or [u for u in [parts.get("Department", "")] if u]
            continue
        if what == "Event":
            found = csv_date(parts.get("Value", ""))
            if label == "anniversary" and found and not anniversary:
                anniversary = found
            else:
                notes.append(f"{label_text.strip() or 'Date'}: {parts.get('Value', '')}")
            continue
        preferred = label_text.startswith("*")
        if what == "Address" and any(parts.get(p, "").strip() for p in _GOOGLE_PARTS):
            point = _parts_point((parts.get(p, "") for p in _GOOGLE_PARTS), label)
            if parts.get("Formatted", "").strip():
                point.value = parts["Formatted"]
            point.preferred = preferred
            points.append(point)
            continue
        value = parts.get("Formatted") or parts.get("Value") or ""
        for index, item in enumerate(_split_multi(value)):
            points.append(NewContactPoint(kind=_GOOGLE_KINDS[what], value=item, label=label,
                                          preferred=preferred and index == 0))
    _honorifics(row, "Name Prefix", "Name Suffix")
    given = row.first("Given Name", "First Name")
    family = row.first("Family Name", "Last Name")
    middle = row.first("Additional Name", "Middle Name")
    name = row.first("Name") or " ".join(p for p in (given, middle, family) if p.strip())
    groups_text = row.first("Group Membership", "Labels")
    return NewStakeholder(
        display_name=name, given_name=given, family_name=family, organisation=org,
        title=title, notes="\n".join(notes), tags=clean_tags(_split_multi(groups_text)),
        contact_points=points, nickname=row.first("Nickname"), org_units=units,
        birthday=row.date("Birthday", notes, "Birthday"), anniversary=anniversary,
    )


def _outlook(row: _Row) -> NewStakeholder:
    notes = _notes(row, "Notes")
    points = [NewContactPoint(kind=kind, value=row.get(column), label=label)
              for column, kind, label in OUTLOOK_POINTS]
    for where, label in OUTLOOK_ADDRESSES:
        street = "\n".join(s for s in (row.get(f"{where} Street"), row.get(f"{where} Street 2"),
                                       row.get(f"{where} Street 3")) if s.strip())
        points.append(_parts_point(
            (row.get(f"{where} Address PO Box"), "", street, row.get(f"{where} City"),
             row.get(f"{where} State"), row.get(f"{where} Postal Code"),
             row.get(f"{where} Country/Region")), label))
    for column in ("E-mail Type", "E-mail Display Name", "E-mail 2 Type",
                   "E-mail 2 Display Name", "E-mail 3 Type", "E-mail 3 Display Name"):
        row.get(column)  # "SMTP", and the name again: nothing of its own
    given, family = row.get("First Name"), row.get("Last Name")
    middle = row.get("Middle Name")
    _honorifics(row, "Title", "Suffix")
    name = " ".join(p for p in (given, middle, family) if p.strip()) or row.get("Name")
    company = row.get("Company")
    birthday = row.date("Birthday", notes, "Birthday")
    anniversary = row.date("Anniversary", notes, "Anniversary")
    is_org = not name.strip() and bool(company.strip())
    return NewStakeholder(
        display_name=name or company, given_name=given, family_name=family,
        organisation="" if is_org else company, kind="organisation" if is_org else "person",
        title=row.get("Job Title"), notes="\n".join(notes),
        tags=clean_tags(re.split(r"[;,]", row.get("Categories"))), contact_points=points,
        nickname=row.get("Nickname"), org_units=[u for u in [row.get("Department")] if u],
        birthday=birthday, anniversary=anniversary,
    )


def _thunderbird(row: _Row) -> NewStakeholder:
    notes = _notes(row, "Notes")
    points = [NewContactPoint(kind=kind, value=row.get(column), label=label)
              for column, kind, label in THUNDERBIRD_POINTS]
    for where, label in THUNDERBIRD_ADDRESSES:
        points.append(_parts_point(
            ("", row.get(f"{where} Address 2") or row.get(f"{where} Address2"),
             row.get(f"{where} Address"), row.get(f"{where} City"),
             row.first(f"{where} State", f"{where} County"),
             row.first(f"{where} ZipCode", f"{where} Zipcode", f"{where} Zip",
                       f"{where} Post Code"),
             row.get(f"{where} Country")), label))
    year, month, day = row.get("Birth Year"), row.get("Birth Month"), row.get("Birth Day")
    birthday = ""
    if month.strip() and day.strip():
        birthday = csv_date(f"{year.strip() or '-'}-{month.strip():0>2}-{day.strip():0>2}"
                            if year.strip() else f"--{month.strip():0>2}-{day.strip():0>2}")
    given, family = row.get("First Name"), row.get("Last Name")
    name = row.get("Display Name") or " ".join(p for p in (given, family) if p.strip())
    return NewStakeholder(
        display_name=name, given_name=given, family_name=family,
        organisation=row.first("Organization", "Organisation"), title=row.get("Job Title"),
        notes="\n".join(notes), contact_points=points, nickname=row.get("Nickname"),
        org_units=[u for u in [row.get("Department")] if u], birthday=birthday,
    )


def _linkedin(row: _Row) -> NewStakeholder:
    given, family = row.get("First Name"), row.get("Last Name")
    return NewStakeholder(
        display_name=" ".join(p for p in (given, family) if p.strip()), given_name=given,
        family_name=family, organisation=row.get("Company"), title=row.get("Position"),
        contact_points=[NewContactPoint(EMAIL, row.get("Email Address"), ""),
                        NewContactPoint(WEB, row.get("URL"), "linkedin")],
    )


def _apple(row: _Row) -> NewStakeholder:
    notes = _notes(row, "Note", "Notes")
    points: list[NewContactPoint] = []
    addresses: dict[str, list[str]] = {}
    dates: dict[str, str] = {}
    for header in row.values:
        match = _APPLE_COLUMN.match(header)
        if not match:
            continue
        kind_word, label, rest = (g.strip().lower() for g in match.groups())
        value = row.get(header)
        if not value.strip():
            continue
        if kind_word == "date":
            dates[label] = value
        elif kind_word == "address":
            part = _APPLE_PARTS.get(rest, 2)
            addresses.setdefault(label, [""] * 7)[part] = value
        else:
            points.append(NewContactPoint(_APPLE_KINDS[kind_word], value, label))
    points += [_parts_point(parts, label) for label, parts in addresses.items()]
    anniversary = csv_date(dates.pop("anniversary", ""))
    notes += [f"{label}: {value}" for label, value in dates.items()]
    given, family = row.get("First name"), row.get("Last name")
    middle = row.get("Middle name")
    return NewStakeholder(
        display_name=" ".join(p for p in (given, middle, family) if p.strip()),
        given_name=given, family_name=family, organisation=row.get("Organization"),
        title=row.get("Job title"), notes="\n".join(notes), contact_points=points,
        nickname=row.get("Nickname"), org_units=[u for u in [row.get("Department")] if u],
        birthday=row.date("Birthday", notes, "Birthday"), anniversary=anniversary,
    )


def _mapped(mapping: Mapping[str, str]) -> Callable[[_Row], NewStakeholder]:
    def build(row: _Row) -> NewStakeholder:
        def get(target: str) -> str:
            column = mapping.get(target)
            return row.get(column) if column else ""

        notes = [n for n in [get("notes").strip()] if n]
        given, family = get("given_name"), get("family_name")
        name = get("display_name") or " ".join(p for p in (given, family) if p.strip())
        points = [NewContactPoint(kind=kind, value=get(target), label=label)
                  for target, (kind, label) in POINT_FIELDS.items()]
        if any(target in mapping for target in ADDRESS_FIELDS):
            points.append(_parts_point(
                ("", "", get("street"), get("city"), get("region"), get("postcode"),
                 get("country")), ""))
        return NewStakeholder(
            display_name=name, given_name=given, family_name=family,
            organisation=get("organisation"), title=get("title"),
            tags=clean_tags(re.split(r"[;,]|:::", get("tags"))), contact_points=points,
            nickname=get("nickname"), org_units=[u for u in [get("department")] if u],
            birthday=row.date(mapping.get("birthday", ""), notes, "Birthday"),
            anniversary=row.date(mapping.get("anniversary", ""), notes, "Anniversary"),
            notes="\n".join(notes),
        )

    return build


def _keep_unmapped(row: _Row, data: NewStakeholder, ignored: Collection[str],
                   keep: bool, seen: dict[str, None]) -> None:
    """Columns no field read: named in ``seen``, and their values added to the notes."""
    extra: list[str] = []
    for column, value in row.values.items():
        if column in row.used or column in ignored or not value.strip():
            continue
        if OUTLOOK_DEFAULTS.get(column) == value.strip().lower():
            continue
        seen.setdefault(column, None)
        extra.append(f"{column}: {' '.join(value.split())}")
    if keep and extra:
        data.notes = "\n".join(n for n in (data.notes.strip(), "\n".join(extra)) if n)


def _tidy(data: NewStakeholder) -> NewStakeholder:
    data.display_name = " ".join(data.display_name.split())[:500]
    for name in ("given_name", "family_name", "organisation", "title", "nickname"):
        setattr(data, name, " ".join(getattr(data, name).split()))
    data.org_units = [" ".join(u.split()) for u in data.org_units if u.strip()]
    data.notes = data.notes.replace("\r\n", "\n").strip()
    data.contact_points = [p for p in data.contact_points if p.value.strip()]
    for point in data.contact_points:
        lines = point.value.replace("\r", "\n").split("\n")
        point.value = ", ".join(" ".join(line.split()) for line in lines if line.strip())
    if data.kind == "person" and not data.display_name and data.organisation:
        data.kind, data.display_name, data.organisation = "organisation", data.organisation, ""
    if not data.display_name:  # a row with only an e-mail address or a number
        data.display_name = next((p.value for k in (EMAIL, PHONE) for p in data.contact_points
                                  if p.kind == k), "")
    return data


BUILDERS: dict[str, Callable[[_Row], NewStakeholder]] = {
    GOOGLE: _google, OUTLOOK: _outlook, THUNDERBIRD: _thunderbird, APPLE: _apple,
    LINKEDIN: _linkedin,
}


def parse_csv(data: bytes | str, mapping: Mapping[str, str] | None = None,
              encoding: str = "", ignore: Collection[str] = (),
              keep_unmapped: bool = True) -> ParseResult:
    """Contacts from a CSV export.

    A ``mapping`` (target field → column) overrides profile detection; fields it leaves
    out are guessed from the header. Columns in ``ignore`` are dropped on purpose;
    any other column with values that no field reads is listed in ``unmapped`` and,
    with ``keep_unmapped``, kept in the notes."""
    headers, rows, _delimiter, (used, guessed) = _table(data, encoding)
    fmt = GENERIC if mapping is not None else detect_format(headers)
    result = ParseResult(format=f"csv-{fmt}", encoding=used, encoding_guessed=guessed,
                         records=len(rows))
    if not headers:
        result.problems.append(Problem(
            Message(QT_TRANSLATE_NOOP("spocdesk.core", "file")),
            Message(QT_TRANSLATE_NOOP("spocdesk.core", "the CSV file is empty"))))
        return result
    if fmt == GENERIC:
        mapping = {**guess_mapping([h for h in headers if h not in ignore]), **(mapping or {})}
        unknown = [c for c in [*mapping.values(), *ignore] if c not in headers]
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The CSV file has no column named '{name}'."), name=unknown[0])
        if not (NAME_FIELDS | {"email", "email_2", "phone", "mobile"}) & set(mapping):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "No column of this CSV file holds a name; choose which columns hold what."))
    build = BUILDERS.get(fmt) or _mapped(mapping or {})
    unmapped: dict[str, None] = {}
    for line, record in rows:
        where = Message(QT_TRANSLATE_NOOP("spocdesk.core", "line {line}"), line=line)
        if len(record) > len(headers) and any(c.strip() for c in record[len(headers):]):
            result.problems.append(Problem(where, Message(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{fields} fields where the header has {columns}"),
                fields=len(record), columns=len(headers))))
            continue
        row = _Row({h: (record[i] if i < len(record) else "") for i, h in enumerate(headers)
                    if h})
        contact = build(row)
        _keep_unmapped(row, contact, ignore, keep_unmapped, unmapped)
        contact = _tidy(contact)
        if not contact.display_name:
            result.problems.append(Problem(
                where, Message(QT_TRANSLATE_NOOP("spocdesk.core", "no name"))))
            continue
        result.contacts.append(ParsedContact(where=where, data=contact))
    result.unmapped = list(unmapped)
    return result
