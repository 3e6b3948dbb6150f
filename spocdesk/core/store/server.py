"""A store on a team server: the same models and services over PostgreSQL.

:class:`ServerStore` is a :class:`~spocdesk.core.store.open.Store` whose engine is
psycopg 3 on a PostgreSQL 15+ server: units of work, sessions and list
connections behave as on the file, so every service takes either. What only the
encrypted file can do (its backup copy, re-encryption, WAL checkpoints, the
integrity check) raises :class:`~spocdesk.core.errors.NotOnTeamServer`.

:func:`init_schema` (``spocdesk server init URL``) creates the schema from the
models — a baseline at the head revision, recorded in ``alembic_version`` so that
Alembic knows where the server stands — plus ``unaccent`` and ``pg_trgm`` where the
server has them, the triggers that tell listening clients what changed
(:mod:`.notify`), the team's group roles and row-level security
(:mod:`spocdesk.core.store.policies`), and the stored search documents
(:mod:`.search_documents`). Running it again changes nothing.
"""

from __future__ import annotations

import hmac
import importlib
import logging
import re
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from spocdesk.core.clock import Clock, SystemClock
from spocdesk.core.errors import (
    QT_TRANSLATE_NOOP,
    NoServerRights,
    NotAStore,
    NotOnTeamServer,
    ServerUnreachable,
    StoreError,
    StoreTooNew,
    WrongServerPassword,
)
from spocdesk.core.paths import Location
from spocdesk.core.store import (
    audit_redaction,
    backend,
    case_owner,
    deferred_keys,
    identity,
    migrate,
    notify,
    owner_keys,
    policies,
    search_documents,
    server_functions,
    server_hourly,
    server_report,
)
from spocdesk.core.store.open import Store

if TYPE_CHECKING:
    from spocdesk.core.store.rekey import PassphraseChanged

log = logging.getLogger(__name__)

EXTENSIONS = ("unaccent", "pg_trgm")
CONNECT_TIMEOUT = 10  # seconds: an unreachable server is a sentence, not a hang
# SQLSTATEs of a connection lost mid-work: class 08 (connection exception) and 57P
# (the server shutting down or restarting, pg_terminate_backend)
LOST_CONNECTION = ("08", "57P")


def server_engine(url: str, password: str | None) -> sa.Engine:
    engine = sa.create_engine(
        backend.server_url(url, password), pool_size=2, max_overflow=4, pool_pre_ping=True,
        connect_args={"connect_timeout": CONNECT_TIMEOUT, "application_name": "spocdesk",
                      "options": server_functions.zone_option()},  # the SLA clocks' zone
    )
    sa.event.listen(engine, "connect", _text_without_nul)
    return engine


def _text_without_nul(dbapi_connection: Any, _record: Any) -> None:
    """Every text value this connection sends goes through :func:`backend.storable_text`:
    a NUL in a broken e-mail's header or a damaged file is stored as U+FFFD instead of
    failing the whole save (the file stores it as it is)."""
    dbapi_connection.adapters.register_dumper(str, _nul_safe_dumper())


@cache
def _nul_safe_dumper() -> type:
    from psycopg.adapt import Dumper

    class NulSafeText(Dumper):
        """psycopg's text dumper for ``str`` (type unknown: the server infers it, as the
        built-in one lets it), after :func:`backend.storable_text`."""

        oid = 0

        def dump(self, obj: str) -> bytes:
            encoding = self.connection.info.encoding if self.connection else "utf-8"
            return backend.storable_text(obj).encode(encoding)

    return NulSafeText


def classify_server_error(exc: BaseException, url: str) -> StoreError | None:
    """The user's sentence for a server error, or None when it is not one of ours."""
    orig = exc.orig if isinstance(exc, sa.exc.DBAPIError) else exc
    try:
        import psycopg
    except ImportError:  # pragma: no cover - a dependency
        return None
    if not isinstance(orig, psycopg.Error):
        return None
    where = backend.display_url(url)
    message = str(orig).lower()
    if isinstance(orig, psycopg.errors.InsufficientPrivilege):
        return NoServerRights(where)
    if "password authentication failed" in message or "no password supplied" in message:
        return WrongServerPassword(where)
    if isinstance(orig, psycopg.OperationalError) and (
            orig.sqlstate is None or orig.sqlstate.startswith(LOST_CONNECTION)):
        return ServerUnreachable(where, _first_line(orig))
    return None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    reason = text[0] if text else type(exc).__name__
    # psycopg says "connection failed: connection to server at "H" (IP), port N failed:
    # Connection refused"; the sentence names the server already, so the reason is the end
    return re.sub(r'^(connection failed: )?connection to server at "[^"]*"( \([^)]*\))?, '
                  r'port \d+ failed: ', "", reason)


