"""Row-level security on a team server, proved with raw SQL as different PostgreSQL roles.

Anna and Bert are SPOCs, Lena is their lead, Dora another SPOC (a deputy); each logs
in with their own role and password. Their data is made through the app, as each of
them, and then probed with plain SQL over each one's own connection: what one cannot
see, change, delete or insert is refused by the server, not by spocdesk.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import psycopg
import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow
from spocdesk.core.followups import service as followups
from spocdesk.core.handover import absence as handover
from spocdesk.core.model import Base
from spocdesk.core.people import stakeholders as people
from spocdesk.core.store import Store, policies, roles
from spocdesk.core.store.server import ServerStore, init_schema
from tests.pg_server import PASSWORD, PgServer

SECRET = "a team member's long passphrase"
TEAM = {"anna": roles.SPOC, "bert": roles.SPOC, "dora": roles.SPOC, "lena": roles.LEAD}


@pytest.fixture(scope="session")
def team(pg_server: PgServer, pg_template: str) -> dict[str, str]:
    """The four login roles (roles belong to the whole server: made once)."""
    url = pg_server.plain_url(pg_template)
    with pg_server.admin() as conn:
        existing = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}
    for name, role in TEAM.items():
        if name not in existing:
            roles.add_user(url, PASSWORD, name, role, SECRET)
    return TEAM


@pytest.fixture
def db(pg_server: PgServer, pg_template: str, team: dict[str, str]) -> Iterator[str]:
    name = pg_server.create_database(template=pg_template)
    yield name
    pg_server.drop_database(name)


class Team:
    """Each person's app store and raw SQL connection to one database."""

    def __init__(self, server: PgServer, db: str) -> None:
        self.server = server
        self.db = db
        self._stores: dict[str, ServerStore] = {}
        self._sql: dict[str, psycopg.Connection[Any]] = {}

    def app(self, who: str) -> ServerStore:
        if who not in self._stores:
            self._stores[who] = ServerStore.connect(
                self.server.plain_url(self.db, user=who), SECRET)
        return self._stores[who]

    def sql(self, who: str) -> psycopg.Connection[Any]:
        """``who``'s own autocommit connection: plain SQL, no spocdesk in between."""
        if who not in self._sql:
            self._sql[who] = psycopg.connect(
                host="127.0.0.1", port=self.server.port, dbname=self.db, user=who,
                password=SECRET, autocommit=True)
        return self._sql[who]

    def rows(self, who: str, query: str, *params: Any) -> list[tuple[Any, ...]]:
        return list(self.sql(who).execute(query, params).fetchall())

    def count(self, who: str, table: str) -> int:
        return int(self.rows(who, f"SELECT count(*) FROM {table}")[0][0])

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        for conn in self._sql.values():
            conn.close()


@pytest.fixture
def people_(pg_server: PgServer, db: str) -> Iterator[Team]:
    t = Team(pg_server, db)
    yield t
    t.close()


def _annas_caseload(t: Team) -> dict[str, str]:
    """A case with a client, a contact point, a log entry, a follow-up and a note,
    made by Anna in the app."""
    store = t.app("anna")
    client = people.add_stakeholder(store, people.NewStakeholder(
        display_name="Clara Client", contact_points=[
            people.NewContactPoint(kind="email", value="clara@example.org")])).value
    ref = cases.add_case(store, cases.NewCase(title="Anna's case", stakeholders=[
        (client, "client")])).value
    case_id = str(t.rows("anna", "SELECT id FROM case_record WHERE ref = %s", ref)[0][0])
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="in", summary="Clara called", stakeholder_ids=[client]))
    followups.add_followup(store, followups.NewFollowUp(
        title="Call Clara back", due_at=store.now() + timedelta(days=1), case_id=case_id))
    return {"ref": ref, "case": case_id, "client": client}


CHILD_TABLES = ("case_participant", "interaction", "interaction_participant", "followup",
                "contact_point", "audit_event")


def test_every_table_with_personal_data_is_forced_under_row_security(
        people_: Team) -> None:
    found = dict((str(name), (bool(on), bool(forced))) for name, on, forced in people_.rows(
        "lena", "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class "
        "WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'"))
    for table in policies.PROTECTED:
        assert found[table] == (True, True), table
    # a new table must say which it is: protected, or the team's
    models = set(Base.metadata.tables)
    assert models <= set(policies.PROTECTED) | set(policies.TEAM_TABLES)


