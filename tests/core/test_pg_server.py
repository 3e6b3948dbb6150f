"""The test session's own PostgreSQL server: reachable over TCP with a password, and
nobody gets in without one (scram-sha-256)."""

from __future__ import annotations

import pytest

from tests.pg_server import ADMIN, PgServer


def test_the_server_answers_with_the_password(pg_server: PgServer) -> None:
    with pg_server.admin() as conn:
        version = conn.execute("SHOW server_version_num").fetchone()
        method = conn.execute("SHOW password_encryption").fetchone()
    assert version is not None and int(version[0]) >= 150000
    assert method == ("scram-sha-256",)


def test_a_wrong_password_is_refused(pg_server: PgServer) -> None:
    import psycopg

    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(host="127.0.0.1", port=pg_server.port, user=ADMIN,
                        password="wrong", dbname="postgres")


def test_each_test_can_have_a_fresh_database(pg_server: PgServer) -> None:
    name = pg_server.create_database()
    try:
        with pg_server.admin(name) as conn:
            conn.execute("CREATE TABLE t (x int)")
            assert conn.execute("SELECT count(*) FROM t").fetchone() == (0,)
    finally:
        pg_server.drop_database(name)
