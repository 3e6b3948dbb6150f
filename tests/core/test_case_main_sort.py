"""The case list's "main stakeholder" sort key (``case_record.main_stakeholder_sort``,
revision 0006) stays true whoever changes links or names: the case services, a
stakeholder rename or merge, a data-subject erasure, raw writes (handover merge)."""

from __future__ import annotations

from typing import cast

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import query as q
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow as case_workflow
from spocdesk.core.model import Case, CaseParticipant, Stakeholder
from spocdesk.core.paths import Location
from spocdesk.core.people import data_subject, duplicates
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store, migrate
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.both_backends  # the file store and a team server

C = Case.__table__.c
TRUTH = sa.text(
    "SELECT c.ref, c.main_stakeholder_sort, (SELECT s.sort_name FROM case_participant p "
    "JOIN stakeholder s ON s.id = p.stakeholder_id WHERE p.case_id = c.id AND p.is_main IS TRUE "
    "AND p.deleted_at IS NULL) FROM case_record c")


def person(store: Store, given: str, family: str) -> str:
    return add_stakeholder(store, NewStakeholder(
        display_name=f"{given} {family}", given_name=given, family_name=family)).value


def case(store: Store, title: str, *people: str) -> str:
    return cases.add_case(store, cases.NewCase(
        title=title, stakeholders=[(p, "client") for p in people])).value


def order(store: Store, descending: bool = False) -> list[str]:
    """The case references in "main stakeholder" order, and a check that every stored
    key equals the one computed from the links and names."""
    with store.connection() as conn:
        for ref, stored, truth in conn.execute(TRUTH):
            assert stored == truth, ref
        ids = q.case_ids(store, q.CaseFilter(view="all"), q.CaseSort("stakeholder", descending))
        refs = dict(conn.execute(sa.select(C.id, C.ref)).all())
    return [refs[i] for i in ids]


def test_new_cases_sort_by_main_stakeholder_and_nobody_last(store: Store) -> None:
    zoe, adam = person(store, "Zoe", "Zimmer"), person(store, "Adam", "Abbott")
    c1 = case(store, "Roof", zoe, adam)
    c2 = case(store, "Heating", adam)
    c3 = case(store, "Alone")
    assert order(store) == [c2, c1, c3]
    assert order(store, descending=True) == [c1, c2, c3]


def test_main_role_changes_move_the_case(store: Store) -> None:
    zoe, adam, mia = (person(store, "Zoe", "Zimmer"), person(store, "Adam", "Abbott"),
                      person(store, "Mia", "Moser"))
    c1 = case(store, "Roof", zoe)
    c2 = case(store, "Heating", mia)
    assert order(store) == [c2, c1]
    case_workflow.add_participant(store, c1, adam, "family")  # not main: no change
    assert order(store) == [c2, c1]
    case_workflow.set_participant_role(store, c1, adam, "requester")
    assert order(store) == [c2, c1]
    case_workflow.set_main_participant(store, c1, adam)
    assert order(store) == [c1, c2]
    case_workflow.add_participant(store, c2, adam, "client", main=True)
    case_workflow.remove_participant(store, c1, adam)  # zoe is next in line
    assert order(store) == [c2, c1]
    case_workflow.remove_participant(store, c1, zoe)  # nobody left: last either way
    assert order(store) == [c2, c1]
    assert order(store, descending=True) == [c2, c1]


def test_rename_moves_every_case_of_that_stakeholder(store: Store) -> None:
    zoe, mia = person(store, "Zoe", "Zimmer"), person(store, "Mia", "Moser")
    c1, c2, c3 = case(store, "Roof", zoe), case(store, "Heating", mia), case(store, "Gas", zoe)
    assert order(store) == [c2, c1, c3]
    with store.unit_of_work() as uow:  # through the ORM, as a rename service would
        renamed = uow.session.get(Stakeholder, zoe)
        assert renamed is not None
        renamed.display_name, renamed.family_name = "Zoe Aalto", "Aalto"
        uow.commit()
    assert order(store) == [c1, c3, c2]
    with store.unit_of_work() as uow:  # a raw write, as the handover merge does
        uow.session.execute(sa.update(Stakeholder).where(Stakeholder.id == mia)
                            .values(display_name="Mia Ahn", sort_name="ahn"))
        uow.commit()
    assert order(store) == [c1, c3, c2]  # "aalto" < "ahn"


