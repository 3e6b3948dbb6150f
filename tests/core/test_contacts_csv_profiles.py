"""CSV profiles of the common address books, column mappings, and columns never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from spocdesk.core.errors import InvalidInput
from spocdesk.core.people.formats import ParseResult
from spocdesk.core.people.formats.contacts_csv import (
    APPLE,
    GENERIC,
    LINKEDIN,
    OUTLOOK,
    THUNDERBIRD,
    csv_date,
    inspect_csv,
    parse_csv,
    parse_mapping,
    profile_name,
)
from spocdesk.core.people.stakeholders import NewStakeholder

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def load(name: str, **kwargs: object) -> ParseResult:
    return parse_csv((FIXTURES / name).read_bytes(), **kwargs)  # type: ignore[arg-type]


def by_name(result: ParseResult) -> dict[str, NewStakeholder]:
    return {c.data.display_name: c.data for c in result.contacts}


def emails(data: NewStakeholder) -> list[str]:
    return [p.value for p in data.contact_points if p.kind == "email"]


@pytest.mark.parametrize("name", ["thunderbird.csv", "thunderbird_semicolon.csv"])
def test_thunderbird_keeps_every_email_address(name: str) -> None:
    result = load(name)
    assert result.format == f"csv-{THUNDERBIRD}" and profile_name(result.format) == "Thunderbird"
    assert result.problems == []
    for contact in result.contacts:
        assert emails(contact.data), contact.data.display_name


def test_thunderbird_fields() -> None:
    people = by_name(load("thunderbird.csv"))
    ingrid = people["Ingrid Halvorsen"]
    assert emails(ingrid) == ["ingrid@fjord.example", "inga.h@mail.example"]
    assert (ingrid.organisation, list(ingrid.org_units), ingrid.title) == (
        "Fjord Kommune", ["Home care"], "Case manager")
    assert (ingrid.nickname, ingrid.birthday) == ("Inga", "1979-04-15")
    work = next(p for p in ingrid.contact_points if p.kind == "address")
    assert work.parts == ("", "3. etasje", "Kongens gate 4", "Oslo", "", "0153", "Norway")
    assert ingrid.notes == "Covers the north district.\nCustom 1: Prefers e-mail"
    assert "no.name@fjord.example" in people  # only an address: imported under it
    oliver = by_name(load("thunderbird_semicolon.csv"))["Oliver Bramley"]
    assert oliver.birthday == "--11-02"  # no birth year
    assert next(p for p in oliver.contact_points if p.kind == "address").parts[3:6] == (
        "Leeds", "West Yorkshire", "LS1 4AP")


def test_outlook_with_a_name_column_is_a_person_at_a_company() -> None:
    result = load("outlook_name_column.csv")
    assert result.format == f"csv-{OUTLOOK}" and result.problems == []
    adam = by_name(result)["Adam Glacius"]
    assert (adam.kind, adam.organisation) == ("person", "Acme Inc.")
    assert len(emails(adam)) == 3 and adam.birthday == "1980-03-22"
    assert adam.notes == "Has 2 kids\nSpouse: Maria"  # an unmapped column, kept
    assert result.unmapped == ["Spouse"]
    beatriz = by_name(result)["Beatriz Sousa"]  # no company: still a person
    assert beatriz.kind == "person" and beatriz.birthday == ""  # Outlook's 0/0/00
    assert next(p for p in beatriz.contact_points if p.kind == "address").label == "home"


def test_linkedin_skips_the_preamble() -> None:
    result = load("linkedin_connections.csv")
    assert result.format == f"csv-{LINKEDIN}"
    priya = by_name(result)["Priya Raman"]
    assert (priya.organisation, priya.title) == ("Lotus Health", "Clinical lead")
    assert ("web", "linkedin") in {(p.kind, p.label) for p in priya.contact_points}
    assert priya.notes == "Connected On: 12 Jan 2024"


def test_apple_labelled_columns() -> None:
    result = load("apple_labelled_columns.csv")
    assert result.format == f"csv-{APPLE}"
    camille = result.contacts[0].data
    assert (camille.nickname, list(camille.org_units)) == ("Cami", ["Pédiatrie"])
    assert (camille.birthday, camille.anniversary) == ("1985-09-30", "2012-06-16")
    labels = {(p.kind, p.label) for p in camille.contact_points}
    assert {("email", "work"), ("phone", "mobile"), ("address", "work")} <= labels


def test_unknown_columns_are_kept_in_notes_or_mapped() -> None:
    result = load("unknown_columns.csv")
    assert result.format == f"csv-{GENERIC}"
    assert result.unmapped == ["Business", "Additional Info", "Region Code"]
    nadia = by_name(result)["Nadia Benali"]
    assert emails(nadia) == ["nadia@benali.example"]  # "Contact Email" guessed
    assert nadia.notes == ("Business: Benali Conseil\nAdditional Info: Met at the 2024 expo\n"
                           "Region Code: IDF")
    mapping, ignored = parse_mapping("Contact Email=email,Business=organisation,"
                                     "Region Code=ignore")
    mapped = load("unknown_columns.csv", mapping=mapping, ignore=ignored)
    nadia = by_name(mapped)["Nadia Benali"]
    assert nadia.organisation == "Benali Conseil"
    assert nadia.notes == "Additional Info: Met at the 2024 expo"
    assert mapped.unmapped == ["Additional Info"]
    dropped = load("unknown_columns.csv", keep_unmapped=False)
    assert by_name(dropped)["Nadia Benali"].notes == ""
    assert dropped.unmapped == ["Business", "Additional Info", "Region Code"]  # still said


def test_mapping_syntax_errors() -> None:
    with pytest.raises(InvalidInput, match="not a field"):
        parse_mapping("Contact Email=emial")
    with pytest.raises(InvalidInput, match="COLUMN=FIELD"):
        parse_mapping("Contact Email")
    with pytest.raises(InvalidInput, match="no column named 'Nope'"):
        load("unknown_columns.csv", mapping={"email": "Nope"})


def test_inspect_counts_filled_cells() -> None:
    info = inspect_csv((FIXTURES / "unknown_columns.csv").read_bytes())
    assert info.filled == {"Full Name": 2, "Contact Email": 2, "Business": 1,
                           "Additional Info": 1, "Region Code": 2}


@pytest.mark.parametrize("text, expected", [
    ("1980-03-22", "1980-03-22"), ("19800322", "1980-03-22"), ("3/22/1980", "1980-03-22"),
    ("22/3/1980", "1980-03-22"), ("22.03.1980", "1980-03-22"), ("--03-22", "--03-22"),
    ("0/0/00", ""), ("soon", ""), ("1980-02-30", ""),
])
def test_csv_dates(text: str, expected: str) -> None:
    assert csv_date(text) == expected


def test_legacy_encoding_is_guessed_and_can_be_chosen() -> None:
    text = "Name,Notes\r\nΓιώργος Παπαδόπουλος,Λογιστήριο δεύτερος όροφος\r\n"
    result = parse_csv(text.encode("cp1253"))
    assert (result.encoding, result.encoding_guessed) == ("cp1253", True)
    assert result.contacts[0].data.display_name == "Γιώργος Παπαδόπουλος"
    chosen = parse_csv(text.encode("cp1253"), encoding="cp1252")
    assert (chosen.encoding, chosen.encoding_guessed) == ("cp1252", False)
