"""The quick log: one log entry with the people it was with, and optionally the
case's next step and a follow-up, saved as one user action (one commit, or nothing).

The entry counts as contact with each person (their last contact, interaction count
and stay-in-touch follow-up); the follow-up concerns the first of them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from spocdesk.core.cases.service import KIND, NewInteraction, log_in_session, resolve_case
from spocdesk.core.cases.workflow import update_in_session
from spocdesk.core.followups import service as followups
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store


@dataclass
class QuickLog:
    entry: NewInteraction
    next_step: str | None = None  # None = leave the case's next step as it is
    followup_title: str = ""
    followup_due: datetime | None = None


def quick_log(store: Store, case_id: str, data: QuickLog) -> Outcome[str]:
    """Log the entry (by case id or reference); the value is the interaction's id."""
    now = store.now()
    with store.unit_of_work() as uow:
        session = uow.session
        case = resolve_case(session, case_id)
        entry = log_in_session(session, case, data.entry, now=now, author=store.author,
                               changes=uow.changes)
        if data.next_step is not None:
            update_in_session(session, case, now=now, author=store.author,
                              next_step=data.next_step)
        if data.followup_due is not None:
            title = data.followup_title.strip() or data.next_step or data.entry.summary
            item = followups.add_in_session(session, followups.NewFollowUp(
                title=title, due_at=data.followup_due, case_id=case.id,
                stakeholder_id=next(iter(data.entry.stakeholder_ids), None),
            ), now=now, author=store.author)
            uow.changes.touch(followups.KIND, item.id)
        uow.changes.touch(KIND, case.id)
        uow.commit()
    return Outcome(entry.id, uow.changes)
