"""Changes by colleagues on a team server, as change-sets (issue 22 item 5).

On PostgreSQL every record table has a trigger that writes, on each insert, update
and delete, which row changed into the change log (``spocdesk_change``: table, id,
case, stakeholder, owner, the writing server process) and announces only that log
row's number: ``pg_notify('spocdesk', '4711')``. Every member of the team listens on
the one channel, so the announcement says nothing about the row: the listener reads
the numbers it heard back from the log, and the log's row security lets it see a
change exactly when it may read the changed row (or, for a row deleted for good, its
case or person, see :data:`VISIBLE_CHANGE`). A role thus learns no id, case or person
of anything it cannot read. Notifications go out when the writing transaction
commits, and not at all when it rolls back. A bulk write (``server import``) silences
them (:func:`quiet`) and says ``*`` once instead. The log keeps
:data:`KEEP_MINUTES` of changes (a listener reads them within milliseconds).

:class:`ChangeListener` listens on a connection of its own in a thread, turns what
arrives into a :class:`~spocdesk.core.uow.ChangeSet` (the same kinds and ids the
services touch) and hands it to a callback: the
GUI publishes it on its change-set bus, and the views refresh those rows by id. What
one commit announces arrives together and makes one change-set. Its own store's
writes are left out (the service's own change-set said them already).

When the connection is lost the listener says so (``on_state(False, reason)``), tries
again every :data:`RETRY_SECONDS`, and once back says so and reports every kind as
changed (what was said while it was away is lost). :meth:`ChangeListener.stop`
returns within about :data:`BATCH_SECONDS`.

The file store has no such thing: the app polls ``PRAGMA data_version`` there
(:class:`~spocdesk.core.store.open.ChangeWatcher`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from spocdesk.core.store.policies import forced_without_policies, pin_search_path
from spocdesk.core.store.roles import GROUP_LEAD, GROUP_SPOC, ensure_groups, quote
from spocdesk.core.uow import ChangeSet, external_changes

if TYPE_CHECKING:
    from spocdesk.core.store.open import Store

log = logging.getLogger(__name__)

CHANNEL = "spocdesk"
FUNCTION = "spocdesk_notify"
LOG = "spocdesk_change"  # the change log: what a number announced stands for
VISIBLE = "spocdesk_change_visible"
KEEP_MINUTES = 10  # how long the log keeps a change
PRUNE_EVERY = 512  # every this many changes, the trigger drops the older ones
BATCH_SECONDS = 0.25  # the longest wait for a notification: the stop latency
BURST_SECONDS = 0.03  # after one notification, the rest of its burst joins its change-set
RETRY_SECONDS = 3.0  # a lost connection is tried again this often
MAX_IDS = 2000  # more rows than this in one batch (an import): every view reloads
QUIET = "spocdesk.quiet"  # SET LOCAL to 'on': a bulk write says one EVERYTHING instead
EVERYTHING = "*"  # the payload for "every kind may have changed"

#: which kind of change a row of a table is (None: only its case/stakeholder changed)
TABLE_KINDS: dict[str, str | None] = {
    "case_record": "case",
    "stakeholder": "stakeholder",
    "contact_point": None,  # its stakeholder
    "case_participant": "case_participant",
    "interaction": "interaction",
    "interaction_participant": None,  # its interaction's case
    "case_feedback": "case_feedback",
    "nps_answer": "nps_answer",
    "escalation": "escalation",
    "followup": "followup",
    "absence": "absence",
    "absence_case": "absence_case",
    "handover_note": "handover_note",
    "template": "template",
    "mail_account": "mail_account",
    "mail_folder": "mail_folder",
    "setting": "settings",
    "mail_message": "mail",
    "mail_attachment": "mail",
    "mail_ignore_rule": "mail_ignore_rule",
    "spocdesk_share": None,  # its case or stakeholder (appears or goes for the grantee)
}
#: rows whose text search finds: a change of one also refreshes what shows search results
SEARCHED = frozenset({"case_record", "stakeholder", "contact_point", "interaction",
                      "followup", "mail_message"})


# which changed rows one may also hear of through their case or person (the row's own
# policy makes it visible whenever its case, or its person, is: see policies.RULES), or
# as their owner (an owned row is always its owner's); this is what tells of a row
# that was deleted for good (erasure), which nobody can read any more
THROUGH_CASE = ("case_participant", "case_feedback", "escalation", "handover_note",
                "interaction", "followup", "mail_message")
THROUGH_STAKEHOLDER = ("contact_point", "nps_answer", "followup")
THROUGH_OWNER = ("case_record", "stakeholder", "absence", "mail_account", "mail_message",
                 "mail_ignore_rule", "spocdesk_share")  # (a share's "owner": its grantee)
# rows seen by their owner alone, or through their case (not even by a lead: mail is
# personal); no need to ask their table
OWNER_OR_CASE = ("mail_account", "mail_ignore_rule", "mail_message")


def _in(tables: Iterable[str]) -> str:
    return ", ".join(f"'{t}'" for t in tables)


#: the log's row security: a change is seen by whoever reads the changed row now (its
#: table's own policies, asked as the reader), and see THROUGH_* above
VISIBLE_CHANGE = f"""
CREATE OR REPLACE FUNCTION {VISIBLE}(tab text, rid text, cid text, sid text, own text)
RETURNS boolean LANGUAGE plpgsql STABLE AS $fn$
DECLARE
    seen boolean;
