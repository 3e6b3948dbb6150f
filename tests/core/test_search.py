"""The full-text index (revision 0003) and :mod:`spocdesk.core.search.query`."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import TypeVar

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from spocdesk.core import demo
from spocdesk.core.cases import service as cases
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput
from spocdesk.core.followups import service as followups
from spocdesk.core.model import (
    Absence,
    Case,
    ContactPoint,
    FollowUp,
    HandoverNote,
    Interaction,
    Stakeholder,
)
from spocdesk.core.people import stakeholders
from spocdesk.core.people.duplicates import merge_stakeholders
from spocdesk.core.search import query as search
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file's FTS5 and PostgreSQL's full-text search

T = TypeVar("T")

def _ids(store: Store, text: str, kind: str | None = None) -> set[str]:
    kinds = [kind] if kind else None
    return {h.id for h in search.search(store, text, kinds=kinds, limit=200)}


def _person(store: Store, name: str, *, phone: str = "", email: str = "", org: str = "",
            notes: str = "") -> str:
    points = []
    if phone:
        points.append(stakeholders.NewContactPoint("phone", phone))
    if email:
        points.append(stakeholders.NewContactPoint("email", email))
    return stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=name, organisation=org, notes=notes, contact_points=points)).value


def _case(store: Store, title: str, **kw: object) -> tuple[str, str]:
    ref = cases.add_case(store, cases.NewCase(title=title, **kw)).value  # type: ignore[arg-type]
    with store.session() as session:
        return ref, cases.by_ref(session, ref).id


def _get(session: Session, model: type[T], record_id: str) -> T:
    found = session.get(model, record_id)
    assert found is not None
    return found


def _soft_delete(store: Store, model: type[Case] | type[Stakeholder], record_id: str) -> None:
    with store.unit_of_work() as uow:
        _get(uow.session, model, record_id).deleted_at = store.now()
        uow.commit()


# -- query builder -------------------------------------------------------------

def test_query_builder_quotes_words_and_adds_prefix() -> None:
    assert search.build_query("Anna Mül") == '"Anna"* "Mül"*'
    assert search.build_query('foo" OR bar NEAR(x') == '"foo"* "OR"* "bar"* "NEAR"*'
    assert search.build_query("anna m") == '"anna"*'
    assert search.build_query("C-0042") == '"0042"*'
    assert search.build_query("a b") is None
    assert search.build_query("  -- ** ()  ") is None
    assert search.build_query("") is None
    assert search.build_query("+49 30 1234567") == (
        '(terms : "49301234567"*) OR ("49"* "30"* "1234567"*)')


@pytest.mark.parametrize("text, number", [
    ("C-0042", 42), ("c42", 42), (" 0042 ", 42), ("42", 42), ("C - 7", 7),
    ("C-0", None), ("Case 42", None), ("42 43", None), ("", None),
])
def test_reference_number(text: str, number: int | None) -> None:
    assert search.reference_number(text) == number


def test_split_marks() -> None:
    assert search.split_marks("a \x02bc\x03 d \x02e\x03") == ("a bc d e", [(2, 4), (7, 8)])
    assert search.split_marks("\x03odd\x02") == ("odd", [])


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_never_raises(store: Store, text: str) -> None:
    search.search(store, text)
    with store.connection() as conn:
        conn.execute(search.matching_case_ids_query(text, backend=store.backend)).all()


def test_any_text_never_raises_on_a_filled_store(store: Store) -> None:
    demo.generate(store, "small")
    for text in ['"', "'", "AND", "OR NOT", "NEAR(a b)", "a:b", "^x", "*", "-", "(", ")",
                 "{title}: x", '"unterminated', "x\x00y", "💥", "e\u0301", "___", "0", "C-",
                 "title:anna", "+", "a" * 500, "1 2 3 4 5 6 7 8 9 10 11 12 13 14",
                 "0⑴", "⒜b ⒞d", "«ab» <-> !x", "a\\b c", "O'Brien & co | x:*"]:
        search.search(store, text)
        search.search(store, text, per_kind=3)


def test_a_whole_e_mail_address_finds_its_person(store: Store) -> None:
    """Typed whole or in part; a team server's parser keeps an address as one word."""
    zeb = _person(store, "Zebulon Quist", email="zeb@q.example")
    for text in ("zeb", "zeb@", "zeb@q.ex", "zeb@q.example", "Zeb@Q.Example"):
        assert zeb in _ids(store, text, "stakeholder"), text


