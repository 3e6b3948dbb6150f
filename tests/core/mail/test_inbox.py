"""The inbox: unfiled mail by sender, paged and counted in SQL, and filed by hand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import templates
from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.mail import inbox
from spocdesk.core.mail.capture import capture
from spocdesk.core.model import Case, CaseParticipant, Interaction, Stakeholder
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from tests.core.mail.helpers import message
from tests.core.mail.test_capture import open_case, person

pytestmark = pytest.mark.both_backends  # the file store and a team server

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def fill(store: Store) -> dict[str, str]:
    """Three senders: eve (two messages, the newest overall), bob (one), ada (two)."""
    plan = [("ada@example.org", "Ada", 0), ("bob@example.org", "Bob", 1),
            ("ada@example.org", "Ada", 2), ("eve@example.net", "Eve", 3),
            ("eve@example.net", "Eve", 4)]
    report = capture(store, [message(f"m{hour}", sender=email, name=name, message_id=f"{hour}@x",
                                     date=T0 + timedelta(hours=hour), text=f"text {hour} " * 50)
                             for email, name, hour in plan], source="file").value
    return {item.subject: item.mail_id for item in report.items}


def test_grouped_by_sender_newest_first_paged_in_sql(store: Store) -> None:
    ids = fill(store)
    rows = inbox.list_unfiled(store)
    assert [r.subject for r in rows] == ["m4", "m3", "m2", "m0", "m1"]
    assert [r.sender_count for r in rows] == [2, 2, 2, 2, 1]
    assert rows[0].occurred_at == T0 + timedelta(hours=4)
    assert rows[0].preview.startswith("text 4 text 4") and len(rows[0].preview) <= 160
    assert [r.id for r in inbox.list_unfiled(store, offset=2, limit=2)] == [ids["m2"], ids["m0"]]
    assert (inbox.count_unfiled(store), inbox.count_senders(store)) == (5, 3)


def test_file_to_case_logs_it_with_the_known_people(store: Store) -> None:
    ada = person(store, "Ada", "ada@example.org")
    bob = person(store, "Bob", "bob@example.org")
    ref_a = open_case(store, "One", ada)
    open_case(store, "Two", ada)  # two open cases: no rule is certain
    ids = fill(store)
    assert inbox.count_unfiled(store) == 5
    outcome = inbox.file_to_case(store, ids["m0"][:8], ref_a)
    detail = inbox.get_mail(store, ids["m0"])
    assert (detail.state, detail.case_ref, detail.interaction_id) == (
        "filed", ref_a, outcome.value)
    assert inbox.count_unfiled(store) == 4
    with pytest.raises(InvalidInput, match=f"already filed on {ref_a}"):
        inbox.file_to_case(store, ids["m0"], ref_a)
    with store.session() as session:
        entry = session.get(Interaction, outcome.value)
        assert entry is not None and (entry.channel, entry.summary) == ("email", "m0")
    assert bob  # not on m0


def test_new_case_from_mail_with_a_template_and_a_new_requester(store: Store) -> None:
    ids = fill(store)
    templates.create_template(store, templates.TemplateData(
        kind="case", name="Complaint", title_pattern="Complaint", category="complaints",
        priority="high", body="Checklist for {stakeholder}"))
    ref = inbox.new_case_from_mail(store, ids["m4"], template="complaint").value
    with store.session() as session:
        case = session.scalar(sa.select(Case).where(Case.ref == ref))
        assert case is not None
        assert (case.title, case.category, case.priority) == ("m4", "complaints", "high")
        assert case.description == "Checklist for Eve"
        link = session.scalar(sa.select(CaseParticipant).where(CaseParticipant.case_id == case.id))
        assert link is not None and link.role == "requester"
        eve = session.get(Stakeholder, link.stakeholder_id)
        assert eve is not None and eve.display_name == "Eve"
    # Eve is now a stakeholder with one open case: her next message is filed there
    report = capture(store, [message("m5", sender="eve@example.net", message_id="5@x")],
                     source="file").value
    assert [(i.case_ref, i.rule) for i in report.items] == [(ref, "address")]
    plain = inbox.new_case_from_mail(store, ids["m1"]).value
    assert inbox.get_mail(store, ids["m1"]).case_ref == plain


def test_new_stakeholder_from_sender(store: Store) -> None:
    ids = fill(store)
    sid = inbox.new_stakeholder_from_sender(store, ids["m1"]).value
    detail = stakeholders.details(store, sid)
    assert detail.display_name == "Bob"
    assert inbox.get_mail(store, ids["m1"]).state == "unfiled"  # still to be filed
    with pytest.raises(InvalidInput, match=r"bob@example\.org is already"):
        inbox.new_stakeholder_from_sender(store, ids["m1"])


def test_not_a_request_and_always_ignore(store: Store) -> None:
    ids = fill(store)
    inbox.dismiss(store, ids["m1"])
    assert inbox.get_mail(store, ids["m1"]).state == "dismissed"
    assert inbox.ignore_sender(store, ids["m3"], domain=True).value == 2
    assert inbox.count_unfiled(store) == 2  # ada's two
    later = capture(store, [message("news", sender="promo@mail.example.net", message_id="n@x")],
                    source="file").value
    assert [i.state for i in later.items] == ["ignored"]
    [rule] = inbox.list_ignore_rules(store)
    assert (rule.kind, rule.pattern) == ("domain", "example.net")
    inbox.remove_ignore_rule(store, rule.id)
    assert inbox.list_ignore_rules(store) == []
    assert inbox.ignore_sender(store, ids["m0"]).value == 2
    assert [r.pattern for r in inbox.list_ignore_rules(store)] == ["ada@example.org"]


def test_a_message_by_an_unknown_or_ambiguous_id(store: Store) -> None:
    fill(store)
    with pytest.raises(NotFound, match="There is no e-mail with id nothing"):
        inbox.get_mail(store, "nothing")
    with pytest.raises((InvalidInput, NotFound)):
        inbox.get_mail(store, "")
