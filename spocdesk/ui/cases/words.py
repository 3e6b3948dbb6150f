"""A case's history and authors in words: labels instead of field names, translated
codes, local dates with four-digit years, and people by name instead of "owner" and
"deputy". The labels themselves live in :mod:`spocdesk.core.cases.words`."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QLocale

from spocdesk.core.cases import words as case_words
from spocdesk.core.cases.detail import HistoryEntry
from spocdesk.core.cases.words import DEPUTY, OWNER, AuthorNames
from spocdesk.core.errors import CONTEXT
from spocdesk.ui import format as fmt

translate = QCoreApplication.translate



def core(text: str) -> str:
    """A core label (``QT_TRANSLATE_NOOP("spocdesk.core", …)``) in the interface language."""
    return QCoreApplication.translate(CONTEXT, text)


def moment(value: datetime | None) -> str:
    """A local date and time in the locale's short format, with a four-digit year."""
    qt = fmt.local(value)
    if qt is None:
        return ""
    locale = QLocale()
    time = locale.toString(qt.time(), QLocale.FormatType.ShortFormat)
    return f"{locale.toString(qt.date(), fmt.date_format())} {time}"


def author(names: AuthorNames, role: str) -> str:
    """Who wrote an entry, by name; "You" for this store's own author when unnamed.
    Sentences put it before a colon ("You: status …"), so no verb has to agree with it."""
    name = names.name(role)
    if name:
        return name
    if role == names.me:
        return translate("CaseWords", "You")
    if role == DEPUTY:
        return translate("CaseWords", "Your stand-in")
    if role == OWNER:
        return translate("CaseWords", "The regular contact")
    return translate("CaseWords", "Someone")


def value(field: str, text: str | None) -> str:
    """An audited value as a person reads it."""
    if text is None or text == "":
        return translate("CaseWords", "(empty)")
    kind = case_words.value_kind(field)
    if kind == "status":
        return fmt.status(text)
    if kind == "priority":
        return fmt.priority(text)
    if kind == "moment":
        parsed = case_words.parse_moment(text)
        return moment(parsed) if parsed else text
    return text


def history_line(event: HistoryEntry, names: AuthorNames) -> str:
    """One line of a case's history."""
    who = author(names, event.author)
    when = moment(event.at)
    if event.action == "update" and event.field:
        label = core(case_words.field_label(event.field))
        if event.before is None and event.after is not None and event.field == "participant":
            return translate("CaseWords", "{when} · {who}: {value} added to {field}").format(
                when=when, who=who, value=event.after, field=label)
        if event.after is None and event.before is not None and event.field == "participant":
            return translate("CaseWords", "{when} · {who}: {value} removed from {field}").format(
                when=when, who=who, value=event.before, field=label)
        text = translate("CaseWords", "{when} · {who}: {field} “{before}” → “{after}”")
        return text.format(
            when=when, who=who, field=label, before=value(event.field, event.before),
            after=value(event.field, event.after))
    return translate("CaseWords", "{when} · {who}: {action}").format(
        when=when, who=who, action=core(case_words.action_label(event.action)))