@contextmanager
def translate_server_error(url: str) -> Iterator[None]:
    try:
        yield
    except sa.exc.DBAPIError as exc:
        translated = classify_server_error(exc, url)
        if translated is None:
            raise
        raise translated from exc


def _indexes_for_postgresql() -> None:
    """Give every partial SQLite index the same ``WHERE`` on PostgreSQL (once)."""
    from spocdesk.core.model import Base

    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"].get("where")
            if where is None or index.dialect_options["postgresql"].get("where") is not None:
                continue
            index.dialect_options["postgresql"]["where"] = sa.text(
                backend.server_booleans(str(where)))


def init_schema(url: str, password: str | None) -> bool:
    """Create the schema on the server at ``url``; True when it created it, False when it
    was already at the head revision. A database holding other tables is refused."""
    from spocdesk.core.model import Base

    engine = server_engine(url, password)
    try:
        with translate_server_error(url), engine.begin() as conn:
            state, revision = schema_state(conn)
            if state is migrate.SchemaState.CURRENT:
                install_server_parts(conn)
                return False
            if state is migrate.SchemaState.TOO_NEW:
                raise StoreTooNew(backend.display_url(url))
            if state is migrate.SchemaState.BEHIND and revision is not None:
                raise NotAStore(backend.display_url(url), behind_reason(revision))
            if state is not migrate.SchemaState.BEHIND:
                raise NotAStore(backend.display_url(url), QT_TRANSLATE_NOOP(
                    "spocdesk.core", "its database already holds other tables"))
            _extensions(conn)
            _fold_function(conn)
            _sqlite_functions(conn)
            _nocase(conn)
            _indexes_for_postgresql()
            Base.metadata.create_all(conn)
            _expression_indexes(conn)
            _rowids(conn, Base.metadata.tables)
            conn.execute(sa.text(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY)"))
            conn.execute(sa.text("INSERT INTO alembic_version VALUES (:head)"),
                         {"head": migrate.head()})
            owner_keys.install(conn)
            policies.install(conn)
            notify.install(conn)  # after the policies: the shares' table is theirs
            search_documents.install(conn)
            server_functions.install(conn)
            server_hourly.install(conn)
            server_report.install(conn)
            deferred_keys.install(conn)
            audit_redaction.install(conn)
    finally:
        engine.dispose()
    log.info("created the schema on a team server")
    return True


def install_server_parts(conn: sa.Connection) -> None:
    """What a server has beyond the models' tables, made again over a schema at the
    head revision: each step changes nothing that is already there (``server init`` on
    a current server, and after ``server upgrade``, which may have added tables that
    need their policies, grants and triggers)."""
    _extensions(conn)
    _fold_function(conn)
    _sqlite_functions(conn)
    _expression_indexes(conn)  # a server made before they were added
    _rowids(conn, _tables_without_rowid(conn))
    notify.install(conn)  # a server made before the change feed gets it now
    owner_keys.install(conn)
    policies.install(conn)
    search_documents.install(conn)  # made and filled when missing
    server_functions.install(conn)  # the SLA clock and derived columns
    server_hourly.install(conn)  # each person's log entries per hour (the dashboard)
    server_report.install(conn)  # the participants' copies of minutes, the report's indexes
    deferred_keys.install(conn)  # a hand-back's records, checked at commit
    audit_redaction.install(conn)  # erasing a person reaches the audit trail


def _tables_without_rowid(conn: sa.Connection) -> list[str]:
    """The models' tables that have no ``rowid`` column yet (a table a newer revision
    added); :func:`_rowids` gives them one."""
    from spocdesk.core.model import Base

    have = set(conn.execute(sa.text(
        "SELECT table_name FROM information_schema.columns WHERE table_schema = "
        "current_schema() AND column_name = 'rowid'")).scalars())
    return [name for name in Base.metadata.tables if name not in have]


def _extensions(conn: sa.Connection) -> None:
    """``unaccent`` and ``pg_trgm`` where the server has them and the role may create
    them; search falls back without them."""
    available = set(conn.execute(sa.text(
        "SELECT name FROM pg_available_extensions WHERE name = ANY(:names)"),
        {"names": list(EXTENSIONS)}).scalars())
    for name in EXTENSIONS:
        if name not in available:
            log.info("the server has no %s extension", name)
            continue
        savepoint = conn.begin_nested()
        try:
            conn.execute(sa.text(f"CREATE EXTENSION IF NOT EXISTS {name}"))
            savepoint.commit()
        except sa.exc.DBAPIError as exc:
            savepoint.rollback()
            log.info("could not create the %s extension (%s)", name, type(exc.orig).__name__)


FOLD = "spocdesk_fold"


def _fold_function(conn: sa.Connection) -> None:
    """``spocdesk_fold(text)``: lower case without accents (``Müller`` → ``muller``), what
    search compares. Immutable, so an index may use it; plain ``lower`` when the server
    has no ``unaccent``."""
    has_unaccent = conn.execute(sa.text(
        "SELECT extnamespace::regnamespace::text FROM pg_extension "
        "WHERE extname = 'unaccent'")).scalar()
    body = (f"SELECT lower({has_unaccent}.unaccent('{has_unaccent}.unaccent'::regdictionary, t))"
            if has_unaccent else "SELECT lower(t)")
    conn.execute(sa.text(
        f"CREATE OR REPLACE FUNCTION {FOLD}(t text) RETURNS text LANGUAGE sql IMMUTABLE "
        f"PARALLEL SAFE STRICT AS $fold$ {body} $fold$"))


def _sqlite_functions(conn: sa.Connection) -> None:
    """SQLite's ``total(x)`` (a sum that is 0.0 over no rows, counting true as 1), which
    the first-contact rule and the figures use, for numbers and for booleans, and its
    ``julianday(t)``, which the figures' durations are differences of."""
    for kind, step in (("double precision", "$1 + $2"),
                       ("boolean", "$1 + CASE WHEN $2 THEN 1 ELSE 0 END")):
        name = "spocdesk_total_" + kind.split()[0]
        conn.execute(sa.text(
            f"CREATE OR REPLACE FUNCTION {name}(double precision, {kind}) "
            f"RETURNS double precision LANGUAGE sql IMMUTABLE STRICT AS 'SELECT {step}'"))
        conn.execute(sa.text(
            f"CREATE OR REPLACE AGGREGATE total({kind}) "
            f"(SFUNC = {name}, STYPE = double precision, INITCOND = '0')"))
    # julianday(t): days since noon of 24 November 4714 BC, as SQLite counts; the
    # server's timestamps are UTC without a zone, as the file's text moments are
    conn.execute(sa.text(
        "CREATE OR REPLACE FUNCTION julianday(timestamp) RETURNS double precision "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS "
        "'SELECT extract(epoch FROM $1)::double precision / 86400.0 + 2440587.5'"))


def _expression_indexes(conn: sa.Connection) -> None:
    """The indexes on expressions that only the migrations make (raw SQL there, so not in
    the models): the case list's sort by status and priority rank (revision 0009), the
    open follow-ups' effective due moment the agenda counts by (revision 0008) and the
    times to response and resolution by bin (revision 0024, in PostgreSQL's words)."""
    sorts = importlib.import_module(f"{_VERSIONS}.0009_case_list_sort_indexes")
    dashboard = importlib.import_module(f"{_VERSIONS}.0008_dashboard_figures")
    for name in ("ix_case_sort_status", "ix_case_sort_priority"):
        conn.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {name} ON case_record "
                             f"({sorts.INDEXES[name]}) WHERE deleted_at IS NULL"))
    # the effective due moment as :class:`backend.either` spells it on a server, with
    # what the follow-ups' row policy reads, so a SPOC's agenda counts from the index
    # alone (a server made before had coalesce's, which no query under row security uses)
    case_owner.add_columns(conn)
    due = backend.either_sql("snoozed_until", "due_at")
    old = conn.execute(sa.text("SELECT indexdef FROM pg_indexes WHERE schemaname = "
                               "current_schema() AND indexname = 'ix_followup_effective_due'"
                               )).scalar()
    if old is not None and "INCLUDE" not in str(old):
        conn.execute(sa.text("DROP INDEX ix_followup_effective_due"))
    conn.execute(sa.text(dashboard.EFFECTIVE_DUE_INDEX.replace(
        "coalesce(snoozed_until, due_at)", f"({due})").replace(
        " WHERE ", f" INCLUDE ({case_owner.COLUMN}, owner, case_id, stakeholder_id) WHERE ")))
    for statement in importlib.import_module(f"{_VERSIONS}.0024_period_figures"
                                             ).SERVER_TIME_INDEXES:
        conn.execute(sa.text(statement))


