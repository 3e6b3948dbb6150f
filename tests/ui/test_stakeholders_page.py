"""The Stakeholders page, its model and its dialogs, driven against a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from spocdesk.core.people import contacts_import, duplicates, stakeholders
from spocdesk.core.people import query as sq
from spocdesk.core.people.query import StakeholderFilter
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder
from spocdesk.core.search import query as search
from spocdesk.core.store import Store
from spocdesk.core.uow import ChangeSet
from spocdesk.ui import ops
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders import detail as detail_mod
from spocdesk.ui.stakeholders import duplicates_dialog, import_dialog
from spocdesk.ui.stakeholders import page as page_mod
from spocdesk.ui.stakeholders.model import COLUMNS, ID_ROLE, PAGE, StakeholderTableModel
from spocdesk.ui.stakeholders.page import StakeholdersPage

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"

VCARDS = """BEGIN:VCARD
VERSION:3.0
FN:Imported One
N:One;Imported;;;
EMAIL;TYPE=work:one@import.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
FN:Person 00007
EMAIL;TYPE=work:p7@x.example
END:VCARD
BEGIN:VCARD
VERSION:3.0
END:VCARD
"""


def _fill(store: Store, n: int) -> None:
    # one index build after the inserts (as the demo generator does): the per-row
    # triggers made this fixture take over a minute per test
    with store.unit_of_work() as uow:
        with search.indexed_afterwards(uow.session.connection()):
            for i in range(n):
                stakeholders.add_in_session(uow.session, NewStakeholder(
                    display_name=f"Person {i:05d}", title="Nurse" if i % 2 else "GP",
                    tags=["vip"] if i % 10 == 0 else [],
                    organisation="Acme" if i % 3 == 0 else "",
                    contact_points=[
                        NewContactPoint("phone", f"+49 30 {i:07d}", "work", True),
                        NewContactPoint("email", f"p{i}@x.example", "work", True)]))
            uow.session.flush()
        uow.commit()


@pytest.fixture
def big_store(store: Store) -> Store:
    _fill(store, 3000)
    return store


@pytest.fixture
def page(qtbot, big_store: Store) -> StakeholdersPage:
    widget = StakeholdersPage(ChangeBus())
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()  # hidden pages defer refreshes until shown
    widget.set_store(big_store)
    return widget


def test_model_passes_qt_model_tester(qtmodeltester, big_store: Store) -> None:
    model = StakeholderTableModel()
    model.set_store(big_store)
    qtmodeltester.check(model)
    model.set_filter(StakeholderFilter(text="Person 0001"))
    qtmodeltester.check(model)


def test_model_is_lazy(big_store: Store) -> None:
    model = StakeholderTableModel()
    model.set_store(big_store)
    assert model.rowCount() == 3001  # 3,000 people and the organisation Acme
    assert model.cached_rows == 0
    assert model.data(model.index(0, 0)) == "Acme"
    assert 0 < model.cached_rows <= PAGE
    model.data(model.index(3000, 0))
    assert model.cached_rows <= 2 * PAGE
    assert model.pages_fetched == 2
    assert model.data(model.index(5, 0), ID_ROLE) == model.stakeholder_id(5)
    assert model.columnCount() == len(COLUMNS)


def test_model_sorts_in_sql(big_store: Store) -> None:
    model = StakeholderTableModel()
    model.set_store(big_store)
    model.sort(0, pytest.importorskip("PySide6.QtCore").Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "Person 02999"


def test_search_as_you_type_and_filters(qtbot, page: StakeholdersPage) -> None:
    assert page.model.rowCount() == 3001
    page.text.setText("30 000 1234")  # digits match whatever the formatting
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.data(page.model.index(0, 0)) == "Person 01234"
    assert page.detail.current is not None and page.detail.current.display_name == "Person 01234"
    page.text.setText("p42@x")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    page.text.clear()
    page.tag.setCurrentIndex(page.tag.findData("vip"))
    assert page.model.rowCount() == 300
    page.role.setText("nurse")
    page.apply_filter()
    assert page.model.rowCount() == 0  # every tenth is even: a GP
    assert page.list_stack.currentWidget() is page.empty
    assert "match" in page.empty.headline.text()
    page.role.clear()
    page.tag.setCurrentIndex(0)
    page.organisation.setCurrentIndex(page.organisation.findText("Acme"))
    assert page.model.rowCount() == 1001
    page.organisation.setCurrentIndex(0)
    page.not_verified.setCurrentIndex(1)
    assert page.model.rowCount() == 3001
    page.kind.setCurrentIndex(page.kind.findData("organisation"))
    page.not_contacted.setCurrentIndex(1)
    assert page.model.rowCount() == 1
    assert page.count_label.text() == "1 stakeholder"


def test_empty_store_says_what_to_do(qtbot, store: Store) -> None:
    widget = StakeholdersPage(ChangeBus())
    qtbot.addWidget(widget)
    widget.set_store(store)
    assert widget.list_stack.currentWidget() is widget.empty
    assert widget.empty.headline.text() == "No stakeholders yet"
    widget.set_store(None)
    assert widget.model.rowCount() == 0


def test_detail_shows_points_cases_and_actions(qtbot, page: StakeholdersPage,
                                               big_store: Store) -> None:
    page.select_stakeholder(sq.stakeholder_ids(big_store, StakeholderFilter(text="Acme",
                                                                            kind="organisation"))[0])
    panel = page.detail
    assert panel.current is not None and panel.current.kind == "organisation"
    assert panel.people.isVisibleTo(page) and panel.people.count() == 1000
    person = sq.stakeholder_ids(big_store, StakeholderFilter(text="Person 00003"))[0]
    page.select_stakeholder(person)
    assert panel.current is not None and panel.current.id == person
    points = [panel.points.item(i).text() for i in range(panel.points.count())]
    assert any("p3@x.example" in p and "★" in p for p in points)
    assert "Acme" in panel.subtitle.text()
    seen: list[ChangeSet] = []
    page.bus.changed.connect(seen.append)
    panel.verify_today()
    assert seen and "stakeholder" in seen[-1]
    assert stakeholders.details(big_store, person).verified_at is not None
    panel.cadence.setValue(30)
    assert stakeholders.details(big_store, person).cadence_days == 30


def test_new_stakeholder(qtbot, page: StakeholdersPage, big_store: Store,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detail_mod.NewStakeholderDialog, "ask", classmethod(
        lambda cls, parent=None: detail_mod.NewStakeholderInput(
            name="Zara New", kind="person", organisation="Beta", title="CTO",
            email="zara@beta.example", phone="")))
    page.new_stakeholder()
    assert page.detail.current is not None and page.detail.current.display_name == "Zara New"
    assert page.model.rowCount() == 3003  # Zara and the organisation Beta


def _asks(monkeypatch: pytest.MonkeyPatch, path: Path, decisions: dict[int, str]) -> None:
    monkeypatch.setattr(import_dialog.ImportFileDialog, "ask", classmethod(lambda c, p: path))
    monkeypatch.setattr(import_dialog.ImportPreviewDialog, "ask", classmethod(
        lambda c, store, preview, name, parent=None: import_dialog.PreviewAnswer(decisions)))
    monkeypatch.setattr(import_dialog.ImportDoneMessage, "show_result",
                        classmethod(lambda c, p, r: None))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)


def test_import_through_the_dialog(qtbot, page: StakeholdersPage, big_store: Store,
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text(VCARDS, encoding="utf-8")
    preview = contacts_import.preview(big_store, contacts_import.read_file(path))
    assert (preview.new, preview.duplicates, preview.invalid) == (1, 1, 1)
    dialog = import_dialog.ImportPreviewDialog(big_store, preview, path.name)
    qtbot.addWidget(dialog)
    counts = dialog.findChild(import_dialog.QLabel, "importCounts")
    assert counts is not None and "<b>3</b>" in counts.text()
    cell = dialog.table.item(0, 1)
    assert dialog.table.rowCount() == 1 and cell is not None and "Person 00007" in cell.text()
    dialog.all_box.setCurrentIndex(dialog.all_box.findData("merge"))
    assert dialog.answer().decisions == {1: "merge"}

    _asks(monkeypatch, path, {1: "merge"})
    outcome = import_dialog.import_contacts(big_store, page.bus, page)
    assert outcome is not None
    assert (outcome.value.added, outcome.value.merged, outcome.value.invalid) == (1, 1, 1)
    assert page.model.rowCount() == 3002  # the page refreshed on the change-set
    assert sq.stakeholder_ids(big_store, StakeholderFilter(text="one@import.example"))


def test_import_cancel_writes_nothing(qtbot, store: Store, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "many.vcf"
    path.write_text("".join(f"BEGIN:VCARD\nVERSION:3.0\nFN:Someone {i}\nEND:VCARD\n"
                            for i in range(300)), encoding="utf-8")
    _asks(monkeypatch, path, {})
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(ops.Ticket, "cancelled", property(lambda self: True))  # Cancel pressed
    assert import_dialog.import_contacts(store, ChangeBus(), None) is None
    assert told == ["The import was cancelled; nothing was changed."]
    assert sq.stakeholder_ids(store) == []


def test_unknown_csv_goes_through_column_mapping(qtbot, store: Store, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Who,Mail,Klingel\nAda Lovelace,ada@x.example,+44 1\n", encoding="utf-8")
    from spocdesk.core.people.formats import contacts_csv

    info = contacts_csv.inspect_csv(path.read_bytes())
    dialog = import_dialog.ColumnMappingDialog(info)
    qtbot.addWidget(dialog)
    assert dialog.mapping() == info.mapping
    seen: list[contacts_csv.CsvInfo] = []

    def mapping(cls: object, found: contacts_csv.CsvInfo, parent: object = None
                ) -> dict[str, str]:
        seen.append(found)
        return {"display_name": "Who", "email": "Mail", "phone": "Klingel"}

    monkeypatch.setattr(import_dialog.ColumnMappingDialog, "ask", classmethod(mapping))
    _asks(monkeypatch, path, {})
    outcome = import_dialog.import_contacts(store, ChangeBus(), None)
    assert seen and seen[0].headers == ["Who", "Mail", "Klingel"]
    assert outcome is not None and outcome.value.added == 1
    assert sq.stakeholder_ids(store, StakeholderFilter(text="ada@x.example"))


def test_import_of_a_broken_file_says_so(qtbot, store: Store, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    _asks(monkeypatch, tmp_path / "missing.vcf", {})
    assert import_dialog.import_contacts(store, ChangeBus(), None) is None
    assert warned and "missing.vcf" in warned[0]


def test_find_and_merge_duplicates(qtbot, store: Store,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    keep = stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="Anna Müller", notes="First",
        contact_points=[NewContactPoint("email", "anna@x.example")])).value
    other = stakeholders.add_stakeholder(store, NewStakeholder(
        display_name="A. Mueller", notes="Second",
        contact_points=[NewContactPoint("email", "ANNA@x.example"),
                        NewContactPoint("phone", "+49 170 1")])).value
    bus = ChangeBus()
    seen: list[ChangeSet] = []
    bus.changed.connect(seen.append)
    dialog = duplicates_dialog.DuplicatesDialog(store, bus)
    qtbot.addWidget(dialog)
    assert len(dialog.groups) == 1 and dialog.members.rowCount() == 2
    monkeypatch.setattr(duplicates_dialog.ConfirmMerge, "ask",
                        classmethod(lambda c, p, k, o: True))
    assert dialog.merge_group(0, keep)
    assert seen and "stakeholder" in seen[-1]
    assert dialog.groups == [] and not dialog.merge_button.isEnabled()
    merged = stakeholders.details(store, keep)
    assert {p.value for p in merged.contact_points} >= {"anna@x.example", "+49 170 1"}
    assert "Second" in merged.notes
    assert duplicates.find_duplicates(store) == []
    assert sq.stakeholder_ids(store) == [keep]
    assert other not in sq.stakeholder_ids(store)


def test_export_person_json_and_pdf(qtbot, page: StakeholdersPage, big_store: Store,
                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    person = sq.stakeholder_ids(big_store, StakeholderFilter(text="Person 00005"))[0]
    target = tmp_path / "person.json"
    monkeypatch.setattr(page_mod.FileChooser, "save", classmethod(lambda c, *a: target))
    page.export_person(person)
    assert json.loads(target.read_text(encoding="utf-8"))["stakeholder"]["display_name"] == \
        "Person 00005"
    from pypdf import PdfReader

    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(str(tmp_path / "person.pdf")).pages)
    assert "Person 00005" in text and "p5@x.example" in text


def test_export_vcard_of_everyone(qtbot, page: StakeholdersPage, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "all.vcf"
    monkeypatch.setattr(page_mod.FileChooser, "save", classmethod(lambda c, *a: target))
    page.export_vcard()
    assert target.read_text(encoding="utf-8").count("BEGIN:VCARD") == 3001


def test_erase_from_the_page(qtbot, page: StakeholdersPage, big_store: Store,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    person = sq.stakeholder_ids(big_store, StakeholderFilter(text="Person 00009"))[0]
    page.select_stakeholder(person)
    asked: list[str] = []
    def refuse(cls: object, parent: object, name: str) -> bool:
        asked.append(name)
        return False

    monkeypatch.setattr(page_mod.EraseDialog, "ask", classmethod(refuse))
    page.erase_person(person)
    assert asked == ["Person 00009"] and page.model.row_of(person) >= 0
    monkeypatch.setattr(page_mod.EraseDialog, "ask", classmethod(lambda c, parent, name: True))
    page.erase_person(person)
    assert page.model.row_of(person) < 0
    assert page.model.rowCount() == 3000
    assert sq.stakeholder_ids(big_store, StakeholderFilter(text="Person 00009")) == []


def test_lock_forgets_rows(qtbot, page: StakeholdersPage) -> None:
    page.set_store(None)
    assert page.model.rowCount() == 0 and page.detail.current is None
    assert page.tag.count() == 1 and page.organisation.count() == 1


def test_every_widget_is_named(qtbot, page: StakeholdersPage) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QPushButton, QTableView

    for kind in (QComboBox, QLineEdit, QListWidget, QPushButton, QTableView):
        for widget in page.findChildren(kind):
            if widget.parent() is not None and isinstance(widget.parent(), QComboBox):
                continue
            if widget.objectName().startswith("qt_"):  # Qt's own parts of a spin box
                continue
            assert widget.objectName(), widget
            assert widget.accessibleName(), widget.objectName()
