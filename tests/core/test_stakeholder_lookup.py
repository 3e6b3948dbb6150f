"""The directory's trigram lookup (revision 0007): what it finds, and that it follows
every write."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.clock import FixedClock
from spocdesk.core.model import ContactPoint, Stakeholder
from spocdesk.core.paths import Location
from spocdesk.core.people import query as sq
from spocdesk.core.people import stakeholders
from spocdesk.core.people.lookup import lookup_query
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store, migrate
from tests.conftest import PASSPHRASE

pytestmark = pytest.mark.both_backends  # the file store and a team server


def add(store: Store, name: str, *points: tuple[str, str], **extra: object) -> str:
    return stakeholders.add_stakeholder(store, NewStakeholder(
        display_name=name, contact_points=[NewContactPoint(k, v) for k, v in points],
        **extra)).value  # type: ignore[arg-type]


def found(store: Store, text: str) -> set[str]:
    return set(sq.stakeholder_ids(store, sq.StakeholderFilter(text=text)))


def lookup_rows(store: Store) -> int:
    with store.connection() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM stakeholder_lookup").scalar_one())


@pytest.fixture
def anna(store: Store) -> str:
    return add(store, "Anna Müller", ("phone", "+49 30 1234567"), ("email", "Anna@Acme.example"),
               ("address", "Hauptstraße 1, Berlin"), organisation="Acme Holding",
               given_name="Anna", family_name="Müller")


@pytest.mark.parametrize("text", [
    "1234567", "030 123", "030/1234567", "(030) 123-45", "+49 30 12", "0049 30 1234567",
    "49301234567", "301234567"])
def test_digits_match_whatever_the_formatting(store: Store, anna: str, text: str) -> None:
    add(store, "Other Person", ("phone", "+1 555 7654321"))
    assert found(store, text) == {anna}


@pytest.mark.parametrize("text", [
    "Müller", "mül", "MULLER", "anna mül", "na Mü", "acme.ex", "anna@acme", "Holding",
    "olding", "müller anna"])
def test_names_organisation_and_emails_any_case_and_accent(store: Store, anna: str,
                                                           text: str) -> None:
    add(store, "Bob Brown", ("email", "bob@beta.example"))
    assert anna in found(store, text)
    assert len(found(store, text) - {anna}) <= 1  # at most the organisation itself


def test_what_does_not_match(store: Store, anna: str) -> None:
    for text in ("müller bob", "9999999", "Haupt xyz", "zzz", "%", '"', "ann*", "a\x00b"):
        assert found(store, text) == set(), text


def test_short_text_is_a_name_prefix(store: Store, anna: str) -> None:
    bo = add(store, "Bo Li", family_name="Li")
    assert lookup_query("Li") is None
    assert found(store, "li") == {bo}
    assert found(store, "Mü") == {anna}
    assert found(store, "  ") == set(sq.stakeholder_ids(store))
    assert found(store, "bo li") == found(store, "o l") == {bo}  # the text as typed
    assert found(store, "müller a") == {anna}  # a short word counts once it has grown
    assert found(store, "müller ac") == {anna}
    assert found(store, "müller xyz") == set()


@pytest.mark.file_only("the FTS5 trigram table stakeholder_lookup")
def test_lookup_follows_every_write(store: Store, anna: str) -> None:
    org = next(i for i in sq.stakeholder_ids(store) if i != anna)
    assert found(store, "1234567") == {anna}
    with store.unit_of_work() as uow:
        person = uow.session.get(Stakeholder, anna)
        assert person is not None
        person.display_name = "Anna Schmidt"
        person.family_name = "Schmidt"
        point = uow.session.scalars(sa.select(ContactPoint).where(
            ContactPoint.stakeholder_id == anna, ContactPoint.kind == "phone")).one()
        point.value, point.normalized = "+44 20 7946 0958", "442079460958"
        uow.commit()
    assert found(store, "schmidt") == {anna} and found(store, "müller") == set()
    assert found(store, "020 7946") == {anna} and found(store, "1234567") == set()
    with store.unit_of_work() as uow:  # the organisation renamed: its people follow
        acme = uow.session.get(Stakeholder, org)
        assert acme is not None
        acme.display_name = "Zenith Group"
        uow.commit()
    assert found(store, "zenith") == {anna, org}
    with store.unit_of_work() as uow:  # soft delete
        person = uow.session.get(Stakeholder, anna)
        assert person is not None
        person.deleted_at = store.now()
        uow.commit()
    assert found(store, "schmidt") == set()
    assert lookup_rows(store) == 1


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=40))
def test_any_text_never_raises(store: Store, text: str) -> None:
    sq.stakeholder_ids(store, sq.StakeholderFilter(text=text))
    stakeholders.list_stakeholders(store, search=text)


def test_upgrade_from_0006_fills_the_lookup(location: Location, clock: FixedClock) -> None:
    old = Store.create(location, PASSPHRASE, revision="0006", clock=clock)
    try:
        anna = add(old, "Anna Müller", ("phone", "+49 30 1234567"))
    finally:
        old.close()
    upgraded = Store.open(location, PASSPHRASE, clock=clock)
    try:
        with upgraded.engine.connect() as conn:
            assert migrate.current(conn) == migrate.head()
        assert found(upgraded, "030 1234") == {anna}
        assert found(upgraded, "müll") == {anna}
    finally:
        upgraded.close()


@pytest.mark.file_only("the FTS5 trigram table stakeholder_lookup")
def test_check_notices_a_damaged_lookup_and_rebuild_mends_it(store: Store, anna: str) -> None:
    from spocdesk.core.search import query as search

    assert search.index_problems(store) == []
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM stakeholder_lookup")
    assert found(store, "müller") == set()
    assert any("directory lookup" in p for p in search.index_problems(store))
    search.rebuild_index(store)
    assert search.index_problems(store) == []
    assert found(store, "müller") == {anna}
    assert found(store, "030 123") == {anna}


def test_own_name_ranks_above_organisation_matches(store: Store) -> None:
    """Typing a person's name offers that person first, not the people who work at an
    organisation of that name (they sort before her by name)."""
    weber_gmbh = add(store, "Weber GmbH", kind="organisation")
    colleagues = [add(store, name, organisation="Weber GmbH", family_name=name.split()[1])
                  for name in ("Alma Adler", "Bert Brandt")]
    greta = add(store, "Greta Weber", given_name="Greta", family_name="Weber")
    names = [row.display_name for row in stakeholders.list_stakeholders(store, search="weber")]
    assert names[:2] == ["Greta Weber", "Weber GmbH"]  # both carry the name themselves
    assert names[2:] == ["Alma Adler", "Bert Brandt"]
    rows = stakeholders.list_stakeholders(store, search="WEBER gre")
    assert [row.id for row in rows] == [greta]
    rows = stakeholders.list_stakeholders(store, search="greta web", limit=1)
    assert [row.id for row in rows] == [greta]
    assert {r.id for r in stakeholders.list_stakeholders(store, search="web")} == {
        weber_gmbh, greta, *colleagues}
    # a name outside ASCII, typed in another case, still counts as the person's own name
    ozil = add(store, "Ömer Özil", family_name="Özil")
    add(store, "Anna Arndt", organisation="Özil Logistik", family_name="Arndt")
    rows = stakeholders.list_stakeholders(store, search="özil")
    assert rows[0].id == ozil
