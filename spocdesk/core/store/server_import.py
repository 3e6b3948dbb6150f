"""Moving in: one person's encrypted store onto a team server (``spocdesk server import
URL --from-store FILE``, issue 22 item 6).

Every record keeps its id (a UUID), its revision and its times. The copy is one
transaction on the server: all of it, or nothing when anything fails. It is idempotent
by those ids: a record whose id the server holds already is left as it is there, so a
second run adds nothing (and an interrupted run can simply be started again).

Where another person's records already hold a value that must be unique on the
server, nothing is overwritten:

- a case reference (``C-0042``) taken by another case: the imported case gets the next
  free number, and the report says which reference became which;
- a setting of the same name: the server's (the team's) setting stays;
- an e-mail already captured by a colleague (the same message): the server's copy
  stays, and so do its attachments.

Records that hang on a record left out that way are left out with it. Derived figures
(``interaction_hourly``) are not copied: the server's triggers count the log entries as
they arrive (:mod:`.server_triggers`), and recompute the derived columns of each copied
row (SLA deadlines in the importing computer's time zone). While copying, the
server's change feed stays quiet and says once at the end that everything may have
changed (:mod:`.notify`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert

from spocdesk.core.store import backend, notify

if TYPE_CHECKING:
    from spocdesk.core.store.open import Store

log = logging.getLogger(__name__)

BATCH = 1000
#: values besides the id that are unique on the server: a row whose value another
#: record holds already is left out (and what hangs on it)
NATURAL_KEYS = {"setting": "key", "mail_message": "dedupe_key"}


@dataclass
class ImportReport:
    """What one import did, per table: records added and records already there."""

    added: dict[str, int] = field(default_factory=dict)
    present: dict[str, int] = field(default_factory=dict)
    #: rows left out because the server holds their unique value already (and their
    #: dependants)
    kept_theirs: dict[str, int] = field(default_factory=dict)
    renamed: dict[str, str] = field(default_factory=dict)  # case reference: old → new

    @property
    def total_added(self) -> int:
        return sum(self.added.values())

    @property
    def total_present(self) -> int:
        return sum(self.present.values())

    def as_json(self) -> dict[str, Any]:
        return {"added": self.added, "already_there": self.present,
                "kept_the_servers": self.kept_theirs, "renamed_cases": self.renamed,
                "total_added": self.total_added, "total_already_there": self.total_present}


def tables() -> list[sa.Table]:
    """The record tables, parents before children; derived figures left out."""
    from spocdesk.core.model import Base

    return [t for t in Base.metadata.sorted_tables if not t.info.get("derived")]


def import_store(source: Store, target: Store,
                 progress: Callable[[str, int], None] | None = None) -> ImportReport:
    """Copy every record of ``source`` (an open store file) that ``target`` (an open team
    server) does not hold yet; one transaction on the server."""
    report = ImportReport()
    skipped: dict[str, set[str]] = {}  # table → ids left out (their dependants follow)
    with source.connection() as src, target.engine.begin() as dst:
        notify.quiet(dst)
        numbers = _Numbers(src, dst)
        for table in tables():
            for rows in _batches(src, table):
                rows = _without_orphans(table, rows, skipped, report)
                rows = _without_present(dst, table, rows, report)
                if table.name == "case_record":
                    numbers.renumber(dst, rows, report)
                if table.name in NATURAL_KEYS:
                    rows = _without_taken(dst, table, NATURAL_KEYS[table.name], rows,
                                          skipped, report)
                if rows:
                    dst.execute(pg_insert(table).on_conflict_do_nothing(
                        index_elements=["id"]), rows)
                    report.added[table.name] = report.added.get(table.name, 0) + len(rows)
            if progress is not None:
                progress(table.name, report.added.get(table.name, 0))
        notify.announce_all(dst)
    log.info("imported a store onto a team server: %d records added, %d already there",
             report.total_added, report.total_present)
    return report


def _batches(conn: sa.Connection, table: sa.Table) -> Iterator[list[dict[str, Any]]]:
    """The table's rows in creation order (organisations before their people)."""
    order: list[Any] = []
    if table.name == "stakeholder":
        order.append(table.c.organisation_id.isnot(None))
    order.append(sa.literal_column("rowid"))
    result = conn.execution_options(stream_results=True).execute(
        sa.select(table).order_by(*order))
    while chunk := result.fetchmany(BATCH):
        yield [dict(row._mapping) for row in chunk]


def _count(counter: dict[str, int], table: sa.Table, n: int) -> None:
    if n:
        counter[table.name] = counter.get(table.name, 0) + n


def _without_orphans(table: sa.Table, rows: list[dict[str, Any]],
                     skipped: dict[str, set[str]],
                     report: ImportReport) -> list[dict[str, Any]]:
    """Rows hanging on a row left out are left out too."""
    links = [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys
             if skipped.get(fk.column.table.name)]
    if not links:
        return rows
    kept = []
    for row in rows:
        if any(row[column] in skipped[parent] for column, parent in links):
            skipped.setdefault(table.name, set()).add(row["id"])
        else:
            kept.append(row)
    _count(report.kept_theirs, table, len(rows) - len(kept))
    return kept


def _without_present(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]],
                     report: ImportReport) -> list[dict[str, Any]]:
    """Rows whose id the server holds already are left as they are there."""
    if not rows:
        return rows
    present = set(conn.execute(sa.select(table.c.id).where(
        table.c.id.in_([row["id"] for row in rows]))).scalars())
    _count(report.present, table, len(present))
    return [row for row in rows if row["id"] not in present]


def _without_taken(conn: sa.Connection, table: sa.Table, column: str,
                   rows: list[dict[str, Any]], skipped: dict[str, set[str]],
                   report: ImportReport) -> list[dict[str, Any]]:
    values = [row[column] for row in rows]
    if not values:
        return rows
    taken = set(conn.execute(sa.select(table.c[column]).where(
        table.c[column].in_(values))).scalars())
    kept = [row for row in rows if row[column] not in taken]
    for row in rows:
        if row[column] in taken:
            skipped.setdefault(table.name, set()).add(row["id"])
    _count(report.kept_theirs, table, len(rows) - len(kept))
    return kept


class _Numbers:
    """Free case numbers: above the highest on the server and in the store file."""

    CASES = sa.table("case_record", sa.column("ref"), sa.column("ref_number"))

    def __init__(self, src: sa.Connection, dst: sa.Connection) -> None:
        highest = sa.select(sa.func.max(self.CASES.c.ref_number))
        # on the server every case counts, also those row security hides from the importer
        on_server = dst.execute(sa.select(backend.highest_case_number(lock=True))).scalar()
        self.last = max(src.execute(highest).scalar() or 0, on_server or 0)

    def renumber(self, conn: sa.Connection, rows: Sequence[dict[str, Any]],
                 report: ImportReport) -> None:
        """A case whose number another case holds on the server gets the next free one."""
        if not rows:
            return
        taken = set(conn.execute(
            sa.text("SELECT n FROM spocdesk_case_numbers_taken(:numbers) AS n"),
            {"numbers": [row["ref_number"] for row in rows]}).scalars())
        for row in rows:
            if row["ref_number"] in taken:
                self.last += 1
                old = row["ref"]
                # the format of spocdesk.core.cases.service.format_ref (a layer above)
                row["ref_number"], row["ref"] = self.last, f"C-{self.last:04d}"
                report.renamed[old] = row["ref"]
