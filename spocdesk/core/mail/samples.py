"""A few e-mails for the demo store's Inbox, captured as a real import would be.

``spocdesk --demo`` should show every page with something on it. These messages
go through the same parse → capture → filing path as a dropped ``.eml`` file; all
of them stay unfiled (an unknown sender, a newsletter, a known person whose open
cases leave the choice to the user), so the cases, their logs and SLA clocks of the
demo store are exactly as the generator made them.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

import sqlalchemy as sa

from spocdesk.core.mail.capture import CaptureReport, capture
from spocdesk.core.mail.parse import parse_bytes
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store

# A known person with no open case or with several: no filing rule picks a case.
_KNOWN_UNDECIDED = sa.text("""
SELECT s.display_name, cp.value FROM stakeholder AS s
  JOIN contact_point AS cp ON cp.stakeholder_id = s.id AND cp.kind = 'email'
       AND cp.deleted_at IS NULL
 WHERE s.deleted_at IS NULL AND s.kind = 'person'
   AND (SELECT count(*) FROM case_participant AS p JOIN case_record AS c ON c.id = p.case_id
         WHERE p.stakeholder_id = s.id AND p.deleted_at IS NULL AND c.deleted_at IS NULL
           AND c.status NOT IN ('resolved', 'closed')) <> 1
 ORDER BY s.sort_name LIMIT 1
""")


def _message(number: int, sender: str, subject: str, body: str, when: datetime) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = "you@example.org"
    mail["Subject"] = subject
    mail["Date"] = format_datetime(when)
    mail["Message-ID"] = f"<demo-{number}@demo.example.org>"  # the same on every call
    mail.set_content(body)
    return bytes(mail)


def sample_messages(store: Store) -> list[bytes]:
    """The raw demo messages, dated in the last day of the store's clock."""
    now = store.now()
    messages = [
        _message(1, "Hannah Becker <hannah.becker@example.org>",
                 "Question about respite care for my father",
                 "Hello,\n\nmy father (82) lives alone since October. His GP said you could "
                 "tell us about respite care over Christmas. Could you call me back?\n"
                 "My number is +49 30 1234 5678.\n\nKind regards,\nHannah Becker\n",
                 now - timedelta(hours=2)),
        _message(2, "Care Sector News <news@newsletter.example.com>",
                 "Care sector news — December",
                 "This month: new funding rules, winter planning, and our webinar dates.\n",
                 now - timedelta(hours=5)),
    ]
    with store.connection() as conn:
        known = conn.execute(_KNOWN_UNDECIDED).first()
    if known is not None:
        name, address = known
        messages.append(_message(
            3, f"{name} <{address}>", "Change of address",
            "Hello,\n\nplease note that we have moved. The new address is "
            "Lindenstraße 12, 10969 Berlin.\n\nBest wishes\n", now - timedelta(hours=20)))
    return messages


def add_samples(store: Store) -> Outcome[CaptureReport]:
    """Capture the demo messages into ``store`` (a second call finds them all there)."""
    return capture(store, (parse_bytes(raw) for raw in sample_messages(store)), source="file")
