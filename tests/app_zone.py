"""The computer's time zone in a test: ``TZ`` set and read again, and the moments the
Python SLA clock remembers for the system's zone forgotten before and after."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from spocdesk.core import sla_clock
from spocdesk.core.cases import sla


def forget_sla_moments() -> None:
    for module in (sla_clock, sla):
        for value in vars(module).values():
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def in_zone(monkeypatch: pytest.MonkeyPatch, name: str) -> Iterator[str]:
    """For a fixture to ``yield from``: this process's clock in the zone ``name`` (a new
    team-server connection says it too) until the fixture ends."""
    monkeypatch.setenv("TZ", name)
    time.tzset()
    forget_sla_moments()
    yield name
    monkeypatch.undo()
    time.tzset()
    forget_sla_moments()
