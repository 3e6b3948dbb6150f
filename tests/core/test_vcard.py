"""vCard 2.1/3.0/4.0 reading (real-looking exports, odd spellings, broken cards) and writing."""

from __future__ import annotations

from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.people.formats import ParseResult
from spocdesk.core.people.formats.vcard import fold, parse_line, parse_vcards, unfold, write_vcard
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def load(name: str) -> ParseResult:
    return parse_vcards((FIXTURES / name).read_bytes())


def by_name(result: ParseResult) -> dict[str, NewStakeholder]:
    return {c.data.display_name: c.data for c in result.contacts}


def points(data: NewStakeholder) -> set[tuple[str, str, str]]:
    return {(p.kind, p.label, p.value) for p in data.contact_points}


def test_apple_export() -> None:
    result = load("apple_3.0.vcf")
    assert result.problems == []
    people = by_name(result)
    chloe = people["Chloé Lefèvre"]
    assert (chloe.given_name, chloe.family_name) == ("Chloé", "Lefèvre")
    assert chloe.organisation == "Kestrel Analytics"
    assert chloe.title == "Head of Customer Success"
    assert chloe.notes == ("Prefers calls before 10:00.\nAsk about the Q3 renewal; "
                           "contract ends in June, not July.")
    assert list(chloe.tags) == ["clients", "vip"]
    assert points(chloe) == {
        ("email", "work", "chloe.lefevre@kestrel.example"),
        ("email", "home", "chloe.l@mail.example"),
        ("phone", "mobile", "+33 6 12 34 56 78"),
        ("phone", "work", "+33 1 44 55 66 77"),
        ("phone", "assistant", "+33 1 99 88 77 66"),  # itemN.X-ABLabel
        ("address", "work", "12 Rue de la Paix, Paris, 75002, France"),
        ("web", "homepage", "https://kestrel.example"),
    }
    preferred = {(p.kind, p.value) for p in chloe.contact_points if p.preferred}
    assert ("email", "chloe.lefevre@kestrel.example") in preferred
    practice = people["Riverside GP Practice"]
    assert practice.kind == "organisation" and practice.organisation == ""
    assert ("email", "reception", "reception@riverside-gp.example") in points(practice)
    doctor = people["Dr. Aoife Máire O'Brien"]
    assert doctor.organisation == "St. Margaret's Hospital"
    assert ("phone", "work fax", "+353 1 555 0101") in points(doctor)


def test_google_export_drops_system_groups_and_flags_nameless_cards() -> None:
    result = load("google_3.0.vcf")
    people = by_name(result)
    assert list(people["Tomasz Nowak"].tags) == ["Suppliers"]
    assert people["Tomasz Nowak"].notes == (
        "Met at the Hamburg fair, 2025.\nSpeaks German and English.")
    assert list(people["Yasmin Haddad"].tags) == ["Family contacts"]
    assert ("phone", "daughter's school", "+49 30 555 1234") in points(people["Yasmin Haddad"])
    assert people["Blue Harbour Insurance"].kind == "organisation"
    # a card with only an e-mail address is imported under that address (issue 19)
    assert result.problems == []
    assert "noreply@newsletter.example" in people


def test_phone_vcard_21_quoted_printable_soft_breaks_and_charsets() -> None:
    result = load("phone_2.1.vcf")
    people = by_name(result)
    maria = people["Maria-Magdalena Wiśniewska-Dąbrowska-Żółkiewska"]
    assert maria.family_name == "Wiśniewska-Dąbrowska-Żółkiewska"
    assert maria.notes == ("Opiekunka mamy, dzwonić po 17:00.\n"
                           "Kod do klatki: 4711. Zawód: pielęgniarka")
    assert ("phone", "mobile", "+48601112233") in points(maria)
    assert ("phone", "work fax", "022 111 22 34") in points(maria)
    assert [p.preferred for p in maria.contact_points if p.value == "+48601112233"] == [True]
    taro = people["山田太郎"]
    assert (taro.family_name, taro.given_name) == ("山田", "太郎")
    assert taro.organisation == "株式会社サンプル"
    assert people["Jürgen Grünwald"].family_name == "Grünwald"  # CHARSET=ISO-8859-1
    # a card with only a number is imported under that number (issue 19)
    assert result.problems == []
    assert "+49 160 0000000" in people


def test_missing_fields() -> None:
    result = load("missing_fields.vcf")
    people = by_name(result)
    assert set(people) == {"Only A Name", "Sato Kim", "Citywide Pharmacy", "Hearthside Home Care",
                           "+1 555 0100"}  # only a number: imported under it (issue 19)
    assert people["Citywide Pharmacy"].kind == "organisation"  # KIND:org
    assert people["Hearthside Home Care"].kind == "organisation"  # ORG only
    assert result.problems == []


def test_broken_file_reports_card_numbers_and_keeps_the_good_cards() -> None:
    result = load("broken.vcf")
    # card 2 has only an e-mail address: imported under it (issue 19)
    assert set(by_name(result)) == {"Ben Okafor", "Elif Yilmaz", "nobody@nowhere.example"}
    assert [str(p) for p in result.problems] == [
        "card 3: not closed by END:VCARD",
        "card 5: the file ends inside this card"]
    elif_ = by_name(result)["Elif Yilmaz"]
    assert "+90-555-123-4567" in {p.value for p in elif_.contact_points}  # tel: URI
    assert {p.label for p in elif_.contact_points if p.kind == "phone"} == {"mobile"}


@pytest.mark.parametrize("charset", ["rot13", "hex", "\x00", "undefined", "punycode", "idna",
                                     "no-such-charset", "utf-16", "cp1252"])
