"""A team server: ``server init`` makes the schema once, a store opens by URL, and what
goes wrong (no server, a wrong password, a role without rights) is one sentence."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from spocdesk.core.errors import (
    NoServerRights,
    NotAStore,
    NotOnTeamServer,
    ServerUnreachable,
    WrongServerPassword,
)
from spocdesk.core.search import query as search
from spocdesk.core.store import backend, migrate
from spocdesk.core.store.server import ServerStore, init_schema
from tests.pg_server import PASSWORD, PgServer


def test_init_makes_the_schema_at_head_once(pg_server: PgServer) -> None:
    url = pg_server.plain_url(pg_server.create_database())
    assert init_schema(url, PASSWORD) is True
    assert init_schema(url, PASSWORD) is False  # again: nothing changes
    engine = sa.create_engine(backend.server_url(url, PASSWORD))
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).all() == [
            (migrate.head(),)]
        extensions = set(conn.execute(sa.text("SELECT extname FROM pg_extension")).scalars())
        assert {"unaccent", "pg_trgm"} <= extensions
        # the partial indexes keep their WHERE, booleans spelled for PostgreSQL
        main = conn.execute(sa.text(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_case_participant_main'"
        )).scalar()
        assert main is not None and "WHERE ((is_main IS TRUE) AND (deleted_at IS NULL))" in main
    engine.dispose()


def test_the_server_has_every_index_of_the_file(pg_server: PgServer, tmp_path) -> None:
    """The models make most indexes; the migrations' expression indexes (the agenda's
    effective due moment, the sort by status or priority rank) are made too, and so is
    one on each rowid."""
    from spocdesk.core.paths import Location
    from spocdesk.core.store import Store
    from tests.conftest import PASSPHRASE

    file_store = Store.create(Location(store=tmp_path / "s.spocdesk", data_dir=tmp_path),
                              PASSPHRASE)
    with file_store.connection() as conn:
        on_file = set(conn.execute(sa.text(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name NOT LIKE 'search_index%'")).scalars())
    file_store.close()
    url = pg_server.plain_url(pg_server.create_database())
    init_schema(url, PASSWORD)
    engine = sa.create_engine(backend.server_url(url, PASSWORD))
    with engine.connect() as conn:
        on_server = set(conn.execute(sa.text(
            "SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")).scalars())
        due = conn.execute(sa.text("SELECT indexdef FROM pg_indexes "
                                   "WHERE indexname = 'ix_followup_effective_due'")).scalar()
    engine.dispose()
    assert on_file - on_server == set()
    # spelled as backend.either compiles it there (leakproof: usable under row security)
    assert due is not None and "WHEN (snoozed_until IS NOT NULL) THEN snoozed_until" in due
    assert "COALESCE" not in due
    assert "INCLUDE (case_owner, owner, case_id, stakeholder_id)" in due  # the policy's
    # SQLite's table key, which the lists select screens by, is indexed as well
    assert {"ix_case_record_rowid", "ix_followup_rowid", "ix_interaction_rowid"} <= on_server


def test_the_case_lists_counting_indexes_hold_the_owner(pg_server: PgServer) -> None:
    """The indexes the view counts walk also hold ``owner``, which the cases' row policy
    reads first: a SPOC's counts come from the index, not the table; once only."""
    from spocdesk.core.store import covering

    url = pg_server.plain_url(pg_server.create_database())
    init_schema(url, PASSWORD)
    engine = sa.create_engine(backend.server_url(url, PASSWORD))
    query = sa.text("SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(:names)")
    with engine.connect() as conn:
        first = dict(conn.execute(query, {"names": list(covering.COUNTING)}).all())
    assert set(first) == set(covering.COUNTING)
    for definition in first.values():
        assert "INCLUDE (owner)" in definition and "WHERE" in definition, definition
    assert init_schema(url, PASSWORD) is False
    with engine.connect() as conn:
        assert dict(conn.execute(query, {"names": list(covering.COUNTING)}).all()) == first
    engine.dispose()


def test_a_database_with_other_tables_is_refused(pg_server: PgServer) -> None:
    name = pg_server.create_database()
    with pg_server.admin(name) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(NotAStore, match="already holds other tables"):
        init_schema(pg_server.plain_url(name), PASSWORD)
    with pytest.raises(NotAStore, match="spocdesk server init"):
        ServerStore.connect(pg_server.plain_url(name), PASSWORD)


def test_a_server_at_an_older_revision_says_so(pg_server: PgServer, pg_template: str) -> None:
    """A schema from before the server baseline is named as such (it said "other
    tables"); one at the baseline or later is upgraded (``test_server_upgrade``)."""
    name = pg_server.create_database(template=pg_template)
    with pg_server.admin(name) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0026'")
    url = pg_server.plain_url(name)
    for attempt in (lambda: init_schema(url, PASSWORD),
                    lambda: ServerStore.connect(url, PASSWORD)):
        with pytest.raises(NotAStore, match="from a test version of the team server") as caught:
            attempt()
        assert "other tables" not in str(caught.value)


