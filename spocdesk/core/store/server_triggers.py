"""Derived columns on a team server, kept by PL/pgSQL triggers as the file's SQLite ones
keep them.

The encrypted file keeps some columns by triggers (Alembic revisions), so every
writer — services, importers, merges, raw SQL — leaves them true. A server built from
the models (``spocdesk server init``) has none of those; :func:`install` gives it the
same, column for column:

==================================  =============================  ====================
column (or table)                   file (revision: triggers)      server (this module)
==================================  =============================  ====================
``interaction_participant.          0005 ``interaction_            ``spocdesk_link_
occurred_at``                       participant_moment``           moment``
``case_record.main_stakeholder_     0006 ``case_main_sort_*``      ``spocdesk_main_
sort``                              (7)                            sort*``
``stakeholder.last_contact_at``,    0008 ``stakeholder_contact_*``,``spocdesk_contact*``
``contact_due_at``                  ``contact_link_*``
``interaction_hourly``              0008/0023 ``interaction_       ``spocdesk_hourly``
                                    hourly_*``
``case_record.sla_deadline``        0018 ``case_sla_deadline_*``,  ``spocdesk_case_sla``,
                                    ``setting_sla_*``              ``spocdesk_setting_
                                                                   sla``
``case_record.sla_breached``        0024 ``case_sla_verdict_*``,   (the same two)
                                    ``setting_sla_verdict_*``
==================================  =============================  ====================

Not here: the full-text search triggers (FTS5: 0003, 0007, 0011, 0025; a server
searches at query time, :mod:`spocdesk.core.search.server`), and the first-contact
verdict (``first_contact``, ``first_channel``: revision 0022 settles old cases, the
services keep it on both backends).

Where the file recomputes a row by an ``AFTER … UPDATE`` of itself, the server sets the
value in a ``BEFORE`` trigger of the row's own write (one write instead of two); a
change elsewhere (a main link, a log entry, a setting) touches the derived column of
the rows concerned, whose ``BEFORE`` trigger recomputes it. A value written straight
into a derived column is replaced by the true one, as on the file.

Who sees what (row-level security, :mod:`.policies`) must not change a derived value:
a person's last contact counts every log entry with them, a settings change
recomputes every case of the team. So the trigger functions are ``SECURITY DEFINER``
(the schema owner's view: everything); they only write derived columns, and a trigger
function cannot be called by itself.
"""

from __future__ import annotations

import sqlalchemy as sa

from spocdesk.core.store.roles import quote
from spocdesk.core.store.server_functions import settings_defaults

STOPPED = "('resolved', 'closed')"
SLA_KEYS = ("sla", "sla_business_hours", "working_days", "working_hours_start",
            "working_hours_end")

#: trigger name → (table, timing and events, function)
TRIGGERS = {
    "spocdesk_link_moment": ("interaction_participant", "BEFORE INSERT",
                             "spocdesk_link_moment"),
    "spocdesk_main_sort": ("case_record", "BEFORE INSERT OR UPDATE OF main_stakeholder_sort",
                           "spocdesk_main_sort"),
    "spocdesk_main_sort_link": ("case_participant", "AFTER INSERT OR DELETE OR UPDATE OF "
                                "case_id, stakeholder_id, is_main, deleted_at",
                                "spocdesk_main_sort_link"),
    "spocdesk_main_sort_person": ("stakeholder", "AFTER DELETE OR UPDATE OF sort_name",
                                  "spocdesk_main_sort_person"),
    "spocdesk_contact": ("stakeholder", "BEFORE INSERT OR UPDATE OF cadence_days, created_at, "
                         "last_contact_at, contact_due_at", "spocdesk_contact"),
    "spocdesk_contact_link": ("interaction_participant", "AFTER INSERT OR DELETE OR UPDATE OF "
                              "stakeholder_id, occurred_at, deleted_at", "spocdesk_contact_link"),
    "spocdesk_hourly": ("interaction", "AFTER INSERT OR DELETE OR UPDATE OF occurred_at, "
                        "channel, deleted_at", "spocdesk_hourly"),
    "spocdesk_case_sla": ("case_record", "BEFORE INSERT OR UPDATE OF priority, status, "
                          "opened_at, first_response_at, resolved_at, sla_deadline, sla_breached",
                          "spocdesk_case_sla"),
    "spocdesk_setting_sla": ("setting", "AFTER INSERT OR DELETE OR UPDATE OF key, value",
                             "spocdesk_setting_sla"),
}