_VERSIONS = "spocdesk.core.store.migrations.versions"


def _rowids(conn: sa.Connection, tables: Any) -> None:
    """SQLite's ``rowid`` (creation order: contact points, participants and follow-ups
    sort by it as a tie-break) as an identity column of every table."""
    for name in tables:
        conn.execute(sa.text(
            f'ALTER TABLE "{name}" ADD COLUMN rowid bigint GENERATED ALWAYS AS IDENTITY'))
    _rowid_indexes(conn)


def _rowid_indexes(conn: sa.Connection) -> None:
    """A unique index on each ``rowid``, which is SQLite's table key: the lists pick a
    screen of rows by it (``rowid IN (…)``), a scan of 200,000 follow-ups without it."""
    from spocdesk.core.model import Base

    for name in Base.metadata.tables:
        conn.execute(sa.text(
            f'CREATE UNIQUE INDEX IF NOT EXISTS "ix_{name}_rowid" ON "{name}" (rowid)'))


def _nocase(conn: sa.Connection) -> None:
    """SQLite's ``NOCASE`` collation (the case list sorts titles by it): a case-insensitive
    ICU collation, or plain byte order on a server built without ICU."""
    savepoint = conn.begin_nested()
    try:
        conn.execute(sa.text(
            "CREATE COLLATION IF NOT EXISTS \"NOCASE\" "
            "(provider = icu, locale = 'und-u-ks-level2', deterministic = false)"))
        savepoint.commit()
    except sa.exc.DBAPIError:
        savepoint.rollback()
        conn.execute(sa.text('CREATE COLLATION IF NOT EXISTS "NOCASE" FROM "C"'))


