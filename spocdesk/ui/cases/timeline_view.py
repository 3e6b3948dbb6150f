"""A case's timeline as a conversation: who spoke with whom, on which channel, when.

:class:`TimelineModel` holds the rows of the timeline service page by page
(``canFetchMore``/``fetchMore``, :data:`PAGE` entries per query, paged in SQL) and a
day separator wherever the local day changes. :class:`TimelineDelegate` draws an
interaction as a channel and direction icon, "author → counterparts", the channel and
the local time, the summary and — expanded — its full text; status changes,
escalations, outcomes and follow-ups are compact one-line markers. Click, Enter or
Space expands and collapses an entry. :class:`TimelinePanel` adds a channel filter.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.cases import timeline
from spocdesk.core.cases.service import CHANNELS
from spocdesk.core.cases.timeline import TimelineEntry
from spocdesk.core.cases.words import AuthorNames
from spocdesk.core.store import Store
from spocdesk.ui import format as fmt
from spocdesk.ui.cases import words
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.mail.message_view import MessageView
from spocdesk.ui.resources import icon

PAGE = 200
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1  # the TimelineEntry (None on a day separator)
DAY_ROLE = Qt.ItemDataRole.UserRole + 2  # the QDate of a day separator
EXPANDED_ROLE = Qt.ItemDataRole.UserRole + 3  # bool: the entry shows its full text
HEAD_ROLE = Qt.ItemDataRole.UserRole + 4  # the entry's first line, without its time
META_ROLE = Qt.ItemDataRole.UserRole + 5  # channel, direction and time, drawn on the right
MARKERS = {"created": "marker-created", "status": "marker-status",
           "escalation": "marker-escalation", "escalation_outcome": "marker-outcome",
           "followup": "followups"}
translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex



@dataclass(frozen=True)
class _Row:
    day: QDate | None = None
    entry: TimelineEntry | None = None


def _day(entry: TimelineEntry) -> QDate:
    local = fmt.local(entry.at)
    assert local is not None
    return local.date()


def day_label(day: QDate) -> str:
    """"Today", "Yesterday", else the locale's long date (four-digit year)."""
    today = QDate.currentDate()
    text = QLocale().toString(day, QLocale.FormatType.LongFormat)
    if day == today:
        return translate("Timeline", "Today — {date}").format(date=text)
    if day == today.addDays(-1):
        return translate("Timeline", "Yesterday — {date}").format(date=text)
    return text


def _preview(text: str, limit: int = 80) -> str:
    """The start of a collapsed entry's text: its first line, at most ``limit`` characters."""
    first = text.strip().splitlines()[0]
    return first if len(first) <= limit else first[:limit].rstrip()


