"""Exact medians and 90th percentiles of the cases' times, from index ranges.

A period's median time to first response (or to resolution) is an order statistic of
every case answered (resolved) in it: on the large store a year is some 90,000
cases, and sorting them took most of the year's dashboard. Revision 0024 indexes each
time by a *bin* first — a whole number that grows with the time (a bin per minute
below 100 minutes, then two significant digits of the minutes: 100–109, 110–119, …,
1,000–1,099, …) — then by the moment that places the case in a stretch of time, then
by the time itself. So, for each stretch ``[lo, hi)``:

1. the cases per bin are counted in one pass over the index (a range of each bin,
   read in bin order: no sort), a few hundred counts;
2. the bin holding each wanted rank follows from those counts (ranks as before:
   the median is the mean of the values at ranks ``(n + 1) // 2`` and
   ``(n + 2) // 2``, the 90th percentile the value at rank ``(9n + 9) // 10``,
   nearest rank);
3. that value is read from the bin's range of the stretch, ordered by the time: a
   few hundred entries at most.

The values are the same SQL expressions as before (``julianday`` differences), read
from the same kind of rows, so the results are the same numbers, not approximations.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from spocdesk.core.store import backend


@dataclass(frozen=True)
class Duration:
    """One time of a case as revision 0024 indexes it: ``value`` (SQL over
    ``case_record``'s columns; ``server_value`` in PostgreSQL's words, as the team
    server's index has it), the ``moment`` column that places a case in a stretch
    of time, the rows counted (``where``: the index's own condition, word for word,
    so that the index serves the queries) and ``minutes`` (the minutes in one unit
    of ``value``: the bins count whole minutes)."""

    index: str
    moment: str
    value: str
    server_value: str
    where: str
    minutes: int

    def value_on(self, server: bool) -> str:
        return self.server_value if server else self.value

    @property
    def bin(self) -> str:
        """The bin, spelt as the file's index (revision 0024) spells it."""
        minutes = f"CAST(({self.value}) * {self.minutes} AS INTEGER)"
        return (f"(CASE WHEN ({self.value}) >= 0 THEN (CASE WHEN {minutes} < 100 THEN {minutes} "
                f"ELSE length({minutes}) * 100 + CAST(substr({minutes}, 1, 2) AS INTEGER) END) "
                "ELSE -1 END)")


#: hours from opening to the first outbound entry, cases by their first response
RESPONSE_HOURS = Duration(
    "ix_case_response_time", "first_response_at",
    "(julianday(first_response_at) - julianday(opened_at)) * 24.0",
    "EXTRACT(EPOCH FROM (first_response_at - opened_at)) / 3600.0",
    "deleted_at IS NULL AND first_response_at IS NOT NULL", 60)
#: days from opening to resolution, resolved (or closed) cases by their resolution
RESOLUTION_DAYS = Duration(
    "ix_case_resolution_time", "resolved_at",
    "julianday(resolved_at) - julianday(opened_at)",
    "EXTRACT(EPOCH FROM (resolved_at - opened_at)) / 86400.0",
    "deleted_at IS NULL AND resolved_at IS NOT NULL AND status IN ('resolved', 'closed')",
    1440)


@dataclass(frozen=True)
class Stats:
    count: int
    median: float | None
    p90: float | None


NONE = Stats(0, None, None)


def _counts_sql(d: Duration, i: int) -> str:
    """Cases per bin of stretch ``i`` (parameters ``lo{i}``, ``hi{i}``), read in the
    index's bin order (no sort)."""
    return (f"SELECT * FROM (SELECT {i}, {d.bin} AS bin, count(*) FROM case_record "
            f"INDEXED BY {d.index} WHERE {d.where} AND {d.moment} >= :lo{i} "
            f"AND {d.moment} < :hi{i} GROUP BY bin) AS c{i}")


def _value_sql(d: Duration, key: str) -> str:
    """The value at one rank of a stretch: parameters ``{key}_bin``, ``{key}_k`` (the
    offset inside the bin) and the stretch's ``{key}_lo``/``{key}_hi``."""
    return (f"(SELECT {d.value} AS v FROM case_record INDEXED BY {d.index} "
            f"WHERE {d.where} AND {d.bin} = :{key}_bin AND {d.moment} >= :{key}_lo "
            f"AND {d.moment} < :{key}_hi ORDER BY v LIMIT 1 OFFSET :{key}_k)")


def _locate(bins: list[tuple[int, int]], rank: int) -> tuple[int, int]:
    """(bin, offset in it) of the 1-based ``rank`` over ``bins`` (bin, count) in order."""
    seen = 0
    for number, count in bins:
        if rank <= seen + count:
            return number, rank - seen - 1
        seen += count
    raise ValueError(f"rank {rank} beyond {seen}")


def stats(conn: sa.Connection, *wanted: tuple[Duration, list[tuple[datetime, datetime]]]
          ) -> list[list[Stats]]:
    """For each (duration, stretches) of ``wanted`` and each of its stretches ``(lo,
    hi)`` (aware moments, ``lo`` included): how many cases the stretch holds, and the
    median and 90th percentile of the duration over them. Two statements in all on
    the file (the bins); one on a team server (:func:`_ranked_on_server`)."""
    flat = [(d, lo, hi) for d, stretches in wanted for lo, hi in stretches]
    if not flat:
        return [[] for _ in wanted]
    if conn.dialect.name == backend.POSTGRESQL:
        flat_stats = _ranked_on_server(conn, flat)
    else:
        flat_stats = _from_bins(conn, flat)
    result: list[list[Stats]] = []
    for _d, stretches in wanted:
        result.append(flat_stats[:len(stretches)])
        flat_stats = flat_stats[len(stretches):]
    return result


def _bounds(flat: list[tuple[Duration, datetime, datetime]]) -> dict[str, datetime]:
    return {f"{side}{i}": moment for i, (_d, lo, hi) in enumerate(flat)
            for side, moment in (("lo", lo), ("hi", hi))}


def _from_bins(conn: sa.Connection, flat: list[tuple[Duration, datetime, datetime]]
               ) -> list[Stats]:
    """Each stretch's count from its bins, then the values at the wanted ranks."""
    per_stretch: dict[int, list[tuple[int, int]]] = {}
    counts = " UNION ALL ".join(_counts_sql(d, i) for i, (d, _lo, _hi) in enumerate(flat))
    for i, b, n in backend.query(conn, counts, _bounds(flat)):
        per_stretch.setdefault(int(i), []).append((int(b), int(n)))
    parts: list[str] = []
    params: dict[str, Any] = {}
    totals: list[int] = []
    for i, (d, lo, hi) in enumerate(flat):
        bins = sorted(per_stretch.get(i, []))
        total = sum(n for _b, n in bins)
        totals.append(total)
        if not total:
            continue
        ranks = {"a": (total + 1) // 2, "b": (total + 2) // 2, "p": (9 * total + 9) // 10}
        for name, rank in ranks.items():
            key = f"s{i}{name}"
            params[f"{key}_bin"], params[f"{key}_k"] = _locate(bins, rank)
            params[f"{key}_lo"], params[f"{key}_hi"] = lo, hi
        # the mean of the two middle values as SQL's avg() takes it, as before
        parts.append(
            f"SELECT {i}, (SELECT avg(v) FROM (SELECT {_value_sql(d, f's{i}a')} AS v "
            f"UNION ALL SELECT {_value_sql(d, f's{i}b')}) AS m{i}), "
            f"{_value_sql(d, f's{i}p')}")
    found: dict[int, tuple[Any, Any]] = {}
    if parts:
        for i, median, p90 in backend.query(conn, " UNION ALL ".join(parts), params):
            found[int(i)] = (median, p90)
    flat_stats = []
    for i, total in enumerate(totals):
        median, p90 = found.get(i, (None, None))
        flat_stats.append(Stats(total, None if median is None else float(median),
                                None if p90 is None else float(p90)))
    return flat_stats


def _ranked_on_server(conn: sa.Connection, flat: list[tuple[Duration, datetime, datetime]]
                      ) -> list[Stats]:
    """The same numbers on a team server: each stretch's rows read once and ranked by
    PostgreSQL's ordered-set aggregates. The bins' two look-ups per rank would test the
    row policy on every case of a bin (1.6 s for a quarter's weeks as a SPOC on the
    large store, 0.1 s so). The 90th percentile is the nearest rank
    (``percentile_disc``: rank ⌈0.9·n⌉, the bins' ⌊(9n + 9)/10⌋); the median the mean of
    the two middle values, the lower one ranked from below and the upper from above,
    averaged as ``avg`` does (both middles are the one middle of an odd count)."""
    parts = []
    for i, (d, _lo, _hi) in enumerate(flat):
        v = d.value_on(server=True)
        parts.append(
            f"SELECT {i}, count(*), (percentile_disc(0.5) WITHIN GROUP (ORDER BY {v}) "
            f"- percentile_disc(0.5) WITHIN GROUP (ORDER BY -({v}))) / 2, "
            f"percentile_disc(0.9) WITHIN GROUP (ORDER BY {v}) FROM case_record "
            f"WHERE {d.where} AND {d.moment} >= :lo{i} AND {d.moment} < :hi{i}")
    found = [NONE] * len(flat)
    for i, n, median, p90 in backend.query(conn, " UNION ALL ".join(parts), _bounds(flat)):
        if n:
            found[int(i)] = Stats(int(n), float(median), float(p90))
    return found