def test_stakeholder_merge_moves_the_cases_to_the_kept_name(store: Store) -> None:
    zoe, adam, twin = (person(store, "Zoe", "Zimmer"), person(store, "Adam", "Abbott"),
                       person(store, "Bea", "Berg"))
    c1 = case(store, "Roof", zoe)
    c2 = case(store, "Heating", twin)
    c3 = case(store, "Both", adam, zoe)  # zoe's link here is folded into adam's
    c4 = case(store, "Twin main", zoe, adam)  # adam's non-main link becomes main
    assert order(store) == [c3, c2, c1, c4]
    duplicates.merge_stakeholders(store, adam, zoe)
    assert order(store) == [c1, c3, c4, c2]
    duplicates.merge_stakeholders(store, twin, adam)
    assert order(store) == [c1, c2, c3, c4]  # all "berg": by reference


def test_erasure_takes_the_person_off_the_sort(store: Store) -> None:
    zoe, adam, mia = (person(store, "Zoe", "Zimmer"), person(store, "Adam", "Abbott"),
                      person(store, "Mia", "Moser"))
    c1 = case(store, "Roof", adam, zoe)
    c2 = case(store, "Heating", mia)
    c3 = case(store, "Gas", adam)
    assert order(store) == [c1, c3, c2]
    data_subject.erase_person(store, adam)
    # c1 keeps zoe as a participant but has no main stakeholder any more, like c3
    assert order(store) == [c2, c1, c3]


def test_a_value_written_directly_is_put_right(store: Store) -> None:
    adam, mia = person(store, "Adam", "Abbott"), person(store, "Mia", "Moser")
    c1, c2 = case(store, "Roof", mia), case(store, "Heating", adam)
    with store.unit_of_work() as uow:  # e.g. a whole case row copied from a handover pack
        uow.session.execute(sa.update(cast(sa.Table, Case.__table__)).where(C.ref == c1)
                            .values(main_stakeholder_sort="aaa", title="Roof leak"))
        uow.session.execute(sa.delete(CaseParticipant)
                            .where(CaseParticipant.stakeholder_id == adam))
        uow.commit()
    assert order(store) == [c1, c2]


@pytest.mark.file_only("SQLite's query plans")
@pytest.mark.parametrize("column", q.SORT_COLUMNS)
def test_every_list_sort_reads_an_index(store: Store, column: str) -> None:
    """No temporary B-tree: each sort is one scan of its index (revisions 0006, 0009,
    0010), also for the expressions status and priority sort by."""
    ctx = q.context(store)
    for descending in (False, True):
        query = q.ids_query(q.CaseFilter(view="all"), q.CaseSort(column, descending), ctx)
        sql = str(query.compile(store.engine, compile_kwargs={"literal_binds": True}))
        with store.connection() as conn:
            plan = " ".join(str(row[3]) for row in conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + sql))
        assert "TEMP B-TREE" not in plan, plan
        assert "INDEX ix_case_" in plan, plan


def test_upgrade_fills_the_column_for_existing_cases(location: Location) -> None:
    old = Store.create(location, PASSPHRASE, revision="0005")
    zoe, adam = person(old, "Zoe", "Zimmer"), person(old, "Adam", "Abbott")
    c1, c2, c3 = case(old, "Roof", zoe), case(old, "Heating", adam), case(old, "Alone")
    old.close()
    upgraded = Store.open(location, PASSPHRASE)
    try:
        with upgraded.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
        assert order(upgraded) == [c2, c1, c3]
    finally:
        upgraded.close()
