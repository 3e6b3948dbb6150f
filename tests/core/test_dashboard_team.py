"""The dashboard on a team server counts what its reader may see, and nothing else.

Anna and Bert are SPOCs on one server, Lena their lead (the roles of
``test_row_security``); each fills their caseload through the app as themselves, then
each one's dashboard is read over their own login. Row-level security decides what
a SPOC counts: every figure — Today's tiles, the workload, the weekly trends, the
interactions per channel — is their own caseload's, and a lead's is the team's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.metrics import overview
from spocdesk.core.people import stakeholders as people
from spocdesk.core.store import backend
from spocdesk.core.store.server import ServerStore
from tests.core.test_row_security import SECRET, db, team  # noqa: F401 (fixtures)
from tests.pg_server import PgServer

UTC_ZONE = ZoneInfo("UTC")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def login(pg_server: PgServer, db: str, clock: FixedClock  # noqa: F811 (a fixture)
          ) -> Iterator[dict[str, ServerStore]]:
    """Anna's, Bert's and Lena's app stores on one database, each over their own role."""
    stores = {who: ServerStore.connect(pg_server.plain_url(db, user=who), SECRET, clock=clock)
              for who in ("anna", "bert", "lena")}
    yield stores
    for store in stores.values():
        store.close()


def _caseload(store: ServerStore, clock: FixedClock, who: str, *, calls: int,
              overdue: int, resolved: bool) -> None:
    """An open case opened ten days ago with a client on a 7-day stay-in-touch cadence
    (last written to then, so the reminder to get in touch is overdue too), ``calls``
    phone calls on it last week, ``overdue`` more follow-ups due yesterday, and a second
    case resolved the day it opened (when ``resolved``)."""
    clock.set(NOW - timedelta(days=10))
    client = people.add_stakeholder(store, people.NewStakeholder(
        display_name=f"{who}'s client", cadence_days=7)).value
    ref = cases.add_case(store, cases.NewCase(
        title=f"{who}'s case", status="open", stakeholders=[(client, "client")])).value
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="email", direction="out", summary="welcome", stakeholder_ids=[client]))
    for n in range(calls):
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel="phone", direction="out", summary=f"call {n}",
            occurred_at=NOW - timedelta(days=5, hours=n)))
    for n in range(overdue):
        followups.add_followup(store, followups.NewFollowUp(
            title=f"{who}'s follow-up {n}", due_at=NOW - timedelta(days=1)))
    if resolved:
        clock.set(NOW - timedelta(days=3, hours=4))
        done = cases.add_case(store, cases.NewCase(title=f"{who}'s quick one",
                                                   status="open")).value
        clock.set(NOW - timedelta(days=3))
        workflow.update_case(store, done, status="resolved")
    clock.set(NOW)


def _figures(board: metrics.Dashboard) -> dict[str, object]:
    t = board.trends
    return {
        "open": board.workload.open_cases,
        "oldest": sorted(c.title for c in board.workload.oldest),
        "opened": sum(w.opened for w in t.weeks),
        "resolved": sum(w.resolved for w in t.weeks),
        "resolutions": sum(m.resolutions for m in t.months),
        "phone": t.interactions_by_channel["phone"],
        "overdue": board.today.followups_overdue,
        "no_followup": board.today.cases_without_followup,
        "stay_in_touch": board.today.stakeholders_due_for_contact,
    }


def test_each_persons_dashboard_counts_only_what_they_see(
        login: dict[str, ServerStore], clock: FixedClock) -> None:
    _caseload(login["anna"], clock, "Anna", calls=3, overdue=1, resolved=True)
    _caseload(login["bert"], clock, "Bert", calls=2, overdue=2, resolved=False)
    boards = {who: _figures(metrics.dashboard(store, "4w", tz=UTC_ZONE))
              for who, store in login.items()}
    assert boards["anna"] == {
        "open": 1, "oldest": ["Anna's case"], "opened": 2, "resolved": 1, "resolutions": 1,
        "phone": 3, "overdue": 2, "no_followup": 1, "stay_in_touch": 1}
    assert boards["bert"] == {
        "open": 1, "oldest": ["Bert's case"], "opened": 1, "resolved": 0, "resolutions": 0,
        "phone": 2, "overdue": 3, "no_followup": 1, "stay_in_touch": 1}
    # the lead reads the team's caseload: the two together
    assert boards["lena"] == {
        "open": 2, "oldest": ["Anna's case", "Bert's case"], "opened": 3, "resolved": 1,
        "resolutions": 1, "phone": 5, "overdue": 5, "no_followup": 2, "stay_in_touch": 2}
    # the status bar's headline counts likewise
    assert overview.overview(login["anna"]).interactions == 4  # the calls and the email
    assert overview.overview(login["bert"]).open_cases == 1