def _settings_args(row: str) -> str:
    """The case ``row``'s columns and the stored SLA settings rows, the arguments of
    ``spocdesk_sla_deadline`` and ``spocdesk_sla_breached`` (revision 0018's order)."""
    rows = ", ".join(f"(SELECT value FROM setting WHERE key = '{key}')" for key in SLA_KEYS)
    return (f"{row}.priority, {row}.status, {row}.opened_at, {row}.first_response_at, "
            f"{row}.resolved_at, {rows}")


MAIN_SORT = ("(SELECT s.sort_name FROM case_participant AS p JOIN stakeholder AS s "
             "ON s.id = p.stakeholder_id WHERE p.case_id = {0} AND p.is_main "
             "AND p.deleted_at IS NULL LIMIT 1)")
LAST_CONTACT = ("(SELECT max(occurred_at) FROM interaction_participant "
                "WHERE stakeholder_id = {0} AND deleted_at IS NULL)")


def _bodies() -> dict[str, str]:
    """Each trigger function's body (PL/pgSQL, between BEGIN and END)."""
    keys = ", ".join(f"'{key}'" for key in SLA_KEYS)
    defaults = " ".join(f"WHEN '{key}' THEN '{value}'"
                        for key, value in settings_defaults().items())

    def differs(row: str) -> str:
        return (f"{row}.key IN ({keys}) AND {row}.value IS DISTINCT FROM "
                f"(CASE {row}.key {defaults} END)")

    touch_cases = ("UPDATE case_record SET main_stakeholder_sort = NULL WHERE id IN ({0}) "
                   "AND main_stakeholder_sort IS DISTINCT FROM "
                   + MAIN_SORT.format("case_record.id") + ";")
    touch_person = ("UPDATE stakeholder SET last_contact_at = NULL WHERE id = {0} "
                    "AND last_contact_at IS DISTINCT FROM " + LAST_CONTACT.format("{0}") + ";")
    return {
        # revision 0005: a link carries its log entry's moment
        "spocdesk_link_moment": """
            IF NEW.occurred_at IS NULL THEN
              NEW.occurred_at := (SELECT occurred_at FROM interaction
                                  WHERE id = NEW.interaction_id);
            END IF;
            RETURN NEW;""",
        # revision 0006: the case's main stakeholder's sort name, recomputed on every
        # write of the column (a value written directly is replaced)
        "spocdesk_main_sort": f"""
            NEW.main_stakeholder_sort := {MAIN_SORT.format('NEW.id')};
            RETURN NEW;""",
        "spocdesk_main_sort_link": f"""
            IF TG_OP <> 'INSERT' AND OLD.is_main AND OLD.deleted_at IS NULL THEN
              {touch_cases.format('OLD.case_id')}
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.is_main AND NEW.deleted_at IS NULL THEN
              {touch_cases.format('NEW.case_id')}
            ELSIF TG_OP = 'UPDATE' AND OLD.is_main AND OLD.deleted_at IS NULL THEN
              {touch_cases.format('NEW.case_id')}
            END IF;
            RETURN NULL;""",
        "spocdesk_main_sort_person": f"""
            IF TG_OP = 'UPDATE' AND NEW.sort_name IS NOT DISTINCT FROM OLD.sort_name THEN
              RETURN NULL;
            END IF;
            {touch_cases.format(
                "SELECT case_id FROM case_participant WHERE stakeholder_id = OLD.id "
                "AND is_main AND deleted_at IS NULL")}
            RETURN NULL;""",
        # revision 0008: the last live contact and when the stay-in-touch cadence runs out
        # (the last contact, or the creation when never contacted, plus cadence_days)
        "spocdesk_contact": f"""
            NEW.last_contact_at := {LAST_CONTACT.format('NEW.id')};
            NEW.contact_due_at := CASE WHEN NEW.cadence_days > 0 THEN
              coalesce(NEW.last_contact_at, NEW.created_at)
              + NEW.cadence_days * interval '1 day' END;
            RETURN NEW;""",
        "spocdesk_contact_link": f"""
            IF TG_OP = 'UPDATE' OR (TG_OP = 'INSERT' AND NEW.occurred_at IS NOT NULL
                                    AND NEW.deleted_at IS NULL) THEN
              {touch_person.format('NEW.stakeholder_id')}
            END IF;
            IF TG_OP <> 'INSERT' THEN
              {touch_person.format('OLD.stakeholder_id')}
            END IF;
            RETURN NULL;""",
        # revisions 0008, 0023: live log entries per UTC hour and channel
        "spocdesk_hourly": """
            IF TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL THEN
              INSERT INTO interaction_hourly AS h (hour, channel, n)
              VALUES (to_char(OLD.occurred_at, 'YYYY-MM-DD HH24'), OLD.channel, -1)
              ON CONFLICT (channel, hour) DO UPDATE SET n = h.n - 1;
            END IF;
            IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL THEN
              INSERT INTO interaction_hourly AS h (hour, channel, n)
              VALUES (to_char(NEW.occurred_at, 'YYYY-MM-DD HH24'), NEW.channel, 1)
              ON CONFLICT (channel, hour) DO UPDATE SET n = h.n + 1;
            END IF;
            RETURN NULL;""",
        # revisions 0018, 0024: the nearest running SLA deadline (julianday) and the
        # verdict of a stopped case, under the stored settings
        "spocdesk_case_sla": f"""
            NEW.sla_deadline := spocdesk_sla_deadline({_settings_args('NEW')});
            IF NEW.status IN {STOPPED} OR NEW.sla_breached IS NOT NULL THEN
              NEW.sla_breached := spocdesk_sla_breached({_settings_args('NEW')});
            END IF;
            RETURN NEW;""",
        # a change of the SLA settings (to another value than the default, as revision
        # 0018 says why) recomputes every case whose deadline or verdict it changes
        "spocdesk_setting_sla": f"""
            IF (TG_OP = 'INSERT' AND {differs('NEW')})
               OR (TG_OP = 'DELETE' AND {differs('OLD')})
               OR (TG_OP = 'UPDATE' AND (NEW.key IN ({keys}) OR OLD.key IN ({keys}))
                   AND (NEW.key IS DISTINCT FROM OLD.key
                        OR NEW.value IS DISTINCT FROM OLD.value)) THEN
              UPDATE case_record SET sla_deadline = NULL
               WHERE sla_deadline IS DISTINCT FROM
                       spocdesk_sla_deadline({_settings_args('case_record')})
                  OR ((status IN {STOPPED} OR sla_breached IS NOT NULL)
                      AND sla_breached IS DISTINCT FROM
                       spocdesk_sla_breached({_settings_args('case_record')}));
            END IF;
            RETURN NULL;""",
    }


def install(conn: sa.Connection) -> None:
    """Create (or replace) the trigger functions and their triggers; idempotent."""
    bodies = _bodies()
    for name, (table, events, function) in TRIGGERS.items():
        define(conn, name, table, events, function, bodies[function])


def define(conn: sa.Connection, name: str, table: str, events: str, function: str,
           body: str) -> None:
    """One trigger ``name`` on ``table`` and its ``SECURITY DEFINER`` function (``body``:
    PL/pgSQL between BEGIN and END), created or replaced."""
    schema = quote(str(conn.execute(sa.text("SELECT current_schema()")).scalar()))
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER SET search_path = {schema}, pg_temp AS $fn$\n"
        f"BEGIN{body}\nEND $fn$"))
    conn.execute(sa.text(f"REVOKE ALL ON FUNCTION {function}() FROM PUBLIC"))
    conn.execute(sa.text(
        f'CREATE OR REPLACE TRIGGER {name} {events} ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {function}()"))
