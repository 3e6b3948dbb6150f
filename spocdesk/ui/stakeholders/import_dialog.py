"""Import contacts: choose a file → (for an unknown CSV) map its columns → preview
(new / look like existing / invalid, a choice per duplicate) → apply in one unit of
work with a progress dialog whose cancel leaves the store as it was.

Every dialog has an ``ask()`` class method, the one place tests replace."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import SpocError
from spocdesk.core.formats import ParseResult, contacts_csv
from spocdesk.core.services import Outcome, contacts_import
from spocdesk.core.services import stakeholder_query as sq
from spocdesk.core.services.contacts_import import ImportCancelled, ImportPreview, ImportResult
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP

CHOICES = (("merge", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Merge into existing")),
           ("skip", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Skip")),
           ("add", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Add as new")))
REASONS = {"same id": QT_TRANSLATE_NOOP("ImportPreviewDialog", "same id"),
           "same e-mail": QT_TRANSLATE_NOOP("ImportPreviewDialog", "same e-mail"),
           "same phone": QT_TRANSLATE_NOOP("ImportPreviewDialog", "same phone"),
           "close name": QT_TRANSLATE_NOOP("ImportPreviewDialog", "close name")}
# the labels of contacts_csv.FIELDS (core has no Qt), as ColumnMappingDialog shows them
FIELD_LABELS = (
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Full name"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "First name"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Last name"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Organisation"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Title / role"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "E-mail"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Second e-mail"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Phone"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Mobile phone"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Second phone"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Address"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Web site"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Notes"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Tags"),
)


translate = QCoreApplication.translate


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                           | QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setObjectName("okButton")
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class ImportFileDialog:
    @classmethod
    def ask(cls, parent: QWidget | None) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, translate("ImportContacts", "Import contacts"), "",
            translate("ImportContacts", "Contacts (*.vcf *.vcard *.csv);;vCard (*.vcf *.vcard);;"
                      "CSV (*.csv);;All files (*)"))
        return Path(name) if name else None


class ColumnMappingDialog(QDialog):
    """Which column of an unknown CSV holds what; starts from inspect_csv's guess."""

    def __init__(self, info: contacts_csv.CsvInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("columnMappingDialog")
        self.setWindowTitle(self.tr("Which column holds what?"))
        intro = QLabel(self.tr("spocdesk does not know this CSV layout. Choose the column "
                               "for each field; at least one name column is needed."), self)
        intro.setWordWrap(True)
        form = QFormLayout()
        self.boxes: dict[str, QComboBox] = {}
        for target, (label, _spellings) in contacts_csv.FIELDS.items():
            box = QComboBox(self)
            box.setObjectName(f"map_{target}")
            box.setAccessibleName(self.tr(label))
            box.addItem(self.tr("(not used)"), None)
            for header in info.headers:
                if header:
                    box.addItem(header, header)
            box.setCurrentIndex(max(0, box.findData(info.mapping.get(target))))
            self.boxes[target] = box
            form.addRow(self.tr(label), box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(_buttons(self, self.tr("Continue")))

    def mapping(self) -> dict[str, str]:
        return {target: box.currentData() for target, box in self.boxes.items()
                if box.currentData()}

    @classmethod
    def ask(cls, info: contacts_csv.CsvInfo, parent: QWidget | None = None
            ) -> dict[str, str] | None:
        dialog = cls(info, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.mapping()


@dataclass
class PreviewAnswer:
    decisions: dict[int, str]


class ImportPreviewDialog(QDialog):
    """Counts, the invalid entries with their line or card, and a choice per duplicate."""

    def __init__(self, store: Store, preview: ImportPreview, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(self.tr("Import {file}").format(file=file_name))
        self.resize(720, 520)
        self.preview = preview
        counts = QLabel(self.tr(
            "<b>{total}</b> contacts in the file: <b>{new}</b> new, <b>{dup}</b> look like "
            "someone already in spocdesk, <b>{bad}</b> cannot be imported.").format(
                total=preview.total, new=preview.new, dup=preview.duplicates,
                bad=preview.invalid), self)
        counts.setObjectName("importCounts")
        counts.setAccessibleName(self.tr("Import counts"))
        counts.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(counts)

        self.table = QTableWidget(len(preview.groups), 4, self)
        self.table.setObjectName("duplicateGroups")
        self.table.setAccessibleName(self.tr("Contacts that look like existing stakeholders"))
        self.table.setHorizontalHeaderLabels([self.tr("In the file"), self.tr("Looks like"),
                                              self.tr("Because"), self.tr("Do")])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.ResizeToContents)
        existing = sq.stakeholder_rows(store, sorted({i for g in preview.groups
                                                      for i in g.existing_ids}))
        self.choices: dict[int, QComboBox] = {}
        for row, group in enumerate(preview.groups):
            names = ", ".join(existing[i].display_name for i in group.existing_ids
                              if i in existing)
            cells = (f"{group.name} ({group.where})", names,
                     ", ".join(self.tr(REASONS.get(r, r)) for r in group.reasons))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            box = QComboBox(self.table)
            box.setObjectName(f"choice_{group.index}")
            box.setAccessibleName(self.tr("What to do with {name}").format(name=group.name))
            for value, label in CHOICES:
                box.addItem(self.tr(label), value)
            self.table.setCellWidget(row, 3, box)
            self.choices[group.index] = box
        if preview.groups:
            all_row = QFormLayout()
            self.all_box = QComboBox(self)
            self.all_box.setObjectName("choiceForAll")
            self.all_box.setAccessibleName(self.tr("Set every duplicate to"))
            self.all_box.addItem(self.tr("—"), None)
            for value, label in CHOICES:
                self.all_box.addItem(self.tr(label), value)
            self.all_box.currentIndexChanged.connect(self._set_all)
            all_row.addRow(self.tr("Set all to"), self.all_box)
            layout.addWidget(QLabel(self.tr("Contacts that look like existing stakeholders:"),
                                    self))
            layout.addWidget(self.table, 2)
            layout.addLayout(all_row)
        else:
            self.table.hide()
        if preview.problems:
            layout.addWidget(QLabel(self.tr("Cannot be imported:"), self))
            problems = QListWidget(self)
            problems.setObjectName("importProblems")
            problems.setAccessibleName(self.tr("Entries that cannot be imported"))
            for problem in preview.problems:
                problems.addItem(str(problem))
            layout.addWidget(problems, 1)
        nothing = preview.new == 0 and preview.duplicates == 0
        buttons = _buttons(self, self.tr("Import"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not nothing)
        layout.addWidget(buttons)

    def _set_all(self, _index: int) -> None:
        value = self.all_box.currentData()
        if value is None:
            return
        for box in self.choices.values():
            box.setCurrentIndex(box.findData(value))

    def answer(self) -> PreviewAnswer:
        return PreviewAnswer({index: box.currentData() for index, box in self.choices.items()})

    @classmethod
    def ask(cls, store: Store, preview: ImportPreview, file_name: str,
            parent: QWidget | None = None) -> PreviewAnswer | None:
        dialog = cls(store, preview, file_name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()


def parse_with_mapping(path: Path, parent: QWidget | None) -> ParseResult | None:
    """Read the file; an unknown CSV layout goes through the column-mapping dialog."""
    mapping: dict[str, str] | None = None
    data = path.read_bytes()
    suffix = path.suffix.lower()
    is_vcard = suffix in (".vcf", ".vcard") or (
        suffix != ".csv" and b"BEGIN:VCARD" in data[:4096].upper())
    if not is_vcard:
        info = contacts_csv.inspect_csv(data)
        if info.format == contacts_csv.GENERIC:
            mapping = ColumnMappingDialog.ask(info, parent)
            if mapping is None:
                return None
    return contacts_import.read_file(path, mapping)


def import_contacts(store: Store, bus: ChangeBus, parent: QWidget | None = None,
                    path: Path | None = None) -> Outcome[ImportResult] | None:
    """The whole import, from the file dialog to the published change-set. Returns the
    outcome, or ``None`` when the user stopped or nothing was written."""
    path = path or ImportFileDialog.ask(parent)
    if path is None:
        return None
    title = translate("ImportContacts", "Import contacts")
    try:
        parsed = parse_with_mapping(path, parent)
        if parsed is None:
            return None
        preview = contacts_import.preview(store, parsed)
    except SpocError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    except OSError as exc:
        QMessageBox.warning(parent, title, translate(
            "ImportContacts", "{file} cannot be read ({why}).").format(
                file=path.name, why=exc.strerror or exc))
        return None
    answer = ImportPreviewDialog.ask(store, preview, path.name, parent)
    if answer is None:
        return None
    progress = QProgressDialog(
        translate("ImportContacts", "Importing {file}…").format(file=path.name),
        translate("ImportContacts", "Cancel"), 0, max(1, len(parsed.contacts)), parent)
    progress.setObjectName("importProgress")
    progress.setAccessibleName(translate("ImportContacts", "Import progress"))
    progress.setWindowTitle(title)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def step(done: int, total: int) -> None:
        progress.setMaximum(max(1, total))
        progress.setValue(done)
        QApplication.processEvents()

    try:
        outcome = contacts_import.apply(store, parsed, answer.decisions, progress=step,
                                        cancel=progress.wasCanceled)
    except ImportCancelled as exc:
        progress.close()
        QMessageBox.information(parent, title, str(exc))
        return None
    except SpocError as exc:
        progress.close()
        QMessageBox.warning(parent, title, str(exc))
        return None
    progress.setValue(progress.maximum())
    progress.close()
    bus.publish(outcome.changes)
    result = outcome.value
    ImportDoneMessage.show_result(parent, result)
    return outcome


class ImportDoneMessage:
    @classmethod
    def show_result(cls, parent: QWidget | None, result: ImportResult) -> None:
        QMessageBox.information(parent, translate("ImportContacts", "Import contacts"), translate(
            "ImportContacts", "{added} added, {merged} merged, {skipped} skipped, {invalid} "
            "could not be imported.").format(added=result.added, merged=result.merged,
                                             skipped=result.skipped, invalid=result.invalid))
