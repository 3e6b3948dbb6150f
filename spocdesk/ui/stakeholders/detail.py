"""The stakeholder detail pane: contact points, organisation and people, cases with
roles, interactions across cases (paged), notes, tags, verification and cadence."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.followups import yearly
from spocdesk.core.metrics import feedback
from spocdesk.core.outcome import Outcome
from spocdesk.core.people import query as sq
from spocdesk.core.people import stakeholders
from spocdesk.core.people.stakeholders import StakeholderDetail
from spocdesk.core.store import Store, team
from spocdesk.ui import format as fmt
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.mail.links import open_url, tel_url
from spocdesk.ui.ops import run_op
from spocdesk.ui.share_dialog import ShareDialog
from spocdesk.ui.stakeholders.nps import NetPromoterLine, NpsDialog

INTERACTION_PAGE = 50
LINK_ROLE = Qt.ItemDataRole.UserRole + 7  # a contact point's tel: or mailto: URL
DIRECTION_LABELS = {"in": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "in"),
                    "out": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "out"),
                    "internal": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "internal")}
KIND_LABELS = {"phone": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "Phone"),
               "email": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "E-mail"),
               "address": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "Address"),
               "web": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "Web"),
               "other": QT_TRANSLATE_NOOP("StakeholderDetailPanel", "Other")}


def calendar_date(value: str) -> str:
    """``1979-04-15`` in the locale's long format (four-digit year), ``--04-15`` the
    same without the year; a value that is no date is shown as it is."""
    parts = value.removeprefix("--").split("-")
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return value
    month, day = int(parts[-2]), int(parts[-1])
    with_year = not value.startswith("--")
    date = QDate(int(parts[0]) if with_year else 2000, month, day)
    if not date.isValid():
        return value
    locale = QLocale()
    pattern = re.sub(r"\s*d{3,4}[,.]?\s*", " ", locale.dateFormat(QLocale.FormatType.LongFormat))
    if not with_year:
        pattern = re.sub(r"[,.]?\s*y+[年.]?\s*", " ", pattern)
    pattern = pattern.strip(" ,")
    return locale.toString(date, pattern or ("d MMMM yyyy" if with_year else "d MMMM"))


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _list(name: str, accessible: str, parent: QWidget) -> QListWidget:
    widget = QListWidget(parent)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setAlternatingRowColors(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideRight)
    widget.setUniformItemSizes(False)
    widget.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
    widget.setMaximumHeight(60)
    return widget


def _fit(widget: QListWidget, most: int) -> None:
    """Height for the rows it has, up to ``most`` rows (then it scrolls)."""
    line = widget.fontMetrics().height() + 4
    rows = min(max(1, widget.count()), most)
    height = sum(max(line, widget.sizeHintForRow(r)) for r in range(min(widget.count(), most)))
    bar = widget.horizontalScrollBar().sizeHint().height() \
        if widget.sizeHintForColumn(0) > widget.viewport().width() else 0
    widget.setFixedHeight(max(height, rows * line) + 2 * widget.frameWidth() + 4 + bar)


class _YearlyDates:
    """The birthday and anniversary lines of the card, each with a "Remind me every
    year" button that adds a yearly follow-up (disabled once there is one)."""

    def __init__(self, panel: StakeholderDetailPanel) -> None:
        self.panel = panel
        self.labels: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        self.rows: dict[str, QHBoxLayout] = {}
        names = {"birthday": QCoreApplication.translate(
                     "StakeholderDetailPanel", "Remind me of the birthday every year"),
                 "anniversary": QCoreApplication.translate(
                     "StakeholderDetailPanel", "Remind me of the anniversary every year")}
        for which in yearly.WHICH:
            label = QLabel(panel)
            label.setObjectName(f"stakeholder_{which}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            button = QPushButton(QCoreApplication.translate(
                "StakeholderDetailPanel", "Remind me every year"), panel)
            button.setObjectName(f"remind_{which}")
            button.setAccessibleName(names[which])
            button.clicked.connect(lambda _checked=False, w=which: self.remind(w))
            row = QHBoxLayout()
            row.addWidget(label)
            row.addWidget(button)
            row.addStretch(1)
            self.labels[which], self.buttons[which], self.rows[which] = label, button, row

    def show_dates(self, store: Store | None, info: StakeholderDetail | None) -> None:
        shown = {"birthday": QCoreApplication.translate("StakeholderDetailPanel",
                                                        "Birthday: {date}"),
                 "anniversary": QCoreApplication.translate("StakeholderDetailPanel",
                                                           "Anniversary: {date}")}
        for which in yearly.WHICH:
            value = getattr(info, which) if info is not None else ""
            label, button = self.labels[which], self.buttons[which]
            label.setText(shown[which].format(date=calendar_date(value)) if value else "")
            label.setVisible(bool(value))
            button.setVisible(bool(value))
            if not value or store is None or info is None:
                continue
            exists = yearly.has_reminder(store, info.id, which)
            button.setEnabled(not exists)
            button.setToolTip(
                QCoreApplication.translate("StakeholderDetailPanel",
                                           "A yearly reminder is already among the follow-ups")
                if exists else QCoreApplication.translate(
                    "StakeholderDetailPanel",
                    "Add a follow-up on this day every year, at the start of the working day"))

    def remind(self, which: str) -> None:
        panel = self.panel
        if panel.store is None or panel.current is None:
            return
        try:
            outcome = yearly.remind_yearly(panel.store, panel.current.id, which)
        except SpocError as exc:
            QMessageBox.warning(panel, QCoreApplication.translate(
                "StakeholderDetailPanel", "Not saved"), str(exc))
            return
        panel.bus.publish(outcome.changes)
        if panel.current is not None:  # the page may have shown the card again already
            self.show_dates(panel.store, panel.current)


