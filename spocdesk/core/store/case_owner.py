"""The case's owner on the rows that follow a case, so row security reads it off the row.

On a team server a log entry, follow-up, participant, escalation, feedback, handover
note or e-mail is visible with its case (:mod:`.policies`). Asked as a sub-query of
the case, that check costs an index look-up per row, and PostgreSQL makes it before
any condition it cannot prove leakproof: a SPOC's agenda tested 40,000 overdue
follow-ups one case at a time (1 s on the large store). Each such table therefore
carries ``case_owner``, a server-only copy of its case's ``owner``, and the policies
first ask ``case_owner = session_user`` — true for the person's own caseload, the
common case — before they look the case up (a deputy, a share, a lead).

The copy cannot be forged or go stale: a trigger sets it from the case on every insert
and update of the row, whatever the client sent (a person who names another's case
gets that person as ``case_owner``, and the policy's check then refuses the row),
and a change of a case's owner (a lead's) is carried to its rows. ``install`` also
fills it for rows written while triggers were off (a bulk copy), so it is idempotent.
The file has no such column: its one user sees everything.
"""

from __future__ import annotations

import sqlalchemy as sa

COLUMN = "case_owner"
# the tables whose rows follow a case by ``case_id`` (the policies' ON_VISIBLE_CASE)
FOLLOWING = ("case_participant", "escalation", "case_feedback", "handover_note",
             "interaction", "followup", "mail_message")


def install(conn: sa.Connection, schema: str) -> None:
    """The column, its triggers and its values on every table of :data:`FOLLOWING`, in
    ``schema`` (quoted)."""
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_take_case_owner() RETURNS trigger "
        "LANGUAGE plpgsql AS $$\n"
        "BEGIN\n"
        "  NEW.case_owner := (SELECT c.owner FROM case_record AS c WHERE c.id = NEW.case_id);\n"
        "  RETURN NEW;\n"
        "END $$"))
    conn.execute(sa.text(
        # as the schema's owner: nobody may set the copy by hand, not even a lead
        "CREATE OR REPLACE FUNCTION spocdesk_pass_case_owner() RETURNS trigger "
        f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $$\n"
        "BEGIN\n"
        + "".join(f"  UPDATE {table} SET case_owner = NEW.owner WHERE case_id = NEW.id;\n"
                  for table in FOLLOWING)
        + "  RETURN NULL;\n"
        "END $$"))
    add_columns(conn)
    for table in FOLLOWING:
        conn.execute(sa.text(
            f"CREATE OR REPLACE TRIGGER spocdesk_case_owner BEFORE INSERT OR UPDATE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION spocdesk_take_case_owner()"))
    conn.execute(sa.text(
        "CREATE OR REPLACE TRIGGER spocdesk_case_owner_moves AFTER UPDATE OF owner "
        "ON case_record FOR EACH ROW WHEN (OLD.owner IS DISTINCT FROM NEW.owner) "
        "EXECUTE FUNCTION spocdesk_pass_case_owner()"))
    fill(conn)


def add_columns(conn: sa.Connection) -> None:
    """The column alone (an index may include it before :func:`install` runs)."""
    for table in FOLLOWING:
        conn.execute(sa.text(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {COLUMN} text"))


def fill(conn: sa.Connection) -> int:
    """Set ``case_owner`` where it differs from the case's (rows copied with triggers
    off); the number of rows changed. Run as the schema's owner."""
    changed = 0
    for table in FOLLOWING:
        changed += conn.execute(sa.text(
            f"UPDATE {table} AS t SET {COLUMN} = c.owner FROM case_record AS c "
            f"WHERE c.id = t.case_id AND t.{COLUMN} IS DISTINCT FROM c.owner")).rowcount
    return changed
