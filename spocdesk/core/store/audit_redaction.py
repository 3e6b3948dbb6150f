"""The one change a team server lets anyone make to its audit trail: erasing a person.

On a server the audit trail is append-only (:mod:`.policies`): nobody updates an
event. Erasing a person for good (:func:`spocdesk.core.people.data_subject.erase_person`)
must still replace their name, e-mail addresses and phone numbers in the events'
before and after values, as it does on the file. :func:`install` (``spocdesk server
init``, also on a server made before) allows exactly that and nothing more:

- an ``UPDATE`` policy on ``audit_event`` for the events the person sees (the same
  rule as reading them), and the right to update ``before``, ``after`` and the
  bookkeeping columns ``revision`` and ``updated_at`` only;
- a trigger that refuses any update, by anyone including the schema's owner, unless
  each new value is the old one with parts of it replaced by the erasure's placeholder
  (``[erased person]``), and that keeps the event's ``db_role`` (who made the change
  stays on record; the erasure records its own event).

Idempotent; run after :func:`spocdesk.core.store.policies.install`, which replaces the
table's policies and rights.
"""

from __future__ import annotations

import sqlalchemy as sa

from spocdesk.core.store import policies
from spocdesk.core.store.roles import GROUP_LEAD, GROUP_SPOC, quote

PLACEHOLDER = "[erased person]"  # spocdesk.core.people.data_subject.PLACEHOLDER
TABLE = "audit_event"
REDACTABLE = ("before", "after")
BOOKKEEPING = ("revision", "updated_at")

# whether ``new`` is ``old`` with some (non-empty) parts replaced by the placeholder:
# the parts between placeholders must appear in ``old`` in order, with a gap of at
# least one character where each placeholder stands (the earliest fit leaves the most
# for the rest, so a greedy walk decides)
IS_REDACTION = f"""
CREATE OR REPLACE FUNCTION spocdesk_is_redaction(old text, new text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  parts text[];
  rest text;
  n int;
  p int;
BEGIN
  IF new IS NOT DISTINCT FROM old THEN RETURN true; END IF;
  IF old IS NULL OR new IS NULL THEN RETURN false; END IF;
  parts := string_to_array(new, '{PLACEHOLDER}');
  n := coalesce(array_length(parts, 1), 0);
  IF n < 2 OR left(old, length(parts[1])) <> parts[1] THEN RETURN false; END IF;
  rest := substr(old, length(parts[1]) + 1);
  FOR i IN 2 .. n - 1 LOOP
    IF parts[i] = '' THEN
      IF length(rest) < 1 THEN RETURN false; END IF;
      rest := substr(rest, 2);
    ELSE
      p := strpos(substr(rest, 2), parts[i]);
      IF p = 0 THEN RETURN false; END IF;
      rest := substr(rest, p + 1 + length(parts[i]));
    END IF;
  END LOOP;
  RETURN length(rest) > length(parts[n]) AND right(rest, length(parts[n])) = parts[n];
END $$"""

_KEPT = " - ".join(f"'{c}'" for c in (*REDACTABLE, *BOOKKEEPING, "db_role"))
SEALED = f"""
CREATE OR REPLACE FUNCTION spocdesk_audit_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_jsonb(NEW) - {_KEPT} IS DISTINCT FROM to_jsonb(OLD) - {_KEPT}
     OR NOT spocdesk_is_redaction(OLD.before, NEW.before)
     OR NOT spocdesk_is_redaction(OLD.after, NEW.after) THEN
    RAISE EXCEPTION 'the audit trail is append-only; only a person''s details may be erased'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  NEW.db_role := OLD.db_role;
  RETURN NEW;
END $$"""


def install(conn: sa.Connection) -> None:
    conn.execute(sa.text(IS_REDACTION))
    conn.execute(sa.text(SEALED))
    # after spocdesk_audit_role (triggers fire by name), which stamps the login role
    conn.execute(sa.text(
        f"CREATE OR REPLACE TRIGGER spocdesk_audit_sealed BEFORE UPDATE ON {TABLE} "
        "FOR EACH ROW EXECUTE FUNCTION spocdesk_audit_sealed()"))
    visible = policies.planned(policies.AUDIT_VISIBLE).replace(policies.T, TABLE)
    conn.execute(sa.text(f"DROP POLICY IF EXISTS spocdesk_redact ON {TABLE}"))
    conn.execute(sa.text(
        f"CREATE POLICY spocdesk_redact ON {TABLE} AS PERMISSIVE FOR UPDATE TO PUBLIC "
        f"USING ({visible}) WITH CHECK ({visible})"))
    columns = ", ".join(quote(c) for c in (*REDACTABLE, *BOOKKEEPING))
    conn.execute(sa.text(f"GRANT UPDATE ({columns}) ON {TABLE} TO "
                         f"{quote(GROUP_SPOC)}, {quote(GROUP_LEAD)}"))
