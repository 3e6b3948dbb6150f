"""The import dialog says what it read (issue 19): the profile, a guessed encoding with a
choice, columns no field reads; mappings are remembered; a file of no contacts is one
sentence; the stakeholder card shows birthday, anniversary, nickname and units."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QMessageBox

from spocdesk.core.model import Stakeholder
from spocdesk.core.people import contacts_import, import_mappings
from spocdesk.core.people.contacts_import import ImportPreview
from spocdesk.core.people.formats import contacts_csv
from spocdesk.core.store import Store
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.stakeholders import import_dialog
from spocdesk.ui.stakeholders.detail import StakeholderDetailPanel

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


def _preview(store: Store, name: str, **read: object) -> ImportPreview:
    return contacts_import.preview(
        store, contacts_import.read_file(FIXTURES / name, **read))  # type: ignore[arg-type]


def _quiet(monkeypatch: pytest.MonkeyPatch, path: Path) -> list[str]:
    warned: list[str] = []
    monkeypatch.setattr(import_dialog.ImportFileDialog, "ask", classmethod(lambda c, p: path))
    monkeypatch.setattr(import_dialog.ImportDoneMessage, "show_result",
                        classmethod(lambda c, p, r: None))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    return warned


def _names(store: Store) -> dict[str, str]:
    with store.connection() as conn:
        return dict(conn.execute(sa.select(Stakeholder.display_name, Stakeholder.notes)).all())


def test_preview_says_profile_encoding_and_unmapped_columns(qtbot, store: Store) -> None:
    dialog = import_dialog.ImportPreviewDialog(store, _preview(store, "thunderbird.csv"),
                                               "thunderbird.csv")
    qtbot.addWidget(dialog)
    profile = dialog.findChild(QLabel, "importProfile")
    assert profile is not None and profile.text() == "Read as: Thunderbird"
    unmapped = dialog.findChild(QLabel, "importUnmapped")
    assert unmapped is not None and "Custom 1" in unmapped.text()
    keep = dialog.findChild(QCheckBox, "keepUnmapped")
    assert keep is not None and keep.isChecked()
    keep.setChecked(False)
    assert dialog.answer().keep_unmapped is False
    assert dialog.findChild(QComboBox, "importEncoding") is None  # UTF-8: nothing to choose

    greek = import_dialog.ImportPreviewDialog(
        store, _preview(store, "made_greek_cp1253_3.0.vcf"), "greek.vcf")
    qtbot.addWidget(greek)
    box = greek.findChild(QComboBox, "importEncoding")
    assert box is not None and box.currentData() == "cp1253"
    assert "Greek" in box.currentText()
    box.setCurrentIndex(box.findData("cp1252"))
    assert greek.answer().encoding == ""  # only "Read again" asks for another reading
    greek._read_again()
    assert greek.answer().encoding == "cp1252"


def test_read_again_in_another_encoding_and_drop_unmapped(
        qtbot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _quiet(monkeypatch, FIXTURES / "made_greek_cp1253_3.0.vcf")
    seen: list[ImportPreview] = []

    def ask(cls: object, store_: Store, preview: ImportPreview, name: str,
            parent: object = None) -> import_dialog.PreviewAnswer:
        seen.append(preview)
        return import_dialog.PreviewAnswer({}, encoding="" if len(seen) > 1 else "cp1252")

    monkeypatch.setattr(import_dialog.ImportPreviewDialog, "ask", classmethod(ask))
    assert import_dialog.import_contacts(store, ChangeBus(), None) is not None
    assert [p.encoding for p in seen] == ["cp1253", "cp1252"]
    assert [p.encoding_guessed for p in seen] == [True, False]

    # the file went in as the user chose, even though that reading is the wrong one
    assert "Γιώργος Παπαδόπουλος".encode("cp1253").decode("cp1252") in _names(store)


def test_unmapped_columns_left_out_when_the_user_says_so(
        qtbot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _quiet(monkeypatch, FIXTURES / "outlook_name_column.csv")
    monkeypatch.setattr(import_dialog.ImportPreviewDialog, "ask", classmethod(
        lambda c, s, p, n, parent=None: import_dialog.PreviewAnswer({}, keep_unmapped=False)))
    assert import_dialog.import_contacts(store, ChangeBus(), None) is not None
    assert _names(store)["Adam Glacius"] == "Has 2 kids"  # no "Spouse: Maria"


def test_column_mapping_is_remembered_per_header(
        qtbot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    path = FIXTURES / "unknown_columns.csv"
    _quiet(monkeypatch, path)
    monkeypatch.setattr(import_dialog.ImportPreviewDialog, "ask", classmethod(
        lambda c, s, p, n, parent=None: import_dialog.PreviewAnswer({})))
    offered: list[dict[str, str]] = []
    chosen = {"display_name": "Full Name", "email": "Contact Email",
              "organisation": "Business"}

    def mapping(cls: object, info: contacts_csv.CsvInfo, parent: object = None
                ) -> dict[str, str]:
        offered.append(dict(info.mapping))
        return chosen

    monkeypatch.setattr(import_dialog.ColumnMappingDialog, "ask", classmethod(mapping))
    assert import_dialog.import_contacts(store, ChangeBus(), None) is not None
    assert import_dialog.import_contacts(store, ChangeBus(), None) is not None
    assert offered[0] == {"display_name": "Full Name", "email": "Contact Email"}  # guessed
    assert offered[1] == chosen  # the second file with these columns starts from the choice
    headers = contacts_csv.inspect_csv(path.read_bytes()).headers
    assert import_mappings.remembered(store, headers) == chosen
    assert import_mappings.remembered(store, [*headers, "More"]) is None


def test_a_file_of_no_contacts_is_one_sentence(
        qtbot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    png = tmp_path / "photo.vcf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    warned = _quiet(monkeypatch, png)
    assert import_dialog.import_contacts(store, ChangeBus(), None) is None
    assert warned == ["photo.vcf holds no contacts: it is neither a vCard file nor a "
                      "contacts CSV file."]


@pytest.fixture
def british() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def test_card_shows_nickname_units_birthday_and_anniversary(qtbot, store: Store,
                                                             british: None) -> None:
    contacts_import.apply(
        store, contacts_import.read_file(FIXTURES / "ezvcard_outlook2007_2.1.vcf"))
    with store.connection() as conn:
        sid = conn.execute(sa.select(Stakeholder.id).where(
            Stakeholder.display_name == "Mr. Michael Angstadt Jr.")).scalar_one()
    panel = StakeholderDetailPanel(ChangeBus())
    qtbot.addWidget(panel)
    panel.set_store(store)
    panel.show_stakeholder(sid)
    assert panel.personal.text() == "Nickname: Mike"
    assert panel.yearly.labels["birthday"].text() == "Birthday: 10 March 1922"
    assert panel.yearly.labels["anniversary"].text() == "Anniversary: 1 August 2012"
    assert "TheCompany</a> › TheDepartment" in panel.subtitle.text()
    panel.show_stakeholder(None)
    assert panel.personal.text() == ""
    assert panel.yearly.labels["birthday"].text() == ""