def test_a_channel_count_of_part_of_an_hour_is_the_readers_too(
        login: dict[str, ServerStore], clock: FixedClock) -> None:
    """Whole hours and the partial hours at either end of a period are both counted from
    what the reader sees: a SPOC's own log entries, and for a lead, who sees the whole
    team's, the team's hourly summary (the trigger's key, the UTC hour as text)."""
    _caseload(login["anna"], clock, "Anna", calls=3, overdue=0, resolved=False)
    _caseload(login["bert"], clock, "Bert", calls=2, overdue=0, resolved=False)
    lo, hi = NOW - timedelta(days=6, minutes=30), NOW
    edge = NOW - timedelta(days=5, hours=1, minutes=10)  # 20 minutes around one call each
    for who, whole, part in (("anna", 3, 1), ("bert", 2, 1), ("lena", 5, 2)):
        with login[who].connection() as conn:
            assert backend.sees_every_row(conn, "interaction") is (who == "lena")
            assert _nonzero(metrics.channel_counts(conn, lo, hi)) == {"phone": whole}
            assert _nonzero(metrics.channel_counts(
                conn, edge, edge + timedelta(minutes=20))) == {"phone": part}


def _nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {channel: n for channel, n in counts.items() if n}


def _seen(store: ServerStore, lo: datetime, hi: datetime) -> dict[str, int]:
    """What row security lets the person read, counted row by row: the oracle."""
    with store.connection() as conn:
        return dict(conn.execute(sa.text(
            "SELECT channel, count(*) FROM interaction WHERE deleted_at IS NULL "
            "AND occurred_at >= :lo AND occurred_at < :hi GROUP BY channel"),
            {"lo": lo.replace(tzinfo=None), "hi": hi.replace(tzinfo=None)}).all())


def test_a_spocs_channel_counts_follow_shares_handovers_and_deletions(
        login: dict[str, ServerStore], clock: FixedClock) -> None:
    """A SPOC's own entries come from their hourly summary, a colleague's shared case's
    from the case: each step leaves every person's count equal to what they may read."""
    _caseload(login["anna"], clock, "Anna", calls=3, overdue=0, resolved=False)
    _caseload(login["bert"], clock, "Bert", calls=2, overdue=0, resolved=False)
    lo, hi = NOW - timedelta(days=20, minutes=30), NOW

    def counts() -> dict[str, dict[str, int]]:
        result = {}
        for who, store in login.items():
            with store.connection() as conn:
                got = _nonzero(metrics.channel_counts(conn, lo, hi))
            assert got == _seen(store, lo, hi), who
            result[who] = got
        return result

    assert counts() == {"anna": {"phone": 3, "email": 1}, "bert": {"phone": 2, "email": 1},
                        "lena": {"phone": 5, "email": 2}}
    with login["anna"].connection() as conn, conn.begin():
        case = conn.execute(sa.text(
            "SELECT id FROM case_record WHERE title = 'Anna''s case'")).scalar_one()
        conn.execute(sa.text("INSERT INTO spocdesk_share (case_id, grantee) "
                             "VALUES (:case, 'bert')"), {"case": case})
    assert counts()["bert"] == {"phone": 5, "email": 2}  # Anna's case's log, shared
    with login["lena"].connection() as conn, conn.begin():  # the lead hands it to Bert
        conn.execute(sa.text("UPDATE case_record SET owner = 'bert' WHERE id = :case"),
                     {"case": case})
    assert counts()["anna"] == {} and counts()["bert"] == {"phone": 5, "email": 2}
    with login["bert"].connection() as conn, conn.begin():  # one call was logged wrongly
        conn.execute(sa.text(
            "UPDATE interaction SET deleted_at = now() WHERE summary = 'call 0' "
            "AND case_id = :case"), {"case": case})
        conn.execute(sa.text(  # and one moved to another channel
            "UPDATE interaction SET channel = 'meeting' WHERE summary = 'call 1' "
            "AND case_id = :case"), {"case": case})
    assert counts()["bert"] == {"phone": 3, "meeting": 1, "email": 2}
    assert counts()["lena"] == {"phone": 3, "meeting": 1, "email": 2}
