from __future__ import annotations

import pytest

from spocdesk.core import preferences
from spocdesk.core.errors import InvalidInput
from spocdesk.core.settings import SlaTarget
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server


def test_defaults_then_saved_values_round_trip(store: Store) -> None:
    value = preferences.get_settings(store)
    assert value.auto_lock_minutes == 10
    assert value.sla["urgent"] == SlaTarget(first_response_hours=1, resolution_days=1)
    value.auto_lock_minutes = 0
    value.sla["low"] = SlaTarget(96, 45)
    outcome = preferences.save_settings(store, value)
    assert "settings" in outcome.changes
    again = preferences.get_settings(store)
    assert again.auto_lock_minutes == 0
    assert again.sla["low"] == SlaTarget(96, 45)


@pytest.mark.parametrize("change", [
    lambda s: setattr(s, "auto_lock_minutes", -1),
    lambda s: s.sla.__setitem__("high", SlaTarget(0, 3)),
    lambda s: setattr(s, "sla_at_risk_fraction", 1.5),
    lambda s: setattr(s, "backup_keep_daily", 0),
])
def test_invalid_settings_are_refused_and_nothing_saved(store: Store, change) -> None:
    value = preferences.get_settings(store)
    change(value)
    with pytest.raises(InvalidInput):
        preferences.save_settings(store, value)
    assert preferences.get_settings(store).auto_lock_minutes == 10
