"""The report to hand over: one to three A4 pages a manager can read without
spocdesk — the headline figures of a period beside the period before, charts of
each week, the top categories and stakeholders by volume and effort, and the open
cases furthest past their SLA.

The figures come from the core (:mod:`spocdesk.core.metrics.figures`,
:mod:`spocdesk.core.metrics.dashboard`); this module lays them out as a
``QTextDocument`` with the charts painted by ``QPainter`` into images, and writes
the PDF the way the handover briefing does (:mod:`spocdesk.ui.briefing_pdf`: made
in memory, checked whole, written private (0600), synced, renamed into place).

Entry points: :func:`write_report_pdf` (the ``spocdesk report --pdf`` command and
*File → Export report…*), :func:`render_report_pdf` (bytes) and
:func:`report_document` (for a print dialog). They need a ``QGuiApplication`` only,
and make an offscreen one when there is none.
"""

from __future__ import annotations

import html
import logging
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QBuffer, QCoreApplication, QIODevice, QPointF, QRectF, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QFont,
    QImage,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from spocdesk.core.cases import query as case_query
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput
from spocdesk.core.followups import recurrence
from spocdesk.core.metrics import dashboard as metrics
from spocdesk.core.metrics import figures
from spocdesk.core.metrics.figures import Count, Measures, change
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.briefing_pdf import (
    STYLE,
    _page_layout,
    ensure_gui_application,
    paint_pages,
    write_pdf_file,
)

log = logging.getLogger(__name__)

WORST = 10  # worst-breached open cases listed
TOP = 8  # rows of each top list
CHART_W, CHART_H = 800, 330  # image pixels; shown at half the text width
BLUE, GREEN, GREY = QColor("#2f6db5"), QColor("#3c9a5f"), QColor("#9a9a9a")
REPORT_STYLE = (
    STYLE
    + """
td.num, th.num { text-align: right; }
p.small { font-size: 8pt; color: #444444; }
"""
)


translate = QCoreApplication.translate  # lupdate reads translate("ReportPdf", "…")


# -- charts ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per label; None: nothing to show that week
    colour: QColor


def bar_chart(
    title: str,
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    percent: bool = False,
    width: int = CHART_W,
    height: int = CHART_H,
) -> QImage:
    """Grouped bars with a title, a legend, a value axis from 0 and the week labels
    (every other one when crowded); an empty week stays empty, never a bar of 0."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont("DejaVu Sans")
        font.setPixelSize(28)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(QColor("black"))
        painter.drawText(QRectF(0, 0, width, 36), int(Qt.AlignmentFlag.AlignLeft), title)
        font.setPixelSize(22)
        font.setBold(False)
        painter.setFont(font)
        legend_x = 70.0  # the legend, on its own line below the title
        for s in series:
            painter.fillRect(QRectF(legend_x, 44, 18, 18), s.colour)
            painter.drawText(QPointF(legend_x + 24, 62), s.name)
            legend_x += 24 + painter.fontMetrics().horizontalAdvance(s.name) + 24
        values = [v for s in series for v in s.values if v is not None]
        ticks, step = (4, 0.25) if percent else _ticks(max(values) if values else 0.0)
        top = ticks * step
        left, right, upper, lower = 70.0, width - 10.0, 84.0, height - 36.0
        painter.setPen(QPen(QColor("#cccccc"), 1))
        for k in range(ticks + 1):
            y = lower - (lower - upper) * k / ticks
            painter.drawLine(QPointF(left, y), QPointF(right, y))
            value = step * k
            text = f"{value:.0%}" if percent else (f"{value:,.0f}" if step >= 1 else f"{value:.1f}")
            painter.setPen(QColor("#444444"))
            painter.drawText(
                QRectF(0, y - 14, left - 8, 28),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
            painter.setPen(QPen(QColor("#cccccc"), 1))
        n = max(1, len(labels))
        slot = (right - left) / n
        bar = slot * 0.8 / max(1, len(series))
        step = 1 if n <= 8 else (2 if n <= 16 else 4)
        for i, label in enumerate(labels):
            x0 = left + i * slot + slot * 0.1
            for j, s in enumerate(series):
                point = s.values[i] if i < len(s.values) else None
                if point is None:
                    continue
                h = (lower - upper) * (point / top if top else 0.0)
                painter.fillRect(QRectF(x0 + j * bar, lower - h, bar - 2, h), s.colour)
            if i % step == 0:
                painter.setPen(QColor("#444444"))
                painter.drawText(
                    QRectF(left + i * slot - slot, lower + 4, slot * 3, 32),
                    int(Qt.AlignmentFlag.AlignHCenter),
                    label.split("-")[-1],
                )
        painter.setPen(QPen(QColor("#444444"), 2))
        painter.drawLine(QPointF(left, lower), QPointF(right, lower))
    finally:
        painter.end()
    return image


def _ticks(value: float) -> tuple[int, float]:
    """(number of intervals, interval) for a value axis from 0 to at least ``value``:
    at most five intervals of 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return 1, 1.0
    magnitude = 10.0 ** math.floor(math.log10(value / 5))
    for factor in (1, 2, 5, 10):
        step = factor * magnitude
        if step * 5 >= value:
            return max(1, math.ceil(value / step - 1e-9)), step
    return 5, 10 * magnitude  # pragma: no cover - the loop always returns


