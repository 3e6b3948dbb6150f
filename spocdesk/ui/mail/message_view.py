"""One captured e-mail, readable: who wrote to whom, when, the subject, the text, the
attachments with their size (*Open* writes one to the private folder of
:mod:`spocdesk.ui.mail.attachments` and says so) and *Reply by e-mail*.

The Inbox shows the message chosen in its list here; a case's timeline shows the
e-mail chosen in it.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.mail import inbox
from spocdesk.core.mail.inbox import MailDetail
from spocdesk.core.mail.message import Address
from spocdesk.core.model import Direction
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.mail import attachments, links
from spocdesk.ui.ops import warn

ATTACHMENT_ROLE = Qt.ItemDataRole.UserRole + 1


def size_text(size: int) -> str:
    """Bytes as people read them, in the locale's words (12 KB, 3.4 MB)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeTraditionalFormat)


def _people(addresses: tuple[Address, ...]) -> str:
    return ", ".join(str(a) for a in addresses)


def reply_to(mail: MailDetail) -> list[str]:
    """Who a reply goes to: the sender of an incoming e-mail, the recipients of one the
    user sent."""
    if mail.direction == Direction.OUT.value:
        return [a.email for a in mail.to if a.email]
    return [mail.sender.email] if mail.sender and mail.sender.email else []


def reply_url(mail: MailDetail) -> str:
    return links.reply_url(reply_to(mail), links.reply_subject(mail.subject, mail.case_ref),
                           links.quoted(mail.text, mail.sender, mail.occurred_at))


class MessageView(QWidget):
    """Headers, text and attachments of one e-mail, with *Open* and *Reply by e-mail*."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailMessage")
        self.store: Store | None = None
        self.mail: MailDetail | None = None
        self.headers = QLabel(self)
        self.headers.setObjectName("mailHeaders")
        self.headers.setAccessibleName(self.tr("From, to, copy, date and subject"))
        self.headers.setTextFormat(Qt.TextFormat.RichText)
        self.headers.setWordWrap(True)
        self.headers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body = QPlainTextEdit(self)
        self.body.setObjectName("mailBody")
        self.body.setAccessibleName(self.tr("Text of the e-mail"))
        self.body.setReadOnly(True)
        self.body.setTabChangesFocus(True)
        self.files = QListWidget(self)
        self.files.setObjectName("mailAttachments")
        self.files.setAccessibleName(self.tr("Attachments"))
        self.files.setMaximumHeight(self.fontMetrics().height() * 4 + 8)
        self.files.itemActivated.connect(lambda _item: self.open_attachment())
        self.open_button = QPushButton(self.tr("&Open attachment"), self)
        self.open_button.setObjectName("openAttachment")
        self.open_button.setToolTip(self.tr(
            "Writes it to a private temporary folder and opens it with its program; the "
            "folder is deleted when spocdesk locks or quits"))
        self.open_button.clicked.connect(self.open_attachment)
        self.reply_button = QPushButton(self.tr("&Reply by e-mail"), self)
        self.reply_button.setObjectName("replyByMail")
        self.reply_button.setToolTip(self.tr(
            "Opens your mail program with the reply: the recipient, Re: and the case's "
            "reference in the subject, the text quoted"))
        self.reply_button.clicked.connect(self.reply)
        self.note = QLabel(self)
        self.note.setObjectName("mailNote")
        self.note.setWordWrap(True)
        self._layout()
        self.show_mail(None, None)

    def _layout(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.reply_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.headers)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.files)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    def show_mail(self, store: Store | None, mail_id: str | None, *,
                  by_interaction: bool = False) -> None:
        """Show the e-mail ``mail_id`` (or the one the log entry ``mail_id`` was made from,
        ``by_interaction``); ``None`` empties the view."""
        self.store = store
        self.mail = None
        if store is not None and mail_id is not None:
            try:
                self.mail = inbox.mail_for_interaction(store, mail_id) if by_interaction \
                    else inbox.get_mail(store, mail_id)
            except SpocError:
                self.mail = None
        self.note.clear()
        self._fill(self.mail)

    def _fill(self, mail: MailDetail | None) -> None:
        self.files.clear()
        if mail is None:
            self.headers.clear()
            self.body.clear()
            self.files.hide()
            self.open_button.hide()
            self.reply_button.setEnabled(False)
            return
        rows = [(self.tr("From"), str(mail.sender) if mail.sender else ""),
                (self.tr("To"), _people(mail.to)), (self.tr("Cc"), _people(mail.cc)),
                (self.tr("Date"), fmt.when(mail.occurred_at)),
                (self.tr("Subject"), mail.subject or self.tr("(no subject)"))]
        self.headers.setText("<br>".join(
            f"<b>{html.escape(name)}:</b> {html.escape(value)}" for name, value in rows
            if value))
        self.body.setPlainText(mail.text)
        for item in mail.attachments:
            text = self.tr("{name} — {size}").format(name=item.filename,
                                                      size=size_text(item.size))
            if not item.kept:
                text += " " + self.tr("(not kept: above the size limit)")
            row = QListWidgetItem(text)
            row.setData(ATTACHMENT_ROLE, item.id if item.kept else None)
            self.files.addItem(row)
        self.files.setVisible(bool(mail.attachments))
        self.open_button.setVisible(bool(mail.attachments))
        if mail.attachments:
            self.files.setCurrentRow(0)
        self.reply_button.setEnabled(bool(reply_to(mail)))

    def open_attachment(self) -> None:
        item = self.files.currentItem()
        attachment_id = item.data(ATTACHMENT_ROLE) if item is not None else None
        if self.mail is None or self.store is None or not attachment_id:
            if item is not None:
                self.note.setText(self.tr("This attachment was above the size limit and "
                                          "was not kept."))
            return
        name = next(a.filename for a in self.mail.attachments if a.id == attachment_id)
        try:
            path = attachments.FOLDER.write(self.store, str(attachment_id), name)
        except (SpocError, OSError) as exc:
            warn(self, self.tr("Attachment not opened"), str(exc))
            return
        attachments.open_file(path)
        self.note.setText(self.tr(
            "{name} was written to a private temporary folder ({folder}) to open it; the "
            "folder is deleted when spocdesk locks or quits.").format(
                name=path.name, folder=path.parent))

    def reply(self) -> None:
        if self.mail is not None:
            links.open_url(reply_url(self.mail))
