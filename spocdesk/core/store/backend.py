"""Which database a store lives in: the SQLCipher file (the default) or a team server.

A store is named by a file path or by a URL. ``postgresql://role@host/db`` (also
``postgres://`` and ``postgresql+psycopg://``) is a team server; anything else is
the encrypted file. :func:`backend_for` picks the :class:`Backend`; services never
ask ``if dialect == …`` themselves — what differs sits behind this seam.

Inventory of what only SQLite has (December 2026, schema head 0027)
--------------------------------------------------------------------
- **Keying and pragmas** — :mod:`.keying` (PBKDF2 → raw key, ``PRAGMA key``,
  ``ATTACH … KEY``), :mod:`.connect` (``cipher_*``, ``journal_mode=WAL``,
  ``synchronous=FULL``, ``busy_timeout``, ``cache_size``), ``BEGIN IMMEDIATE`` in
  :mod:`.open`, ``PRAGMA data_version`` (:class:`~.open.ChangeWatcher`),
  ``wal_checkpoint``, ``sqlcipher_export`` (backup, rekey), ``cipher_integrity_check``
  and ``integrity_check`` (:mod:`.check`), the lock file (:mod:`.lockfile`). On a
  server: the role's password and TLS; backups are ``pg_dump``; integrity is the
  server's duty.
- **Schema history** — the Alembic chain 0001…0021 is SQLite DDL (batch table
  rebuilds, ``sqlite_master``); :mod:`.migrate` reads ``sqlite_master``. A server
  gets a baseline at head made from the models (:func:`spocdesk.core.store.server.init_schema`),
  stamped with the head revision; revisions after the baseline (0027) run on both and
  move a server on (:mod:`.server_upgrade`).
- **Partial indexes** — ``sqlite_where`` on 29 model indexes; the server baseline
  gives each the same ``WHERE`` (``postgresql_where``, booleans spelled for PostgreSQL).
- **Planner statistics** — ``sqlite_stat1``/``sqlite_stat4`` rows (revision 0013,
  ``ANALYZE``); PostgreSQL's autovacuum keeps its own.
- **Full-text search** — FTS5 tables ``search_index`` and ``stakeholder_lookup``
  (revisions 0003, 0007, 0011) with about 30 triggers keeping them filled, ``MATCH``,
  ``bm25``/``snippet`` in :mod:`spocdesk.core.search.query` and
  :mod:`spocdesk.core.people.lookup`, the bulk rebuild in
  :mod:`spocdesk.core.search.bulk_index`. On a server: the same documents stored in
  ``search_document`` (a GIN-indexed ``tsvector``, trigram-indexed directory words;
  triggers and owner's functions that apply row security: :mod:`.search_documents`),
  searched by :mod:`spocdesk.core.search.server` and
  :func:`spocdesk.core.people.lookup.matched_ids`, chosen by a ``backend`` argument
  the list queries pass on.
- **Derived columns kept by triggers** — ``case_record.main_sort`` (0006),
  ``case_record.sla_deadline`` (0010/0018, calling the Python function
  ``spocdesk_sla_deadline`` registered per connection by :mod:`spocdesk.core.sla_clock`),
  the contact links and hourly interaction figures (0005, 0008), the SLA verdict
  ``sla_breached`` (0024). On a server: PL/pgSQL triggers keep the same columns
  (:mod:`.server_triggers`), and the SLA functions are PL/pgSQL ports of the Python
  ones (:mod:`.server_functions`), counting working time in the app's time zone. The
  hourly figures there are the team's; each person's own are :mod:`.server_hourly`'s.
- **SQL functions** — ``instr`` (tag filters; :func:`instr` below renders
  ``strpos`` for PostgreSQL), ``total`` (the first-contact rule, the figures: the
  server baseline defines the aggregate), ``rowid`` and the ``NOCASE`` collation (the
  baseline adds an identity column and an ICU collation of those names),
  ``julianday`` in the metrics queries (:mod:`spocdesk.core.metrics`, run through
  :func:`query`: the baseline defines it, and :func:`query` drops ``INDEXED BY`` and
  binds moments as timestamps; the SLA queries' exact microseconds are
  ``server_functions.epoch_micros``),
  ``json_extract`` on the ``setting`` table, ``INSERT OR REPLACE``/``OR IGNORE``
  in the demo and the bulk index.
- **Raw SQL** — ``exec_driver_sql`` over ``sqlite_master`` and pragmas in
  :mod:`.open`, :mod:`.check`, :mod:`.backup`, :mod:`.rekey` and
  :mod:`spocdesk.core.preferences`. The handover pack's merge and the erasure of a
  person use the seams below: :func:`defer_foreign_keys`, :func:`case_numbers_taken`,
  :func:`secure_delete` and :func:`text_matches` (a Python pattern as a SQLite
  function; a POSIX regular expression on a server).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlencode

import sqlalchemy as sa
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement, GenericFunction

from spocdesk.core.errors import QT_TRANSLATE_NOOP

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
LOCAL_HOSTS = ("", "localhost", "127.0.0.1", "::1")


NOT_A_SERVER_URL = QT_TRANSLATE_NOOP(
    "spocdesk.core", "{url} is not a team server's address; use postgresql://role@host/database.")


def is_server_url(text: object) -> bool:
    """Whether ``text`` names a team server rather than a store file."""
    return isinstance(text, str) and text.lower().startswith(SERVER_SCHEMES)


def backend_for(where: object) -> str:
    """:data:`POSTGRESQL` for a server URL, :data:`SQLITE` for anything else (a path)."""
    return POSTGRESQL if is_server_url(where) else SQLITE


def _parsed(url: str) -> sa.URL:
    return sa.make_url(url.replace("postgres://", "postgresql://", 1)
                       if url.lower().startswith("postgres://") else url)


@dataclass(frozen=True)
class UrlParts:
    """What a person fills in for a server: host, port (None: the default), database,
    role and the CA file of ``sslrootcert`` ("": the system's)."""

    host: str
    port: int | None
    database: str
    user: str
    ca_file: str


def url_parts(url: str) -> UrlParts | None:
    """The parts of ``postgresql://role@host:port/db?sslrootcert=…``; None when it is
    not a URL at all."""
    try:
        parsed = _parsed(url)
    except sa.exc.ArgumentError:
        return None
    root = parsed.query.get("sslrootcert", "")
    return UrlParts(parsed.host or "", parsed.port, parsed.database or "",
                    parsed.username or "", root if isinstance(root, str) else root[0])


def build_url(host: str, port: int, database: str, user: str, ca_file: str = "") -> str:
    """``postgresql://user@host:port/database`` (no password), with ``sslmode=verify-full``
    and ``sslrootcert`` for a CA file; a host of this computer needs no TLS."""
    netloc = host if ":" not in host else f"[{host}]"
    url = f"postgresql://{quote(user, safe='')}@{netloc}:{port}/{quote(database, safe='')}"
    query: dict[str, str] = {}
    if host.lower() not in LOCAL_HOSTS:
        query["sslmode"] = "verify-full"
    if ca_file:
        query["sslrootcert"] = ca_file
    return f"{url}?{urlencode(query)}" if query else url


def server_url(url: str, password: str | None) -> sa.URL:
    """The SQLAlchemy URL for a server: the psycopg 3 driver, the role's password, and
    ``sslmode=verify-full`` for any host other than this computer (unless the URL
    says otherwise, e.g. ``?sslmode=verify-full&sslrootcert=/path/ca.pem``)."""
    parsed = _parsed(url).set(drivername="postgresql+psycopg")
    if password is not None:
        parsed = parsed.set(password=password)
    host = (parsed.host or "").lower()
    if host not in LOCAL_HOSTS and "sslmode" not in parsed.query:
        parsed = parsed.update_query_dict({"sslmode": "verify-full"})
    return parsed


def display_url(url: str | sa.URL) -> str:
    """The URL without any password: what messages, logs and the keyring name."""
    parsed = sa.make_url(url) if isinstance(url, str) else url
    return parsed.set(drivername=parsed.get_backend_name()).render_as_string(
        hide_password=True).replace(":***@", "@")


NUL = "\x00"
NUL_SHOWN = "\ufffd"  # the replacement character


def storable_text(text: str) -> str:
    """``text`` with every NUL character as U+FFFD: PostgreSQL cannot store NUL in text
    (it refuses the whole statement) and no program shows it, but a damaged file or a
    broken e-mail can hold it."""
    return text.replace(NUL, NUL_SHOWN) if NUL in text else text


_INDEX_HINTS = re.compile(r"\s+(?:INDEXED\s+BY\s+\w+|NOT\s+INDEXED)\b", re.IGNORECASE)
# columns SQLite holds as 0/1 and its partial indexes test as ``= 1``/``= 0``
_BOOLEANS = ("is_main", "preferred", "due_has_time")


def server_booleans(sql: str) -> str:
    """SQLite's ``is_main = 1`` (``= 0``) in PostgreSQL's words, ``is_main IS TRUE``
    (``IS FALSE``): what the server's partial indexes say (made from the file's by
    :func:`spocdesk.core.store.server.init_schema`), so that a query's condition
    matches its index's as it does on the file."""
    for column in _BOOLEANS:
        sql = re.sub(rf"\b{column} = 1\b", f"{column} IS TRUE", sql)
        sql = re.sub(rf"\b{column} = 0\b", f"{column} IS FALSE", sql)
    return sql


def portable(conn: sa.Connection, sql: str) -> sa.TextClause:
    """Hand-written SQL in the file's words, for ``conn``'s database.

    The figures' queries name the index SQLite should walk (``INDEXED BY``); PostgreSQL
    has no such hint and its planner picks for itself, so on a server the hints go, and
    the booleans are spelt as there (:func:`server_booleans`). The SQLite functions those
    queries call (``total``, ``julianday``) the server baseline defines (:mod:`.server`)."""
    if conn.dialect.name == POSTGRESQL:
        sql = server_booleans(_INDEX_HINTS.sub("", sql))
    return sa.text(sql)


def moment(conn: sa.Connection, value: datetime) -> str | datetime:
    """``value`` as a bound parameter compared with stored moments: on the file the text
    SQLAlchemy stores (UTC, always with microseconds, so text order is time order), on a
    server a ``timestamp`` (UTC, without a zone, as the columns are)."""
    utc = value.astimezone(UTC)
    if conn.dialect.name == POSTGRESQL:
        return utc.replace(tzinfo=None)
    return utc.strftime("%Y-%m-%d %H:%M:%S.%f")


def query(conn: sa.Connection, sql: str,
          params: Mapping[str, Any] | None = None) -> sa.CursorResult[*tuple[Any, ...]]:
    """Run hand-written SQL (:func:`portable`) with ``params``: any ``datetime`` among
    them bound as a stored moment (:func:`moment`), a list as the values of an
    ``IN (:name)``."""
    bound = {name: moment(conn, value) if isinstance(value, datetime) else value
             for name, value in (params or {}).items()}
    text = portable(conn, sql)
    lists = [name for name, value in bound.items() if isinstance(value, list)]
    if lists:
        text = text.bindparams(*(sa.bindparam(name, expanding=True) for name in lists))
    return conn.execute(text, bound)


def sees_every_row(conn: sa.Connection, table: str) -> bool:
    """Whether ``conn``'s person reads every row of ``table``: always on the file (one
    person's store); on a team server a lead or the schema's owner (their policies,
    :mod:`.policies`), not a SPOC under row-level security. A summary table of the
    team's (``interaction_hourly``, kept by triggers that see every row) is then exactly
    what they would count themselves."""
    if conn.dialect.name != POSTGRESQL:
        return True
    return bool(conn.execute(sa.text(
        "SELECT spocdesk_is_lead() OR pg_has_role(current_user, (SELECT tableowner "
        "FROM pg_tables WHERE schemaname = current_schema() AND tablename = :table), "
        "'USAGE')"), {"table": table}).scalar())


class instr(GenericFunction[int]):  # lower case: named as the SQL function
    """``instr(haystack, needle)``: SQLite's spelling; ``strpos`` on PostgreSQL.

    Registered under its SQL name, so ``sa.func.instr(...)`` in the queries builds this."""

    type = sa.Integer()
    inherit_cache = True


@compiles(instr, POSTGRESQL)
def _instr_on_postgresql(element: instr, compiler: Any, **kw: Any) -> str:
    return f"strpos({compiler.process(element.clauses, **kw)})"


class _OfTwo(FunctionElement[Any]):
    """A function of two values, typed as its first."""

    inherit_cache = True

    def __init__(self, first: sa.ColumnElement[Any], second: sa.ColumnElement[Any]) -> None:
        super().__init__(first, second)
        self.type = first.type


class either(_OfTwo):  # lower case: reads as SQL, like coalesce
    """``coalesce(first, second)`` of two columns, spelled so a team server can use its
    index under row-level security.

    PostgreSQL checks a row policy *before* any condition it cannot prove LEAKPROOF,
    and such a condition is then no index condition: it counts ``COALESCE`` among
    those, so ``coalesce(snoozed_until, due_at) >= :day`` tested the policy on every
    open follow-up (840 ms for one count as a SPOC on the large store). The same value as
    ``CASE WHEN first IS NOT NULL THEN first ELSE second END`` is leakproof, so the
    server's index on that expression (:mod:`spocdesk.core.store.server`) answers it
    first (58 ms). SQLite keeps ``coalesce``, which its own expression index matches."""

    inherit_cache = True


@compiles(either)
def _either_on_file(element: either, compiler: Any, **kw: Any) -> str:
    return f"coalesce({compiler.process(element.clauses, **kw)})"


@compiles(either, POSTGRESQL)
def _either_on_server(element: either, compiler: Any, **kw: Any) -> str:
    first, second = (compiler.process(c, **kw) for c in element.clauses)
    return either_sql(first, second)


def either_sql(first: str, second: str) -> str:
    """:class:`either` in a server statement's text (an index's expression)."""
    return f"CASE WHEN {first} IS NOT NULL THEN {first} ELSE {second} END"


class larger(_OfTwo):  # lower case: reads as SQL
    """The larger of two values: SQLite's two-argument ``max(a, b)``, PostgreSQL's
    ``greatest(a, b)`` (its ``max`` is an aggregate only)."""

    inherit_cache = True


@compiles(larger)
def _larger_on_file(element: larger, compiler: Any, **kw: Any) -> str:
    return f"max({compiler.process(element.clauses, **kw)})"


@compiles(larger, POSTGRESQL)
def _larger_on_server(element: larger, compiler: Any, **kw: Any) -> str:
    return f"greatest({compiler.process(element.clauses, **kw)})"


class highest_case_number(GenericFunction[int]):  # lower case: used as a SQL function
    """The highest case number in use (NULL: none yet), for the next reference.

    On the file: ``max(ref_number)`` over ``case_record``. On a team server each person
    sees only some cases (row-level security), so their own maximum would hand out a
    number a colleague already has; ``spocdesk_highest_case_number(lock)`` (made by
    :mod:`spocdesk.core.store.policies`) looks at every case, and with ``lock`` true
    holds the team's case-number lock until the transaction ends, so two people adding a
    case at once get two numbers. Use ``sa.select(highest_case_number(lock=…))``."""

    type = sa.Integer()
    inherit_cache = True

    def __init__(self, *, lock: bool = False) -> None:
        super().__init__(sa.true() if lock else sa.false())


@compiles(highest_case_number)
def _highest_case_number_on_file(element: highest_case_number, compiler: Any, **kw: Any) -> str:
    return "(SELECT max(case_record.ref_number) FROM case_record)"


@compiles(highest_case_number, POSTGRESQL)
def _highest_case_number_on_server(element: highest_case_number, compiler: Any,
                                   **kw: Any) -> str:
    return f"spocdesk_highest_case_number({compiler.process(element.clauses, **kw)})"


def defer_foreign_keys(conn: sa.Connection) -> None:
    """Check ``conn``'s foreign keys when its transaction commits, not row by row: records
    copied as they are (a handover pack's, an organisation after its people) may arrive
    before what they point to. The file's ``PRAGMA defer_foreign_keys``; on a server
    ``SET CONSTRAINTS ALL DEFERRED``, which the keys obey because ``server init`` makes
    them deferrable (:mod:`.deferred_keys`)."""
    if conn.dialect.name == POSTGRESQL:
        conn.exec_driver_sql("SET CONSTRAINTS ALL DEFERRED")
    else:
        conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


def case_numbers_taken(conn: sa.Connection, numbers: list[int]) -> set[int]:
    """Which of ``numbers`` a case holds already. On a team server every case counts,
    also those row security hides from the caller (numbers only, through the schema
    owner's ``spocdesk_case_numbers_taken``)."""
    if not numbers:
        return set()
    if conn.dialect.name == POSTGRESQL:
        found = conn.execute(sa.text("SELECT n FROM spocdesk_case_numbers_taken(:numbers) AS n"),
                             {"numbers": numbers})
    else:
        found = conn.execute(sa.text("SELECT ref_number FROM case_record "
                                     "WHERE ref_number IN :numbers").bindparams(
            sa.bindparam("numbers", expanding=True)), {"numbers": numbers})
    return {int(n) for n in found.scalars()}


def secure_delete(conn: sa.Connection) -> None:
    """Have ``conn`` overwrite what it deletes. The file: ``PRAGMA secure_delete``, so
    freed pages hold no old text. A server keeps deleted and updated rows as dead tuples
    until ``VACUUM`` reclaims them, and in its write-ahead log and backups; that is the
    server operator's duty, nothing a connection can ask for."""
    if conn.dialect.name != POSTGRESQL:
        conn.exec_driver_sql("PRAGMA secure_delete = ON")


def text_matches(conn: sa.Connection, pattern: re.Pattern[str], server_regex: str
                 ) -> Callable[[sa.ColumnElement[Any]], sa.ColumnElement[bool]]:
    """A condition "this text column holds a match of ``pattern``", run in SQL so that
    only the rows it finds are loaded.

    On the file it is ``pattern`` itself, as a function registered on the connection.
    PostgreSQL runs its own regular expressions, so a server is given
    ``server_regex``: a POSIX pattern that matches at least wherever ``pattern`` does
    (case ignored). It finds the rows; Python's ``pattern`` decides what is replaced."""
    if conn.dialect.name == POSTGRESQL:
        return lambda column: column.regexp_match(server_regex, flags="i")
    dbapi: Any = conn.connection.driver_connection
    dbapi.create_function("spocdesk_erase_hit", 1,
                          lambda value: int(bool(value) and bool(pattern.search(value))),
                          deterministic=True)
    return lambda column: sa.func.spocdesk_erase_hit(column) == 1