def test_an_unreachable_server_is_one_sentence(pg_server: PgServer) -> None:
    from tests.pg_server import _free_port

    url = f"postgresql://anna@127.0.0.1:{_free_port()}/spoc"
    with pytest.raises(ServerUnreachable) as caught:
        ServerStore.connect(url, "secret")
    message = str(caught.value)
    assert message.startswith("The team server postgresql://anna@127.0.0.1:")
    assert "cannot be reached" in message and "\n" not in message and "secret" not in message
    with pytest.raises(ServerUnreachable):
        init_schema(url, "secret")


def test_a_wrong_password_is_one_sentence(pg_url: str) -> None:
    with pytest.raises(WrongServerPassword, match="refused the role's password"):
        ServerStore.connect(pg_url, "not the password")


def test_a_role_without_rights_is_told_so(pg_server: PgServer) -> None:
    name = pg_server.create_database()
    with pg_server.admin() as conn:
        conn.execute("DROP ROLE IF EXISTS bob")
        conn.execute("CREATE ROLE bob LOGIN PASSWORD 'bob-secret'")
    with pg_server.admin(name) as conn:  # PostgreSQL 15: only the owner creates in public
        conn.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    with pytest.raises(NoServerRights, match="lacks the rights"):
        init_schema(pg_server.plain_url(name, user="bob"), "bob-secret")


def test_remote_servers_need_verified_tls() -> None:
    remote = backend.server_url("postgresql://anna@db.example.org/spoc", "pw")
    assert remote.query["sslmode"] == "verify-full"
    assert remote.drivername == "postgresql+psycopg" and remote.password == "pw"
    chosen = backend.server_url(
        "postgres://anna@db.example.org/spoc?sslmode=verify-full&sslrootcert=/ca.pem", None)
    assert chosen.query["sslrootcert"] == "/ca.pem"
    for local in ("localhost", "127.0.0.1"):
        assert "sslmode" not in backend.server_url(f"postgresql://anna@{local}/spoc", "pw").query
    assert backend.display_url("postgresql+psycopg://anna:pw@db.example.org/spoc") == \
        "postgresql://anna@db.example.org/spoc"


def test_the_url_picks_the_backend() -> None:
    assert backend.backend_for("postgresql://anna@db/spoc") == backend.POSTGRESQL
    assert backend.backend_for("postgres://anna@db/spoc") == backend.POSTGRESQL
    assert backend.backend_for("/home/anna/spocdesk.db") == backend.SQLITE


def test_lists_filter_by_text_on_a_server(server_store: ServerStore) -> None:
    from spocdesk.core.cases import query as case_query
    from spocdesk.core.cases import service as cases
    from spocdesk.core.people import query as people
    from spocdesk.core.people import stakeholders

    anna = stakeholders.add_stakeholder(server_store, stakeholders.NewStakeholder(
        display_name="Anna Müller",
        contact_points=[stakeholders.NewContactPoint("phone", "+49 30 1234567")])).value
    stakeholders.add_stakeholder(server_store, stakeholders.NewStakeholder(display_name="Ben"))
    cases.add_case(server_store, cases.NewCase(title="Renewal terms"))
    cases.add_case(server_store, cases.NewCase(title="Something else"))
    found = case_query.case_ids(server_store, case_query.CaseFilter(text="renew"))
    assert len(found) == 1
    assert case_query.case_count(server_store, case_query.CaseFilter(text="renew")) == 1
    for typed in ("mül", "MULLER", "030 1234", "+49 30 12"):
        assert people.stakeholder_ids(
            server_store, people.StakeholderFilter(text=typed)) == [anna], typed
        assert people.stakeholder_count(server_store, people.StakeholderFilter(text=typed)) == 1
    assert people.stakeholder_ids(server_store, people.StakeholderFilter(text="100%")) == []
    # the stored search documents (two people, two cases), in step with the records
    assert search.index_problems(server_store) == []
    assert search.rebuild_index(server_store).value == 4
    assert search.index_problems(server_store) == []


def test_file_only_work_is_refused_in_a_sentence(server_store: ServerStore) -> None:
    from pathlib import Path

    with pytest.raises(NotOnTeamServer, match="store file only"):
        server_store.backup_to(Path("/tmp/never-written.spocdesk-backup"))


def test_a_nul_in_text_is_stored_as_a_replacement_character(server_store: ServerStore) -> None:
    """PostgreSQL refuses NUL in text, which a broken e-mail header or a damaged file can
    carry: the server stores U+FFFD in its place instead of refusing the whole save."""
    from spocdesk.core.cases import detail
    from spocdesk.core.cases import service as cases

    ref = cases.add_case(server_store, cases.NewCase(title="Fax\x00 from ward 7")).value
    assert detail.get_case(server_store, ref).title == "Fax\ufffd from ward 7"