# -- the document ------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text))


def _h2(text: str) -> str:
    return f"<h2>{_e(text)}</h2>"


def _para(text: str) -> str:
    return f"<p>{_e(text)}</p>"


def _day(moment: datetime, zone: ZoneInfo) -> str:
    from PySide6.QtCore import QDate, QLocale

    local = moment.astimezone(zone).date()
    return QLocale().toString(
        QDate(local.year, local.month, local.day), QLocale.FormatType.LongFormat
    )


def _num(value: float | None, digits: int = 1) -> str:
    return "–" if value is None else f"{value:,.{digits}f}"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _trend(
    delta: float | None, *, better_up: bool | None, as_pct: bool = False, digits: int = 1
) -> str:
    """The change with an arrow, and (unless ``better_up`` is None: a volume, neither
    good nor bad) whether it is for the better, in words."""
    if delta is None:
        return "–"
    if abs(delta) < 1e-9:
        return translate("ReportPdf", "no change")
    arrow = "▲" if delta > 0 else "▼"
    text = f"{delta * 100:+.0f} pts" if as_pct else f"{delta:+,.{digits}f}"
    if better_up is None:
        return f"{arrow} {text}"
    if (delta > 0) == better_up:
        return translate("ReportPdf", "{change} (better)").format(change=f"{arrow} {text}")
    return translate("ReportPdf", "{change} (worse)").format(change=f"{arrow} {text}")


def _row(cells: Sequence[str], numeric_from: int = 1, header: bool = False) -> str:
    tag = "th" if header else "td"
    return (
        "<tr>"
        + "".join(
            f"<{tag}{' class=num' if k >= numeric_from else ''}>{c}</{tag}>"
            for k, c in enumerate(cells)
        )
        + "</tr>"
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], numeric_from: int = 1) -> str:
    body = "".join(_row(r, numeric_from) for r in rows)
    return (
        "<table width='100%' border='1' cellspacing='0' cellpadding='4'>"
        + _row(header, numeric_from, header=True)
        + body
        + "</table>"
    )


