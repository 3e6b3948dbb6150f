"""``spocdesk server upgrade``: a team server made at the baseline moves on to a newer
revision through Alembic, in one transaction, keeping its data, row security and
search; a failing revision leaves it as it was; only the schema's owner may do it.

No revision after the baseline exists yet, so each test writes one in the form a real
one will have (``op`` calls that run on both databases) next to the package's own, and
this spocdesk's head is that revision for the test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from spocdesk.cli import main
from spocdesk.core.cases import detail
from spocdesk.core.cases import service as cases
from spocdesk.core.errors import NoServerRights, NotAStore, StoreTooNew
from spocdesk.core.search import query as search
from spocdesk.core.store import backend, migrate, roles
from spocdesk.core.store.server import SERVER_BASELINE, ServerStore
from spocdesk.core.store.server_upgrade import upgrade_schema
from tests.pg_server import PASSWORD, PgServer

NEXT = "9001"  # the revision each test writes (above any real one)
ADDS_A_COLUMN = '''
import sqlalchemy as sa
from alembic import op

revision = "{next}"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("case_record", sa.Column("upgrade_probe", sa.String(20), nullable=False,
                                           server_default="kept"))
    op.create_index("ix_case_upgrade_probe", "case_record", ["upgrade_probe"])


def downgrade() -> None:
    op.drop_index("ix_case_upgrade_probe", "case_record")
    op.drop_column("case_record", "upgrade_probe")
'''
FAILS_MIDWAY = ADDS_A_COLUMN.replace(
    '    op.create_index("ix_case_upgrade_probe", "case_record", ["upgrade_probe"])',
    '    op.execute("SELECT 1 / 0")')


@pytest.fixture
def db(pg_server: PgServer, pg_template: str) -> Iterator[str]:
    name = pg_server.create_database(template=pg_template)
    yield name
    pg_server.drop_database(name)


def _newer_spocdesk(monkeypatch: pytest.MonkeyPatch, folder: Path, body: str) -> None:
    """This spocdesk's head is :data:`NEXT`, written from ``body`` into ``folder``."""
    real_head, real_config = migrate.head(), migrate.config
    folder.mkdir()
    (folder / f"{NEXT}_upgrade_probe.py").write_text(
        body.format(next=NEXT, head=real_head), encoding="utf-8")

    def config():  # type: ignore[no-untyped-def]
        cfg = real_config()
        cfg.set_main_option("path_separator", "os")
        cfg.set_main_option("version_locations",
                            os.pathsep.join([str(migrate.MIGRATIONS / "versions"), str(folder)]))
        return cfg

    monkeypatch.setattr(migrate, "config", config)
    monkeypatch.setattr(migrate, "head", lambda: NEXT)


def _revision(url: str) -> str:
    engine = sa.create_engine(backend.server_url(url, PASSWORD))
    with engine.connect() as conn:
        found = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return str(found)


def _columns(url: str) -> set[str]:
    engine = sa.create_engine(backend.server_url(url, PASSWORD))
    with engine.connect() as conn:
        found = {c["name"] for c in sa.inspect(conn).get_columns("case_record")}
    engine.dispose()
    return found


