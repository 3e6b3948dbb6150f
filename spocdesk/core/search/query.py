"""Global search: one FTS5 index over cases, stakeholders, the communication log,
follow-ups, handover notes (revision 0003 builds it and its triggers) and the e-mail
waiting in the Inbox (revision 0025: subject, sender and the start of the text).

Matching, the way a person expects it:

* case- and accent-insensitive (``Müller`` finds ``muller`` and the other way);
* every word is a prefix (``ann mül`` finds *Anna Müller* while typing), and
  several words narrow the result (all must match, in any column);
* phone numbers are found by their digits, whatever the formatting
  (``+49 30 1234567``, ``030/1234567``, ``49301234`` …), references by their
  number (``C-0042``, ``0042`` or ``42``); an exact reference comes first.

User text never reaches FTS5 as syntax: :func:`build_query` keeps only its
words (letters and digits), quotes each one and adds the prefix star, so quotes,
operators (``AND``, ``NEAR``, ``-``, ``:``, ``^``) and stray punctuation are
just text. A query with no word in it finds nothing.

Ranking. FTS5's ``bm25()`` with column weights title 10, body 1, terms 5 (a
negative number; lower is better) is scaled by recency::

    score = bm25 * (1 + 0.5 / (1 + age_days / 30))

where ``age_days`` is the age of the record's moment (a case's last
interaction or opening, an interaction's time, a follow-up's due date, a
stakeholder's or handover note's last change), never below 0. A record from
today weighs up to 1.5× its text relevance; after a month 1.25×, after a year
about 1.04×. Results are sorted by ``score`` ascending; an exact reference match
(``C-0042``, ``c42``, ``0042``, ``42``) is put first whatever its score. The
moment and the kind are read from the document id (revision 0003 encodes them
in it), so ranking costs what ``bm25()`` costs. When more than
:data:`RANK_BUDGET` (3,000) records match — a short prefix still being typed —
only the newest 3,000 of them are ranked, which keeps every keystroke fast. Words
of two or three letters are served by the index's prefix indexes, and FTS5 walks
their matches newest first and stops there. A longer word (``rene`` on the way to
*renewal*) merges the doclists of every term it starts, and FTS5 walks such a
merge backwards at a cost that grows with the square of the matches (300 ms for
30,000 on the large store): there the matches are counted in index order, the
newest 3,000 are found by an offset in that order, and only those are ranked
(about 30 ms). Equal scores put the newer document first.

Snippets are cut from the body text (about 12 words around the first match;
the title line is highlighted too) with :data:`MARK_START` (``\\x02``) before
and :data:`MARK_END` (``\\x03``) after each matched term and :data:`ELLIPSIS`
where text was cut. The GUI HTML-escapes the text and turns the markers into
``<b>``/``</b>``; :func:`split_marks` gives the plain text and the highlighted
ranges for anything else (the CLI's JSON).
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from types import ModuleType
from typing import Any

import sqlalchemy as sa

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.outcome import Outcome
from spocdesk.core.search import bulk_index
from spocdesk.core.store import Store
from spocdesk.core.store.backend import POSTGRESQL, SQLITE
from spocdesk.core.uow import ChangeSet

KINDS = ("case", "stakeholder", "interaction", "followup", "handover", "mail")
MARK_START = "\x02"
MARK_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 12
MAX_WORDS = 12
MAX_LIMIT = 1000
INDEX = "search_index"
DOC = "search_index_doc"
# bm25 weights, in column order: title, body, terms (the unindexed columns count 0)
WEIGHTS = (10.0, 1.0, 5.0, 0.0, 0.0, 0.0, 0.0)
RECENCY_BOOST = 0.5
RECENCY_DAYS = 30.0
RANK_BUDGET = 3000  # at most this many (the newest) matches are ranked
# how revision 0003 builds a document id: seconds << 23 | kind << 20 | n
TIME_SHIFT = 23
KIND_SHIFT = 20
KIND_CODES = {"case": 1, "stakeholder": 2, "interaction": 3, "followup": 4, "handover": 5,
              "mail": 6}  # revision 0025: unfiled e-mail
_UNIX_EPOCH_JD = 2440587.5

_WORD = re.compile(r"[^\W_]+")
_PHONE_LIKE = re.compile(r"[\d\s()+./-]+")
_REF = re.compile(r"\s*(?:c\s*-?\s*)?(\d{1,9})\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Hit:
    """One search result.

    ``title`` is the line to show (a case: ``C-0042 Renewal terms``; a person:
    the name; a log entry: its summary; a follow-up: its title; a handover note:
    its summary; an unfiled e-mail: its subject, the snippet starting with its
    sender). ``snippet`` carries :data:`MARK_START`/:data:`MARK_END`
    around matched terms. ``case_id``/``case_ref`` name the case the record
    belongs to (a case names itself; a stakeholder has none). ``at`` is the
    moment used for recency; ``exact`` marks an exact reference match."""

    kind: str
    id: str
    title: str
    snippet: str
    case_id: str | None
    case_ref: str | None
    at: datetime | None
    score: float
    exact: bool = False

    @property
    def plain_snippet(self) -> str:
        return split_marks(self.snippet)[0]

    @property
    def highlights(self) -> list[tuple[int, int]]:
        return split_marks(self.snippet)[1]

    def as_json(self) -> dict[str, Any]:
        """The ``spocdesk search --json`` form of one hit (documented in the README)."""
        plain, ranges = split_marks(self.snippet)
        return {
            "kind": self.kind, "id": self.id, "title": split_marks(self.title)[0],
            "snippet": plain, "highlights": [list(r) for r in ranges],
            "case_id": self.case_id, "case_ref": self.case_ref,
            "at": self.at.isoformat() if self.at else None,
            "score": round(self.score, 6), "exact": self.exact,
        }


def split_marks(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``"a \\x02b\\x03 c"`` → ``("a b c", [(2, 3)])``: plain text and highlighted ranges."""
    plain: list[str] = []
    ranges: list[tuple[int, int]] = []
    length = 0
    start: int | None = None
    for char in text:
        if char == MARK_START:
            start = length
        elif char == MARK_END:
            if start is not None and length > start:
                ranges.append((start, length))
            start = None
        else:
            plain.append(char)
            length += 1
    return "".join(plain), ranges


