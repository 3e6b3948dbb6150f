"""Search on a team server: PostgreSQL's own full-text search behind :func:`query.search`.

The same documents as the file's FTS5 index (revisions 0003 and 0025: per kind a
title, a body and digit ``terms``), read from the records at query time:
``to_tsvector('simple', spocdesk_fold(…))`` (lower case, no accents; made by
:func:`spocdesk.core.store.server.init_schema`), with the title weighted ``A``, the
digit terms ``B`` and the body ``D``; every word of the user's text is a prefix term
(``mül:*``), ANDed; text that looks like a phone number also matches its digits run
together against the terms (``4930123:*B``). Ranking is ``ts_rank`` with the same
recency boost as on the file; ``score`` is its negative, so lower is better on both
backends. Hits are the same :class:`~spocdesk.core.search.query.Hit` records, with
snippets and highlights cut in Python as on the file.

First version: no stored index yet (each search reads the live records, fine for a
team's caseload; a generated ``tsvector`` column with a GIN index is the next step).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from spocdesk.core.search import query as q
from spocdesk.core.store import Store
from spocdesk.core.store.server import FOLD

_POINTS = ("(SELECT string_agg(cp.value, ' · ') FROM contact_point AS cp "
           "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL)")
_PHONE_FORMS = " || ' ' || ".join(
    ["cp.normalized"]
    + [f"substr(cp.normalized, {k})" for k in (2, 3, 4)]
    + [f"'0' || substr(cp.normalized, {k})" for k in (2, 3, 4)])
_DIGITS = (f"(SELECT string_agg(CASE WHEN length(cp.normalized) >= 8 THEN {_PHONE_FORMS} "
           "ELSE cp.normalized END, ' ') FROM contact_point AS cp "
           "WHERE cp.stakeholder_id = r.id AND cp.deleted_at IS NULL AND cp.kind = 'phone')")
_ORG = ("(SELECT o.display_name FROM stakeholder AS o "
        "WHERE o.id = r.organisation_id AND o.deleted_at IS NULL)")
_ACTIONS = ("(CASE WHEN r.actions ~ '^\\s*\\[' THEN (SELECT string_agg("
            "coalesce(a->>'text', '') || ' ' || coalesce(a->>'owner', ''), ' ') "
            "FROM jsonb_array_elements(r.actions::jsonb) AS a "
            "WHERE jsonb_typeof(a) = 'object') ELSE r.actions END)")
MAIL_PREVIEW = 640  # characters of an e-mail's text searched (as revision 0025)
_CASE_LIVE = ("(r.case_id IS NULL OR EXISTS (SELECT 1 FROM case_record AS lc "
              "WHERE lc.id = r.case_id AND lc.deleted_at IS NULL))")


def _join(*parts: str) -> str:
    return "concat_ws(' · ', " + ", ".join(f"nullif(trim({p}), '')" for p in parts) + ")"


# title, body, terms, case_id, moment over alias ``r`` (as revision 0003's KINDS)
KINDS: dict[str, tuple[str, str, str, str, str, str]] = {
    "case": ("case_record", "r.ref || ' ' || r.title",
             _join("r.description", "r.next_step", "replace(r.tags, '|', ' ')"),
             "lpad(r.ref_number::text, 4, '0') || ' ' || r.ref_number::text", "r.id",
             "coalesce(r.last_interaction_at, r.opened_at)"),
    "stakeholder": ("stakeholder", "r.display_name",
                    _join("r.given_name", "r.family_name", _ORG, "r.title",
                          "replace(r.tags, '|', ' ')", _POINTS, "r.notes"),
                    f"coalesce({_DIGITS}, '')", "NULL", "r.updated_at"),
    "interaction": ("interaction", "r.summary", "r.body", "''", "r.case_id", "r.occurred_at"),
    "followup": ("followup", "r.title", "r.notes", "''", "r.case_id",
                 "coalesce(r.due_at, r.created_at)"),
    "handover": ("handover_note", "r.summary",
                 _join("r.situation", "r.contingencies", _ACTIONS, "r.synthesis"), "''",
                 "r.case_id", "r.updated_at"),
    # the e-mail waiting in the Inbox (revision 0025 on the file): only while unfiled;
    # the sender's address also in parts (PostgreSQL's parser keeps an address whole,
    # FTS5's splits it: "clinic" finds greta.meyer@clinic.example on both)
    "mail": ("mail_message", "r.subject",
             _join("r.sender_name", "r.sender_email", f"substr(r.body, 1, {MAIL_PREVIEW})"),
             "translate(r.sender_email, '@.-_+', '     ')", "NULL", "r.occurred_at"),
}
_EXTRA_LIVE = {"mail": "r.state = 'unfiled'"}


def tsquery(text: str) -> str | None:
    """User text → a ``to_tsquery('simple', …)`` expression, or None (as
    :func:`query.build_query`: words of one letter are left out)."""
    found = [w for w in q.words(text) if len(w) > 1]
    if not found:
        return None
    expression = " & ".join(f"{w.lower()}:*" for w in found)
    stripped = (text or "").strip()
    digits = re.sub(r"\D", "", stripped)
    if len(found) > 1 and len(digits) >= 3 and q._PHONE_LIKE.fullmatch(stripped):
        expression = f"{digits[:40]}:*B | ({expression})"
    return expression


def _vector(kind: str) -> str:
    """The weighted document of a record of ``kind`` (alias ``r``)."""
    _table, title, body, terms, _case_id, _moment = KINDS[kind]
    return (f"(setweight(to_tsvector('simple', {FOLD}(coalesce({title}, ''))), 'A') || "
            f"setweight(to_tsvector('simple', {terms}), 'B') || "
            f"setweight(to_tsvector('simple', {FOLD}(coalesce({body}, ''))), 'D'))")


def _live(kind: str) -> str:
    child = KINDS[kind][4] == "r.case_id"  # a case's record: only while the case lives
    extra = f" AND {_EXTRA_LIVE[kind]}" if kind in _EXTRA_LIVE else ""
    return "r.deleted_at IS NULL" + (f" AND {_CASE_LIVE}" if child else "") + extra


def _kind_sql(kind: str) -> str:
    table, title, body, _terms, case_id, moment = KINDS[kind]
    vector = _vector(kind)
    return (f"SELECT '{kind}' AS kind, r.id AS record_id, {title} AS title, {body} AS body, "
            f"{case_id} AS case_id, {moment} AS at, ts_rank({vector}, query) AS rank "
            f"FROM {table} AS r, to_tsquery('simple', {FOLD}(:q)) AS query "
            f"WHERE {_live(kind)} AND {vector} @@ query")


def _hits_sql(kinds: Sequence[str], per_kind: int | None) -> str:
    union = " UNION ALL ".join(_kind_sql(kind) for kind in kinds)
    age = "greatest(extract(epoch FROM (:now - m.at)), 0)"
    score = (f"-(m.rank * (1.0 + {q.RECENCY_BOOST} / "
             f"(1.0 + {age} / {q.RECENCY_DAYS * 86_400.0})))")
    scored = f"SELECT m.*, {score} AS score FROM ({union}) AS m"
    if per_kind is not None:
        scored = (f"SELECT * FROM (SELECT s.*, row_number() OVER (PARTITION BY s.kind "
                  f"ORDER BY s.score, s.at DESC) AS nth FROM ({scored}) AS s) AS p "
                  f"WHERE p.nth <= :per_kind")
    return (f"SELECT h.kind, h.record_id, h.title, h.body, h.case_id, c.ref, h.at, h.score "
            f"FROM ({scored}) AS h LEFT JOIN case_record AS c ON c.id = h.case_id "
            f"ORDER BY h.score, h.at DESC NULLS LAST LIMIT :limit")


def _aware(value: datetime | None) -> datetime | None:
    return None if value is None else value.replace(tzinfo=UTC, microsecond=0)


def search(store: Store, text: str, chosen: list[str], limit: int,
           per_kind: int | None) -> list[q.Hit]:
    """:func:`query.search` on a team server (its arguments already checked)."""
    expression = tsquery(text)
    number = q.reference_number(text) if "case" in chosen else None
    if limit == 0 or not chosen or (expression is None and number is None):
        return []
    params: dict[str, Any] = {"q": expression, "limit": limit,
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

def _matches(kind: str, expression: str) -> sa.ColumnElement[bool]:
    """The live records of ``kind`` (alias ``r``) whose document matches ``expression``."""
    query = sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"),
                               getattr(sa.func, FOLD)(sa.literal(expression, sa.String)))
    return sa.and_(sa.text(_live(kind)), sa.literal_column(_vector(kind)).op("@@")(query))


def matching_query(text: str, kinds: Sequence[str], column: str = "id") -> sa.Select[Any]:
    """:func:`query.matching_ids_query` on a team server: ``column`` of the records of
    ``kinds`` matching ``text`` (nothing for text without a word)."""
    expression = tsquery(text)
    selects: list[sa.Select[Any]] = [sa.select(sa.literal_column(f"r.{column}"))
               .select_from(sa.table(KINDS[kind][0]).alias("r"))
               .where(_matches(kind, expression) if expression is not None else sa.false())
               for kind in kinds]
    if not selects:
        return sa.select(sa.literal_column("NULL")).where(sa.false())
    if len(selects) == 1:
        return selects[0]
    return sa.select(sa.literal_column("m.id")).select_from(
        sa.union_all(*selects).subquery("m"))
