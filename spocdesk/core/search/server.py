"""Search on a team server: PostgreSQL's own full-text search behind :func:`query.search`.

The same documents as the file's FTS5 index (revisions 0003 and 0025: per kind a
title, a body and digit ``terms``), stored on the server in ``search_document``
(:mod:`spocdesk.core.store.search_documents`, kept current by triggers): a generated
``tsvector`` of ``spocdesk_fold``-ed text (lower case, no accents) with the title
weighted ``A``, the digit terms ``B`` and the body ``D``, under a GIN index. Every
word of the user's text, as the server's parser splits it (an e-mail address is one),
is a prefix term (``mül:*``), ANDed; text that looks like a
phone number also matches its digits run together against the terms
(``4930123:*B``). As on the file, a short word still being typed may match half the
store: only the newest :data:`~spocdesk.core.search.query.RANK_BUDGET` matches are
ranked. Ranking is ``ts_rank`` with the same recency boost as on the file; ``score``
is its negative, so lower is better on both backends. Hits are the same
:class:`~spocdesk.core.search.query.Hit` records, with snippets and highlights cut in
Python as on the file.

Who finds what: the documents are read through the server's functions
(``spocdesk_search_matches``, ``spocdesk_search_ids``), which match through the indexes
and keep only what the person may read by the rules of row security, so a search finds
only that (see :mod:`spocdesk.core.store.search_documents`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from spocdesk.core.search import query as q
from spocdesk.core.store import Store
from spocdesk.core.store.search_documents import CASE_NUMBERS, IDS, KINDS, MATCHES, QUERY

#: the longest text sent as a query (the words beyond it are :data:`query.MAX_WORDS`'s)
MAX_QUERY_TEXT = 400


def tsquery(text: str) -> dict[str, str | None] | None:
    """User text → the parameters ``q`` and ``digits`` of :data:`_QUERY`, or None when it
    holds no word (as :func:`query.build_query`: words of one letter are left out). The
    server splits the text into words as it split the documents
    (``spocdesk_search_query`` in :mod:`spocdesk.core.store.search_documents`); text that
    looks like a phone number also matches its digits run together."""
    found = [w for w in q.words(text) if len(w) > 1]
    if not found:
        return None
    stripped = (text or "").strip()
    digits = re.sub(r"\D", "", stripped)
    phone = len(found) > 1 and len(digits) >= 3 and q._PHONE_LIKE.fullmatch(stripped)
    return {"q": stripped[:MAX_QUERY_TEXT], "digits": digits[:40] if phone else None}


_QUERY = f"{QUERY}(:q, :digits)"


def _hits_sql(kinds: Sequence[str], per_kind: int | None) -> str:
    """The best matches: of the (at most :data:`~query.RANK_BUDGET`) newest documents
    matching, ranked by ``ts_rank`` and recency (as on the file, where a word still
    being typed may match half the store)."""
    ranked = (f"SELECT n.kind, n.record_id, n.title, n.body, n.case_id, n.at, n.rank "
              f"FROM {MATCHES}({_QUERY}, CAST(:kinds AS text[]), :budget) AS n")
    age = "greatest(extract(epoch FROM (:now - m.at)), 0)"
    score = (f"-(m.rank * (1.0 + {q.RECENCY_BOOST} / "
             f"(1.0 + {age} / {q.RECENCY_DAYS * 86_400.0})))")
    scored = f"SELECT m.*, {score} AS score FROM ({ranked}) AS m"
    if per_kind is not None:
        scored = (f"SELECT * FROM (SELECT s.*, row_number() OVER (PARTITION BY s.kind "
                  f"ORDER BY s.score, s.at DESC) AS nth FROM ({scored}) AS s) AS p "
                  f"WHERE p.nth <= :per_kind")
    # the case's reference of the best few only (a look-up under row security each)
    best = f"SELECT * FROM ({scored}) AS b ORDER BY b.score, b.at DESC NULLS LAST LIMIT :limit"
    return (f"SELECT h.kind, h.record_id, h.title, h.body, h.case_id, c.ref, h.at, h.score "
            f"FROM ({best}) AS h LEFT JOIN case_record AS c ON c.id = h.case_id "
            f"ORDER BY h.score, h.at DESC NULLS LAST")


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC, microsecond=0)


def search(store: Store, text: str, chosen: list[str], limit: int,
           per_kind: int | None) -> list[q.Hit]:
    """:func:`query.search` on a team server (its arguments already checked)."""
    expression = tsquery(text)
    number = q.reference_number(text) if "case" in chosen else None
    if limit == 0 or not chosen or (expression is None and number is None):
        return []
    params: dict[str, Any] = {**(expression or {}), "limit": limit, "kinds": list(chosen),
                              "budget": q.RANK_BUDGET,
                              "now": store.now().astimezone(UTC).replace(tzinfo=None)}
    if per_kind is not None:
        params["per_kind"] = max(1, int(per_kind))
    hits: list[q.Hit] = []
    rows: Sequence[Any] = []
    with store.connection() as conn:
        exact = (q.exact_case(conn, number, moment="coalesce(last_interaction_at, opened_at)",
                                 to_datetime=_aware) if number else None)
        if exact is not None:
            hits.append(exact)
        if expression is not None:
            rows = conn.execute(sa.text(_hits_sql(chosen, per_kind)), params).all()
    prefixes = [q.fold(w) for w in q.words(text) if len(w) > 1]
    for kind, record_id, title, body, case_id, case_ref, at, score in rows:
        if exact is not None and record_id == exact.id:
            continue
        hits.append(q.Hit(kind=kind, id=record_id, title=q.highlight(title or "", prefixes),
                          snippet=q.snippet(body or "", prefixes), case_id=case_id,
                          case_ref=case_ref, at=_aware(at), score=float(score)))
    return hits[:limit]


# -- for the case and stakeholder lists ---------------------------------------

def matching_query(text: str, kinds: Sequence[str], column: str = "id") -> sa.Select[Any]:
    """:func:`query.matching_ids_query` on a team server: ``column`` of the records of
    ``kinds`` whose stored document matches ``text`` (nothing for text without a word).
    ``column`` other than ``id`` is read from the records of the one kind (a case's
    ``ref_number``), through their own row security."""
    expression = tsquery(text)
    if expression is None or not kinds:
        return sa.select(sa.literal_column("NULL")).where(sa.false())
    query = getattr(sa.func, QUERY)(sa.literal(expression["q"], sa.String),
                                    sa.literal(expression["digits"], sa.String))
    if list(kinds) == ["case"] and column == "ref_number":
        return sa.select(getattr(sa.func, CASE_NUMBERS)(query).label("ref_number"))
    selects = [sa.select(getattr(sa.func, IDS)(query, sa.literal(kind, sa.String)).label("id"))
               for kind in kinds]
    ids: sa.Select[Any] = selects[0] if len(selects) == 1 else sa.select(
        sa.literal_column("m.id")).select_from(sa.union_all(*selects).subquery("m"))
    if column == "id":
        return ids
    if len(kinds) != 1:
        raise ValueError("a column other than id is read from one kind's records")
    records = sa.table(KINDS[kinds[0]][0], sa.column("id"), sa.column(column)).alias("r")
    return sa.select(records.c[column]).where(records.c.id.in_(ids))
