"""Editing a stakeholder (:mod:`spocdesk.core.people.edit`): fields, tags,
contact points with one preferred per kind, audit entries, search, all or nothing."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from spocdesk.core.errors import Conflict, InvalidInput
from spocdesk.core.model import AuditEvent
from spocdesk.core.people import edit, stakeholders
from spocdesk.core.people import query as sq
from spocdesk.core.people.edit import PointEdit, StakeholderEdit
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.search import query as search
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server


@pytest.fixture
def anna(store: Store) -> str:
    return stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="Anna Müller", given_name="Anna", family_name="Müller",
        organisation="Acme", tags=["client"], notes="Met in 2024.",
        contact_points=[NewContactPoint("email", "anna@acme.example", "work", True),
                        NewContactPoint("phone", "+49 30 1234567", "work", True)])).value


def audits(store: Store, sid: str) -> list[tuple[str, str, str | None, str | None]]:
    with store.connection() as conn:
        return [(r.action, r.field, r.before, r.after) for r in conn.execute(
            sa.select(AuditEvent).where(AuditEvent.entity_id == sid)
            .order_by(AuditEvent.at, sa.literal_column("audit_event.rowid")))]


def preferred(store: Store, sid: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for point in stakeholders.details(store, sid).contact_points:
        if point.preferred:
            out.setdefault(point.kind, []).append(point.value)
    return out


def found(store: Store, text: str) -> set[str]:
    return {h.id for h in search.search(store, text, kinds=["stakeholder"])}


def test_rename_is_audited_and_search_follows(store: Store, anna: str) -> None:
    outcome = edit.update_fields(store, anna, display_name="Anna  Schmidt",
                                 family_name="Schmidt", title="CFO", organisation="Beta GmbH")
    assert sorted(outcome.value) == ["display_name", "family_name", "organisation", "title"]
    assert "stakeholder" in outcome.changes and anna in outcome.changes.ids["stakeholder"]
    detail = stakeholders.details(store, anna)
    assert (detail.display_name, detail.title, detail.organisation) == (
        "Anna Schmidt", "CFO", "Beta GmbH")
    assert ("update", "display_name", "Anna Müller", "Anna Schmidt") in audits(store, anna)
    assert ("update", "organisation", "Acme", "Beta GmbH") in audits(store, anna)
    assert anna in found(store, "Schmidt") and anna not in found(store, "Müller")
    directory = set(sq.stakeholder_ids(store, sq.StakeholderFilter(text="schmi")))
    assert anna in directory
    assert anna not in set(sq.stakeholder_ids(store, sq.StakeholderFilter(text="müll")))
    # the directory sorts by the new family name
    assert stakeholders.list_stakeholders(store)[-1].display_name == "Anna Schmidt"


def test_nothing_changed_writes_nothing(store: Store, anna: str) -> None:
    before = audits(store, anna)
    assert edit.update_fields(store, anna, display_name="Anna Müller",
                              organisation="Acme").value == []
    assert audits(store, anna) == before


def test_tags_and_notes(store: Store, anna: str) -> None:
    assert edit.set_tags(store, anna, ["vip", " client ", "vip"]).value == ["tags"]
    assert stakeholders.details(store, anna).tags == ["client", "vip"]
    assert ("update", "tags", "client", "client, vip") in audits(store, anna)
    edit.update_fields(store, anna, notes="  Prefers mornings.\n")
    assert stakeholders.details(store, anna).notes == "Prefers mornings."
    assert anna in found(store, "mornings")


def test_exactly_one_preferred_per_kind(store: Store, anna: str) -> None:
    assert preferred(store, anna) == {"email": ["anna@acme.example"],
                                      "phone": ["+49 30 1234567"]}
    home = edit.add_contact_point(store, anna, "email", "anna@home.example", "home").value
    assert preferred(store, anna)["email"] == ["anna@acme.example"]
    edit.set_preferred(store, home)
    assert preferred(store, anna)["email"] == ["anna@home.example"]
    assert ("update", "preferred_email", "anna@acme.example", "anna@home.example") in audits(
        store, anna)
    web = edit.add_contact_point(store, anna, "web", "https://anna.example").value
    assert preferred(store, anna)["web"] == ["https://anna.example"]  # first of its kind
    edit.remove_contact_point(store, home)  # the preferred one: the oldest left takes over
    assert preferred(store, anna)["email"] == ["anna@acme.example"]
    assert ("update", "contact_point", "email (home): anna@home.example", None) in audits(
        store, anna)
    edit.remove_contact_point(store, web)
    assert "web" not in preferred(store, anna)
    mobile = edit.add_contact_point(store, anna, "phone", "0170 555 0101", "mobile", True).value
    assert preferred(store, anna)["phone"] == ["0170 555 0101"]
    edit.edit_contact_point(store, mobile, kind="other", value="Pager 0170 555 0101")
    assert preferred(store, anna) == {"email": ["anna@acme.example"],
                                      "phone": ["+49 30 1234567"],
                                      "other": ["Pager 0170 555 0101"]}


def test_edited_phone_is_found_by_its_new_digits(store: Store, anna: str) -> None:
    point = next(p for p in stakeholders.details(store, anna).contact_points
                 if p.kind == "phone")
    edit.edit_contact_point(store, point.id, value="+44 20 7946 0958", label="london")
    assert anna in found(store, "2079460958") and anna not in found(store, "1234567")
    assert set(sq.stakeholder_ids(store, sq.StakeholderFilter(text="020 7946"))) == {anna}
    assert ("update", "contact_point", "phone (work): +49 30 1234567",
            "phone (london): +44 20 7946 0958") in audits(store, anna)


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("email", "anna.example", "is not an e-mail address"),
    ("email", "anna@", "is not an e-mail address"),
    ("email", "a b@x.example", "is not an e-mail address"),
    ("phone", "call me", "is not a phone number"),
    ("phone", "12", "is not a phone number"),
    ("phone", "+49 30 12345678901234567890", "is not a phone number"),
    ("fax", "123", "is not a kind of contact point"),
    ("address", "   ", "needs a value"),
])
def test_bad_contact_points_are_one_sentence_and_write_nothing(
        store: Store, anna: str, kind: str, value: str, message: str) -> None:
    before = audits(store, anna)
    with pytest.raises(InvalidInput, match=message) as caught:
        edit.add_contact_point(store, anna, kind, value)
    assert str(caught.value).count(".") >= 1 and "\n" not in str(caught.value)
    assert audits(store, anna) == before
    assert len(stakeholders.details(store, anna).contact_points) == 2


def test_bad_fields(store: Store, anna: str) -> None:
    with pytest.raises(InvalidInput, match="needs a name"):
        edit.update_fields(store, anna, display_name="  ")
    with pytest.raises(InvalidInput, match="is not a channel"):
        edit.update_fields(store, anna, preferred_channel="pigeon")
    with pytest.raises(InvalidInput, match="not a field"):
        edit.update_fields(store, anna, revision=3)
    acme = stakeholders.details(store, anna).organisation_id
    assert acme is not None
    with pytest.raises(InvalidInput, match="cannot belong"):
        edit.update_fields(store, acme, organisation="Beta")
    assert stakeholders.details(store, anna).display_name == "Anna Müller"


def test_save_applies_the_whole_dialog_in_one_unit_of_work(store: Store, anna: str) -> None:
    detail = stakeholders.details(store, anna)
    email, phone = detail.contact_points  # sorted by kind: email, phone
    result = edit.save(store, anna, StakeholderEdit(
        display_name="Anna Müller-Lang", given_name="Anna", family_name="Müller-Lang",
        organisation="Acme", title="Head of Finance", preferred_channel="phone",
        notes="New notes.", tags=["client", "board"],
        contact_points=[
            PointEdit("email", "anna@acme.example", "work", False, email.id),
            PointEdit("email", "anna@private.example", "home", True),
        ]), expected_revision=detail.revision)
    assert set(result.value) >= {"display_name", "family_name", "title", "notes", "tags",
                                 "preferred_channel", "contact_point", "preferred_email"}
    after = stakeholders.details(store, anna)
    assert [(p.kind, p.value, p.label, p.preferred) for p in after.contact_points] == [
        ("email", "anna@private.example", "home", True),
        ("email", "anna@acme.example", "work", False)]
    assert after.tags == ["board", "client"] and after.notes == "New notes."
    assert after.preferred_channel == "phone"
    assert ("update", "contact_point", "phone (work): +49 30 1234567", None) in audits(
        store, anna)
    assert anna not in found(store, "1234567")
    assert phone.id not in {p.id for p in after.contact_points}
    # a stale copy is refused, and so is a bad point anywhere in the list: nothing written
    before = audits(store, anna)
    with pytest.raises(InvalidInput, match="changed meanwhile"):
        edit.save(store, anna, StakeholderEdit(display_name="X"),
                  expected_revision=detail.revision)
    with pytest.raises(InvalidInput, match="not an e-mail address"):
        edit.save(store, anna, StakeholderEdit(
            display_name="Someone Else",
            contact_points=[PointEdit("email", "ok@x.example"), PointEdit("email", "bad")]))
    assert audits(store, anna) == before
    assert stakeholders.details(store, anna).display_name == "Anna Müller-Lang"


def test_a_stale_save_is_a_conflict_naming_what_changed(store: Store, anna: str) -> None:
    seen = stakeholders.details(store, anna)
    edit.update_fields(store, anna, notes="Changed elsewhere.")
    edit.add_contact_point(store, anna, "phone", "+49 30 555")
    with pytest.raises(Conflict) as refused:
        edit.save(store, anna, StakeholderEdit(display_name="Mine"),
                  expected_revision=seen.revision, seen=seen)
    assert str(refused.value) == (f"{seen.display_name} was changed meanwhile (notes, "
                                  "contact points); nothing was saved.")
    assert refused.value.revision == stakeholders.details(store, anna).revision
    assert stakeholders.details(store, anna).display_name == seen.display_name
