"""End to end, nothing the user typed reaches disk in plaintext.

One workflow with a canary in every text field: create the store, import a vCard
file and a CSV file, create cases, log interactions, escalate, add follow-ups,
change the settings, plan an absence with handover notes and export the pack,
take backups, change the passphrase, crash-log an exception, lock. Then every byte
of every file under the data directory (store, WAL/SHM, backups, logs, lock file,
anything else) and under the user's home/config folders, and the handover pack,
is scanned for each canary: UTF-8, UTF-16 (both byte orders), casefolded, upper
case and NFD. None may appear; no temporary file may be left behind.

Deliberately left out of the scan: the vCard/CSV files the user imported (they
were plaintext before spocdesk saw them) and the calendar (.ics) and contacts
(.vcf) exports, which the user asks for as plaintext files. They are written
outside the data directory, and the test checks they really hold the canary (so
the scan would have seen it had they landed in a scanned place).
"""

from __future__ import annotations

import logging
import sys
import tempfile
import unicodedata
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from spocdesk.core import logs, preferences
from spocdesk.core.cases import escalation as case_escalation
from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.handover import absence
from spocdesk.core.handover import pack as packmod
from spocdesk.core.paths import Location
from spocdesk.core.people import contacts_export, contacts_import, stakeholders
from spocdesk.core.store import Store, backup, keying
from tests.conftest import PASSPHRASE

CORE = "CANARY-e2e-4b7d"
NEW_PASSPHRASE = "a new and rather long passphrase"
PACK_PASSPHRASE = "the deputy's own pack passphrase"


def canary(field: str) -> str:
    """One canary per field, so a leak names its source; all share :data:`CORE`."""
    return f"{CORE}-{field}-Ümlaut"


def variants(text: str) -> list[bytes]:
    forms = {text, text.casefold(), text.upper(), unicodedata.normalize("NFD", text)}
    return [form.encode(codec) for form in sorted(forms)
            for codec in ("utf-8", "utf-16-le", "utf-16-be")]


NEEDLES = variants(CORE) + variants("Ümlaut")  # every canary holds both


@pytest.fixture
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keying, "KDF_ITERATIONS", 2_000)


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary folder of our own (SQLite and Python both honour TMPDIR), so other
    processes' temporary files cannot hide or fake a leftover."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setenv("SQLITE_TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _inputs(folder: Path) -> tuple[Path, Path]:
    folder.mkdir()
    vcf = folder / "contacts.vcf"
    vcf.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"N:{canary('vcard-family')};{canary('vcard-given')};;;\r\n"
        f"FN:{canary('vcard-fn')}\r\nORG:{canary('vcard-org')}\r\n"
        f"TITLE:{canary('vcard-title')}\r\nEMAIL;TYPE=WORK:vcard-{CORE}@example.org\r\n"
        f"TEL;TYPE=CELL:+49 30 5550101\r\nNOTE:{canary('vcard-note')}\r\nEND:VCARD\r\n",
        encoding="utf-8")
    csv = folder / "contacts.csv"
    csv.write_text(
        "First Name,Last Name,Organization Name,Organization Title,Notes,"
        "E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
        f"{canary('csv-given')},{canary('csv-family')},{canary('csv-org')},"
        f"{canary('csv-title')},{canary('csv-note')},Work,csv-{CORE}@example.org,"
        "Mobile,+49 30 5550202\n", encoding="utf-8")
    return vcf, csv


