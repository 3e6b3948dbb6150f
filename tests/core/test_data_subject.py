"""Data-subject requests: export everything about a person, and erase them for good."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import NotFound
from spocdesk.core.followups import service as followups
from spocdesk.core.model import (
    AuditEvent,
    Case,
    CaseParticipant,
    ContactPoint,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Stakeholder,
)
from spocdesk.core.people import data_subject, stakeholders
from spocdesk.core.people import query as sq
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.search import query as search
from spocdesk.core.store import Store, backend

pytestmark = pytest.mark.both_backends

NAME = "Zebulon Quarrington"


@pytest.fixture
def world(store: Store, clock: FixedClock) -> dict[str, str]:
    person = stakeholders.add_stakeholder(store, NewStakeholder(
        display_name=NAME, given_name="Zebulon", family_name="Quarrington",
        organisation="Acme", title="Patient", notes="Allergic to penicillin",
        contact_points=[NewContactPoint("email", "zeb@q.example", "home", True),
                        NewContactPoint("phone", "+44 20 7946 0958", "mobile", True)])).value
    other = stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="Olga Other", family_name="Other")).value
    ref = cases.add_case(store, cases.NewCase(
        title=f"Care plan for {NAME}", description=f"{NAME} needs a new plan.",
        next_step="Call zebulon quarrington back", status="open",
        stakeholders=[(person, "patient"), (other, "family")])).value
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="in", summary=f"{NAME} called about the plan",
        body=f"Olga said Quarrington, Zebulon is fine. {NAME}.",
        occurred_at=clock.now() - timedelta(days=1), stakeholder_ids=[person, other]))
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="note", direction="internal", summary="Olga only",
        stakeholder_ids=[other]))
    followups.add_followup(store, followups.NewFollowUp(
        title="Check on him", due_at=clock.now() + timedelta(days=1), stakeholder_id=person))
    return {"person": person, "other": other, "ref": ref}


def test_export_holds_everything(store: Store, world: dict[str, str], tmp_path: Path) -> None:
    data = data_subject.export_person(store, world["person"])
    assert data["stakeholder"]["display_name"] == NAME
    assert data["stakeholder"]["organisation"] == "Acme"
    assert {p["value"] for p in data["contact_points"]} == {"zeb@q.example",
                                                             "+44 20 7946 0958"}
    assert [(c["ref"], c["role"]) for c in data["cases"]] == [(world["ref"], "patient")]
    assert [i["summary"] for i in data["interactions"]] == [f"{NAME} called about the plan"]
    assert [f["title"] for f in data["followups"]] == ["Check on him"]
    assert any(a["action"] == "create" for a in data["audit"])
    path = tmp_path / "out.json"
    assert data_subject.export_person_json(store, world["person"], path).value == 1
    assert json.loads(path.read_text(encoding="utf-8"))["stakeholder"]["notes"] == \
        "Allergic to penicillin"
    with pytest.raises(NotFound):
        data_subject.export_person(store, "missing")


def _mail(sender: str, to: str, subject: str, cc: str = "") -> bytes:
    head = f"From: {sender}\r\nTo: {to}\r\n" + (f"Cc: {cc}\r\n" if cc else "")
    return (head + f"Subject: {subject}\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n"
            f"Message-ID: <{subject.replace(' ', '-')}@x.example>\r\n"
            "Content-Type: text/plain\r\n\r\nHello\r\n").encode()


def test_export_holds_the_mail_from_and_to_the_person(store: Store,
                                                      world: dict[str, str]) -> None:
    from spocdesk.core.mail import capture, parse

    raw = [_mail("Zebulon <zeb@q.example>", "you@example.org", "From Zeb"),
           _mail("you@example.org", "Olga <olga@o.example>", "Copy to Zeb",
                 cc="Zebulon Q <ZEB@Q.example>"),
           _mail("Olga <olga@o.example>", "you@example.org", "Not about him")]
    capture.capture(store, [parse.parse_bytes(r) for r in raw], source="file")
    data = data_subject.export_person(store, world["person"])
    assert sorted(m["subject"] for m in data["emails"]) == ["Copy to Zeb", "From Zeb"]
    sent = next(m for m in data["emails"] if m["subject"] == "From Zeb")
    assert sent["sender_email"] == "zeb@q.example" and sent["body"].strip() == "Hello"
    json.dumps(data)  # JSON-ready as it is
    other = data_subject.export_person(store, world["other"])
    assert other["emails"] == []  # Olga has no e-mail address in the directory


def test_erase_leaves_no_trace(store: Store, world: dict[str, str]) -> None:
    person = world["person"]
    assert search.search(store, "Quarrington")
    outcome = data_subject.erase_person(store, person)
    assert outcome.value >= 4
    assert "stakeholder" in outcome.changes and "case" in outcome.changes
    with store.unit_of_work() as uow:
        s = uow.session
        assert s.get(Stakeholder, person) is None  # a real DELETE, not a soft delete
        for model, column in ((ContactPoint, ContactPoint.stakeholder_id),
                              (CaseParticipant, CaseParticipant.stakeholder_id),
                              (InteractionParticipant, InteractionParticipant.stakeholder_id),
                              (FollowUp, FollowUp.stakeholder_id)):
            assert s.scalar(sa.select(sa.func.count()).select_from(model)
                            .where(column == person)) == 0
        case = s.scalar(sa.select(Case))
        assert case is not None
        assert case.title == "Care plan for [erased person]"
        assert case.description == "[erased person] needs a new plan."
        assert case.next_step == "Call [erased person] back"
        summaries = {i.summary: i.body for i in s.scalars(sa.select(Interaction))}
        assert "[erased person] called about the plan" in summaries
        assert summaries["[erased person] called about the plan"] == \
            "Olga said [erased person] is fine. [erased person]."
        events = list(s.scalars(sa.select(AuditEvent).where(AuditEvent.entity_id == person)))
        assert [(e.action, e.before, e.after, e.field) for e in events] == [
            ("erase", None, None, "")]
        # the other participant is untouched
        assert s.get(Stakeholder, world["other"]) is not None
    for word in ("Quarrington", "Zebulon", "zeb@q.example", "penicillin", "79460958"):
        assert search.search(store, word) == [], word
        assert sq.stakeholder_ids(store, sq.StakeholderFilter(text=word)) == []
    # no text column of any table still holds the name
    with store.connection() as conn:
        for table, columns in _every_column(store, conn).items():
            for column in columns:
                hits = conn.execute(sa.text(
                    f'SELECT count(*) FROM "{table}" WHERE lower(CAST("{column}" AS TEXT)) '
                    "LIKE :word"), {"word": "%quarrington%"}).scalar()
                assert hits == 0, (table, column)


def _every_column(store: Store, conn: sa.Connection) -> dict[str, list[str]]:
    """Every table with its columns: the file's, its FTS5 shadow tables too; a server's
    (its search documents, its change log), read as its administrator."""
    if store.backend == backend.POSTGRESQL:
        found: dict[str, list[str]] = {}
        for table, column in conn.exec_driver_sql(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"):
            found.setdefault(str(table), []).append(str(column))
        return found
    tables = [r[0] for r in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {table: [r[1] for r in conn.exec_driver_sql(f'PRAGMA table_info("{table}")')]
            for table in tables}


def test_erase_checkpoints_and_keeps_store_sound(store: Store, world: dict[str, str]) -> None:
    data_subject.erase_person(store, world["person"])
    if store.backend == backend.SQLITE:  # a server's WAL and pages are its operator's
        wal = store.location.store.with_name(store.location.store.name + "-wal")
        assert not wal.exists() or wal.stat().st_size == 0  # checkpointed (TRUNCATE)
        assert store.integrity_problems() == []
    assert search.index_problems(store) == []
    with pytest.raises(NotFound):
        data_subject.erase_person(store, world["person"])


def test_erase_is_one_unit_of_work(store: Store, world: dict[str, str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_a: object, **_k: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(data_subject.audit, "record", boom)
    with pytest.raises(RuntimeError):
        data_subject.erase_person(store, world["person"])
    assert stakeholders.details(store, world["person"]).display_name == NAME
    assert search.search(store, "Quarrington")


def test_erasing_an_organisation_unlinks_its_people(store: Store) -> None:
    anna = stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="Anna", organisation="Gone Ltd")).value
    org = stakeholders.details(store, anna).organisation_id
    assert org is not None
    data_subject.erase_person(store, org)
    assert stakeholders.details(store, anna).organisation == ""


def test_erase_scrubs_email_and_phone_from_free_text(store: Store, world: dict[str, str],
                                                     clock: FixedClock) -> None:
    """Issue 18.4: a handover note prefilled earlier kept the address, and search found
    it. Every spelling of the number is scrubbed; other numbers and addresses stay."""
    from datetime import date

    from spocdesk.core.handover import absence

    ref = world["ref"]
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="email", direction="out", summary="Wrote to ZEB@q.example",
        body="Call 020 7946 0958 or (020) 7946-0958 or +44 20 79460958; "
             "not 020 7946 0000, not olga@o.example.",
        occurred_at=clock.now(), stakeholder_ids=[world["other"]]))
    absence_id = absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 13))).value
    case_id = store_case_id(store, ref)
    draft = absence.prefill_note(store, absence_id, case_id)
    draft = type(draft)(**{**draft.__dict__,
                           "summary": "Reach him at zeb@q.example, +44 20 7946 0958."})
    absence.save_note(store, absence_id, case_id, draft)
    stakeholders_notes = "Olga's neighbour: zeb@q.example"
    with store.unit_of_work() as uow:
        uow.session.get(Stakeholder, world["other"]).notes = stakeholders_notes
        uow.commit()
    assert search.search(store, "zeb")
    if store.backend == backend.SQLITE:  # a server's search finds no whole address yet
        assert search.search(store, "zeb@q.example")
    data_subject.erase_person(store, world["person"])
    for word in ("zeb", "zeb@q.example", "79460958", "7946"):
        assert not [h for h in search.search(store, word) if "0000" not in str(h)], word
    with store.connection() as conn:
        texts = " ".join(str(v) for row in conn.exec_driver_sql(
            "SELECT summary, body FROM interaction UNION ALL "
            "SELECT summary, situation FROM handover_note UNION ALL "
            "SELECT notes, '' FROM stakeholder") for v in row)
    assert "zeb@q.example" not in texts.lower()
    assert "0958" not in texts
    assert "020 7946 0000" in texts and "olga@o.example" in texts


def store_case_id(store: Store, ref: str) -> str:
    with store.unit_of_work() as uow:
        return cases.by_ref(uow.session, ref).id


def test_satisfaction_is_their_data_too(store: Store, world: dict[str, str]) -> None:
    """Their Net Promoter answers are exported and erased with them; a satisfaction
    comment naming them is scrubbed (issue 21)."""
    from spocdesk.core.cases import workflow
    from spocdesk.core.metrics import feedback
    from spocdesk.core.model import CaseFeedback, NpsAnswer

    person = world["person"]
    feedback.record_nps(store, person, 9, comment="Zebulon is happy")
    workflow.update_case(store, world["ref"], status="resolved")
    feedback.record_csat(store, world["ref"], 5, comment=f"{NAME} said thanks")
    data = data_subject.export_person(store, person)
    assert [(n["score"], n["comment"]) for n in data["nps_answers"]] == [
        (9, "Zebulon is happy")]
    assert [(f["case"], f["csat"], f["comment"]) for f in data["satisfaction"]] == [
        (world["ref"], 5, f"{NAME} said thanks")]
    data_subject.erase_person(store, person)  # the answer's row would block the DELETE
    with store.unit_of_work() as uow:
        s = uow.session
        assert s.scalar(sa.select(sa.func.count()).select_from(NpsAnswer)) == 0
        assert s.scalar(sa.select(CaseFeedback.comment)) == "[erased person] said thanks"
