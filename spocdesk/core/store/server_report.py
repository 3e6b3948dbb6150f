"""What the report needs on a team server: the copy of a log entry's minutes and
moment on its participants, kept by PL/pgSQL triggers as revision 0027's SQLite ones
keep it, and indexes that carry what the row policies read.

The report sums a person's minutes from ``interaction_participant`` alone
(``ix_interaction_participant_effort``: person, moment, minutes), so each
participant row carries its entry's minutes while the entry is live (NULL
otherwise) and its entry's moment. On the file revision 0027's triggers keep both;
a server built from the models had neither trigger, so an entry whose minutes,
moment or deletion changed left its participants with the old values, and the
report's effort per person went wrong.

=====================================  ===============================================
file (revision 0027)                   server (this module)
=====================================  ===============================================
``interaction_participant_effort_ai``, ``spocdesk_effort_link``: ``BEFORE INSERT OR
``…_au`` (a participant's minutes)     UPDATE OF interaction_id, minutes`` (a value
                                       written straight in is replaced)
``interaction_effort_ai``, ``…_au``    ``spocdesk_effort_entry``: ``AFTER INSERT OR
(an entry's minutes, moment,           UPDATE OF occurred_at, minutes, deleted_at``
deletion)
=====================================  ===============================================

As in :mod:`.server_triggers` (whose ``define`` makes them), the functions are
``SECURITY DEFINER``: whoever edits an entry, every participant row of it follows,
whether the editor may read it or not. :func:`install` also puts right the rows of
a server made before these triggers (one statement; nothing when they are right).

Under row security each row a query reads is tested against its table's policy,
which reads the row's ``owner``, ``case_id`` and copy of its case's owner
(:mod:`.case_owner`). The file's indexes of a period's log entries hold neither
owner, so on a server every entry of a quarter was fetched from the table for its
policy alone (160,000 page reads for the weekly minutes of a quarter and the one
before), and each participant's policy looked its entry up in the table. :data:`INDEXES`
hold what the policies read, and a period is one index-only range.
"""

from __future__ import annotations

import sqlalchemy as sa

from spocdesk.core.store import case_owner, server_triggers

_LIVE = "CASE WHEN {0}.deleted_at IS NULL THEN {0}.minutes END"

#: trigger name → (table, timing and events, body of its function)
TRIGGERS = {
    "spocdesk_effort_link": (
        "interaction_participant", "BEFORE INSERT OR UPDATE OF interaction_id, minutes", f"""
            NEW.minutes := (SELECT {_LIVE.format('x')} FROM interaction AS x
                            WHERE x.id = NEW.interaction_id);
            RETURN NEW;"""),
    "spocdesk_effort_entry": (
        "interaction", "AFTER INSERT OR UPDATE OF occurred_at, minutes, deleted_at", f"""
            UPDATE interaction_participant SET minutes = {_LIVE.format('NEW')}
             WHERE interaction_id = NEW.id
               AND minutes IS DISTINCT FROM {_LIVE.format('NEW')};
            UPDATE interaction_participant SET occurred_at = NEW.occurred_at
             WHERE interaction_id = NEW.id AND occurred_at IS DISTINCT FROM NEW.occurred_at;
            RETURN NULL;"""),
}

_SEEN = f"owner, {case_owner.COLUMN}"  # with ``case_id``: what the entries' policy reads
#: name → the index (server only)
INDEXES = {
    # the timed entries of a period: effort per week, category and case
    "ix_interaction_minutes_seen": "interaction (occurred_at) INCLUDE (minutes, case_id, "
                                   f"{_SEEN}) WHERE deleted_at IS NULL AND minutes IS NOT NULL",
    # the inbound entries of a period: contacts and repeat contacts
    "ix_interaction_inbound_seen": f"interaction (occurred_at) INCLUDE (case_id, {_SEEN}) "
                                   "WHERE deleted_at IS NULL AND direction = 'in'",
    # a participant is seen with its entry, which its policy looks up by id: the key
    # with what the entry's policy reads (every read of participants under row security)
    "ix_interaction_id_seen": f"interaction (id) INCLUDE (case_id, {_SEEN})",
    # the timed participants of a period, with the entry their policy looks up: minutes
    # per person (1.2 s → 0.4 s for a quarter as a SPOC on the large store, with the above)
    "ix_interaction_participant_effort_seen": (
        "interaction_participant (occurred_at) INCLUDE (stakeholder_id, minutes, "
        "interaction_id) WHERE deleted_at IS NULL AND minutes IS NOT NULL"),
}

#: the participants whose copies differ from their entry's (none once installed)
REPAIR = (f"UPDATE interaction_participant AS p SET minutes = {_LIVE.format('x')}, "
          "occurred_at = x.occurred_at FROM interaction AS x WHERE x.id = p.interaction_id "
          f"AND (p.minutes IS DISTINCT FROM {_LIVE.format('x')} "
          "OR p.occurred_at IS DISTINCT FROM x.occurred_at)")


def install(conn: sa.Connection) -> None:
    """Create (or replace) the trigger functions and their triggers and the indexes,
    then repair the copies; idempotent, in the caller's transaction (the schema
    owner's)."""
    for name, (table, events, body) in TRIGGERS.items():
        server_triggers.define(conn, name, table, events, name, body)
    for name, definition in INDEXES.items():
        conn.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON {definition}"))
    conn.execute(sa.text(REPAIR))
