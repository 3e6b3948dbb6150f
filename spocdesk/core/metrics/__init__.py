"""Figures: the dashboard, the overview counts and reports."""
