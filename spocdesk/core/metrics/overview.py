"""Headline counts for the dashboard and the status bar, each one SQL count."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from spocdesk.core.followups.service import effective_due
from spocdesk.core.model import Case, FollowUp, Interaction, Stakeholder
from spocdesk.core.store import Store

CLOSED_STATES = ("resolved", "closed")


@dataclass(frozen=True)
class Overview:
    open_cases: int
    cases: int
    stakeholders: int
    interactions: int
    open_followups: int
    overdue_followups: int
    cases_without_followup: int  # open cases with no dated open follow-up


def overview(store: Store) -> Overview:
    now = store.now()
    live_case = sa.and_(Case.deleted_at.is_(None))
    open_case = sa.and_(live_case, Case.status.not_in(CLOSED_STATES))
    open_fu = sa.and_(FollowUp.done_at.is_(None), FollowUp.deleted_at.is_(None))
    due = effective_due()
    count = sa.func.count
    query = sa.select(
        sa.select(count()).select_from(Case).where(open_case).scalar_subquery(),
        sa.select(count()).select_from(Case).where(live_case).scalar_subquery(),
        sa.select(count()).select_from(Stakeholder)
        .where(Stakeholder.deleted_at.is_(None)).scalar_subquery(),
        sa.select(count()).select_from(Interaction)
        .where(Interaction.deleted_at.is_(None)).scalar_subquery(),
        sa.select(count()).select_from(FollowUp).where(open_fu).scalar_subquery(),
        sa.select(count()).select_from(FollowUp).where(open_fu, due < now).scalar_subquery(),
        sa.select(count()).select_from(Case)
        .where(open_case, Case.next_followup_at.is_(None)).scalar_subquery(),
    )
    with store.connection() as conn:
        row = conn.execute(query).one()
    return Overview(*(int(v) for v in row))


def case_categories(store: Store) -> list[str]:
    """Every category in use, for the case list's filter (one DISTINCT query)."""
    query = (sa.select(Case.category).where(Case.deleted_at.is_(None), Case.category != "")
             .distinct().order_by(Case.category))
    with store.connection() as conn:
        return list(conn.execute(query).scalars())
