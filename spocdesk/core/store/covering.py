"""The case list's counting indexes on a team server also hold each case's ``owner``.

On the file the case list counts its views from indexes alone (``ix_case_open_work``,
``ix_case_list``, ``ix_case_sort_followup``, ``ix_case_no_next_step`` hold every column
the counts read). On a server each count also carries the cases' row policy
(:mod:`.policies`), whose first test reads ``owner``: without it in the index every
counted case was read from the table (the view counts as a SPOC: 100,000 cases read,
twenty times over). :func:`install` (``spocdesk server init``, also on a server made
before) makes these indexes again with ``INCLUDE (owner)`` where they lack it, so a
SPOC's own caseload is counted from the index; the policy's other tests (a share, a
deputy) read ``id``, which the indexes hold already. Same names as on the file, so
``server init`` and the file's list of indexes agree.
"""

from __future__ import annotations

import sqlalchemy as sa

TABLE = "case_record"
# the indexes the counts of :func:`spocdesk.core.cases.query.view_counts` walk
COUNTING = ("ix_case_open_work", "ix_case_list", "ix_case_sort_followup",
            "ix_case_no_next_step")
INCLUDED = "INCLUDE (owner)"


def covering(definition: str) -> str:
    """``definition`` (as ``pg_indexes`` spells it) with the owner included."""
    if " WHERE " in definition:
        head, where = definition.split(" WHERE ", 1)
        return f"{head} {INCLUDED} WHERE {where}"
    return f"{definition} {INCLUDED}"


def install(conn: sa.Connection) -> None:
    """Each of :data:`COUNTING` with the owner included, in the caller's transaction, as
    the schema's owner; an index that has it already is left alone."""
    for name in COUNTING:
        definition = conn.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = :table AND indexname = :name"),
            {"table": TABLE, "name": name}).scalar()
        if definition is None or "INCLUDE" in str(definition):
            continue
        conn.execute(sa.text(f"DROP INDEX {name}"))
        conn.execute(sa.text(covering(str(definition))))