def _headline(m: Measures, board: metrics.Dashboard) -> str:
    c, p = m.current, m.previous
    weeks = board.trends.weeks
    opened, resolved = sum(w.opened for w in weeks), sum(w.resolved for w in weeks)
    no = translate("ReportPdf", "no feedback yet")
    s, ps = c.satisfaction, p.satisfaction
    csat = _num(s.csat_average, 2) + f" ({s.csat_count:,})" if s.csat_count else no
    prev_csat = _num(ps.csat_average, 2) + f" ({ps.csat_count:,})" if ps.csat_count else no
    nps = f"{s.nps:+.0f} ({s.nps_count:,})" if s.nps is not None else no
    prev_nps = f"{ps.nps:+.0f} ({ps.nps_count:,})" if ps.nps is not None else no
    t, pt = c.times, p.times
    rows = [
        [
            translate("ReportPdf", "Cases opened"),
            f"{opened:,}",
            f"{m.previous_demand.requests:,}",
            _trend(change(opened, m.previous_demand.requests), better_up=None, digits=0),
        ],
        [
            translate("ReportPdf", "Cases resolved"),
            f"{resolved:,}",
            f"{p.fcr.resolved:,}",
            _trend(change(resolved, p.fcr.resolved), better_up=None, digits=0),
        ],
        [
            translate("ReportPdf", "Satisfaction (CSAT, 1–5; answers)"),
            csat,
            prev_csat,
            _trend(change(s.csat_average, ps.csat_average), better_up=True, digits=2),
        ],
        [
            translate("ReportPdf", "Share of CSAT 4–5"),
            _pct(s.csat_share_4_5),
            _pct(ps.csat_share_4_5),
            _trend(change(s.csat_share_4_5, ps.csat_share_4_5), better_up=True, as_pct=True),
        ],
        [
            translate("ReportPdf", "Net Promoter Score (answers)"),
            nps,
            prev_nps,
            _trend(change(s.nps, ps.nps), better_up=True, digits=0),
        ],
        [
            translate("ReportPdf", "First-contact resolution"),
            _pct(c.fcr.rate),
            _pct(p.fcr.rate),
            _trend(change(c.fcr.rate, p.fcr.rate), better_up=True, as_pct=True),
        ],
        [
            translate("ReportPdf", "First response, median (hours)"),
            _num(t.response_median_hours),
            _num(pt.response_median_hours),
            _trend(change(t.response_median_hours, pt.response_median_hours), better_up=False),
        ],
        [
            translate("ReportPdf", "First response, 90 % within (hours)"),
            _num(t.response_p90_hours),
            _num(pt.response_p90_hours),
            _trend(change(t.response_p90_hours, pt.response_p90_hours), better_up=False),
        ],
        [
            translate("ReportPdf", "Resolution, median (days)"),
            _num(t.resolution_median_days),
            _num(pt.resolution_median_days),
            _trend(change(t.resolution_median_days, pt.resolution_median_days), better_up=False),
        ],
        [
            translate("ReportPdf", "Resolution, 90 % within (days)"),
            _num(t.resolution_p90_days),
            _num(pt.resolution_p90_days),
            _trend(change(t.resolution_p90_days, pt.resolution_p90_days), better_up=False),
        ],
        [
            translate("ReportPdf", "SLA breached (of resolved cases)"),
            _pct(board.trends.breach_rate),
            "–",
            "–",
        ],
        [
            translate("ReportPdf", "Effort (minutes logged)"),
            f"{c.effort.minutes:,}",
            f"{p.effort.minutes:,}",
            _trend(change(c.effort.minutes, p.effort.minutes), better_up=None, digits=0),
        ],
        [
            translate("ReportPdf", "Requests found later"),
            _pct(m.demand.found_later_share),
            _pct(m.previous_demand.found_later_share),
            _trend(
                change(m.demand.found_later_share, m.previous_demand.found_later_share),
                better_up=False,
                as_pct=True,
            ),
        ],
        [
            translate("ReportPdf", "Repeat contacts"),
            f"{m.demand.repeat_contacts:,}",
            f"{m.previous_demand.repeat_contacts:,}",
            _trend(
                change(m.demand.repeat_contacts, m.previous_demand.repeat_contacts),
                better_up=False,
                digits=0,
            ),
        ],
    ]
    return _table(
        [
            translate("ReportPdf", "Figure"),
            translate("ReportPdf", "This period"),
            translate("ReportPdf", "Period before"),
            translate("ReportPdf", "Change"),
        ],
        rows,
    )


def _categories(m: Measures) -> str:
    minutes = {c.key: c.minutes for c in m.effort_by_category}
    fcr = {r.key: r.fcr for r in m.fcr_by_category}
    keys = [c.key for c in m.volume_by_category]
    keys += [k for k in minutes if k not in keys]
    volume = {c.key: c.count for c in m.volume_by_category}
    keys.sort(key=lambda k: (-volume.get(k, 0), -minutes.get(k, 0), k))
    rows = [
        [
            _e(k or translate("ReportPdf", "(no category)")),
            f"{volume.get(k, 0):,}",
            f"{minutes.get(k, 0):,}",
            _pct(fcr[k].rate) if k in fcr else "–",
        ]
        for k in keys[:TOP]
    ]
    if not rows:
        return _para(translate("ReportPdf", "No cases in this period."))
    return _table(
        [
            translate("ReportPdf", "Category"),
            translate("ReportPdf", "Requests"),
            translate("ReportPdf", "Minutes"),
            translate("ReportPdf", "First-contact resolution"),
        ],
        rows,
    )


