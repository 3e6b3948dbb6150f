"""The change feed tells a role nothing about rows it cannot read (issue 22): every
member listens on one channel, so a notification carries only a number; what it stands
for is read back from the change log, whose row security shows a change only to whoever
may read the changed row. Proved as real roles: Anna writes, Bert listens (through the
app's listener and with plain SQL on his own connection), Lena leads."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.followups import service as followups
from spocdesk.core.store import notify, policies
from spocdesk.core.store.notify import BATCH_SECONDS, ChangeListener
from spocdesk.core.uow import ChangeSet
from tests.core.test_row_security import (  # noqa: F401 - fixtures
    Team,
    _annas_caseload,
    db,
    people_,
    team,
)

WAIT = 5.0


class Ears:
    """One person's app listener and what it heard."""

    def __init__(self, t: Team, who: str) -> None:
        self.heard: queue.Queue[ChangeSet] = queue.Queue()
        self.listener = ChangeListener(t.app(who), self.heard.put).start()
        assert self.listener.wait_listening()

    def all_ids(self, settle: float = 4 * BATCH_SECONDS) -> set[str]:
        """Every id heard until the feed has been quiet for ``settle`` seconds."""
        ids: set[str] = set()
        while True:
            try:
                changes = self.heard.get(timeout=settle)
            except queue.Empty:
                return ids
            for kind_ids in changes.ids.values():
                ids |= kind_ids

    def next_ids(self) -> set[str]:
        changes = self.heard.get(timeout=WAIT)
        return set().union(*changes.ids.values())


@pytest.fixture
def ears(people_: Team) -> Iterator[dict[str, Ears]]:  # noqa: F811 - the fixture
    made = {who: Ears(people_, who) for who in ("bert", "lena")}
    yield made
    for e in made.values():
        e.listener.stop()


def ids_of(mine: dict[str, str]) -> set[str]:
    return {mine["case"], mine["client"]}


def test_a_colleague_hears_nothing_of_rows_they_cannot_read(
        people_: Team, ears: dict[str, Ears]) -> None:  # noqa: F811
    mine = _annas_caseload(people_)
    assert ears["bert"].all_ids() == set()  # a SPOC: nothing of Anna's
    assert ids_of(mine) <= ears["lena"].all_ids()  # the lead: the team's caseload

    # shared with Bert, the case's changes reach him by id; Dora still hears nothing
    people_.sql("anna").execute(
        f"INSERT INTO {policies.SHARE} (case_id, grantee) VALUES (%s, 'bert')",
        (mine["case"],))
    dora = Ears(people_, "dora")
    try:
        people_.sql("anna").execute(
            "UPDATE case_record SET next_step = 'Call Clara' WHERE id = %s", (mine["case"],))
        assert mine["case"] in ears["bert"].next_ids()
        assert dora.all_ids() == set()
    finally:
        dora.listener.stop()


def test_a_follow_up_deleted_for_good_is_heard_through_its_case(
        people_: Team, ears: dict[str, Ears]) -> None:  # noqa: F811
    mine = _annas_caseload(people_)
    anna = people_.app("anna")
    followup_id = followups.add_followup(anna, followups.NewFollowUp(
        title="Chase", due_at=None, case_id=mine["case"])).value
    people_.sql("anna").execute(
        f"INSERT INTO {policies.SHARE} (case_id, grantee) VALUES (%s, 'bert')",
        (mine["case"],))
    ears["bert"].all_ids()
    people_.sql("anna").execute("DELETE FROM followup WHERE id = %s", (followup_id,))
    assert followup_id in ears["bert"].next_ids()  # the row is gone; its case is his
    cases.add_case(anna, cases.NewCase(title="Anna's other case"))
    assert ears["bert"].all_ids() == set()


def listen(t: Team, who: str) -> psycopg.Connection[Any]:
    conn = psycopg.connect(host="127.0.0.1", port=t.server.port, dbname=t.db, user=who,
                           password="a team member's long passphrase", autocommit=True)
    conn.execute(f"LISTEN {notify.CHANNEL}")
    return conn


