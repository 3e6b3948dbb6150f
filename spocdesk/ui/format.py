"""How values look on screen: local times, ages, and labels that carry meaning
in text and symbol as well as colour (never colour alone)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QEvent, QLocale, QObject, QTimeZone
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QDateTimeEdit

from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

translate = QCoreApplication.translate


def tr(text: str) -> str:
    """Translate a label marked with ``QT_TRANSLATE_NOOP("Format", …)``."""
    return translate("Format", text)


def local(moment: datetime | None) -> QDateTime | None:
    if moment is None:
        return None
    qt = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.utc())
    return qt.toLocalTime()


def when(moment: datetime | None, *, with_time: bool = True) -> str:
    """A moment in local time, in the user's locale's short format."""
    qt = local(moment)
    if qt is None:
        return ""
    locale = QLocale()  # the short formats, with a four-digit year in every locale
    if with_time:
        return locale.toString(qt, f"{date_format()} {time_format()}")
    return locale.toString(qt.date(), date_format())


def date_format() -> str:
    """The locale's short date format with a four-digit year, for date edits."""
    text = QLocale().dateFormat(QLocale.FormatType.ShortFormat)
    return text if "yyyy" in text else text.replace("yy", "yyyy")


def time_format() -> str:
    """The locale's short time format (hours and minutes), for time edits."""
    return QLocale().timeFormat(QLocale.FormatType.ShortFormat)


def four_digit_years(edit: QDateTimeEdit) -> None:
    """Show a date or date-time edit's year with four digits: Qt's default display
    format is the locale's short one, which has two in many locales (German
    ``dd.MM.yy``). Formats already showing four, or no year, are left alone."""
    text = edit.displayFormat()
    if "yy" in text and "yyyy" not in text:
        edit.setDisplayFormat(text.replace("yy", "yyyy"))


class FourDigitYears(QObject):
    """Installed on the application: every date edit, whoever builds it, gets
    :func:`four_digit_years` when it is first polished (before it is shown)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Polish and isinstance(watched, QDateTimeEdit):
            four_digit_years(watched)
        return False


def span(delta: timedelta | None) -> str:
    """A duration the way a person says it: 3 h, 5 d, 7 w."""
    if delta is None:
        return ""
    seconds = int(abs(delta.total_seconds()))
    if seconds < 3600:
        text = translate("Format", "{n} min").format(n=max(1, seconds // 60))
    elif seconds < 86400:
        text = translate("Format", "{n} h").format(n=seconds // 3600)
    elif seconds < 86400 * 14:
        text = translate("Format", "{n} d").format(n=seconds // 86400)
    elif seconds < 86400 * 120:
        text = translate("Format", "{n} w").format(n=seconds // (86400 * 7))
    else:
        text = translate("Format", "{n} mo").format(n=seconds // (86400 * 30))
    if delta.total_seconds() >= 0:
        return text
    return translate("Format", "{t} ago").format(t=text)


def grouped(text: str, n: int) -> str:
    """A "%n" text as Qt rendered it (its plural form chosen for ``n``, the count in
    plain digits) with the count in the locale's digits and grouping, as :func:`number`
    writes it: ``grouped(self.tr("%n cases", "", n), n)`` gives "1 case", "3,000 cases"."""
    return re.sub(rf"(?<!\d){n}(?!\d)", lambda _match: number(n), text, count=1)


def number(value: int | float) -> str:
    """A count in the locale's digits and grouping (1,234 or 1.234); grouped in the
    C locale too, which would otherwise print 1234."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    return locale.toString(value)


