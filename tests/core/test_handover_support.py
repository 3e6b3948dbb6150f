"""Shared set-up for the handover tests (no tests here): an owner's store with
cases, people, interactions and follow-ups, an absence, and the deputy's edits."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.handover import absence
from spocdesk.core.handover import pack as packmod
from spocdesk.core.model import Case, CaseParticipant, FollowUp
from spocdesk.core.people import stakeholders
from spocdesk.core.store import Store, keying

PACK_PASSPHRASE = "a different pack passphrase"
CANARY = "CANARY-pack-41c9-Ümlaut"


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fewer PBKDF2 rounds: the tests open many stores; the format is unchanged."""
    monkeypatch.setattr(keying, "KDF_ITERATIONS", 2_000)


@dataclass
class World:
    store: Store
    clock: FixedClock
    absence_id: str
    case_ids: dict[str, str]  # ref → id
    followup_ids: dict[str, str]  # title → id
    alice: str
    bob: str


def build_world(store: Store, clock: FixedClock) -> World:
    alice = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Alice Archer", organisation="Acme Roofing", preferred_channel="email",
        notes=CANARY,
        contact_points=[stakeholders.NewContactPoint("email", "alice@example.org",
                                                      preferred=True),
                        stakeholders.NewContactPoint("phone", "+49 30 1234")],
    )).value
    bob = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name="Bob Baker", preferred_channel="phone",
        contact_points=[stakeholders.NewContactPoint("phone", "+49 40 5678")])).value
    refs = [
        cases.add_case(store, cases.NewCase(title="Roof leak", priority="high",
                                            description=CANARY,
                                            stakeholders=[(alice, "client")])).value,
        cases.add_case(store, cases.NewCase(title="Invoice dispute", status="open",
                                            stakeholders=[(bob, "client")])).value,
        cases.add_case(store, cases.NewCase(title="Old matter", status="closed")).value,
        cases.add_case(store, cases.NewCase(title="Server down", priority="urgent",
                                            status="escalated")).value,
    ]
    with store.unit_of_work() as uow:
        ids = {ref: cases.by_ref(uow.session, ref).id for ref in refs}
    cases.log_interaction(store, "C-0001", cases.NewInteraction(
        channel="phone", direction="in", summary="Old call about gutters",
        occurred_at=clock.now() - timedelta(days=200)))
    cases.log_interaction(store, "C-0001", cases.NewInteraction(
        channel="email", direction="out", summary="Sent the roofer's quote",
        occurred_at=clock.now() - timedelta(days=3), stakeholder_ids=[alice]))
    cases.log_interaction(store, "C-0001", cases.NewInteraction(
        channel="phone", direction="in", summary=f"Leak is worse {CANARY}",
        occurred_at=clock.now() - timedelta(days=1), stakeholder_ids=[alice]))
    fus = {}
    for title, ref, days in (("Call the roofer", "C-0001", 3), ("Send corrected invoice",
                                                                "C-0002", 4),
                             ("Review in summer", "C-0002", 120)):
        fus[title] = followups.add_followup(store, followups.NewFollowUp(
            title=title, due_at=clock.now() + timedelta(days=days), case_id=ids[ref])).value
    absence_id = absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 13), deputy_name="Dana Deputy",
        deputy_contact="dana@example.org", note="Back on the 16th")).value
    for ref in ("C-0001", "C-0002", "C-0004"):
        draft = absence.prefill_note(store, absence_id, ids[ref])
        if ref == "C-0001":
            draft.contingencies = "If the leak spreads, then call Acme's emergency line."
        absence.save_note(store, absence_id, ids[ref], draft)
    return World(store, clock, absence_id, ids, fus, alice, bob)


def export(world: World, folder: Path, name: str = "handover.spocpack") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / name
    packmod.export_pack(world.store, world.absence_id, out, PACK_PASSPHRASE)
    return out


def deputy_edits(pack_path: Path, clock: FixedClock) -> dict[str, str]:
    """The deputy's week: a call logged, a status changed, a person added, a follow-up
    done, a note acknowledged. Returns ids of what was made."""
    deputy_clock = FixedClock(clock.now() + timedelta(days=2))
    pack = packmod.open_pack(pack_path, PACK_PASSPHRASE, clock=deputy_clock)
    try:
        assert pack.author == "deputy"
        made: dict[str, str] = {}
        made["interaction"] = cases.log_interaction(pack, "C-0001", cases.NewInteraction(
            channel="phone", direction="out", summary="Called Alice, roofer comes Thursday")
        ).value
        with pack.unit_of_work() as uow:
            case = cases.by_ref(uow.session, "C-0002")
            case.status = "waiting"
            uow.commit()
        carol = stakeholders.add_stakeholder(pack, stakeholders.NewStakeholder(
            display_name="Carol Roofer", preferred_channel="phone")).value
        made["carol"] = carol
        with pack.unit_of_work() as uow:
            case_id = cases.by_ref(uow.session, "C-0001").id
            uow.session.add(CaseParticipant(case_id=case_id, stakeholder_id=carol,
                                            role="vendor"))
            item = uow.session.scalar(sa.select(FollowUp).where(
                FollowUp.title == "Call the roofer"))
            assert item is not None
            item.done_at = deputy_clock.now()
            uow.commit()
        note = next(n for n in absence.notes(pack, absence.list_absences(pack)[0].id)
                    if n.case_ref == "C-0001")
        absence.acknowledge(pack, note.id, "Dana Deputy", "Leak: roofer Thursday; else Acme.")
        made["note"] = note.id
    finally:
        pack.close()
    return made


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(f"{path}{suffix}")
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def case_row(store: Store, ref: str) -> Case:
    with store.unit_of_work() as uow:
        case = cases.by_ref(uow.session, ref)
        uow.session.refresh(case)
        uow.session.expunge(case)  # detached with every column loaded
        return case


def t0() -> datetime:
    return datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def edit_case(store: Store, ref: str, **values: object) -> None:
    """Set fields of a case directly, as an edit on either side of a handover."""
    with store.unit_of_work() as uow:
        case = cases.by_ref(uow.session, ref)
        for name, value in values.items():
            setattr(case, name, value)
        uow.commit()


def open_as_deputy(path: Path, clock: FixedClock) -> Store:
    """The pack at ``path`` opened as the deputy would, at the clock's time."""
    return packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now()))


def assert_sound(store: Store) -> None:
    """The store is whole: the file's pages and FTS index (a server's pages are its
    operator's duty), and on both the search documents in step with the records."""
    from spocdesk.core.search import query as search
    from spocdesk.core.store import backend

    if store.backend == backend.SQLITE:
        assert store.integrity_problems() == []
    assert search.index_problems(store) == []
