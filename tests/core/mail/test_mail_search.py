"""Unfiled mail in global search (issue 20): the e-mail waiting in the Inbox is found
by its sender, subject and the start of its text, and leaves the results when it is
filed, dismissed, ignored or removed (revision 0025's triggers on the file; the
records themselves on a team server)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from spocdesk.core.mail import inbox
from spocdesk.core.mail.capture import capture
from spocdesk.core.model import StoredMail
from spocdesk.core.search import query as search
from spocdesk.core.store import Store
from tests.core.mail.helpers import message
from tests.core.mail.test_capture import open_case, person

pytestmark = pytest.mark.both_backends

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def _capture(store: Store, *specs: tuple[str, str, str, str]) -> dict[str, str]:
    """(subject, sender address, sender name, text) → {subject: mail id}."""
    report = capture(store, [
        message(subject, sender=email, name=name, text=text, message_id=f"{n}@search.test",
                date=T0 + timedelta(minutes=n))
        for n, (subject, email, name, text) in enumerate(specs)], source="file").value
    return {item.subject: item.mail_id for item in report.items}


def _mail_hits(store: Store, text: str) -> list[search.Hit]:
    return [h for h in search.search(store, text) if h.kind == "mail"]


def test_unfiled_mail_is_found_by_sender_subject_and_the_start_of_its_text(
        store: Store) -> None:
    ids = _capture(store, ("Wheelchair transport on Friday", "greta.meyer@clinic.example",
                           "Greta Meyer", "Could you arrange the transport for Mrs Özdemir?"),
                   ("Invoice 2291", "billing@vendor.example", "Vendor Billing",
                    "Please find the invoice attached."))
    for text in ("wheelchair", "greta", "meyer", "clinic", "ozdemir", "Özd", "transport fri"):
        hits = _mail_hits(store, text)
        assert [h.id for h in hits] == [ids["Wheelchair transport on Friday"]], text
    hit = _mail_hits(store, "wheelchair")[0]
    assert search.split_marks(hit.title)[0] == "Wheelchair transport on Friday"
    assert hit.title.startswith(f"{search.MARK_START}Wheelchair{search.MARK_END}")
    assert hit.plain_snippet.startswith("Greta Meyer · greta.meyer@clinic.example · Could")
    assert hit.case_id is None and hit.case_ref is None
    assert hit.at == T0
    assert [h.kind for h in search.search(store, "invoice", kinds=["mail"])] == ["mail"]
    assert search.search(store, "invoice", kinds=["case", "stakeholder"]) == []
    assert hit.as_json()["kind"] == "mail"


def test_filed_dismissed_ignored_or_removed_mail_leaves_the_results(store: Store) -> None:
    ada = person(store, "Ada Example", "ada@example.org")
    ref = open_case(store, "Transport", ada)
    open_case(store, "Second case", ada)  # two open cases: nothing is filed by a rule
    ids = _capture(store, ("Pelican one", "ada@example.org", "Ada", "pelican text"),
                   ("Pelican two", "zed@example.net", "Zed", "pelican text"),
                   ("Pelican three", "spam@bulk.example", "Bulk", "pelican text"),
                   ("Pelican four", "kim@example.com", "Kim", "pelican text"))
    assert len(_mail_hits(store, "pelican")) == 4

    inbox.file_to_case(store, ids["Pelican one"], ref)
    hits = search.search(store, "pelican one")
    # filed: found as the log entry it became, no longer as mail waiting in the Inbox
    assert [(h.kind, h.case_ref) for h in hits] == [("interaction", ref)]
    inbox.dismiss(store, ids["Pelican two"])
    inbox.ignore_sender(store, ids["Pelican three"], domain=True)
    assert [h.id for h in _mail_hits(store, "pelican")] == [ids["Pelican four"]]
    with store.unit_of_work() as uow:  # soft-deleted, then gone for good
        uow.session.execute(sa.update(StoredMail).where(StoredMail.id == ids["Pelican four"])
                            .values(deleted_at=T0))
        uow.commit()
    assert _mail_hits(store, "pelican") == []
    assert search.index_problems(store) == []


def test_a_changed_text_is_searched_again(store: Store) -> None:
    ids = _capture(store, ("Heron", "joe@example.org", "Joe", "first words"))
    with store.unit_of_work() as uow:  # e.g. an erased person's name replaced
        uow.session.execute(sa.update(StoredMail).where(StoredMail.id == ids["Heron"])
                            .values(sender_name="[erased person]", body="other words"))
        uow.commit()
    assert _mail_hits(store, "joe first") == []
    assert [h.id for h in _mail_hits(store, "erased other")] == [ids["Heron"]]


@pytest.mark.file_only("FTS5 index internals")
def test_the_index_is_rebuilt_with_the_mail_and_only_the_preview_is_indexed(
        store: Store) -> None:
    late = "word " * 200 + "kingfisher"  # past the 640 characters of the preview
    ids = _capture(store, ("Egret", "joe@example.org", "Joe", late),
                   ("Filed already", "joe@example.org", "Joe", "egret"))
    with store.unit_of_work() as uow:
        uow.session.execute(sa.update(StoredMail).where(StoredMail.id == ids["Filed already"])
                            .values(state="dismissed"))
        uow.commit()
    assert _mail_hits(store, "kingfisher") == []
    assert search.rebuild_index(store).value >= 1
    assert [h.id for h in _mail_hits(store, "egret")] == [ids["Egret"]]
    assert search.index_problems(store) == []
    with store.unit_of_work() as uow:  # a document no trigger wrote is noticed
        uow.session.execute(sa.text("DROP TRIGGER search_index_mail_message_au"))
        uow.session.execute(sa.update(StoredMail).where(StoredMail.id == ids["Egret"])
                            .values(state="dismissed"))
        uow.commit()
    assert search.index_problems(store) == [
        "the search index holds 1 mail document(s) for 0 unfiled e-mail(s)"]


@pytest.mark.file_only("revision 0025 on the store file")
def test_the_upgrade_indexes_the_mail_already_waiting(location: object) -> None:
    from spocdesk.core.paths import Location
    from tests.conftest import PASSPHRASE

    assert isinstance(location, Location)
    Store.create(location, PASSPHRASE, revision="0024").close()
    old = Store.open(location, PASSPHRASE, upgrade=False)
    try:
        ids = _capture(old, ("Osprey", "joe@example.org", "Joe", "waiting since before"))
    finally:
        old.close()
    store = Store.open(location, PASSPHRASE)
    try:
        assert [h.id for h in _mail_hits(store, "osprey")] == [ids["Osprey"]]
        assert search.index_problems(store) == []
    finally:
        store.close()


def test_a_large_capture_indexes_its_unfiled_mail_set_based(store: Store) -> None:
    """From BULK_INDEX messages on (an IMAP batch, an mbox), capture writes the
    documents after the batch instead of by a trigger per row; the result is the
    same, the triggers are back afterwards, and a rule-filed message has none."""
    from spocdesk.core.mail import capture as capture_mod

    ada = person(store, "Ada Example", "ada@example.org")
    ref = open_case(store, "Transport", ada)
    specs = [(f"Bittern {n}", f"p{n}@example.net", f"Person {n}", "bittern text")
             for n in range(capture_mod.BULK_INDEX + 5)]
    specs.append((f"Bittern for [{ref}]", "zoe@example.net", "Zoe", "bittern text"))
    ids = _capture(store, *specs)
    found = {h.id for h in search.search(store, "bittern", kinds=["mail"], limit=100)}
    assert found == {ids[s[0]] for s in specs[:-1]}  # the one filed by its reference: none
    assert search.index_problems(store) == []
    inbox.dismiss(store, ids["Bittern 0"])  # the triggers work again
    assert ids["Bittern 0"] not in {h.id for h in _mail_hits(store, "bittern")}
