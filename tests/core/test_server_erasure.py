"""Erasing a person for good on a team server, as team members under row security.

Anna and Bert are SPOCs, Lena their lead. An erasure reaches what its maker may
change, in one transaction: the record, its links, the text that names the person
(the audit trail's too, the one change the server lets anyone make to it), the search
documents and the change log. A person still in a colleague's records that the
erasing SPOC cannot change is refused in a sentence, with nothing changed; a lead
reaches the whole team's.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.cases import workflow
from spocdesk.core.errors import InvalidInput
from spocdesk.core.people import data_subject, stakeholders
from spocdesk.core.search import query as search
from spocdesk.core.store import policies
from tests.core.test_row_security import Team, db, team  # noqa: F401
from tests.pg_server import PgServer

NAME = "Zebulon Quarrington"


@pytest.fixture
def crew(pg_server: PgServer, db: str) -> Iterator[Team]:  # noqa: F811
    t = Team(pg_server, db)
    yield t
    t.close()


def _annas_client(crew: Team) -> tuple[str, str]:
    """Anna's client, on her case, named in her log and in her case's title."""
    anna = crew.app("anna")
    person = stakeholders.add_stakeholder(anna, stakeholders.NewStakeholder(
        display_name=NAME, given_name="Zebulon", family_name="Quarrington",
        contact_points=[stakeholders.NewContactPoint("email", "zeb@q.example"),
                        stakeholders.NewContactPoint("phone", "+44 20 7946 0958")])).value
    ref = cases.add_case(anna, cases.NewCase(
        title=f"Care plan for {NAME}", stakeholders=[(person, "patient")])).value
    cases.log_interaction(anna, ref, cases.NewInteraction(
        channel="phone", direction="in", summary=f"{NAME} called from 020 7946 0958",
        stakeholder_ids=[person]))
    workflow.update_case(anna, ref, next_step=f"Write to {NAME}")  # in the audit trail
    return person, ref


def _texts(crew: Team, who: str) -> str:
    return " ".join(str(v) for row in crew.rows(
        who, "SELECT title, next_step FROM case_record UNION ALL "
             "SELECT summary, body FROM interaction UNION ALL "
             "SELECT before, after FROM audit_event") for v in row)


def test_a_spoc_erases_their_own_client(crew: Team) -> None:
    person, ref = _annas_client(crew)
    berts = cases.add_case(crew.app("bert"), cases.NewCase(title=f"Bert met {NAME}")).value
    assert "Quarrington" in _texts(crew, "anna")
    changed = data_subject.erase_person(crew.app("anna"), person).value
    assert changed >= 4
    assert crew.rows("anna", "SELECT count(*) FROM stakeholder WHERE id = %s", person) == [
        (0,)]
    assert crew.count("anna", "contact_point") == 0
    texts = _texts(crew, "anna")
    assert "Quarrington" not in texts and "0958" not in texts
    assert f"Care plan for {data_subject.PLACEHOLDER}" in texts
    # the audit trail: the name gone from its values, who made each change kept
    assert ("anna",) in crew.rows("anna", "SELECT DISTINCT db_role FROM audit_event")
    assert crew.rows("anna", "SELECT action FROM audit_event WHERE entity_id = %s",
                     person) == [("erase",)]
    for word in ("Quarrington", "Zebulon", "zeb", "79460958"):
        assert search.search(crew.app("anna"), word) == [], word
    # the change log tells those who saw the person that they are gone
    assert crew.rows("anna", "SELECT count(*) FROM spocdesk_change WHERE table_name = "
                             "'stakeholder' AND record_id = %s", person)[0][0] >= 1
    # a colleague's records are theirs: row security kept Bert's title as it was
    assert crew.rows("bert", "SELECT title FROM case_record WHERE ref = %s", berts) == [
        (f"Bert met {NAME}",)]
    assert ref


def test_a_person_in_a_colleagues_case_is_refused_and_nothing_changes(crew: Team) -> None:
    person, _ref = _annas_client(crew)
    policies.share(crew.app("anna"), "bert", stakeholder_id=person)
    cases.add_case(crew.app("bert"), cases.NewCase(
        title="Bert's case", stakeholders=[(person, "client")]))
    before = _texts(crew, "lena")
    with pytest.raises(InvalidInput, match="also in colleagues' records"):
        data_subject.erase_person(crew.app("anna"), person)
    with pytest.raises(InvalidInput, match="owner or a lead"):
        data_subject.erase_person(crew.app("bert"), person)  # shared with him, not his
    assert _texts(crew, "lena") == before
    assert crew.rows("lena", "SELECT count(*) FROM contact_point WHERE stakeholder_id = %s",
                     person) == [(2,)]
    assert search.search(crew.app("anna"), "Quarrington")
    assert crew.rows("bert", "SELECT count(*) FROM case_participant") == [(1,)]

    data_subject.erase_person(crew.app("lena"), person)  # the lead reaches both cases
    assert "Quarrington" not in _texts(crew, "lena")
    assert crew.rows("bert", "SELECT count(*) FROM case_participant") == [(0,)]


def test_the_audit_trail_takes_an_erasure_and_nothing_else(crew: Team) -> None:
    _annas_client(crew)
    [(event, after)] = crew.rows(
        "anna", "SELECT id, after FROM audit_event WHERE field = 'next_step'")
    assert NAME in after
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        crew.sql("anna").execute("UPDATE audit_event SET after = 'Write to nobody' "
                                 "WHERE id = %s", (event,))
    with pytest.raises(psycopg.errors.InsufficientPrivilege):
        crew.sql("anna").execute("UPDATE audit_event SET author = 'deputy' WHERE id = %s",
                                 (event,))
    crew.sql("anna").execute("UPDATE audit_event SET after = replace(after, %s, %s) "
                             "WHERE id = %s", (NAME, data_subject.PLACEHOLDER, event))
    assert crew.rows("anna", "SELECT after, db_role FROM audit_event WHERE id = %s",
                     event) == [(f"Write to {data_subject.PLACEHOLDER}", "anna")]
    # Bert cannot touch Anna's events at all
    crew.sql("bert").execute("UPDATE audit_event SET after = %s WHERE id = %s",
                             (data_subject.PLACEHOLDER, event))
    assert crew.rows("anna", "SELECT after FROM audit_event WHERE id = %s", event) == [
        (f"Write to {data_subject.PLACEHOLDER}",)]
