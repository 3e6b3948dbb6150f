"""Search-as-you-type in the directory, served by the trigram index of revision 0007.

Three characters or more: every word of three or more characters must occur in a
stakeholder's names, organisation or e-mails (any case, any accents; shorter words
are left out until they grow, unless all are short: then the text as typed must
occur), or — when the text looks like a phone number — its digits must occur in one
of their phone numbers, whatever the formatting on either side. Fewer than three
characters: names whose sort key (family name, else the display name) starts with
the text, from its index.

:func:`name_rank` orders what was found: a stakeholder whose own name holds what was
typed comes before one found only through their organisation or an e-mail, so typing
"Weber" offers Greta Weber before the people who work at Weber GmbH.
"""

from __future__ import annotations

import re
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import ARRAY

from spocdesk.core.model import Stakeholder
from spocdesk.core.store.backend import POSTGRESQL, SQLITE
from spocdesk.core.store.search_documents import LOOKUP_IDS

LOOKUP = "stakeholder_lookup"
LOOKUP_DOC = "stakeholder_lookup_doc"
MIN_SUBSTRING = 3  # the trigram index finds substrings from three characters on
_NOT_PHONE = re.compile(r"[^\d\s()+./-]")
_NOT_DIGIT = re.compile(r"\D")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_lookup = sa.table(LOOKUP, sa.column(LOOKUP), sa.column("rowid"))
_doc = sa.table(LOOKUP_DOC, sa.column("docid"), sa.column("record_id"))


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def lookup_query(text: str) -> str | None:
    """The FTS5 query for ``text``; ``None`` when it is shorter than three characters."""
    typed = " ".join(_CONTROL.sub(" ", text).split())
    if len(typed) < MIN_SUBSTRING:
        return None
    phrases = [_phrase(w) for w in typed.split(" ") if len(w) >= MIN_SUBSTRING]
    query = "words : (" + " AND ".join(phrases or [_phrase(typed)]) + ")"
    digits = _NOT_DIGIT.sub("", typed)
    if digits.startswith("00"):  # an international prefix: the index has numbers without
        digits = digits[2:]
    if len(digits) >= MIN_SUBSTRING and not _NOT_PHONE.search(typed):
        query = f"({query}) OR (digits : {_phrase(digits)})"
    return query


def matched_ids(text: str, backend: str = SQLITE) -> sa.Select[Any] | None:
    """The ids of the live stakeholders whose document matches ``text`` (only live ones
    have a document); ``None`` when it is shorter than three characters. On a team
    server (``backend``) the same documents are matched by substring (:func:`_on_server`)."""
    query = lookup_query(text)
    if query is None:
        return None
    if backend == POSTGRESQL:
        return _on_server(text)
    return (sa.select(_doc.c.record_id)
            .join(_lookup, _lookup.c.rowid == _doc.c.docid)
            .where(_lookup.c[LOOKUP].op("MATCH")(sa.bindparam(None, query, type_=sa.String))))


def matching_clause(text: str, backend: str = SQLITE) -> sa.ColumnElement[bool]:
    """A WHERE clause over :class:`Stakeholder` for the directory's search box."""
    matched = matched_ids(text, backend)
    if matched is None:
        # a NUL is in no name (and PostgreSQL refuses it in a text parameter)
        prefix = " ".join(text.replace("\x00", "").split()).casefold()
        if not prefix:
            return sa.true()
        return sa.and_(Stakeholder.sort_name >= prefix,
                       Stakeholder.sort_name < prefix + "\U0010ffff")
    return Stakeholder.id.in_(matched)


def _pattern(text: str) -> str:
    """``text`` as a LIKE pattern that finds it anywhere."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _on_server(text: str) -> sa.Select[Any]:
    """:func:`matched_ids` on a team server: every typed word (or the text) is a substring
    of the stakeholder's stored words, or the typed digits one of their stored digits,
    through the trigram indexes of the server's search documents and only among the
    people the caller may see (``spocdesk_lookup_ids``: see
    :mod:`spocdesk.core.store.search_documents`)."""
    typed = " ".join(_CONTROL.sub(" ", text).split())
    patterns = [_pattern(word) for word in _words(text)]
    numbers = _NOT_DIGIT.sub("", typed)
    if numbers.startswith("00"):
        numbers = numbers[2:]
    digits = (_pattern(numbers) if len(numbers) >= MIN_SUBSTRING and not _NOT_PHONE.search(typed)
              else None)
    return sa.select(getattr(sa.func, LOOKUP_IDS)(
        sa.literal(patterns, ARRAY(sa.Text)), sa.literal(digits, sa.Text)))


def _words(text: str) -> list[str]:
    typed = " ".join(_CONTROL.sub(" ", text).split())
    return [w for w in typed.split(" ") if len(w) >= MIN_SUBSTRING] or [typed]


def name_rank(text: str, backend: str = SQLITE) -> sa.ColumnElement[int]:
    """0 for a stakeholder whose own name (display, given or family name) holds every
    typed word, 1 for one matched otherwise. Letters compare without case (SQLite's
    LIKE folds ASCII; the case-folded sort name covers the rest); a name matched only
    without its accents ranks as an organisation match would."""
    if not text.strip():
        return sa.literal(0)
    names = (Stakeholder.display_name, Stakeholder.given_name, Stakeholder.family_name)
    # PostgreSQL's LIKE minds case: lower() on both sides there
    holds = "icontains" if backend == POSTGRESQL else "contains"
    every = sa.and_(*(
        sa.or_(*(getattr(column, holds)(word, autoescape=True) for column in names),
               Stakeholder.sort_name.contains(word.casefold(), autoescape=True))
        for word in _words(text)))
    return sa.case((every, 0), else_=1)
