"""The case list query against a few thousand generated cases, checked against a
straightforward Python computation of the same answer."""

from __future__ import annotations

import itertools
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from spocdesk.core import demo
from spocdesk.core.cases import query as q
from spocdesk.core.cases import sla
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput
from spocdesk.core.model import Case, CaseParticipant, Escalation, Stakeholder, unpack_tags
from spocdesk.core.paths import resolve
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.both_backends  # the file store and a team server

NOW = datetime(2026, 3, 4, 15, 30, tzinfo=UTC)  # a Wednesday
ACTIVE = {"new", "open", "waiting", "escalated"}


@dataclass
class Expected:
    """Everything the Python reference needs about one case."""

    id: str
    ref_number: int
    title: str
    description: str
    ref: str
    status: str
    priority: str
    category: str
    tags: list[str]
    opened_at: datetime
    resolved_at: datetime | None
    next_followup_at: datetime | None
    last_interaction_at: datetime | None
    main_sort: str | None
    main_name: str
    people: set[str]
    open_escalation: bool
    sla: sla.SlaInfo
    next_step: str


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    folder: Path = tmp_path_factory.mktemp("big")
    store = Store.create(resolve(data_dir=folder), PASSPHRASE, clock=FixedClock(NOW))
    size = demo.Size(organisations=20, people=400, cases=3000, interactions=12000,
                     followups=3000)
    with pytest.MonkeyPatch.context() as mp:
        mp.setitem(demo.SIZES, "test", size)
        demo.generate(store, "test", seed=3)
    rng = random.Random(5)
    with store.unit_of_work() as uow:
        s = uow.session
        case_ids = list(s.scalars(sa.select(Case.id).order_by(Case.ref_number)))
        for cid in rng.sample(case_ids, 150):  # escalations, some with an outcome
            done = rng.random() < 0.4
            s.add(Escalation(case_id=cid, to_name="Team", reason="why", escalated_at=NOW,
                             outcome="ok" if done else "", outcome_at=NOW if done else None))
        for cid in rng.sample(case_ids, 60):  # a few cases lose their main stakeholder
            s.execute(sa.update(CaseParticipant).where(CaseParticipant.case_id == cid)
                      .values(deleted_at=NOW))
        for cid in rng.sample(case_ids, 40):  # and a few get a fresh resolution this week
            s.execute(sa.update(Case).where(Case.id == cid).values(
                status="resolved", resolved_at=NOW - timedelta(hours=rng.randint(0, 90))))
        s.execute(sa.update(Case).where(Case.id == case_ids[0]).values(
            title="100% sure_thing", description="Edge \\ case"))
        uow.commit()
    yield store
    store.close()


@pytest.fixture(scope="module")
def ctx() -> q.ListContext:
    return q.ListContext(NOW, Settings(), tz=UTC)


@pytest.fixture(scope="module")
def expected(big: Store, ctx: q.ListContext) -> list[Expected]:
    out = []
    with big.session() as s:
        links = s.execute(
            sa.select(CaseParticipant.case_id, CaseParticipant.stakeholder_id,
                      CaseParticipant.is_main, Stakeholder.sort_name, Stakeholder.display_name)
            .join(Stakeholder, Stakeholder.id == CaseParticipant.stakeholder_id)
            .where(CaseParticipant.deleted_at.is_(None))).all()
        escalated = set(s.scalars(sa.select(Escalation.case_id)
                                  .where(Escalation.outcome_at.is_(None))))
        by_case: dict[str, list[Any]] = {}
        for row in links:
            by_case.setdefault(row.case_id, []).append(row)
        for c in s.scalars(sa.select(Case)):
            mine = by_case.get(c.id, [])
            main = next((row for row in mine if row.is_main), None)
            out.append(Expected(
                c.id, c.ref_number, c.title, c.description, c.ref, c.status, c.priority,
                c.category, unpack_tags(c.tags), c.opened_at, c.resolved_at,
                c.next_followup_at, c.last_interaction_at,
                main.sort_name if main else None, main.display_name if main else "",
                {row.stakeholder_id for row in mine}, c.id in escalated,
                sla.evaluate_case(c, NOW, ctx.settings), c.next_step))
    return out


MONDAY = datetime(2026, 3, 2, tzinfo=UTC)
VIEW_RULES: dict[str, Callable[[Expected], bool]] = {
    "open": lambda e: e.status in ACTIVE,
    "waiting": lambda e: e.status == "waiting",
    "escalated": lambda e: e.status in ACTIVE and (e.status == "escalated" or e.open_escalation),
    "followup_overdue": lambda e: e.next_followup_at is not None and e.next_followup_at < NOW,
    "no_followup": lambda e: e.status in ACTIVE and e.next_followup_at is None,
    "no_next_step": lambda e: e.status in ACTIVE and e.next_step == "",
    "sla_at_risk": lambda e: e.status in ACTIVE and e.sla.state == "at_risk",
    "sla_breached": lambda e: e.status in ACTIVE and e.sla.state == "breached",
    "resolved_this_week": lambda e: e.status in ("resolved", "closed")
    and e.resolved_at is not None and e.resolved_at >= MONDAY,
    "all": lambda e: True,
}


