"""The filing rules, without a store: reference, thread, address, else the inbox."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from spocdesk.core.mail import filing
from spocdesk.core.mail.filing import Facts
from spocdesk.core.mail.message import normal_email
from tests.core.mail.helpers import message

OWN = frozenset({"desk@example.com"})
PEOPLE = {"ada@example.org": ("p-ada",), "bob@example.org": ("p-bob",)}
OPEN = {"p-ada": ("case-1",), "p-bob": ("case-2", "case-3")}


def facts(**changes: object) -> Facts:
    values: dict[str, object] = {"own": OWN, "people": PEOPLE, "open_cases": OPEN}
    values.update(changes)
    return Facts(**values)  # type: ignore[arg-type]


def test_the_reference_in_the_subject_comes_first() -> None:
    mail = message("Re: heating [c-42] and [C-0007]", in_reply_to="m1")
    decided = filing.decide(mail, facts(cases_by_number={7: "case-7", 42: "case-42"},
                                        thread={"m1": "case-1"}))
    assert (decided.state, decided.case_id, decided.rule) == ("filed", "case-42", "reference")
    assert filing.ref_numbers("[C-0042] [ C-42 ] C-9 [X-1]") == [42]


def test_a_reference_to_no_case_falls_through_to_the_thread() -> None:
    mail = message("[C-0099]", in_reply_to=None, references=("m0", "m1"))
    decided = filing.decide(mail, facts(thread={"m0": "case-0", "m1": "case-1"}))
    assert (decided.case_id, decided.rule) == ("case-1", "thread")  # the newest first


def test_the_sender_with_exactly_one_open_case() -> None:
    decided = filing.decide(message(), facts())
    assert (decided.case_id, decided.rule, decided.direction) == ("case-1", "address", "in")
    assert decided.participants == ("p-ada",)


def test_a_sender_with_two_open_cases_waits_in_the_inbox() -> None:
    decided = filing.decide(message(sender="bob@example.org"), facts())
    assert (decided.state, decided.case_id, decided.rule) == ("unfiled", None, "")
    assert decided.participants == ("p-bob",)


def test_a_cc_on_an_incoming_message_does_not_decide() -> None:
    decided = filing.decide(message(sender="eve@example.net", cc=("ada@example.org",)),
                            facts())
    assert decided.state == "unfiled"
    assert decided.participants == ("p-ada",)  # but is linked once filed


def test_outgoing_mail_is_filed_by_its_recipients() -> None:
    mail = message(sender="Desk@Example.com", to=("ada@example.org",))
    decided = filing.decide(mail, facts())
    assert (decided.direction, decided.case_id, decided.rule) == ("out", "case-1", "address")
    both = message(sender="desk@example.com", to=("ada@example.org",), cc=("bob@example.org",))
    assert filing.decide(both, facts()).state == "unfiled"  # three open cases between them


def test_ignore_rules_cover_the_address_and_the_domains_below() -> None:
    stranger = message(sender="news@mail.shop.example")
    assert filing.decide(stranger, facts(ignored=frozenset({"shop.example"}))).state == "ignored"
    assert filing.decide(stranger, facts(ignored=frozenset({"news@mail.shop.example"}))
                         ).state == "ignored"
    assert filing.decide(stranger, facts(ignored=frozenset({"example"}))).state == "unfiled"
    assert filing.domains_of("a@mail.shop.example") == ["mail.shop.example", "shop.example"]


def test_an_ignored_sender_is_still_filed_when_a_rule_is_certain() -> None:
    decided = filing.decide(message("[C-0001]"), facts(cases_by_number={1: "case-1"},
                                                       ignored=frozenset({"example.org"})))
    assert decided.state == "filed"


def test_own_addresses_setting() -> None:
    assert filing.parse_own(" Desk@Example.com, me@home.example;x\nnot-an-address ") == {
        "desk@example.com", "me@home.example"}


_emails = st.sampled_from(["ada@example.org", "bob@example.org", "desk@example.com",
                           "eve@example.net", ""])


@given(subject=st.text(max_size=30) | st.just("[C-0001]"), sender=_emails,
       to=st.lists(_emails, max_size=3), cc=st.lists(_emails, max_size=2),
       reply=st.sampled_from([None, "m1", "m9"]),
       cases=st.dictionaries(st.integers(1, 3), st.sampled_from(["case-1", "case-9"])))
def test_decisions_are_predictable(subject: str, sender: str, to: list[str], cc: list[str],
                                   reply: str | None, cases: dict[int, str]) -> None:
    mail = message(subject, sender=sender, to=tuple(to), cc=tuple(cc), in_reply_to=reply)
    known = facts(cases_by_number=cases, thread={"m1": "case-1"})
    decided = filing.decide(mail, known)
    assert decided == filing.decide(mail, known)  # the same facts, the same answer
    assert (decided.state == "filed") == (decided.case_id is not None) == bool(decided.rule)
    if decided.case_id is not None:
        assert decided.case_id in {*cases.values(), "case-1", "case-2", "case-3"}
    assert decided.direction == ("out" if sender == "desk@example.com" else "in")
    linked = {p for a in mail.addresses() for p in PEOPLE.get(normal_email(a.email), ())}
    assert set(decided.participants) == linked