def _people(by_requests: Sequence[Count], by_effort: Sequence[Count]) -> str:
    names = {c.key: c.label for c in [*by_requests, *by_effort]}
    requests = {c.key: c.count for c in by_requests}
    minutes = {c.key: c.minutes for c in by_effort}
    keys = list(dict.fromkeys([c.key for c in by_requests] + [c.key for c in by_effort]))
    keys.sort(key=lambda k: (-requests.get(k, 0), -minutes.get(k, 0), names[k]))
    rows = [[_e(names[k]), f"{requests.get(k, 0):,}", f"{minutes.get(k, 0):,}"] for k in keys[:TOP]]
    if not rows:
        return _para(translate("ReportPdf", "No requests or logged minutes in this period."))
    return _table(
        [
            translate("ReportPdf", "Stakeholder"),
            translate("ReportPdf", "Requests"),
            translate("ReportPdf", "Minutes"),
        ],
        rows,
    )


def _worst_breached(store: Store) -> str:
    ctx = case_query.context(store)
    ids = case_query.case_ids(
        store, case_query.CaseFilter(view="sla_breached"), case_query.CaseSort("sla"), ctx=ctx
    )[:WORST]
    found = case_query.case_rows(store, ids, ctx=ctx)
    rows = []
    for cid in ids:
        row = found.get(cid)
        if row is None:
            continue
        left = row.sla_time_left
        deadline = (
            "–"
            if left is None
            else (
                fmt.span(left)
                if left.total_seconds() < 0
                else translate("ReportPdf", "in {span}").format(span=fmt.span(left))
            )
        )
        rows.append([_e(row.ref), _e(row.title), _e(fmt.priority(row.priority)), _e(deadline)])
    if not rows:
        return _para(translate("ReportPdf", "No open case is past its SLA."))
    return _table(
        [
            translate("ReportPdf", "Case"),
            translate("ReportPdf", "Title"),
            translate("ReportPdf", "Priority"),
            translate("ReportPdf", "Next SLA deadline"),
        ],
        rows,
        numeric_from=3,
    )


def _charts(document: QTextDocument, m: Measures, board: metrics.Dashboard) -> str:
    labels = [w.label for w in m.weeks]
    charts = {
        "opened": bar_chart(
            translate("ReportPdf", "Cases opened and resolved per week"),
            labels,
            [
                Series(
                    translate("ReportPdf", "opened"), [w.opened for w in board.trends.weeks], BLUE
                ),
                Series(
                    translate("ReportPdf", "resolved"),
                    [w.resolved for w in board.trends.weeks],
                    GREEN,
                ),
            ],
        ),
        "fcr": bar_chart(
            translate("ReportPdf", "First-contact resolution per week"),
            labels,
            [
                Series(
                    translate("ReportPdf", "resolved at first contact"),
                    [w.fcr.rate for w in m.weeks],
                    GREEN,
                )
            ],
            percent=True,
        ),
        "csat": bar_chart(
            translate("ReportPdf", "Satisfaction per week (CSAT 1–5)"),
            labels,
            [
                Series(
                    translate("ReportPdf", "average"),
                    [w.satisfaction.csat_average for w in m.weeks],
                    BLUE,
                )
            ],
        ),
        "response": bar_chart(
            translate("ReportPdf", "Time to first response per week (hours)"),
            labels,
            [
                Series(
                    translate("ReportPdf", "median"),
                    [w.times.response_median_hours for w in m.weeks],
                    BLUE,
                ),
                Series(
                    translate("ReportPdf", "90 %"),
                    [w.times.response_p90_hours for w in m.weeks],
                    GREY,
                ),
            ],
        ),
        "resolution": bar_chart(
            translate("ReportPdf", "Time to resolution per week (days)"),
            labels,
            [
                Series(
                    translate("ReportPdf", "median"),
                    [w.times.resolution_median_days for w in m.weeks],
                    GREEN,
                ),
                Series(
                    translate("ReportPdf", "90 %"),
                    [w.times.resolution_p90_days for w in m.weeks],
                    GREY,
                ),
            ],
        ),
        "effort": bar_chart(
            translate("ReportPdf", "Minutes logged per week"),
            labels,
            [Series(translate("ReportPdf", "minutes"), [w.effort.minutes for w in m.weeks], BLUE)],
        ),
    }
    for name, image in charts.items():
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{name}"), image)

    def img(name: str) -> str:
        return f"<img src='chart:{name}' width='{CHART_W // 3}' height='{CHART_H // 3}'>"

    pairs = (("opened", "fcr"), ("csat", "effort"), ("response", "resolution"))
    return "".join(
        f"<table width='100%' cellspacing='0' cellpadding='2'><tr>"
        f"<td>{img(a)}</td><td>{img(b)}</td></tr></table>"
        for a, b in pairs
    )


