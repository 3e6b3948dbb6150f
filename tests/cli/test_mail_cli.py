"""``spocdesk mail import|settings`` and ``inbox list|file``, in-process through ``cli.main``."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from spocdesk import cli
from spocdesk.core.cases import service as cases
from spocdesk.core.mail import inbox
from spocdesk.core.paths import Location
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE

FIXTURES = Path(__file__).parents[1] / "fixtures" / "mail"


@pytest.fixture
def location_with_store(location: Location,
                        monkeypatch: pytest.MonkeyPatch) -> Iterator[Location]:
    store = Store.create(location, PASSPHRASE)
    try:
        ava = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
            display_name="Ava Oneil", contact_points=[
                stakeholders.NewContactPoint("email", "oneil.844@randtelekom.com.tr")])).value
        cases.add_case(store, cases.NewCase(title="Bills", status="open",
                                            stakeholders=[(ava, "client")]))
    finally:
        store.close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    yield location


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def eml(tmp_path: Path, name: str, subject: str, sender: str = "eve@example.net") -> str:
    path = tmp_path / name
    path.write_bytes(f"From: Eve <{sender}>\r\nTo: desk@example.com\r\nSubject: {subject}\r\n"
                     f"Message-ID: <{name}@x>\r\nDate: Mon, 2 Mar 2026 10:00:00 +0000\r\n\r\n"
                     "Please help.\r\n".encode())
    return str(path)


def test_import_files_prints_what_was_filed_where(location_with_store: Location,
                                                  capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    spam = str(FIXTURES / "spamscope_mail_test_3.eml")
    msg = str(FIXTURES / "msgextractor_unicode.msg")
    mine = eml(tmp_path, "a.eml", "[C-0001] more")
    code, out, err = run(capsys, "mail", "import", spam, msg, mine)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "C-0001   Ava Oneil <Oneil.844@randtelekom.com.tr>: Hi there  "
        "(the only open case of the people writing)",
        "inbox    Brian Zhou <brizhou@gmail.com>: Test for TIF files",
        "C-0001   Eve <eve@example.net>: [C-0001] more  (the reference in the subject)",
        "3 imported: 2 filed, 1 in the inbox."]
    code, out, _ = run(capsys, "mail", "import", "--json", spam, msg)
    assert json.loads(out) == {"imported": [], "duplicates": 2}


def test_import_is_all_or_nothing(location_with_store: Location,
                                  capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    junk = tmp_path / "junk.eml"
    junk.write_bytes(b"\x00\x01\x02 nothing here")
    good = eml(tmp_path, "good.eml", "Hello")
    code, out, err = run(capsys, "mail", "import", good, str(junk))
    assert (code, out) == (1, "")
    assert err == "spocdesk: junk.eml cannot be read as an e-mail: it has no mail headers.\n"
    missing = run(capsys, "mail", "import", good, str(tmp_path / "gone.eml"))
    assert missing[0] == 1 and "gone.eml could not be read" in missing[2]
    code, out, _ = run(capsys, "inbox", "list", "--json")
    assert json.loads(out) == {"total": 0, "messages": []}


def test_inbox_list_and_file(location_with_store: Location, capsys: pytest.CaptureFixture[str],
                             tmp_path: Path) -> None:
    mbox = tmp_path / "box.mbox"
    shutil.copy(FIXTURES / "spamscope_mail_test_8.eml", tmp_path / "x.eml")
    parts = [Path(eml(tmp_path, f"m{i}.eml", f"Question {i}")).read_bytes() for i in range(3)]
    mbox.write_bytes(b"".join(b"From eve@example.net Mon Mar  2 10:00:00 2026\n" + p + b"\n"
                              for p in parts))
    assert run(capsys, "mail", "import", str(mbox), str(tmp_path / "x.eml"))[0] == 0
    code, out, _ = run(capsys, "inbox", "list")
    lines = out.splitlines()
    assert lines[0] == "Eve <eve@example.net> (3)"
    assert lines[-1] == "4 in the inbox."
    listed = json.loads(run(capsys, "inbox", "list", "--json", "--limit", "2")[1])
    assert listed["total"] == 4 and len(listed["messages"]) == 2
    first = listed["messages"][0]
    assert set(first) == {"id", "sender_name", "sender_email", "subject", "preview", "date",
                          "attachments", "from_sender"}
    short = first["id"][:8]
    assert run(capsys, "inbox", "file", short, "--case", "c-0001") == (
        0, "Filed on C-0001.\n", "")
    second = listed["messages"][1]["id"]
    code, out, _ = run(capsys, "inbox", "file", second, "--new-case")
    assert out == "Opened C-0002 with this e-mail.\n"
    code, out, _ = run(capsys, "inbox", "file", second, "--case", "C-0001")
    assert code == 1
    rest = json.loads(run(capsys, "inbox", "list", "--json")[1])["messages"]
    assert [m["from_sender"] for m in rest] == [1, 1]
    helicopter = next(m for m in rest if m["sender_email"].endswith("moneytrack.top"))
    code, out, _ = run(capsys, "inbox", "file", helicopter["id"], "--ignore", "--domain")
    assert out == "Ignoring moneytrack.top from now on; 1 e-mail(s) left the inbox.\n"
    code, out, err = run(capsys, "inbox", "file", rest[0]["id"], "--template", "x", "--ignore")
    assert (code, err) == (1, "spocdesk: --template goes with --new-case.\n")
    store = Store.open(location_with_store, PASSPHRASE)
    try:
        assert inbox.count_unfiled(store) == 1
    finally:
        store.close()


def test_mail_settings(location_with_store: Location, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "mail", "settings")[1] == (
        "own addresses: (none)\nsize cap: 25 MB an e-mail\n")
    code, out, _ = run(capsys, "mail", "settings", "--own-addresses", "desk@example.com, me@x.org",
                       "--size-cap-mb", "5", "--json")
    assert json.loads(out) == {"own_addresses": "desk@example.com, me@x.org", "size_cap_mb": 5}
    code, out, err = run(capsys, "mail", "settings", "--size-cap-mb", "0")
    assert (code, err) == (
        1, "spocdesk: The size kept of one e-mail must lie between 1 and 1024 MB.\n")