# -- matching ---------------------------------------------------------------------

def test_accents_and_case_do_not_matter(store: Store) -> None:
    muller = _person(store, "Jörg Müller")
    mueller = _person(store, "anna muller")
    assert _ids(store, "muller") == {muller, mueller}
    assert _ids(store, "MÜLLER") == {muller, mueller}
    assert _ids(store, "jorg") == {muller}


def test_prefix_while_typing_and_words_narrow(store: Store) -> None:
    anna = _person(store, "Anna Kowalski", org="Northwind Logistics")
    other = _person(store, "Anna Smith")
    assert _ids(store, "an") == {anna, other}
    assert _ids(store, "anna kow") == {anna}
    assert _ids(store, "ann northw") == {anna}
    assert _ids(store, "anna nobody") == set()


def test_phone_numbers_are_found_by_their_digits(store: Store) -> None:
    person = _person(store, "Pia Phone", phone="+49 30 1234567")
    _person(store, "Someone Else", phone="+44 20 7946 0958")
    for text in ("+49 30 1234567", "49301234567", "4930123", "030 1234567", "0301234567",
                 "(030) 123-4567", "301234567", "1234567"):
        assert _ids(store, text, "stakeholder") == {person}, text


def test_references_are_found_by_their_digits_and_exact_match_comes_first(store: Store) -> None:
    for n in range(1, 45):
        _case(store, f"Case number {n}", description="about 42 things" if n != 42 else "")
    for text in ("C-0042", "c-42", "0042", "42", "C-7", "7"):
        if text.endswith("7"):
            assert search.search(store, text)[0].case_ref == "C-0007"
            continue
        hits = search.search(store, text)
        assert hits[0].case_ref == "C-0042" and hits[0].exact, text
        assert hits[0].kind == "case"
        assert [h.id for h in hits].count(hits[0].id) == 1


def test_hits_carry_title_snippet_and_case_ref(store: Store) -> None:
    ref, case_id = _case(store, "Invoice dispute", description="The client disputes the "
                         "invoice for March because of a duplicate line.")
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="in", summary="Called about the duplicate line",
        body="Promised a corrected invoice by Friday."))
    hits = search.search(store, "duplicate")
    kinds = {h.kind: h for h in hits}
    assert set(kinds) == {"case", "interaction"}
    case_hit = kinds["case"]
    assert case_hit.case_ref == ref and case_hit.case_id == case_id
    assert search.split_marks(case_hit.title)[0] == f"{ref} Invoice dispute"
    plain, ranges = search.split_marks(case_hit.snippet)
    assert [plain[a:b] for a, b in ranges] == ["duplicate"]
    log_hit = kinds["interaction"]
    assert log_hit.case_ref == ref
    assert search.split_marks(log_hit.title)[1]  # the matched word is marked in the title
    data = log_hit.as_json()
    assert set(data) == {"kind", "id", "title", "snippet", "highlights", "case_id",
                         "case_ref", "at", "score", "exact"}
    json.dumps(data)


def test_kinds_filter_and_unknown_kind(store: Store) -> None:
    _person(store, "Renewal Person")
    _case(store, "Renewal terms")
    assert {h.kind for h in search.search(store, "renewal", kinds=["case"])} == {"case"}
    with pytest.raises(InvalidInput):
        search.search(store, "renewal", kinds=["nothing"])