class TimelineModel(QAbstractListModel):
    """Rows of one case's timeline (newest first) with day separators, paged in SQL."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store: Store | None = None
        self.case_id: str | None = None
        self.channel: str | None = None
        self.names = AuthorNames()
        self._rows: list[_Row] = []
        self._fetched = 0  # entries read so far
        self._more = False
        self._resetting = False
        self._expanded: set[tuple[str, str]] = set()  # (kind, record id)
        self.queries = 0  # pages read, for tests

    # -- loading ----------------------------------------------------------

    def show_case(self, store: Store | None, case_id: str | None,
                  names: AuthorNames | None = None) -> None:
        """Show another case (or none); keeps what is expanded when it is the same case."""
        if case_id != self.case_id:
            self._expanded.clear()
        self.store, self.case_id = store, case_id
        if names is not None:
            self.names = names
        self.reload()

    def set_channel(self, channel: str | None) -> None:
        if channel != self.channel:
            self.channel = channel
            self.reload()

    def reload(self) -> None:
        """Read the first page again, inside one reset (views keep no stale rows)."""
        self._resetting = True  # views and testers may ask for more while it resets
        try:
            self.beginResetModel()
            self._rows, self._fetched = [], 0
            self._more = self.store is not None and self.case_id is not None
            self._rows = self._read_page()
            self.endResetModel()
        finally:
            self._resetting = False

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._resetting:
            return
        rows = self._read_page()
        if rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self._rows.extend(rows)
            self.endInsertRows()

    def _read_page(self) -> list[_Row]:
        """The next :data:`PAGE` entries from SQL, with a separator where the day changes."""
        if not self._more or self.store is None or self.case_id is None:
            return []
        entries = timeline.timeline(self.store, self.case_id, limit=PAGE,
                                    offset=self._fetched, channel=self.channel)
        self.queries += 1
        self._fetched += len(entries)
        self._more = len(entries) == PAGE
        rows: list[_Row] = []
        last = self._last_day()
        for entry in entries:
            day = _day(entry)
            if day != last:
                rows.append(_Row(day=day))
                last = day
            rows.append(_Row(entry=entry))
        return rows

    def _last_day(self) -> QDate | None:
        for row in reversed(self._rows):
            if row.entry is not None:
                return _day(row.entry)
        return None

    @property
    def entry_count(self) -> int:
        return self._fetched

    # -- expanding --------------------------------------------------------

    def expandable(self, index: Index) -> bool:
        entry = self.entry(index)
        return entry is not None and bool(entry.detail.strip())

    def toggle(self, index: Index) -> bool:
        """Expand or collapse one entry; False when it has nothing more to show."""
        entry = self.entry(index)
        if entry is None or not self.expandable(index):
            return False
        key = (entry.kind, entry.record_id)
        if key in self._expanded:
            self._expanded.discard(key)
        else:
            self._expanded.add(key)
        self.dataChanged.emit(index, index)
        return True

    def is_expanded(self, entry: TimelineEntry) -> bool:
        return (entry.kind, entry.record_id) in self._expanded

    # -- the model --------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def entry(self, index: Index) -> TimelineEntry | None:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()].entry

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self._rows[index.row()].entry is None:
            return Qt.ItemFlag.ItemIsEnabled  # a day separator: read, not selected
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index,
             role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if row.entry is None:
            assert row.day is not None
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return day_label(row.day)
            return row.day if role == DAY_ROLE else None
        entry = row.entry
        if role == ENTRY_ROLE:
            return entry
        if role == EXPANDED_ROLE:
            return self.is_expanded(entry)
        if role == HEAD_ROLE:
            return self.head(entry)
        if role == META_ROLE:
            return self.meta(entry)
        if role == Qt.ItemDataRole.DecorationRole:
            return icon(self.icon_name(entry))
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(entry, full=self.is_expanded(entry))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.text(entry, full=True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return words.moment(entry.at)
        return None

    # -- words ------------------------------------------------------------

    @staticmethod
    def icon_name(entry: TimelineEntry) -> str:
        if entry.kind == "interaction":
            return f"channel-{entry.channel}"
        return MARKERS.get(entry.kind, "marker-status")

    def head(self, entry: TimelineEntry) -> str:
        """Who with whom (an interaction), or the one-line marker text."""
        who = words.author(self.names, entry.author) if entry.author else ""
        if entry.kind == "interaction":
            others = ", ".join(entry.counterparts)
            if not others:
                return who
            if entry.direction == "in":
                return translate("Timeline", "{others} → {author}").format(
                    others=others, author=who)
            return translate("Timeline", "{author} → {others}").format(
                author=who, others=others)
        if entry.kind == "created":
            return translate("Timeline", "{who}: case opened").format(who=who)
        if entry.kind == "status":
            return translate("Timeline", "{who}: status {before} → {after}").format(
                who=who, before=fmt.status(entry.before or ""), after=fmt.status(entry.after or ""))
        if entry.kind == "escalation":
            return translate("Timeline", "Escalated to {to}").format(to=entry.summary)
        if entry.kind == "escalation_outcome":
            return translate("Timeline", "Outcome from {to}").format(to=entry.summary)
        if entry.kind == "followup" and entry.state == "done":
            return translate("Timeline", "Follow-up done: {title}").format(title=entry.summary)
        return translate("Timeline", "Follow-up: {title}").format(title=entry.summary)

    def meta(self, entry: TimelineEntry) -> str:
        """Channel and direction (interactions) and the local time."""
        local = fmt.local(entry.at)
        assert local is not None
        time = QLocale().toString(local.time(), QLocale.FormatType.ShortFormat)
        if entry.kind != "interaction":
            return time
        return translate("Timeline", "{channel}, {direction} · {time}").format(
            channel=fmt.channel(entry.channel), direction=fmt.direction(entry.direction).lower(),
            time=time)

    def text(self, entry: TimelineEntry, *, full: bool) -> str:
        """The entry in plain text (what a screen reader reads, and tests)."""
        lines = [" · ".join(v for v in (self.meta(entry), self.head(entry)) if v)]
        if entry.kind == "interaction":
            lines.append(entry.summary)
        if entry.detail and full:
            lines.append(entry.detail)
        elif entry.detail.strip():
            lines.append(_preview(entry.detail) + " …")
        return "\n".join(lines)


# -- drawing ----------------------------------------------------------------

MARGIN = 6
ICON = 20
SMALL_ICON = 16
GAP = 8
_WRAP = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop


def muted(palette: QPalette, selected: bool = False) -> QColor:
    """Secondary text: the text colour a third of the way towards the background, as
    readable as :func:`fmt.readable` makes it; on a selected row the highlighted text
    colour itself (the highlight leaves no room for a lighter shade)."""
    if selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    text = palette.color(QPalette.ColorRole.Text)
    base = palette.color(QPalette.ColorRole.Base)
    mixed = QColor.fromRgbF(text.redF() * 0.68 + base.redF() * 0.32,
                            text.greenF() * 0.68 + base.greenF() * 0.32,
                            text.blueF() * 0.68 + base.blueF() * 0.32)
    return fmt.readable(mixed, base) or mixed


@dataclass(frozen=True)
class _Layout:
    """Where each part of one row goes (relative to the row's top left)."""

    height: int
    head: QRect
    summary: QRect | None
    detail: QRect | None
    one_line_detail: bool


class TimelineDelegate(QStyledItemDelegate):
    """Draws timeline rows; sizes follow the view's width (text wraps)."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        base = QFont(option.font)
        bold = QFont(base)
        bold.setBold(True)
        small = QFont(base)
        small.setPointSizeF(max(6.0, base.pointSizeF() * 0.9))
        return base, bold, small

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> int:
        rect: QRect = option.rect
        widget = option.widget
        if rect.width() > 0:
            return int(rect.width())
        if isinstance(widget, QAbstractItemView):
            return int(widget.viewport().width())
        return 400

    def layout(self, option: QStyleOptionViewItem, index: Index) -> _Layout:
        base, bold, small = self._fonts(option)
        width = self._width(option)
        entry: TimelineEntry | None = index.data(ENTRY_ROLE)
        if entry is None:
            height = QFontMetrics(bold).height() + 2 * MARGIN + 4
            return _Layout(height, QRect(MARGIN, MARGIN, width - 2 * MARGIN, height),
                           None, None, False)
        expanded = bool(index.data(EXPANDED_ROLE))
        marker = entry.kind != "interaction"
        left = MARGIN + (SMALL_ICON if marker else ICON) + GAP
        text_width = max(40, width - left - MARGIN)
        head_font = small if marker else bold
        y = MARGIN if not marker else MARGIN // 2
        head = QRect(left, y, text_width, QFontMetrics(head_font).height())
        y = head.bottom() + 1
        summary = None
        if not marker:
            height = QFontMetrics(base).boundingRect(
                QRect(0, 0, text_width, 100000), _WRAP, entry.summary).height()
            summary = QRect(left, y + 2, text_width, height)
            y = summary.bottom() + 1
        detail = None
        one_line = False
        if entry.detail.strip():
            font = base if expanded else small
            if expanded:
                height = QFontMetrics(font).boundingRect(
                    QRect(0, 0, text_width, 100000), _WRAP, entry.detail).height()
            else:
                height, one_line = QFontMetrics(font).height(), True
            detail = QRect(left, y + 2, text_width, height)
            y = detail.bottom() + 1
        return _Layout(y + (MARGIN if not marker else MARGIN // 2), head, summary, detail,
                       one_line)

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: Index) -> QSize:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        return QSize(self._width(opt), self.layout(opt, index).height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        base, bold, small = self._fonts(opt)
        geometry = self.layout(opt, index)
        entry: TimelineEntry | None = index.data(ENTRY_ROLE)
        painter.save()
        painter.translate(rect.topLeft())
        if entry is None:
            self._paint_day(painter, palette, bold, str(index.data()), rect.width(), geometry)
            painter.restore()
            return
        painter.restore()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        text_opt = QStyleOptionViewItem(opt)
        text_opt.text = ""
        text_opt.icon = QIcon()
        style = opt.widget.style() if opt.widget else None
        if style is not None:  # background, selection and focus as the style draws them
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_opt, painter, opt.widget)
        painter.save()
        painter.translate(rect.topLeft())
        ink = palette.color(QPalette.ColorRole.HighlightedText if selected
                            else QPalette.ColorRole.Text)
        grey = muted(palette, selected)
        marker = entry.kind != "interaction"
        size = SMALL_ICON if marker else ICON
        mode = QIcon.Mode.Selected if selected else QIcon.Mode.Normal
        opt.icon.paint(painter, QRect(MARGIN, geometry.head.top() + (
            geometry.head.height() - size) // 2, size, size), Qt.AlignmentFlag.AlignCenter, mode)
        if not marker:
            arrow = icon(f"direction-{entry.direction}")
            arrow.paint(painter, QRect(MARGIN + ICON // 2, geometry.head.top() + ICON - 4,
                                       12, 12), Qt.AlignmentFlag.AlignCenter, mode)
        meta = str(index.data(META_ROLE) or "")
        head_font = small if marker else bold
        painter.setFont(small)
        meta_width = QFontMetrics(small).horizontalAdvance(meta) + 2
        head = geometry.head
        painter.setPen(grey)
        painter.drawText(QRect(head.right() - meta_width, head.top(), meta_width,
                               head.height()),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, meta)
        head_text = str(index.data(HEAD_ROLE) or "")
        painter.setFont(head_font)
        painter.setPen(grey if marker else ink)
        room = max(0, head.width() - meta_width - GAP)
        painter.drawText(QRect(head.left(), head.top(), room, head.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(head_font).elidedText(head_text,
                                                            Qt.TextElideMode.ElideRight, room))
        if geometry.summary is not None:
            painter.setFont(base)
            painter.setPen(ink)
            painter.drawText(geometry.summary, _WRAP, entry.summary)
        if geometry.detail is not None:
            if geometry.one_line_detail:
                painter.setFont(small)
                painter.setPen(grey)
                first = _preview(entry.detail, 400)
                painter.drawText(geometry.detail,
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                                 QFontMetrics(small).elidedText(
                                     "▸ " + first, Qt.TextElideMode.ElideRight,
                                     geometry.detail.width()))
            else:
                painter.setFont(base)
                painter.setPen(ink)
                painter.drawText(geometry.detail, _WRAP, entry.detail)
        painter.restore()

    @staticmethod
    def _paint_day(painter: QPainter, palette: QPalette, font: QFont, text: str, width: int,
                   geometry: _Layout) -> None:
        painter.setFont(font)
        metrics = QFontMetrics(font)
        label_width = metrics.horizontalAdvance(text) + 2 * GAP
        middle = geometry.height // 2
        painter.setPen(muted(palette))
        left = max(MARGIN, (width - label_width) // 2)
        painter.drawLine(MARGIN, middle, left, middle)
        painter.drawLine(left + label_width, middle, width - MARGIN, middle)
        painter.drawText(QRect(left, 0, label_width, geometry.height),
                         Qt.AlignmentFlag.AlignCenter, text)


class TimelineView(QListView):
    """The list: click, Enter or Space expands or collapses the current entry."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTimeline")
        self.setAccessibleName(self.tr("Timeline"))
        self.setUniformItemSizes(False)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setItemDelegate(TimelineDelegate(self))
        self.clicked.connect(self._toggle)

    def _toggle(self, index: QModelIndex) -> None:
        model = self.model()
        if isinstance(model, TimelineModel) and model.toggle(index):
            self.scheduleDelayedItemsLayout()
            self.scrollTo(index)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) \
                and self.currentIndex().isValid():
            self._toggle(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def moveCursor(self, action: QAbstractItemView.CursorAction,
                   modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Arrow keys step over day separators (they are read, not selected)."""
        index = super().moveCursor(action, modifiers)
        model = self.model()
        step = {QAbstractItemView.CursorAction.MoveUp: -1,
                QAbstractItemView.CursorAction.MovePrevious: -1,
                QAbstractItemView.CursorAction.MovePageUp: -1,
                QAbstractItemView.CursorAction.MoveHome: 1}.get(action, 1)
        while (index.isValid() and isinstance(model, TimelineModel)
               and model.entry(index) is None):
            row = index.row() + step
            if not 0 <= row < model.rowCount():
                return self.currentIndex()
            index = model.index(row)
        return index

    def resizeEvent(self, event: QEvent) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self.scheduleDelayedItemsLayout()  # wrapped text takes another height


CHANNEL_FILTER_ALL = QT_TRANSLATE_NOOP("TimelinePanel", "Everything")


class TimelinePanel(QWidget):
    """The timeline with its channel filter; an e-mail chosen in it is shown whole
    below (headers, text, attachments, *Reply by e-mail*)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelinePanel")
        self.model = TimelineModel(self)
        self.view = TimelineView(self)
        self.view.setModel(self.model)
        self.channel = QComboBox(self)
        self.channel.setObjectName("timelineChannel")
        self.channel.setAccessibleName(self.tr("Show in the timeline"))
        self.channel.addItem(self.tr(CHANNEL_FILTER_ALL), None)
        for value in CHANNELS:
            self.channel.addItem(icon(f"channel-{value}"), fmt.channel(value), value)
        self.channel.currentIndexChanged.connect(
            lambda _i: self.model.set_channel(self.channel.currentData()))
        self.empty = QLabel(self)
        self.empty.setObjectName("timelineEmpty")
        self.empty.setWordWrap(True)
        label = QLabel(self.tr("S&how:"), self)
        label.setBuddy(self.channel)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.channel)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.empty)
        self.message = MessageView(self)
        self.message.hide()
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.view)
        split.addWidget(self.message)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout.addWidget(split, 1)
        self.model.modelReset.connect(self._update_empty)
        self.model.rowsInserted.connect(self._update_empty)
        self.model.modelReset.connect(self._show_message)
        self.view.selectionModel().currentChanged.connect(
            lambda _now, _before: self._show_message())
        self._update_empty()

    def _show_message(self) -> None:
        """The e-mail behind the current entry, when it is one (else nothing below)."""
        entry = self.model.entry(self.view.currentIndex())
        is_mail = entry is not None and entry.kind == "interaction" \
            and entry.channel == "email" and self.model.store is not None
        if is_mail and entry is not None:
            self.message.show_mail(self.model.store, entry.record_id, by_interaction=True)
        else:
            self.message.show_mail(None, None)
        self.message.setVisible(self.message.mail is not None)

    def show_case(self, store: Store | None, case_id: str | None,
                  names: AuthorNames | None = None) -> None:
        self.model.show_case(store, case_id, names)

    def clear(self) -> None:
        self.model.show_case(None, None)

    def count(self) -> int:
        """Entries shown so far (day separators not counted)."""
        return self.model.entry_count

    def texts(self) -> list[str]:
        """Every row's text as a screen reader reads it."""
        return [str(self.model.index(row).data(Qt.ItemDataRole.AccessibleTextRole))
                for row in range(self.model.rowCount())]

    def _update_empty(self) -> None:
        nothing = self.model.case_id is not None and self.model.rowCount() == 0
        if self.model.channel is None:
            self.empty.setText(self.tr("Nothing logged yet. Use the log below (Ctrl+J)."))
        else:
            self.empty.setText(self.tr("Nothing on this channel yet."))
        self.empty.setVisible(nothing)