def _workflow(store: Store, clock: FixedClock, inputs: Path, exports: Path,
              pack_path: Path) -> None:
    for source in _inputs(inputs):
        parsed = contacts_import.read_file(source)
        assert parsed.contacts, source.name
        contacts_import.apply(store, parsed, default="add")
    sid = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=canary("display-name"), given_name=canary("given"),
        family_name=canary("family"), organisation=canary("organisation"),
        title=canary("title"), tags=[canary("stakeholder-tag")], notes=canary("notes"),
        contact_points=[
            stakeholders.NewContactPoint("email", f"typed-{CORE}@example.org",
                                         label=canary("email-label"), preferred=True),
            stakeholders.NewContactPoint("address", canary("address")),
            stakeholders.NewContactPoint("other", canary("other-contact"))],
    )).value
    refs = [cases.add_case(store, cases.NewCase(
        title=canary(f"case-title-{n}"), description=canary(f"description-{n}"),
        status="open", category=canary(f"category-{n}"), tags=[canary(f"case-tag-{n}")],
        next_step=canary(f"next-step-{n}"), stakeholders=[(sid, "client")])).value
        for n in range(2)]
    with store.unit_of_work() as uow:
        case_ids = [cases.by_ref(uow.session, ref).id for ref in refs]
    for n, ref in enumerate(refs):
        cases.log_interaction(store, ref, cases.NewInteraction(
            channel="phone", direction="in", summary=canary(f"summary-{n}"),
            body=canary(f"body-{n}"), stakeholder_ids=[sid]))
    escalation = case_escalation.escalate(store, case_ids[0], canary("escalated-to"),
                                          canary("reason")).value
    case_escalation.record_escalation_outcome(store, escalation, canary("outcome"))
    for n, case_id in enumerate(case_ids):
        followups.add_followup(store, followups.NewFollowUp(
            title=canary(f"followup-{n}"), notes=canary(f"followup-notes-{n}"),
            due_at=clock.now() + timedelta(days=2 + n), case_id=case_id, stakeholder_id=sid))
    followups.add_followup(store, followups.NewFollowUp(
        title=canary("recurring"), due_at=clock.now() + timedelta(days=1),
        rrule="FREQ=WEEKLY;COUNT=5", tzid="Europe/Berlin"))
    value = preferences.get_settings(store)
    value.owner_name = canary("owner-name")
    preferences.save_settings(store, value)

    # deliberate plaintext exports, outside the data directory
    exports.mkdir()
    followups.export_followups(store, exports / "followups.ics", include_details=True)
    contacts_export.export_vcards(store, exports / "contacts.vcf")

    absence_id = absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 13),
        deputy_name=canary("deputy"), deputy_contact=f"deputy-{CORE}@example.org",
        note=canary("absence-note")), case_ids).value
    for n, case_id in enumerate(case_ids):
        note_id = absence.save_note(store, absence_id, case_id, absence.NoteDraft(
            severity="watch", summary=canary(f"note-summary-{n}"),
            actions=[absence.Action(canary(f"action-{n}"), owner=canary(f"owner-{n}"))],
            situation=canary(f"situation-{n}"),
            contingencies=canary(f"contingency-{n}"))).value
        absence.acknowledge(store, note_id, canary(f"receiver-{n}"), canary(f"synthesis-{n}"))
    packmod.export_pack(store, absence_id, pack_path, PACK_PASSPHRASE)

    backup.backup_now(store)
    backup.daily_backup_if_due(store)
    store.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    cases.log_interaction(store, refs[1], cases.NewInteraction(  # under the new key
        channel="email", direction="out", summary=canary("after-rekey")))
    backup.backup_now(store)
    try:  # a crash while handling record content: the log keeps frames only
        raise RuntimeError(canary("exception-message"))
    except RuntimeError:
        logs.log_crash(*sys.exc_info())


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def _leaks(paths: list[Path]) -> list[str]:
    found = []
    for path in paths:
        data = path.read_bytes()
        found += [f"{path.name}: {needle!r}" for needle in NEEDLES if needle in data]
    return found


def test_no_canary_anywhere_after_a_full_workflow(location: Location, tmp_path: Path,
                                                  fast_kdf: None, private_tmp: Path) -> None:
    clock = FixedClock(datetime(2026, 3, 2, 9, 0).astimezone())
    logs.setup(location.log_dir, level=logging.DEBUG)
    temp_before = sorted(private_tmp.rglob("*"))
    pack_path = tmp_path / "handover" / "deputy.spocpack"
    pack_path.parent.mkdir()
    store = Store.create(location, PASSPHRASE, clock=clock)
    try:
        _workflow(store, clock, tmp_path / "inputs", tmp_path / "exports", pack_path)
        open_files = _files(location.data_dir)  # while open: WAL and SHM hold fresh pages
        assert any(p.name.endswith("-wal") for p in open_files)
        assert not _leaks(open_files)
    finally:
        store.close()  # the lock
    logging.getLogger("spocdesk").handlers[-1].flush()

    scanned = _files(location.data_dir) + _files(tmp_path / "user") + [pack_path]
    names = {p.name for p in scanned}
    assert {"spocdesk.db", "spocdesk.db.lock", "spocdesk.log", pack_path.name} <= names
    assert len(list(location.backup_dir.glob("*.spocdesk-backup"))) == 3
    assert (location.log_dir / "spocdesk.log").stat().st_size > 0
    assert _leaks(scanned) == []
    assert sorted(private_tmp.rglob("*")) == temp_before  # no temporary file left
    assert not list(tmp_path.glob("**/*.partial")) and not list(tmp_path.glob("**/*.tmp"))

    # guards: the canaries were really written and really readable
    exports = _files(tmp_path / "exports")
    assert {p.name for p in exports} == {"followups.ics", "contacts.vcf"}
    assert all(CORE.encode() in p.read_bytes() for p in exports)
    reopened = Store.open(location, NEW_PASSPHRASE)
    try:
        assert sorted(c.title for c in cases.list_cases(reopened))[0] == canary("case-title-0")
    finally:
        reopened.close()
    deputy = packmod.open_pack(pack_path, PACK_PASSPHRASE)
    try:
        notes = absence.notes(deputy, absence.list_absences(deputy)[0].id)
        assert {n.summary for n in notes} == {canary("note-summary-0"),
                                              canary("note-summary-1")}
    finally:
        deputy.close()
