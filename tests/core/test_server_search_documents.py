"""The team server's stored search documents (``search_document``): the triggers keep
them as a set-based rebuild would write them, ``server init`` makes and fills them on a
server made before, and search, the directory and the case list read them through
their indexes. (Who reads which document: ``tests/core/test_row_security.py``.)"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import sqlalchemy as sa

from spocdesk.core.cases import query as case_query
from spocdesk.core.cases import service as cases
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.followups import service as followups
from spocdesk.core.model import Case, ContactPoint, Stakeholder
from spocdesk.core.people import query as people
from spocdesk.core.people import stakeholders
from spocdesk.core.search import query as search
from spocdesk.core.store import search_documents
from spocdesk.core.store.server import ServerStore, init_schema
from tests.pg_server import PASSWORD, PgServer


def _documents(store: ServerStore) -> list[tuple[Any, ...]]:
    with store.connection() as conn:
        return [tuple(r) for r in conn.execute(sa.text(
            f"SELECT kind, record_id, case_id, owner, at, title, body, terms, words, digits, "
            f"document::text FROM {search_documents.TABLE} ORDER BY kind, record_id"))]


def _person(store: ServerStore, name: str, **kw: Any) -> str:
    return stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=name, **kw)).value


def test_the_triggers_write_what_a_rebuild_writes(server_store: ServerStore) -> None:
    store = server_store
    person = _person(store, "Olga Ivanova", organisation="Kestrel Analytics", contact_points=[
        stakeholders.NewContactPoint("phone", "+49 89 555123"),
        stakeholders.NewContactPoint("email", "olga@kestrel.example")])
    ref = cases.add_case(store, cases.NewCase(title="Heating broken", next_step="Call Olga",
                                              stakeholders=[(person, "client")])).value
    with store.session() as session:
        case_id = cases.by_ref(session, ref).id
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="out", summary="Boiler engineer booked", body="Tuesday"))
    followups.add_followup(store, followups.NewFollowUp(
        title="Check the boiler", due_at=store.now() + timedelta(days=2), case_id=case_id))
    update_case(store, case_id, title="Boiler replaced")
    with store.unit_of_work() as uow:  # the organisation renamed, a phone number dropped
        org = uow.session.scalars(sa.select(Stakeholder).where(
            Stakeholder.display_name == "Kestrel Analytics")).one()
        org.display_name = "Kestrel Labs"
        phone = uow.session.scalars(sa.select(ContactPoint).where(
            ContactPoint.kind == "phone")).one()
        phone.deleted_at = store.now()
        uow.commit()
    assert {h.id for h in search.search(store, "kestrel labs")} == {person, org.id}
    assert search.search(store, "555123") == []
    with store.unit_of_work() as uow:  # deleted: the case and its records leave, then return
        found = uow.session.get(Case, case_id)
        assert found is not None
        found.deleted_at = store.now()
        uow.commit()
    assert search.search(store, "boiler") == []
    with store.unit_of_work() as uow:
        found = uow.session.get(Case, case_id)
        assert found is not None
        found.deleted_at = None
        uow.commit()
    assert {h.kind for h in search.search(store, "boiler")} == {"case", "interaction",
                                                                 "followup"}
    assert search.index_problems(store) == []
    kept = _documents(store)
    assert len(kept) == 5  # Olga, her organisation, a case, a log entry, a follow-up
    assert search.rebuild_index(store).value == len(kept)
    assert _documents(store) == kept


def test_index_problems_names_a_document_out_of_step(server_store: ServerStore) -> None:
    _person(server_store, "Greta Meyer")
    with server_store.connection() as conn:
        conn.execute(sa.text(f"UPDATE {search_documents.TABLE} SET title = 'stale'"))
        conn.commit()
    assert search.index_problems(server_store) == [
        "the search documents lack or hold outdated 1 and hold 1 stale stakeholder "
        "document(s)"]
    search.rebuild_index(server_store)
    assert search.index_problems(server_store) == []


def test_init_makes_and_fills_the_documents_on_a_server_made_before(
        server_store: ServerStore, pg_url: str) -> None:
    anna = _person(server_store, "Anna Müller")
    cases.add_case(server_store, cases.NewCase(title="Renewal terms"))
    with server_store.connection() as conn:
        conn.execute(sa.text(f"DROP TABLE {search_documents.TABLE} CASCADE"))
        conn.commit()
    assert init_schema(pg_url, PASSWORD) is False
    assert {h.id for h in search.search(server_store, "müller")} == {anna}
    assert case_query.case_count(server_store, case_query.CaseFilter(text="renew")) == 1
    assert people.stakeholder_ids(server_store, people.StakeholderFilter(text="ller")) == [anna]
    assert search.index_problems(server_store) == []


def test_the_functions_match_through_the_indexes(server_store: ServerStore,
                                                pg_server: PgServer, pg_url: str) -> None:
    """With enough documents that a scan would cost, the server's search functions find
    their matches through the GIN and trigram indexes (their plans, by auto_explain)."""
    store = server_store
    with store.connection() as conn:  # 20,000 people straight into the table
        conn.execute(sa.text(
            "INSERT INTO stakeholder (id, created_at, updated_at, revision, kind, display_name, "
            "given_name, family_name, title, preferred_channel, notes, tags, sort_name) "
            "SELECT 'p-' || n, now(), now() - n * interval '1 minute', 1, 'person', "
            "'Person ' || n, '', '', '', '', '', "
            "'', 'person ' || n FROM generate_series(1, 20000) AS n"))
        conn.execute(sa.text(f"ANALYZE {search_documents.TABLE}, stakeholder"))
        conn.commit()
    notices: list[str] = []
    with pg_server.admin(pg_url.rsplit("/", 1)[1]) as raw:
        raw.add_notice_handler(lambda notice: notices.append(str(notice.message_primary)))
        for setting in ("LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0",
                        "SET auto_explain.log_nested_statements = on",
                        "SET auto_explain.log_level = 'notice'", "SET enable_seqscan = off"):
            raw.execute(setting)
        plans = []
        for statement in (
                "SELECT * FROM spocdesk_search_matches(to_tsquery('simple', "
                "'person:* & 2999:*'), ARRAY['stakeholder'], 3000)",
                "SELECT * FROM spocdesk_search_ids(to_tsquery('simple', '2999:*'), "
                "'stakeholder')",
                "SELECT * FROM spocdesk_lookup_ids(ARRAY['%12999%'], '%12999%')"):
            notices.clear()
            assert len(raw.execute(statement).fetchall()) == 1
            plans.append("\n".join(notices))
    matches, ids, lookup_ = plans
    # every document matches: the newest 100 come from walking the newest documents
    with pg_server.admin(pg_url.rsplit("/", 1)[1]) as raw:
        newest = raw.execute(
            "SELECT record_id FROM spocdesk_search_matches(to_tsquery('simple', 'person:*'), "
            "ARRAY['stakeholder'], 100)").fetchall()
    assert sorted(r[0] for r in newest) == sorted(f"p-{n}" for n in range(1, 101))
    assert "ix_search_document_match" in matches, matches
    assert "ix_search_document_match" in ids, ids
    assert "ix_search_document_words" in lookup_, lookup_
    assert "ix_search_document_digits" in lookup_, lookup_
