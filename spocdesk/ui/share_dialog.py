"""*Share with…* on a team server (issue 22): let a colleague see and work one case or
stakeholder, and take the share back. The same as ``spocdesk server share``; who then
sees what is the server's row security (:mod:`spocdesk.core.store.policies`).

:class:`RoleField` is the colleague's role as typed or chosen from the team's members,
also used for the deputy of an absence. Neither is shown on a store file, which has one
user.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import InvalidInput, SpocError
from spocdesk.core.store import Store, team
from spocdesk.core.store.policies import NOT_A_MEMBER, NOT_YOURS, share
from spocdesk.ui import format as fmt


class RoleField(QComboBox):
    """A colleague's login role: typed, or chosen from the team (``members``)."""

    def __init__(self, members: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.members = list(members)
        self.addItems(self.members)
        self.setCurrentIndex(-1)
        self.setMinimumContentsLength(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        edit = self.lineEdit()
        assert edit is not None  # editable
        self.edit = edit

    @classmethod
    def for_deputy(cls, members: list[str], parent: QWidget | None = None) -> RoleField:
        """The deputy's role of an absence (the dialog that plans it, the planner)."""
        field = cls(members, parent)
        field.setAccessibleName(field.tr("Deputy's role on the team server"))
        field.edit.setPlaceholderText(field.tr("none: the deputy gets a pack"))
        field.setToolTip(field.tr(
            "The deputy logs in with this role and works the handed-over cases on the "
            "server, from the first to the last day away"))
        return field

    def role(self) -> str:
        return self.currentText().strip()

    def problem(self) -> str:
        """Why the typed role cannot be used ("" when it can, or when it is empty)."""
        role = self.role()
        if role and role not in self.members:
            return str(InvalidInput(NOT_A_MEMBER, name=role))
        return ""


class ShareDialog(QDialog):
    """With whom one case (``case_id``) or stakeholder is shared; *Share* and *Take back*
    act at once (each is one statement on the server)."""

    def __init__(self, store: Store, what: str, *, case_id: str | None = None,
                 stakeholder_id: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shareDialog")
        self.setWindowTitle(self.tr("Share with a colleague"))
        self.store = store
        self.case_id, self.stakeholder_id = case_id, stakeholder_id
        self.allowed = team.may_share(store, case_id=case_id, stakeholder_id=stakeholder_id)
        self.me = team.me(store)
        heading = QLabel(what, self)
        heading.setObjectName("shareWhat")
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        intro = QLabel(self.tr(
            "A colleague you share it with sees it and works on it, with its people, log and "
            "follow-ups, until you take the share back. Their own records stay theirs."), self)
        intro.setWordWrap(True)

        self.role = RoleField([m for m in team.members(store) if m != self.me], self)
        self.role.setObjectName("shareRole")
        self.role.setAccessibleName(self.tr("Colleague's role"))
        self.role.edit.setPlaceholderText(self.tr("their role (user name)"))
        self.role.currentTextChanged.connect(lambda _t: self._update())
        role_label = QLabel(self.tr("&Colleague:"), self)
        role_label.setBuddy(self.role)
        self.share_button = QPushButton(self.tr("&Share"), self)
        self.share_button.setObjectName("shareAdd")
        self.share_button.setAccessibleName(self.tr("Share with this colleague"))
        self.share_button.setDefault(True)  # Enter shares with the colleague typed
        self.share_button.clicked.connect(self.share_now)

        self.shared = QListWidget(self)
        self.shared.setObjectName("shareList")
        self.shared.setAccessibleName(self.tr("Shared with"))
        self.shared.currentRowChanged.connect(lambda _row: self._update())
        self.take_back_button = QPushButton(self.tr("&Take back"), self)
        self.take_back_button.setObjectName("shareTakeBack")
        self.take_back_button.setAccessibleName(self.tr("Take the chosen share back"))
        self.take_back_button.setAutoDefault(False)
        self.take_back_button.clicked.connect(self.take_back)
        shared_label = QLabel(self.tr("Shared &with:"), self)
        shared_label.setBuddy(self.shared)

        self.state = QLabel(self)
        self.state.setObjectName("shareState")
        self.state.setWordWrap(True)
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setAccessibleName(self.tr("Sharing state"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setObjectName("shareClose")
        close.setAccessibleName(self.tr("Close"))
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        add_row = QHBoxLayout()
        add_row.addWidget(role_label)
        add_row.addWidget(self.role, 1)
        add_row.addWidget(self.share_button)
        list_row = QHBoxLayout()
        list_row.addWidget(self.shared, 1)
        list_row.addWidget(self.take_back_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(add_row)
        layout.addWidget(shared_label)
        layout.addLayout(list_row)
        layout.addWidget(self.state)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)
        self.reload()
        if not self.allowed:
            self._say(str(InvalidInput(NOT_YOURS)))
        self.role.setFocus()

    # -- showing ----------------------------------------------------------

    def reload(self) -> None:
        self.shared.clear()
        try:
            found = team.shares(self.store, case_id=self.case_id,
                                stakeholder_id=self.stakeholder_id)
        except SpocError as exc:
            self._say(str(exc), problem=True)
            found = []
        for item in found:
            text = self.tr("{role}, shared by {who} on {when}").format(
                role=item.grantee, who=item.granted_by,
                when=fmt.when(item.granted_at))
            row = QListWidgetItem(text, self.shared)
            row.setData(Qt.ItemDataRole.UserRole, item.grantee)
        if not found:
            placeholder = QListWidgetItem(self.tr("Nobody yet"), self.shared)
            placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        else:
            self.shared.setCurrentRow(0)
        self._update()

    def grantees(self) -> list[str]:
        return [str(self.shared.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.shared.count())
                if self.shared.item(i).data(Qt.ItemDataRole.UserRole)]

    def _update(self) -> None:
        self.role.setEnabled(self.allowed)
        self.share_button.setEnabled(self.allowed and bool(self.role.role())
                                     and not self.role.problem())
        current = self.shared.currentItem()
        self.take_back_button.setEnabled(
            self.allowed and current is not None
            and bool(current.data(Qt.ItemDataRole.UserRole)))
        problem = self.role.problem()
        if problem:
            self._say(problem, problem=True)
        elif self.state.property("problem"):
            self._say("")

    def _say(self, text: str, *, problem: bool = False) -> None:
        self.state.setText(text)
        self.state.setProperty("problem", problem)
        self.state.setStyleSheet(fmt.colour_css(fmt.RED) if problem else "")

    # -- acting -----------------------------------------------------------

    def share_now(self) -> None:
        role = self.role.role()
        if not self.share_button.isEnabled() or not role:
            return
        try:
            changed = share(self.store, role, case_id=self.case_id,
                            stakeholder_id=self.stakeholder_id)
        except SpocError as exc:
            self._say(str(exc), problem=True)
            return
        self.role.setCurrentIndex(-1)
        self.role.clearEditText()
        self.reload()
        self._say(self.tr("Shared with {role}.").format(role=role) if changed
                  else self.tr("It was shared with {role} already.").format(role=role))

    def take_back(self) -> None:
        current = self.shared.currentItem()
        role = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        if not role or not self.allowed:
            return
        try:
            share(self.store, str(role), case_id=self.case_id,
                  stakeholder_id=self.stakeholder_id, remove=True)
        except SpocError as exc:
            self._say(str(exc), problem=True)
            return
        self.reload()
        self._say(self.tr("{role} no longer sees it.").format(role=role))
        self.shared.setFocus()

    @classmethod
    def ask(cls, store: Store, what: str, *, case_id: str | None = None,
            stakeholder_id: str | None = None, parent: QWidget | None = None) -> None:
        """Show the dialog until closed (tests replace this)."""
        dialog = cls(store, what, case_id=case_id, stakeholder_id=stakeholder_id,
                     parent=parent)
        dialog.exec()
        dialog.deleteLater()