def words(text: str) -> list[str]:
    """The searchable words of user text (letters and digits), at most :data:`MAX_WORDS`."""
    return _WORD.findall(unicodedata.normalize("NFC", text or ""))[:MAX_WORDS]


def build_query(text: str) -> str | None:
    """User text → a safe FTS5 MATCH expression, or ``None`` when it holds no word.

    Every word becomes a quoted prefix term (``"mül"*``); the terms are ANDed.
    Single letters are left out (``anna m`` searches ``anna``; the next
    keystroke narrows), as is the ``C`` of ``C-0042``; text of single letters
    only finds nothing but an exact reference (``C-7``).
    Text that looks like a phone number (only digits and ``+ ( ) . / -`` and
    spaces, at least 3 digits) also matches its digits run together against
    the digits-only column: ``(terms : "4930123"*) OR ("49"* "30"* "123"*)``.
    """
    found = words(text)
    if not found:
        return None
    found = [w for w in found if len(w) > 1]  # "anna m", "C-42": a lone letter would
    if not found:  # match half the store, slowly; the next keystroke narrows anyway
        return None
    expression = " ".join(f'"{w}"*' for w in found)
    stripped = (text or "").strip()
    digits = re.sub(r"\D", "", stripped)
    if len(found) > 1 and len(digits) >= 3 and _PHONE_LIKE.fullmatch(stripped):
        digits = digits[:40]
        expression = f'(terms : "{digits}"*) OR ({expression})'
    return expression


def reference_number(text: str) -> int | None:
    """``C-0042``, ``c42``, ``0042`` or ``42`` → 42; anything else → ``None``."""
    found = _REF.fullmatch(text or "")
    if found is None:
        return None
    number = int(found.group(1))
    return number or None


