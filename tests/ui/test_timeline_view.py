"""The case timeline as a conversation: model, day separators, delegate sizes,
expanding, the channel filter, paging, and authors by name."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate, QModelIndex, QSize, Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from spocdesk.core import settings as settings_mod
from spocdesk.core.cases import words as case_words
from spocdesk.core.cases.escalation import escalate
from spocdesk.core.cases.service import NewCase, NewInteraction, add_case, log_interaction
from spocdesk.core.cases.workflow import update_case
from spocdesk.core.clock import FixedClock
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store
from spocdesk.ui.cases import timeline_view
from spocdesk.ui.cases.timeline_view import (
    DAY_ROLE,
    ENTRY_ROLE,
    EXPANDED_ROLE,
    TimelineDelegate,
    TimelineModel,
    TimelinePanel,
)

LONG = "Wants a call back before Friday. " * 8


@pytest.fixture
def case(store: Store, clock: FixedClock) -> str:
    """A case over two days: a call with Greta (with a body), a status change, an
    escalation, then next day an e-mail."""
    greta = add_stakeholder(store, NewStakeholder(display_name="Greta Weber")).value
    ref = add_case(store, NewCase(title="Boiler", stakeholders=[(greta, "client")])).value
    clock.advance(timedelta(hours=1))
    log_interaction(store, ref, NewInteraction("phone", "in", "Boiler is cold", body=LONG,
                                               stakeholder_ids=[greta]))
    clock.advance(timedelta(minutes=5))
    update_case(store, ref, status="open")
    escalate(store, ref, "Plumbers", "Needs a part")
    clock.advance(timedelta(days=1))
    log_interaction(store, ref, NewInteraction("email", "out", "Part ordered",
                                               stakeholder_ids=[greta]))
    return ref


def panel_for(qtbot, store: Store, ref: str, **names: str) -> TimelinePanel:
    panel = TimelinePanel()
    qtbot.addWidget(panel)
    panel.resize(600, 500)
    panel.show_case(store, ref, case_words.AuthorNames(**names))
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def rows(model: TimelineModel) -> list[tuple[str, str]]:
    """(kind, summary) per row; a day separator is ("day", its date)."""
    found = []
    for row in range(model.rowCount()):
        index = model.index(row)
        entry = index.data(ENTRY_ROLE)
        found.append(("day", index.data(DAY_ROLE).toString(Qt.DateFormat.ISODate))
                     if entry is None else (entry.kind, entry.summary))
    return found


def test_model_passes_the_model_tester(qtbot, qtmodeltester, store: Store, case: str) -> None:
    model = TimelineModel()
    model.show_case(store, case)
    qtmodeltester.check(model)
    model.set_channel("phone")
    qtmodeltester.check(model)


def test_day_separators_between_days_newest_first(qtbot, store: Store, case: str) -> None:
    panel = panel_for(qtbot, store, case)
    model = panel.model
    found = rows(model)
    assert found[:3] == [("day", "2026-03-03"), ("interaction", "Part ordered"),
                         ("day", "2026-03-02")]
    assert sorted(found[3:6]) == [("escalation", "Plumbers"), ("status", ""), ("status", "")]
    assert found[6:] == [("interaction", "Boiler is cold"), ("created", "")]
    separator = model.index(0)
    assert not model.flags(separator) & Qt.ItemFlag.ItemIsSelectable
    assert "2026" in separator.data()  # the locale's long date, four-digit year
    assert panel.count() == 6  # entries, not separators


def test_interactions_say_who_spoke_with_whom(qtbot, store: Store, case: str) -> None:
    with store.unit_of_work() as uow:
        value = settings_mod.load(uow.session)
        value.owner_name = "Maria Sommer"
        settings_mod.save(uow.session, value)
        uow.commit()
    panel = panel_for(qtbot, store, case, **vars(case_words.author_names(store)))
    texts = panel.texts()
    incoming = next(t for t in texts if "Boiler is cold" in t)
    assert "Greta Weber → Maria Sommer" in incoming
    assert "Phone, incoming" in incoming
    outgoing = next(t for t in texts if "Part ordered" in t)
    assert "Maria Sommer → Greta Weber" in outgoing
    assert any("Maria Sommer: status New → Open" in t for t in texts)
    assert not any("owner" in t.casefold() or "deputy" in t.casefold() for t in texts)
    unnamed = panel_for(qtbot, store, case)  # no name given: the store's own author is "You"
    assert any("You → Greta Weber" in t for t in unnamed.texts())
    assert panel.view.accessibleName() == "Timeline"
    assert panel.channel.accessibleName()


def test_expand_and_collapse_by_click_enter_and_space(qtbot, store: Store, case: str) -> None:
    panel = panel_for(qtbot, store, case)
    view, model = panel.view, panel.model
    row = next(r for r in range(model.rowCount())
               if model.index(r).data(ENTRY_ROLE) is not None
               and model.index(r).data(ENTRY_ROLE).summary == "Boiler is cold")
    index = model.index(row)
    collapsed = view.visualRect(index).height()
    assert LONG.strip() not in index.data() and index.data(EXPANDED_ROLE) is False
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())
    assert index.data(EXPANDED_ROLE) is True and LONG.strip() in index.data()
    qtbot.waitUntil(lambda: view.visualRect(index).height() > collapsed + 20)
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert index.data(EXPANDED_ROLE) is False
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert index.data(EXPANDED_ROLE) is True
    qtbot.keyClick(view, Qt.Key.Key_Enter)
    assert index.data(EXPANDED_ROLE) is False
    qtbot.waitUntil(lambda: view.visualRect(index).height() == collapsed)
    # an entry without a body has nothing to expand
    plain = next(model.index(r) for r in range(model.rowCount())
                 if model.index(r).data(ENTRY_ROLE) is not None
                 and model.index(r).data(ENTRY_ROLE).kind == "created")
    assert model.toggle(plain) is False
    # the same case shown again keeps what was open; another case starts closed
    model.toggle(index)
    panel.show_case(store, case)
    assert model.index(row).data(EXPANDED_ROLE) is True


def test_delegate_sizes(qtbot, store: Store, case: str) -> None:
    panel = panel_for(qtbot, store, case)
    model, delegate = panel.model, panel.view.itemDelegate()
    assert isinstance(delegate, TimelineDelegate)

    def size(index: QModelIndex, width: int) -> QSize:
        option = QStyleOptionViewItem()
        option.initFrom(panel.view)
        option.rect.setWidth(width)
        return delegate.sizeHint(option, index)

    kinds = {model.index(r).data(ENTRY_ROLE).kind if model.index(r).data(ENTRY_ROLE)
             else "day": model.index(r) for r in range(model.rowCount())}
    call = next(model.index(r) for r in range(model.rowCount())
                if model.index(r).data(ENTRY_ROLE)
                and model.index(r).data(ENTRY_ROLE).summary == "Boiler is cold")
    marker, day = kinds["status"], kinds["day"]
    assert size(marker, 500).height() < size(call, 500).height()  # markers are one line
    assert size(day, 500).height() < size(call, 500).height()
    assert size(call, 500).width() == 500
    collapsed = size(call, 500).height()
    model.toggle(call)
    wide, narrow = size(call, 900).height(), size(call, 250).height()
    assert wide > collapsed and narrow > wide  # the body wraps to the width
    rows_before = model.rowCount()
    for r in range(rows_before):  # every row paints without error, selected or not
        panel.view.setCurrentIndex(model.index(r))
    panel.view.grab()


def test_channel_filter(qtbot, store: Store, case: str) -> None:
    panel = panel_for(qtbot, store, case)
    panel.channel.setCurrentIndex(panel.channel.findData("phone"))
    assert [kind for kind, _ in rows(panel.model) if kind != "day"] == ["interaction"]
    assert panel.texts()[1].count("Boiler is cold") == 1
    assert panel.empty.isHidden()
    panel.channel.setCurrentIndex(panel.channel.findData("letter"))
    assert panel.model.rowCount() == 0 and not panel.empty.isHidden()
    assert "channel" in panel.empty.text()
    panel.channel.setCurrentIndex(0)  # everything again
    assert panel.count() == 6


def test_pages_in_sql(qtbot, store: Store, clock: FixedClock,
                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timeline_view, "PAGE", 10)
    ref = add_case(store, NewCase(title="Chatty")).value
    for n in range(24):
        clock.advance(timedelta(hours=7))
        log_interaction(store, ref, NewInteraction("chat", "in", f"Message {n}"))
    model = TimelineModel()
    model.show_case(store, ref)
    assert model.entry_count == 10 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.entry_count == 25 and not model.canFetchMore(QModelIndex())
    assert model.queries == 3
    entries = [r for r in rows(model) if r[0] != "day"]
    assert [s for _, s in entries[:3]] == ["Message 23", "Message 22", "Message 21"]
    days = [s for k, s in rows(model) if k == "day"]
    assert len(days) == len(set(days))  # one separator per day, also across pages
    assert QDate.fromString(days[0], Qt.DateFormat.ISODate) > QDate.fromString(
        days[-1], Qt.DateFormat.ISODate)


def test_no_case_shows_nothing(qtbot, store: Store, case: str) -> None:
    panel = panel_for(qtbot, store, case)
    panel.clear()
    assert panel.model.rowCount() == 0 and panel.count() == 0 and panel.empty.isHidden()


def test_secondary_text_reads_on_light_and_dark(qtbot, store: Store, case: str) -> None:
    from PySide6.QtGui import QPalette

    from spocdesk.ui import format as fmt
    from spocdesk.ui.cases.timeline_view import muted
    from tests.ui.test_palette import dark_palette

    for palette in (QPalette(), dark_palette()):
        base = palette.color(QPalette.ColorRole.Base)
        assert fmt.contrast(muted(palette), base) >= fmt.MIN_CONTRAST
        assert muted(palette) != palette.color(QPalette.ColorRole.Text)  # secondary
        assert muted(palette, True) == palette.color(QPalette.ColorRole.HighlightedText)
    panel = panel_for(qtbot, store, case)
    panel.setPalette(dark_palette())
    assert not panel.view.grab().isNull()


def test_arrow_keys_step_over_day_separators(qtbot, store: Store, case: str) -> None:
    panel = panel_for(qtbot, store, case)
    view, model = panel.view, panel.model
    view.setFocus()
    view.setCurrentIndex(model.index(1))  # the newest entry, under the first separator
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 3  # row 2 is the next day's separator
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Up)  # nothing above but a separator: stay
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Home)
    assert model.entry(view.currentIndex()) is not None