def _ascii_lower(text: str) -> str:
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


def _sorted(rows: list[Expected], column: str, descending: bool) -> list[str]:
    """Reference order: the key, empty values last, ties by reference in the same direction."""
    keys: dict[str, Callable[[Expected], Any]] = {
        "ref": lambda e: e.ref_number,
        "title": lambda e: _ascii_lower(e.title),
        "stakeholder": lambda e: e.main_sort,
        "status": lambda e: q.STATUS_RANK[e.status],
        "priority": lambda e: q.PRIORITY_RANK[e.priority],
        "next_followup": lambda e: e.next_followup_at,
        "last_interaction": lambda e: e.last_interaction_at,
        "age": lambda e: NOW - e.opened_at,
    }
    key = keys[column]
    present = [r for r in rows if key(r) is not None]
    empty = [r for r in rows if key(r) is None]
    present.sort(key=lambda r: (key(r), r.ref_number), reverse=descending)
    empty.sort(key=lambda r: r.ref_number, reverse=descending)
    return [r.id for r in present + empty]


def test_every_view(big: Store, ctx: q.ListContext, expected: list[Expected]) -> None:
    counts = q.view_counts(big, ctx=ctx)
    assert list(counts) == list(q.VIEWS)
    for view, rule in VIEW_RULES.items():
        want = [e.id for e in sorted(expected, key=lambda e: e.ref_number) if rule(e)]
        got = q.case_ids(big, q.CaseFilter(view=view), ctx=ctx)
        assert got == want, view
        assert counts[view] == len(want), view
        assert len(want) > 0 or view == "resolved_this_week"
    assert counts["all"] == 3000
    assert counts["resolved_this_week"] >= 1


@pytest.mark.parametrize("column", [c for c in q.SORT_COLUMNS if c != "sla"])
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort(big: Store, ctx: q.ListContext, expected: list[Expected], column: str,
                    descending: bool) -> None:
    got = q.case_ids(big, q.CaseFilter(view="all"), q.CaseSort(column, descending), ctx=ctx)
    assert got == _sorted(expected, column, descending)


@pytest.mark.parametrize("descending", [False, True])
def test_sort_by_sla_time_left(big: Store, ctx: q.ListContext, expected: list[Expected],
                               descending: bool) -> None:
    got = q.case_ids(big, q.CaseFilter(view="all"), q.CaseSort("sla", descending), ctx=ctx)
    by_id = {e.id: e for e in expected}
    assert sorted(got) == sorted(by_id)
    left = [by_id[i].sla.time_left for i in got]
    timed = [t.total_seconds() for t in left if t is not None]
    assert left[len(timed):] == [None] * (len(left) - len(timed))  # no running clock: last
    step = -1 if descending else 1
    assert all(step * (b - a) >= -0.01 for a, b in itertools.pairwise(timed))
    assert timed[0] < 0 if not descending else timed[-1] < 0  # breached ones come first


def _indexed_text(e: Expected) -> str:
    """What the full-text index holds of a case (the demo data's next steps never
    mention a renewal, so they are left out here)."""
    return " ".join([e.title, e.ref, e.description, *e.tags]).lower()


FILTERS = [
    (q.CaseFilter(view="all", status="waiting"), lambda e: e.status == "waiting"),
    (q.CaseFilter(view="open", priority="urgent"),
     lambda e: e.status in ACTIVE and e.priority == "urgent"),
    (q.CaseFilter(view="all", category="care"), lambda e: e.category == "care"),
    (q.CaseFilter(view="all", tag="vip"), lambda e: "vip" in e.tags),
    (q.CaseFilter(view="all", tag="vi"), lambda e: "vi" in e.tags),
    (q.CaseFilter(view="open", text="renewal"),
     lambda e: e.status in ACTIVE and "renewal" in _indexed_text(e)),
    (q.CaseFilter(view="all", text="C-01"), lambda e: "C-01" in e.ref),
    # free text goes through the full-text index (issue 7): punctuation is never
    # syntax, and text without any word in it matches nothing
    (q.CaseFilter(view="open", text=" Renewal!! "),
     lambda e: e.status in ACTIVE and "renewal" in _indexed_text(e)),
    (q.CaseFilter(view="all", text="%"), lambda e: False),
    (q.CaseFilter(view="all", text="\\"), lambda e: False),
    # (breached: the at-risk ones of this store are too few to meet the other filters)
    (q.CaseFilter(view="sla_breached", priority="high", category="billing", text="invoice"),
     lambda e: VIEW_RULES["sla_breached"](e) and e.priority == "high"
     and e.category == "billing" and "invoice" in e.title.lower()),
]


