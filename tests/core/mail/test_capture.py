"""Capture into a real store: filed and logged once, all or nothing, the size cap."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core import preferences
from spocdesk.core.cases import service as cases
from spocdesk.core.mail import capture as capture_mod
from spocdesk.core.mail.capture import capture
from spocdesk.core.mail.inbox import get_mail, mail_for_interaction
from spocdesk.core.mail.message import MailAttachment
from spocdesk.core.model import Case, Interaction, InteractionParticipant, StoredMail
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from tests.core.mail.helpers import message

pytestmark = pytest.mark.both_backends  # the file store and a team server

MB = 1024 * 1024


def person(store: Store, name: str, email: str) -> str:
    return stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=name, contact_points=[stakeholders.NewContactPoint("email", email)])).value


def open_case(store: Store, title: str, *people: str) -> str:
    return cases.add_case(store, cases.NewCase(
        title=title, status="open", stakeholders=[(p, "client") for p in people])).value


def set_mail(store: Store, *, own: str = "", cap_mb: int = 25) -> None:
    value = preferences.get_settings(store)
    value.own_addresses = own
    value.mail_size_cap_mb = cap_mb
    preferences.save_settings(store, value)


def entries(store: Store) -> list[tuple[str, str, str, str, str]]:
    with store.session() as session:
        return [(r.case_id, r.channel, r.direction, r.summary, r.body) for r in session.scalars(
            sa.select(Interaction).order_by(Interaction.occurred_at, Interaction.id))]


def test_a_message_naming_a_case_is_logged_there_with_its_people(store: Store) -> None:
    ada = person(store, "Ada Lovelace", "Ada@Example.org")
    bob = person(store, "Bob", "bob@example.org")
    ref = open_case(store, "Heating", ada)
    mail = message(f"Re: heating [{ref}]", cc=("bob@example.org",), message_id="m1@x",
                   text="The radiator is cold.")
    outcome = capture(store, [mail], source="file")
    [item] = outcome.value.items
    assert (item.state, item.case_ref, item.rule, item.direction) == (
        "filed", ref, "reference", "in")
    assert {"mail", "case", "interaction"} <= outcome.changes.kinds()
    [(case_id, channel, direction, summary, body)] = entries(store)
    assert (channel, direction, summary) == ("email", "in", f"Re: heating [{ref}]")
    assert body.startswith("From: Ada Lovelace <ada@example.org>\nTo: desk@example.com\n"
                           "Cc: bob@example.org\n\nThe radiator is cold.")
    with store.session() as session:
        linked = set(session.scalars(sa.select(InteractionParticipant.stakeholder_id)))
        case = session.get(Case, case_id)
        assert case is not None and case.last_interaction_at == mail.date
        assert case.first_response_at is None  # incoming
        entry_id = session.scalar(sa.select(Interaction.id))
    assert linked == {ada, bob}
    assert entry_id is not None
    detail = mail_for_interaction(store, entry_id)
    assert detail is not None and detail.id == item.mail_id and detail.text == mail.text


def test_each_message_is_logged_once(store: Store) -> None:
    ref = open_case(store, "Heating")
    with_id = message(f"[{ref}]", message_id="same@x")
    without_id = message(f"[{ref}] no id", message_id="")
    first = capture(store, [with_id, without_id, without_id], source="file").value
    assert (len(first.items), first.duplicates) == (2, 1)
    again = capture(store, [replace(with_id, text="changed"), without_id], source="file").value
    assert (again.items, again.duplicates) == ((), 2)
    assert len(entries(store)) == 2


def test_a_batch_is_all_or_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = open_case(store, "Heating")
    real = capture_mod.log_mail
    calls = []

    def failing(*args: object, **kwargs: object) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk gone")
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(capture_mod, "log_mail", failing)
    with pytest.raises(OSError):
        capture(store, [message(f"[{ref}] one", message_id="1@x"),
                        message(f"[{ref}] two", message_id="2@x")], source="file")
    with store.session() as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(StoredMail)) == 0
    assert entries(store) == []


def test_the_first_outgoing_reply_sets_the_first_response(store: Store) -> None:
    set_mail(store, own="desk@example.com")
    ada = person(store, "Ada", "ada@example.org")
    ref = open_case(store, "Heating", ada)
    asked = message("Heating", message_id="q@x")
    answer = message("Re: Heating", sender="desk@example.com", name="Desk",
                     to=("ada@example.org",), message_id="a@x", in_reply_to="q@x",
                     date=datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    report = capture(store, [asked, answer], source="file").value
    assert [(i.case_ref, i.rule, i.direction) for i in report.items] == [
        (ref, "address", "in"), (ref, "thread", "out")]
    with store.session() as session:
        case = session.scalar(sa.select(Case).where(Case.ref == ref))
        assert case is not None
        assert case.first_response_at == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def test_unknown_senders_wait_in_the_inbox(store: Store) -> None:
    report = capture(store, [message(sender="eve@example.net")], source="file").value
    assert [(i.state, i.case_ref) for i in report.items] == [("unfiled", None)]
    assert entries(store) == []


def test_the_size_cap_setting(store: Store) -> None:
    set_mail(store, cap_mb=1)
    big = MailAttachment("scan.pdf", "application/pdf", 2 * MB, bytes(2 * MB))
    small = MailAttachment("note.txt", "text/plain", 10, b"0123456789")
    report = capture(store, [message(attachments=(big, small))], source="file").value
    detail = get_mail(store, report.items[0].mail_id)
    assert [(a.filename, a.size, a.kept) for a in detail.attachments] == [
        ("scan.pdf", 2 * MB, False), ("note.txt", 10, True)]
    assert capture_mod.size_cap(store) == MB


@pytest.mark.server_gap("erasing a person on a team server")
def test_erasing_a_person_erases_their_mail(store: Store) -> None:
    from spocdesk.core.model import StoredAttachment
    from spocdesk.core.people import data_subject

    ada = person(store, "Ada Lovelace", "ada@example.org")
    note = MailAttachment("note.txt", "text/plain", 5, b"hello")
    report = capture(store, [
        message("From Ada", text="Ada Lovelace writes", attachments=(note,), message_id="1@x"),
        message("About Ada Lovelace", sender="bob@example.org", name="Bob",
                cc=("ada@example.org",), text="ask ada@example.org", message_id="2@x"),
    ], source="file").value
    data_subject.erase_person(store, ada)
    with store.session() as session:
        rows = list(session.scalars(sa.select(StoredMail)))
        assert [r.id for r in rows] == [report.items[1].mail_id]
        assert session.scalar(sa.select(sa.func.count()).select_from(StoredAttachment)) == 0
        kept = rows[0]
        assert "ada" not in (kept.subject + kept.body + kept.recipients).lower()
        assert kept.recipients.count("[erased person]") == 1


_pieces = st.sampled_from(["=?utf-8?b?", "=?unknown-8bit?q?=FF?=", "=?", "?=", "<", ">",
                           "\"", ",", "@", "[C-0001]", "\x00", "\xff", "\udcff", "é", "\r\n",
                           "\r\n\t", "multipart/mixed; boundary=b", "--b", "base64"])
_text = st.lists(st.one_of(_pieces, st.text(max_size=6)), max_size=10).map("".join)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(subject=_text, sender=_text, body=_text, ctype=_text)
def test_whatever_the_parser_reads_can_be_stored_filed_and_found(
        store: Store, subject: str, sender: str, body: str, ctype: str) -> None:
    from spocdesk.core.mail.parse import parse_bytes
    from spocdesk.core.search import query as search

    if not cases.list_cases(store):
        open_case(store, "Target")
    raw = (f"From: {sender}\r\nSubject: [C-0001] {subject}\r\nContent-Type: {ctype}\r\n\r\n"
           f"{body}").encode("utf-8", "surrogateescape")
    report = capture(store, [parse_bytes(raw)], source="file").value
    for item in report.items:
        get_mail(store, item.mail_id)
    search.search(store, "C-0001")


def test_a_generator_is_captured_batch_by_batch(store: Store,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(capture_mod, "BATCH", 3)
    ref = open_case(store, "Thread")
    first = message(f"[{ref}] start", message_id="t0@x")
    replies = (message(f"reply {n}", message_id=f"t{n}@x", in_reply_to=f"t{n - 1}@x",
                       sender="eve@example.net") for n in range(1, 8))
    report = capture(store, (m for m in [first, *replies, first]), source="file").value
    assert [i.case_ref for i in report.items] == [ref] * 8  # the thread runs across batches
    assert report.duplicates == 1