def test_with_plain_sql_a_notification_is_a_number_and_the_log_shows_only_ones_own(
        people_: Team) -> None:  # noqa: F811
    bert = listen(people_, "bert")
    try:
        mine = _annas_caseload(people_)
        deadline = time.monotonic() + WAIT
        payloads: list[str] = []
        while time.monotonic() < deadline and len(payloads) < 5:
            payloads += [n.payload for n in bert.notifies(timeout=0.5)]
        assert payloads and all(p.isdigit() for p in payloads)  # a number, nothing else
        numbers = [int(p) for p in payloads]
        # what the numbers stand for, Bert cannot read; Lena can
        assert bert.execute(f"SELECT * FROM {notify.LOG} WHERE seq = ANY(%s)",
                            (numbers,)).fetchall() == []
        assert bert.execute(f"SELECT count(*) FROM {notify.LOG}").fetchone() == (0,)
        seen = people_.rows("lena", f"SELECT record_id FROM {notify.LOG} WHERE seq = ANY(%s)",
                            numbers)
        assert mine["case"] in {r[0] for r in seen}
        # nor write it (a forged entry would set others' views refreshing)
        for forged in (f"INSERT INTO {notify.LOG} (table_name, record_id, case_id, "
                       "stakeholder_id, owner) VALUES ('case_record', 'x', '', '', 'bert')",
                       f"DELETE FROM {notify.LOG}", f"UPDATE {notify.LOG} SET owner = 'bert'"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                bert.execute(forged)
        # Anna sees her own changes in the log (her own rows)
        assert {r[0] for r in people_.rows(
            "anna", f"SELECT record_id FROM {notify.LOG}")} >= ids_of(mine)
    finally:
        bert.close()


def test_a_share_reaches_its_grantee_and_no_one_else(
        people_: Team, ears: dict[str, Ears]) -> None:  # noqa: F811
    mine = _annas_caseload(people_)
    ears["bert"].all_ids()
    dora = Ears(people_, "dora")
    try:
        anna = people_.app("anna")
        policies.share(anna, "bert", case_id=mine["case"])
        assert mine["case"] in ears["bert"].next_ids()  # his case list shows it now
        policies.share(anna, "bert", case_id=mine["case"], remove=True)
        assert mine["case"] in ears["bert"].next_ids()  # and drops it again
        assert dora.all_ids() == set()
    finally:
        dora.listener.stop()


def test_the_log_keeps_only_the_last_minutes(people_: Team) -> None:  # noqa: F811
    with people_.server.admin(people_.db) as admin:
        admin.execute(f"INSERT INTO {notify.LOG} (table_name, record_id, case_id, "
                      "stakeholder_id, owner, changed_at) VALUES ('case_record', 'old', '', '', "
                      "'anna', now() - interval '1 hour')")
        admin.execute(f"SELECT setval(pg_get_serial_sequence('{notify.LOG}', 'seq'), "
                      f"{notify.PRUNE_EVERY * 3 - 1})")
        cases.add_case(people_.app("anna"), cases.NewCase(title="The change that prunes"))
        kept = [r[0] for r in admin.execute(f"SELECT record_id FROM {notify.LOG}")]
    assert "old" not in kept and len(kept) >= 1  # the new change stays


def test_a_lead_hears_nothing_of_a_colleagues_own_mail(
        people_: Team, ears: dict[str, Ears]) -> None:  # noqa: F811
    from spocdesk.core.mail.capture import capture
    from tests.core.mail.helpers import message

    anna = people_.app("anna")
    captured = capture(anna, [message("Private", message_id="<private@x>")],
                       source="file").value
    mail_id = captured.items[0].mail_id
    assert mail_id not in ears["lena"].all_ids()  # mail is its owner's, even for a lead
    assert people_.rows("lena", f"SELECT 1 FROM {notify.LOG} WHERE record_id = %s",
                        mail_id) == []
    assert people_.rows("anna", f"SELECT 1 FROM {notify.LOG} WHERE record_id = %s",
                        mail_id) == [(1,)]


def test_the_logs_shortcuts_follow_the_tables_own_policies() -> None:
    """What the log lets one hear of without asking the row's table must be what that
    table's policy shows anyway (a new policy that narrows a table breaks this test)."""
    rules = policies.RULES
    for table in notify.THROUGH_CASE:  # seeing the case is enough
        assert policies.ON_VISIBLE_CASE in rules[table].see, table
    for table in notify.THROUGH_STAKEHOLDER:  # seeing the person is enough
        assert policies.ON_VISIBLE_STAKEHOLDER in rules[table].see, table
    for table in notify.THROUGH_OWNER:  # owning it is enough (a share: receiving it)
        me = f"{'grantee' if table == policies.SHARE else 'owner'} = {policies.ME}"
        assert rules[table].see.startswith(me), table
    for table in notify.OWNER_OR_CASE:  # nobody else, not even a lead
        assert rules[table].see in (f"owner = {policies.ME}", policies.MAIL_VISIBLE), table
