"""Each person's log entries per hour and channel on a team server: the dashboard's
interactions per channel for a SPOC without counting a year of rows.

The file keeps ``interaction_hourly`` (revision 0008), and so does a server
(:mod:`.server_triggers`), but there it is the team's: every member's entries, which
only a lead (or the schema's owner) may count. A SPOC sees, under row security
(:mod:`.policies`), the entries *keyed* to them — on a case whose owner they are
(``case_owner``, :mod:`.case_owner`), or without a case and their own — plus the
entries on cases of colleagues they see (shared with them, handed over to them as a
deputy). :data:`TABLE` counts the first kind per key, hour and channel, kept by a
trigger (as the schema's owner, so that what a person may see never changes a count),
and readable only by that person; :func:`channel_counts_sql` adds the second kind,
counted through the cases the reader sees, so the sum is exactly what row security
lets them read.
"""

from __future__ import annotations

import sqlalchemy as sa

from spocdesk.core.store.roles import GROUP_LEAD, GROUP_SPOC, quote

TABLE = "spocdesk_hourly_own"
#: the person an entry is keyed to: its case's owner, or its own owner without a case
KEY = "(CASE WHEN {0}.case_id IS NULL THEN {0}.owner ELSE {0}.case_owner END)"
HOUR = "to_char({0}.occurred_at, 'YYYY-MM-DD HH24')"  # interaction_hourly's key
ME = '(session_user::text COLLATE "default")'

_BODY = f"""
    IF TG_OP <> 'INSERT' AND OLD.deleted_at IS NULL AND {KEY.format('OLD')} IS NOT NULL THEN
      UPDATE {TABLE} SET n = n - 1 WHERE owner = {KEY.format('OLD')}
         AND channel = OLD.channel AND hour = {HOUR.format('OLD')};
    END IF;
    IF TG_OP <> 'DELETE' AND NEW.deleted_at IS NULL AND {KEY.format('NEW')} IS NOT NULL THEN
      INSERT INTO {TABLE} AS h (owner, channel, hour, n)
      VALUES ({KEY.format('NEW')}, NEW.channel, {HOUR.format('NEW')}, 1)
      ON CONFLICT (owner, channel, hour) DO UPDATE SET n = h.n + 1;
    END IF;
    RETURN NULL;"""


def install(conn: sa.Connection) -> None:
    """The table, its row security, its trigger and (when the table is new) its counts;
    idempotent. Run as the schema's owner, after :func:`.policies.install`."""
    schema = quote(str(conn.execute(sa.text("SELECT current_schema()")).scalar()))
    admin = quote(str(conn.execute(sa.text("SELECT current_user")).scalar()))
    created = conn.execute(sa.text("SELECT to_regclass(:t) IS NULL"), {"t": TABLE}).scalar()
    conn.execute(sa.text(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (owner text NOT NULL, channel varchar(16) NOT "
        "NULL, hour varchar(13) NOT NULL, n bigint NOT NULL, PRIMARY KEY (owner, channel, hour))"))
    conn.execute(sa.text(f"ALTER TABLE {TABLE} ENABLE ROW LEVEL SECURITY"))
    conn.execute(sa.text(f"ALTER TABLE {TABLE} FORCE ROW LEVEL SECURITY"))
    for name, rule in (("spocdesk_admin", f"FOR ALL TO {admin} USING (true) WITH CHECK (true)"),
                       ("spocdesk_see", "FOR SELECT USING (owner = session_user)")):
        conn.execute(sa.text(f"DROP POLICY IF EXISTS {name} ON {TABLE}"))
        conn.execute(sa.text(f"CREATE POLICY {name} ON {TABLE} {rule}"))
    groups = f"{quote(GROUP_SPOC)}, {quote(GROUP_LEAD)}"
    conn.execute(sa.text(f"REVOKE ALL ON {TABLE} FROM {groups}"))
    conn.execute(sa.text(f"GRANT SELECT ON {TABLE} TO {groups}"))
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION spocdesk_hourly_own() RETURNS trigger LANGUAGE plpgsql "
        f"SECURITY DEFINER SET search_path = {schema}, pg_temp AS $fn$\nBEGIN{_BODY}\nEND $fn$"))
    conn.execute(sa.text("REVOKE ALL ON FUNCTION spocdesk_hourly_own() FROM PUBLIC"))
    conn.execute(sa.text(
        "CREATE OR REPLACE TRIGGER spocdesk_hourly_own AFTER INSERT OR DELETE OR UPDATE OF "
        "occurred_at, channel, deleted_at, case_id, owner, case_owner ON interaction "
        "FOR EACH ROW EXECUTE FUNCTION spocdesk_hourly_own()"))
    if created:
        fill(conn)


def fill(conn: sa.Connection) -> int:
    """Count every live entry afresh (rows copied with triggers off); the rows written.
    Run as the schema's owner."""
    conn.execute(sa.text(f"DELETE FROM {TABLE}"))
    return conn.execute(sa.text(
        f"INSERT INTO {TABLE} (owner, channel, hour, n) SELECT {KEY.format('i')}, i.channel, "
        f"{HOUR.format('i')}, count(*) FROM interaction AS i WHERE i.deleted_at IS NULL "
        f"AND {KEY.format('i')} IS NOT NULL GROUP BY 1, 2, 3")).rowcount


def channel_counts_sql() -> str:
    """Per channel, the reader's entries in the whole hours ``[:hour_lo, :hour_hi)`` (the
    hours as keys) and the moments ``[:lo, :hi)`` (their bounds): their own from
    :data:`TABLE`, those on colleagues' cases they see counted through those cases."""
    return (
        f"SELECT channel, sum(n) FROM {TABLE} WHERE owner = {ME} "
        "AND hour >= :hour_lo AND hour < :hour_hi GROUP BY channel "
        "UNION ALL SELECT i.channel, count(*) FROM case_record AS c "
        "JOIN interaction AS i ON i.case_id = c.id "
        # not "IS DISTINCT FROM": leakproof comparisons in the column's collation (a
        # role name's is "C"), so that under row security two ranges of
        # ix_case_record_owner find a SPOC's colleagues' cases, not a scan of their own
        f"WHERE (c.owner < {ME} OR c.owner > {ME} OR c.owner IS NULL) "
        "AND i.case_owner IS DISTINCT FROM session_user AND i.deleted_at IS NULL "
        "AND i.occurred_at >= :lo AND i.occurred_at < :hi GROUP BY i.channel")
