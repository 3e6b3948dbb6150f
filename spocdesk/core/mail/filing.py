"""Where a captured e-mail goes: rules a person can predict, tried in this order.

1. **Reference**: the subject names a case in brackets, ``[C-0042]`` (any case of
   the letter, leading zeros or not), and that case exists: the first such one.
2. **Thread**: it answers a message already filed on a case: its ``In-Reply-To``,
   then its ``References`` from the newest back.
3. **Address**: the people on the other side — the sender of an incoming message,
   the To and Cc of an outgoing one — are stakeholders who, together, have exactly
   one open case (new, open, waiting or escalated).

Anything else waits in the inbox, unless its sender's address or domain (or a
domain above it) is always ignored: then it is ignored. An ignore rule never stops
a message a rule above files.

Direction: *outgoing* when the sender is one of the user's own addresses (the
setting ``own_addresses``), else *incoming*. The people linked to the log entry are
every stakeholder whose e-mail is among sender, To and Cc, the user's own addresses
left out.

Everything here is a pure function of the message and :class:`Facts` looked up
beforehand (:mod:`spocdesk.core.mail.capture` does the looking up), so the rules
can be tested, and explained, without a store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from spocdesk.core.mail.message import MailMessage, normal_email
from spocdesk.core.model import Direction, MailState

REFERENCE = "reference"
THREAD = "thread"
ADDRESS = "address"
HAND = "hand"  # filed from the inbox by the user
RULES = (REFERENCE, THREAD, ADDRESS)
_REF = re.compile(r"\[\s*C-0*(\d{1,9})\s*\]", re.IGNORECASE)
_SEPARATORS = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Facts:
    """What the store knows that the rules need, for one message."""

    own: frozenset[str] = frozenset()  # the user's addresses, normalised
    cases_by_number: Mapping[int, str] = field(default_factory=dict)  # ref number → id
    thread: Mapping[str, str] = field(default_factory=dict)  # Message-ID → case id
    people: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # e-mail → ids
    open_cases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # id → cases
    ignored: frozenset[str] = frozenset()  # addresses and domains, normalised


@dataclass(frozen=True)
class Filing:
    state: str  # a MailState value
    case_id: str | None
    rule: str  # one of RULES, or "" when not filed
    direction: str  # a Direction value
    participants: tuple[str, ...]  # stakeholder ids


def parse_own(text: str) -> frozenset[str]:
    """The ``own_addresses`` setting as a set of normalised addresses."""
    return frozenset(normal_email(a) for a in _SEPARATORS.split(text) if "@" in a)


def ref_numbers(subject: str) -> list[int]:
    """The case numbers named in brackets in a subject, in order."""
    return list(dict.fromkeys(int(n) for n in _REF.findall(subject)))


def thread_ids(message: MailMessage) -> list[str]:
    """The messages this one answers, nearest first."""
    ids = ([message.in_reply_to] if message.in_reply_to else []) + list(
        reversed(message.references))
    return list(dict.fromkeys(ids))


def direction(message: MailMessage, own: frozenset[str]) -> str:
    sender = normal_email(message.sender.email) if message.sender else ""
    return Direction.OUT.value if sender and sender in own else Direction.IN.value


def counterparts(message: MailMessage, own: frozenset[str]) -> list[str]:
    """The addresses on the other side: the sender of an incoming message, the
    recipients (To, Cc) of an outgoing one; never the user's own."""
    if direction(message, own) == Direction.OUT.value:
        found: Iterable[str] = (a.email for a in message.to + message.cc)
    else:
        found = [message.sender.email] if message.sender else []
    return _emails(found, own)


def every_address(message: MailMessage, own: frozenset[str]) -> list[str]:
    """Sender, To and Cc, normalised, once each, the user's own left out."""
    return _emails((a.email for a in message.addresses()), own)


def _emails(found: Iterable[str], own: frozenset[str]) -> list[str]:
    clean = (normal_email(e) for e in found if e)
    return list(dict.fromkeys(e for e in clean if e not in own))


def domains_of(email: str) -> list[str]:
    """``ada@mail.example.org`` → ``["mail.example.org", "example.org"]`` (a rule for a
    domain covers the domains below it; a top-level domain alone is never one)."""
    domain = normal_email(email).rpartition("@")[2]
    parts = domain.split(".")
    return [".".join(parts[i:]) for i in range(max(len(parts) - 1, 1))] if domain else []


def is_ignored(message: MailMessage, ignored: frozenset[str]) -> bool:
    if not message.sender or not message.sender.email:
        return False
    email = normal_email(message.sender.email)
    return email in ignored or any(d in ignored for d in domains_of(email))


def participants(message: MailMessage, facts: Facts) -> tuple[str, ...]:
    ids = (i for email in every_address(message, facts.own) for i in facts.people.get(email, ()))
    return tuple(dict.fromkeys(ids))


def decide(message: MailMessage, facts: Facts) -> Filing:
    """Where ``message`` goes (see the module's rules)."""
    way = direction(message, facts.own)
    people = participants(message, facts)

    def filed(case_id: str, rule: str) -> Filing:
        return Filing(MailState.FILED.value, case_id, rule, way, people)

    for number in ref_numbers(message.subject):
        if number in facts.cases_by_number:
            return filed(facts.cases_by_number[number], REFERENCE)
    for answered in thread_ids(message):
        if answered in facts.thread:
            return filed(facts.thread[answered], THREAD)
    others = {i for email in counterparts(message, facts.own)
              for i in facts.people.get(email, ())}
    cases = {case for person in others for case in facts.open_cases.get(person, ())}
    if len(cases) == 1:
        return filed(next(iter(cases)), ADDRESS)
    state = MailState.IGNORED if is_ignored(message, facts.ignored) else MailState.UNFILED
    return Filing(state.value, None, "", way, people)
