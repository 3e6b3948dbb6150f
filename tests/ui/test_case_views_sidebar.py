"""The case views sidebar: "No follow-up planned" and "No next step" are two views,
as are "SLA at risk" and "SLA breached", each with its own count and list."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from spocdesk.core import preferences
from spocdesk.core.cases import query as case_query
from spocdesk.core.cases import service as cases
from spocdesk.core.followups import service as followups
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store
from spocdesk.ui.cases.sidebar import ViewList


def test_each_word_has_its_view_and_count(qtbot, store: Store) -> None:
    preferences.save_settings(store, Settings(sla_business_hours=False))  # plain hours
    now = store.now()

    def case(title: str, step: str, hours_ago: float, priority: str = "normal") -> str:
        return cases.add_case(store, cases.NewCase(
            title=title, next_step=step, priority=priority,
            opened_at=now - timedelta(hours=hours_ago))).value

    case("Text, no follow-up", "Call back", 1)  # no follow-up planned
    planned = case("Follow-up, no text", "", 1)  # no next step
    followups.add_followup(store, followups.NewFollowUp(
        "Chase", now + timedelta(days=1), case_id=case_query.case_ids(
            store, case_query.CaseFilter(view="all", text=planned))[0]))
    case("At risk", "Wait", 20)  # normal: 24 h to answer, 18 h mark passed
    case("Breached", "Wait", 30)  # 24 h passed
    views = ViewList()
    qtbot.addWidget(views)
    views.update_counts(store)
    assert views.counts["no_followup"] == 3 and views.counts["no_next_step"] == 1
    assert (views.counts["sla_at_risk"], views.counts["sla_breached"]) == (1, 1)
    titles = [views.item(row).text() for row in range(views.count())]
    assert "No follow-up planned  (3)" in titles and "No next step  (1)" in titles
    assert "SLA at risk  (1)" in titles and "SLA breached  (1)" in titles
    breached = next(views.item(r) for r in range(views.count())
                    if views.view_of(views.item(r)) == "sla_breached")
    assert breached.data(Qt.ItemDataRole.AccessibleTextRole).startswith("SLA breached: 1 case")
    with qtbot.waitSignal(views.view_chosen, timeout=1000) as blocker:
        views.select_view("no_next_step")
    assert blocker.args == ["no_next_step"]
