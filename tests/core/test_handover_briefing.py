"""The briefing's content: I-PASS order, cases by severity then priority."""

from __future__ import annotations

from html import escape
from zoneinfo import ZoneInfo

import pytest

from spocdesk.core.clock import FixedClock
from spocdesk.core.handover import absence, briefing
from spocdesk.core.store import Store
from tests.core.test_handover_support import World, build_world, fast_kdf  # noqa: F401

pytestmark = [pytest.mark.usefixtures("fast_kdf"), pytest.mark.both_backends]
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def test_cases_by_severity_then_priority(world: World) -> None:
    invoice = world.case_ids["C-0002"]
    draft = absence.prefill_note(world.store, world.absence_id, invoice, BERLIN)
    draft.severity = "unstable"
    draft.summary = "Invoice summary <b>& co</b>"
    absence.save_note(world.store, world.absence_id, invoice, draft)
    brief = briefing.build_briefing(world.store, world.absence_id, BERLIN)
    assert [(c.ref, c.severity, c.priority) for c in brief.cases] == [
        ("C-0004", "unstable", "urgent"), ("C-0002", "unstable", "normal"),
        ("C-0001", "watch", "high")]
    assert [(e.title, e.case_ref) for e in brief.calendar] == [
        ("Call the roofer", "C-0001"), ("Send corrected invoice", "C-0002")]
    assert [(c.name, c.organisation, c.contact) for c in brief.contacts] == [
        ("Alice Archer", "Acme Roofing", "alice@example.org"),
        ("Bob Baker", "", "+49 40 5678")]
    html = briefing.to_html(brief)
    assert "Invoice summary &lt;b&gt;&amp; co&lt;/b&gt;" in html
    positions = [html.index(f"{c.ref} {c.title}") for c in brief.cases]
    assert positions == sorted(positions)
    roof = html[html.index("C-0001 Roof leak"):]
    order = [roof.index(h) for h in ("I — Severity", "P — Summary", "A — Actions",
                                      "S — Situation awareness", "Contingencies",
                                      "S — Synthesis")]
    assert order == sorted(order)
    assert "If the leak spreads" in roof
    for case in brief.cases:
        assert escape(case.summary.splitlines()[0]) in html


def test_a_case_without_a_note_gets_its_draft(world: World) -> None:
    absence.set_cases(world.store, world.absence_id, add=[world.case_ids["C-0003"]])
    brief = briefing.build_briefing(world.store, world.absence_id, BERLIN)
    old = next(c for c in brief.cases if c.ref == "C-0003")
    assert not old.has_note and old.summary.startswith("Status: closed")
    assert "draft, not reviewed" in briefing.to_html(brief)
