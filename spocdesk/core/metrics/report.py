"""The figures of :mod:`spocdesk.core.metrics.figures` as the report carries them:
the JSON keys ``report --json`` adds (``satisfaction``, ``fcr``, ``effort_minutes``,
``times``, ``demand``), the CSV rows ``report --csv`` adds, and the few lines the
plain ``report`` prints. The PDF (``spocdesk.ui.report_pdf``) reads the same
:class:`~spocdesk.core.metrics.figures.Measures`.

Each figure's key holds the period's values at its top level, then ``previous``
(the period of the same length just before), ``change`` (current − previous, for
the averages and rates; ``null`` when either side is unknown), ``weeks`` (one entry
per week of the period, ``week`` its ISO label) and ``drill`` (the records behind
the figure, see :class:`~spocdesk.core.metrics.figures.Drill`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spocdesk.core.metrics.figures import Figures, Measures, change

NO_FEEDBACK = "no feedback yet"


def _section(m: Measures, pick: Callable[[Figures], Any], changing: tuple[str, ...],
             drills: tuple[str, ...]) -> dict[str, Any]:
    now, before = pick(m.current).as_json(), pick(m.previous).as_json()
    return {
        **now,
        "previous": before,
        "change": {key: change(now[key], before[key]) for key in changing},
        "weeks": [{"week": w.label, "start": w.start.isoformat(), **pick(w).as_json()}
                  for w in m.weeks],
        "drill": {name: m.current.drill(name).as_json() for name in drills},
    }


def _counts(rows: list[Any]) -> list[dict[str, Any]]:
    return [{"key": c.key, "label": c.label, "count": c.count, "minutes": c.minutes}
            for c in rows]


def as_json(m: Measures) -> dict[str, Any]:
    """The keys ``spocdesk report --json`` adds to the dashboard's document."""
    fcr = _section(m, lambda f: f.fcr, ("rate",), ("fcr", "not_fcr", "resolved"))
    fcr["by_category"] = {r.key: r.fcr.as_json() for r in m.fcr_by_category}
    fcr["by_channel"] = {r.key: r.fcr.as_json() for r in m.fcr_by_channel}
    effort = _section(m, lambda f: f.effort, ("minutes",), ("effort",))
    effort["by_category"] = _counts(m.effort_by_category)
    effort["by_stakeholder"] = _counts(m.effort_by_stakeholder)
    effort["by_case"] = _counts(m.effort_by_case)
    demand = m.demand.as_json()
    demand["previous"] = m.previous_demand.as_json()
    demand["by_category"] = _counts(m.volume_by_category)
    demand["drill"] = {name: m.current.drill(name).as_json()
                       for name in ("requests", "found_later", "repeat_contacts")}
    return {
        "satisfaction": _section(m, lambda f: f.satisfaction,
                                 ("csat_average", "csat_share_4_5", "nps"),
                                 ("csat", "csat_4_5", "csat_1_3", "nps", "nps_promoters",
                                  "nps_detractors")),
        "fcr": fcr,
        "effort_minutes": effort,
        "times": _section(m, lambda f: f.times,
                          ("response_median_hours", "response_p90_hours",
                           "resolution_median_days", "resolution_p90_days"),
                          ("first_response", "resolution")),
        "demand": demand,
    }


def _value(value: Any) -> Any:
    return "" if value is None else value


def csv_rows(m: Measures) -> list[tuple[str, str, str, Any]]:
    """(section, figure, key, value) rows like the dashboard's CSV: ``key`` is
    ``period``, ``previous`` or a week's ISO label (or a category, channel, …)."""
    rows: list[tuple[str, str, str, Any]] = []
    stretches = [("period", m.current), ("previous", m.previous)]
    stretches += [(w.label, w) for w in m.weeks]
    for key, f in stretches:
        for section, values in (("satisfaction", f.satisfaction.as_json()),
                                ("fcr", f.fcr.as_json()), ("effort", f.effort.as_json()),
                                ("times", f.times.as_json())):
            rows += [(section, name, key, _value(v)) for name, v in values.items()]
    for r in m.fcr_by_category:
        rows.append(("fcr", "rate_by_category", r.key, _value(r.fcr.rate)))
    for r in m.fcr_by_channel:
        rows.append(("fcr", "rate_by_first_channel", r.key, _value(r.fcr.rate)))
    rows += [("effort", "minutes_by_category", c.key, c.minutes) for c in m.effort_by_category]
    rows += [("effort", "minutes_by_stakeholder", c.label, c.minutes)
             for c in m.effort_by_stakeholder]
    for key, d in (("period", m.demand), ("previous", m.previous_demand)):
        rows += [("demand", name, key, _value(v)) for name, v in d.as_json().items()
                 if not isinstance(v, list)]
    rows += [("demand", "requests_by_stakeholder", c.label, c.count)
             for c in m.demand.by_stakeholder]
    rows += [("demand", "requests_by_organisation", c.label, c.count)
             for c in m.demand.by_organisation]
    rows += [("demand", "requests_by_category", c.key, c.count) for c in m.volume_by_category]
    return rows


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _signed(value: float | None, fmt: str = "+.2f") -> str:
    return "" if value is None else f" ({value:{fmt}} on the period before)"


def summary_lines(m: Measures) -> list[str]:
    """The plain ``spocdesk report``'s lines for these figures."""
    c, p = m.current, m.previous
    s = c.satisfaction
    lines = [f"Quality since {c.start:%Y-%m-%d} ({m.period})"]
    if s.csat_count:
        lines.append(f"  CSAT: {s.csat_average:.2f} of 5 from {s.csat_count:,} answer(s), "
                     f"{_pct(s.csat_share_4_5)} gave 4 or 5"
                     + _signed(change(s.csat_average, p.satisfaction.csat_average)))
    else:
        lines.append(f"  CSAT: {NO_FEEDBACK}")
    if s.nps_count:
        lines.append(f"  NPS: {s.nps:+.0f} from {s.nps_count:,} answer(s): {s.promoters:,} "
                     f"promoter(s), {s.passives:,} passive(s), {s.detractors:,} detractor(s)")
    else:
        lines.append(f"  NPS: {NO_FEEDBACK}")
    lines.append(f"  First-contact resolution: {_pct(c.fcr.rate)} "
                 f"({c.fcr.at_first_contact:,} of {c.fcr.resolved:,} resolved)"
                 + _signed(change(c.fcr.rate, p.fcr.rate), "+.0%"))
    t = c.times

    def num(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f}"

    lines.append(f"  First response: median {num(t.response_median_hours)} h, "
                 f"90% within {num(t.response_p90_hours)} h ({t.responses:,} case(s))")
    lines.append(f"  Resolution: median {num(t.resolution_median_days)} days, "
                 f"90% within {num(t.resolution_p90_days)} days ({t.resolutions:,} case(s))")
    lines.append(f"  Effort: {c.effort.minutes:,} minutes on {c.effort.entries:,} log "
                 f"entr(ies) ({p.effort.minutes:,} the period before)")
    d = m.demand
    lines.append(f"  Requests: {d.requests:,} ({d.found_later:,} found later, "
                 f"{_pct(d.found_later_share)}); repeat contacts {d.repeat_contacts:,} of "
                 f"{d.inbound_contacts:,} inbound")
    return lines
