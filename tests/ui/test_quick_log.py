"""The quick log composer: with whom (defaults to the main stakeholder, several as
chips, found by typing), the follow-up typed as people say it, and Ctrl+J."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QScrollArea

from spocdesk.core.cases import service as cases
from spocdesk.core.model import FollowUp
from spocdesk.core.people import query as stakeholder_query
from spocdesk.core.people import stakeholders
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.cases.detail import CaseDetailPanel
from spocdesk.ui.cases.page import CasesPage
from spocdesk.ui.stakeholders.model import COLUMNS
from spocdesk.ui.stakeholders.page import StakeholdersPage

LAST_CONTACT = [key for key, _header in COLUMNS].index("last_contact")


def _people(store: Store) -> tuple[str, str, str]:
    def add(name: str, email: str) -> str:
        return stakeholders.add_stakeholder(store, NewStakeholder(
            display_name=name, contact_points=[NewContactPoint("email", email)])).value
    greta, hans = add("Greta Weber", "greta@example.org"), add("Hans Beck", "hans@example.org")
    ref = cases.add_case(store, cases.NewCase(
        title="Boiler repair", status="open",
        stakeholders=[(greta, "client"), (hans, "provider")])).value
    return greta, hans, ref


def _panel(qtbot, store: Store, ref: str) -> CaseDetailPanel:
    panel = CaseDetailPanel(ChangeBus())
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_case(ref)
    return panel


def _cases_page(qtbot, store: Store, bus: ChangeBus, size: tuple[int, int] = (1100, 700)
                ) -> CasesPage:
    page = CasesPage(bus)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    page.set_store(store)
    qtbot.waitUntil(lambda: page.detail.case is not None, timeout=3000)
    return page


def test_with_defaults_to_the_main_stakeholder_and_takes_more(qtbot, store: Store) -> None:
    greta, hans, ref = _people(store)
    panel = _panel(qtbot, store, ref)
    field = panel.quick_log.with_field
    assert field.ids() == [greta]
    assert [chip.text() for chip in field.chips] == ["Greta Weber ✕"]
    assert field.chips[0].accessibleName() == "Remove Greta Weber"
    # typing searches the directory; Enter takes the first match
    qtbot.keyClicks(field.search, "hans@exa")
    qtbot.keyClick(field.search, Qt.Key.Key_Return)
    assert field.ids() == [greta, hans]
    qtbot.waitUntil(lambda: field.search.text() == "", timeout=1000)
    # Backspace in the empty search takes the last one away; a chip's click removes it
    qtbot.keyClick(field.search, Qt.Key.Key_Backspace)
    assert field.ids() == [greta]
    field.chips[0].click()
    assert field.ids() == []
    # a refresh of the same case keeps the choice; another case starts from its main one
    panel.refresh()
    assert field.ids() == []
    other = cases.add_case(store, cases.NewCase(title="Other",
                                                stakeholders=[(hans, "client")])).value
    panel.show_case(other)
    assert field.ids() == [hans]


def test_logging_with_a_person_updates_their_last_contact_on_the_stakeholders_page(
        qtbot, store: Store, clock) -> None:
    greta, hans, _ref = _people(store)
    bus = ChangeBus()
    people_page = StakeholdersPage(bus)
    qtbot.addWidget(people_page)
    people_page.show()
    people_page.set_store(store)
    page = _cases_page(qtbot, store, bus)

    def last_contact(person: str) -> str:
        row = people_page.model.row_of(person)
        return str(people_page.model.index(row, LAST_CONTACT).data() or "")

    assert last_contact(hans) == "" and last_contact(greta) == ""
    people_page.select_stakeholder(hans)  # the card shows his interactions
    card = people_page.detail
    assert card.interaction_count.text() == "0 in all"
    composer = page.detail.quick_log
    composer.with_field.set_people([(hans, "Hans Beck")])
    composer.summary.setText("Agreed the parts list")
    composer.followup.setChecked(True)
    composer.followup_at.text.setText("+3 working days")
    composer.save()
    assert composer.summary.text() == ""
    assert composer.with_field.ids() == [greta]  # back to the main stakeholder
    assert last_contact(hans) != "" and last_contact(greta) == ""
    assert stakeholder_query.interaction_count(store, hans) == 1
    assert card.interaction_count.text().startswith("1 in all, the last ")
    assert "Agreed the parts list" in card.interactions.item(0).text()
    with store.session() as session:
        item = session.scalars(sa.select(FollowUp)).one()
        assert item.stakeholder_id == hans and item.due_at is not None
    week = composer.followup_at.week
    local = item.due_at.astimezone(week.tz)
    assert week.is_working_day(local.date()) and local.time() == week.start
    assert local.date() > clock.now().date()


def test_a_follow_up_time_it_cannot_read_logs_nothing(qtbot, store: Store) -> None:
    _greta, _hans, ref = _people(store)
    page = _cases_page(qtbot, store, ChangeBus())
    composer = page.detail.quick_log
    composer.summary.setText("Called")
    qtbot.keyClicks(composer.followup_at.text, "Fry 10:00")
    assert composer.followup.isChecked()  # typing a time asks for a follow-up
    problem = composer.followup_at.problem_label
    assert problem.isVisibleTo(composer)
    assert problem.text().startswith("‘Fry 10:00’ is not a date spocdesk understands; try")
    composer.save()
    assert composer.summary.text() == "Called"  # kept, nothing logged
    assert cases.list_cases(store)[0].ref == ref and page.detail.case is not None
    assert page.detail.case.last_interaction_at is None
    composer.followup_at.text.setText("Fr 10:00")
    assert not problem.isVisibleTo(composer)
    assert composer.followup_at.preview.text().startswith("→ ")
    assert composer.followup_at.moment().weekday() == 4
    composer.clear()
    assert not composer.followup.isChecked()
    menu = composer.followup_at.presets.menu()
    assert menu is not None
    next(a for a in menu.actions() if a.text() == "next week").trigger()
    assert composer.followup.isChecked() and composer.followup_at.text.text() == "next week"


def test_ctrl_j_reveals_and_focuses_the_composer(qtbot, store: Store) -> None:
    _people(store)
    for size in ((1100, 700), (1280, 800)):
        page = _cases_page(qtbot, store, ChangeBus(), size)
        page.activateWindow()
        qtbot.waitUntil(lambda p=page: QApplication.activeWindow() is p, timeout=3000)
        page.text.setFocus()
        composer = page.detail.quick_log
        assert not composer.visibleRegion().isEmpty()  # docked: in sight before Ctrl+J too
        qtbot.keyClick(page.text, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        assert composer.summary.hasFocus()
        assert composer.summary.visibleRegion().boundingRect().height() == \
            composer.summary.height()

    # inside a scroll area too small for it, Ctrl+J scrolls it into view
    _g, _h, ref = _people(store)
    area = QScrollArea()
    qtbot.addWidget(area)
    panel = CaseDetailPanel(ChangeBus())
    area.setWidget(panel)
    area.setWidgetResizable(True)
    area.resize(700, 200)  # the tabs shrink to 160 px: smaller still
    area.show()
    panel.set_store(store)
    panel.show_case(ref)
    qtbot.waitExposed(area)
    assert panel.quick_log.visibleRegion().isEmpty()
    panel.focus_quick_log()
    assert not panel.quick_log.summary.visibleRegion().isEmpty()
    assert area.verticalScrollBar().value() > 0


def test_the_default_follow_up_is_on_a_working_day(qtbot, store: Store, clock) -> None:
    _people(store)
    page = _cases_page(qtbot, store, ChangeBus())
    composer = page.detail.quick_log
    for _ in range(7):  # whatever day it is today
        clock.set(clock.now() + timedelta(days=1))
        moment = composer.followup_at.moment()
        week = composer.followup_at.week
        assert week.is_working_day(moment.astimezone(week.tz).date())


def test_every_preset_reads_in_both_languages(qtbot, qapp, store: Store) -> None:
    """A preset puts words in the field: in German they must be words the parser reads."""
    from spocdesk.core.spoken_dates import parse_when
    from spocdesk.ui import i18n
    from spocdesk.ui.when_edit import PRESETS, WhenEdit

    for language in ("en", "de"):
        i18n.install(qapp, language)
        try:
            edit = WhenEdit(None)
            qtbot.addWidget(edit)
            edit.set_store(store)
            menu = edit.presets.menu()
            assert menu is not None
            texts = [action.text() for action in menu.actions()]
            assert len(texts) == len(PRESETS)
            if language == "de":
                assert "morgen 9:00" in texts and "+3 Arbeitstage" in texts
            for text in texts:
                parse_when(text, store.now(), edit.week)  # raises if it cannot read it
        finally:
            i18n.uninstall(qapp)


def test_the_snooze_dialog_takes_typed_words(qtbot) -> None:
    from datetime import UTC, datetime

    from spocdesk.ui.followups.dialogs import SnoozeDialog

    now = datetime.now(UTC).replace(second=0, microsecond=0)  # the editor refuses the past
    dialog = SnoozeDialog(now)
    qtbot.addWidget(dialog)
    assert dialog.value() == now + timedelta(hours=2)  # "in 2 hours", shown as words
    ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.when.text.setText("Mon 9:00")
    assert dialog.value().astimezone(dialog.when.week.tz).strftime("%a %H:%M") == "Mon 09:00"
    dialog.when.text.setText("Mun 9:00")
    assert not ok.isEnabled()
    dialog.when.text.setText("+1 working day")
    assert ok.isEnabled()
    assert dialog.when.week.is_working_day(dialog.value().astimezone(dialog.when.week.tz).date())


def test_many_people_never_widen_the_window(qtbot, store: Store) -> None:
    greta, hans, ref = _people(store)
    panel = _panel(qtbot, store, ref)
    field = panel.quick_log.with_field
    panel.quick_log.unfold()  # as it is with people added (see the folding tests)
    alone = panel.quick_log.minimumSizeHint().width()
    for n in range(8):
        field.add(f"id-{n}", f"Somebody & Partners number {n}")
    assert len(field.ids()) == 9 and field.chips[-1].text() == "Somebody && Partners number 7 ✕"
    assert panel.quick_log.minimumSizeHint().width() == alone
    panel.show()
    qtbot.waitExposed(panel)
    qtbot.waitUntil(lambda: not field.chips[-1].visibleRegion().isEmpty(), timeout=2000)
    assert field.strip.height() >= field.chips[-1].sizeHint().height()  # not a sliver
    assert greta in field.ids() and hans not in field.ids()


def test_tab_goes_through_the_composer_as_its_rows_read(qtbot, store: Store) -> None:
    _greta, _hans, ref = _people(store)
    panel = _panel(qtbot, store, ref)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is panel, timeout=3000)
    composer = panel.quick_log
    expected = [composer.with_field.search, composer.with_field.from_case, composer.body,
                composer.minutes, composer.call_timer.button, composer.next_step,
                composer.followup, composer.followup_at.text]
    composer.summary.setFocus()
    seen = []
    for _ in expected:
        widget = QApplication.focusWidget()
        assert widget is not None
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected


def test_the_composer_folds_to_one_row_when_unused_and_never_hides_typed_text(
        qtbot, store: Store) -> None:
    _people(store)
    page = _cases_page(qtbot, store, ChangeBus(), (800, 600))
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    page.text.setFocus()
    composer = page.detail.quick_log
    folded = composer.height()
    assert composer.folded and composer.summary.isVisible()  # the first row stays
    assert not composer.body.isVisible() and not composer.save_button.isVisible()

    composer.summary.setFocus()  # focus comes in: all of it
    qtbot.waitUntil(lambda: not composer.folded)
    assert composer.body.isVisible() and composer.save_button.isVisible()
    page.text.setFocus()  # and leaves with nothing typed: one row again
    qtbot.waitUntil(lambda: composer.folded)
    qtbot.waitUntil(lambda: composer.height() == folded)

    composer.body.setFocus()  # Tab order aside, the details box unfolds it too
    qtbot.keyClicks(composer.body, "Sounded worried")
    page.text.setFocus()
    assert not composer.folded and composer.body.isVisible()  # typed text stays in sight
    assert composer.body.toPlainText() == "Sounded worried"
    composer.body.clear()
    assert composer.folded

    composer.with_field.add("someone-else", "Someone else")  # chosen people count too
    assert not composer.folded
    composer.with_field.reset()
    assert composer.folded

    # Ctrl+J unfolds it and puts the cursor in the summary
    qtbot.keyClick(page.text, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    assert not composer.folded and composer.summary.hasFocus()


def test_at_800x600_the_timeline_has_room(qtbot, store: Store) -> None:
    """The list, the case's header and the folded composer leave the timeline some
    entries' height at 800x600 (it showed one line), with nothing to scroll around it."""
    _people(store)
    page = _cases_page(qtbot, store, ChangeBus(), (800 - 150, 600 - 50))  # beside the nav
    page.detail.tabs.setCurrentWidget(page.detail.timeline)
    QApplication.processEvents()
    view = page.detail.timeline.view
    assert view.visibleRegion().boundingRect().height() >= 130
    detail_scroll = page.findChild(QScrollArea, "caseDetailScroll")
    assert detail_scroll is not None
    assert not detail_scroll.verticalScrollBar().isVisible()
    # a split the user drags stays where they put it, also when the window changes
    page.list_detail.moveSplitter(300, 1)
    sizes = page.list_detail.sizes()
    assert sizes[0] == 300
    page.resize(page.width(), page.height() + 20)
    QApplication.processEvents()
    assert page.list_detail.sizes()[0] >= 300  # grown with the window, not shared out anew
