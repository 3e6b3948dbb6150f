"""Figures: the dashboard, the overview counts, and what a SPOC is judged by —
satisfaction, first-contact resolution, effort and demand — with the report that
carries them.

For a screen (all plain functions on a :class:`~spocdesk.core.store.Store`):

* :mod:`.dashboard` — Today, Workload and Trends (the dashboard's first tiles).
* :func:`.figures.measures` ``(store, period, detail=False)`` — per week, for the
  period and the one before: ``Satisfaction`` (``csat_average``, ``csat_share_4_5``,
  ``nps``, …; ``None`` and ``no_feedback`` when nothing was answered: show "no
  feedback yet"), ``Fcr`` (``rate``), ``Times`` (median and p90 to first response
  and to resolution) and ``Effort``; :func:`.figures.change` for the period's change.
  Each stretch's ``drill(figure)`` is the :class:`.figures.Drill` behind a tile, and
  :func:`.figures.drill_ids` lists its case (or, for NPS, stakeholder) ids, a page
  at a time with ``limit``, and :func:`.figures.drill_count` says how many. A case's
  first-contact verdict is kept on it when it is resolved
  (:mod:`spocdesk.core.cases.first_contact`); :func:`.figures.figure_queries` runs
  each figure on its own (the benchmark's rows).
* :mod:`.feedback` — ``record_csat`` (the dialog after a resolution), ``pending``
  and ``pending_rows`` (the "feedback pending" list, paged), ``record_nps``,
  ``nps_status`` (due or not, and from when), ``nps_due`` and ``nps_due_count``;
  their change-sets name ``case_feedback`` / ``nps_answer``.
* :func:`.figures.minutes_of_case` / ``minutes_of_stakeholder`` — effort so far; a
  call timer passes its minutes as ``NewInteraction(minutes=…)`` when it logs.
* :mod:`.report` — the JSON and CSV of ``spocdesk report``; the PDF is
  ``spocdesk.ui.report_pdf.write_report_pdf`` (*File → Export report…*).
"""
