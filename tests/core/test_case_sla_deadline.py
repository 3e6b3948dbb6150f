"""``case_record.sla_deadline`` (revision 0010), which the list sorts "time left" by,
equals ``SlaSql.deadline_days()`` after every kind of change: new cases, workflow,
first response, priority, the SLA targets, direct writes and damaged settings."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import cast

import pytest
import sqlalchemy as sa

from spocdesk.core import preferences
from spocdesk.core.cases import query as q
from spocdesk.core.cases import quick_log, sla
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow as case_workflow
from spocdesk.core.model import Case, Setting
from spocdesk.core.settings import SlaTarget
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

C = Case.__table__.c


def check(store: Store) -> dict[str, float | None]:
    """Every stored deadline equals the one computed from the saved targets."""
    expr = sla.SlaSql(preferences.get_settings(store), store.now())
    with store.connection() as conn:
        rows = conn.execute(sa.select(C.ref, C.sla_deadline, expr.deadline_days())).all()
    for ref, stored, computed in rows:
        assert stored == computed, ref
    return {ref: stored for ref, stored, _ in rows}


def new_case(store: Store, title: str, priority: str, hours_ago: int,
             status: str = "open") -> str:
    return cases.add_case(store, cases.NewCase(
        title=title, priority=priority, status=status,
        opened_at=store.now() - timedelta(hours=hours_ago))).value


def test_deadlines_follow_the_cases(store: Store) -> None:
    a = new_case(store, "A", "urgent", 5)
    b = new_case(store, "B", "low", 1)
    c = new_case(store, "C", "normal", 2, status="resolved")
    deadlines = check(store)
    assert deadlines[c] is None and None not in (deadlines[a], deadlines[b])
    case_workflow.update_case(store, b, priority="high")
    quick_log.quick_log(store, a, quick_log.QuickLog(entry=cases.NewInteraction(
        channel="phone", direction="out", summary="Called back")))  # first response
    case_workflow.update_case(store, c, status="open")
    after = check(store)
    assert after[b] != deadlines[b] and after[a] != deadlines[a] and after[c] is not None
    case_workflow.update_case(store, a, status="closed")
    assert check(store)[a] is None


def test_new_targets_move_every_case(store: Store) -> None:
    refs = [new_case(store, f"Case {p}", p, 3) for p in cases.PRIORITIES]
    before = check(store)
    settings = preferences.get_settings(store)
    targets = dict(settings.sla)
    targets["low"] = SlaTarget(first_response_hours=2, resolution_days=1)
    preferences.save_settings(store, replace(settings, sla=targets))
    after = check(store)
    low, normal = refs[cases.PRIORITIES.index("low")], refs[cases.PRIORITIES.index("normal")]
    moved, was = after[low], before[low]
    assert moved is not None and was is not None and moved < was
    assert after[normal] == before[normal]
    with store.unit_of_work() as uow:  # a row that leaves a priority out: its default
        uow.session.execute(sa.update(Setting).where(Setting.key == "sla").values(
            value='{"low": {"first_response_hours": 2, "resolution_days": 1}}'))
        uow.commit()
    assert check(store) == after
    with store.unit_of_work() as uow:  # the targets' row gone: the defaults again
        uow.session.execute(sa.delete(Setting).where(Setting.key == "sla"))
        uow.commit()
    assert check(store) == before


def test_damaged_targets_fall_back_and_writes_go_on(store: Store) -> None:
    new_case(store, "A", "high", 1)
    with store.unit_of_work() as uow:
        uow.session.add(Setting(key="sla", value="{not json"))
        uow.commit()
    new_case(store, "B", "urgent", 1)
    check(store)


def test_a_value_written_directly_is_put_right(store: Store) -> None:
    ref = new_case(store, "A", "high", 1)
    right = check(store)[ref]
    with store.unit_of_work() as uow:  # e.g. a whole row copied from a handover pack
        uow.session.execute(sa.update(cast(sa.Table, Case.__table__)).where(C.ref == ref)
                            .values(sla_deadline=1.0, title="A2"))
        uow.commit()
    assert check(store)[ref] == right


def test_time_left_sort_nearest_deadline_first(store: Store) -> None:
    late = new_case(store, "Late", "urgent", 30)  # breached a day ago
    soon = new_case(store, "Soon", "normal", 20)  # 4 h to respond
    later = new_case(store, "Later", "low", 1)
    done = new_case(store, "Done", "urgent", 1, status="resolved")
    ids = q.case_ids(store, q.CaseFilter(view="all"), q.CaseSort("sla"))
    desc = q.case_ids(store, q.CaseFilter(view="all"), q.CaseSort("sla", True))
    with store.connection() as conn:
        refs = dict(conn.execute(sa.select(C.id, C.ref)).all())
    assert [refs[i] for i in ids] == [late, soon, later, done]
    assert [refs[i] for i in desc] == [later, soon, late, done]
