"""First-contact resolution: the verdict kept on a case when it is resolved.

The rule (the README and the dashboard state it): a resolved or closed case counts
as **resolved at first contact** when it was never escalated, never reopened (no
status change from resolved or closed back to an active status in its audit
trail) and its log holds at most one inbound and at most one outbound entry up to
the resolution (internal notes do not count, nor entries after it). Its *channel
of first contact* is the channel of its earliest inbound or outbound entry (``''``
when it has none).

The verdict is worked out once per case, from that case's own index ranges
(``ix_interaction_case_work``, ``ix_escalation_case_id``, ``ix_audit_case_reopened``),
and kept in two columns of ``case_record`` the ORM leaves alone (revision 0022):
``first_contact`` (1 or 0; NULL while the case is not resolved) and
``first_channel``. So a period's rate is one range of ``ix_case_first_contact``
whatever the number of cases, instead of a look into each case's log.

:func:`settle` is called wherever an input of the rule changes:

* a case is resolved or closed, or created so (its ``resolved_at`` is set), and
  reopened (the verdict is cleared; resolved again, the reopening in its audit
  trail makes it "not at first contact" for good);
* an entry is logged on a resolved case at or before its resolution (a call logged
  late); entries after the resolution change nothing;
* a handover pack is merged back (the deputy's copy of a case saw only part of its
  log, so the verdict is worked out again in the owner's store).

Escalating a resolved case reopens it (its status becomes ``escalated``).
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

DONE = "('resolved', 'closed')"
ACTIVE = "('new', 'open', 'waiting', 'escalated')"

# the rule, for the row of ``case_record`` being updated
RULE = f"""(
  NOT EXISTS (SELECT 1 FROM escalation AS e
              WHERE e.case_id = case_record.id AND e.deleted_at IS NULL)
  AND NOT EXISTS (SELECT 1 FROM audit_event AS a WHERE a.entity_id = case_record.id
                  AND a.entity = 'case' AND a.field = 'status' AND a.before IN {DONE}
                  AND a.after IN {ACTIVE})
  AND (SELECT total(x.direction = 'in') <= 1 AND total(x.direction = 'out') <= 1
         FROM interaction AS x WHERE x.case_id = case_record.id AND x.deleted_at IS NULL
          AND x.direction IN ('in', 'out') AND x.occurred_at <= case_record.resolved_at))"""

CHANNEL = """coalesce((SELECT x.channel FROM interaction AS x
  WHERE x.case_id = case_record.id AND x.deleted_at IS NULL AND x.direction IN ('in', 'out')
  ORDER BY x.occurred_at LIMIT 1), '')"""

SETTLED = f"case_record.resolved_at IS NOT NULL AND case_record.status IN {DONE}"

_UPDATE = f"""
UPDATE case_record SET
  first_contact = CASE WHEN {SETTLED} THEN {RULE} END,
  first_channel = CASE WHEN {SETTLED} THEN {CHANNEL} END
 WHERE """

BATCH = 5_000


def settle(conn: sa.Connection, case_ids: Iterable[str]) -> None:
    """Work out the verdict of these cases again (cleared for those not resolved)."""
    ids = sorted(set(case_ids))
    for start in range(0, len(ids), BATCH):
        conn.execute(sa.text(_UPDATE + "id IN :ids").bindparams(
            sa.bindparam("ids", expanding=True)), {"ids": ids[start:start + BATCH]})


def settle_all(conn: sa.Connection) -> None:
    """The verdict of every live resolved case (generated data: :mod:`demo`), in
    batches of rowids."""
    top = int(conn.exec_driver_sql("SELECT coalesce(max(rowid), 0) FROM case_record")
              .scalar_one())
    for lo in range(0, top, BATCH * 4):  # some BATCH resolved cases per step
        conn.execute(sa.text(_UPDATE + f"rowid > :lo AND rowid <= :hi "
                                       f"AND deleted_at IS NULL AND {SETTLED}"),
                     {"lo": lo, "hi": lo + BATCH * 4})
