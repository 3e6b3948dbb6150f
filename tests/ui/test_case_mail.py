"""An e-mail in a case (issue 20, items 4 and 5): the timeline shows it with from, to,
cc, subject, text and attachments with their size; opening an attachment writes it
to the private folder and says so; Reply by e-mail opens a mailto: with the
recipient, ``Re: … [C-0001]`` and the text quoted."""

from __future__ import annotations

import stat
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from spocdesk.core.cases import service as cases
from spocdesk.core.mail.capture import capture
from spocdesk.core.mail.message import MailAttachment
from spocdesk.core.store import Store
from spocdesk.ui.cases.timeline_view import TimelinePanel
from spocdesk.ui.mail import attachments, links
from spocdesk.ui.mail.message_view import size_text
from tests.core.mail.helpers import message


def _panel(qtbot, store: Store) -> TimelinePanel:
    ref = cases.add_case(store, cases.NewCase(title="Boiler", status="open")).value
    capture(store, [message(f"Boiler still broken [{ref}]", cc=("office@example.org",),
                            message_id="b1@x", text="It is cold.\nPlease send someone.",
                            attachments=(MailAttachment("photo.jpg", "image/jpeg", 2048,
                                                        b"\xff\xd8" + b"j" * 2046),))],
            source="file")
    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.resize(800, 600)
    panel.show()
    panel.show_case(store, cases.list_cases(store)[0].id)
    row = next(r for r in range(panel.model.rowCount())
               if (e := panel.model.entry(panel.model.index(r))) and e.channel == "email")
    panel.view.setCurrentIndex(panel.model.index(row))
    return panel


def test_the_timeline_shows_the_whole_email(qtbot, store: Store) -> None:
    panel = _panel(qtbot, store)
    view = panel.message
    assert view.isVisible()
    headers = view.headers.text()
    for part in ("Ada Lovelace &lt;ada@example.org&gt;", "desk@example.com",
                 "office@example.org", "Boiler still broken [C-0001]"):
        assert part in headers
    assert view.body.toPlainText() == "It is cold.\nPlease send someone."
    assert view.files.item(0).text() == f"photo.jpg — {size_text(2048)}"
    assert size_text(2048) in ("2.0 KB", "2.0 kB")  # the locale writes the unit
    panel.view.setCurrentIndex(panel.model.index(0))  # the day separator: nothing below
    assert not view.isVisible() or view.mail is not None


def test_opening_an_attachment_says_where_and_why(qtbot, store: Store, monkeypatch) -> None:
    panel = _panel(qtbot, store)
    opened: list[Path] = []
    monkeypatch.setattr(attachments, "open_file", opened.append)
    panel.message.open_button.click()
    assert len(opened) == 1 and opened[0].read_bytes().startswith(b"\xff\xd8")
    assert stat.S_IMODE(opened[0].parent.stat().st_mode) == 0o700
    assert "deleted when spocdesk locks or quits" in panel.message.note.text()
    attachments.FOLDER.clear()
    assert not opened[0].exists()


def test_reply_by_email_opens_a_mailto(qtbot, store: Store, monkeypatch) -> None:
    panel = _panel(qtbot, store)
    urls: list[str] = []
    monkeypatch.setattr(links, "open_url", urls.append)
    panel.message.reply_button.click()
    parts = urlsplit(urls[0])
    assert parts.scheme == "mailto" and unquote(parts.path) == "ada@example.org"
    query = parse_qs(parts.query)
    assert query["subject"] == ["Re: Boiler still broken [C-0001]"]
    assert query["body"][0].endswith("wrote:\n> It is cold.\n> Please send someone.")


def test_reply_subject_keeps_one_reference() -> None:
    assert links.reply_subject("AW: Re: Boiler", "C-0042") == "Re: Boiler [C-0042]"
    assert links.reply_subject("Boiler [c-0042]", "C-0042") == "Re: Boiler [c-0042]"
    assert links.reply_subject("", None) == "Re:"