def test_a_server_moves_on_keeping_its_records(
        pg_server: PgServer, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.plain_url(db)
    before = ServerStore.connect(url, PASSWORD)
    ref = cases.add_case(before, cases.NewCase(title="Boiler in ward 7")).value
    before.close()
    head = migrate.head()
    _newer_spocdesk(monkeypatch, tmp_path / "versions", ADDS_A_COLUMN)

    with pytest.raises(NotAStore, match="'spocdesk server upgrade'"):
        ServerStore.connect(url, PASSWORD)  # a newer client asks for the upgrade
    done = upgrade_schema(url, PASSWORD)
    assert done is not None and (done.before, done.after) == (head, NEXT)
    assert _revision(url) == NEXT and "upgrade_probe" in _columns(url)
    assert upgrade_schema(url, PASSWORD) is None  # at head: nothing to do

    after = ServerStore.connect(url, PASSWORD)
    try:
        assert detail.get_case(after, ref).title == "Boiler in ward 7"
        assert [h.case_ref for h in search.search(after, "boiler", ["case"])] == [ref]
        with after.connection() as conn:
            assert conn.execute(sa.text(
                "SELECT upgrade_probe FROM case_record")).scalars().all() == ["kept"]
            forced = conn.execute(sa.text(
                "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'case_record'"
            )).scalar()
        assert forced is True  # row security still holds after the revision
    finally:
        after.close()


def test_an_older_client_is_told_the_server_is_newer(
        pg_server: PgServer, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.plain_url(db)
    with monkeypatch.context() as newer:
        _newer_spocdesk(newer, tmp_path / "versions", ADDS_A_COLUMN)
        assert upgrade_schema(url, PASSWORD) is not None
    with pytest.raises(StoreTooNew):
        ServerStore.connect(url, PASSWORD)
    with pytest.raises(StoreTooNew):
        upgrade_schema(url, PASSWORD)


def test_a_failing_revision_leaves_the_server_as_it_was(
        pg_server: PgServer, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.plain_url(db)
    head = migrate.head()
    _newer_spocdesk(monkeypatch, tmp_path / "versions", FAILS_MIDWAY)
    with pytest.raises(sa.exc.DataError, match="division by zero"):
        upgrade_schema(url, PASSWORD)
    assert _revision(url) == head  # all or nothing: the column added first is gone too
    assert "upgrade_probe" not in _columns(url)


def test_only_the_schema_owner_may_upgrade(
        pg_server: PgServer, db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.plain_url(db)
    with pg_server.admin() as conn:
        known = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}
    if "upgrade_member" not in known:  # roles belong to the whole server
        roles.add_user(url, PASSWORD, "upgrade_member", roles.SPOC, "a member's passphrase")
    member = pg_server.plain_url(db, user="upgrade_member")
    head = migrate.head()
    _newer_spocdesk(monkeypatch, tmp_path / "versions", ADDS_A_COLUMN)
    with pytest.raises(NoServerRights):
        upgrade_schema(member, "a member's passphrase")
    assert _revision(url) == head


def test_a_server_from_before_the_baseline_cannot_be_upgraded(pg_server: PgServer,
                                                             db: str) -> None:
    url = pg_server.plain_url(db)
    earlier = f"{int(SERVER_BASELINE) - 1:04d}"
    with pg_server.admin(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = %s", (earlier,))
    for attempt in (lambda: upgrade_schema(url, PASSWORD),
                    lambda: ServerStore.connect(url, PASSWORD)):
        with pytest.raises(NotAStore, match="cannot be upgraded; create a new database"):
            attempt()


def test_the_command_line(pg_server: PgServer, db: str, tmp_path: Path,
                          monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    url = pg_server.plain_url(db)
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSWORD)
    assert main(["server", "upgrade", url]) == 0
    assert "already at the newest schema" in capsys.readouterr().out
    head = migrate.head()
    _newer_spocdesk(monkeypatch, tmp_path / "versions", ADDS_A_COLUMN)
    assert main(["server", "init", url]) == 1  # init does not move a schema on
    assert "'spocdesk server upgrade'" in capsys.readouterr().err
    assert main(["server", "upgrade", url]) == 0
    out = capsys.readouterr().out
    assert f"from revision {head} to {NEXT}" in out and "127.0.0.1" in out


def _schema(url: str) -> dict[str, object]:
    engine = sa.create_engine(backend.server_url(url, PASSWORD))
    with engine.connect() as conn:
        found = conn.execute(sa.text(
            "SELECT table_name, column_name, data_type, is_nullable, column_default "
            "FROM information_schema.columns WHERE table_schema = current_schema() "
            "ORDER BY 1, 2")).all()
        indexes = conn.execute(sa.text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "ORDER BY 1")).all()
        policies = conn.execute(sa.text(
            "SELECT tablename, policyname, qual, with_check FROM pg_policies ORDER BY 1, 2"
        )).all()
    engine.dispose()
    return {"columns": found, "indexes": indexes, "policies": policies}


def test_every_real_revision_after_the_baseline_runs_on_a_server(
        pg_server: PgServer, db: str, pg_template: str) -> None:
    """Down to the baseline and up again through this spocdesk's own revisions: the
    schema is the one ``server init`` makes at head (nothing to walk until the first
    revision after the baseline exists; then it must run on PostgreSQL)."""
    from alembic import command

    url = pg_server.plain_url(db)
    engine = sa.create_engine(backend.server_url(url, PASSWORD))
    cfg = migrate.config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, SERVER_BASELINE)
    engine.dispose()
    assert _revision(url) == SERVER_BASELINE
    if migrate.head() != SERVER_BASELINE:
        assert upgrade_schema(url, PASSWORD) is not None
    assert _revision(url) == migrate.head()
    assert _schema(url) == _schema(pg_server.plain_url(pg_template))
