"""The quick log's *with* field: the people an interaction was with, as removable
chips, added by typing (the directory's lookup, as in the stakeholder search) or
from the case's own people. It starts with the case's main stakeholder."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QScrollArea,
    QToolButton,
    QWidget,
)

from spocdesk.core.cases.detail import CaseDetail
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from spocdesk.ui.when_edit import NO_ARROW

ID_ROLE = Qt.ItemDataRole.UserRole
NAME_ROLE = Qt.ItemDataRole.UserRole + 1


class _SearchLine(QLineEdit):
    """Backspace in the empty line takes the last chip away, as in a mail client."""

    backspace_on_empty = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace and not self.text():
            self.backspace_on_empty.emit()
            return
        super().keyPressEvent(event)


class WithField(QWidget):
    """Chips for the chosen people, a search line and a "from this case" menu."""

    LIMIT = 20
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logWith")
        self.store: Store | None = None
        self.case: CaseDetail | None = None
        self.chosen: list[tuple[str, str]] = []  # (id, name), in order: the first is asked
        self.chips: list[QToolButton] = []
        self.search = _SearchLine(self)
        self.search.setObjectName("logWithSearch")
        self.search.setAccessibleName(self.tr("With whom: add a person"))
        self.search.setPlaceholderText(self.tr("Add a person…"))
        self.search.setMinimumWidth(self.search.fontMetrics().horizontalAdvance("Add a person…__"))
        self.search.setToolTip(self.tr("Type a name, e-mail or phone number; Enter adds the "
                                       "first match, Backspace removes the last person"))
        self.matches = QStandardItemModel(self)
        self.completer = QCompleter(self.matches, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setWidget(self.search)
        self.completer.activated[QModelIndex].connect(self._picked)  # type: ignore[index]
        self.from_case = QToolButton(self)
        self.from_case.setObjectName("logWithFromCase")
        self.from_case.setText(self.tr("Case people") + " ▾")
        self.from_case.setStyleSheet(NO_ARROW)
        self.from_case.setAccessibleName(self.tr("Add one of the case's people"))
        self.from_case.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.from_case.setMenu(QMenu(self.from_case))
        self.from_case.menu().aboutToShow.connect(self._fill_case_menu)
        # the chips scroll sideways in their own strip, so that many people never
        # widen the window (Tab to a chip scrolls it into view)
        self.strip = QScrollArea(self)
        self.strip.setObjectName("logWithChips")
        self.strip.setAccessibleName(self.tr("People it was with"))
        self.strip.setFrameShape(QScrollArea.Shape.NoFrame)
        self.strip.setWidgetResizable(True)
        self.strip.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.strip.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget(self.strip)
        self.chip_row = QHBoxLayout(holder)
        self.chip_row.setContentsMargins(0, 0, 0, 0)
        self.chip_row.addStretch(1)
        self.strip.setWidget(holder)
        self.strip.setMinimumWidth(0)
        bar = self.strip.horizontalScrollBar()
        assert bar is not None  # the newest chip (at the end) stays in sight
        bar.rangeChanged.connect(lambda _low, high: bar.setValue(high))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.strip, 2)
        row.addWidget(self.search, 1)
        row.addWidget(self.from_case)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(120)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self._take_first)
        self.search.backspace_on_empty.connect(self._remove_last)

    # -- the case and its default --------------------------------------------

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.set_case(None)

    def set_case(self, case: CaseDetail | None) -> None:
        """Show ``case``; a different case starts again from its main stakeholder."""
        previous = self.case.id if self.case else None
        self.case = case
        if case is None or case.id != previous:
            self.reset()

    def reset(self) -> None:
        """Back to the default: the case's main stakeholder (nobody without one)."""
        main = self.case.main_stakeholder if self.case else None
        self.set_people([(main.stakeholder_id, main.name)] if main else [])
        self.search.clear()

    def is_default(self) -> bool:
        """Whether the people chosen are the case's default (its main stakeholder)."""
        main = self.case.main_stakeholder if self.case else None
        return self.ids() == ([main.stakeholder_id] if main else [])

    def ids(self) -> list[str]:
        return [sid for sid, _name in self.chosen]

    def set_people(self, people: list[tuple[str, str]]) -> None:
        self.chosen = []
        for chip in self.chips:
            chip.hide()  # out of the strip now, deleted later
            chip.deleteLater()
        self.chips = []
        for sid, name in people:
            self.add(sid, name)
        self.changed.emit()

    def add(self, stakeholder_id: str, name: str) -> None:
        if stakeholder_id in self.ids():
            return
        self.chosen.append((stakeholder_id, name))
        chip = QToolButton(self.strip.widget())
        chip.setObjectName("logWithChip")
        chip.setText(name.replace("&", "&&") + " ✕")  # "&" is not a shortcut mark here
        chip.setAccessibleName(self.tr("Remove {name}").format(name=name))
        chip.setToolTip(self.tr("Remove {name}").format(name=name))
        chip.setAutoRaise(False)
        chip.clicked.connect(lambda _c=False, sid=stakeholder_id: self.remove(sid))
        self.chips.append(chip)
        self.chip_row.insertWidget(len(self.chips) - 1, chip)
        self._fit_strip()
        self.changed.emit()

    def remove(self, stakeholder_id: str) -> None:
        for index, (sid, _name) in enumerate(self.chosen):
            if sid == stakeholder_id:
                del self.chosen[index]
                chip = self.chips.pop(index)
                chip.hide()
                chip.deleteLater()
                self._fit_strip()
                self.search.setFocus()
                self.changed.emit()
                return

    def _fit_strip(self) -> None:
        """As wide as its chips want (up to what the row gives it), as tall as the row."""
        heights = [c.sizeHint().height() for c in self.chips]  # hidden until shown
        self.strip.setFixedHeight(max([self.search.sizeHint().height(), *heights]))
        self.strip.setToolTip(", ".join(name for _sid, name in self.chosen))
        spacing = self.chip_row.spacing()
        self.strip.setMaximumWidth(sum(c.sizeHint().width() + spacing for c in self.chips))


    def _remove_last(self) -> None:
        if self.chosen:
            self.remove(self.chosen[-1][0])

    # -- finding people ---------------------------------------------------------

    def run_search(self) -> None:
        self._timer.stop()
        self.matches.clear()
        text = self.search.text().strip()
        if not text or self.store is None:
            popup = self.completer.popup()
            if popup is not None:
                popup.hide()
            return
        for row in stakeholders.list_stakeholders(self.store, limit=self.LIMIT, search=text):
            detail = " · ".join(v for v in (row.organisation, row.email) if v)
            item = QStandardItem(row.display_name + (f"  —  {detail}" if detail else ""))
            item.setData(row.id, ID_ROLE)
            item.setData(row.display_name, NAME_ROLE)
            self.matches.appendRow(item)
        if self.matches.rowCount():
            self.completer.setCompletionPrefix("")
            self.completer.complete()

    def _picked(self, index: QModelIndex) -> None:
        self.add(str(index.data(ID_ROLE)), str(index.data(NAME_ROLE)))
        QTimer.singleShot(0, self.search.clear)  # after the completer wrote its text

    def _take_first(self) -> None:
        popup = self.completer.popup()
        assert popup is not None
        current = popup.currentIndex() if popup.isVisible() else QModelIndex()
        self.run_search()
        if not current.isValid() and self.matches.rowCount():
            current = self.matches.index(0, 0)
        if current.isValid():
            self._picked(current)
        popup.hide()

    def _fill_case_menu(self) -> None:
        menu = self.from_case.menu()
        menu.clear()
        people = self.case.participants if self.case else []
        for person in people:
            action = menu.addAction(f"{person.name} ({person.role})".replace("&", "&&"))
            action.triggered.connect(
                lambda _c=False, sid=person.stakeholder_id, name=person.name: self.add(sid, name))
            action.setEnabled(person.stakeholder_id not in self.ids())
        if not people:
            menu.addAction(self.tr("Nobody is involved in this case yet")).setEnabled(False)
