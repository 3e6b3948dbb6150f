"""``spocdesk template list|add|remove``, in-process through ``cli.main``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from spocdesk import cli
from spocdesk.core.cases import templates
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE


@pytest.fixture
def location_with_store(location: Location,
                        monkeypatch: pytest.MonkeyPatch) -> Iterator[Location]:
    Store.create(location, PASSPHRASE).close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    yield location


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["template", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def stored(location: Location) -> list[templates.TemplateRow]:
    store = Store.open(location, PASSPHRASE)
    try:
        return templates.list_templates(store)
    finally:
        store.close()


def test_add_list_remove(location_with_store: Location, capsys: pytest.CaptureFixture[str],
                         tmp_path: Path) -> None:
    assert run(capsys, "list") == (
        0, "No templates yet; add one with: spocdesk template add --kind case|note --name N\n",
        "")
    assert json.loads(run(capsys, "list", "--json")[1]) == []
    checklist = tmp_path / "checklist.txt"
    checklist.write_text("- [ ] GP letter for {stakeholder}\n- [ ] Transport\n", "utf-8")
    code, out, err = run(capsys, "add", "--kind", "case", "--name", "Discharge",
                         "--title", "Discharge of {stakeholder}", "--category", "care",
                         "--priority", "High", "--body-file", str(checklist))
    assert code == 0 and err == ""
    case_id = out.strip()
    code, out, _ = run(capsys, "add", "--kind", "note", "--name", "Call back",
                       "--summary", "Called {stakeholder} back", "--body", "On {today}.")
    note_id = out.strip()
    code, out, _ = run(capsys, "list", "--json")
    assert json.loads(out) == [
        {"id": case_id, "kind": "case", "name": "Discharge",
         "title_pattern": "Discharge of {stakeholder}", "category": "care", "priority": "high",
         "body": "- [ ] GP letter for {stakeholder}\n- [ ] Transport\n"},
        {"id": note_id, "kind": "note", "name": "Call back",
         "title_pattern": "Called {stakeholder} back", "category": "", "priority": "",
         "body": "On {today}."},
    ]
    assert [r["name"] for r in json.loads(run(capsys, "list", "--kind", "note", "--json")[1])] \
        == ["Call back"]
    code, out, _ = run(capsys, "list")
    assert out.splitlines()[0] == ("case  Discharge  (title: Discharge of {stakeholder}; "
                                   "category: care; priority: high)")
    assert out.splitlines()[2] == "note  Call back  (title: Called {stakeholder} back)"
    assert run(capsys, "remove", "call BACK") == (
        0, "Removed the note template 'Call back'.\n", "")
    assert run(capsys, "remove", case_id)[0] == 0
    assert stored(location_with_store) == []


@pytest.mark.parametrize(("argv", "message"), [
    (["--kind", "case", "--name", "X", "--title", "For {client}"],
     "spocdesk: {client} is not a placeholder; use {stakeholder}, {today}, {ref} or {title}.\n"),
    (["--kind", "case", "--name", " "], "spocdesk: A template needs a name.\n"),
    (["--kind", "case", "--name", "X", "--priority", "asap"],
     "spocdesk: 'asap' is not a priority; use one of: low, normal, high, urgent.\n"),
    (["--kind", "note", "--name", "X", "--category", "care"],
     "spocdesk: A note template has no category or priority.\n"),
    (["--kind", "case", "--name", "X", "--body-file", "/nonexistent/file.txt"],
     "spocdesk: /nonexistent/file.txt cannot be read (No such file or directory).\n"),
])
def test_bad_input_is_one_sentence_and_changes_nothing(
        location_with_store: Location, capsys: pytest.CaptureFixture[str], argv: list[str],
        message: str) -> None:
    assert run(capsys, "add", *argv) == (1, "", message)
    assert stored(location_with_store) == []


def test_duplicate_names_and_unknown_templates(location_with_store: Location,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "--kind", "case", "--name", "Intake")
    assert run(capsys, "add", "--kind", "case", "--name", "intake") == (
        1, "", "spocdesk: There is already a case template called 'intake'.\n")
    run(capsys, "add", "--kind", "note", "--name", "Intake")
    assert run(capsys, "remove", "Intake") == (
        1, "", "spocdesk: Several templates are called 'Intake'; give the id of the one "
               "you mean.\n")
    assert run(capsys, "remove", "Nothing") == (
        1, "", "spocdesk: There is no template called 'Nothing' or with that id.\n")
    assert len(stored(location_with_store)) == 2


def test_bad_usage_exits_2(location_with_store: Location,
                           capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        cli.main(["template", "add", "--kind", "letter", "--name", "X"])
    assert raised.value.code == 2
    assert cli.main(["template"]) == 2
    capsys.readouterr()
