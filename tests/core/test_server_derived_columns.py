"""The columns the file keeps by SQLite triggers are kept on a team server too (PL/pgSQL,
:mod:`spocdesk.core.store.server_triggers`): the same work done through the app's
services on an encrypted file and on the test session's PostgreSQL leaves the same
derived values — the case's main stakeholder sort name, its SLA deadline and verdict, a
person's last contact and stay-in-touch due date, a log link's moment, the hourly
figures — and a value written straight into one of them is put right on both."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa

from spocdesk.core import preferences, settings, sla_clock
from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.model import Case, CaseParticipant, Interaction, Stakeholder
from spocdesk.core.model import interaction_hourly as hourly
from spocdesk.core.paths import Location
from spocdesk.core.people import edit
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.settings import Settings, SlaTarget
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE
from tests.core.test_row_security import (  # noqa: F401 - its team and fixtures
    Team,
    _annas_caseload,
    db,
    people_,
    team,
)

OPENED = datetime(2026, 2, 27, 15, 20, tzinfo=UTC)  # a Friday afternoon

Snapshot = dict[str, Any]


@pytest.fixture
def both(location: Location, clock: FixedClock, server_store: Store) -> Iterator[list[Store]]:
    """An encrypted file and a team server, on the same fixed clock."""
    file = Store.create(location, PASSPHRASE, clock=clock)
    yield [file, server_store]
    file.close()


def snapshot(store: Store) -> Snapshot:
    """Every derived value, keyed by what the scenario names (ids differ per store)."""
    tables = [t.__table__ for t in (Case, Stakeholder, CaseParticipant, Interaction)]
    c, s, p, i = (t.c for t in tables)
    _cases, people, parts, entries = tables
    link = sa.table("interaction_participant", sa.column("interaction_id"),
                    sa.column("stakeholder_id"), sa.column("occurred_at", Case.opened_at.type))
    with store.connection() as conn:
        return {
            "cases": conn.execute(sa.select(
                c.ref, c.main_stakeholder_sort, c.sla_deadline, c.sla_breached)
                .order_by(c.ref)).all(),
            # the due date after the last contact, or after the creation (a real moment)
            "people": [(name, last, due if due is None else due - (last or created))
                       for name, last, due, created in conn.execute(sa.select(
                           s.display_name, s.last_contact_at, s.contact_due_at, s.created_at)
                           .order_by(s.display_name))],
            "links": conn.execute(sa.select(i.summary, s.display_name, link.c.occurred_at)
                                  .join(entries, i.id == link.c.interaction_id)
                                  .join(people, s.id == link.c.stakeholder_id)
                                  .order_by(i.summary, s.display_name)).all(),
            "hourly": conn.execute(sa.select(hourly.c.hour, hourly.c.channel, hourly.c.n)
                                   .where(hourly.c.n != 0)
                                   .order_by(hourly.c.hour, hourly.c.channel)).all(),
            "main": conn.execute(sa.select(c.ref, s.display_name).join(parts, p.case_id == c.id)
                                 .join(people, s.id == p.stakeholder_id)
                                 .where(p.is_main.is_(True), p.deleted_at.is_(None))
                                 .order_by(c.ref)).all(),
        }


def _id(store: Store, name: str) -> str:
    with store.session() as session:
        return str(session.scalar(sa.select(Stakeholder.id)
                                  .where(Stakeholder.display_name == name)))


def _case_id(store: Store, ref: str) -> str:
    with store.session() as session:
        return str(session.scalar(sa.select(Case.id).where(Case.ref == ref)))


def _log(store: Store, ref: str, channel: str, direction: str, summary: str, at: datetime,
         *names: str) -> None:
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel=channel, direction=direction, summary=summary, occurred_at=at,
        stakeholder_ids=[_id(store, n) for n in names]))


STEPS: list[tuple[str, Callable[[Store], Any]]] = [
    ("people and cases", lambda st: (
        add_stakeholder(st, NewStakeholder(display_name="Zoe Zeller", cadence_days=14)),
        add_stakeholder(st, NewStakeholder(display_name="Bob Adler")),
        cases.add_case(st, cases.NewCase(
            title="Leak", priority="high", opened_at=OPENED,
            stakeholders=[(_id(st, "Zoe Zeller"), "client"), (_id(st, "Bob Adler"), "family")])),
        cases.add_case(st, cases.NewCase(title="Lost card", priority="urgent",
                                         opened_at=OPENED + timedelta(hours=30))))),
    ("a call and a mail", lambda st: (
        _log(st, "C-0001", "phone", "out", "Called", OPENED + timedelta(hours=20),
             "Zoe Zeller", "Bob Adler"),
        _log(st, "C-0001", "email", "in", "Mail", OPENED + timedelta(days=2, minutes=7),
             "Bob Adler"))),
    ("a rename and another main person", lambda st: (
        edit.update_fields(st, _id(st, "Zoe Zeller"), display_name="Anna Zeller"),
        workflow.set_main_participant(st, _case_id(st, "C-0001"), _id(st, "Bob Adler")))),
    ("cadences", lambda st: (
        followups.set_cadence(st, _id(st, "Bob Adler"), 7),
        followups.set_cadence(st, _id(st, "Anna Zeller"), None))),
    ("a resolution and a reopening", lambda st: (
        workflow.update_case(st, "C-0001", status="resolved"),
        workflow.update_case(st, "C-0002", status="resolved"),
        workflow.update_case(st, "C-0002", status="open"))),
    ("other SLA targets and hours", lambda st: preferences.save_settings(st, Settings(
        working_hours_start="08:00", working_hours_end="16:30",
        sla={**Settings().sla, "high": SlaTarget(2, 1), "urgent": SlaTarget(3, 2)}))),
    ("the main person leaves the case", lambda st: workflow.remove_participant(
        st, _case_id(st, "C-0001"), _id(st, "Bob Adler"))),
]


def test_the_same_work_leaves_the_same_derived_values(both: list[Store]) -> None:
    for step, action in STEPS:
        seen = []
        for store in both:
            action(store)
            seen.append(snapshot(store))
        file, server = seen
        assert server == file, step
    leak, card = file["cases"]
    assert leak[1:3] == ("anna zeller", None) and leak[3] in (0, 1)  # resolved: a verdict
    assert file["main"] == [("C-0001", "Anna Zeller")]  # Bob left: Anna is main again
    assert card[1] is None and card[2] is not None and card[3] is None  # open again
    assert [row[0] for row in file["people"]] == ["Anna Zeller", "Bob Adler"]
    bob = file["people"][1]
    assert bob[1] == OPENED + timedelta(days=2, minutes=7)
    assert bob[2] == timedelta(days=7)
    assert file["hourly"] == [("2026-02-28 11", "phone", 1), ("2026-03-01 15", "email", 1)]
    assert [m for _s, _n, m in file["links"]] == [
        OPENED + timedelta(hours=20), OPENED + timedelta(hours=20),
        OPENED + timedelta(days=2, minutes=7)]


def test_the_sort_name_of_the_main_person_through_the_steps(both: list[Store]) -> None:
    main_sorts = []
    for store in both:
        sorts = []
        for _step, action in STEPS:
            action(store)
            sorts.append(snapshot(store)["cases"][0][1])
        main_sorts.append(sorts)
    assert main_sorts[0] == main_sorts[1]
    assert main_sorts[0] == ["zoe zeller", "zoe zeller", "bob adler", "bob adler",
                             "bob adler", "bob adler", "anna zeller"]


@pytest.mark.parametrize("column", ["main_stakeholder_sort", "sla_deadline", "sla_breached"])
def test_a_value_written_directly_is_put_right(both: list[Store], column: str) -> None:
    for store in both:
        for _step, action in STEPS[:5]:
            action(store)
        before = snapshot(store)
        with store.unit_of_work() as uow:
            value = "zzz" if column == "main_stakeholder_sort" else 7
            uow.session.execute(sa.update(Case.__table__).values({column: value}))
            uow.commit()
        assert snapshot(store) == before


def test_direct_writes_to_a_persons_contact_moments_are_put_right(both: list[Store]) -> None:
    for store in both:
        for _step, action in STEPS[:4]:
            action(store)
        before = snapshot(store)
        with store.unit_of_work() as uow:
            uow.session.execute(sa.update(Stakeholder.__table__).values(
                last_contact_at=None, contact_due_at=OPENED))
            uow.commit()
        assert snapshot(store) == before


def test_a_colleagues_settings_change_recomputes_cases_they_cannot_see(
        people_: Team) -> None:  # noqa: F811 - the fixture imported above
    """Bert changes the team's SLA targets; Anna's case, which he cannot see, gets its new
    deadline all the same (the trigger works as the schema's owner, not as Bert)."""
    t = people_
    mine = _annas_caseload(t)
    assert t.count("bert", "case_record") == 0
    preferences.save_settings(t.app("bert"), Settings(
        sla={**Settings().sla, "normal": SlaTarget(3, 2)}, sla_business_hours=False))
    row = t.rows("anna", "SELECT priority, status, opened_at, first_response_at, resolved_at, "
                 "sla_deadline FROM case_record WHERE id = %s", mine["case"])[0]
    with t.app("anna").session() as session:
        raw = sla_clock.settings_json(settings.load(session))
    stored = [m if m is None else m.isoformat(" ", "microseconds") for m in row[2:5]]
    assert row[5] == sla_clock.sql_deadline(row[0], row[1], *stored, *raw)
    # in working time that would be another moment: the new settings were applied
    assert row[5] != sla_clock.sql_deadline(row[0], row[1], *stored,
                                            *sla_clock.settings_json(Settings()))


def test_saving_settings_with_progress_on_a_server(server_store: Store) -> None:
    """The settings dialog's save (with a progress callback, which counts the file's
    Python calls) works on a server, whose PL/pgSQL recompute reports nothing."""
    STEPS[0][1](server_store)
    heard: list[tuple[int, int]] = []
    preferences.save_settings(server_store, Settings(sla_business_hours=False),
                              progress=lambda done, total: heard.append((done, total)))
    leak = snapshot(server_store)["cases"][0]
    opened = datetime(2026, 2, 27, 15, 20)
    assert leak[2] == sla_clock.sql_deadline(
        "high", "new", opened.isoformat(" ", "microseconds"), None, None,
        *sla_clock.settings_json(Settings(sla_business_hours=False)))
    assert heard == []
