"""The settings loader under malformed input: stored JSON that is broken, of the wrong
type, out of range or huge gives the default plus a warning in the log, never an
exception, and loading never writes anything."""

from __future__ import annotations

import json
import logging
import math
from dataclasses import asdict, fields

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core import preferences
from spocdesk.core.errors import InvalidInput
from spocdesk.core.model import Setting
from spocdesk.core.settings import Settings, SlaTarget, load_rows, unusable
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

NAMES = [f.name for f in fields(Settings)]

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20),
    st.sampled_from(["", "\x00", "x" * 5000, "/tmp/ok", "de", "∞"]),
)
JSON = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=8), st.sampled_from(
        ["urgent", "high", "normal", "low", "first_response_hours", "resolution_days"])),
        inner, max_size=4)), max_leaves=12)


def _json_text(value: object) -> str:
    return json.dumps(value)  # NaN and Infinity come out as JSON5-ish words json reads


RAW_TEXT = st.one_of(
    JSON.map(_json_text),
    st.text(max_size=40),  # not JSON at all
    st.sampled_from(["[" * 5000, "{\"a\":", "1" * 6000, "NaN", "-Infinity", "\ufeff{}", ""]),
)
ROWS = st.lists(st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=10)), RAW_TEXT),
                max_size=12)


def _assert_sane(value: Settings) -> None:
    assert unusable(value) == []
    for f in fields(Settings):
        got, default = getattr(value, f.name), getattr(Settings(), f.name)
        assert type(got) is type(default), f.name
    assert set(value.sla) <= {"urgent", "high", "normal", "low"}
    assert all(isinstance(t, SlaTarget) for t in value.sla.values())
    assert not math.isnan(value.sla_at_risk_fraction)


@given(ROWS)
@settings(max_examples=400, deadline=None)
def test_any_stored_rows_load_to_sane_settings(rows: list[tuple[str, str]]) -> None:
    _assert_sane(load_rows(rows))


def _taken(name: str, stored: object, loaded: Settings) -> bool:
    """Whether ``loaded`` carries the stored value (rather than the default)."""
    got = getattr(loaded, name)
    if name == "sla":
        return isinstance(stored, dict) and all(
            p in got and asdict(got[p]) == t for p, t in stored.items())
    return type(got) is type(stored) and got == stored


@given(st.sampled_from(NAMES), JSON)
@settings(max_examples=300, deadline=None)
def test_a_wrong_value_keeps_the_default_and_is_logged(name: str, value: object) -> None:
    handler = _Capture()
    logging.getLogger("spocdesk.core.settings").addHandler(handler)
    try:
        loaded = load_rows([(name, json.dumps(value))])
    finally:
        logging.getLogger("spocdesk.core.settings").removeHandler(handler)
    _assert_sane(loaded)
    if _taken(name, value, loaded):
        assert handler.messages == []
    else:
        assert getattr(loaded, name) == getattr(Settings(), name)
        assert handler.messages == [f"the stored setting {name} cannot be used; "
                                    "using its default"]  # the name, never the value


class _Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.parametrize(("name", "value"), [
    ("auto_lock_minutes", 10**30),  # overflowed timedelta/QTimer at startup
    ("auto_lock_minutes", "10"),
    ("auto_lock_minutes", True),
    ("auto_lock_minutes", -5),
    ("sla_at_risk_fraction", float("nan")),
    ("sla", {"urgent": {"first_response_hours": "1", "resolution_days": 1}}),
    ("sla", {"urgent": {"first_response_hours": 10**12, "resolution_days": 1}}),
    ("sla", ["urgent"]),
    ("backup_dir", "/tmp/\x00/x"),  # mkdir raised ValueError at the first unlock
    ("backup_keep_daily", 0),
    ("keep_running_in_tray", "yes"),
    ("owner_name", ["a"]),
])
def test_known_bad_values_fall_back(name: str, value: object,
                                    caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="spocdesk"):
        loaded = load_rows([(name, json.dumps(value))])
    assert getattr(loaded, name) == getattr(Settings(), name)
    assert f"setting {name} cannot be used" in caplog.text


def test_good_values_load_and_unknown_keys_are_ignored(caplog) -> None:
    with caplog.at_level(logging.WARNING, logger="spocdesk"):
        loaded = load_rows([
            ("auto_lock_minutes", "0"), ("sla_at_risk_fraction", "0.5"),
            ("sla", json.dumps({"low": {"first_response_hours": 96, "resolution_days": 45}})),
            ("backup_dir", json.dumps("/srv/backups")), ("pack_manifest", "{not json"),
        ])
    assert loaded.auto_lock_minutes == 0 and loaded.sla_at_risk_fraction == 0.5
    assert loaded.sla["low"] == SlaTarget(96, 45) and loaded.sla["urgent"] == SlaTarget(1, 1)
    assert loaded.backup_dir == "/srv/backups"
    assert caplog.text == ""


def test_saving_refuses_what_would_not_load_back(store: Store) -> None:
    value = preferences.get_settings(store)
    value.auto_lock_minutes = 10**9
    with pytest.raises(InvalidInput, match="out of its range"):
        preferences.save_settings(store, value)


def _rows(store: Store) -> list[tuple[str, str]]:
    with store.connection() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            sa.select(Setting.key, Setting.value).order_by(Setting.key))]


@given(ROWS)
@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_loading_from_a_store_never_raises_and_never_writes(store: Store,
                                                            rows: list[tuple[str, str]]) -> None:
    with store.connection() as conn, conn.begin():
        conn.execute(sa.delete(Setting))
        seen: set[str] = set()
        for key, value in rows:
            if key not in seen:
                seen.add(key)
                conn.execute(sa.insert(Setting).values(id=f"id-{len(seen)}", key=key[:64],
                                                       value=value, revision=1))
    before = _rows(store)
    _assert_sane(preferences.get_settings(store))
    assert _rows(store) == before
