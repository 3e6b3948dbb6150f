"""Settings declared once, typed, with defaults; stored encrypted in the store.

Only window geometry lives outside the store (QSettings); everything here may
describe the user's work and so stays inside the encrypted file.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import tzinfo
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core.model import Setting
from spocdesk.core.working_time import WorkingWeek, parse_clock, parse_days

log = logging.getLogger(__name__)


@dataclass
class SlaTarget:
    first_response_hours: int
    resolution_days: int


def _default_sla() -> dict[str, SlaTarget]:
    return {
        "urgent": SlaTarget(first_response_hours=1, resolution_days=1),
        "high": SlaTarget(first_response_hours=4, resolution_days=3),
        "normal": SlaTarget(first_response_hours=24, resolution_days=10),
        "low": SlaTarget(first_response_hours=72, resolution_days=30),
    }


@dataclass
class Settings:
    """Every user setting with its default."""

    sla: dict[str, SlaTarget] = field(default_factory=_default_sla)
    sla_at_risk_fraction: float = 0.75  # at risk once 75 % of the allowed time is used
    sla_business_hours: bool = True  # SLA clocks count the working week only
    auto_lock_minutes: int = 10
    unlock_with_keyring_after_idle_lock: bool = False
    backup_keep_daily: int = 7
    backup_keep_weekly: int = 4
    backup_dir: str = ""
    keep_running_in_tray: bool = False
    calendar_file: str = ""
    calendar_include_details: bool = False
    handover_interaction_days: int = 90
    language: str = ""  # "" = follow the system
    owner_name: str = "owner"
    working_days: str = "12345"  # ISO weekday numbers: Monday to Friday
    working_hours_start: str = "09:00"
    working_hours_end: str = "17:00"
    # the user's own e-mail addresses, separated by commas or spaces: mail from them
    # is outgoing (see spocdesk.core.mail.filing)
    own_addresses: str = ""
    mail_size_cap_mb: int = 25  # text and attachments kept of one e-mail
    # the app reads its mail accounts on unlock, on "Sync now" and every this many
    # minutes (0: only on unlock and on "Sync now")
    mail_sync_minutes: int = 5

    def working_week(self, tz: tzinfo | None = None) -> WorkingWeek:
        """The working week these settings describe (defaults if they do not fit together)."""
        try:
            return WorkingWeek(parse_days(self.working_days),
                               parse_clock(self.working_hours_start),
                               parse_clock(self.working_hours_end), tz)
        except ValueError:
            return WorkingWeek(tz=tz)


_SETTING_FIELDS = {f.name for f in fields(Settings)}
PRIORITIES = ("urgent", "high", "normal", "low")

# The range each number may take (the settings dialog offers the same ranges). A
# stored value outside it, of the wrong type, or not JSON at all is ignored: the
# setting keeps its default and the log says which setting (never its value).
LIMITS: dict[str, tuple[float, float]] = {
    "sla_at_risk_fraction": (0.05, 0.95),
    "auto_lock_minutes": (0, 24 * 60),
    "backup_keep_daily": (1, 365),
    "backup_keep_weekly": (0, 520),
    "handover_interaction_days": (1, 3650),
    "first_response_hours": (1, 24 * 90),
    "resolution_days": (1, 3650),
    "mail_size_cap_mb": (1, 1024),
    "mail_sync_minutes": (0, 24 * 60),
}
MAX_TEXT = 4096  # paths and names; longer is not a value anyone typed
_DEFAULTS = Settings()


def _number(name: str, raw: Any, kind: type) -> Any:
    """``raw`` as an int or float within :data:`LIMITS`; ValueError otherwise."""
    if isinstance(raw, bool) or not isinstance(raw, int | float):
        raise ValueError(name)
    if kind is int and not isinstance(raw, int):
        raise ValueError(name)
    low, high = LIMITS[name]
    if not low <= raw <= high:  # NaN compares false: refused too
        raise ValueError(name)
    return kind(raw)


def _decode(name: str, raw: Any) -> Any:
    """The typed value of one setting; ValueError when it cannot be used."""
    default = getattr(_DEFAULTS, name)
    if name == "sla":
        if not isinstance(raw, dict) or not set(raw) <= set(PRIORITIES):
            raise ValueError(name)
        sla = _default_sla()
        for priority, target in raw.items():
            if not isinstance(target, dict) or set(target) != {"first_response_hours",
                                                               "resolution_days"}:
                raise ValueError(name)
            sla[priority] = SlaTarget(**{k: _number(k, v, int) for k, v in target.items()})
        return sla
    if isinstance(default, bool):
        if not isinstance(raw, bool):
            raise ValueError(name)
        return raw
    if isinstance(default, int | float):
        return _number(name, raw, type(default))
    if not isinstance(raw, str) or len(raw) > MAX_TEXT or "\x00" in raw:
        raise ValueError(name)
    if name == "working_days":
        parse_days(raw)
    elif name in ("working_hours_start", "working_hours_end"):
        parse_clock(raw)
    return raw


def load_rows(rows: Iterable[tuple[str, str]]) -> Settings:
    """Settings from stored ``(key, JSON text)`` rows; anything unusable keeps its
    default with a warning in the log. Never raises, never writes."""
    settings = Settings()
    for key, value in rows:
        if key not in _SETTING_FIELDS:
            continue  # a setting of another version or another feature
        try:
            setattr(settings, key, _decode(key, json.loads(value)))
        except (ValueError, TypeError, RecursionError):
            log.warning("the stored setting %s cannot be used; using its default", key)
    return settings


def unusable(value: Settings) -> list[str]:
    """Names of the settings in ``value`` that :func:`load_rows` would not take back."""
    bad = []
    for name, raw in asdict(value).items():
        try:
            _decode(name, raw)
        except (ValueError, TypeError):
            bad.append(name)
    return bad


def load(session: Session) -> Settings:
    rows = session.execute(sa.select(Setting.key, Setting.value))
    return load_rows((str(key), str(value)) for key, value in rows)


def save(session: Session, settings: Settings) -> None:
    existing = {s.key: s for s in session.scalars(sa.select(Setting))}
    for name, value in asdict(settings).items():
        encoded = json.dumps(value, sort_keys=True)
        row = existing.get(name)
        if row is None:
            session.add(Setting(key=name, value=encoded))
        elif row.value != encoded:
            row.value = encoded


def get_raw(session: Session, key: str) -> Any:
    value = session.scalar(sa.select(Setting.value).where(Setting.key == key))
    return None if value is None else json.loads(value)