def _revision(conn: sa.Connection) -> str | None:
    if not sa.inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


# the head revision when team servers were first made from the models: the revisions
# up to it are SQLite DDL only, every later one runs on both databases
# (:mod:`.server_upgrade` moves a server on from here)
SERVER_BASELINE = "0027"

OLDER_SCHEMA = QT_TRANSLATE_NOOP(
    "spocdesk.core", "its schema is from an older spocdesk; the schema's owner moves it on "
    "with 'spocdesk server upgrade' (after a pg_dump)")
BEFORE_BASELINE = QT_TRANSLATE_NOOP(
    "spocdesk.core", "its schema is from a test version of the team server that cannot be "
    "upgraded; create a new database with 'spocdesk server init' and move each person's "
    "store file onto it with 'spocdesk server import'")
NO_SCHEMA = QT_TRANSLATE_NOOP(
    "spocdesk.core", "it has no spocdesk schema yet; run 'spocdesk server init'")


def schema_state(conn: sa.Connection) -> tuple[migrate.SchemaState, str | None]:
    """Where the server's schema stands, and its revision (None: no schema of ours)."""
    revision = _revision(conn)
    if revision is None:
        tables = sa.inspect(conn).get_table_names()
        return (migrate.SchemaState.FOREIGN if tables else migrate.SchemaState.BEHIND), None
    if revision == migrate.head():
        return migrate.SchemaState.CURRENT, revision
    if revision not in migrate.known_revisions():
        return migrate.SchemaState.TOO_NEW, revision
    return migrate.SchemaState.BEHIND, revision


def behind_reason(revision: str) -> str:
    """Why a server at an older ``revision`` cannot be used as it is, and what to do."""
    return OLDER_SCHEMA if revision >= SERVER_BASELINE else BEFORE_BASELINE