BEGIN
    IF tab NOT IN ({_in(TABLE_KINDS)}) THEN RETURN false; END IF;
    IF own = session_user AND tab IN ({_in(THROUGH_OWNER)}) THEN RETURN true; END IF;
    IF tab IN ({_in(OWNER_OR_CASE)}) THEN
        RETURN cid <> '' AND tab IN ({_in(THROUGH_CASE)})
           AND EXISTS (SELECT 1 FROM case_record WHERE id = cid);
    END IF;
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE id::text = $1)', tab)
        INTO seen USING rid;
    IF seen THEN RETURN true; END IF;
    IF cid <> '' AND tab IN ({_in(THROUGH_CASE)})
       AND EXISTS (SELECT 1 FROM case_record WHERE id = cid) THEN RETURN true; END IF;
    RETURN sid <> '' AND tab IN ({_in(THROUGH_STAKEHOLDER)})
       AND EXISTS (SELECT 1 FROM stakeholder WHERE id = sid);
END
$fn$"""


def install(conn: sa.Connection) -> None:
    """Create (or replace) the change log, its row security, and the notifying trigger
    on every record table; idempotent. ``audit_event`` gets none (every change writes
    one), nor do derived figures. Run by the schema's owner (``server init``)."""
    _change_log(conn)
    schema = str(conn.execute(sa.text("SELECT current_schema()")).scalar())
    # a security definer: it writes the log, which the team may only read
    conn.execute(sa.text(f"""
        CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path = {quote(schema)}, pg_temp AS $fn$
        DECLARE
            r jsonb;
            n bigint;
        BEGIN
            IF current_setting('{QUIET}', true) = 'on' THEN RETURN NULL; END IF;
            IF TG_OP = 'DELETE' THEN r := to_jsonb(OLD); ELSE r := to_jsonb(NEW); END IF;
            INSERT INTO {LOG} (table_name, record_id, case_id, stakeholder_id, owner)
            VALUES (TG_TABLE_NAME, coalesce(r->>'id', ''), coalesce(r->>'case_id', ''),
                    coalesce(r->>'stakeholder_id', ''),
                    coalesce(r->>'owner', r->>'grantee', ''))
            RETURNING seq INTO n;
            IF n % {PRUNE_EVERY} = 0 THEN
                DELETE FROM {LOG} WHERE changed_at < now() - interval '{KEEP_MINUTES} minutes';
            END IF;
            PERFORM pg_notify('{CHANNEL}', n::text);
            RETURN NULL;
        END
        $fn$"""))
    present = set(sa.inspect(conn).get_table_names())
    for table in TABLE_KINDS:
        if table in present:
            conn.execute(sa.text(
                f'CREATE OR REPLACE TRIGGER {FUNCTION} AFTER INSERT OR UPDATE OR DELETE '
                f'ON "{table}" FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()'))


def _change_log(conn: sa.Connection) -> None:
    """The log table, readable (never writable) by the team through row security."""
    conn.execute(sa.text(f"""CREATE TABLE IF NOT EXISTS {LOG} (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        table_name text NOT NULL,
        record_id text NOT NULL,
        case_id text NOT NULL,
        stakeholder_id text NOT NULL,
        owner text NOT NULL,
        writer_pid integer NOT NULL DEFAULT pg_backend_pid(),
        changed_at timestamptz NOT NULL DEFAULT now()
    )"""))
    conn.execute(sa.text(VISIBLE_CHANGE))
    schema = str(conn.execute(sa.text("SELECT current_schema()")).scalar())
    pin_search_path(conn, schema, f"{VISIBLE}(text, text, text, text, text)")
    admin = str(conn.execute(sa.text("SELECT current_user")).scalar())
    forced_without_policies(conn, LOG)
    conn.execute(sa.text(
        f"CREATE POLICY spocdesk_admin ON {LOG} FOR ALL TO {quote(admin)} "
        "USING (true) WITH CHECK (true)"))
    conn.execute(sa.text(
        f"CREATE POLICY spocdesk_see ON {LOG} FOR SELECT TO PUBLIC USING "
        f"({VISIBLE}(table_name, record_id, case_id, stakeholder_id, owner))"))
    ensure_groups(conn)
    groups = f"{quote(GROUP_SPOC)}, {quote(GROUP_LEAD)}"
    conn.execute(sa.text(f"REVOKE ALL ON {LOG} FROM PUBLIC, {groups}"))
    conn.execute(sa.text(f"GRANT SELECT ON {LOG} TO {groups}"))


