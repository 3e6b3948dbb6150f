"""How values look on screen: local times, ages, and labels that carry meaning
in text and symbol as well as colour (never colour alone)."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QTimeZone
from PySide6.QtGui import QColor


def tr(text: str) -> str:
    return QCoreApplication.translate("Format", text)


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
    locale = QLocale()
    if with_time:
        return locale.toString(qt, QLocale.FormatType.ShortFormat)
    return locale.toString(qt.date(), QLocale.FormatType.ShortFormat)


def span(delta: timedelta | None) -> str:
    """A duration the way a person says it: 3 h, 5 d, 7 w."""
    if delta is None:
        return ""
    seconds = int(abs(delta.total_seconds()))
    if seconds < 3600:
        text = tr("{n} min").format(n=max(1, seconds // 60))
    elif seconds < 86400:
        text = tr("{n} h").format(n=seconds // 3600)
    elif seconds < 86400 * 14:
        text = tr("{n} d").format(n=seconds // 86400)
    elif seconds < 86400 * 120:
        text = tr("{n} w").format(n=seconds // (86400 * 7))
    else:
        text = tr("{n} mo").format(n=seconds // (86400 * 30))
    return text if delta.total_seconds() >= 0 else tr("{t} ago").format(t=text)


STATUS_LABELS = {
    "new": "New", "open": "Open", "waiting": "Waiting", "escalated": "Escalated",
    "resolved": "Resolved", "closed": "Closed",
}
PRIORITY_LABELS = {"low": "Low", "normal": "Normal", "high": "▲ High", "urgent": "▲▲ Urgent"}
PRIORITY_COLOURS = {"high": QColor("#b35900"), "urgent": QColor("#b3261e")}
SLA_LABELS = {
    "on_track": "On track", "at_risk": "⚠ At risk", "breached": "✖ Breached", "met": "✓ Met",
    "none": "",
}
SLA_COLOURS = {"at_risk": QColor("#b35900"), "breached": QColor("#b3261e"),
               "met": QColor("#2e7d32")}
OVERDUE_COLOUR = QColor("#b3261e")


def status(value: str) -> str:
    return tr(STATUS_LABELS.get(value, value))


def priority(value: str) -> str:
    return tr(PRIORITY_LABELS.get(value, value))


def sla(state: str, left: timedelta | None = None) -> str:
    label = tr(SLA_LABELS.get(state, state))
    if state in ("on_track", "at_risk") and left is not None:
        return tr("{label} ({left} left)").format(label=label, left=span(left))
    return label
