"""Demo data on a team server: ``spocdesk --store URL demo-data`` fills the records of
whoever connects, as a SPOC under row security, after the team's case numbers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from spocdesk.core import demo
from spocdesk.core.cases import query as case_query
from spocdesk.core.cases import service as cases
from spocdesk.core.search import query as search
from tests.core.test_row_security import Team, db, team  # noqa: F401
from tests.pg_server import PgServer


@pytest.fixture
def crew(pg_server: PgServer, db: str) -> Iterator[Team]:  # noqa: F811
    t = Team(pg_server, db)
    yield t
    t.close()


def test_a_spoc_fills_their_own_records(crew: Team) -> None:
    cases.add_case(crew.app("bert"), cases.NewCase(title="Bert's own matter"))  # C-0001
    counts = demo.generate(crew.app("anna"), "small").value
    anna = crew.app("anna")
    assert case_query.case_count(anna, case_query.CaseFilter(view="all")) == counts["cases"]
    refs = [r[0] for r in crew.rows("anna", "SELECT ref FROM case_record ORDER BY ref")]
    assert refs[0] == "C-0002" and len(refs) == counts["cases"]  # after Bert's C-0001
    owners = {r[0] for r in crew.rows("lena", "SELECT DISTINCT owner FROM interaction")}
    assert owners == {"anna"}
    assert crew.count("bert", "stakeholder") == 0  # nothing of Anna's for Bert
    title = crew.rows("anna", "SELECT title FROM case_record LIMIT 1")[0][0]
    assert search.search(anna, title.split()[0])  # its search documents were made
    assert crew.count("lena", "case_record") == counts["cases"] + 1  # the lead sees all