@pytest.mark.parametrize(("flt", "rule"), FILTERS)
def test_filters_combine(big: Store, ctx: q.ListContext, expected: list[Expected],
                         flt: q.CaseFilter, rule: Callable[[Expected], bool]) -> None:
    want = [e.id for e in sorted(expected, key=lambda e: e.ref_number) if rule(e)]
    assert q.case_ids(big, flt, ctx=ctx) == want
    assert want or flt.tag == "vi" or not any(c.isalnum() for c in flt.text)
    # one case looked up by id agrees with the list (the lists keep a selection by it)
    held = set(want)
    for e in expected[::97]:
        assert q.case_matches(big, flt, e.id, ctx=ctx) == (e.id in held), e.ref
    assert all(q.case_matches(big, flt, cid, ctx=ctx) for cid in want[::max(1, len(want) // 5)])


def test_stakeholder_filter(big: Store, ctx: q.ListContext, expected: list[Expected]) -> None:
    someone = next(iter(expected[5].people))
    want = [e.id for e in sorted(expected, key=lambda e: e.ref_number) if someone in e.people]
    assert q.case_ids(big, q.CaseFilter(view="all", stakeholder_id=someone), ctx=ctx) == want
    assert want


def test_rows_for_a_page(big: Store, ctx: q.ListContext, expected: list[Expected]) -> None:
    ids = q.case_ids(big, q.CaseFilter(view="all"), q.CaseSort("priority", True), ctx=ctx)
    page = [*ids[100:150], "missing-id"]
    rows = q.case_rows(big, page, ctx=ctx)
    assert set(rows) == set(page[:-1])
    by_id = {e.id: e for e in expected}
    for cid, row in rows.items():
        e = by_id[cid]
        assert (row.ref, row.title, row.status, row.priority) == (
            e.ref, e.title, e.status, e.priority)
        assert row.main_stakeholder == e.main_name
        assert row.next_followup_at == e.next_followup_at
        assert row.last_interaction_at == e.last_interaction_at
        assert row.age == NOW - e.opened_at
        assert row.escalated == e.open_escalation
        assert (row.sla_state, row.sla_time_left) == (e.sla.state, e.sla.time_left)
        assert row.followup_overdue == (e.next_followup_at is not None
                                        and e.next_followup_at < NOW)
    assert q.case_rows(big, [], ctx=ctx) == {}


def test_sql_sla_state_matches_rows(big: Store, ctx: q.ListContext,
                                    expected: list[Expected]) -> None:
    expr = sla.SlaSql(ctx.settings, NOW)
    with big.connection() as conn:
        got: dict[str, str] = {
            cid: state for cid, state in conn.execute(sa.select(Case.__table__.c.id, expr.state()))}
    assert got == {e.id: e.sla.state for e in expected}
    assert set(got.values()) >= {"on_track", "at_risk", "breached", "met"}


def test_bad_view_and_sort(big: Store, ctx: q.ListContext) -> None:
    with pytest.raises(InvalidInput, match="not a case view"):
        q.case_ids(big, q.CaseFilter(view="mine"), ctx=ctx)
    with pytest.raises(InvalidInput, match="not a case list column"):
        q.case_ids(big, q.CaseFilter(), q.CaseSort("colour"), ctx=ctx)
    with pytest.raises(InvalidInput, match="not a status"):
        q.case_ids(big, q.CaseFilter(status="done"), ctx=ctx)


def test_deleted_cases_are_never_listed(store: Store) -> None:
    with store.unit_of_work() as uow:
        for n, deleted in ((1, None), (2, NOW)):
            uow.session.add(Case(id=str(uuid.uuid4()), ref=f"C-{n:04d}", ref_number=n,
                                 title="x", opened_at=NOW, deleted_at=deleted))
        uow.commit()
    assert len(q.case_ids(store, q.CaseFilter(view="all"))) == 1
    assert q.view_counts(store)["all"] == 1


def test_week_starts_on_local_monday() -> None:
    from zoneinfo import ZoneInfo

    berlin = ZoneInfo("Europe/Berlin")
    ctx = q.ListContext(datetime(2026, 3, 2, 0, 30, tzinfo=UTC), Settings(), tz=berlin)
    assert ctx.week_start == datetime(2026, 3, 2, 0, 0, tzinfo=berlin)
    sunday_night = q.ListContext(datetime(2026, 3, 1, 22, 30, tzinfo=UTC), Settings(), tz=UTC)
    assert sunday_night.week_start == datetime(2026, 2, 23, tzinfo=UTC)
