"""``stakeholder add|list|show|duplicates|merge``, ``import`` and ``export contacts``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import vobject

import spocdesk.cli
from spocdesk.cli import main
from spocdesk.commands import COMMAND_MODULES, stakeholder_cmds
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).parent.parent / "fixtures" / "contacts"


@pytest.fixture(autouse=True)
def cli_store(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    if stakeholder_cmds not in COMMAND_MODULES:  # until commands/__init__.py lists it
        monkeypatch.setattr(spocdesk.cli, "COMMAND_MODULES", [*COMMAND_MODULES, stakeholder_cmds])
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    assert main(["init"]) == 0
    capsys.readouterr()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_list_show(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stakeholder", "add", "--name", "Anna Müller",
                       "--email", "anna@acme.example", "--email", "a.m@home.example",
                       "--phone", "+49 30 1234567", "--org", "Acme", "--title", "CFO")
    assert code == 0
    anna = out.strip()
    assert len(anna) == 36
    run(capsys, "stakeholder", "add", "--name", "Ben Okafor", "--phone", "+44 7700 900123")

    code, out, _ = run(capsys, "stakeholder", "list", "--json")
    rows = json.loads(out)
    assert [r["display_name"] for r in rows] == ["Acme", "Anna Müller", "Ben Okafor"]

    code, out, _ = run(capsys, "stakeholder", "list", "--json", "--search", "7700 900")
    assert [r["display_name"] for r in json.loads(out)] == ["Ben Okafor"]
    code, out, _ = run(capsys, "stakeholder", "list", "--search", "acme")
    assert "Anna Müller" in out and "Ben Okafor" not in out

    code, out, _ = run(capsys, "stakeholder", "show", anna, "--json")
    detail = json.loads(out)
    assert detail["organisation"] == "Acme" and detail["title"] == "CFO"
    assert [(p["kind"], p["value"], p["preferred"]) for p in detail["contact_points"]] == [
        ("email", "anna@acme.example", True), ("email", "a.m@home.example", False),
        ("phone", "+49 30 1234567", True)]
    code, out, _ = run(capsys, "stakeholder", "show", anna)
    assert "Anna Müller" in out and "anna@acme.example" in out

    code, _, err = run(capsys, "stakeholder", "show", "nope")
    assert code == 1 and err.strip() == "spocdesk: There is no stakeholder with id nope."


def test_import_dry_run_then_import(capsys: pytest.CaptureFixture[str]) -> None:
    vcf = str(FIXTURES / "google_3.0.vcf")
    code, out, _ = run(capsys, "import", vcf, "--dry-run")
    assert code == 0
    # card 4 holds only an e-mail address: imported under it since issue 19
    assert ("4 contacts in google_3.0.vcf: 4 new, 0 look like existing stakeholders, "
            "0 invalid") in out
    _, out, _ = run(capsys, "stakeholder", "list", "--json")
    assert json.loads(out) == []  # a dry run writes nothing

    code, out, _ = run(capsys, "import", vcf)
    assert code == 0 and "4 added, 0 merged, 0 skipped, 0 invalid" in out

    code, out, _ = run(capsys, "import", str(FIXTURES / "google_contacts.csv"), "--dry-run",
                       "--json")
    preview = json.loads(out)
    assert (preview["new"], preview["duplicates"], preview["invalid"]) == (2, 1, 1)
    assert preview["duplicates_of"][0]["name"] == "Tomasz Nowak"

    code, out, _ = run(capsys, "import", str(FIXTURES / "google_contacts.csv"),
                       "--on-duplicate", "merge")
    assert "2 added, 1 merged" in out
    _, out, _ = run(capsys, "stakeholder", "list", "--json", "--search", "Tomasz")
    rows = json.loads(out)
    assert len(rows) == 1
    _, out, _ = run(capsys, "stakeholder", "show", rows[0]["id"], "--json")
    values = {p["value"] for p in json.loads(out)["contact_points"]}
    assert "+48 22 123 45 68" in values and "t.nowak@gmail.example" in values


def test_import_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "missing.vcf"))
    assert code == 1 and "cannot be read" in err
    odd = tmp_path / "odd.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    code, _, err = run(capsys, "import", str(odd))
    assert code == 1 and "holds a name" in err


def test_export_contacts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    run(capsys, "import", str(FIXTURES / "apple_3.0.vcf"))
    target = tmp_path / "all.vcf"
    code, out, _ = run(capsys, "export", "contacts", str(target))
    assert code == 0 and out.startswith("Exported 5 stakeholders")
    names = {c.fn.value for c in vobject.readComponents(target.read_text("utf-8"))}
    assert "Chloé Lefèvre" in names
    code, out, _ = run(capsys, "export", "contacts", str(tmp_path / "v3.vcf"),
                       "--vcard-version", "3.0")
    assert "VERSION:3.0" in (tmp_path / "v3.vcf").read_text("utf-8")


def test_duplicates_and_merge(capsys: pytest.CaptureFixture[str]) -> None:
    _, a, _ = run(capsys, "stakeholder", "add", "--name", "Anna Müller", "--email", "a@x.example")
    _, b, _ = run(capsys, "stakeholder", "add", "--name", "Anna Mueller", "--email", "A@X.example")
    code, out, _ = run(capsys, "stakeholder", "duplicates", "--json")
    groups = json.loads(out)
    assert len(groups) == 1 and set(groups[0]["ids"]) == {a.strip(), b.strip()}
    code, out, _ = run(capsys, "stakeholder", "merge", a.strip(), b.strip())
    assert code == 0
    _, out, _ = run(capsys, "stakeholder", "list", "--json")
    assert [r["id"] for r in json.loads(out)] == [a.strip()]
    _, out, _ = run(capsys, "stakeholder", "duplicates")
    assert "No duplicates found." in out


def test_import_profiles_mapping_columns_and_no_contacts(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Issue 19: which profile, --show-columns, --map, unmapped columns, a file of no
    contacts (exit 1, one sentence)."""
    unknown = str(FIXTURES / "unknown_columns.csv")
    code, out, _ = run(capsys, "import", unknown, "--show-columns")
    assert code == 0
    assert "Business            1  (no field: kept in the notes)" in out
    code, out, _ = run(capsys, "import", unknown, "--map",
                       "Contact Email=email,Business=organisation,Region Code=ignore")
    assert code == 0 and "2 added" in out
    assert "Columns no field reads (kept in the notes): Additional Info." in out
    _, out, _ = run(capsys, "stakeholder", "list", "--json", "--search", "Nadia")
    nadia = json.loads(out)[0]["id"]
    _, out, _ = run(capsys, "stakeholder", "show", nadia, "--json")
    shown = json.loads(out)
    assert shown["organisation"] == "Benali Conseil"
    assert shown["notes"] == "Additional Info: Met at the 2024 expo"

    code, out, _ = run(capsys, "import", str(FIXTURES / "thunderbird.csv"), "--json")
    result = json.loads(out)
    assert (result["profile"], result["added"]) == ("csv-thunderbird", 3)
    _, out, _ = run(capsys, "stakeholder", "list", "--json", "--search", "Ingrid")
    _, out, _ = run(capsys, "stakeholder", "show", json.loads(out)[0]["id"])
    assert "  Birthday: 1979-04-15" in out and "  Nickname: Inga" in out
    assert "  Organisation: Fjord Kommune / Home care" in out

    png = tmp_path / "photo.vcf"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    code, out, err = run(capsys, "import", str(png))
    assert code == 1 and out == ""
    assert err.strip() == ("spocdesk: photo.vcf holds no contacts: it is neither a vCard file "
                           "nor a contacts CSV file.")
    code, _, err = run(capsys, "import", unknown, "--map", "Contact Email=emial")
    assert code == 1 and "'emial' is not a field" in err


def test_remind_adds_a_yearly_birthday_follow_up_once(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    card = tmp_path / "anna.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Anna Nowak\r\nN:Nowak;Anna;;;\r\n"
                    "BDAY:--0414\r\nEND:VCARD\r\n", encoding="utf-8")
    assert run(capsys, "import", str(card))[0] == 0
    anna = json.loads(run(capsys, "stakeholder", "list", "--json")[1])[0]["id"]

    code, out, _ = run(capsys, "stakeholder", "remind", anna, "--birthday", "--json")
    assert code == 0
    first = json.loads(out)
    assert first["added"] is True and first["title"] == "Birthday: Anna Nowak"
    assert "-04-14T" in first["due"]  # the next 14 April, at the start of the working day
    code, out, _ = run(capsys, "stakeholder", "remind", anna, "--birthday")
    assert code == 0 and out.startswith("Already there: Birthday: Anna Nowak")
    assert first["followup_id"] in out

    code, _, err = run(capsys, "stakeholder", "remind", anna, "--anniversary")
    assert code != 0 and "Anna Nowak has no anniversary on record." in err
    with pytest.raises(SystemExit):
        main(["stakeholder", "remind", anna])  # --birthday or --anniversary is required