def test_recency_breaks_ties(store: Store, clock: FixedClock) -> None:
    ref, _ = _case(store, "Quarterly review")
    old = cases.log_interaction(store, ref, cases.NewInteraction(
        channel="note", direction="internal", summary="Budget talk",
        occurred_at=clock.now() - timedelta(days=300))).value
    new = cases.log_interaction(store, ref, cases.NewInteraction(
        channel="note", direction="internal", summary="Budget talk")).value
    assert [h.id for h in search.search(store, "budget")] == [new, old]


def test_per_kind_keeps_every_kind_visible(store: Store) -> None:
    ref, case_id = _case(store, "Alpha project")
    for i in range(20):
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel="note", direction="internal", summary=f"Alpha alpha alpha {i}"))
    hits = search.search(store, "alpha", per_kind=5, limit=50)
    assert sum(h.kind == "interaction" for h in hits) == 5
    assert case_id in {h.id for h in hits}


# -- keeping the index in step -------------------------------------------------------

def test_index_follows_create_edit_and_soft_delete_of_cases(store: Store) -> None:
    ref, case_id = _case(store, "Heating broken", next_step="Call the plumber",
                         tags=["urgent-repair"])
    assert _ids(store, "plumber") == {case_id}
    assert _ids(store, "repair") == {case_id}
    update_case(store, case_id, title="Boiler replaced", next_step="Send the invoice")
    assert _ids(store, "plumber") == set()
    assert _ids(store, "heating") == set()
    assert _ids(store, "boiler") == {case_id}
    fu = followups.add_followup(store, followups.NewFollowUp(
        title="Check the boiler pressure", due_at=store.now(), case_id=case_id)).value
    entry = cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="out", summary="Boiler engineer booked")).value
    assert _ids(store, "boiler") == {case_id, fu, entry}
    _soft_delete(store, Case, case_id)
    # the case and what hangs off it drop out
    assert _ids(store, "boiler") == set()
    assert search.search(store, ref) == []
    with store.unit_of_work() as uow:
        _get(uow.session, Case, case_id).deleted_at = None
        uow.commit()
    assert _ids(store, "boiler") == {case_id, fu, entry}
    assert search.index_problems(store) == []


def test_index_follows_stakeholders_contact_points_and_organisations(store: Store) -> None:
    person = _person(store, "Olga Ivanova", phone="+49 89 555123", email="olga@kestrel.example",
                     org="Kestrel Analytics", notes="prefers mornings")
    assert _ids(store, "olga@kestrel") == {person}
    assert _ids(store, "mornings") == {person}
    assert person in _ids(store, "kestrel analytics")
    with store.unit_of_work() as uow:
        p = _get(uow.session, Stakeholder, person)
        assert p.organisation_id
        org = _get(uow.session, Stakeholder, p.organisation_id)
        org.display_name = "Falcon Data"
        point = next(cp for cp in p.contact_points if cp.kind == "phone")
        point.value, point.normalized = "+49 89 777999", "4989777999"
        uow.commit()
    assert person in _ids(store, "falcon")
    assert person not in _ids(store, "kestrel analytics")
    assert _ids(store, "4989777999") == {person}
    assert _ids(store, "4989555123") == set()
    with store.unit_of_work() as uow:
        point = uow.session.scalars(sa.select(ContactPoint).where(
            ContactPoint.stakeholder_id == person, ContactPoint.kind == "phone")).one()
        uow.session.delete(point)
        uow.commit()
    assert _ids(store, "4989777999") == set()
    _soft_delete(store, Stakeholder, person)
    assert _ids(store, "olga") == set()
    assert search.index_problems(store) == []


def test_merged_away_stakeholder_is_not_found(store: Store) -> None:
    keep = _person(store, "Grace Okafor", phone="+49 30 111222")
    other = _person(store, "Grace Okafor-Smith", phone="+49 30 999888")
    merge_stakeholders(store, keep, other)
    assert _ids(store, "okafor") == {keep}
    assert _ids(store, "4930999888") == {keep}  # its phone moved to the kept record


