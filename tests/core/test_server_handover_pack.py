"""A handover pack made from a team server, for a deputy without a server account.

Anna, a SPOC, logs in with her own role (row security applies to her, not the
administrator's full access). She writes the encrypted pack file; the deputy opens it
in a store file of their own as today, works the week and sends it back; the hand-back
goes onto the server, nothing lost, and nothing of a colleague's touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import WeakPassphrase
from spocdesk.core.handover import absence, merge
from spocdesk.core.handover import pack as packmod
from spocdesk.core.model import Stakeholder
from spocdesk.core.people import stakeholders
from spocdesk.core.search import query as search
from spocdesk.core.store.server import ServerStore
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    build_world,
    case_row,
    deputy_edits,
    edit_case,
    export,
    fast_kdf,
)
from tests.core.test_row_security import SECRET, Team, db, team  # noqa: F401
from tests.pg_server import PgServer

pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def crew(pg_server: PgServer, db: str) -> Iterator[Team]:  # noqa: F811
    t = Team(pg_server, db)
    yield t
    t.close()


def _as(crew: Team, who: str, clock: FixedClock) -> ServerStore:
    store = ServerStore.connect(crew.server.plain_url(crew.db, user=who), SECRET, clock=clock)
    crew._stores[f"{who}@clock"] = store  # closed with the team
    return store


def test_a_pack_from_the_server_comes_back_onto_it(crew: Team, tmp_path: Path,
                                                   clock: FixedClock) -> None:
    anna, bert = _as(crew, "anna", clock), _as(crew, "bert", clock)
    world = build_world(anna, clock)  # C-0001…C-0004, people, an absence with notes
    berts = cases.add_case(bert, cases.NewCase(title="Bert's own matter")).value  # C-0005
    assert packmod.adopt_author(anna) is False  # the server is nobody's pack

    with pytest.raises(WeakPassphrase, match="not your store's passphrase"):
        packmod.export_pack(anna, world.absence_id, tmp_path / "never.spocpack",
                            SECRET)  # the role's password does not travel
    assert not (tmp_path / "never.spocpack").exists()
    path = export(world, tmp_path / "out")

    # the deputy: the pack is a store file of their own, as from a file
    with packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now())) as pack:
        refs = {c.ref for c in cases.list_cases(pack)}
        assert refs == {"C-0001", "C-0002", "C-0004"}  # never Bert's, never the closed one
        assert all(berts not in str(v) for rows in packmod.read_records(pack).values()
                   for v in rows)
    made = deputy_edits(path, clock)
    with packmod.open_pack(path, PACK_PASSPHRASE, clock=FixedClock(clock.now())) as pack:
        new_ref = cases.add_case(pack, cases.NewCase(title="Deputy's new case")).value
        assert new_ref == "C-0005"  # the pack knows nothing of Bert's C-0005
        # a new organisation for Bob, made after him: its row comes later in the pack
        org = stakeholders.add_stakeholder(pack, stakeholders.NewStakeholder(
            display_name="Baker & Sons", kind="organisation")).value
        with pack.unit_of_work() as uow:
            bob = uow.session.get(Stakeholder, world.bob)
            assert bob is not None
            bob.organisation_id = org
            uow.commit()
        returned = packmod.send_back(pack, tmp_path / "return.spocpack")

    # meanwhile Anna changed something the deputy did not touch
    edit_case(anna, "C-0004", next_step="Wait for the vendor's patch")

    outcome = merge.merge_pack(anna, returned, PACK_PASSPHRASE)
    summary = outcome.value
    assert summary.conflicts == [] and summary.skipped == []
    assert summary.renumbered == [("C-0005", "C-0006")]  # Bert's number, hidden, counts
    assert set(summary.stakeholders_added) == {"Carol Roofer", "Baker & Sons"}

    # nothing lost: the deputy's week is on the server, Anna's own change too
    assert case_row(anna, "C-0002").status == "waiting"
    assert case_row(anna, "C-0004").next_step == "Wait for the vendor's patch"
    assert case_row(anna, "C-0006").title == "Deputy's new case"
    roof = case_row(anna, "C-0001")
    hits = search.search(anna, "roofer Thursday")
    assert any(h.id == made["interaction"] for h in hits)  # the search documents follow
    note = absence.get_note(anna, world.absence_id, roof.id)
    assert note is not None and note.acknowledged_by == "Dana Deputy"

    # the server's rules: the new records are Anna's, the audit trail names her role
    owners = dict(crew.rows("anna", "SELECT display_name, owner FROM stakeholder"))
    assert owners["Carol Roofer"] == owners["Baker & Sons"] == "anna"
    assert crew.rows("anna", "SELECT organisation_id FROM stakeholder WHERE id = %s",
                     world.bob) == [(org,)]
    assert crew.rows("anna", "SELECT owner FROM case_record WHERE ref = 'C-0006'") == [
        ("anna",)]
    roles = {r[0] for r in crew.rows(
        "anna", "SELECT DISTINCT db_role FROM audit_event WHERE author = 'deputy'")}
    assert roles == {"anna"}  # what the deputy did, written onto the server by Anna
    # Bert's case is as it was, and he sees none of Anna's
    assert crew.rows("bert", "SELECT ref, title, revision FROM case_record") == [
        ("C-0005", "Bert's own matter", 1)]

    # the same pack again changes nothing
    again = merge.merge_pack(anna, returned, PACK_PASSPHRASE)
    assert again.value.nothing_to_do