def test_the_teams_hourly_counts_are_kept_by_the_server_alone(people_: Team) -> None:
    """A member's log entry counts (the trigger runs as the schema's owner), but nobody
    of the team can write the counts a lead's figures read."""
    _annas_caseload(people_)
    assert people_.rows("lena", "SELECT sum(n) FROM interaction_hourly") == [(1,)]
    for who in ("anna", "lena"):
        for statement in ("UPDATE interaction_hourly SET n = n + 100",
                          "DELETE FROM interaction_hourly",
                          "INSERT INTO interaction_hourly (hour, channel, n) "
                          "VALUES ('2026-01-01 09', 'phone', 500)"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                people_.sql(who).execute(statement)
    assert people_.rows("lena", "SELECT sum(n) FROM interaction_hourly") == [(1,)]


def test_init_again_changes_nothing(pg_server: PgServer, people_: Team) -> None:
    def snapshot() -> list[tuple[Any, ...]]:
        with pg_server.admin(people_.db) as conn:
            return [*conn.execute(
                "SELECT tablename, policyname, cmd, roles::text, qual, with_check "
                "FROM pg_policies ORDER BY 1, 2").fetchall(),
                *conn.execute(
                "SELECT table_name, grantee, privilege_type FROM information_schema."
                "role_table_grants WHERE grantee LIKE 'spocdesk%' ORDER BY 1, 2, 3").fetchall(),
                *conn.execute(
                "SELECT table_name, column_name, grantee, privilege_type FROM "
                "information_schema.column_privileges WHERE grantee LIKE 'spocdesk%' "
                "ORDER BY 1, 2, 3, 4").fetchall()]

    before = snapshot()
    assert len(before) > 3 * len(policies.PROTECTED)
    assert init_schema(pg_server.plain_url(people_.db), PASSWORD) is False
    assert snapshot() == before


def test_another_spoc_can_neither_see_nor_change_annas_rows(people_: Team) -> None:
    t = people_
    mine = _annas_caseload(t)
    for table in ("case_record", "stakeholder", *CHILD_TABLES):
        assert t.count("anna", table) > 0, table
        assert t.count("bert", table) == 0, table
    bert = t.sql("bert")
    assert bert.execute("UPDATE case_record SET title = 'mine now'").rowcount == 0
    assert bert.execute("UPDATE stakeholder SET notes = 'x' WHERE id = %s",
                        (mine["client"],)).rowcount == 0
    assert bert.execute("UPDATE interaction SET summary = 'x'").rowcount == 0
    assert bert.execute("DELETE FROM followup").rowcount == 0
    assert bert.execute("DELETE FROM case_record WHERE id = %s", (mine["case"],)).rowcount == 0
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        bert.execute("INSERT INTO case_record (id, created_at, updated_at, revision, ref, "
                     "ref_number, title, description, status, priority, category, tags, "
                     "opened_at, next_step, owner) VALUES ('x-1', now(), now(), 1, 'C-0900', "
                     "900, 'planted', '', 'new', 'normal', '', '', now(), '', 'anna')")
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        bert.execute("INSERT INTO interaction (id, created_at, updated_at, revision, case_id, "
                     "occurred_at, channel, direction, summary, body, author) VALUES "
                     "('x-2', now(), now(), 1, %s, now(), 'note', 'internal', 'planted', '', "
                     "'owner')", (mine["case"],))
    # Anna's rows are as she left them, and the audit trail's role cannot be faked
    assert t.rows("anna", "SELECT title FROM case_record") == [("Anna's case",)]
    bert.execute("INSERT INTO audit_event (id, created_at, updated_at, revision, at, author, "
                 "entity, entity_id, action, field, db_role) VALUES ('x-3', now(), now(), 1, "
                 "now(), 'owner', 'template', 't', 'create', '', 'anna')")
    assert t.rows("bert", "SELECT db_role FROM audit_event") == [("bert",)]
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        bert.execute("UPDATE audit_event SET after = 'rewritten'")


def test_the_app_as_another_spoc_finds_nothing_of_annas(people_: Team) -> None:
    mine = _annas_caseload(t := people_)
    bert = t.app("bert")
    assert cases.list_cases(bert) == []
    assert [c.ref for c in cases.list_cases(t.app("anna"))] == [mine["ref"]]
    # case numbers are the team's: Bert's first case does not take Anna's number
    assert cases.add_case(bert, cases.NewCase(title="Bert's case")).value == "C-0002"
    assert [c.ref for c in cases.list_cases(bert)] == ["C-0002"]


def test_a_lead_sees_and_changes_the_teams_caseload(people_: Team) -> None:
    t = people_
    mine = _annas_caseload(t)
    cases.add_case(t.app("bert"), cases.NewCase(title="Bert's case"))
    assert sorted(r[0] for r in t.rows("lena", "SELECT title FROM case_record")) == [
        "Anna's case", "Bert's case"]
    assert t.count("lena", "interaction") == 1
    lena = t.sql("lena")
    assert lena.execute("UPDATE case_record SET owner = 'bert' WHERE id = %s",
                        (mine["case"],)).rowcount == 1  # a lead hands a case over
    assert t.count("bert", "case_record") == 2
    assert t.count("anna", "case_record") == 0


def test_a_shared_case_is_seen_and_worked_but_only_the_owner_shares_or_deletes(
        people_: Team) -> None:
    t = people_
    mine = _annas_caseload(t)
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not Bert's to share
        t.sql("bert").execute(f"INSERT INTO {policies.SHARE} (case_id, grantee) "
                              "VALUES (%s, 'bert')", (mine["case"],))
    t.sql("anna").execute(f"INSERT INTO {policies.SHARE} (case_id, grantee) VALUES (%s, 'bert')",
                          (mine["case"],))
    bert = t.sql("bert")
    assert t.rows("bert", "SELECT title FROM case_record") == [("Anna's case",)]
    assert t.count("bert", "interaction") == 1  # the log follows the case
    assert t.count("bert", "stakeholder") == 1  # so does its client
    assert t.count("bert", "contact_point") == 1
    assert t.count("dora", "case_record") == 0
    assert bert.execute("UPDATE case_record SET next_step = 'Bert calls'").rowcount == 1
    assert bert.execute("DELETE FROM case_record").rowcount == 0  # not his to delete
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor to take
        bert.execute("UPDATE case_record SET owner = 'bert'")
    # and in the app: Bert logs a call on Anna's case, Anna finds it there
    cases.log_interaction(t.app("bert"), mine["ref"], cases.NewInteraction(
        channel="phone", direction="out", summary="Bert called Clara"))
    assert t.count("anna", "interaction") == 2
    t.sql("anna").execute(f"DELETE FROM {policies.SHARE}")
    assert t.count("bert", "case_record") == 0
    assert t.count("bert", "interaction") == 0  # his entry on her case stays with the case


def _plan(t: Team, starts: int, ends: int) -> handover.AbsencePlan:
    today = t.rows("anna", "SELECT spocdesk_today()")[0][0]
    assert isinstance(today, date)
    return handover.AbsencePlan(starts_on=today + timedelta(days=starts),
                                ends_on=today + timedelta(days=ends), deputy_name="Dora",
                                deputy_role="dora")


def test_a_deputy_works_the_handed_over_cases_exactly_for_the_absence(people_: Team) -> None:
    t = people_
    mine = _annas_caseload(t)
    other = cases.add_case(t.app("anna"), cases.NewCase(title="Not handed over")).value
    anna = t.app("anna")
    absence_id = handover.plan_absence(anna, _plan(t, 2, 9), case_ids=[mine["case"]]).value
    handover.save_note(anna, absence_id, mine["case"], handover.NoteDraft(
        summary="Clara waits for the refund"))
    # before the absence: Dora knows it is coming, sees none of the cases
    assert t.count("dora", "absence") == 1
    assert t.count("dora", "case_record") == 0
    assert t.count("dora", "handover_note") == 0

    handover.update_absence(anna, absence_id, _plan(t, 0, 7))  # it starts today
    assert t.rows("dora", "SELECT ref FROM case_record") == [(mine["ref"],)]
    assert other not in {r[0] for r in t.rows("dora", "SELECT ref FROM case_record")}
    for table in ("handover_note", "stakeholder", "contact_point", "interaction", "followup"):
        assert t.count("dora", table) >= 1, table
    dora = t.app("dora")
    cases.log_interaction(dora, mine["ref"], cases.NewInteraction(
        channel="phone", direction="out", summary="Dora called Clara"))
    workflow.update_case(dora, mine["case"], next_step="Refund promised for Friday")
    assert t.sql("dora").execute("DELETE FROM case_record").rowcount == 0

    handover.update_absence(anna, absence_id, _plan(t, -9, -1))  # it ended yesterday
    for table in ("case_record", "handover_note", "interaction", "followup", "stakeholder"):
        assert t.count("dora", table) == 0, table
    assert t.sql("dora").execute("UPDATE case_record SET title = 'late'").rowcount == 0
    # the owner finds everything the deputy did, and who did it
    assert t.rows("anna", "SELECT next_step FROM case_record WHERE id = %s", mine["case"]) == [
        ("Refund promised for Friday",)]
    assert ("Dora called Clara",) in t.rows("anna", "SELECT summary FROM interaction")
    assert ("dora",) in t.rows(
        "anna", "SELECT db_role FROM audit_event WHERE entity = 'case' AND entity_id = %s "
        "AND field = 'next_step'", mine["case"])

    handover.update_absence(anna, absence_id, _plan(t, -1, 1))  # back on, then finished
    assert t.count("dora", "case_record") == 1
    handover.finish_absence(anna, absence_id)
    assert t.count("dora", "case_record") == 0


def test_the_audit_trail_names_the_real_role(people_: Team) -> None:
    t = people_
    mine = _annas_caseload(t)
    t.sql("anna").execute(f"INSERT INTO {policies.SHARE} (case_id, grantee) VALUES (%s, 'bert')",
                          (mine["case"],))
    workflow.update_case(t.app("bert"), mine["case"], title="Renamed by Bert")
    events = t.rows("lena", "SELECT db_role, author, field, after FROM audit_event "
                    "WHERE entity = 'case' AND action = 'update'")
    assert events == [("bert", "owner", "title", "Renamed by Bert")]
    created = t.rows("lena", "SELECT DISTINCT db_role FROM audit_event WHERE action = 'create'")
    assert created == [("anna",)]


def test_nobody_opens_a_colleagues_rows_through_their_own(people_: Team) -> None:
    """What a SPOC may write about their own work cannot reach a colleague's rows: an
    absence of one's own listing her case, her client linked to one's own case, a
    follow-up or a mail planted on her case."""
    t = people_
    mine = _annas_caseload(t)
    bert = t.sql("bert")
    theirs = cases.add_case(t.app("bert"), cases.NewCase(title="Bert's case")).value
    bert_case = str(t.rows("bert", "SELECT id FROM case_record WHERE ref = %s", theirs)[0][0])
    bert.execute("INSERT INTO absence (id, created_at, updated_at, revision, starts_on, ends_on, "
                 "deputy_name, deputy_contact, note, interaction_days, deputy_role) VALUES "
                 "('a-1', now(), now(), 1, current_date - 1, current_date + 1, '', '', '', 90, "
                 "'bert')")
    bert.execute("INSERT INTO absence_case (id, created_at, updated_at, revision, absence_id, "
                 "case_id) VALUES ('ac-1', now(), now(), 1, 'a-1', %s)", (mine["case"],))
    assert t.count("bert", "case_record") == 1  # his own only
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not visible"):
        bert.execute("INSERT INTO case_participant (id, created_at, updated_at, revision, "
                     "case_id, stakeholder_id, role, is_main) VALUES ('p-1', now(), now(), 1, "
                     "%s, %s, 'client', false)", (bert_case, mine["client"]))
    assert t.count("bert", "stakeholder") == 0
    own = people.add_stakeholder(t.app("bert"), people.NewStakeholder(
        display_name="Bert's contact")).value
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        bert.execute("INSERT INTO followup (id, created_at, updated_at, revision, case_id, "
                     "stakeholder_id, title, notes, kind, due_has_time, rrule, dtstart_local, "
                     "tzid) VALUES ('f-1', now(), now(), 1, %s, %s, 'planted', '', 'task', "
                     "true, '', '', '')", (mine["case"], own))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        bert.execute("INSERT INTO mail_message (id, created_at, updated_at, revision, "
                     "dedupe_key, message_id, subject, sender_name, sender_email, recipients, "
                     "occurred_at, in_reply_to, reference_ids, body, size, source, direction, "
                     "state, filed_by, case_id) VALUES ('m-1', now(), now(), 1, 'k', '', "
                     "'planted', '', '', '{}', now(), '', '', '', 0, 'file', 'in', 'filed', "
                     "'hand', %s)", (mine["case"],))
    assert t.count("anna", "followup") == 1


def test_search_finds_only_what_the_person_sees(people_: Team) -> None:
    from spocdesk.core.search import query as search

    t = people_
    mine = _annas_caseload(t)
    found = {h.kind for h in search.search(t.app("anna"), "Clara")}
    assert found == {"stakeholder", "interaction", "followup"}
    assert search.search(t.app("bert"), "Clara") == []
    assert search.search(t.app("bert"), mine["ref"]) == []
    assert {h.kind for h in search.search(t.app("lena"), "Clara")} == found


def _documents(t: Team, who: str) -> list[tuple[str, str]]:
    """What ``who`` finds of the stored search documents through the server's function,
    raw SQL: every document with a word starting "clara" or "anna"."""
    return [(str(kind), str(title)) for kind, title in t.rows(
        who, "SELECT kind, title FROM spocdesk_search_matches(to_tsquery('simple', "
        "'clara:* | anna:*'), ARRAY['case', 'stakeholder', 'interaction', 'followup', "
        "'handover', 'mail'], 1000) ORDER BY kind, title")]


def _counts(t: Team, who: str) -> tuple[int, int]:
    """How many case ids the case list's text filter and how many people the directory
    would find for ``who`` (raw SQL through the server's functions)."""
    cases = t.rows(who, "SELECT count(*) FROM spocdesk_search_ids(to_tsquery('simple', "
                   "'anna:*'), 'case')")[0][0]
    people = t.rows(who, "SELECT count(*) FROM spocdesk_lookup_ids(ARRAY['%%clara%%'], "
                    "'%%000%%')")[0][0]
    return int(cases), int(people)


def test_search_documents_are_read_only_as_their_records_are(people_: Team) -> None:
    """The stored search documents (``search_document``) under raw SQL: the team reads
    them only through the server's functions, which give another SPOC no hit, no id and
    no count of Anna's, her deputy those of the handed-over case only during the
    absence, the lead all; and nobody but the server's triggers writes them."""
    t = people_
    mine = _annas_caseload(t)
    annas = _documents(t, "anna")
    assert {kind for kind, _title in annas} == {"case", "stakeholder", "interaction",
                                                 "followup"}
    assert _counts(t, "anna") == (1, 1)
    assert _documents(t, "lena") == annas
    assert _counts(t, "lena") == (1, 1)
    assert _documents(t, "bert") == []
    assert _counts(t, "bert") == (0, 0)
    for who in ("anna", "bert", "lena"):
        for statement in ("SELECT count(*) FROM search_document",
                          "UPDATE search_document SET title = 'x'",
                          "DELETE FROM search_document",
                          "INSERT INTO search_document (kind, record_id, title, body, terms) "
                          "VALUES ('case', 'forged', 'forged', '', '')",
                          "SELECT spocdesk_search_put_case(ARRAY['x'])"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                t.sql(who).execute(statement)
    assert _documents(t, "anna") == annas
    # a shared case: Bert finds it, what hangs on it and its client (through the case)
    policies.share(t.app("anna"), "bert", case_id=mine["case"])
    assert _documents(t, "bert") == annas
    assert _counts(t, "bert") == (1, 1)
    policies.share(t.app("anna"), "bert", case_id=mine["case"], remove=True)
    assert _documents(t, "bert") == []
    assert _counts(t, "bert") == (0, 0)

    anna = t.app("anna")
    absence_id = handover.plan_absence(anna, _plan(t, 2, 9), case_ids=[mine["case"]]).value
    handover.save_note(anna, absence_id, mine["case"], handover.NoteDraft(
        summary="Clara waits for the refund"))
    assert _documents(t, "dora") == []  # before the absence
    handover.update_absence(anna, absence_id, _plan(t, 0, 7))  # it starts today
    covered = _documents(t, "dora")
    assert set(covered) == {*annas, ("handover", "Clara waits for the refund")}
    assert _counts(t, "dora") == (1, 1)
    handover.update_absence(anna, absence_id, _plan(t, -9, -1))  # it ended yesterday
    assert _documents(t, "dora") == []
    assert _counts(t, "dora") == (0, 0)
    from spocdesk.core.search import query as search

    assert search.search(t.app("dora"), "Clara") == []
    assert ("handover", "Clara waits for the refund") in _documents(t, "anna")


def test_the_policies_look_ups_widen_nothing(people_: Team) -> None:
    """The policies look a person or a person's cases up through functions that
    run as their caller (``spocdesk_sees_*``, made once a session instead of expanded
    into every statement): raw SQL as two roles shows they answer only what the
    caller's own row security answers, that a temporary table of the caller's cannot
    stand in for the real one, and that a deputy's answer ends with the absence."""
    t = people_
    mine = _annas_caseload(t)
    calls = dict.fromkeys(policies.LOOKUP_FUNCTIONS, mine["client"])
    assert set(calls) == {"spocdesk_sees_stakeholder",
                          "spocdesk_sees_case_participant_by_stakeholder_id"}

    def answers(who: str) -> set[str]:
        return {name for name, key in calls.items()
                if t.rows(who, f"SELECT {name}(%s)", key) == [(True,)]}

    assert answers("anna") == answers("lena") == set(calls)
    assert answers("bert") == set()
    # the policies on the server call them (the text in RULES is the sub-select)
    qual = t.rows("lena", "SELECT qual FROM pg_policies WHERE tablename = 'followup' "
                  "AND policyname = 'spocdesk_see'")[0][0]
    assert "spocdesk_sees_stakeholder(" in qual
    # Bert's own tables of the same names, in his session's temporary schema (which
    # comes first on the search path), hold Anna's ids: nothing opens
    bert = t.sql("bert")
    for table, key in (("case_record", mine["case"]), ("stakeholder", mine["client"])):
        bert.execute(f"CREATE TEMPORARY TABLE {table} (id varchar, owner text)")
        bert.execute(f"INSERT INTO {table} VALUES (%s, 'bert')", (key,))
    bert.execute("CREATE TEMPORARY TABLE case_participant (stakeholder_id varchar, "
                 "deleted_at timestamp)")
    bert.execute("INSERT INTO case_participant VALUES (%s, NULL)", (mine["client"],))
    assert answers("bert") == set()
    for table in ("interaction", "followup", "contact_point", "public.case_participant",
                  "public.stakeholder", "audit_event"):
        assert t.count("bert", table) == 0, table
    # a deputy: for the dates of the absence only
    anna = t.app("anna")
    absence_id = handover.plan_absence(anna, _plan(t, 0, 7), case_ids=[mine["case"]]).value
    assert answers("dora") == set(calls)
    handover.update_absence(anna, absence_id, _plan(t, -9, -1))
    assert answers("dora") == set()
    assert t.count("dora", "followup") == t.count("dora", "contact_point") == 0


def test_a_temporary_table_cannot_stand_in_for_a_real_one(people_: Team) -> None:
    """The server's checks that read a table as their caller (who may share a case,
    link a person, which case owner a row copies, which changes one hears of) read the
    real table even when Bert's session has a temporary table of the same name holding
    Anna's ids as his (a temporary table comes first on the search path)."""
    from spocdesk.core.store import notify

    t = people_
    mine = _annas_caseload(t)
    bert = t.sql("bert")
    own = cases.add_case(t.app("bert"), cases.NewCase(title="Bert's case")).value
    own_case = str(t.rows("bert", "SELECT id FROM case_record WHERE ref = %s", own)[0][0])
    bert.execute("CREATE TEMPORARY TABLE case_record (id varchar, owner text)")
    bert.execute("INSERT INTO case_record VALUES (%s, 'bert')", (mine["case"],))
    bert.execute("CREATE TEMPORARY TABLE stakeholder (id varchar, owner text)")
    bert.execute("INSERT INTO stakeholder VALUES (%s, 'bert')", (mine["client"],))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="only the owner"):
        bert.execute(f"INSERT INTO {policies.SHARE} (case_id, grantee) VALUES (%s, 'bert')",
                     (mine["case"],))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="not visible"):
        bert.execute("INSERT INTO public.case_participant (id, created_at, updated_at, "
                     "revision, case_id, stakeholder_id, role, is_main) VALUES ('p-1', now(), "
                     "now(), 1, %s, %s, 'client', false)", (own_case, mine["client"]))
    with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
        bert.execute("INSERT INTO interaction (id, created_at, updated_at, revision, case_id, "
                     "occurred_at, channel, direction, summary, body, minutes) VALUES ('i-1', "
                     "now(), now(), 1, %s, now(), 'phone', 'in', 'planted', '', NULL)",
                     (mine["case"],))
    assert t.rows("bert", "SELECT count(*) FROM public.case_record") == [(1,)]
    assert t.rows("bert", "SELECT count(*) FROM public.stakeholder") == [(0,)]
    assert t.rows("bert", f"SELECT count(*) FROM {notify.LOG} WHERE case_id = %s",
                  mine["case"]) == [(0,)]
    assert t.rows("anna", f"SELECT count(*) FROM {notify.LOG} WHERE case_id = %s",
                  mine["case"])[0][0] > 0


