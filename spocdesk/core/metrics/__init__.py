"""Figures: the dashboard, the overview counts, and what a SPOC is judged by —
satisfaction, first-contact resolution, effort and demand — with the report that
carries them."""
