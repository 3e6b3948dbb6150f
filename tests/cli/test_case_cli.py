"""``spocdesk case add|list|show|log|set|escalate``, in-process through ``cli.main``."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from spocdesk import cli
from spocdesk.commands import case_cmds
from spocdesk.core.paths import Location
from spocdesk.core.people.stakeholders import NewContactPoint, NewStakeholder, add_stakeholder
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE


@pytest.fixture
def stakeholder_id(location: Location, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A store with one stakeholder, closed again, unlocked through the environment."""
    if case_cmds not in cli.COMMAND_MODULES:  # until commands/__init__.py lists it
        monkeypatch.setattr(cli, "COMMAND_MODULES", [*cli.COMMAND_MODULES, case_cmds])
    store = Store.create(location, PASSPHRASE)
    try:
        sid = add_stakeholder(store, NewStakeholder(display_name="Anna Nowak")).value
    finally:
        store.close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    yield sid


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(["case", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_add_prints_the_reference(stakeholder_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "add", "--title", "Renewal terms", "--priority", "high",
                         "--status", "open", "--category", "sales",
                         "--stakeholder", stakeholder_id)
    assert (code, out, err) == (0, "C-0001\n", "")
    assert run(capsys, "add", "--title", "Second")[1] == "C-0002\n"
    code, out, _ = run(capsys, "show", "C-0001", "--json")
    data = json.loads(out)
    assert (data["title"], data["priority"], data["status"], data["category"]) == (
        "Renewal terms", "high", "open", "sales")
    assert data["participants"] == [{"stakeholder_id": stakeholder_id, "name": "Anna Nowak",
                                     "role": "client", "main": True}]


def test_add_rejects_bad_values(stakeholder_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "add", "--title", "X", "--priority", "asap")
    assert code == 1 and out == ""
    assert err.startswith("spocdesk: 'asap' is not a priority; use one of: low, normal")
    code, _, err = run(capsys, "add", "--title", "X", "--stakeholder", "nobody")
    assert code == 1 and "No stakeholder is called or reachable at 'nobody'" in err
    assert run(capsys, "list")[1] == "No cases match.\n"  # nothing half-written


def test_add_takes_a_unique_name_or_email(stakeholder_id: str, location: Location,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(location, PASSPHRASE)
    try:
        ben = add_stakeholder(store, NewStakeholder(
            display_name="Ben Nowak",
            contact_points=[NewContactPoint("email", "Ben@Nowak.example")])).value
        add_stakeholder(store, NewStakeholder(display_name="Ben Nowak"))
    finally:
        store.close()

    def main_of(ref: str) -> str:
        data = json.loads(run(capsys, "show", ref, "--json")[1])
        return str(data["participants"][0]["stakeholder_id"])

    assert run(capsys, "add", "--title", "A", "--stakeholder", "anna nowak")[0] == 0
    assert main_of("C-0001") == stakeholder_id
    assert run(capsys, "add", "--title", "B", "--stakeholder", "ben@nowak.EXAMPLE")[0] == 0
    assert main_of("C-0002") == ben

    code, out, err = run(capsys, "add", "--title", "X", "--stakeholder", "Ben Nowak")
    assert (code, out) == (1, "")
    assert err == ("spocdesk: 'Ben Nowak' names more than one stakeholder; give the id of "
                   "the one you mean.\n")
    code, out, err = run(capsys, "add", "--title", "X", "--stakeholder", "Anna")
    assert code == 1 and "No stakeholder is called or reachable at 'Anna'" in err  # a part
    code, _, err = run(capsys, "add", "--title", "X", "--stakeholder", "carl@nowhere.example")
    assert code == 1 and err.count("\n") == 1 and "carl@nowhere.example" in err
    assert "C-0003" not in run(capsys, "list")[1]  # nothing half-written


def test_list_text_and_json(stakeholder_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "--title", "Alpha", "--status", "open", "--stakeholder", stakeholder_id)
    run(capsys, "add", "--title", "Beta", "--status", "waiting")
    code, out, _ = run(capsys, "list")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("C-0001") and "Alpha" in lines[0] and "[Anna Nowak]" in lines[0]
    assert lines[1].startswith("C-0002") and "waiting" in lines[1]
    code, out, _ = run(capsys, "list", "--status", "waiting", "--json")
    rows = json.loads(out)
    assert [r["ref"] for r in rows] == ["C-0002"]
    assert set(rows[0]) == {
        "id", "ref", "title", "status", "priority", "category", "main_stakeholder",
        "main_stakeholder_id", "next_step", "next_followup_at", "followup_overdue",
        "last_interaction_at", "opened_at", "age_days", "escalated", "sla_state",
        "sla_time_left_seconds"}
    assert rows[0]["sla_state"] == "on_track" and rows[0]["sla_time_left_seconds"] > 0
    assert json.loads(run(capsys, "list", "--json", "--sort", "title", "--desc")[1])[0][
        "title"] == "Beta"
    code, _, err = run(capsys, "list", "--status", "done")
    assert code == 1 and "'done' is not a status" in err


def test_log_set_escalate_and_show(stakeholder_id: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "--title", "Outage")
    code, out, _ = run(capsys, "log", "c-0001", "--channel", "phone", "--direction", "out",
                       "--summary", "Called back", "--body", "All fine")
    assert (code, out) == (0, "Logged on C-0001.\n")
    code, out, _ = run(capsys, "set", "C-0001", "--status", "open", "--priority", "urgent",
                       "--next-step", "Wait for the fix")
    assert code == 0 and out.startswith("Changed ") and "status" in out
    assert run(capsys, "set", "C-0001", "--status", "open")[1] == "C-0001 was unchanged.\n"
    code, out, _ = run(capsys, "escalate", "C-0001", "--to", "Second line",
                       "--reason", "Needs a fix")
    assert (code, out) == (0, "Escalated C-0001 to Second line.\n")
    data = json.loads(run(capsys, "show", "C-0001", "--json")[1])
    assert (data["status"], data["priority"], data["next_step"], data["escalated"]) == (
        "escalated", "urgent", "Wait for the fix", True)
    assert data["first_response_at"] is not None
    assert data["escalations"][0]["to"] == "Second line"
    assert data["escalations"][0]["outcome_at"] is None
    assert set(data["sla"]) == {"state", "time_left_seconds", "response_deadline",
                                "resolution_deadline"}
    kinds = [e["kind"] for e in data["timeline"]]
    assert kinds == ["status", "escalation", "status", "interaction", "created"]
    entry = data["timeline"][3]
    assert (entry["summary"], entry["detail"], entry["channel"], entry["direction"]) == (
        "Called back", "All fine", "phone", "out")
    code, out, _ = run(capsys, "show", "C-0001")
    assert code == 0
    assert out.startswith("C-0001  Outage")
    assert "escalated" in out and "phone/out: Called back" in out
    assert "status open → escalated" in out


def test_set_needs_something(stakeholder_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "--title", "X")
    code, _, err = run(capsys, "set", "C-0001")
    assert code == 1 and "Say what to change" in err
    code, _, err = run(capsys, "set", "C-0001", "--status", "finished")
    assert code == 1 and "'finished' is not a status" in err


@pytest.mark.parametrize("argv", [
    ["show", "C-0042"], ["show", "C-0042", "--json"],
    ["log", "C-0042", "--channel", "phone", "--direction", "in", "--summary", "x"],
    ["set", "C-0042", "--status", "open"],
    ["escalate", "C-0042", "--to", "Team", "--reason", "why"],
])
def test_bad_reference(stakeholder_id: str, capsys: pytest.CaptureFixture[str],
                       argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1
    assert out == ""
    assert err == "spocdesk: There is no case C-0042.\n"


def test_log_rejects_bad_channel(stakeholder_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "--title", "X")
    code, _, err = run(capsys, "log", "C-0001", "--channel", "pigeon", "--direction", "in",
                       "--summary", "Coo")
    assert code == 1 and "'pigeon' is not a channel" in err


def test_missing_action_is_usage_error(stakeholder_id: str,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        cli.main(["case"])
    assert info.value.code == 2


def _people(location: Location) -> dict[str, str]:
    """Two more stakeholders in the store: name → id."""
    from spocdesk.core.people.stakeholders import NewContactPoint

    store = Store.open(location, PASSPHRASE)
    try:
        return {name: add_stakeholder(store, NewStakeholder(
            display_name=name, contact_points=[NewContactPoint("email", email)])).value
            for name, email in (("Greta Weber", "greta@example.org"),
                                ("Kim Lee", "kim@a.example"), ("kim lee", "kim@b.example"))}
    finally:
        store.close()


def test_log_with_people_counts_as_contact_and_plans_their_follow_up(
        stakeholder_id: str, location: Location, capsys: pytest.CaptureFixture[str]) -> None:
    from spocdesk.core.people import query as stakeholder_query

    people = _people(location)
    run(capsys, "add", "--title", "Boiler", "--stakeholder", stakeholder_id)
    code, out, err = run(capsys, "log", "C-0001", "--channel", "phone", "--direction", "out",
                         "--summary", "Called both", "--with", "greta@example.org",
                         "--with", "anna nowak", "--follow-up", "Fri 10:00",
                         "--next-step", "Send the quote")
    assert code == 0, err
    assert out.startswith("Logged on C-0001; follow-up Fri ") and out.endswith(" 10:00.\n")
    store = Store.open(location, PASSPHRASE)
    try:
        for who in (people["Greta Weber"], stakeholder_id):
            assert stakeholder_query.interaction_count(store, who) == 1
        rows = stakeholder_query.stakeholder_rows(store, [people["Greta Weber"]])
        assert rows[people["Greta Weber"]].next_followup is not None  # the first "with"
    finally:
        store.close()
    data = json.loads(run(capsys, "show", "C-0001", "--json")[1])
    assert data["next_step"] == "Send the quote" and data["next_followup_at"] is not None


@pytest.mark.parametrize(("who", "words"), [
    ("Kim Lee", "'Kim Lee' names more than one stakeholder"),
    ("Nobody", "No stakeholder is called or reachable at 'Nobody'"),
])
def test_log_with_an_unclear_person_is_one_sentence(
        stakeholder_id: str, location: Location, capsys: pytest.CaptureFixture[str],
        who: str, words: str) -> None:
    _people(location)
    run(capsys, "add", "--title", "Boiler")
    code, out, err = run(capsys, "log", "C-0001", "--channel", "phone", "--direction", "out",
                         "--summary", "Hi", "--with", who)
    assert (code, out) == (1, "") and words in err and err.count("\n") == 1
    assert json.loads(run(capsys, "show", "C-0001", "--json")[1])["last_interaction_at"] is None


def test_participant_add_remove_and_escalation_outcome(
        stakeholder_id: str, location: Location, capsys: pytest.CaptureFixture[str]) -> None:
    people = _people(location)
    run(capsys, "add", "--title", "Boiler", "--stakeholder", stakeholder_id)
    code, out, err = run(capsys, "participant", "add", "C-0001", "Greta Weber",
                         "--role", "provider")
    assert (code, out, err) == (0, "Added Greta Weber to C-0001 as provider.\n", "")
    code, _, err = run(capsys, "participant", "add", "C-0001", "kim@b.example", "--main")
    assert code == 0, err
    participants = json.loads(run(capsys, "show", "C-0001", "--json")[1])["participants"]
    assert sorted((p["stakeholder_id"], p["role"], p["main"]) for p in participants) == sorted([
        (stakeholder_id, "client", False), (people["Greta Weber"], "provider", False),
        (people["kim lee"], "client", True)])
    code, out, _ = run(capsys, "participant", "remove", "C-0001", people["Greta Weber"],
                       "--json")
    assert code == 0
    assert json.loads(out) == {"ref": "C-0001", "stakeholder_id": people["Greta Weber"]}
    participants = json.loads(run(capsys, "show", "C-0001", "--json")[1])["participants"]
    assert people["Greta Weber"] not in {p["stakeholder_id"] for p in participants}
    code, _, err = run(capsys, "participant", "remove", "C-0001", "Greta Weber")
    assert code == 1 and err.count("\n") == 1

    code, _, err = run(capsys, "outcome", "C-0001", "--outcome", "Fixed")
    assert code == 1 and "Case C-0001 has no escalation waiting for an outcome." in err
    run(capsys, "escalate", "C-0001", "--to", "Billing team", "--reason", "Refund")
    code, out, _ = run(capsys, "outcome", "c-0001", "--outcome", "Refund approved", "--json")
    assert (code, json.loads(out)) == (0, {"ref": "C-0001", "status": "open"})
    data = json.loads(run(capsys, "show", "C-0001", "--json")[1])
    assert data["escalated"] is False and data["status"] == "open"
    assert data["escalations"][0]["outcome"] == "Refund approved"


def test_log_json(stakeholder_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "add", "--title", "Boiler", "--stakeholder", stakeholder_id)
    code, out, _ = run(capsys, "log", "C-0001", "--channel", "email", "--direction", "in",
                       "--summary", "Sent the photos", "--with", stakeholder_id, "--json")
    data = json.loads(out)
    assert code == 0 and data["ref"] == "C-0001" and data["with"] == [stakeholder_id]
    assert len(data["id"]) == 36 and data["follow_up_due"] is None


def test_show_names_who_an_interaction_was_with(stakeholder_id: str, location: Location,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from spocdesk.core.cases.service import NewInteraction, log_interaction

    assert run(capsys, "add", "--title", "Boiler", "--stakeholder", stakeholder_id)[0] == 0
    store = Store.open(location, PASSPHRASE)
    try:
        log_interaction(store, "C-0001", NewInteraction(
            "phone", "in", "Boiler is cold", stakeholder_ids=[stakeholder_id]))
    finally:
        store.close()
    data = json.loads(run(capsys, "show", "C-0001", "--json")[1])
    call = next(e for e in data["timeline"] if e["kind"] == "interaction")
    assert call["with"] == ["Anna Nowak"]
    assert all(e["with"] == [] for e in data["timeline"] if e["kind"] != "interaction")
    assert "phone/in with Anna Nowak: Boiler is cold" in run(capsys, "show", "C-0001")[1]
