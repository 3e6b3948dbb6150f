"""The list filters' side of the search index: kinds read from the document id, and
the case list's ``search_index_case`` (revision 0011) kept in step by every writer."""

from __future__ import annotations

import pytest

from spocdesk.core.cases import query as q
from spocdesk.core.cases import service as cases
from spocdesk.core.followups import service as followups
from spocdesk.core.model import Case
from spocdesk.core.paths import Location
from spocdesk.core.people import stakeholders
from spocdesk.core.search import query as search
from spocdesk.core.store import Store, migrate
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.both_backends  # the file store and a team server

REFS = "search_index_case"


def _case(store: Store, title: str) -> tuple[str, str, int]:
    ref = cases.add_case(store, cases.NewCase(title=title)).value
    with store.session() as session:
        case = cases.by_ref(session, ref)
        return ref, case.id, case.ref_number


def _refs(store: Store) -> dict[int, int]:
    """ref_number → how many rows of the table name it."""
    with store.connection() as conn:
        return {int(n): int(c) for n, c in conn.exec_driver_sql(
            f"SELECT ref_number, count(*) FROM {REFS} GROUP BY ref_number")}


def _set(store: Store, case_id: str, **values: object) -> None:
    with store.unit_of_work() as uow:
        case = uow.session.get(Case, case_id)
        assert case is not None
        for name, value in values.items():
            setattr(case, name, value)
        uow.commit()


@pytest.mark.file_only("FTS5 index internals")
def test_list_filters_select_only_their_kind(store: Store) -> None:
    _, renewal, renewal_number = _case(store, "Renewal terms")
    other_ref, other, _ = _case(store, "Something else")
    entry = cases.log_interaction(store, other_ref, cases.NewInteraction(
        channel="phone", direction="out", summary="Renewal call",
        body="renewal renewal renewal")).value
    followups.add_followup(store, followups.NewFollowUp(
        title="Renewal reminder", due_at=store.now(), case_id=other))
    person = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Renate Renewal")).value
    with store.connection() as conn:
        case_ids = conn.execute(search.matching_case_ids_query("renew")).scalars().all()
        refs = conn.execute(search.matching_case_refs_query("renew")).scalars().all()
        people = conn.execute(search.matching_stakeholder_ids_query("renew")).scalars().all()
        logged = conn.execute(search.matching_ids_query("renew", ["interaction"])
                              ).scalars().all()
        docids = conn.execute(search.matching_docids_query("renew", ["case"])).scalars().all()
        every = conn.execute(search.matching_docids_query("renew", search.KINDS)
                             ).scalars().all()
    assert case_ids == [renewal]
    assert refs == [renewal_number]
    assert people == [person]
    assert logged == [entry]
    assert len(docids) == 1 and (docids[0] >> search.KIND_SHIFT) & 7 == search.KIND_CODES["case"]
    assert len(every) == 4
    found = q.case_ids(store, q.CaseFilter(view="all", text="renewal"))
    assert found == [renewal]
    assert q.case_ids(store, q.CaseFilter(view="all", text="--")) == []


def test_case_text_filter_returns_every_match_in_list_order(store: Store) -> None:
    made = [_case(store, f"Renewal {n}") for n in range(30)]
    _case(store, "Unrelated")
    by_ref = q.case_ids(store, q.CaseFilter(view="all", text="renewal"), q.CaseSort("ref"))
    assert by_ref == [case_id for _, case_id, _ in made]
    backwards = q.case_ids(store, q.CaseFilter(view="all", text="renewal"),
                           q.CaseSort("ref", descending=True))
    assert backwards == by_ref[::-1]


@pytest.mark.file_only("FTS5 index internals")
def test_case_refs_follow_every_writer_and_rebuild(store: Store) -> None:
    ref, case_id, number = _case(store, "Heating broken")
    assert _refs(store) == {number: 1}
    stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(display_name="Ines Weber"))
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="out", summary="Plumber booked"))
    assert _refs(store) == {number: 1}  # only case documents have a row
    _set(store, case_id, title="Boiler replaced")  # rewritten: a new document id
    assert _refs(store) == {number: 1}
    _set(store, case_id, deleted_at=store.now())
    assert _refs(store) == {}
    assert q.case_ids(store, q.CaseFilter(view="all", text="boiler")) == []
    _set(store, case_id, deleted_at=None)
    assert _refs(store) == {number: 1}
    _set(store, case_id, ref_number=number + 1000)
    assert _refs(store) == {number + 1000: 1}
    assert q.case_ids(store, q.CaseFilter(view="all", text="boiler")) == [case_id]
    assert search.index_problems(store) == []
    with store.engine.begin() as conn:
        conn.exec_driver_sql(f"UPDATE {REFS} SET ref_number = ref_number + 1")
    assert search.index_problems(store)
    with store.engine.begin() as conn:
        conn.exec_driver_sql(f"DELETE FROM {REFS}")
    assert search.index_problems(store)
    assert q.case_ids(store, q.CaseFilter(view="all", text="boiler")) == []
    search.rebuild_index(store)
    assert _refs(store) == {number + 1000: 1}
    assert search.index_problems(store) == []
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM interaction WHERE case_id = ?", (case_id,))
        conn.exec_driver_sql("DELETE FROM case_record WHERE id = ?", (case_id,))
    assert _refs(store) == {}
    # the triggers came back with the rebuild
    _, again, again_number = _case(store, "Boiler again")
    assert _refs(store) == {again_number: 1}
    assert q.case_ids(store, q.CaseFilter(view="all", text="boiler")) == [again]


def test_a_store_at_0010_gets_its_case_refs_on_upgrade(location: Location) -> None:
    old = Store.create(location, PASSPHRASE, revision="0010")
    ref = cases.add_case(old, cases.NewCase(title="Renewal terms")).value
    cases.add_case(old, cases.NewCase(title="Something else"))
    old.close()
    upgraded = Store.open(location, PASSPHRASE)
    try:
        with upgraded.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
        found = q.case_ids(upgraded, q.CaseFilter(view="all", text="renewal"))
        with upgraded.session() as session:
            assert found == [cases.by_ref(session, ref).id]
        assert len(_refs(upgraded)) == 2
        assert search.index_problems(upgraded) == []
    finally:
        upgraded.close()


@pytest.mark.file_only("FTS5 index internals")
def test_equal_scores_list_the_newer_document_first(store: Store) -> None:
    made = [stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Jo Twin")).value for _ in range(4)]
    with store.connection() as conn:
        newest_first = [str(r[0]) for r in conn.exec_driver_sql(
            "SELECT record_id FROM search_index_doc WHERE record_id IN (?, ?, ?, ?) "
            "ORDER BY docid DESC", tuple(made))]
    for per_kind in (None, 10):
        hits = search.search(store, "twin", per_kind=per_kind)
        assert len({h.score for h in hits}) == 1
        assert [h.id for h in hits] == newest_first
