"""Saving a new working week recomputes every open case's SLA deadline in the same
transaction; the save reports how far that got, and only when it happens."""

from __future__ import annotations

import dataclasses

import pytest

from spocdesk.core import demo, preferences
from spocdesk.core.store import Store


def _deadlines(store: Store) -> dict[str, float | None]:
    with store.connection() as conn:
        return dict(conn.exec_driver_sql("SELECT id, sla_deadline FROM case_record").all())


def test_a_new_working_week_reports_the_recompute(store: Store,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    demo.generate(store, "small")
    monkeypatch.setattr(preferences, "PROGRESS_EVERY", 10)
    before = _deadlines(store)
    steps: list[tuple[int, int]] = []
    value = dataclasses.replace(preferences.get_settings(store), working_days="123456",
                                working_hours_end="18:00")
    preferences.save_settings(store, value, progress=lambda d, t: steps.append((d, t)))
    with store.connection() as conn:
        visited = conn.exec_driver_sql(
            "SELECT count(*) FROM case_record WHERE status NOT IN ('resolved', 'closed')"
        ).scalar_one()
    total = 2 * visited  # a computation by the recompute, a check by the update trigger
    assert steps and steps[-1] == (total, total)
    assert [d for d, _ in steps] == sorted(d for d, _ in steps)
    assert len(steps) >= total // 10
    after = _deadlines(store)
    assert after != before and sum(v is not None for v in after.values()) == visited
    # the function is the store's own again: a later save without a change is silent
    steps.clear()
    preferences.save_settings(store, dataclasses.replace(value, auto_lock_minutes=9),
                              progress=lambda d, t: steps.append((d, t)))
    assert steps == []


def test_a_failed_save_keeps_the_deadlines(store: Store,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    demo.generate(store, "small")
    monkeypatch.setattr(preferences, "PROGRESS_EVERY", 10)  # fails inside the recompute
    before = _deadlines(store)

    def broken(done: int, total: int) -> None:
        raise RuntimeError("the window went away")

    value = dataclasses.replace(preferences.get_settings(store), working_days="12345",
                                working_hours_start="08:00")
    with pytest.raises(Exception):  # noqa: B017 - the driver wraps the callback's error
        preferences.save_settings(store, value, progress=broken)
    assert _deadlines(store) == before
    assert preferences.get_settings(store).working_hours_start == "09:00"