def test_sharing_through_the_app(people_: Team, store: Store) -> None:
    from spocdesk.core.errors import InvalidInput, NotOnTeamServer

    t = people_
    mine = _annas_caseload(t)
    anna = t.app("anna")
    assert policies.share(anna, "bert", case_id=mine["case"]) is True
    assert policies.share(anna, "bert", case_id=mine["case"]) is False  # already
    assert t.count("bert", "case_record") == 1
    with pytest.raises(InvalidInput, match="Only its owner or a lead"):
        policies.share(t.app("bert"), "dora", case_id=mine["case"])
    with pytest.raises(InvalidInput, match="no role called nobody"):
        policies.share(anna, "nobody", stakeholder_id=mine["client"])
    assert policies.share(t.app("lena"), "dora", stakeholder_id=mine["client"]) is True
    assert t.rows("dora", "SELECT display_name FROM stakeholder") == [("Clara Client",)]
    assert t.count("dora", "case_record") == 0  # the person, not her case
    assert policies.share(anna, "bert", case_id=mine["case"], remove=True) is True
    assert t.count("bert", "case_record") == 0
    with pytest.raises(NotOnTeamServer, match="team server only"):
        policies.share(store, "bert", case_id=mine["case"])  # the encrypted file


def test_two_people_adding_cases_at_once_get_two_numbers(people_: Team) -> None:
    """Anna's transaction holds the team's case-number lock until it commits; Bert's new
    case waits for it and takes the next number, though he cannot see hers."""
    import threading

    t = people_
    anna = psycopg.connect(host="127.0.0.1", port=t.server.port, dbname=t.db, user="anna",
                           password=SECRET)
    try:
        highest = anna.execute("SELECT spocdesk_highest_case_number(true)").fetchone()
        assert highest == (None,)
        anna.execute("INSERT INTO case_record (id, created_at, updated_at, revision, ref, "
                     "ref_number, title, description, status, priority, category, tags, "
                     "opened_at, next_step) VALUES ('a-case', now(), now(), 1, 'C-0001', 1, "
                     "'Anna''s', '', 'new', 'normal', '', '', now(), '')")
        refs: list[str] = []
        bert = threading.Thread(target=lambda: refs.append(
            cases.add_case(t.app("bert"), cases.NewCase(title="Bert's")).value))
        bert.start()
        bert.join(timeout=1.0)
        assert bert.is_alive()  # waiting for Anna's number
        anna.commit()
        bert.join(timeout=30)
        assert refs == ["C-0002"]
    finally:
        anna.close()


