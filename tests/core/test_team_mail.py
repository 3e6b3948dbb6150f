"""Two people on a team server capture the same e-mail (issue 22): each keeps their own
copy, neither is refused nor learns that the other has it; a copy one sees already (a
colleague's, filed on a case they share) is not captured twice; on the store file a
message is stored once, as ever."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from spocdesk.core.mail.capture import capture
from spocdesk.core.model import StoredMail
from spocdesk.core.store import Store, policies
from spocdesk.core.store.server import init_schema
from tests.core.mail.helpers import message
from tests.core.test_row_security import (  # noqa: F401 - fixtures
    Team,
    _annas_caseload,
    db,
    people_,
    team,
)
from tests.pg_server import PASSWORD, PgServer

NEWSLETTER = message("Team newsletter", sender="news@example.org",
                     message_id="<news-2026-03@example.org>")


def copies(t: Team, who: str) -> list[tuple[str, str]]:
    return [(str(key), str(owner)) for key, owner in t.rows(
        who, "SELECT dedupe_key, owner FROM mail_message ORDER BY owner")]


def all_copies(pg_server: PgServer, t: Team) -> list[tuple[str, str]]:
    with pg_server.admin(t.db) as conn:
        return [(str(key), str(owner)) for key, owner in conn.execute(
            "SELECT dedupe_key, owner FROM mail_message ORDER BY owner")]


def test_two_people_capture_the_same_message_each_as_their_own(
        people_: Team, pg_server: PgServer) -> None:  # noqa: F811
    t = people_
    first = capture(t.app("anna"), [NEWSLETTER], source="file").value
    second = capture(t.app("bert"), [NEWSLETTER], source="file").value
    assert (len(first.items), len(second.items)) == (1, 1)
    assert second.duplicates == 0  # nothing says that Anna has it
    key = NEWSLETTER.dedupe_key
    assert copies(t, "anna") == [(key, "anna")]
    assert copies(t, "bert") == [(key, "bert")]
    assert copies(t, "lena") == []  # mail not on a case is its owner's alone
    assert all_copies(pg_server, t) == [(key, "anna"), (key, "bert")]
    # each one's own copy is still captured once
    again = capture(t.app("bert"), [NEWSLETTER], source="file").value
    assert (again.items, again.duplicates) == ((), 1)
    assert copies(t, "bert") == [(key, "bert")]
    # and a second server init keeps it so
    assert init_schema(pg_server.plain_url(t.db), PASSWORD) is False
    capture(t.app("lena"), [NEWSLETTER], source="file")
    assert len(all_copies(pg_server, t)) == 3


def test_a_message_on_a_shared_case_is_not_captured_twice(people_: Team) -> None:  # noqa: F811
    t = people_
    mine = _annas_caseload(t)
    about = message(f"Re: [{mine['ref']}] the boiler", sender="clara@example.org",
                    message_id="<boiler-1@example.org>")
    filed = capture(t.app("anna"), [about], source="file").value
    assert filed.items[0].case_ref == mine["ref"]
    t.sql("anna").execute(
        f"INSERT INTO {policies.SHARE} (case_id, grantee) VALUES (%s, 'bert')",
        (mine["case"],))
    theirs = capture(t.app("bert"), [about], source="file").value
    assert (theirs.items, theirs.duplicates) == ((), 1)  # the case's log has it once
    assert t.rows("bert", "SELECT count(*) FROM interaction WHERE case_id = %s "
                          "AND channel = 'email'", mine["case"]) == [(1,)]


def test_on_the_file_a_message_is_stored_once(store: Store) -> None:
    capture(store, [NEWSLETTER], source="file")
    with store.session() as session, pytest.raises(sa.exc.IntegrityError):
        session.add(StoredMail(id="m2", dedupe_key=NEWSLETTER.dedupe_key[:100]))
        session.flush()
