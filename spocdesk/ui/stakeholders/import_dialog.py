"""Import contacts: choose a file → (for an unknown CSV) map its columns, starting from
the mapping last used for the same columns → preview (what the file was read as, its
text encoding with a choice, columns no field reads, new / look like existing /
invalid, a choice per duplicate) → apply in one unit of work with a progress dialog
whose cancel leaves the store as it was.

Every dialog has an ``ask()`` class method, the one place tests replace."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from spocdesk.core.errors import Message, SpocError
from spocdesk.core.outcome import Outcome
from spocdesk.core.people import contacts_import, import_mappings
from spocdesk.core.people import query as sq
from spocdesk.core.people.contacts_import import ImportCancelled, ImportPreview, ImportResult
from spocdesk.core.people.formats import contacts_csv
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.i18n import QT_TRANSLATE_NOOP
from spocdesk.ui.ops import Ticket, run_op_in_background

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
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Address (one line)"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Web site"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Nickname"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Department"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Street"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "City"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Region / state"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Postcode"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Country"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Birthday"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Anniversary"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Notes"),
    QT_TRANSLATE_NOOP("ColumnMappingDialog", "Tags"),
)

# the text encodings the preview offers when a file is not UTF-8 (codec, what it is)
ENCODINGS = (
    ("cp1252", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Western European (Windows-1252)")),
    ("cp1250", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Central European (Windows-1250)")),
    ("cp1251", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Cyrillic (Windows-1251)")),
    ("cp1253", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Greek (Windows-1253)")),
    ("cp1254", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Turkish (Windows-1254)")),
    ("cp1255", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Hebrew (Windows-1255)")),
    ("cp1256", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Arabic (Windows-1256)")),
    ("cp1257", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Baltic (Windows-1257)")),
    ("koi8-r", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Cyrillic (KOI8-R)")),
    ("iso8859-15", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Western European (ISO 8859-15)")),
    ("mac-roman", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Western (Mac OS Roman)")),
    ("shift_jis", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Japanese (Shift JIS)")),
    ("gb18030", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Chinese, simplified (GB 18030)")),
    ("big5", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Chinese, traditional (Big5)")),
    ("euc_kr", QT_TRANSLATE_NOOP("ImportPreviewDialog", "Korean (EUC-KR)")),
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
                               "for each field; a name, e-mail or phone column is needed. "
                               "Columns you leave out are kept in the notes."), self)
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
        fields = QWidget(self)
        fields.setLayout(form)
        scroll = QScrollArea(self)  # 23 fields: taller than a small screen
        scroll.setObjectName("mappingFields")
        scroll.setAccessibleName(self.tr("Fields and their columns"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(_buttons(self, self.tr("Continue")))
        self.resize(560, 560)

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
    encoding: str = ""  # another text encoding to read the file in, then preview again
    keep_unmapped: bool = True  # keep the values of columns no field reads in the notes


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
        self._read_as(preview, layout)

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
        if not preview.groups and not preview.problems:
            layout.addStretch(1)  # the lines above keep together at the top
        nothing = preview.new == 0 and preview.duplicates == 0
        buttons = _buttons(self, self.tr("Import"))
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not nothing)
        layout.addWidget(buttons)

    def _read_as(self, preview: ImportPreview, layout: QVBoxLayout) -> None:
        """What the file was read as, its text encoding (with a choice), and the CSV
        columns no field reads (with a choice to keep them in the notes)."""
        profile = contacts_csv.profile_name(preview.format)
        read_as = QLabel(self.tr("Read as: {profile}").format(
            profile=str(Message(profile)) if profile else self.tr("vCard")), self)
        read_as.setObjectName("importProfile")
        read_as.setAccessibleName(self.tr("What the file was read as"))
        layout.addWidget(read_as)
        self.encoding_box: QComboBox | None = None
        self.reread = False
        if preview.encoding:
            row = QHBoxLayout()
            label = QLabel(self.tr("Text encoding (guessed):") if preview.encoding_guessed
                           else self.tr("Text encoding:"), self)
            box = QComboBox(self)
            box.setObjectName("importEncoding")
            box.setAccessibleName(self.tr("Text encoding of the file"))
            known = [codecs.lookup(code).name for code, _ in ENCODINGS]
            if preview.encoding not in known:
                box.addItem(preview.encoding, preview.encoding)
            for (_code, name), codec in zip(ENCODINGS, known, strict=True):
                box.addItem(self.tr(name), codec)
            box.setCurrentIndex(max(0, box.findData(preview.encoding)))
            again = QPushButton(self.tr("Read again"), self)
            again.setObjectName("rereadButton")
            again.setToolTip(self.tr("Read the file again in the chosen encoding"))
            again.clicked.connect(self._read_again)
            label.setBuddy(box)
            row.addWidget(label)
            row.addWidget(box, 1)
            row.addWidget(again)
            layout.addLayout(row)
            self.encoding_box = box
        self.keep_box: QCheckBox | None = None
        if preview.unmapped:
            columns = QLabel(self.tr("Columns that match no field: {columns}").format(
                columns=", ".join(preview.unmapped)), self)
            columns.setObjectName("importUnmapped")
            columns.setWordWrap(True)
            self.keep_box = QCheckBox(self.tr("Keep their values in each person's notes"), self)
            self.keep_box.setObjectName("keepUnmapped")
            self.keep_box.setChecked(True)
            layout.addWidget(columns)
            layout.addWidget(self.keep_box)

    def _read_again(self) -> None:
        self.reread = True
        self.accept()

    def _set_all(self, _index: int) -> None:
        value = self.all_box.currentData()
        if value is None:
            return
        for box in self.choices.values():
            box.setCurrentIndex(box.findData(value))

    def answer(self) -> PreviewAnswer:
        encoding = ""
        if self.reread and self.encoding_box is not None:
            encoding = str(self.encoding_box.currentData())
        return PreviewAnswer({index: box.currentData() for index, box in self.choices.items()},
                             encoding=encoding,
                             keep_unmapped=self.keep_box is None or self.keep_box.isChecked())

    @classmethod
    def ask(cls, store: Store, preview: ImportPreview, file_name: str,
            parent: QWidget | None = None) -> PreviewAnswer | None:
        dialog = cls(store, preview, file_name, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.answer()


def ask_mapping(store: Store, path: Path, parent: QWidget | None
                ) -> tuple[bool, dict[str, str] | None]:
    """``(go on, mapping)``: for a CSV file no profile knows, the column mapping the user
    chose (starting from the one last used for the same columns, which the choice then
    replaces); no mapping for any other file; ``go on`` is False when the user stopped."""
    data = contacts_import.read_bytes(path)
    if contacts_import.is_vcard_file(path, data):
        return True, None
    info = contacts_csv.inspect_csv(data)
    if info.format != contacts_csv.GENERIC:
        return True, None
    info.mapping = import_mappings.remembered(store, info.headers) or info.mapping
    mapping = ColumnMappingDialog.ask(info, parent)
    if mapping is None:
        return False, None
    import_mappings.remember(store, info.headers, mapping)
    return True, mapping


def import_contacts(store: Store, bus: ChangeBus, parent: QWidget | None = None,
                    path: Path | None = None) -> Outcome[ImportResult] | None:
    """The whole import, from the file dialog to the published change-set. Returns the
    outcome, or ``None`` when the user stopped or nothing was written."""
    path = path or ImportFileDialog.ask(parent)
    if path is None:
        return None
    title = translate("ImportContacts", "Import contacts")
    encoding = ""
    try:
        go_on, mapping = ask_mapping(store, path, parent)
        if not go_on:
            return None
        while True:
            parsed = contacts_import.read_file(path, mapping, encoding)
            preview = contacts_import.preview(store, parsed)
            answer = ImportPreviewDialog.ask(store, preview, path.name, parent)
            if answer is None:
                return None
            if not answer.encoding:
                break
            encoding = answer.encoding  # read again in the encoding the user chose
        if not answer.keep_unmapped and parsed.unmapped:
            parsed = contacts_import.read_file(path, mapping, encoding, keep_unmapped=False)
    except SpocError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None

    def work(ticket: Ticket) -> Outcome[ImportResult]:
        return contacts_import.apply(
            store, parsed, answer.decisions,
            progress=lambda done, total: ticket.progress(done, total),
            cancel=lambda: ticket.cancelled)

    try:  # off the GUI thread, Cancel in its progress dialog; all or nothing
        outcome = run_op_in_background(
            parent, bus, work, title,
            translate("ImportContacts", "Importing {file}…").format(file=path.name), quiet=True)
    except ImportCancelled as exc:
        QMessageBox.information(parent, title, str(exc))
        return None
    except (SpocError, OSError) as exc:
        QMessageBox.warning(parent, title, str(exc))
        return None
    assert outcome is not None  # quiet: a cancel arrives as ImportCancelled
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
