"""Ctrl+K: find anything as you type. Results grouped by kind, best first, each
with its highlighted snippet; arrows move, Enter opens, Esc closes."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPainter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.search import query as search
from spocdesk.core.search.query import MARK_END, MARK_START, Hit
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

KIND_TITLES = {"case": QT_TRANSLATE_NOOP("ResultModel", "Cases"),
               "stakeholder": QT_TRANSLATE_NOOP("ResultModel", "Stakeholders"),
               "interaction": QT_TRANSLATE_NOOP("ResultModel", "Log entries"),
               "followup": QT_TRANSLATE_NOOP("ResultModel", "Follow-ups"),
               "handover": QT_TRANSLATE_NOOP("ResultModel", "Handover notes"),
               "mail": QT_TRANSLATE_NOOP("ResultModel", "E-mail to file (Inbox)")}
KIND_ORDER = ["case", "stakeholder", "followup", "interaction", "handover", "mail"]
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
HTML_ROLE = Qt.ItemDataRole.UserRole + 2
HEADER_ROLE = Qt.ItemDataRole.UserRole + 3
PER_KIND = 8
LIMIT = 50

Index = QModelIndex | QPersistentModelIndex


def marked_html(text: str) -> str:
    """Escape the text and turn the search markers into bold."""
    return html.escape(text).replace(MARK_START, "<b>").replace(MARK_END, "</b>")


class ResultModel(QAbstractListModel):
    """Group headers and hits in one flat list; headers cannot be selected."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, Hit | None]] = []  # (kind, hit or None for a header)

    def set_hits(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self.rows = []
        best_first = sorted({h.kind for h in hits},
                            key=lambda k: (not any(h.exact for h in hits if h.kind == k),
                                           min(i for i, h in enumerate(hits) if h.kind == k)))
        for kind in best_first:
            self.rows.append((kind, None))
            self.rows.extend((kind, h) for h in hits if h.kind == kind)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.rows[index.row()][1] is None:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        kind, hit = self.rows[index.row()]
        if hit is None:
            title = self.tr(KIND_TITLES.get(kind, kind))
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return title
            if role == HTML_ROLE:
                return f"<span style='font-size:small'><b>{html.escape(title)}</b></span>"
            if role == HEADER_ROLE:
                return True
            return None
        plain_title = search.split_marks(hit.title)[0]
        if role == Qt.ItemDataRole.DisplayRole:
            return plain_title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{plain_title}. {hit.plain_snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.plain_snippet or None
        if role == HIT_ROLE:
            return hit
        if role == HEADER_ROLE:
            return False
        if role == HTML_ROLE:
            extra = " · ".join(v for v in (
                hit.case_ref if hit.kind != "case" else "", fmt.when(hit.at)) if v)
            line = marked_html(hit.title)
            if extra:
                line += f" <span style='color:gray'>{html.escape(extra)}</span>"
            if hit.snippet and hit.snippet != hit.title:
                line += f"<br><span style='font-size:small'>{marked_html(hit.snippet)}</span>"
            return line
        return None

    def first_hit_row(self, start: int = 0, step: int = 1) -> int:
        row = start
        while 0 <= row < len(self.rows):
            if self.rows[row][1] is not None:
                return row
            row += step
        return -1


class RichDelegate(QStyledItemDelegate):
    """Paints the HTML of each row (bold search terms) with the palette's colours."""

    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(str(index.data(HTML_ROLE) or ""))
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter,
                          option.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = option.palette.ColorRole.HighlightedText if selected else \
            option.palette.ColorRole.Text
        context.palette.setColor(context.palette.ColorRole.Text, option.palette.color(group))
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 2)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 8, option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)


class SearchPalette(QDialog):
    """Emits ``open_record(kind, record id, case id or "")`` and closes on Enter."""

    open_record = Signal(str, str, str)

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchPalette")
        self.setWindowTitle(self.tr("Search"))
        self.store = store
        self.query = QLineEdit(self)
        self.query.setObjectName("searchQuery")
        self.query.setAccessibleName(self.tr("Search everything"))
        self.query.setPlaceholderText(self.tr("Search cases, people, log entries, follow-ups…"))
        self.query.setClearButtonEnabled(True)
        self.model = ResultModel(self)
        self.results = QListView(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(RichDelegate(self.results))
        self.results.setUniformItemSizes(False)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.activated.connect(self._open_index)
        self.results.clicked.connect(self._open_index)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)
        self.resize(640, 460)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(60)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.query.installEventFilter(self)
        self.status.setText(self.tr("Type to search. ↑↓ move, Enter opens, Esc closes."))

    def run_search(self) -> None:
        self._timer.stop()
        text = self.query.text()
        try:
            hits = search.search(self.store, text, limit=LIMIT, per_kind=PER_KIND)
        except SpocError as exc:
            self.model.set_hits([])
            self.status.setText(str(exc))
            return
        self.model.set_hits(hits)
        row = self.model.first_hit_row()
        if row >= 0:
            self.results.setCurrentIndex(self.model.index(row))
        if text.strip() and not hits:
            self.status.setText(self.tr("Nothing matches “{text}”.").format(text=text.strip()))
        elif hits:
            self.status.setText(self.tr("%n results", "", len(hits)))

    def move_selection(self, step: int) -> None:
        current = self.results.currentIndex().row()
        row = self.model.first_hit_row(current + step, step) if current >= 0 else \
            self.model.first_hit_row()
        if row >= 0:
            self.results.setCurrentIndex(self.model.index(row))

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.query and isinstance(event, QKeyEvent) \
                and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Down:
                self.move_selection(1)
                return True
            if event.key() == Qt.Key.Key_Up:
                self.move_selection(-1)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():
                    self.run_search()
                self._open_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _open_index(self, index: QModelIndex) -> None:
        hit = index.data(HIT_ROLE) if index.isValid() else None
        if isinstance(hit, Hit):
            self.open_record.emit(hit.kind, hit.id, hit.case_id or "")
            self.accept()