class StakeholderDetailPanel(QWidget):
    """Shows one stakeholder; emits ``open_stakeholder`` when a person or organisation
    in it is activated, ``export_requested``/``erase_requested`` for the page."""

    open_stakeholder = Signal(str)
    export_requested = Signal(str)
    erase_requested = Signal(str)

    def __init__(self, bus: ChangeBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stakeholderDetail")
        self.setAccessibleName(self.tr("Stakeholder details"))
        self.bus = bus
        self.store: Store | None = None
        self.current: StakeholderDetail | None = None
        self._shown_interactions = 0

        self.name = QLabel(self)
        self.name.setObjectName("stakeholderName")
        self.name.setAccessibleName(self.tr("Name"))
        self.name.setWordWrap(True)
        self.name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.name.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.name.setFont(font)
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("stakeholderSubtitle")
        self.subtitle.setAccessibleName(self.tr("Role and organisation"))
        self.subtitle.setWordWrap(True)
        self.subtitle.setTextFormat(Qt.TextFormat.RichText)
        self.subtitle.linkActivated.connect(self.open_stakeholder.emit)

        self.personal = QLabel(self)
        self.personal.setObjectName("stakeholderPersonal")
        self.personal.setAccessibleName(self.tr("Nickname, birthday and anniversary"))
        self.personal.setWordWrap(True)
        self.personal.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.yearly = _YearlyDates(self)

        self.verified = QLabel(self)
        self.verified.setObjectName("stakeholderVerified")
        self.verified.setAccessibleName(self.tr("Details verified"))
        self.verified.setWordWrap(True)
        self.verify_button = QPushButton(self.tr("Details verified today"), self)
        self.verify_button.setObjectName("verifyToday")
        self.verify_button.setAccessibleName(self.tr("Details verified today"))
        self.verify_button.clicked.connect(self.verify_today)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.edit_button.setObjectName("editStakeholder")
        self.edit_button.setAccessibleName(self.tr("Edit this stakeholder"))
        self.edit_button.setToolTip(self.tr("Names, organisation, contact points, tags, "
                                            "cadence and notes (F2)"))
        self.edit_button.clicked.connect(self.edit_current)
        self.cadence = QSpinBox(self)
        self.cadence.setObjectName("cadenceDays")
        self.cadence.setAccessibleName(self.tr("Stay-in-touch cadence in days"))
        self.cadence.setRange(0, 3650)
        self.cadence.setSpecialValueText(self.tr("off"))
        self.cadence.setSuffix(self.tr(" days"))
        self.cadence.setKeyboardTracking(False)
        self.cadence.setToolTip(self.tr("Keep in touch every so many days; off stops it"))
        self.cadence.valueChanged.connect(lambda _v: self.apply_cadence())
        self.nps_line = NetPromoterLine(self)
        self.nps_line.record.connect(self.record_nps)

        self.points = _list("contactPoints", self.tr("Contact points"), self)
        self.points.itemActivated.connect(self.open_point)
        self.people_heading = _heading(self.tr("People"), self)
        self.people = _list("organisationPeople", self.tr("People of this organisation"), self)
        self.people.itemActivated.connect(
            lambda item: self.open_stakeholder.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.cases = _list("stakeholderCases", self.tr("Cases and roles"), self)
        self.interactions = _list("stakeholderInteractions", self.tr("Interactions"), self)
        self.more = QPushButton(self.tr("Show more"), self)
        self.more.setObjectName("moreInteractions")
        self.more.setAccessibleName(self.tr("Show more interactions"))
        self.more.clicked.connect(self.show_more_interactions)
        self.interaction_count = QLabel(self)
        self.interaction_count.setObjectName("interactionCount")
        self.notes = QLabel(self)
        self.notes.setObjectName("stakeholderNotes")
        self.notes.setAccessibleName(self.tr("Notes"))
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tags = QLabel(self)
        self.tags.setObjectName("stakeholderTags")
        self.tags.setAccessibleName(self.tr("Tags"))
        self.tags.setWordWrap(True)

        self.export_button = QPushButton(self.tr("Export everything about this person…"), self)
        self.export_button.setObjectName("exportPerson")
        self.export_button.setAccessibleName(self.tr("Export everything about this person"))
        self.export_button.clicked.connect(
            lambda: self.current and self.export_requested.emit(self.current.id))
        self.share_button = QPushButton(self.tr("Share with…"), self)  # a team server's
        self.share_button.setObjectName("shareStakeholder")
        self.share_button.setAccessibleName(self.tr("Share this stakeholder with a colleague"))
        self.share_button.clicked.connect(self.share)
        self.share_button.hide()
        self.erase_button = QPushButton(self.tr("Erase this person…"), self)
        self.erase_button.setObjectName("erasePerson")
        self.erase_button.setAccessibleName(self.tr("Erase this person"))
        self.erase_button.clicked.connect(
            lambda: self.current and self.erase_requested.emit(self.current.id))

        self.placeholder = QLabel(self.tr("Select a stakeholder to see their details."), self)
        self.placeholder.setObjectName("stakeholderDetailEmpty")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)  # the pane may be narrow (800×600, German)

        self.body = QWidget(self)
        form = QVBoxLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        name_row = QHBoxLayout()
        name_row.addWidget(self.name, 1)
        name_row.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addLayout(name_row)
        form.addWidget(self.subtitle)
        form.addWidget(self.personal)
        for date_row in self.yearly.rows.values():
            form.addLayout(date_row)
        form.addWidget(self.verified)
        form.addWidget(self.verify_button, 0, Qt.AlignmentFlag.AlignLeft)
        cadence_row = QFormLayout()  # the spin box goes under its label in a narrow pane
        cadence_row.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        cadence_row.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        cadence_row.addRow(self.tr("Stay in touch every"), self.cadence)
        form.addLayout(cadence_row)
        form.addWidget(self.nps_line)
        form.addWidget(_heading(self.tr("Contact points"), self))
        form.addWidget(self.points)
        form.addWidget(self.people_heading)
        form.addWidget(self.people)
        form.addWidget(_heading(self.tr("Cases"), self))
        form.addWidget(self.cases)
        interactions_row = QHBoxLayout()
        interactions_row.addWidget(_heading(self.tr("Interactions"), self))
        interactions_row.addWidget(self.interaction_count, 1)
        form.addLayout(interactions_row)
        form.addWidget(self.interactions)
        form.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(_heading(self.tr("Tags"), self))
        form.addWidget(self.tags)
        form.addWidget(_heading(self.tr("Notes"), self))
        form.addWidget(self.notes)
        form.addSpacing(8)
        form.addWidget(self.share_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addWidget(self.erase_button, 0, Qt.AlignmentFlag.AlignLeft)
        form.addStretch(1)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self.placeholder)
        outer.addWidget(self.body)
        self.body.hide()

    def set_store(self, store: Store | None) -> None:
        self.store = store
        self.share_button.setVisible(team.on_team_server(store))
        if store is None:
            self.show_stakeholder(None)

    def _link(self, item: QListWidgetItem, kind: str, value: str) -> None:
        """A phone number as a ``tel:`` link for the system's dialler, an address as a
        ``mailto:`` link: shown as links, opened with Enter or a double click."""
        url = tel_url(value) if kind == "phone" else (
            f"mailto:{value.strip()}" if kind == "email" and "@" in value else None)
        if url is None:
            return
        item.setData(LINK_ROLE, url)
        font = item.font()
        font.setUnderline(True)
        item.setFont(font)
        item.setForeground(self.palette().color(QPalette.ColorRole.Link))
        hint = self.tr("Call with your phone program (Enter or double-click)") \
            if kind == "phone" else self.tr("Write with your mail program (Enter or double-click)")
        item.setToolTip(f"{item.toolTip()}\n{hint}")

    def open_point(self, item: QListWidgetItem) -> None:
        url = item.data(LINK_ROLE)
        if url:
            open_url(str(url))

    def show_stakeholder(self, stakeholder_id: str | None) -> None:
        self.current = None
        for widget in (self.points, self.people, self.cases, self.interactions):
            widget.clear()
        # nothing of the previous person may stay behind (lock, erase, another choice)
        for shown in (self.name, self.subtitle, self.personal, self.verified, self.tags,
                      self.notes, self.interaction_count):
            shown.clear()
        self.yearly.show_dates(None, None)
        self.nps_line.show_for(None, None)
        if stakeholder_id is None or self.store is None:
            self.body.hide()
            self.placeholder.show()
            return
        try:
            info = stakeholders.details(self.store, stakeholder_id)
        except SpocError:
            self.body.hide()
            self.placeholder.show()
            return
        self.current = info
        self.placeholder.hide()
        self.body.show()
        is_org = info.kind == "organisation"
        self.name.setText(info.display_name)
        parts: list[str] = []
        if is_org:
            parts.append(html.escape(self.tr("Organisation")))
        if info.title:
            parts.append(html.escape(info.title))
        if info.organisation and info.organisation_id:
            parts.append(f'<a href="{html.escape(info.organisation_id)}">'
                         f"{html.escape(info.organisation)}</a>"
                         + "".join(f" › {html.escape(u)}" for u in info.org_units))
        elif info.org_units:
            parts.append(" › ".join(html.escape(u) for u in info.org_units))
        if info.preferred_channel:
            parts.append(html.escape(self.tr("prefers {c}").format(
                c=fmt.channel(info.preferred_channel))))
        self.subtitle.setText(" · ".join(parts))
        self.subtitle.setVisible(bool(parts))
        if info.nickname:
            self.personal.setText(self.tr("Nickname: {name}").format(name=info.nickname))
        self.personal.setVisible(bool(info.nickname))
        self.yearly.show_dates(self.store, info)
        self.nps_line.show_for(self.store, info.id)
        if info.verified_at is None:
            self.verified.setText(self.tr("Details never verified"))
        else:
            self.verified.setText(self.tr("Details verified {when}").format(
                when=fmt.when(info.verified_at, with_time=False)))
        self.cadence.blockSignals(True)
        self.cadence.setValue(info.cadence_days or 0)
        self.cadence.blockSignals(False)
        for point in info.contact_points:
            kind = self.tr(KIND_LABELS.get(point.kind, point.kind))
            label = f"{kind} ({point.label})" if point.label else kind
            star = " ★" if point.preferred else ""
            item = QListWidgetItem(f"{label}: {point.value}{star}")
            item.setToolTip(point.value)
            if point.preferred:
                item.setToolTip(self.tr("{value} (preferred {kind})").format(
                    value=point.value, kind=kind.lower()))
            self._link(item, point.kind, point.value)
            self.points.addItem(item)
        if not info.contact_points:
            self.points.addItem(self.tr("No contact points"))
        self.people_heading.setVisible(is_org)
        self.people.setVisible(is_org)
        for member_id, member_name in info.members:
            item = QListWidgetItem(member_name)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            self.people.addItem(item)
        if is_org and not info.members:
            self.people.addItem(self.tr("No people linked to this organisation"))
        for ref, title, role in info.cases:
            self.cases.addItem(f"{ref}  {title}  — {role}")
        if not info.cases:
            self.cases.addItem(self.tr("Not involved in any case"))
        self.tags.setText(", ".join(info.tags) if info.tags else self.tr("No tags"))
        self.notes.setText(info.notes or self.tr("No notes"))
        _fit(self.points, 6)
        _fit(self.people, 8)
        _fit(self.cases, 8)
        self.export_button.setVisible(not is_org)
        self.erase_button.setText(self.tr("Erase this organisation…") if is_org
                                  else self.tr("Erase this person…"))
        self._shown_interactions = 0
        total = sq.interaction_count(self.store, info.id)
        if info.last_contact_at is not None:
            self.interaction_count.setText(self.tr("{n} in all, the last {when}").format(
                n=fmt.number(total), when=fmt.when(info.last_contact_at)))
        else:
            self.interaction_count.setText(self.tr("{n} in all").format(n=fmt.number(total)))
        self._total_interactions = total
        self.show_more_interactions()

    def show_more_interactions(self) -> None:
        if self.store is None or self.current is None:
            return
        page = sq.interactions_with(self.store, self.current.id, limit=INTERACTION_PAGE,
                                    offset=self._shown_interactions)
        for entry in page:
            ref = f"{entry.case_ref} · " if entry.case_ref else ""
            channel = fmt.channel(entry.channel)
            direction = self.tr(DIRECTION_LABELS.get(entry.direction, entry.direction))
            item = QListWidgetItem(f"{fmt.when(entry.occurred_at)} · {ref}{channel} "
                                   f"{direction}\n{entry.summary}")
            item.setToolTip(entry.summary)
            self.interactions.addItem(item)
        self._shown_interactions += len(page)
        if not self._shown_interactions:
            self.interactions.addItem(self.tr("No interactions yet"))
        self.more.setVisible(self._shown_interactions < self._total_interactions)
        _fit(self.interactions, 12)

    def record_nps(self) -> None:
        """The stakeholder's Net Promoter answer (once a quarter)."""
        if self.store is None or self.current is None:
            return
        person, store = self.current, self.store
        answer = NpsDialog.ask(person.display_name, self)
        if answer is not None:
            run_op(self, self.bus, lambda: feedback.record_nps(
                store, person.id, answer.score, comment=answer.comment),
                self.tr("Net Promoter answer not recorded"))
            if self.current is not None and self.current.id == person.id:
                self.nps_line.show_for(self.store, person.id)

    def share(self) -> None:
        """*Share with…*: which colleagues see this person (a team server)."""
        if self.current is not None and self.store is not None:
            ShareDialog.ask(self.store, self.current.display_name,
                            stakeholder_id=self.current.id, parent=self)

    def edit_current(self) -> None:
        """Open the edit dialog for the shown stakeholder (F2 / Ctrl+E on the page)."""
        if self.store is None or self.current is None:
            return
        from spocdesk.ui.stakeholders.edit_dialog import StakeholderEditDialog

        changes = StakeholderEditDialog.ask(self.store, self.current, self)
        if changes:
            self.bus.publish(changes)

    def verify_today(self) -> None:
        if self.store is None or self.current is None:
            return
        try:
            outcome = sq.mark_verified(self.store, self.current.id)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.bus.publish(outcome.changes)

    def apply_cadence(self) -> None:
        if self.store is None or self.current is None:
            return
        if (self.cadence.value() or None) == self.current.cadence_days:
            return
        from spocdesk.core.followups import service as followups

        try:
            outcome = followups.set_cadence(self.store, self.current.id,
                                            self.cadence.value() or None)
        except SpocError as exc:
            QMessageBox.warning(self, self.tr("Not saved"), str(exc))
            return
        self.bus.publish(outcome.changes)


@dataclass
class NewStakeholderInput:
    name: str
    kind: str
    organisation: str
    title: str
    email: str
    phone: str


class NewStakeholderDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newStakeholderDialog")
        self.setWindowTitle(self.tr("New stakeholder"))
        self.kind = QComboBox(self)
        self.kind.setObjectName("kind")
        self.kind.setAccessibleName(self.tr("Kind"))
        self.kind.addItem(self.tr("Person"), "person")
        self.kind.addItem(self.tr("Organisation"), "organisation")
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(self.tr("Kind"), self.kind)
        for key, label in (("name", self.tr("Name")), ("organisation", self.tr("Organisation")),
                           ("title", self.tr("Role / title")), ("email", self.tr("E-mail")),
                           ("phone", self.tr("Phone"))):
            edit = QLineEdit(self)
            edit.setObjectName(key)
            edit.setAccessibleName(label)
            self.fields[key] = edit
            form.addRow(label, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Add"))
        ok.setObjectName("okButton")
        ok.setEnabled(False)
        self.fields["name"].textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def value(self) -> NewStakeholderInput:
        f = {k: e.text().strip() for k, e in self.fields.items()}
        return NewStakeholderInput(name=f["name"], kind=self.kind.currentData(),
                                   organisation=f["organisation"], title=f["title"],
                                   email=f["email"], phone=f["phone"])

    @classmethod
    def ask(cls, parent: QWidget | None = None, name: str = "") -> NewStakeholderInput | None:
        """The new stakeholder's details (``name`` filled in), or None when cancelled."""
        dialog = cls(parent)
        dialog.fields["name"].setText(name)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.value()

    @classmethod
    def add_new(cls, store: Store, parent: QWidget | None = None,
               name: str = "") -> tuple[Outcome[str], str] | None:
        """Ask, then add the stakeholder: its outcome (the value is its id) and name; None
        when cancelled or refused (the reason is shown)."""
        answer = cls.ask(parent, name=name) if name else cls.ask(parent)
        if answer is None:
            return None
        points = [stakeholders.NewContactPoint(kind, value, "work", True)
                  for kind, value in (("email", answer.email), ("phone", answer.phone))
                  if value]
        try:
            outcome = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
                display_name=answer.name, kind=answer.kind, organisation=answer.organisation,
                title=answer.title, contact_points=points))
        except SpocError as exc:
            QMessageBox.warning(parent, QCoreApplication.translate(
                "NewStakeholderDialog", "Stakeholder not added"), str(exc))
            return None
        return outcome, answer.name
