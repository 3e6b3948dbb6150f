"""Settings declared once, typed, with defaults; stored encrypted in the store.

Only window geometry lives outside the store (QSettings); everything here may
describe the user's work and so stays inside the encrypted file.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core.model import Setting


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


_SETTING_FIELDS = {f.name for f in fields(Settings)}


def _decode(name: str, raw: Any) -> Any:
    if name == "sla":
        return {prio: SlaTarget(**target) for prio, target in raw.items()}
    return raw


def load(session: Session) -> Settings:
    settings = Settings()
    rows = session.execute(sa.select(Setting.key, Setting.value)).all()
    for key, value in rows:
        if key in _SETTING_FIELDS:
            try:
                setattr(settings, key, _decode(key, json.loads(value)))
            except (ValueError, TypeError, AttributeError):
                continue  # a damaged value falls back to its default
    return settings


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