def _check_kinds(kinds: Iterable[str] | None) -> list[str]:
    if kinds is None:
        return list(KINDS)
    chosen = list(dict.fromkeys(kinds))
    for kind in chosen:
        if kind not in KINDS:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "'{kind}' is not a kind of record; use one of: {choices}."),
                kind=kind, choices=", ".join(KINDS))
    return chosen


def _from_julian(value: float | None) -> datetime | None:
    if value is None:
        return None
    try:
        return (datetime(1970, 1, 1, tzinfo=UTC)
                + timedelta(days=float(value) - _UNIX_EPOCH_JD)).replace(microsecond=0)
    except (OverflowError, ValueError, TypeError):
        return None


def score_sql() -> str:
    """The ranking expression (see the module docstring); uses ``:now_s``.

    The record's moment is read from the document id (``rowid >> 23`` is its
    Unix time, see revision 0003), never from the FTS content table."""
    weights = ", ".join(str(w) for w in WEIGHTS)
    return (f"bm25({INDEX}, {weights}) * (1.0 + {RECENCY_BOOST} / "
            f"(1.0 + max(:now_s - (rowid >> {TIME_SHIFT}), 0) / {RECENCY_DAYS * 86_400.0}))")


def _kind_filter(kinds: Sequence[str]) -> str:
    if list(kinds) == list(KINDS):
        return ""
    codes = ", ".join(str(KIND_CODES[k]) for k in kinds)
    return f" AND ((rowid >> {KIND_SHIFT}) & 7) IN ({codes})"


PREFIX_INDEXES = (2, 3)  # revision 0003: prefix = '2 3'
_TERM = re.compile(r'"([^"]*)"\*')


def walks_newest_first(expression: str) -> bool:
    """Whether FTS5 can walk ``expression``'s matches newest first cheaply: every
    prefix term has a prefix index of its length (see the module docstring)."""
    return all(len(term) in PREFIX_INDEXES for term in _TERM.findall(expression))


def _hits_sql(kinds: Sequence[str], per_kind: int | None, newest_first: bool = True) -> str:
    kind_filter = _kind_filter(kinds)
    match = f"{INDEX} MATCH :q{kind_filter}"
    # a word still being typed can match half the store: rank its newest BUDGET matches
    # only (bm25() is computed for those)
    if newest_first:  # one pass: FTS5 stops after BUDGET rows
        newest = (f"SELECT rowid AS docid, {score_sql()} AS score FROM {INDEX} "
                  f"WHERE {match} ORDER BY rowid DESC LIMIT :budget")
    else:  # forward passes: count, skip to the BUDGET-th newest, rank from there on
        count = f"SELECT count(*) FROM {INDEX} WHERE {match}"
        oldest = (f"SELECT rowid FROM {INDEX} WHERE {match} ORDER BY rowid "
                  f"LIMIT 1 OFFSET max(({count}) - :budget, 0)")
        newest = (f"SELECT rowid AS docid, {score_sql()} AS score FROM {INDEX} "
                  f"WHERE {match} AND rowid >= ({oldest}) ORDER BY rowid")
    if per_kind is None:
        ranked = (f"ranked AS MATERIALIZED (SELECT docid, score FROM ({newest}) "
                  f"ORDER BY score, docid DESC LIMIT :limit)")
    else:
        ranked = (
            f"scored AS MATERIALIZED ({newest}), "
            f"ranked AS MATERIALIZED (SELECT docid, score FROM (SELECT docid, score, "
            f"row_number() OVER (PARTITION BY (docid >> {KIND_SHIFT}) & 7 "
            f"ORDER BY score, docid DESC) AS n "
            f"FROM scored) WHERE n <= :per_kind ORDER BY score, docid DESC LIMIT :limit)"
        )
    # then 50 rowid lookups for the texts; snippets are cut in Python (see _snippet),
    # which spares FTS5 evaluating the MATCH a second time
    return (
        f"WITH {ranked} "
        f"SELECT s.kind, s.record_id, s.title, s.body, s.case_id, c.ref, s.at, ranked.score "
        f"FROM ranked CROSS JOIN {INDEX} AS s ON s.rowid = ranked.docid "
        f"LEFT JOIN case_record AS c ON c.id = s.case_id "
        f"ORDER BY ranked.score, ranked.docid DESC"  # equal scores: the newer document first
    )