def quiet(conn: sa.Connection) -> None:
    """For the rest of ``conn``'s transaction no row is announced; :func:`announce_all`
    at its end says that everything may have changed (a bulk import)."""
    conn.execute(sa.text("SELECT set_config(:name, 'on', true)"), {"name": QUIET})


def announce_all(conn: sa.Connection) -> None:
    conn.execute(sa.text("SELECT pg_notify(:channel, :payload)"),
                 {"channel": CHANNEL, "payload": EVERYTHING})


def changes_of(rows: Iterable[Sequence[str]]) -> ChangeSet:
    """The change-set for some rows of the change log (``table, id, case_id,
    stakeholder_id``, empty where the row has none); a batch too big to name row by row
    is :func:`external_changes`."""
    changes = ChangeSet()
    count = 0
    for table, record_id, case_id, stakeholder_id in rows:
        if table not in TABLE_KINDS:
            continue
        count += 1
        if count > MAX_IDS:
            return external_changes()
        kind = TABLE_KINDS[table]
        if kind is not None:
            changes.touch(kind, *([record_id] if record_id else []))
        if case_id:
            changes.touch("case", case_id)
        if stakeholder_id:
            changes.touch("stakeholder", stakeholder_id)
        if table in SEARCHED:
            changes.touch("search")
    return changes


def read_changes(conn: Any, payloads: Sequence[str]) -> ChangeSet:
    """What the announced numbers stand for, as far as ``conn``'s role may know: the
    change log's rows it sees (row security leaves out the rest)."""
    if EVERYTHING in payloads:
        return external_changes()
    numbers = sorted({int(p) for p in payloads if p.isdigit()})
    if len(numbers) > MAX_IDS:
        return external_changes()
    if not numbers:
        return ChangeSet()
    rows = conn.execute(
        f"SELECT table_name, record_id, case_id, stakeholder_id FROM {LOG} "
        "WHERE seq = ANY(%s) ORDER BY seq", (numbers,)).fetchall()
    return changes_of(rows)


class ChangeListener:
    """``LISTEN spocdesk`` in a daemon thread; see the module docstring.

    ``on_changes(changes)`` and ``on_state(connected, reason)`` are called from the
    listener's thread: a GUI hands them on to its own thread (a queued signal)."""

    def __init__(self, store: Store, on_changes: Callable[[ChangeSet], None],
                 on_state: Callable[[bool, str], None] | None = None) -> None:
        self.store = store
        self.on_changes = on_changes
        self.on_state = on_state or (lambda _up, _why: None)
        self._own_pids: set[int] = set()
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._conn: Any = None
        self._thread = threading.Thread(target=self._run, name="spocdesk-listen", daemon=True)
        # which server processes are this store's own (their notifications are no news)
        sa.event.listen(store.engine, "checkout", self._note_own)

    def _note_own(self, dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        pid = getattr(getattr(dbapi_conn, "info", None), "backend_pid", None)
        if pid:
            self._own_pids.add(int(pid))

    def start(self) -> ChangeListener:
        self._thread.start()
        return self

    def wait_listening(self, timeout: float = 10.0) -> bool:
        """Whether the listener is connected and listening (for tests and the first
        connection's message)."""
        return self._listening.wait(timeout)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop listening and close the connection; returns once the thread ended."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        sa.event.remove(self.store.engine, "checkout", self._note_own)

    # -- the thread ----------------------------------------------------------

    def _run(self) -> None:
        was_lost = False
        while not self._stop.is_set():
            try:
                self._connect()
                if was_lost:
                    self.on_state(True, "")
                    self.on_changes(external_changes())  # what was said meanwhile is lost
                was_lost = False
                self._listen()
            except Exception as exc:  # any failure: say it, try again
                if self._stop.is_set():
                    break
                self._listening.clear()
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(
                    exc).__name__
                log.info("the team server's change feed is lost (%s)", type(exc).__name__)
                if not was_lost:
                    self.on_state(False, reason)
                was_lost = True
                self._stop.wait(RETRY_SECONDS)
            finally:
                self._close()

    def _connect(self) -> None:
        fairy = self.store.engine.raw_connection()  # the store's URL, password and TLS
        conn: Any = fairy.driver_connection
        fairy.detach()  # ours alone, never back into the pool
        conn.autocommit = True
        self._conn = conn
        conn.execute(f"LISTEN {CHANNEL}")
        self._listening.set()

    def _listen(self) -> None:
        conn = self._conn
        while not self._stop.is_set():
            # the first notification at once, then the rest of its burst (one commit's
            # rows arrive together): one change-set per save, not per row
            notes = list(conn.notifies(timeout=BATCH_SECONDS, stop_after=1))
            if notes:
                notes += conn.notifies(timeout=BURST_SECONDS)
            payloads = [note.payload for note in notes if note.pid not in self._own_pids]
            if conn.closed or conn.broken:
                raise ConnectionError("the connection was closed")
            if payloads:
                changes = read_changes(conn, payloads)
                if changes:
                    self.on_changes(changes)

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # closing a broken connection
                log.debug("closing the listening connection failed", exc_info=True)
