"""Contacts from CSV: Google Contacts and Outlook exports, or any CSV with a column mapping.

The format is told from the header. Google's repeated groups (``E-mail 1 -
Label``/``E-mail 1 - Value``, several values joined by ``:::``) and Outlook's
fixed columns (``Business Phone``, ``E-mail 2 Address``, ...) are read as such;
any other CSV needs a mapping *target field → column name*, which
:func:`inspect_csv` guesses so a dialog can offer it. Text is UTF-8 (BOM or
not), UTF-16 with a BOM, else Windows-1252; the delimiter is sniffed.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, Message
from spocdesk.core.formats import ParsedContact, ParseResult, Problem, clean_tags, decode_text
from spocdesk.core.model import ContactKind
from spocdesk.core.services.stakeholders import NewContactPoint, NewStakeholder

GOOGLE = "google"
OUTLOOK = "outlook"
GENERIC = "generic"

PHONE, EMAIL = ContactKind.PHONE.value, ContactKind.EMAIL.value
ADDRESS, WEB = ContactKind.ADDRESS.value, ContactKind.WEB.value

# target field → (what a dialog shows, normalised header spellings a guess accepts)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "display_name": ("Full name", ("name", "fullname", "displayname", "contact", "contactname")),
    "given_name": ("First name", ("firstname", "givenname", "forename", "vorname", "prenom")),
    "family_name": ("Last name", ("lastname", "familyname", "surname", "nachname", "nom")),
    "organisation": ("Organisation", ("company", "organisation", "organization", "org",
                                      "organisationname", "organizationname", "firma",
                                      "employer", "companyname")),
    "title": ("Title / role", ("jobtitle", "title", "role", "position", "function")),
    "email": ("E-mail", ("email", "emailaddress", "mail", "emailadresse", "email1")),
    "email_2": ("Second e-mail", ("email2", "email2address", "secondemail", "otheremail")),
    "phone": ("Phone", ("phone", "telephone", "tel", "phonenumber", "workphone",
                        "businessphone", "telefon", "phone1")),
    "mobile": ("Mobile phone", ("mobile", "mobilephone", "cell", "cellphone", "handy")),
    "phone_2": ("Second phone", ("phone2", "homephone", "otherphone")),
    "address": ("Address", ("address", "postaladdress", "street", "streetaddress")),
    "web": ("Web site", ("website", "web", "url", "homepage", "webpage")),
    "notes": ("Notes", ("notes", "note", "comments", "comment", "remarks")),
    "tags": ("Tags", ("tags", "categories", "category", "labels", "groups")),
}
POINT_FIELDS = {"email": (EMAIL, "work"), "email_2": (EMAIL, "other"),
                "phone": (PHONE, "work"), "mobile": (PHONE, "mobile"),
                "phone_2": (PHONE, "other"), "address": (ADDRESS, ""), "web": (WEB, "")}

OUTLOOK_POINTS = [
    ("E-mail Address", EMAIL, ""), ("E-mail 2 Address", EMAIL, ""),
    ("E-mail 3 Address", EMAIL, ""), ("Primary Phone", PHONE, "main"),
    ("Business Phone", PHONE, "work"), ("Business Phone 2", PHONE, "work"),
    ("Mobile Phone", PHONE, "mobile"), ("Home Phone", PHONE, "home"),
    ("Home Phone 2", PHONE, "home"), ("Other Phone", PHONE, "other"),
    ("Business Fax", PHONE, "work fax"), ("Home Fax", PHONE, "home fax"),
    ("Pager", PHONE, "pager"), ("Web Page", WEB, ""),
]
OUTLOOK_ADDRESS = ("Street", "City", "State", "Postal Code", "Country/Region")
_GOOGLE_GROUP = re.compile(
    r"^(E-mail|Phone|Address|Website|Organization) (\d+) - "
    r"(Type|Label|Value|Formatted|Name|Title)$")
_GOOGLE_KINDS = {"E-mail": EMAIL, "Phone": PHONE, "Address": ADDRESS, "Website": WEB}


@dataclass
class CsvInfo:
    """What a column-mapping dialog needs: the headers, the format, a guessed mapping."""

    headers: list[str]
    format: str
    mapping: dict[str, str] = field(default_factory=dict)
    delimiter: str = ","


def _norm(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.casefold())


def detect_format(headers: list[str]) -> str:
    names = set(headers)
    if names & {"Given Name", "Group Membership", "E-mail 1 - Value", "Phone 1 - Value",
                "Organization 1 - Name", "Labels"}:
        return GOOGLE
    if {"E-mail Address", "Business Phone", "Mobile Phone", "Job Title"} & names and (
            "Company" in names or "First Name" in names):
        return OUTLOOK
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
    return mapping


def _sniff_delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _table(data: bytes | str) -> tuple[list[str], list[tuple[int, list[str]]], str]:
    text = decode_text(data) if isinstance(data, bytes) else data.lstrip("\ufeff")
    text = text.replace("\x00", "")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] = []
    start = 1
    try:
        for record in reader:
            if not headers:
                headers = [h.strip().lstrip("\ufeff") for h in record]
            elif any(cell.strip() for cell in record):
                rows.append((start, record))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The CSV file cannot be read near line {start}: {reason}."),
            start=start, reason=exc) from exc
    return headers, rows, delimiter


def inspect_csv(data: bytes | str) -> CsvInfo:
    headers, _rows, delimiter = _table(data)
    return CsvInfo(headers=headers, format=detect_format(headers),
                   mapping=guess_mapping(headers), delimiter=delimiter)


def _split_multi(value: str) -> list[str]:
    return [v.strip() for v in value.split(":::") if v.strip()]


def _google(row: Mapping[str, str]) -> NewStakeholder:
    groups: dict[tuple[str, str], dict[str, str]] = {}
    for header, value in row.items():
        match = _GOOGLE_GROUP.match(header)
        if match and value.strip():
            groups.setdefault((match.group(1), match.group(2)), {})[match.group(3)] = value
    points: list[NewContactPoint] = []
    org, title = row.get("Organization Name", ""), row.get("Organization Title", "")
    for (what, _n), parts in sorted(groups.items(), key=lambda g: (g[0][0], int(g[0][1]))):
        if what == "Organization":
            org = org or parts.get("Name", "")
            title = title or parts.get("Title", "")
            continue
        label = (parts.get("Label") or parts.get("Type") or "").lstrip("* ").strip().lower()
        preferred = (parts.get("Label") or parts.get("Type") or "").startswith("*")
        value = parts.get("Formatted") or parts.get("Value") or ""
        for index, item in enumerate(_split_multi(value)):
            points.append(NewContactPoint(kind=_GOOGLE_KINDS[what], value=item, label=label,
                                          preferred=preferred and index == 0))
    given = row.get("Given Name") or row.get("First Name", "")
    family = row.get("Family Name") or row.get("Last Name", "")
    middle = row.get("Additional Name") or row.get("Middle Name", "")
    name = row.get("Name") or " ".join(p for p in (given, middle, family) if p.strip())
    groups_text = row.get("Group Membership") or row.get("Labels", "")
    return NewStakeholder(
        display_name=name, given_name=given, family_name=family, organisation=org,
        title=title, notes=row.get("Notes", ""), tags=clean_tags(_split_multi(groups_text)),
        contact_points=points,
    )


def _outlook(row: Mapping[str, str]) -> NewStakeholder:
    points = [NewContactPoint(kind=kind, value=row.get(column, ""), label=label)
              for column, kind, label in OUTLOOK_POINTS]
    for where in ("Business", "Home", "Other"):
        parts = [row.get(f"{where} {part}", "").replace("\n", ", ").strip()
                 for part in OUTLOOK_ADDRESS]
        points.append(NewContactPoint(kind=ADDRESS, value=", ".join(p for p in parts if p),
                                      label="work" if where == "Business" else where.lower()))
    given, family = row.get("First Name", ""), row.get("Last Name", "")
    middle = row.get("Middle Name", "")
    name = " ".join(p for p in (given, middle, family) if p.strip())
    company = row.get("Company", "")
    return NewStakeholder(
        display_name=name or company, given_name=given, family_name=family,
        organisation=company if name else "", kind="person" if name else "organisation",
        title=row.get("Job Title", ""), notes=row.get("Notes", ""),
        tags=clean_tags(re.split(r"[;,]", row.get("Categories", ""))), contact_points=points,
    )


def _mapped(mapping: Mapping[str, str]) -> Callable[[Mapping[str, str]], NewStakeholder]:
    def build(row: Mapping[str, str]) -> NewStakeholder:
        def get(target: str) -> str:
            column = mapping.get(target)
            return row.get(column, "") if column else ""

        given, family = get("given_name"), get("family_name")
        name = get("display_name") or " ".join(p for p in (given, family) if p.strip())
        points = [NewContactPoint(kind=kind, value=get(target), label=label)
                  for target, (kind, label) in POINT_FIELDS.items()]
        return NewStakeholder(
            display_name=name, given_name=given, family_name=family,
            organisation=get("organisation"), title=get("title"), notes=get("notes"),
            tags=clean_tags(re.split(r"[;,]|:::", get("tags"))), contact_points=points,
        )

    return build


def _tidy(data: NewStakeholder) -> NewStakeholder:
    data.display_name = " ".join(data.display_name.split())[:500]
    for name in ("given_name", "family_name", "organisation", "title"):
        setattr(data, name, " ".join(getattr(data, name).split()))
    data.notes = data.notes.replace("\r\n", "\n").strip()
    data.contact_points = [p for p in data.contact_points if p.value.strip()]
    for point in data.contact_points:
        lines = point.value.replace("\r", "\n").split("\n")
        point.value = ", ".join(" ".join(line.split()) for line in lines if line.strip())
    if data.kind == "person" and not data.display_name and data.organisation:
        data.kind, data.display_name, data.organisation = "organisation", data.organisation, ""
    return data


def parse_csv(data: bytes | str, mapping: Mapping[str, str] | None = None) -> ParseResult:
    """Contacts from a CSV export; a ``mapping`` overrides format detection."""
    headers, rows, _delimiter = _table(data)
    fmt = GENERIC if mapping is not None else detect_format(headers)
    result = ParseResult(format=f"csv-{fmt}")
    if not headers:
        result.problems.append(Problem(
            Message(QT_TRANSLATE_NOOP("spocdesk.core", "file")),
            Message(QT_TRANSLATE_NOOP("spocdesk.core", "the CSV file is empty"))))
        return result
    if fmt == GENERIC:
        mapping = dict(mapping if mapping is not None else guess_mapping(headers))
        unknown = [c for c in mapping.values() if c not in headers]
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The CSV file has no column named '{name}'."), name=unknown[0])
        if not {"display_name", "given_name", "family_name", "organisation"} & set(mapping):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "No column of this CSV file holds a name; choose which columns hold what."))
    build = {GOOGLE: _google, OUTLOOK: _outlook}.get(fmt) or _mapped(mapping or {})
    for line, record in rows:
        where = Message(QT_TRANSLATE_NOOP("spocdesk.core", "line {line}"), line=line)
        if len(record) > len(headers) and any(c.strip() for c in record[len(headers):]):
            result.problems.append(Problem(where, Message(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{fields} fields where the header has {columns}"),
                fields=len(record), columns=len(headers))))
            continue
        row = {h: (record[i] if i < len(record) else "") for i, h in enumerate(headers) if h}
        contact = _tidy(build(row))
        if not contact.display_name:
            result.problems.append(Problem(
                where, Message(QT_TRANSLATE_NOOP("spocdesk.core", "no name"))))
            continue
        result.contacts.append(ParsedContact(where=where, data=contact))
    return result
