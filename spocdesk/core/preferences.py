"""Reading and changing the user's settings (kept encrypted inside the store)."""

from __future__ import annotations

from spocdesk.core import settings
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.outcome import Outcome
from spocdesk.core.settings import Settings
from spocdesk.core.store import Store
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
    if bad := settings.unusable(value):  # what is saved must load back unchanged
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The setting '{setting}' is out of its range."),
            setting=bad[0].replace('_', ' '))


def save_settings(store: Store, value: Settings) -> Outcome[Settings]:
    validate(value)
    with store.unit_of_work() as uow:
        settings.save(uow.session, value)
        uow.changes.touch(KIND)
        uow.commit()
    return Outcome(value, uow.changes)
