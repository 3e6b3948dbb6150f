"""CSV contacts: Google (new and legacy headers), Outlook (Windows-1252), any CSV with a mapping."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spocdesk.core.errors import InvalidInput, SpocError
from spocdesk.core.people.formats import ParseResult
from spocdesk.core.people.formats.contacts_csv import (
    GENERIC,
    GOOGLE,
    OUTLOOK,
    inspect_csv,
    parse_csv,
)
from spocdesk.core.people.stakeholders import NewStakeholder

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def load(name: str, mapping: dict[str, str] | None = None) -> ParseResult:
    return parse_csv((FIXTURES / name).read_bytes(), mapping)


def by_name(result: ParseResult) -> dict[str, NewStakeholder]:
    return {c.data.display_name: c.data for c in result.contacts}


def points(data: NewStakeholder) -> set[tuple[str, str, str]]:
    return {(p.kind, p.label, p.value) for p in data.contact_points}


def test_google_csv_new_headers() -> None:
    result = load("google_contacts.csv")
    assert result.format == f"csv-{GOOGLE}"
    people = by_name(result)
    tomasz = people["Tomasz Nowak"]
    assert (tomasz.organisation, tomasz.title) == ("Northwind Logistics", "Procurement Lead")
    assert tomasz.notes == "Met at the Hamburg fair, 2025.\nSpeaks German."
    assert list(tomasz.tags) == ["Suppliers"]
    assert points(tomasz) == {
        ("email", "work", "tomasz.nowak@northwind.example"),
        ("phone", "mobile", "+48 601 234 567"),
        ("phone", "work", "+48 22 123 45 67"),
        ("phone", "work", "+48 22 123 45 68"),  # two values joined by ':::'
        ("address", "work", "ul. Marszałkowska 10, 00-001 Warszawa, Poland"),
    }
    assert [p.value for p in tomasz.contact_points if p.preferred] == [
        "tomasz.nowak@northwind.example"]  # '* Work' marks the primary one
    assert points(people["Zoë Lindqvist"]) >= {("web", "profile", "https://zoe.example")}
    assert people["Meridian Foods"].kind == "organisation"
    # the first row spans lines 2-5 (quoted line breaks): line numbers are physical lines
    assert [str(p) for p in result.problems] == ["line 7: no name"]


def test_google_csv_legacy_headers_with_bom() -> None:
    result = load("google_legacy.csv")
    grace = by_name(result)["Grace Papadopoulos"]
    assert (grace.given_name, grace.family_name) == ("Grace", "Papadopoulos")
    assert (grace.organisation, grace.title) == ("Alder & Finch Legal", "Partner")
    assert list(grace.tags) == ["Clients"]
    assert ("phone", "mobile", "+30 69 1234 5678") in points(grace)


def test_outlook_csv_in_windows_1252() -> None:
    result = load("outlook_cp1252.csv")
    assert result.format == f"csv-{OUTLOOK}"
    people = by_name(result)
    jose = people["José Fernández"]
    assert jose.title == "Office Manager"  # "Job Title", not Outlook's "Title" (Mr.)
    assert jose.organisation == "Quarry Lane Architects"
    assert jose.notes == "Café meeting every first Monday –\nbring the plans."
    assert list(jose.tags) == ["Clients", "VIP"]
    assert points(jose) == {
        ("email", "", "jose.fernandez@quarrylane.example"),
        ("email", "", "jose.f@correo.example"),
        ("phone", "work", "+34 91 123 45 67"),
        ("phone", "mobile", "+34 612 345 678"),
        ("address", "work", "Calle Mayor 5, Madrid, 28013, Spain"),
    }
    assert ("phone", "work fax", "+49 30 1234599") in points(people["Jürgen Müller"])
    assert people["Solent Marine Supplies"].kind == "organisation"
    assert [str(p) for p in result.problems] == ["line 6: no name"]


def test_generic_csv_guess_and_explicit_mapping() -> None:
    data = (FIXTURES / "generic_semicolon.csv").read_bytes()
    info = inspect_csv(data)
    assert info.format == GENERIC and info.delimiter == ";"
    assert info.headers == ["Name", "Firma", "E-Mail", "Telefon", "Bemerkung"]
    assert info.mapping == {"display_name": "Name", "organisation": "Firma", "email": "E-Mail",
                            "phone": "Telefon"}
    mapping = {**info.mapping, "notes": "Bemerkung"}
    people = by_name(parse_csv(data, mapping))
    assert people["Håkon Lindqvist"].notes == "liefert Ersatzteile"
    assert people["Håkon Lindqvist"].organisation == "Nordlys AS"
    assert people["Leer GmbH"].kind == "organisation"


def test_mapping_errors_are_plain_sentences() -> None:
    data = (FIXTURES / "generic_semicolon.csv").read_bytes()
    with pytest.raises(InvalidInput, match="no column named 'Nope'"):
        parse_csv(data, {"display_name": "Nope"})
    with pytest.raises(InvalidInput, match="holds a name"):
        parse_csv("a,b\n1,2\n")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_encodings(encoding: str) -> None:
    text = "First Name,Last Name,E-mail Address,Company\r\nRené,Ørsted,r@o.example,Ærø ApS\r\n"
    result = parse_csv(text.encode(encoding))
    assert [c.data.display_name for c in result.contacts] == ["René Ørsted"]


def test_tab_delimited_and_ragged_rows() -> None:
    text = "Name\tEmail\nAnn Lee\tann@x.example\nBob\tb@x.example\textra\tmore\nCy\n"
    result = parse_csv(text)
    assert [c.data.display_name for c in result.contacts] == ["Ann Lee", "Cy"]
    assert [str(p) for p in result.problems] == ["line 3: 4 fields where the header has 2"]


def test_empty_file() -> None:
    assert [str(p) for p in parse_csv(b"").problems] == ["file: the CSV file is empty"]


CSV_PIECES = st.sampled_from([
    ",", ";", "\t", '"', '""', "\r\n", "\n", "\r", "Name", "E-mail 1 - Value", "Given Name",
    "Phone 1 - Value", "First Name", "Company", "E-mail Address", " ::: ", "* ", "é", "\x00",
    "\ufeff", "Organization 1 - Name", "Labels",
])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(CSV_PIECES, st.text(max_size=6)), max_size=50))
def test_malformed_csv_only_raises_spoc_errors(pieces: list[str]) -> None:
    text = "".join(pieces)
    for data in (text, text.encode("utf-8", "surrogatepass"), text.encode("utf-16")):
        try:
            result = parse_csv(data)
        except SpocError:
            continue
        for contact in result.contacts:
            assert contact.data.display_name.strip()
