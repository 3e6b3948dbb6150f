"""Reading and changing the user's settings (kept encrypted inside the store)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from spocdesk.core import settings, sla_clock
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.outcome import Outcome
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store, backend
from spocdesk.core.working_time import WorkingWeek, parse_clock, parse_days

KIND = "settings"


def get_settings(store: Store) -> Settings:
    with store.session() as session:
        return settings.load(session)


def validate(value: Settings) -> None:
    for priority, target in value.sla.items():
        if target.first_response_hours <= 0 or target.resolution_days <= 0:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The SLA targets for {priority} priority must be above zero."),
                priority=priority)
    if value.auto_lock_minutes < 0:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "Auto-lock minutes cannot be negative (0 turns it off)."))
    if value.backup_keep_daily < 1 or value.backup_keep_weekly < 0:
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "Keep at least one daily backup."))
    if not 0 < value.sla_at_risk_fraction < 1:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The 'at risk' point must lie between 0 % and 100 % of the time."))
    if value.handover_interaction_days < 1:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A handover pack must carry at least one day of interactions."))
    try:
        WorkingWeek(parse_days(value.working_days), parse_clock(value.working_hours_start),
                    parse_clock(value.working_hours_end))
    except ValueError:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The working week needs at least one working day, and its "
            "hours must start before they end.")) from None
    low, high = settings.LIMITS["mail_size_cap_mb"]
    if not low <= value.mail_size_cap_mb <= high:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The size kept of one e-mail must lie between {low} and {high} MB."),
            low=int(low), high=int(high))
    if bad := settings.unusable(value):  # what is saved must load back unchanged
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The setting '{setting}' is out of its range."),
            setting=bad[0].replace('_', ' '))


def save_settings(store: Store, value: Settings, *,
                  progress: Callable[[int, int], None] | None = None) -> Outcome[Settings]:
    """Save ``value``. A change of the SLA targets or the working week makes the store
    recompute every open case's SLA deadline in the same transaction (revision 0018's
    triggers; seconds on a store of 100,000 cases): ``progress(done, total)`` hears
    how far that got, every few hundred cases, and may keep a window responsive."""
    validate(value)
    with store.unit_of_work() as uow:
        with _deadlines_reported(uow.session.connection(), progress):
            settings.save(uow.session, value)
            uow.session.flush()
        uow.changes.touch(KIND)
        uow.commit()
    return Outcome(value, uow.changes)


PROGRESS_EVERY = 500  # deadline computations between two progress reports


@contextmanager
def _deadlines_reported(conn: sa.Connection,
                        progress: Callable[[int, int], None] | None) -> Iterator[None]:
    """Count the calls of ``spocdesk_sla_deadline`` on this connection while the block
    runs and report them to ``progress``: the recompute updates each case it visits (a
    call) and the case's update trigger checks the result (a second call), so the total
    is twice the cases the recompute visits. A team server recomputes them in PL/pgSQL
    (:mod:`spocdesk.core.store.server_triggers`), where no call can be counted: nothing
    is reported there."""
    if progress is None or conn.dialect.name != backend.SQLITE:
        yield
        return
    cases = conn.exec_driver_sql(
        "SELECT count(*) FROM case_record WHERE status NOT IN ('resolved', 'closed') "
        "OR sla_deadline IS NOT NULL").scalar_one()
    total, calls = 2 * int(cases), 0

    def counted(*args: Any) -> float | None:
        nonlocal calls
        calls += 1
        if calls % PROGRESS_EVERY == 0:
            progress(min(calls, total), total)
        return sla_clock.sql_deadline(*args)

    raw = conn.connection.dbapi_connection
    assert raw is not None
    raw.create_function(sla_clock.DEADLINE_FUNCTION, 5 + len(sla_clock.SETTING_KEYS), counted,
                        deterministic=True)
    try:
        yield
    finally:
        sla_clock.register(raw)
    if calls:
        progress(total, total)
