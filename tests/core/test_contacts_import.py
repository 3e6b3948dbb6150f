"""Import preview and apply: duplicates, decisions, all-or-nothing, and a vobject round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.errors import InvalidInput, SpocError
from spocdesk.core.model import AuditEvent, ContactPoint, Stakeholder, unpack_tags
from spocdesk.core.people import contacts_export, contacts_import, stakeholders
from spocdesk.core.people.formats import ParsedContact, ParseResult, Problem
from spocdesk.core.people.formats.contacts_csv import parse_csv
from spocdesk.core.people.formats.vcard import parse_vcards, write_vcard
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def counts(store: Store) -> tuple[int, int, int]:
    with store.connection() as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(sa.select(sa.func.count()).select_from(model)).scalar_one()
            for model in (Stakeholder, ContactPoint, AuditEvent))


def anna(store: Store) -> str:
    return stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="Anna Müller", given_name="Anna", family_name="Müller",
        organisation="Acme", notes="Met in 2024.", tags=["client"],
        contact_points=[NewContactPoint("email", "Anna.Mueller@Acme.example", "work", True),
                        NewContactPoint("phone", "+49 30 1234567", "work", True)],
    )).value


def card(name: str, *points: tuple[str, str], notes: str = "", tags: tuple[str, ...] = ()
         ) -> ParsedContact:
    return ParsedContact(where=f"card {name}", data=NewStakeholder(
        display_name=name, notes=notes, tags=list(tags),
        contact_points=[NewContactPoint(kind, value, "home") for kind, value in points]))


def test_preview_counts_new_duplicates_and_invalid(store: Store) -> None:
    existing = anna(store)
    parsed = ParseResult(contacts=[
        card("Someone New", ("email", "new@x.example")),
        card("A. M.", ("email", "anna.mueller@acme.EXAMPLE")),  # same e-mail, any case
        card("Mobile Anna", ("phone", "030 / 123 45 67")),  # same number, other formatting
        card("muller, ANNA"),  # close name
    ])
    parsed.problems.append(Problem("card 9", "no name"))
    before = counts(store)
    preview = contacts_import.preview(store, parsed)
    assert preview.counts() == {"total": 5, "new": 1, "duplicates": 3, "invalid": 1}
    assert [g.index for g in preview.groups] == [1, 2, 3]
    assert all(g.existing_ids == [existing] for g in preview.groups)
    assert [g.reasons for g in preview.groups] == [["same e-mail"], ["same phone"], ["close name"]]
    assert [str(p) for p in preview.problems] == ["card 9: no name"]
    assert counts(store) == before


def test_apply_skip_add_and_merge(store: Store) -> None:
    existing = anna(store)
    parsed = ParseResult(contacts=[
        card("Someone New", ("email", "new@x.example"), ("email", "NEW@x.example")),
        card("Anna M.", ("email", "anna.mueller@acme.example"), ("phone", "+49 170 5555555"),
             notes="Prefers e-mail.", tags=("vip",)),
        card("Anna Müller"),
        card("Anna Mueller", ("phone", "0049 30 1234567")),
    ])
    outcome = contacts_import.apply(store, parsed, decisions={1: "merge", 3: "add"},
                                    default="skip")
    result = outcome.value
    assert (result.added, result.merged, result.skipped) == (2, 1, 1)
    assert "stakeholder" in outcome.changes
    detail = stakeholders.details(store, existing)
    assert {(p.kind, p.value) for p in detail.contact_points} == {
        ("email", "Anna.Mueller@Acme.example"), ("phone", "+49 30 1234567"),
        ("phone", "+49 170 5555555")}
    assert detail.notes == "Met in 2024.\n\nPrefers e-mail."
    assert detail.tags == ["client", "vip"]
    new = stakeholders.details(store, result.added_ids[0])
    assert [p.value for p in new.contact_points] == ["new@x.example"]  # no duplicate value
    names = [r.display_name for r in stakeholders.list_stakeholders(store)]
    assert sorted(names) == ["Acme", "Anna Mueller", "Anna Müller", "Someone New"]


def test_merge_into_a_chosen_stakeholder_and_bad_choices(store: Store) -> None:
    first = anna(store)
    parsed = ParseResult(contacts=[card("Anna Müller", ("email", "x@y.example"))])
    with pytest.raises(InvalidInput):
        contacts_import.apply(store, parsed, decisions={0: "merge:nobody"})
    with pytest.raises(InvalidInput):
        contacts_import.apply(store, parsed, default="overwrite")
    contacts_import.apply(store, parsed, decisions={0: f"merge:{first}"})
    assert "x@y.example" in {p.value for p in stakeholders.details(store, first).contact_points}


def test_organisations_are_linked_not_duplicated(store: Store) -> None:
    anna(store)  # creates the organisation "Acme"
    parsed = parse_vcards(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bo Li\r\nORG:Acme\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Ng\r\nORG:Newco\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:4.0\r\nKIND:org\r\nFN:Newco\r\nEND:VCARD\r\n")
    contacts_import.apply(store, parsed)
    rows = {r.display_name: r for r in stakeholders.list_stakeholders(store)}
    assert sorted(rows) == ["Acme", "Anna Müller", "Bo Li", "Cy Ng", "Newco"]
    assert rows["Bo Li"].organisation == "Acme" and rows["Cy Ng"].organisation == "Newco"


def test_fixture_files_import(store: Store) -> None:
    for name in sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".vcf", ".csv")):
        parsed = contacts_import.read_file(FIXTURES / name)
        contacts_import.apply(store, parsed, default="merge")
    names = {r.display_name for r in stakeholders.list_stakeholders(store)}
    assert {"Chloé Lefèvre", "José Fernández", "山田太郎", "Grace Papadopoulos",
            "Maria-Magdalena Wiśniewska-Dąbrowska-Żółkiewska"} <= names
    # Tomasz is in the Google vCard and the Google CSV: merged, not doubled
    assert sum(1 for n in names if n == "Tomasz Nowak") == 1
    if store.backend == "sqlite":  # (a server checks every key at once, as it writes)
        with store.connection() as conn:
            assert store.integrity_problems() == []
            assert conn.execute(sa.text("PRAGMA foreign_key_check")).all() == []


def test_failure_mid_import_leaves_the_store_untouched(store: Store) -> None:
    anna(store)
    before = counts(store)
    many = ParseResult(contacts=[card(f"Person {i}", ("email", f"p{i}@x.example"))
                                 for i in range(2_500)])

    def explode(done: int, total: int) -> None:
        if done >= 2_000:  # two batches were already written inside the transaction
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        contacts_import.apply(store, many, progress=explode)
    assert counts(store) == before

    broken = ParseResult(contacts=[*many.contacts[:1_500], card("   ")])
    with pytest.raises(InvalidInput, match="needs a name"):
        contacts_import.apply(store, broken)
    assert counts(store) == before


def test_cancel_rolls_back(store: Store) -> None:
    before = counts(store)
    calls = iter(range(100))
    parsed = ParseResult(contacts=[card(f"P {i}") for i in range(1_500)])
    with pytest.raises(contacts_import.ImportCancelled, match="nothing was changed"):
        contacts_import.apply(store, parsed, cancel=lambda: next(calls) >= 12)
    assert counts(store) == before


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.text(max_size=300), st.sampled_from(["vcf", "csv"]))
def test_malformed_files_never_write_anything(store: Store, junk: str, kind: str) -> None:
    before = counts(store)
    prefix = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" if kind == "vcf" else "Name,E-mail Address\n"
    try:
        parsed = parse_vcards(prefix + junk) if kind == "vcf" else parse_csv(prefix + junk)
        contacts_import.preview(store, parsed)
    except SpocError:
        pass
    assert counts(store) == before


POINT_KINDS = st.sampled_from(["email", "phone", "address", "web", "other", "fax"])
CONTACTS = st.lists(st.builds(
    lambda name, kind, points, org: ParsedContact("card ?", NewStakeholder(
        display_name=name, kind=kind, organisation=org,
        contact_points=[NewContactPoint(k, v) for k, v in points])),
    st.text(max_size=12), st.sampled_from(["person", "organisation", "robot"]),
    st.lists(st.tuples(POINT_KINDS, st.text(max_size=10)), max_size=3),
    st.text(max_size=6)), max_size=8)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(CONTACTS)
def test_apply_is_all_or_nothing_for_any_input(store: Store, contacts: list[ParsedContact]
                                               ) -> None:
    before = counts(store)
    valid = all(c.data.display_name.strip() and c.data.kind != "robot"
                and all(p.kind != "fax" for p in c.data.contact_points)
                for c in contacts)
    try:
        contacts_import.apply(store, ParseResult(contacts=contacts), default="add")
    except SpocError:
        assert not valid
        assert counts(store) == before
    else:
        assert valid


@pytest.mark.slow
def test_ten_thousand_cards_in_one_transaction(store: Store) -> None:
    text = "".join(write_vcard(NewStakeholder(
        display_name=f"Person {i}", organisation=f"Org {i % 40}",
        contact_points=[NewContactPoint("email", f"p{i}@x.example", "work", True),
                        NewContactPoint("phone", f"+1 555 {i:07d}", "mobile")]), f"id-{i}")
        for i in range(10_000))
    parsed = parse_vcards(text)
    seen: list[int] = []
    result = contacts_import.apply(store, parsed, progress=lambda d, t: seen.append(d)).value
    assert result.added == 10_000 and seen[-1] == 10_000
    assert counts(store)[0] == 10_040


@pytest.mark.parametrize("version", ["4.0", "3.0"])
def test_export_round_trip_through_vobject(store: Store, tmp_path: Path, version: str) -> None:
    parsed = contacts_import.read_file(FIXTURES / "apple_3.0.vcf")
    contacts_import.apply(store, parsed)
    target = tmp_path / "out.vcf"
    count = contacts_export.export_vcards(store, target, version=version).value
    rows = stakeholders.list_stakeholders(store)
    assert count == len(rows) == 5  # 3 cards + 2 organisations named by ORG
    cards = {c.fn.value: c for c in vobject.readComponents(target.read_text("utf-8"))}
    chloe = cards["Chloé Lefèvre"]
    assert chloe.n.value.family == "Lefèvre" and chloe.n.value.given == "Chloé"
    assert chloe.org.value[0] == "Kestrel Analytics"
    assert chloe.title.value == "Head of Customer Success"
    assert chloe.note.value.startswith("Prefers calls before 10:00.\nAsk about the Q3 renewal;")
    emails = {e.value: {t.lower() for t in e.params.get("TYPE", [])} for e in chloe.email_list}
    assert "work" in emails["chloe.lefevre@kestrel.example"]
    assert "home" in emails["chloe.l@mail.example"]
    tels = {t.value: {x.lower() for x in t.params.get("TYPE", [])} for t in chloe.tel_list}
    assert "cell" in tels["+33 6 12 34 56 78"] and "work" in tels["+33 1 44 55 66 77"]
    assert "x-assistant" in tels["+33 1 99 88 77 66"]
    uid = chloe.uid.value.removeprefix("urn:uuid:")
    assert uid in {r.id for r in rows}
    # and reading our own export back matches the same stakeholders by id
    preview = contacts_import.preview(store, contacts_import.read_file(target))
    assert preview.new == 0 and preview.duplicates == 5
    assert all("same id" in g.reasons for g in preview.groups)


def test_export_selected_ids_and_errors(store: Store, tmp_path: Path) -> None:
    first = anna(store)
    target = tmp_path / "one.vcf"
    assert contacts_export.export_vcards(store, target, ids=[first]).value == 1
    assert "Anna Müller" in target.read_text("utf-8")
    with pytest.raises(SpocError):
        contacts_export.export_vcards(store, target, ids=["missing"])
    with pytest.raises(InvalidInput):
        contacts_export.export_vcards(store, target, version="2.1")
    with pytest.raises(InvalidInput, match="does not exist"):  # names the cause (issue 18)
        contacts_export.export_vcards(store, tmp_path / "no" / "such" / "dir.vcf")
    assert not list(tmp_path.glob("*.partial"))


def test_tags_and_notes_survive_import(store: Store) -> None:
    parsed = contacts_import.read_file(FIXTURES / "google_contacts.csv")
    result = contacts_import.apply(store, parsed).value
    with store.connection() as conn:
        people = {row[0]: row for row in conn.execute(
            sa.select(Stakeholder.display_name, Stakeholder.tags, Stakeholder.notes)
            .where(Stakeholder.id.in_(result.added_ids)))}
    assert unpack_tags(people["Tomasz Nowak"][1]) == ["Suppliers"]
    assert people["Tomasz Nowak"][2].startswith("Met at the Hamburg fair")
