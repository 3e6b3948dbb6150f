"""The SLA clock on a team server: :mod:`spocdesk.core.sla_clock` as PL/pgSQL.

On the encrypted file, ``spocdesk_sla_due``, ``spocdesk_sla_deadline`` and
``spocdesk_sla_breached`` are Python functions that every connection registers
(:func:`spocdesk.core.sla_clock.register`); the SLA views and their counts, and the
triggers keeping ``case_record.sla_deadline`` and ``sla_breached``, call them. A
server cannot call Python, so :func:`install` (run by ``spocdesk server init``) creates
functions of the same names and arguments that compute the same moments:

- the settings rows are read as :func:`spocdesk.core.settings.load` reads them: a
  row that is missing, not JSON, of the wrong type or out of range counts as the
  default (the SLA targets as a whole; the working week as a whole when its hours do
  not fit together);
- a deadline counts working time as :meth:`WorkingWeek.add_working_time` does for the
  computer's zone (the app's SLA clocks use no other): whole working days and the
  wall-clock hours of the working day, and a wall-clock time that a daylight-saving
  change skips or repeats is read as Python reads a naive local time (a repeated one
  as its first occurrence, where PostgreSQL's own ``AT TIME ZONE`` takes the second;
  a skipped one taken back by the larger offset around it);
- the time zone is the one the app runs in: the connection says it as
  ``spocdesk.zone`` (an IANA name, :func:`zone_option` on every connection a
  :class:`~spocdesk.core.store.server.ServerStore` opens), so a query's cut-offs,
  worked out in Python, and its ``spocdesk_sla_due`` agree; without it (``psql``, a
  script) the session's ``TimeZone``. A trigger's value is that of the writer's zone,
  as on the file, where it is the computer's.

The triggers that keep derived columns on a server are :mod:`.server_triggers`.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

from spocdesk.core.settings import LIMITS, MAX_TEXT, Settings
from spocdesk.core.store import backend

log = logging.getLogger(__name__)

ZONE_SETTING = "spocdesk.zone"
DEFAULT_TARGETS = {priority: (target.first_response_hours, target.resolution_days)
                   for priority, target in Settings().sla.items()}
HOURS_RANGE, DAYS_RANGE = (tuple(int(n) for n in LIMITS[name])
                           for name in ("first_response_hours", "resolution_days"))

_TARGET = (r'"[a-z]+": \{"first_response_hours": [0-9]+, "resolution_days": [0-9]+\}')
#: the SLA targets exactly as the app writes them (``json.dumps(…, sort_keys=True)``):
#: such a text is JSON, so it is read without the (slower) guarded parse
CANONICAL_TARGETS = rf"^\{{({_TARGET}(, {_TARGET})*)?\}}$"


def local_zone_name() -> str | None:
    """The IANA name of the time zone this computer's clock shows, which
    :mod:`spocdesk.core.sla_clock` counts working hours in: ``TZ`` when set (as the C
    library reads it), else the system's; None when it has no such name."""
    env = os.environ.get("TZ", "").lstrip(":")
    if env:
        name = env.split("zoneinfo/", 1)[-1]  # a path into the zone database
        try:
            ZoneInfo(name)
        except (ValueError, OSError):  # a POSIX rule: no IANA name
            return None
        return name
    try:
        from tzlocal import get_localzone_name

        return get_localzone_name() or None
    except Exception:
        log.info("the computer's time zone has no IANA name; the server's is used")
        return None


def zone_option() -> str:
    """The connection option that tells the server the app's time zone (libpq's
    ``options``), or "" when the computer's zone has no IANA name."""
    zone = local_zone_name()
    if zone is None or not re.fullmatch(r"[A-Za-z0-9_+/-]+", zone):
        return ""
    return f"-c {ZONE_SETTING}={zone}"


# -- SQL that differs between the file and the server ------------------------


