"""Large imports index set-based (:mod:`spocdesk.core.search.bulk_index`): the same
documents as the per-row triggers, found by global search, and all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput
from spocdesk.core.paths import resolve
from spocdesk.core.people import contacts_import, stakeholders
from spocdesk.core.people.formats import ParsedContact, ParseResult
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.search import query as search
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE


def contacts(count: int, start: int = 0) -> list[ParsedContact]:
    return [ParsedContact(f"card {i}", NewStakeholder(
        display_name=f"Imported Person{i}", given_name="Imported", family_name=f"Person{i}",
        organisation=f"Bulkco {i % 3}", title="Buyer", tags=["bulk"],
        contact_points=[
            NewContactPoint("email", f"person{i}@bulk.example", "work", True),
            NewContactPoint("phone", f"+49 30 {7_000_000 + i}", "work", True),
        ])) for i in range(start, start + count)]


def snapshot(store: Store) -> dict[str, Any]:
    """Everything the bulk path touches: triggers, index documents, doc map, records."""
    with store.connection() as conn:
        conn.exec_driver_sql("INSERT INTO search_index(search_index) VALUES ('integrity-check')")

        def rows(sql: str) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in conn.exec_driver_sql(sql)]

        return {
            "schema": rows("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"),
            "documents": rows("SELECT rowid, title, body, terms, kind, record_id "
                              "FROM search_index ORDER BY rowid"),
            "docs": rows("SELECT docid, record_id FROM search_index_doc ORDER BY docid"),
            "lookup": rows("SELECT rowid, words, digits FROM stakeholder_lookup ORDER BY rowid"),
            "lookup_config": rows("SELECT k, v FROM stakeholder_lookup_config ORDER BY k"),
            "people": rows("SELECT id, display_name, notes, tags FROM stakeholder ORDER BY id"),
            "points": rows("SELECT id, value FROM contact_point ORDER BY id"),
            "audit": rows("SELECT count(*) FROM audit_event"),
        }


def documents_by_title(store: Store) -> dict[str, tuple[str, str]]:
    with store.connection() as conn:
        return {str(t): (str(b), str(terms)) for t, b, terms in conn.exec_driver_sql(
            "SELECT title, body, terms FROM search_index WHERE kind = 'stakeholder'")}


@pytest.fixture
def anna(store: Store) -> str:
    return stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="Anna Müller", organisation="Acme",
        contact_points=[NewContactPoint("email", "anna@acme.example", "work", True)])).value


def test_bulk_import_is_found_by_name_email_and_phone_digits(
        store: Store, anna: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts_import, "BATCH", 7)  # several flushes inside the bulk block
    schema = snapshot(store)["schema"]
    merge = ParsedContact("card m", NewStakeholder(display_name="A. Müller", contact_points=[
        NewContactPoint("email", "anna@acme.example"), NewContactPoint("phone", "0171 555 0101")]))
    parsed = ParseResult(contacts=[*contacts(contacts_import.BULK_MIN), merge])
    result = contacts_import.apply(store, parsed, default="merge").value
    assert (result.added, result.merged) == (contacts_import.BULK_MIN, 1)
    assert len(result.added_ids) == contacts_import.BULK_MIN + 3  # and three organisations
    person = next(i for i in result.added_ids
                  if stakeholders.details(store, i).display_name == "Imported Person42")

    def found(text: str) -> set[str]:
        return {h.id for h in search.search(store, text, kinds=["stakeholder"], limit=50)}

    assert person in found("Person42")
    assert person in found("person42@bulk.example")
    assert person in found("7000042")  # digits of "+49 30 7000042"
    assert person in found("030 7000042")  # national form
    assert len(found("Bulkco")) >= 3
    assert anna in found("0171 5550101")  # the merged-in phone number
    assert search.index_problems(store) == []
    after = snapshot(store)
    assert after["schema"] == schema  # the triggers are back, word for word
    assert ("secure-delete", 1) in after["lookup_config"]  # and the lookup's settings
    # and they work again: an ordinary edit reaches the index through them
    stakeholders.add_stakeholder(store, NewStakeholder(display_name="Zygmunt Trigger"))
    assert found("Zygmunt")


def test_bulk_documents_equal_the_per_row_documents(
        store: Store, tmp_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = ParseResult(contacts=contacts(30))
    monkeypatch.setattr(contacts_import, "BULK_MIN", 10_000)  # the triggers, row by row
    contacts_import.apply(store, parsed)
    other = Store.create(resolve(data_dir=tmp_path / "other"), PASSPHRASE, clock=clock)
    try:
        monkeypatch.setattr(contacts_import, "BULK_MIN", 1)  # set-based
        contacts_import.apply(other, parsed)
        assert documents_by_title(other) == documents_by_title(store)
        assert len(documents_by_title(other)) == 30 + 3
    finally:
        other.close()


def test_failed_bulk_import_leaves_index_and_triggers_as_before(
        store: Store, anna: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(contacts_import, "BATCH", 50)
    contacts_import.apply(store, ParseResult(contacts=contacts(contacts_import.BULK_MIN)))
    before = snapshot(store)
    parsed = ParseResult(contacts=contacts(contacts_import.BULK_MIN, start=1_000))

    def explode(done: int, total: int) -> None:
        if done >= 100:  # two batches already written inside the transaction
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        contacts_import.apply(store, parsed, progress=explode)
    assert snapshot(store) == before

    broken = ParseResult(contacts=[*parsed.contacts, ParsedContact("card x", NewStakeholder(
        display_name="Robot", kind="robot"))])
    with pytest.raises(InvalidInput):
        contacts_import.apply(store, broken)
    assert snapshot(store) == before

    calls = iter(range(1_000))  # cancelled at the last check, with everything written
    with pytest.raises(contacts_import.ImportCancelled):
        contacts_import.apply(store, parsed, cancel=lambda: next(calls) >= 2)
    assert snapshot(store) == before
    assert not {h.id for h in search.search(store, "7001005")}
    assert search.index_problems(store) == []
