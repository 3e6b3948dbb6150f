"""unfiled e-mail in global search

Every e-mail waiting in the Inbox (``mail_message.state = 'unfiled'``, not deleted)
becomes a document of the search index (revision 0003) of a sixth kind, ``mail``
(kind code 6 in bits 20-22 of the document id; codes 1-5 are taken, 7 is free):

* title: the subject;
* body: the sender's name and address and the start of the text
  (:data:`PREVIEW_CHARS` characters: what the Inbox's one-line preview is cut from,
  not the whole text of a message that may run to megabytes);
* moment: when it was written (``occurred_at``); no case.

Triggers keep it right in the same transaction as every write: a message captured
unfiled gets its document; filed on a case, ignored, dismissed as not a request,
deleted or erased, its document goes (a filed message is found as the log entry it
became). Their names start with ``search_index_`` like the index's own, so
rebuilding the index (revision 0003's :func:`create_index`, which drops them) is
followed by :func:`create_mail_documents` (``search.rebuild_index`` does both).

The documents live in the encrypted store like everything else; nothing of them is
written anywhere else.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-06
"""

import importlib
from collections.abc import Sequence
from types import ModuleType

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KIND = "mail"
CODE = 6
PREVIEW_CHARS = 640  # the Inbox reads this much of a text for its preview line
TABLE = "mail_message"
TRIGGERS = tuple(f"search_index_{TABLE}_{end}" for end in ("ai", "au", "ad"))


def _index() -> ModuleType:
    return importlib.import_module("spocdesk.core.store.migrations.versions.0003_search_index")


def spec() -> dict[str, str]:
    """The mail kind in the shape of revision 0003's ``KINDS`` (plus its ``code`` and
    its ``live`` condition)."""
    index = _index()
    return {
        "table": TABLE,
        "code": str(CODE),
        "live": "r.state = 'unfiled'",
        "watch": "state, deleted_at, subject, sender_name, sender_email, body, occurred_at",
        "title": "r.subject",
        "body": index._join("r.sender_name", "r.sender_email",
                            f"substr(r.body, 1, {PREVIEW_CHARS})"),
        "terms": "''",
        "case_id": "NULL",
        "moment": "r.occurred_at",
    }


def trigger_statements() -> list[str]:
    index, mail = _index(), spec()
    reindex = index._rewrite(KIND, "NEW.id", "r.id = NEW.id", mail)
    return [
        # mail filed by a rule as it is captured never waits in the Inbox: no document
        f"CREATE TRIGGER {TRIGGERS[0]} AFTER INSERT ON {TABLE} "
        f"WHEN NEW.state = 'unfiled' AND NEW.deleted_at IS NULL BEGIN\n{reindex}END",
        f"CREATE TRIGGER {TRIGGERS[1]} AFTER UPDATE OF {mail['watch']} ON {TABLE} "
        f"WHEN OLD.state = 'unfiled' OR NEW.state = 'unfiled' BEGIN\n{reindex}END",
        f"CREATE TRIGGER {TRIGGERS[2]} AFTER DELETE ON {TABLE} "
        f"WHEN OLD.state = 'unfiled' BEGIN\n{index._forget('OLD.id')}END",
    ]


def _is_mail(docid: str) -> str:
    return f"((({docid}) >> {_index().KIND_SHIFT}) & 7) = {CODE}"


def drop_statements() -> list[str]:
    index = _index()
    return [f"DROP TRIGGER IF EXISTS {name}" for name in TRIGGERS] + [
        f"DELETE FROM {index.INDEX} WHERE rowid IN "
        f"(SELECT docid FROM {index.DOC} WHERE {_is_mail('docid')})",
        f"DELETE FROM {index.DOC} WHERE {_is_mail('docid')}",
    ]


def create_mail_documents(conn: sa.Connection) -> None:
    """Drop and write the documents of the unfiled mail and their triggers (after
    revision 0003's ``create_index``; also used to rebuild)."""
    index, mail = _index(), spec()
    for statement in [*drop_statements(), *trigger_statements(),
                      index._new_docids(KIND, "1", mail), index._documents(KIND, "1", mail)]:
        conn.exec_driver_sql(statement)


def upgrade() -> None:
    create_mail_documents(op.get_bind())


def downgrade() -> None:
    conn = op.get_bind()
    for statement in drop_statements():
        conn.exec_driver_sql(statement)
