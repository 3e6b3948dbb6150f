"""Finding duplicates over the directory and merging two stakeholders into one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.model import (
    AuditEvent,
    Case,
    CaseParticipant,
    ContactPoint,
    FollowUp,
    Interaction,
    InteractionParticipant,
    Stakeholder,
    unpack_tags,
)
from spocdesk.core.people import duplicates, stakeholders
from spocdesk.core.people.duplicates import name_key, same_phone
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server


def add(store: Store, name: str, *points: tuple[str, str], **extra: object) -> str:
    return stakeholders.add_stakeholder(store, NewStakeholder(
        display_name=name,
        contact_points=[NewContactPoint(k, v, "work", True) for k, v in points],
        **extra)).value  # type: ignore[arg-type]


def test_keys() -> None:
    assert name_key("Müller, Anna") == name_key("anna  MULLER") == "anna muller"
    assert same_phone("49301234567", "0301234567")
    assert same_phone("0049301234567", "49301234567")
    assert not same_phone("33612345678", "34612345678")
    assert not same_phone("12345", "912345")


def test_find_duplicates(store: Store) -> None:
    a = add(store, "Anna Müller", ("email", "anna@x.example"))
    b = add(store, "A. Mueller", ("email", "ANNA@x.example"), ("phone", "+49 30 1234567"))
    c = add(store, "Annie", ("phone", "030-123 45 67"))
    d = add(store, "muller anna")
    add(store, "Someone Else", ("phone", "+34 612 345 678"))
    add(store, "Other Person", ("phone", "+33 6 12 34 56 78"))
    groups = duplicates.find_duplicates(store)
    assert len(groups) == 1
    assert set(groups[0].ids) == {a, b, c, d}
    assert groups[0].reasons == ["email", "name", "phone"]


def test_merge_keeps_everything(store: Store) -> None:
    keep = add(store, "Anna Müller", ("email", "anna@x.example"), ("phone", "+49 30 1234567"),
               notes="Keep's note.", tags=["client"], organisation="Acme")
    other = add(store, "A. Mueller", ("email", "ANNA@x.example"), ("phone", "+49 170 999"),
                ("address", "1 Main St"), notes="Other's note.", tags=["vip"],
                title="CFO")
    member = add(store, "Her assistant")
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with store.unit_of_work() as uow:
        s = uow.session
        both, only_other = Case(ref="C-0001", ref_number=1, title="Both"), Case(
            ref="C-0002", ref_number=2, title="Other only")
        s.add_all([both, only_other])
        s.flush()
        s.add_all([
            CaseParticipant(case_id=both.id, stakeholder_id=keep, role="client"),
            CaseParticipant(case_id=both.id, stakeholder_id=other, role="client", is_main=True),
            CaseParticipant(case_id=only_other.id, stakeholder_id=other, role="requester"),
        ])
        entry = Interaction(case_id=both.id, channel="phone", direction="in", summary="Call",
                            occurred_at=now)
        s.add(entry)
        s.flush()
        s.add(InteractionParticipant(interaction_id=entry.id, stakeholder_id=other))
        todo = FollowUp(title="Call back", stakeholder_id=other, due_at=now)
        s.add(todo)
        s.get(Stakeholder, member).organisation_id = other  # type: ignore[union-attr]
        uow.commit()
    outcome = duplicates.merge_stakeholders(store, keep, other)
    assert outcome.value == keep
    assert {"stakeholder", "case", "interaction", "followup"} <= outcome.changes.kinds()

    detail = stakeholders.details(store, keep)
    assert sorted((p.kind, p.value) for p in detail.contact_points) == [
        ("address", "1 Main St"), ("email", "anna@x.example"),
        ("phone", "+49 170 999"), ("phone", "+49 30 1234567")]
    assert [p.value for p in detail.contact_points if p.preferred] == [
        "1 Main St", "anna@x.example", "+49 30 1234567"]  # still one preferred per kind
    assert detail.notes == "Keep's note.\n\nOther's note."
    assert detail.tags == ["client", "vip"]
    assert detail.title == "CFO" and detail.organisation == "Acme"
    assert sorted((ref, role) for ref, _title, role in detail.cases) == [
        ("C-0001", "client"), ("C-0002", "requester")]
    assert detail.members == [(member, "Her assistant")]
    with store.unit_of_work() as uow:
        s = uow.session
        live = CaseParticipant.deleted_at.is_(None)
        main = s.scalars(sa.select(CaseParticipant).where(
            CaseParticipant.case_id == both.id, live)).all()
        assert [(p.stakeholder_id, p.is_main) for p in main] == [(keep, True)]
        assert s.scalars(sa.select(InteractionParticipant.stakeholder_id)).all() == [keep]
        assert s.scalars(sa.select(FollowUp.stakeholder_id)).all() == [keep]
        gone = s.get(Stakeholder, other)
        assert gone is not None and gone.deleted_at is not None
        assert s.scalar(sa.select(sa.func.count()).select_from(ContactPoint).where(
            ContactPoint.stakeholder_id == other, ContactPoint.deleted_at.is_(None))) == 0
        events = s.execute(sa.select(AuditEvent.entity_id, AuditEvent.field, AuditEvent.after)
                           .where(AuditEvent.field.in_(["merged", "merged_into"]))).all()
        assert sorted(events) == sorted([(keep, "merged", other), (other, "merged_into", keep)])
        assert unpack_tags(s.get(Stakeholder, keep).tags) == ["client", "vip"]  # type: ignore[union-attr]
    assert [r.id for r in stakeholders.list_stakeholders(store) if r.id == other] == []
    assert duplicates.find_duplicates(store) == []


def test_merge_refuses_nonsense(store: Store) -> None:
    a = add(store, "Anna")
    with pytest.raises(InvalidInput):
        duplicates.merge_stakeholders(store, a, a)
    with pytest.raises(NotFound):
        duplicates.merge_stakeholders(store, a, "no-such-id")