def report_html(
    store: Store, document: QTextDocument, period: str = "quarter", *, tz: ZoneInfo | None = None
) -> str:
    """The report as rich text for ``document`` (its charts added as resources)."""
    zone = tz or recurrence.local_zone()
    board = metrics.dashboard(store, period, tz=zone, oldest=0)
    m = figures.measures(store, period, tz=zone, top=TOP)
    title = translate("ReportPdf", "Service report")
    weeks = len(m.weeks)
    subtitle = translate(
        "ReportPdf",
        "{weeks} weeks from {start}, as of {now}; compared with the {weeks} weeks before",
    ).format(weeks=weeks, start=_day(m.current.start, zone), now=_day(m.now, zone))
    rule = translate(
        "ReportPdf",
        "First-contact resolution: resolved with no escalation, no reopening, and at "
        "most one inbound and one outbound log entry before the resolution. CSAT: the "
        "client's satisfaction from 1 to 5, recorded at or after the resolution; NPS: "
        "the share of promoters (9–10) minus that of detractors (0–6). Found later: a "
        "request entered more than a day after it was opened. Repeat contacts: inbound "
        "entries about a case that had one earlier in the same period. Times are "
        "wall-clock; the current week is still running.",
    )
    parts = [
        f"<h1>{_e(title)}</h1><p>{_e(subtitle)}</p>",
        _h2(translate("ReportPdf", "Headline figures")),
        _headline(m, board),
        f"<p class='small'>{_e(rule)}</p>",
        _h2(translate("ReportPdf", "Week by week")),
        _charts(document, m, board),
        _h2(translate("ReportPdf", "Top categories")),
        _categories(m),
        _h2(translate("ReportPdf", "Top stakeholders by requests and effort")),
        _people(m.demand.by_stakeholder, m.effort_by_stakeholder),
        _h2(translate("ReportPdf", "Open cases furthest past their SLA")),
        _worst_breached(store),
    ]
    return "<html><body>" + "".join(parts) + "</body></html>"


def report_document(
    store: Store, period: str = "quarter", *, tz: ZoneInfo | None = None
) -> QTextDocument:
    """The report laid out as a rich-text document, ready to print."""
    ensure_gui_application()
    document = QTextDocument()
    document.setDefaultStyleSheet(REPORT_STYLE)
    document.setHtml(report_html(store, document, period, tz=tz))
    document.setMetaInformation(
        QTextDocument.MetaInformation.DocumentTitle, translate("ReportPdf", "Service report")
    )
    return document


def render_report_pdf(
    store: Store, period: str = "quarter", *, tz: ZoneInfo | None = None
) -> bytes:
    """The report as PDF bytes, made in memory (nothing on disk yet)."""
    document = report_document(store, period, tz=tz)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageLayout(_page_layout())
    writer.setTitle(translate("ReportPdf", "Service report"))
    writer.setCreator("spocdesk")
    writer.setResolution(300)
    paint_pages(document, writer)
    del writer  # the PDF is finished when the writer goes away
    buffer.close()
    return bytes(buffer.data().data())


def write_report_pdf(
    store: Store,
    path: str | os.PathLike[str],
    period: str = "quarter",
    *,
    tz: ZoneInfo | None = None,
) -> Path:
    """Write the report of ``period`` (``4w``, ``quarter``, ``year``) to ``path`` as a
    PDF; returns the absolute path. Checked whole, written private (0600) beside the
    target, synced and renamed into place: a write cut short leaves nothing behind."""
    target = Path(path).expanduser().absolute()
    if not target.parent.is_dir():
        raise InvalidInput(
            QT_TRANSLATE_NOOP("spocdesk.core", "The folder {folder} does not exist."),
            folder=target.parent,
        )
    data = render_report_pdf(store, period, tz=tz)
    not_written = QT_TRANSLATE_NOOP("spocdesk.core", "The report could not be written to {target}.")
    write_pdf_file(target, data, not_written, QT_TRANSLATE_NOOP(
        "spocdesk.core", "The report could not be written to {target} ({reason})."))
    log.info("wrote a report PDF")
    return target