class epoch_micros(GenericFunction[int]):  # lower case: used as a SQL function
    """Exact integer microseconds since 1970 of a stored UTC moment: on the file, from its
    text ``YYYY-MM-DD HH:MM:SS.ffffff``; on a server, from its ``timestamp``."""

    type = sa.BigInteger()
    inherit_cache = True


@compiles(epoch_micros)
def _epoch_micros_on_file(element: epoch_micros, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.clauses, **kw)
    return (f"(CAST(strftime('%s', substr({column}, 1, 19)) AS INTEGER) * 1000000 "
            f"+ CAST(substr({column}, 21, 6) AS INTEGER))")


@compiles(epoch_micros, backend.POSTGRESQL)
def _epoch_micros_on_server(element: epoch_micros, compiler: Any, **kw: Any) -> str:
    return f"(extract(epoch FROM {compiler.process(element.clauses, **kw)}) * 1000000)::bigint"


class epoch_seconds(GenericFunction[int]):  # lower case: used as a SQL function
    """Whole seconds since 1970 of a stored UTC moment: SQLite's ``unixepoch``."""

    type = sa.BigInteger()
    inherit_cache = True


@compiles(epoch_seconds)
def _epoch_seconds_on_file(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"unixepoch({compiler.process(element.clauses, **kw)})"


@compiles(epoch_seconds, backend.POSTGRESQL)
def _epoch_seconds_on_server(element: epoch_seconds, compiler: Any, **kw: Any) -> str:
    return f"floor(extract(epoch FROM {compiler.process(element.clauses, **kw)}))::bigint"


# -- the functions ------------------------------------------------------------

_IMMUTABLE = "LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE"
_STABLE = "LANGUAGE plpgsql STABLE PARALLEL SAFE"
_INLINE = "LANGUAGE sql IMMUTABLE PARALLEL SAFE"  # a query (or PL/pgSQL) inlines it


def _settings_readers() -> list[str]:
    """One stored settings row (its JSON text) as a value: NULL when it cannot be used,
    as :func:`spocdesk.core.settings._decode` refuses it."""
    priorities = ", ".join(f"'{p}'" for p in DEFAULT_TARGETS)
    return [
        f"""CREATE OR REPLACE FUNCTION spocdesk_json_whole(v jsonb, lo integer, hi integer)
        RETURNS boolean {_IMMUTABLE} AS $$
        BEGIN
          RETURN v IS NOT NULL AND jsonb_typeof(v) = 'number' AND v::text ~ '^-?[0-9]+$'
                 AND v::text::numeric BETWEEN lo AND hi;
        END $$""",
        # the guarded parse: a damaged row is NULL, never an error in a user's write
        f"""CREATE OR REPLACE FUNCTION spocdesk_json(raw text) RETURNS jsonb {_IMMUTABLE} AS $$
        BEGIN
          RETURN raw::jsonb;
        EXCEPTION WHEN others THEN
          RETURN NULL;
        END $$""",
        # a JSON string's text; NULL for anything else (or too long, as MAX_TEXT)
        f"""CREATE OR REPLACE FUNCTION spocdesk_json_text(raw text, pattern text)
        RETURNS text {_IMMUTABLE} AS $$
        DECLARE
          v jsonb;
          s text;
        BEGIN
          IF raw IS NULL THEN RETURN NULL; END IF;
          IF raw ~ ('^"' || pattern || '"$') THEN
            s := substr(raw, 2, length(raw) - 2);
          ELSE
            v := spocdesk_json(raw);
            IF v IS NULL OR jsonb_typeof(v) <> 'string' THEN RETURN NULL; END IF;
            s := v #>> '{{}}';
            IF s !~ ('^' || pattern || '$') THEN RETURN NULL; END IF;
          END IF;
          IF length(s) > {MAX_TEXT} THEN RETURN NULL; END IF;
          RETURN s;
        END $$""",
        # working_days: ISO weekday digits, "12345"
        f"""CREATE OR REPLACE FUNCTION spocdesk_setting_days(raw text) RETURNS text
        {_IMMUTABLE} AS $$
        BEGIN
          RETURN spocdesk_json_text(raw, '[1-7]+');
        END $$""",
        # working_hours_start / _end: "HH:MM" (working_time.parse_clock)
        f"""CREATE OR REPLACE FUNCTION spocdesk_setting_clock(raw text) RETURNS time
        {_IMMUTABLE} AS $$
        DECLARE
          s text := spocdesk_json_text(raw, '[0-9]+:[0-9][0-9]');
          h numeric;
          m numeric;
        BEGIN
          IF s IS NULL THEN RETURN NULL; END IF;
          h := split_part(s, ':', 1)::numeric;
          m := split_part(s, ':', 2)::numeric;
          IF h > 23 OR m > 59 THEN RETURN NULL; END IF;
          RETURN make_time(h::int, m::int, 0);
        END $$""",
        # sla_business_hours: true or false
        f"""CREATE OR REPLACE FUNCTION spocdesk_setting_flag(raw text) RETURNS boolean
        {_IMMUTABLE} AS $$
        DECLARE
          v jsonb;
        BEGIN
          IF raw IS NULL THEN RETURN NULL; END IF;
          IF raw IN ('true', 'false') THEN RETURN raw::boolean; END IF;
          v := spocdesk_json(raw);
          IF v IS NULL OR jsonb_typeof(v) <> 'boolean' THEN RETURN NULL; END IF;
          RETURN v::text::boolean;
        END $$""",
        # sla: the targets; NULL unless every priority named is known and every target has
        # exactly its two whole numbers within range (a number written 1.0 or 1e2 is a
        # float to Python: refused)
        f"""CREATE OR REPLACE FUNCTION spocdesk_setting_targets(raw text) RETURNS jsonb
        {_IMMUTABLE} AS $$
        DECLARE
          v jsonb;
          t record;
        BEGIN
          IF raw IS NULL OR raw ~ '[0-9][eE]' THEN RETURN NULL; END IF;
          IF raw ~ '{CANONICAL_TARGETS}' THEN v := raw::jsonb; ELSE v := spocdesk_json(raw); END IF;
          IF v IS NULL OR jsonb_typeof(v) <> 'object' THEN RETURN NULL; END IF;
          FOR t IN SELECT key, value FROM jsonb_each(v) LOOP
            IF t.key NOT IN ({priorities}) OR jsonb_typeof(t.value) <> 'object'
               OR (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(t.value) AS k)
                  <> ARRAY['first_response_hours', 'resolution_days']
               OR NOT spocdesk_json_whole(t.value -> 'first_response_hours',
                                          {HOURS_RANGE[0]}, {HOURS_RANGE[1]})
               OR NOT spocdesk_json_whole(t.value -> 'resolution_days',
                                          {DAYS_RANGE[0]}, {DAYS_RANGE[1]}) THEN
              RETURN NULL;
            END IF;
          END LOOP;
          RETURN v;
        END $$""",
    ]


def _week_functions() -> list[str]:
    week = Settings()  # its working week is the default one
    default = DEFAULT_TARGETS
    whens = " ".join(f"WHEN '{p}' THEN {h}" for p, (h, _d) in default.items())
    day_whens = " ".join(f"WHEN '{p}' THEN {d}" for p, (_h, d) in default.items())
    return [
        # the working week of the stored rows (Settings.working_week: the default week when
        # its hours do not fit together)
        f"""CREATE OR REPLACE FUNCTION spocdesk_sla_week(days_raw text, start_raw text,
            end_raw text, OUT days text, OUT opens time, OUT closes time) {_IMMUTABLE} AS $$
        BEGIN
          days := coalesce(spocdesk_setting_days(days_raw), '{week.working_days}');
          opens := coalesce(spocdesk_setting_clock(start_raw), time '{week.working_hours_start}');
          closes := coalesce(spocdesk_setting_clock(end_raw), time '{week.working_hours_end}');
          IF opens >= closes THEN
            days := '{week.working_days}';
            opens := time '{week.working_hours_start}';
            closes := time '{week.working_hours_end}';
          END IF;
        END $$""",
        # a priority's target (hours to first response, days to resolution); NULL for a
        # priority without one
        f"""CREATE OR REPLACE FUNCTION spocdesk_sla_target(sla_raw text, priority text,
            OUT hours integer, OUT days integer) {_IMMUTABLE} AS $$
        DECLARE
          v jsonb := spocdesk_setting_targets(sla_raw);
        BEGIN
          hours := CASE priority {whens} END;
          days := CASE priority {day_whens} END;
          IF hours IS NOT NULL AND v ? priority THEN
            hours := (v -> priority ->> 'first_response_hours')::integer;
            days := (v -> priority ->> 'resolution_days')::integer;
          END IF;
        END $$""",
    ]


def _clock_functions() -> list[str]:
    us = "(extract(epoch FROM {0}) * 1000000)::bigint"
    working = "strpos({days}, extract(isodow FROM {day})::integer::text) > 0"
    return [
        # how far a zone's clock is ahead of UTC at an instant
        f"""CREATE OR REPLACE FUNCTION spocdesk_zone_offset(at timestamptz, zone text)
        RETURNS interval {_INLINE} AS $$
          SELECT (at AT TIME ZONE zone) - (at AT TIME ZONE 'UTC')
        $$""",
        # a wall-clock time of the zone as a UTC moment, as Python reads a naive time of
        # the computer's zone (``datetime.astimezone()``): a repeated time is its first
        # occurrence, and a skipped one is taken back by the larger of the offsets around
        # it (Berlin's 02:30 of a spring change is 00:30 UTC, shown as 01:30)
        f"""CREATE OR REPLACE FUNCTION spocdesk_wall_to_utc(wall timestamp, zone text)
        RETURNS timestamp {_IMMUTABLE} AS $$
        DECLARE
          guess timestamptz := wall AT TIME ZONE zone;
          ahead interval := greatest(
            spocdesk_zone_offset(guess - interval '24 hours', zone),
            spocdesk_zone_offset(guess + interval '24 hours', zone));
          offset_then interval := spocdesk_zone_offset((wall - ahead) AT TIME ZONE 'UTC', zone);
        BEGIN
          IF spocdesk_zone_offset((wall - offset_then) AT TIME ZONE 'UTC', zone)
             = offset_then THEN
            RETURN wall - offset_then;
          END IF;
          RETURN wall - ahead;  -- skipped by a change of the clocks
        END $$""",
        f"""CREATE OR REPLACE FUNCTION spocdesk_utc_to_wall(moment timestamp, zone text)
        RETURNS timestamp {_INLINE} AS $$
          SELECT (moment AT TIME ZONE 'UTC') AT TIME ZONE zone
        $$""",
        # WorkingWeek.add_working_time: the UTC moment ``amount`` microseconds of working
        # time after the UTC moment ``begin_at``, in wall-clock time of ``zone``
        f"""CREATE OR REPLACE FUNCTION spocdesk_working_due(begin_at timestamp, amount bigint,
            days text, opens time, closes time, zone text) RETURNS timestamp {_IMMUTABLE} AS $$
        DECLARE
          wall timestamp;
          d date;
          left_today bigint;
          day_us bigint := {us.format('closes - opens')};
          per_week integer;
          whole bigint;
          rest bigint;
          step bigint;
        BEGIN
          IF begin_at IS NULL OR amount IS NULL OR amount < 0 THEN RETURN NULL; END IF;
          wall := spocdesk_utc_to_wall(begin_at, zone);
          d := wall::date;
          -- next_opening: the moment itself in working time, else the next opening
          IF NOT ({working.format(days='days', day='d')}
                  AND wall::time >= opens AND wall::time < closes) THEN
            IF NOT ({working.format(days='days', day='d')} AND wall::time < opens) THEN
              d := d + 1;
              WHILE NOT {working.format(days='days', day='d')} LOOP d := d + 1; END LOOP;
            END IF;
            -- the opening as a moment and back: a skipped time moves (as in Python)
            wall := spocdesk_utc_to_wall(spocdesk_wall_to_utc(d + opens, zone), zone);
          END IF;
          d := wall::date;
          left_today := {us.format('(d + closes) - wall')};
          IF amount <= left_today THEN
            RETURN spocdesk_wall_to_utc(wall + amount * interval '1 microsecond', zone);
          END IF;
          amount := amount - left_today;
          whole := amount / day_us;
          rest := amount % day_us;
          step := CASE WHEN rest = 0 THEN whole - 1 ELSE whole END;
          -- add_working_days(d + 1, step)
          d := d + 1;
          WHILE NOT {working.format(days='days', day='d')} LOOP d := d + 1; END LOOP;
          per_week := (SELECT count(DISTINCT c) FROM regexp_split_to_table(days, '') AS c);
          d := d + (7 * (step / per_week))::integer;
          FOR i IN 1 .. step % per_week LOOP
            d := d + 1;
            WHILE NOT {working.format(days='days', day='d')} LOOP d := d + 1; END LOOP;
          END LOOP;
          IF rest = 0 THEN
            RETURN spocdesk_wall_to_utc(d + closes, zone);
          END IF;
          RETURN spocdesk_wall_to_utc(d + opens + rest * interval '1 microsecond', zone);
        END $$""",
        """CREATE OR REPLACE FUNCTION spocdesk_zone() RETURNS text LANGUAGE sql STABLE
        PARALLEL SAFE AS $$
          SELECT coalesce(nullif(current_setting('spocdesk.zone', true), ''),
                          current_setting('TimeZone'))
        $$""",
    ]


def _sla_functions() -> list[str]:
    us = "(extract(epoch FROM {0}) * 1000000)::bigint"
    stopped = "('resolved', 'closed')"
    return [
        # the week's parts one by one (the planner computes a function of constants once
        # when it plans a query, but not one that returns a record)
        *(f"""CREATE OR REPLACE FUNCTION spocdesk_sla_week_{part}(days_raw text, start_raw text,
            end_raw text) RETURNS {kind} {_IMMUTABLE} AS $$
        BEGIN
          RETURN (spocdesk_sla_week(days_raw, start_raw, end_raw)).{part};
        END $$""" for part, kind in (("days", "text"), ("opens", "time"), ("closes", "time"))),
        # a working day's length in microseconds
        f"""CREATE OR REPLACE FUNCTION spocdesk_sla_day_us(days_raw text, start_raw text,
            end_raw text) RETURNS bigint {_IMMUTABLE} AS $$
        DECLARE
          w record := spocdesk_sla_week(days_raw, start_raw, end_raw);
        BEGIN
          RETURN {us.format('w.closes - w.opens')};
        END $$""",
        # spocdesk_sla_due (sla_clock.sql_due): the working-time deadline of ``hours``
        # working hours or ``days`` working days from ``opened_at``, whichever is sooner.
        # Plain SQL, so a query inlines it: the week's rows, the same for every case of
        # the query, are read once when it is planned (immutable functions of constants)
        """CREATE OR REPLACE FUNCTION spocdesk_sla_due(opened_at timestamp,
            hours double precision, days double precision, week_days text, week_start text,
            week_end text) RETURNS timestamp LANGUAGE sql STABLE PARALLEL SAFE AS $$
          SELECT spocdesk_working_due(opened_at,
            least(round(hours * 3600000000)::bigint,
                  round(days * spocdesk_sla_day_us(week_days, week_start, week_end))::bigint),
            spocdesk_sla_week_days(week_days, week_start, week_end),
            spocdesk_sla_week_opens(week_days, week_start, week_end),
            spocdesk_sla_week_closes(week_days, week_start, week_end), spocdesk_zone())
        $$""",
        # the moment ``amount`` microseconds of SLA time after ``opened_at``: working time
        # under ``business`` (the default), else around the clock
        f"""CREATE OR REPLACE FUNCTION spocdesk_sla_moment(opened_at timestamp, hours integer,
            days integer, business_raw text, days_raw text, start_raw text, end_raw text)
        RETURNS timestamp {_STABLE} AS $$
        DECLARE
          w record;
        BEGIN
          IF NOT coalesce(spocdesk_setting_flag(business_raw), true) THEN
            RETURN opened_at + least(hours * interval '1 hour', days * interval '24 hours');
          END IF;
          w := spocdesk_sla_week(days_raw, start_raw, end_raw);
          RETURN spocdesk_working_due(opened_at,
            least(hours::bigint * 3600000000, days * {us.format('w.closes - w.opens')}),
            w.days, w.opens, w.closes, spocdesk_zone());
        END $$""",
        # spocdesk_sla_deadline (sla_clock.sql_deadline): the julianday of the nearest
        # running deadline, what case_record.sla_deadline keeps
        f"""CREATE OR REPLACE FUNCTION spocdesk_sla_deadline(priority text, status text,
            opened_at timestamp, first_response_at timestamp, resolved_at timestamp,
            sla_raw text, business_raw text, days_raw text, start_raw text, end_raw text)
        RETURNS double precision {_STABLE} AS $$
        DECLARE
          t record;
          due timestamp;
        BEGIN
          IF status IN {stopped} OR opened_at IS NULL THEN RETURN NULL; END IF;
          t := spocdesk_sla_target(sla_raw, priority);
          IF t.hours IS NULL THEN RETURN NULL; END IF;
          due := spocdesk_sla_moment(opened_at,
            CASE WHEN first_response_at IS NULL AND resolved_at IS NULL THEN t.hours END,
            t.days, business_raw, days_raw, start_raw, end_raw);
          RETURN extract(epoch FROM due)::double precision / 86400 + 2440587.5;
        END $$""",
        # spocdesk_sla_breached (sla_clock.sql_breached): 1 when a stopped case's response
        # or resolution clock stopped after its deadline, 0 when both in time, else NULL
        f"""CREATE OR REPLACE FUNCTION spocdesk_sla_breached(priority text, status text,
            opened_at timestamp, first_response_at timestamp, resolved_at timestamp,
            sla_raw text, business_raw text, days_raw text, start_raw text, end_raw text)
        RETURNS integer {_STABLE} AS $$
        DECLARE
          t record;
        BEGIN
          IF status NOT IN {stopped} OR status IS NULL OR opened_at IS NULL
             OR resolved_at IS NULL THEN
            RETURN NULL;
          END IF;
          t := spocdesk_sla_target(sla_raw, priority);
          IF t.hours IS NULL THEN RETURN NULL; END IF;
          IF first_response_at IS NOT NULL AND first_response_at > spocdesk_sla_moment(
               opened_at, t.hours, NULL, business_raw, days_raw, start_raw, end_raw) THEN
            RETURN 1;
          END IF;
          RETURN (resolved_at > spocdesk_sla_moment(opened_at, NULL, t.days, business_raw,
                                                    days_raw, start_raw, end_raw))::integer;
        END $$""",
    ]


FUNCTIONS = ("spocdesk_sla_due", "spocdesk_sla_deadline", "spocdesk_sla_breached")


def statements() -> list[str]:
    return [*_settings_readers(), *_week_functions(), *_clock_functions(), *_sla_functions()]


def install(conn: sa.Connection) -> None:
    """Create (or replace) the SLA functions and the triggers that keep derived columns
    (:mod:`.server_triggers`), in the caller's transaction; idempotent."""
    from spocdesk.core.store import server_triggers

    for statement in statements():
        conn.execute(sa.text(statement))
    server_triggers.install(conn)


def settings_defaults() -> dict[str, str]:
    """The JSON each SLA setting is saved as at its default (revision 0018's DEFAULTS)."""
    saved = asdict(Settings())
    return {key: json.dumps(saved[key], sort_keys=True)
            for key in ("sla", "sla_business_hours", "working_days", "working_hours_start",
                        "working_hours_end")}