STATUS_LABELS = {
    "new": QT_TRANSLATE_NOOP("Format", "New"), "open": QT_TRANSLATE_NOOP("Format", "Open"),
    "waiting": QT_TRANSLATE_NOOP("Format", "Waiting"),
    "escalated": QT_TRANSLATE_NOOP("Format", "Escalated"),
    "resolved": QT_TRANSLATE_NOOP("Format", "Resolved"),
    "closed": QT_TRANSLATE_NOOP("Format", "Closed"),
}
PRIORITY_LABELS = {
    "low": QT_TRANSLATE_NOOP("Format", "Low"), "normal": QT_TRANSLATE_NOOP("Format", "Normal"),
    "high": QT_TRANSLATE_NOOP("Format", "▲ High"),
    "urgent": QT_TRANSLATE_NOOP("Format", "▲▲ Urgent"),
}
SLA_LABELS = {
    "on_track": QT_TRANSLATE_NOOP("Format", "On track"),
    "at_risk": QT_TRANSLATE_NOOP("Format", "⚠ At risk"),
    "breached": QT_TRANSLATE_NOOP("Format", "✖ Breached"),
    "met": QT_TRANSLATE_NOOP("Format", "✓ Met"), "none": "",
}
CHANNEL_LABELS = {
    "phone": QT_TRANSLATE_NOOP("Format", "Phone"), "email": QT_TRANSLATE_NOOP("Format", "E-mail"),
    "meeting": QT_TRANSLATE_NOOP("Format", "Meeting"), "chat": QT_TRANSLATE_NOOP("Format", "Chat"),
    "letter": QT_TRANSLATE_NOOP("Format", "Letter"), "note": QT_TRANSLATE_NOOP("Format", "Note"),
}
DIRECTION_LABELS = {
    "in": QT_TRANSLATE_NOOP("Format", "Incoming"), "out": QT_TRANSLATE_NOOP("Format", "Outgoing"),
    "internal": QT_TRANSLATE_NOOP("Format", "Internal"),
}

# Colours that carry meaning (always beside a word or symbol). Each is dark enough
# to read on a light Base and is lightened on a dark one by :func:`readable`;
# tests/ui/test_palette.py checks the contrast of both.
AMBER = QColor("#b35900")
RED = QColor("#b3261e")
GREEN = QColor("#2e7d32")
PRIORITY_COLOURS = {"high": AMBER, "urgent": RED}
SLA_COLOURS = {"at_risk": AMBER, "breached": RED, "met": GREEN}
OVERDUE_COLOUR = RED
MIN_CONTRAST = 4.5  # WCAG AA for normal text


def luminance(colour: QColor) -> float:
    """WCAG relative luminance, 0 (black) … 1 (white)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 … 21."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: QColor | None, background: QColor | None = None) -> QColor | None:
    """``colour`` as it should be drawn on ``background`` (default: the palette's Base):
    unchanged where it reads well, else blended towards white (dark backgrounds) or
    black (light ones) until it does."""
    if colour is None:
        return None
    if background is None:
        background = QGuiApplication.palette().color(QPalette.ColorRole.Base)
    if contrast(colour, background) >= MIN_CONTRAST:
        return QColor(colour)
    target = QColor("white") if luminance(background) < 0.18 else QColor("black")
    mixed = QColor(colour)
    for step in range(1, 11):
        share = step / 10
        mixed = QColor.fromRgbF(
            colour.redF() + (target.redF() - colour.redF()) * share,
            colour.greenF() + (target.greenF() - colour.greenF()) * share,
            colour.blueF() + (target.blueF() - colour.blueF()) * share)
        if contrast(mixed, background) >= MIN_CONTRAST:
            break
    return mixed


def colour_css(colour: QColor, background: QColor | None = None) -> str:
    """``color: #rrggbb;`` for a style sheet, readable on ``background`` (default Base)."""
    shown = readable(colour, background) or colour
    return f"color: {shown.name()};"


def status(value: str) -> str:
    return tr(STATUS_LABELS.get(value, value))


def priority(value: str) -> str:
    return tr(PRIORITY_LABELS.get(value, value))


def channel(value: str) -> str:
    return tr(CHANNEL_LABELS.get(value, value))


def direction(value: str) -> str:
    return tr(DIRECTION_LABELS.get(value, value))


def sla(state: str, left: timedelta | None = None) -> str:
    label = tr(SLA_LABELS.get(state, state))
    if state in ("on_track", "at_risk") and left is not None:
        return translate("Format", "{label} ({left} left)").format(label=label,
                                                                    left=span(left))
    return label
