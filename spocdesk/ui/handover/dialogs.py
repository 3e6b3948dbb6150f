"""The handover page's dialogs: plan an absence, add cases, the pack's passphrase,
file choosers, and the merge review with its conflicts side by side.

Each has an ``ask()`` class method (or two), the one place tests replace."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.handover import passphrases
from spocdesk.core.handover.absence import AbsencePlan
from spocdesk.core.handover.merge import DEPUTY, OWNER, MergePlan
from spocdesk.core.model import Case
from spocdesk.core.store import Store, passphrase
from spocdesk.ui import format as fmt
from spocdesk.ui.date_field import DateField
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.share_dialog import RoleField

PACK_FILTER = QT_TRANSLATE_NOOP("FileChooser", "spocdesk handover pack (*.spocpack);;All files (*)")
PDF_FILTER = QT_TRANSLATE_NOOP("FileChooser", "PDF document (*.pdf)")


def file_filter(text: str) -> str:
    """A file dialog filter marked with ``QT_TRANSLATE_NOOP("FileChooser", …)``, translated."""
    return QCoreApplication.translate("FileChooser", text)


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("okButton")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


# -- files --------------------------------------------------------------------


class FileChooser:
    """The file dialogs of the handover page (tests replace these)."""

    @classmethod
    def ask_save(cls, parent: QWidget | None, title: str, default: Path,
                 filters: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(parent, title, str(default),
                                                file_filter(filters))
        return Path(chosen) if chosen else None

    @classmethod
    def ask_open(cls, parent: QWidget | None, title: str, filters: str) -> Path | None:
        chosen, _ = QFileDialog.getOpenFileName(parent, title, str(Path.home()),
                                                file_filter(filters))
        return Path(chosen) if chosen else None


# -- planning -----------------------------------------------------------------


class AbsenceDialog(QDialog):
    """Plan a new absence: from, to, who covers, a note for them."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None,
                 members: list[str] | None = None) -> None:
        """``members``: the team's other roles on a team server (the deputy's role is
        asked for there); None on a store file."""
        super().__init__(parent)
        self.setObjectName("absenceDialog")
        self.setWindowTitle(self.tr("Plan an absence"))
        start = (today or date.today()) + timedelta(days=7)
        self.starts_on = DateField(qdate(start), self)
        self.ends_on = DateField(qdate(start + timedelta(days=13)), self)
        for edit, name, label in ((self.starts_on, "absenceFrom", self.tr("First day away")),
                                  (self.ends_on, "absenceTo", self.tr("Last day away"))):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(fmt.date_format())
        self.deputy_name = QLineEdit(self)
        self.deputy_name.setObjectName("deputyName")
        self.deputy_name.setAccessibleName(self.tr("Deputy's name"))
        self.deputy_name.setPlaceholderText(self.tr("Who covers for you?"))
        self.deputy_contact = QLineEdit(self)
        self.deputy_contact.setObjectName("deputyContact")
        self.deputy_contact.setAccessibleName(self.tr("How to reach the deputy"))
        self.deputy_contact.setPlaceholderText(self.tr("Phone or e-mail"))
        self.deputy_role = RoleField.for_deputy(members or [], self)
        self.deputy_role.setObjectName("deputyRole")
        self.deputy_role.currentTextChanged.connect(lambda _t: self._check())
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("absenceNote")
        self.note.setAccessibleName(self.tr("General note for the deputy"))
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.error = QLabel(self)
        self.error.setObjectName("absenceError")
        self.error.setStyleSheet(fmt.colour_css(fmt.OVERDUE_COLOUR,
                                                self.palette().window().color()))
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&From:"), self.starts_on)
        form.addRow(self.tr("&To:"), self.ends_on)
        form.addRow(self.tr("&Deputy:"), self.deputy_name)
        form.addRow(self.tr("&Contact:"), self.deputy_contact)
        if members is not None:  # a team server: the deputy may work the cases live
            form.addRow(self.tr("Deputy's &role:"), self.deputy_role)
        else:
            self.deputy_role.hide()
        form.addRow(self.tr("&Note:"), self.note)
        hint = QLabel(self.tr("Every case that is not closed is handed over; you can add or "
                              "drop cases afterwards."), self)
        hint.setWordWrap(True)
        self.buttons = _buttons(self, self.tr("Plan absence"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.starts_on.dateChanged.connect(self._check)
        self.ends_on.dateChanged.connect(self._check)
        self._check()
        self.resize(460, 360)

    def _check(self) -> None:
        problem = (self.tr("The last day is before the first day.")
                   if self.ends_on.date() < self.starts_on.date()
                   else self.deputy_role.problem() if self.deputy_role.isVisibleTo(self)
                   else "")
        self.error.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def value(self) -> AbsencePlan:
        return AbsencePlan(starts_on=pydate(self.starts_on.date()),
                           ends_on=pydate(self.ends_on.date()),
                           deputy_name=self.deputy_name.text().strip(),
                           deputy_contact=self.deputy_contact.text().strip(),
                           note=self.note.toPlainText(),
                           deputy_role=(self.deputy_role.role()
                                        if self.deputy_role.isVisibleTo(self) else None))

    @classmethod
    def ask(cls, parent: QWidget | None = None,
            members: list[str] | None = None) -> AbsencePlan | None:
        dialog = cls(parent, members=members)
        return dialog.value() if dialog.exec() == QDialog.DialogCode.Accepted else None


@dataclass(frozen=True)
class CaseChoice:
    case_id: str
    ref: str
    title: str
    status: str


def cases_outside(store: Store, handed_over: list[str], limit: int = 2000) -> list[CaseChoice]:
    """Cases not yet handed over (closed ones too), newest reference first."""
    with store.connection() as conn:
        query = (sa.select(Case.id, Case.ref, Case.title, Case.status)
                 .where(Case.deleted_at.is_(None)).order_by(Case.ref_number.desc())
                 .limit(limit + len(handed_over)))
        taken = set(handed_over)
        return [CaseChoice(r.id, r.ref, r.title, r.status) for r in conn.execute(query)
                if r.id not in taken][:limit]


class AddCasesDialog(QDialog):
    """Tick cases to add to the handover; type to filter."""

    def __init__(self, store: Store, handed_over: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("addCasesDialog")
        self.setWindowTitle(self.tr("Add cases to the handover"))
        self.filter = QLineEdit(self)
        self.filter.setObjectName("addCasesFilter")
        self.filter.setAccessibleName(self.tr("Filter cases"))
        self.filter.setPlaceholderText(self.tr("Type part of a reference or title…"))
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget(self)
        self.list.setObjectName("addCasesList")
        self.list.setAccessibleName(self.tr("Cases not handed over"))
        for choice in cases_outside(store, handed_over):
            item = QListWidgetItem(f"{choice.ref}  {choice.title}  ({fmt.status(choice.status)})")
            item.setData(Qt.ItemDataRole.UserRole, choice.case_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        if not self.list.count():
            self.list.addItem(self.tr("Every case is handed over already."))
        self.filter.textChanged.connect(self._apply_filter)
        self.tick_all = QPushButton(self.tr("Tick all shown"), self)
        self.tick_all.setObjectName("tickAllShown")
        self.tick_all.clicked.connect(self.tick_shown)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.tick_all, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(_buttons(self, self.tr("Add")))
        self.resize(480, 440)

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def tick_shown(self) -> None:
        """Tick every case the filter shows: add many at once."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if not item.isHidden() and item.data(Qt.ItemDataRole.UserRole):
                item.setCheckState(Qt.CheckState.Checked)

    def chosen(self) -> list[str]:
        out = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole):
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    @classmethod
    def ask(cls, store: Store, handed_over: list[str],
            parent: QWidget | None = None) -> list[str]:
        dialog = cls(store, handed_over, parent)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else []


class ReviewBeforeExportDialog(QDialog):
    """Before the pack leaves: the cases without a reviewed note, a contingency or an
    action, with *Review* (back to the first of them) and *Export anyway*."""

    REVIEW, EXPORT = "review", "export"

    def __init__(self, lines: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewBeforeExport")
        self.setWindowTitle(self.tr("Before the pack leaves"))
        self.choice = ""
        intro = QLabel(self.tr("These handed-over cases are not ready. Your deputy will see "
                               "drafts marked “not reviewed”."), self)
        intro.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("unreadyCases")
        self.list.setAccessibleName(self.tr("Cases not ready"))
        for case_id, text in lines:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, case_id)
            self.list.addItem(item)
        buttons = QDialogButtonBox(self)
        review = buttons.addButton(self.tr("Review"), QDialogButtonBox.ButtonRole.RejectRole)
        review.setObjectName("reviewCases")
        anyway = buttons.addButton(self.tr("Export anyway"),
                                   QDialogButtonBox.ButtonRole.AcceptRole)
        anyway.setObjectName("exportAnyway")
        review.clicked.connect(lambda: self._done(self.REVIEW))
        anyway.clicked.connect(lambda: self._done(self.EXPORT))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def _done(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice == self.EXPORT else self.reject()

    @classmethod
    def ask(cls, lines: list[tuple[str, str]], parent: QWidget | None = None) -> str:
        """``"export"`` or ``"review"`` (also when the dialog is closed)."""
        dialog = cls(lines, parent)
        dialog.exec()
        return dialog.choice or cls.REVIEW


# -- the pack's passphrase ---------------------------------------------------------


class PackPassphraseDialog(QDialog):
    """The pack's own passphrase: twice, with a strength hint, for a new pack; once to
    open or merge one."""

    def __init__(self, new: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new = new
        self.setObjectName("packPassphraseDialog")
        self.setWindowTitle(self.tr("Passphrase for the handover pack"))
        intro = QLabel(self.tr(
            "The pack gets its own passphrase, not your store's. Tell it to your deputy "
            "another way than the file itself — by phone or in person.") if new else
            self.tr("Enter the passphrase the handover pack was made with."), self)
        intro.setWordWrap(True)
        self.first = QLineEdit(self)
        self.first.setObjectName("packPassphrase")
        self.first.setAccessibleName(self.tr("Pack passphrase"))
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.second = QLineEdit(self)
        self.second.setObjectName("packPassphraseRepeat")
        self.second.setAccessibleName(self.tr("Repeat the pack passphrase"))
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar(self)
        self.meter.setObjectName("packPassphraseStrength")
        self.meter.setAccessibleName(self.tr("Passphrase strength"))
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.hint = QLabel(self)
        self.hint.setObjectName("packPassphraseHint")
        self.hint.setWordWrap(True)
        self.generate_button = QPushButton(self.tr("&Generate one"), self)
        self.generate_button.setObjectName("generatePackPassphrase")
        self.generate_button.setAccessibleName(self.tr("Generate a pack passphrase"))
        self.generate_button.clicked.connect(self.generate)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.first)
        if new:
            form.addRow(self.tr("&Repeat:"), self.second)
            form.addRow("", self.meter)
            form.addRow("", self.hint)
            form.addRow("", self.generate_button)
        else:
            self.generate_button.hide()
            self.second.hide()
            self.meter.hide()
            self.hint.hide()
        self.buttons = _buttons(self, self.tr("Continue"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()
        self.setMinimumWidth(440)

    def problem(self) -> str:
        """One sentence saying why the passphrase cannot be used yet, or ""."""
        if not self.first.text():
            return self.tr("Enter a passphrase.")
        if not self.new:
            return ""
        try:
            passphrase.check_new(self.first.text(), self.second.text())
            passphrases.check_strength(self.first.text())
        except SpocError as exc:
            return str(exc)
        return ""

    def generate(self) -> None:
        """Fill in six random words, shown in clear so the owner can pass them on."""
        secret = passphrases.generate()
        for edit in (self.first, self.second):
            edit.setEchoMode(QLineEdit.EchoMode.Normal)
            edit.setText(secret)
        self.first.selectAll()
        self.first.setFocus()

    def _update(self) -> None:
        if self.new:
            score, hint = passphrase.strength(self.first.text())
            self.meter.setValue(score)
            trouble = self.problem()
            if not self.first.text():
                hint = ""
            elif 0 < score < passphrases.STRONG:
                hint = self.tr("A handover pack travels, so its passphrase must be strong: "
                               "four words or more. Use Generate one.")
            elif score and self.second.text() and trouble:
                hint = trouble
            self.hint.setText(hint)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not self.problem())

    @classmethod
    def ask(cls, new: bool, parent: QWidget | None = None) -> str | None:
        dialog = cls(new, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.problem():
            return None
        return dialog.first.text()


# -- the merge review ----------------------------------------------------------


def show_value(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


class MergeDialog(QDialog):
    """The "while you were away" summary, then each conflict field by field with a
    choice between the owner's and the deputy's value (the owner's by default)."""

    def __init__(self, plan: MergePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeDialog")
        self.setWindowTitle(self.tr("Merge the returned handover pack"))
        self.plan = plan
        self.groups: dict[str, QButtonGroup] = {}  # field key → owner(0)/deputy(1)
        summary = plan.summary
        heading = QLabel(self.tr("While you were away"), self)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        heading.setFont(font)
        self.summary_text = QPlainTextEdit(self)
        self.summary_text.setObjectName("mergeSummary")
        self.summary_text.setAccessibleName(self.tr("While you were away"))
        self.summary_text.setReadOnly(True)
        lines = summary.lines() or [self.tr("The deputy changed nothing in the handed-over "
                                            "cases.")]
        self.summary_text.setPlainText("\n".join(lines))

        conflicts_box = QWidget(self)
        conflicts_layout = QVBoxLayout(conflicts_box)
        conflicts_layout.setContentsMargins(0, 0, 0, 0)
        for conflict in summary.conflicts:
            group = QGroupBox(conflict.label, conflicts_box)
            group.setObjectName("conflict")
            group.setAccessibleName(conflict.label)
            grid = QGridLayout(group)
            grid.addWidget(self._bold(self.tr("Field")), 0, 0)
            grid.addWidget(self._bold(self.tr("Yours")), 0, 1)
            grid.addWidget(self._bold(self.tr("Deputy's")), 0, 2)
            for row, item in enumerate(conflict.fields, start=1):
                name = QLabel(item.field.replace("_", " "), group)
                name.setAlignment(Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(name, row, 0)
                buttons = QButtonGroup(group)
                for column, (side, value) in enumerate(((OWNER, item.owner),
                                                        (DEPUTY, item.deputy)), start=1):
                    choice = QRadioButton(_shorten(show_value(value)), group)
                    choice.setObjectName(f"{side}:{conflict.field_key(item.field)}")
                    choice.setAccessibleName(
                        (self.tr("Your value of {field}") if side == OWNER
                         else self.tr("The deputy's value of {field}")).format(field=item.field))
                    choice.setToolTip(show_value(value))
                    buttons.addButton(choice, column - 1)
                    grid.addWidget(choice, row, column)
                buttons.button(0).setChecked(True)
                self.groups[conflict.field_key(item.field)] = buttons
            grid.setColumnStretch(1, 1)
            grid.setColumnStretch(2, 1)
            conflicts_layout.addWidget(group)
        conflicts_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setObjectName("mergeConflicts")
        scroll.setWidget(conflicts_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary_text, 1)
        if summary.conflicts:
            count = QLabel(self.tr(
                "%n records were changed both by you and by the deputy. Choose, field by "
                "field, which value to keep; unchanged choices keep yours.", "",
                len(summary.conflicts)), self)
            count.setWordWrap(True)
            count.setObjectName("conflictCount")
            all_theirs = QPushButton(self.tr("Take all of the deputy's values"), self)
            all_theirs.setObjectName("takeAllDeputy")
            all_theirs.clicked.connect(lambda: self.choose_all(DEPUTY))
            layout.addWidget(count)
            layout.addWidget(all_theirs, 0, Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(scroll, 2)
        layout.addWidget(_buttons(self, self.tr("Merge")))
        self.resize(760, 620 if summary.conflicts else 420)

    def _bold(self, text: str) -> QLabel:
        label = QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def choose_all(self, side: str) -> None:
        for group in self.groups.values():
            group.button(0 if side == OWNER else 1).setChecked(True)

    def choices(self) -> dict[str, str]:
        return {key: OWNER if group.checkedId() == 0 else DEPUTY
                for key, group in self.groups.items()}

    @classmethod
    def ask(cls, plan: MergePlan, parent: QWidget | None = None) -> dict[str, str] | None:
        """The choices per conflicting field, or ``None`` when the owner cancels."""
        dialog = cls(plan, parent)
        return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None


def _shorten(text: str, limit: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
