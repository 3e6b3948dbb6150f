"""Pages whose full views arrive with their own issues: each shows a real empty
state or a real count, never fake data."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from spocdesk.core.services.overview import Overview, overview
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.page import EmptyState, Page


class CountPage(Page):
    """A page that, until its full view exists, says how many records it will show."""

    empty_headline = ""
    empty_hint = ""

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(bus, parent)
        self.empty = EmptyState(self.empty_headline, self.empty_hint, self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)

    def summary(self, figures: Overview) -> tuple[str, str] | None:
        """Headline and hint when there are records; ``None`` shows the empty state."""
        return None

    def load(self) -> None:
        assert self.store is not None
        text = self.summary(overview(self.store))
        self.empty.set_text(*(text or (self.empty_headline, self.empty_hint)))

    def clear(self) -> None:
        self.empty.set_text("", "")


class CasesPage(CountPage):
    title = "Cases"
    icon_name = "cases"
    empty_headline = "No cases yet"
    empty_hint = ("Cases you open appear here. From a terminal, 'spocdesk case add --title …' "
                  "opens one; 'spocdesk --demo' shows the app with sample data.")

    def summary(self, figures: Overview) -> tuple[str, str] | None:
        if not figures.cases:
            return None
        return (self.tr("{open} open cases").format(open=figures.open_cases),
                self.tr("{total} cases in this store, {n} open without a next step.").format(
                    total=figures.cases, n=figures.cases_without_next_step))


class StakeholdersPage(CountPage):
    title = "Stakeholders"
    icon_name = "stakeholders"
    empty_headline = "No stakeholders yet"
    empty_hint = ("The people and organisations around your cases appear here. Import a "
                  "vCard or CSV export with 'spocdesk import FILE'.")

    def summary(self, figures: Overview) -> tuple[str, str] | None:
        if not figures.stakeholders:
            return None
        return (self.tr("{n} stakeholders").format(n=figures.stakeholders),
                self.tr("People and organisations, with {i} logged interactions.").format(
                    i=figures.interactions))


class FollowUpsPage(CountPage):
    title = "Follow-ups"
    icon_name = "followups"
    empty_headline = "Nothing to follow up"
    empty_hint = "Promised call-backs and things to chase appear here, soonest first."

    def summary(self, figures: Overview) -> tuple[str, str] | None:
        if not figures.open_followups:
            return None
        return (self.tr("{n} open follow-ups").format(n=figures.open_followups),
                self.tr("{n} of them are overdue.").format(n=figures.overdue_followups))


class HandoverPage(CountPage):
    title = "Handover"
    icon_name = "handover"
    empty_headline = "No absence planned"
    empty_hint = ("Before you go on leave, plan the absence here: which cases your deputy "
                  "covers, a structured note for each, and an encrypted pack to hand over.")

