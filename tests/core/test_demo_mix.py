"""The demo store (``spocdesk --demo``) looks like a working caseload: its open cases
are mostly on track, some at risk and a few breached; its follow-ups fall in working
hours on working days; and nothing is "missed" when it first opens."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from spocdesk.core import demo, preferences
from spocdesk.core.cases import query as case_query
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.store import Store


@pytest.mark.parametrize("moment", [
    datetime(2026, 3, 2, 9, 0, tzinfo=UTC),  # Monday morning
    datetime(2026, 12, 5, 12, 30, tzinfo=UTC),  # Saturday noon
    datetime(2026, 12, 9, 22, 15, tzinfo=UTC),  # Wednesday night
])
def test_the_demo_store_is_a_lifelike_mix(store: Store, clock: FixedClock,
                                          moment: datetime) -> None:
    clock.set(moment)
    demo.generate(store, "small")
    ids = case_query.case_ids(store, case_query.CaseFilter(view="open"))
    states = Counter(row.sla_state for row in case_query.case_rows(store, ids).values())
    assert states["breached"] < len(ids) / 4, states
    assert states["at_risk"] > 0 and states["on_track"] > len(ids) / 2, states
    counts = case_query.view_counts(store)
    assert (counts["sla_breached"], counts["sla_at_risk"]) == (
        states["breached"], states["at_risk"])

    week = preferences.get_settings(store).working_week()
    due = [row.due for row in followups.list_followups(store, "all") if row.due is not None]
    assert due and all(week.is_working_time(moment) for moment in due)
    assert followups.due_between(store, None, store.now()) == []  # no "missed" banner