@lru_cache(maxsize=65_536)
def fold(text: str) -> str:
    """Case- and accent-free form of a word, as the index's tokenizer sees it."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _is_match(word: str, prefixes: Sequence[str]) -> bool:
    folded = fold(word)
    return any(folded.startswith(p) for p in prefixes)


@lru_cache(maxsize=256)
def _prefix_pattern(prefixes: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True)))


def _tokens(text: str, prefixes: Sequence[str], stop: int | None = None
            ) -> tuple[list[tuple[int, int]], list[bool]]:
    """The word spans of ``text`` (up to ``stop`` characters) and which of them match.

    Fast path: fold the whole text once and test each word with one compiled
    pattern; a text whose folded form has another length (rare ligatures) is
    folded word by word."""
    end = len(text) if stop is None else min(stop, len(text))
    part = text[:end]
    folded = fold(part) if len(part) <= 256 else fold.__wrapped__(part)
    if len(folded) != len(part):
        spans = [(m.start(), m.end()) for m in _WORD.finditer(part)]
        return spans, [_is_match(part[a:b], prefixes) for a, b in spans]
    pattern = _prefix_pattern(tuple(prefixes))
    spans = []
    hits = []
    for found in _WORD.finditer(part):
        spans.append((found.start(), found.end()))
        hits.append(bool(prefixes) and pattern.match(folded, found.start()) is not None)
    return spans, hits


def _render(text: str, spans: list[tuple[int, int]], hits: list[bool],
            first: int, last: int) -> str:
    """``text`` from token ``first`` to token ``last`` (inclusive), matches marked."""
    out: list[str] = []
    pos = spans[first][0]
    for (a, b), hit in zip(spans[first:last + 1], hits[first:last + 1], strict=True):
        out.append(text[pos:a])
        out.append(f"{MARK_START}{text[a:b]}{MARK_END}" if hit else text[a:b])
        pos = b
    return "".join(out)


def highlight(text: str, prefixes: Sequence[str]) -> str:
    """All of ``text`` with every word that starts with one of ``prefixes`` marked."""
    spans, hits = _tokens(text, prefixes)
    if not any(hits):
        return text
    return (text[:spans[0][0]] + _render(text, spans, hits, 0, len(spans) - 1)
            + text[spans[-1][1]:])


SNIPPET_SCAN = 4_000  # characters of a long body looked at for its first match


def snippet(text: str, prefixes: Sequence[str], tokens: int = SNIPPET_TOKENS) -> str:
    """About ``tokens`` words of ``text`` around its first match, matches marked, with
    :data:`ELLIPSIS` where text was cut (like FTS5's ``snippet()``)."""
    spans, hits = _tokens(text, prefixes, SNIPPET_SCAN)
    if not spans:
        return text.strip()
    first = next((i for i, hit in enumerate(hits) if hit), 0)
    start = max(0, min(first - 2, len(spans) - tokens))
    end = min(len(spans), start + tokens) - 1
    body = _render(text, spans, hits, start, end)
    head = ELLIPSIS if start > 0 else text[:spans[0][0]].strip()
    more = _WORD.search(text, spans[end][1]) is not None
    tail = ELLIPSIS if more else text[spans[end][1]:].strip()
    return f"{head}{body}{tail}"


def exact_case(conn: sa.Connection, number: int, *,
               moment: str = "julianday(coalesce(last_interaction_at, opened_at))",
               to_datetime: Callable[[Any], datetime | None] = _from_julian) -> Hit | None:
    """The hit of the case whose reference was typed: first, whatever the ranking.
    ``moment``/``to_datetime``: how the backend reads the case's moment."""
    row = conn.execute(sa.text(
        f"SELECT id, ref, title, next_step, description, {moment} FROM case_record "
        "WHERE ref_number = :n AND deleted_at IS NULL"), {"n": number}).first()
    if row is None:
        return None
    case_id, ref, title, next_step, description, at = row
    snippet = next_step or (description or "")[:120]
    return Hit(kind="case", id=case_id, title=f"{MARK_START}{ref}{MARK_END} {title}",
               snippet=snippet, case_id=case_id, case_ref=ref, at=to_datetime(at),
               score=float("-inf"), exact=True)


def search(store: Store, text: str, kinds: Iterable[str] | None = None, limit: int = 50,
           *, per_kind: int | None = None) -> list[Hit]:
    """The best ``limit`` records matching ``text``, best first (one indexed query).

    ``kinds`` limits the kinds searched (default: all of :data:`KINDS`);
    ``per_kind`` keeps at most that many hits of each kind (for a palette that
    groups by kind, so 10,000 matching log entries cannot crowd out the one
    matching case). Blank text, or text without any word, finds nothing."""
    chosen = _check_kinds(kinds)
    limit = max(0, min(int(limit), MAX_LIMIT))
    if store.backend == POSTGRESQL:  # PostgreSQL's full-text search (search/server.py)
        from spocdesk.core.search import server

        return server.search(store, text, chosen, limit, per_kind)
    expression = build_query(text)
    number = reference_number(text) if "case" in chosen else None
    if limit == 0 or not chosen or (expression is None and number is None):
        return []
    params: dict[str, Any] = {"q": expression, "limit": limit, "budget": RANK_BUDGET,
                              "now_s": int(store.now().timestamp())}
    if per_kind is not None:
        params["per_kind"] = max(1, int(per_kind))
    hits: list[Hit] = []
    rows: Sequence[Any] = []
    with store.connection() as conn:
        exact = exact_case(conn, number) if number else None
        if exact is not None:
            hits.append(exact)
        try:
            if expression is not None:
                rows = conn.execute(sa.text(_hits_sql(
                    chosen, per_kind, walks_newest_first(expression))), params).all()
        except sa.exc.OperationalError as exc:  # a query FTS5 still refuses finds nothing
            if "fts5" not in str(exc.orig).lower():
                raise
    prefixes = [fold(w) for w in words(text) if len(w) > 1]
    for kind, record_id, title, body, case_id, case_ref, at, score in rows:
        if exact is not None and record_id == exact.id:
            continue
        hits.append(Hit(kind=kind, id=record_id, title=highlight(title or "", prefixes),
                        snippet=snippet(body or "", prefixes), case_id=case_id,
                        case_ref=case_ref, at=_from_julian(at), score=float(score)))
    return hits[:limit]


# -- for the case and stakeholder lists ---------------------------------------

_index = sa.table(INDEX, sa.column(INDEX), sa.column("rowid"))
_doc = sa.table(DOC, sa.column("docid"), sa.column("record_id"))
CASE_REFS = "search_index_case"  # revision 0011: a case document's id → its ref_number
_case_refs = sa.table(CASE_REFS, sa.column("docid"), sa.column("ref_number"))


def matching_docids_query(text: str, kinds: Iterable[str]) -> sa.Select[Any]:
    """A selectable of the document ids of ``kinds`` whose document matches ``text``.

    The kind is read from the document id (revision 0003), never from the FTS
    content table: a word found in 300,000 documents costs its doclist, not
    300,000 row reads. Text without any word selects nothing."""
    chosen = _check_kinds(kinds)
    query = sa.select(_index.c.rowid)
    expression = build_query(text)
    if expression is None or not chosen:
        return query.where(sa.false())
    query = query.where(
        _index.c[INDEX].op("MATCH")(sa.bindparam(None, expression, type_=sa.String)))
    if chosen != list(KINDS):
        codes = [KIND_CODES[kind] for kind in chosen]
        kind = sa.literal_column(f"(({INDEX}.rowid >> {KIND_SHIFT}) & 7)", sa.Integer)
        query = query.where(kind == codes[0] if len(codes) == 1 else kind.in_(codes))
    return query


def matching_ids_query(text: str, kinds: Iterable[str], *,
                       backend: str = SQLITE) -> sa.Select[Any]:
    """A selectable of the record ids of ``kinds`` whose document matches ``text``.

    Use as ``Case.id.in_(matching_ids_query(text, ["case"]))``. Text without any
    word selects nothing (callers skip the filter for blank text). The ids come
    from the document map (``search_index_doc``), one integer look-up a match.
    ``backend``: the store's (:attr:`Store.backend`); a team server matches with
    PostgreSQL's full-text search (:mod:`spocdesk.core.search.server`)."""
    if backend == POSTGRESQL:
        from spocdesk.core.search import server

        return server.matching_query(text, _check_kinds(kinds))
    return sa.select(_doc.c.record_id).where(
        _doc.c.docid.in_(matching_docids_query(text, kinds)))


def matching_case_ids_query(text: str, *, backend: str = SQLITE) -> sa.Select[Any]:
    """Ids of the cases whose reference, title, description, next step or tags match."""
    return matching_ids_query(text, ["case"], backend=backend)


def matching_case_refs_query(text: str, *, backend: str = SQLITE) -> sa.Select[Any]:
    """Reference numbers of the cases matching ``text`` (as :func:`matching_case_ids_query`),
    for the case list: ``Case.ref_number.in_(matching_case_refs_query(text))``.

    Integers join the matches to the cases several times faster than uuids do
    (revision 0011), and ``ref_number`` leads the case list's index. Every matching
    case is selected, not only the best: the list orders them by its own column."""
    if backend == POSTGRESQL:
        from spocdesk.core.search import server

        return server.matching_query(text, ["case"], column="ref_number")
    return sa.select(_case_refs.c.ref_number).where(
        _case_refs.c.docid.in_(matching_docids_query(text, ["case"])))


def matching_stakeholder_ids_query(text: str, *, backend: str = SQLITE) -> sa.Select[Any]:
    """Ids of the stakeholders whose names, organisation, title, contact points
    (phone digits included) or notes match."""
    return matching_ids_query(text, ["stakeholder"], backend=backend)


# -- maintenance --------------------------------------------------------------

def _index_revision() -> ModuleType:
    return importlib.import_module("spocdesk.core.store.migrations.versions.0003_search_index")


def _lookup_revision() -> ModuleType:
    return importlib.import_module(
        "spocdesk.core.store.migrations.versions.0007_stakeholder_lookup")


def _refs_revision() -> ModuleType:
    return importlib.import_module("spocdesk.core.store.migrations.versions.0011_search_case_refs")


def _mail_revision() -> ModuleType:
    return importlib.import_module(
        "spocdesk.core.store.migrations.versions.0025_search_unfiled_mail")


def rebuild_index_in(conn: sa.Connection) -> int:
    """Drop and rebuild the index and its triggers from the records, inside the
    caller's transaction; returns the number of documents indexed."""
    _index_revision().create_index(conn)
    _refs_revision().create_refs(conn)  # the case list's ref numbers of case documents
    mail = _mail_revision()
    if sa.inspect(conn).has_table(mail.TABLE):  # an older schema (a test's, demo data's)
        mail.create_mail_documents(conn)  # the e-mail waiting in the Inbox
    _lookup_revision().create_lookup(conn)  # the directory's lookup, likewise
    return int(conn.execute(sa.text(f"SELECT count(*) FROM {INDEX}")).scalar_one())


@contextmanager
def indexed_afterwards(conn: sa.Connection) -> Iterator[None]:
    """Write a store's worth of records in the block, then index them all at once.

    FTS5 flushes its pending terms at every statement savepoint, so the triggers'
    one document per inserted row becomes one tiny segment per row, merged again and
    again: generating the large store through them slowed to about 25 interactions
    a second once the index held 150,000 documents. The block runs without them;
    the whole index is then rebuilt set-based and the triggers put back, in the
    caller's transaction (which rolls all of it back if the block raises).

    A team server keeps its stored search documents by its own triggers, row by row
    in the same transaction (:mod:`spocdesk.core.store.search_documents`); they cost
    no merging, so the block runs with them."""
    if conn.dialect.name == POSTGRESQL:
        yield
        return
    bulk_index.drop_index_triggers(conn)
    yield
    rebuild_index_in(conn)


def rebuild_index(store: Store) -> Outcome[int]:
    """Drop and rebuild the index and its triggers from the records (one transaction);
    the value is the number of documents indexed. On a team server: its stored search
    documents (:mod:`spocdesk.core.store.search_documents`; the schema owner's right)."""
    with store.unit_of_work() as uow:
        if store.backend == POSTGRESQL:
            from spocdesk.core.store import search_documents

            count = search_documents.rebuild(uow.session.connection())
        else:
            count = rebuild_index_in(uow.session.connection())
        uow.commit()
    changes = ChangeSet()
    changes.touch("search")
    return Outcome(count, changes)


def index_problems(store: Store) -> list[str]:
    """Differences between the index and the records (empty when they agree; on a team
    server, its stored search documents: :mod:`spocdesk.core.store.search_documents`)."""
    if store.backend == POSTGRESQL:
        from spocdesk.core.store import search_documents

        with store.connection() as conn:
            return search_documents.problems(conn)
    problems: list[str] = []
    revision = _index_revision()
    with store.connection() as conn:
        indexed = {str(r[0]): int(r[1]) for r in conn.execute(sa.text(
            f"SELECT kind, count(*) FROM {INDEX} GROUP BY kind"))}
        for kind, spec in revision.KINDS.items():
            live = "r.deleted_at IS NULL"
            if kind in revision.CASE_CHILDREN:
                live += f" AND {revision._CASE_LIVE}"
            expected = int(conn.execute(sa.text(
                f"SELECT count(*) FROM {spec['table']} AS r WHERE {live}")).scalar_one())
            if int(indexed.get(kind, 0)) != expected:
                problems.append(f"the search index holds {indexed.get(kind, 0)} {kind} "
                                f"document(s) for {expected} record(s)")
        mail = _mail_revision()
        waiting = 0 if not sa.inspect(conn).has_table(mail.TABLE) else int(conn.execute(sa.text(
            f"SELECT count(*) FROM {mail.TABLE} AS r WHERE r.deleted_at IS NULL AND "
            f"{mail.spec()['live']}")).scalar_one())
        if int(indexed.get(mail.KIND, 0)) != waiting:
            problems.append(f"the search index holds {indexed.get(mail.KIND, 0)} mail "
                            f"document(s) for {waiting} unfiled e-mail(s)")
        refs, agreeing = conn.execute(sa.text(
            f"SELECT count(*), count(c.id) FROM {CASE_REFS} AS r "
            f"LEFT JOIN {DOC} AS d ON d.docid = r.docid "
            "LEFT JOIN case_record AS c ON c.id = d.record_id AND c.ref_number = r.ref_number"
        )).one()
        cases = int(indexed.get("case", 0))
        if int(refs) != cases or int(agreeing) != cases:
            problems.append(f"the case list's text filter holds {refs} reference(s), "
                            f"{agreeing} of them right, for {cases} case document(s)")
        lookup = _lookup_revision()
        held = int(conn.execute(sa.text(f"SELECT count(*) FROM {lookup.LOOKUP}")).scalar_one())
        people = int(conn.execute(sa.text(
            "SELECT count(*) FROM stakeholder WHERE deleted_at IS NULL")).scalar_one())
        if held != people:
            problems.append(f"the directory lookup holds {held} document(s) for {people} "
                            "stakeholder(s)")
    return problems