class ServerStore(Store):
    """A store on a team server; open it with :meth:`connect`."""

    backend = backend.POSTGRESQL

    def __init__(self, url: str, engine: sa.Engine, clock: Clock | None = None,
                 author: str = "owner") -> None:
        # not Store.__init__: no file, no key, no lock, no SQLite pragmas
        self.url = backend.display_url(url)
        name = re.sub(r"[^\w.@-]+", "_", self.url)
        # a Location for the code that names the store in a sentence or a log folder
        self.location = Location(store=Path(self.url), data_dir=Path.cwd() / name)
        self.clock = clock or SystemClock()
        self.author = author
        self.journal_mode = "server"
        self.damaged = False
        self.engine = engine
        self.commits = 0
        sa.event.listen(self.engine, "commit", self._count_commit)
        sa.event.listen(self.engine, "handle_error", self._on_db_error)
        self._open = True
        self._watchers = weakref.WeakSet()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @classmethod
    def connect(cls, url: str, password: str | None, clock: Clock | None = None) -> ServerStore:
        """Log in to the server at ``url`` as the URL's role; the schema must be at head
        (``spocdesk server init URL`` creates it)."""
        engine = server_engine(url, password)
        try:
            with translate_server_error(url), engine.connect() as conn:
                state, revision = schema_state(conn)
            where = backend.display_url(url)
            if state is migrate.SchemaState.TOO_NEW:
                raise StoreTooNew(where)
            if state is migrate.SchemaState.BEHIND and revision is not None:
                raise NotAStore(where, behind_reason(revision))
            if state is not migrate.SchemaState.CURRENT:
                raise NotAStore(where, NO_SCHEMA)
        except BaseException:
            engine.dispose()
            raise
        log.info("connected to a team server")
        return cls(url, engine, clock)

    # -- what differs from the file --------------------------------------

    @property
    def is_open(self) -> bool:
        return self._open

    def close(self) -> None:
        if not self._open:
            return
        for watcher in list(self._watchers):
            watcher.close()
        self.engine.dispose()
        self._open = False
        log.info("disconnected from the team server")

    def errors(self) -> AbstractContextManager[None]:
        return translate_server_error(self.url)

    def classify_error(self, exc: BaseException) -> StoreError | None:
        return classify_server_error(exc, self.url)

    def _on_db_error(self, context: sa.engine.ExceptionContext) -> BaseException | None:
        translated = self.classify_error(context.original_exception)
        if isinstance(translated, ServerUnreachable):
            # a connection the server cut (a restart, pg_terminate_backend): the pool
            # drops it, and its check before the next use opens a new one
            context.is_disconnect = True
            if context.is_pre_ping:
                return None
        return translated

    def _new_connection(self) -> Any:
        self._not_here()

    def session(self) -> Session:
        if not self._open:
            from spocdesk.core.errors import StoreLocked

            raise StoreLocked()
        return self._sessions()

    @contextmanager
    def connection(self) -> Iterator[sa.Connection]:
        if not self._open:
            from spocdesk.core.errors import StoreLocked

            raise StoreLocked()
        with translate_server_error(self.url), self.engine.connect() as conn:
            yield conn

    def _not_here(self) -> NoReturn:
        raise NotOnTeamServer()

    def checkpoint(self) -> None:
        """Nothing to do: the server owns its write-ahead log."""

    def integrity_problems(self) -> list[str]:
        self._not_here()

    def backup_to(self, target: Path) -> Path:
        self._not_here()

    def verify_copy(self, path: Path) -> bool:
        self._not_here()

    def identity(self) -> str:
        """The server's ``store_id``, made the first time a pack needs it."""
        with translate_server_error(self.url), self.engine.begin() as conn:
            return identity.ensure(conn)

    def passphrase_matches(self, secret: str) -> bool:
        """Whether ``secret`` is the role's password this store logged in with (a
        handover pack must not travel under it)."""
        password = self.engine.url.password
        return password is not None and hmac.compare_digest(
            secret.encode(), str(password).encode())

    def change_passphrase(self, old: str, new: str) -> PassphraseChanged:
        self._not_here()

    def use_rollback_journal(self) -> None:
        self._not_here()

    def _table_counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            names = sa.inspect(conn).get_table_names()
            return {name: int(conn.execute(sa.text(f'SELECT count(*) FROM "{name}"')).scalar()
                              or 0) for name in names}