def test_odd_charsets_never_raise(charset: str) -> None:
    card = (f"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:"
            "J=FCrgen=C3=A9 \udcff\r\nNOTE;CHARSET={charset}:x\r\nEND:VCARD\r\n")
    result = parse_vcards(card)
    assert len(result.contacts) == 1 and result.contacts[0].data.display_name.strip()


def test_empty_and_non_vcard_input() -> None:
    assert [str(p) for p in parse_vcards(b"").problems] == [
        "file: no vCard found (no BEGIN:VCARD line)"]
    assert parse_vcards(b"\x00\xff\xfe garbage").contacts == []


@pytest.mark.parametrize("line, types", [
    ("TEL;TYPE=work,voice:1", ["work", "voice"]),
    ("TEL;TYPE=WORK;TYPE=CELL:1", ["work", "cell"]),
    ("TEL;CELL;PREF:1", ["cell", "pref"]),
    ('TEL;TYPE="work,cell":1', ["work", "cell"]),
    ("item7.TEL;type=HOME:1", ["home"]),
])
def test_type_parameter_spellings(line: str, types: list[str]) -> None:
    prop = parse_line(line)
    assert prop is not None and prop.types == types and prop.value == "1"


def test_unfold_joins_space_and_tab_continuations() -> None:
    text = "NOTE:one\r\n two\r\n\tthree\r\nFN:x"
    assert list(unfold(text)) == ["NOTE:onetwothree", "FN:x"]


def test_escaped_values() -> None:
    card = ("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:A\\, B\r\nN:O\\;Neil;Ann;;;\r\n"
            "NOTE:x\\ny\\\\z\r\nEND:VCARD\r\n")
    data = parse_vcards(card).contacts[0].data
    assert (data.display_name, data.family_name, data.given_name) == ("A, B", "O;Neil", "Ann")
    assert data.notes == "x\ny\\z"


def sample() -> NewStakeholder:
    return NewStakeholder(
        display_name="Zoë Ünal-O'Brien", given_name="Zoë", family_name="Ünal-O'Brien",
        organisation="Alder & Finch; Legal, LLP", title="Partner, Litigation",
        notes="Line one; with, punctuation\nLine two \\ backslash\n" + "ł" * 120,
        tags=["clients", "vip, gold"],
        contact_points=[
            NewContactPoint("email", "zoe@alder.example", "work", True),
            NewContactPoint("email", "zoe@home.example", "home"),
            NewContactPoint("phone", "+44 20 7946 0000", "mobile", True),
            NewContactPoint("phone", "+44 20 7946 0001", "work fax"),
            NewContactPoint("address", "1 High St, London", "work"),
            NewContactPoint("web", "https://alder.example/a,b", ""),
        ])


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_writer_folds_escapes_and_reads_back(version: str) -> None:
    text = write_vcard(sample(), "1b4e28ba-2fa1-11d2-883f-0016d3cca427", version)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    again = parse_vcards(text.encode("utf-8")).contacts[0]
    assert again.uid == "1b4e28ba-2fa1-11d2-883f-0016d3cca427"
    original = sample()
    assert again.data.display_name == original.display_name
    assert again.data.organisation == original.organisation
    assert again.data.title == original.title
    assert again.data.notes == original.notes
    assert list(again.data.tags) == list(original.tags)
    assert points(again.data) == points(original)
    assert {p.value for p in again.data.contact_points if p.preferred} == {
        "zoe@alder.example", "+44 20 7946 0000"}


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_vobject_reads_what_we_write(version: str) -> None:
    card = vobject.readOne(write_vcard(sample(), "abc-123", version))
    assert card.fn.value == "Zoë Ünal-O'Brien"
    assert card.n.value.family == "Ünal-O'Brien" and card.n.value.given == "Zoë"
    assert card.org.value[0] == "Alder & Finch; Legal, LLP"
    assert card.title.value == "Partner, Litigation"
    assert card.note.value == sample().notes
    emails = {e.value: tuple(t.lower() for t in e.params.get("TYPE", []))
              for e in card.email_list}
    expected = ("internet", "work", "pref") if version == "3.0" else ("work",)
    assert emails["zoe@alder.example"] == expected
    assert "home" in emails["zoe@home.example"]
    phones = {t.value: [x.lower() for x in t.params["TYPE"]] for t in card.tel_list}
    assert "cell" in phones["+44 20 7946 0000"]
    assert {"work", "fax"} <= set(phones["+44 20 7946 0001"])


def test_fold_never_splits_a_character() -> None:
    line = "NOTE:" + "€" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode("utf-8")) <= 75 for p in parts)
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line


VCARD_WORDS = st.sampled_from([
    "BEGIN:VCARD", "END:VCARD", "VERSION:2.1", "VERSION:3.0", "VERSION:4.0", "FN:", "N:", "ORG:",
    "TEL;CELL:", "EMAIL;TYPE=", "ENCODING=QUOTED-PRINTABLE:", "CHARSET=", "=C3=", "=\r\n", ";",
    ":", ",", "\\", "\\n", "\r\n", "\n", " ", "\t", '"', "=", "PHOTO;ENCODING=b:", "item1.",
    "X-ABLabel:", "NOTE:", "CATEGORIES:", "ADR:", "TYPE=\"", "\x00", "é", "\ufeff",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(VCARD_WORDS, st.text(max_size=8)), max_size=60))
def test_malformed_vcards_never_raise(pieces: list[str]) -> None:
    text = "".join(pieces)
    for data in (text, text.encode("utf-8", "surrogatepass"), text.encode("utf-16")):
        result = parse_vcards(data)
        for contact in result.contacts:
            assert contact.data.display_name.strip()
            for point in contact.data.contact_points:
                assert point.value.strip()


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_random_bytes_never_raise(data: bytes) -> None:
    parse_vcards(b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + data)