@pytest.mark.file_only("FTS5 index internals")
def test_hard_delete_forgets_the_record(store: Store) -> None:
    ref, _ = _case(store, "Temporary")
    entry = cases.log_interaction(store, ref, cases.NewInteraction(
        channel="note", direction="internal", summary="Erasable words")).value
    with store.unit_of_work() as uow:
        uow.session.execute(sa.delete(Interaction).where(Interaction.id == entry))
        uow.commit()
    assert _ids(store, "erasable") == set()
    with store.connection() as conn:
        docs = conn.execute(sa.text("SELECT count(*) FROM search_index_doc "
                                    "WHERE record_id = :i"), {"i": entry}).scalar()
    assert docs == 0


def test_followups_and_handover_notes_are_indexed(store: Store) -> None:
    ref, case_id = _case(store, "Discharge planning")
    fu = followups.add_followup(store, followups.NewFollowUp(
        title="Chase the pharmacy", notes="blister packs", due_at=store.now(),
        case_id=case_id)).value
    with store.unit_of_work() as uow:
        absence = Absence(starts_on=store.now().date(), ends_on=store.now().date())
        uow.session.add(absence)
        uow.session.flush()
        note = HandoverNote(absence_id=absence.id, case_id=case_id, summary="Stable at home",
                            situation="Daughter visits daily",
                            contingencies="If the fever returns, call the GP",
                            actions=json.dumps([{"text": "Order wheelchair", "owner": "deputy",
                                                 "due": ""}]))
        uow.session.add(note)
        uow.commit()
        note_id = note.id
    assert _ids(store, "blister") == {fu}
    assert _ids(store, "wheelchair") == {note_id}
    assert _ids(store, "fever gp", "handover") == {note_id}
    hit = search.search(store, "wheelchair")[0]
    assert hit.kind == "handover" and hit.case_ref == ref
    with store.unit_of_work() as uow:
        _get(uow.session, HandoverNote, note_id).actions = "not json at all"
        _get(uow.session, FollowUp, fu).notes = "dosette box"
        uow.commit()
    assert _ids(store, "wheelchair") == set()
    assert _ids(store, "dosette") == {fu}


@pytest.mark.file_only("FTS5 index internals")
def test_bulk_insert_is_indexed_and_rebuild_agrees(store: Store) -> None:
    counts = demo.generate(store, "small").value
    with store.connection() as conn:
        indexed = conn.execute(sa.text("SELECT count(*) FROM search_index")).scalar()
    expected = (counts["organisations"] + counts["people"] + counts["cases"]
                + counts["interactions"] + counts["followups"])
    assert indexed == expected
    assert search.index_problems(store) == []
    before = {h.id for h in search.search(store, "müller", limit=500)}
    assert before
    assert search.rebuild_index(store).value == expected
    assert {h.id for h in search.search(store, "müller", limit=500)} == before


def _index_triggers(store: Store) -> list[str]:
    with store.connection() as conn:
        return [str(r[0]) for r in conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE "
            "'search_index_%' OR name LIKE 'stakeholder_lookup_%') ORDER BY name")]


@pytest.mark.file_only("FTS5 index internals")
def test_generated_data_leaves_the_triggers_as_they_were(store: Store) -> None:
    before = _index_triggers(store)
    assert before
    demo.generate(store, "small")
    assert _index_triggers(store) == before
    person = _person(store, "Quirinus Zwetschge")  # written through the triggers again
    assert _ids(store, "zwetschge") == {person}