def test_a_spoc_imports_their_store_as_their_own(people_: Team, store: Store) -> None:
    """``server import`` as Anna: the file's records become hers (its empty owner column
    filled by the server), hidden from Bert; a number Bert's hidden case holds is not
    handed out twice."""
    from spocdesk.core.store.server_import import import_store

    t = people_
    cases.add_case(t.app("bert"), cases.NewCase(title="Bert's case"))  # takes C-0001
    cases.add_case(store, cases.NewCase(title="From Anna's file"))  # C-0001 in the file
    report = import_store(store, t.app("anna"))
    assert report.renamed == {"C-0001": "C-0002"}
    assert t.rows("anna", "SELECT ref, title, owner FROM case_record") == [
        ("C-0002", "From Anna's file", "anna")]
    assert t.rows("bert", "SELECT ref FROM case_record") == [("C-0001",)]
    assert t.rows("anna", "SELECT DISTINCT db_role FROM audit_event") == [("anna",)]


def test_a_spocs_follow_up_range_is_an_index_condition_under_row_security(
        people_: Team) -> None:
    """The policy is checked on the follow-ups in the day's range, not on every open one:
    the effective due moment (``backend.either``) is leakproof, so the server's index on
    it answers the range before the policy runs (with coalesce it was a filter after it:
    840 ms for one agenda count as a SPOC on the large store instead of 58)."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import postgresql

    from spocdesk.core.model import FollowUp

    _annas_caseload(people_)
    today = people_.app("anna").now()
    query = sa.select(sa.func.count()).select_from(FollowUp).where(
        followups.is_open(), followups.effective_due() >= sa.bindparam("since"),
        followups.effective_due() < sa.bindparam("until"))
    text = str(query.compile(dialect=postgresql.dialect())).replace(
        "%(since)s", f"'{today:%Y-%m-%d}'").replace(
        "%(until)s", f"'{today + timedelta(days=1):%Y-%m-%d}'")
    conn = people_.sql("anna")
    conn.execute("SET enable_seqscan = off")
    plan = "\n".join(r[0] for r in conn.execute("EXPLAIN " + text).fetchall())
    assert "ix_followup_effective_due" in plan
    index_cond = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any("CASE WHEN" in line and "snoozed_until" in line for line in index_cond), plan


# a copy of one of the caller's log entries with another id, case and case_owner
COPY_ENTRY = ("INSERT INTO interaction OVERRIDING USER VALUE SELECT * FROM "
              "jsonb_populate_record(NULL::interaction, "
              "(SELECT to_jsonb(i) - 'rowid' || jsonb_build_object('id', %s::text, 'case_id', "
              "%s::text, 'case_owner', %s::text) FROM interaction AS i LIMIT 1))")


def test_the_copy_of_a_cases_owner_on_its_rows_can_neither_be_forged_nor_go_stale(
        people_: Team) -> None:
    """Rows that follow a case carry its owner (``case_owner``, which the policies read
    first): the server sets it from the case whatever the client sends, and carries a
    lead's hand-over of the case to every row."""
    t = people_
    mine = _annas_caseload(t)
    bert = cases.add_case(t.app("bert"), cases.NewCase(title="Bert's case")).value
    berts = str(t.rows("bert", "SELECT id FROM case_record WHERE ref = %s", bert)[0][0])
    anna = t.sql("anna")
    assert t.rows("anna", "SELECT DISTINCT case_owner FROM interaction") == [("anna",)]
    # a log entry on Bert's case, claiming to be on Anna's: refused
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        anna.execute(COPY_ENTRY, ("forged-1", berts, "anna"))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):  # not a column one sets
        anna.execute("UPDATE interaction SET case_owner = 'bert'")
    # an entry on her own case naming Bert as the owner is hers all the same
    anna.execute(COPY_ENTRY, ("own-1", mine["case"], "bert"))
    assert t.rows("anna", "SELECT case_owner FROM interaction WHERE id = 'own-1'") == [
        ("anna",)]
    assert t.count("bert", "interaction") == 0
    # the lead hands Anna's case to Bert: its rows go with it
    t.sql("lena").execute("UPDATE case_record SET owner = 'bert' WHERE id = %s",
                          (mine["case"],))
    assert t.count("anna", "interaction") == 0
    assert t.count("anna", "followup") == 0
    assert t.count("bert", "interaction") == 2
    assert {r[0] for r in t.rows("lena", "SELECT case_owner FROM followup")} == {"bert"}
