"""Captured mail never reaches disk in plaintext: a canary in the subject, the sender's
name, the text, the HTML and an attachment of an imported e-mail, imported, listed,
filed as a new case and backed up through the command line; then every byte of every
file under the data directory (store, WAL, backups, logs) and the temporary folder is
scanned for it in UTF-8 and UTF-16, any case, NFC and NFD, and in base64 as mail
carries it. The imported file itself lives outside the data directory."""

from __future__ import annotations

import base64
import json
import tempfile
import unicodedata
from pathlib import Path

import pytest

from spocdesk import cli
from spocdesk.core.mail import inbox
from spocdesk.core.paths import Location
from spocdesk.core.store import Store, keying
from tests.conftest import PASSPHRASE, all_bytes_under

CORE = "CANARY-mail-7c2e"
WORD = "Grüßlich"


def variants(text: str) -> list[bytes]:
    forms = {text, text.casefold(), text.upper(), unicodedata.normalize("NFD", text)}
    found = [form.encode(codec) for form in sorted(forms)
             for codec in ("utf-8", "utf-16-le", "utf-16-be")]
    return [*found, base64.b64encode(text.encode())[:12]]


def test_no_mail_in_plaintext_on_disk(location: Location, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(keying, "KDF_ITERATIONS", 2_000)
    temp = tmp_path / "tmp"
    temp.mkdir()
    for name in ("TMPDIR", "SQLITE_TMPDIR"):
        monkeypatch.setenv(name, str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", PASSPHRASE)
    Store.create(location, PASSPHRASE).close()

    attachment = base64.b64encode(f"attached {CORE} {WORD} in a file".encode()).decode()
    html = base64.b64encode(f"<p>in the html {CORE}-html {WORD}</p>".encode()).decode()
    source = tmp_path / "inputs" / "request.eml"
    source.parent.mkdir()
    source.write_bytes((
        f"From: =?utf-8?q?{CORE}_Gr=C3=BC=C3=9Flich?= <sender@example.org>\r\n"
        f"To: desk@example.com\r\nSubject: {CORE} subject {WORD}\r\n"
        "Message-ID: <canary@example.org>\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n"
        "--b\r\nContent-Type: multipart/alternative; boundary=c\r\n\r\n"
        f"--c\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nbody {CORE} {WORD}\r\n"
        "--c\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64"
        f"\r\n\r\n{html}\r\n--c--\r\n"
        "--b\r\nContent-Type: text/plain; name=notes.txt\r\nContent-Transfer-Encoding: base64"
        f"\r\nContent-Disposition: attachment; filename=notes.txt\r\n\r\n{attachment}\r\n"
        "--b--\r\n").encode())

    assert cli.main(["mail", "import", str(source)]) == 0
    capsys.readouterr()
    assert cli.main(["inbox", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    mail_id = listed["messages"][0]["id"]
    # waiting in the Inbox, the e-mail is a document of the search index (subject,
    # sender, the start of its text): inside the encrypted store and nowhere else
    assert cli.main(["search", CORE, "--kind", "mail", "--json"]) == 0
    assert [h["id"] for h in json.loads(capsys.readouterr().out)["hits"]] == [mail_id]
    assert_no_canary(location, temp)
    assert cli.main(["inbox", "file", mail_id, "--new-case"]) == 0
    assert cli.main(["backup"]) == 0
    capsys.readouterr()

    store = Store.open(location, PASSPHRASE)
    try:  # the canary is really in the store, so the scan would see a leak
        detail = inbox.get_mail(store, mail_id)
        assert CORE in detail.text and CORE in detail.subject and detail.sender
        assert CORE in detail.sender.name
        data = inbox.attachment_data(store, detail.attachments[0].id)
        assert data is not None and CORE.encode() in data
    finally:
        store.close()

    assert_no_canary(location, temp)


def assert_no_canary(location: Location, temp: Path) -> None:
    scanned = all_bytes_under(location.store.parent) + all_bytes_under(temp)
    assert len(scanned) > 10_000
    for needle in variants(CORE) + variants(WORD):
        assert needle not in scanned, needle
    assert list(temp.iterdir()) == []