@pytest.mark.file_only("FTS5 index internals")
def test_a_failed_generation_keeps_the_triggers(store: Store,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    before = _index_triggers(store)

    def broken(conn: sa.Connection) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(search, "rebuild_index_in", broken)
    with pytest.raises(RuntimeError):
        demo.generate(store, "small")
    assert _index_triggers(store) == before
    with store.connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM case_record").scalar() == 0


@pytest.mark.file_only("FTS5 index internals")
def test_rebuild_repairs_a_damaged_index(store: Store) -> None:
    person = _person(store, "Ines Weber")
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM search_index")
    assert search.index_problems(store)
    assert _ids(store, "weber") == set()
    search.rebuild_index(store)
    assert _ids(store, "weber") == {person}
    assert search.index_problems(store) == []


def test_a_failed_write_leaves_the_index_alone(store: Store) -> None:
    with store.unit_of_work() as uow:
        cases.add_in_session(uow.session, cases.NewCase(title="Never committed"),
                             now=store.now(), author="owner")
        # no commit: rolled back together with its document
    assert _ids(store, "committed") == set()


# -- list filters --------------------------------------------------------------------

def test_matching_ids_queries_plug_into_list_queries(store: Store) -> None:
    anna = _person(store, "Anna Müller", phone="+49 30 1234567")
    _person(store, "Ben Smith")
    _, case_id = _case(store, "Renewal terms")
    _case(store, "Something else")
    with store.connection() as conn:
        people = conn.execute(sa.select(Stakeholder.id).where(
            Stakeholder.id.in_(search.matching_stakeholder_ids_query(
                "mull", backend=store.backend)))).scalars().all()
        by_phone = conn.execute(sa.select(Stakeholder.id).where(
            Stakeholder.id.in_(search.matching_stakeholder_ids_query(
                "030 1234567", backend=store.backend))
        )).scalars().all()
        both = conn.execute(sa.select(Case.id).where(
            Case.id.in_(search.matching_case_ids_query("renew", backend=store.backend)),
            Case.id.not_in(search.matching_case_ids_query("else", backend=store.backend))
        )).scalars().all()
        nothing = conn.execute(search.matching_case_ids_query("--", backend=store.backend)).all()
    assert people == [anna] and by_phone == [anna]
    assert both == [case_id]
    assert nothing == []


def test_records_sharing_a_moment_get_their_own_documents(store: Store) -> None:
    _, case_id = _case(store, "Busy day")
    moment = store.now().replace(microsecond=0)
    rows = [{"id": f"00000000-0000-0000-0000-{n:012d}", "case_id": case_id,
             "occurred_at": moment, "channel": "note", "direction": "internal",
             "summary": f"Shared second {n}", "body": "", "author": "owner",
             "created_at": moment, "updated_at": moment, "revision": 1} for n in range(40)]
    with store.unit_of_work() as uow:
        uow.session.execute(sa.insert(Interaction), rows)
        uow.commit()
    assert len(_ids(store, "shared second")) == 40
    with store.unit_of_work() as uow:  # an edit keeps one document per record
        _get(uow.session, Interaction, str(rows[3]["id"])).summary = "Edited entry"
        uow.commit()
    assert len(_ids(store, "shared second")) == 39
    assert _ids(store, "edited") == {rows[3]["id"]}
    assert search.index_problems(store) == []


@pytest.mark.parametrize("typed", ["com", "common"])  # walked newest first; counted forward
def test_broad_queries_rank_only_the_newest_matches(store: Store, clock: FixedClock,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    typed: str) -> None:
    assert search.walks_newest_first(search.build_query(typed) or "") == (len(typed) == 3)
    ref, _ = _case(store, "Many common notes")  # another kind, filtered out
    for age in range(10):
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel="note", direction="internal", summary=f"Common words {age}",
            occurred_at=clock.now() - timedelta(days=age)))
    monkeypatch.setattr(search, "RANK_BUDGET", 4)
    hits = search.search(store, typed, kinds=["interaction"])
    assert [h.title for h in hits] == [f"\x02Common\x03 words {age}" for age in range(4)]


def test_snippets_cut_around_the_first_match() -> None:
    text = " ".join(f"w{n}" for n in range(30)) + " Müller said yes, then more words follow"
    cut = search.snippet(text, ["mul"], tokens=6)
    assert cut == "…w28 w29 \x02Müller\x03 said yes, then…"
    assert search.snippet("short one", ["zz"]) == "short one"
    assert search.highlight("Anna-Lena Ånström", ["anst", "lena"]) == (
        "Anna-\x02Lena\x03 \x02Ånström\x03")
