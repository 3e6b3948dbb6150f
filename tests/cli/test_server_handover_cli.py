"""``spocdesk --store URL handover export|merge`` as a SPOC on a team server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from spocdesk import cli
from spocdesk.core.clock import FixedClock
from spocdesk.core.store.server import ServerStore
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    build_world,
    deputy_edits,
    fast_kdf,
)
from tests.core.test_row_security import SECRET, db, team  # noqa: F401
from tests.pg_server import PgServer

pytestmark = pytest.mark.usefixtures("fast_kdf")


def test_a_spoc_exports_and_merges_a_pack_by_the_servers_url(
        pg_server: PgServer, db: str, tmp_path: Path, clock: FixedClock,  # noqa: F811
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    url = pg_server.plain_url(db, user="anna")
    anna = ServerStore.connect(url, SECRET, clock=clock)
    try:
        absence_id = build_world(anna, clock).absence_id
    finally:
        anna.close()
    monkeypatch.setenv("SPOCDESK_PASSPHRASE", SECRET)  # the role's password
    monkeypatch.setenv("SPOCDESK_PACK_PASSPHRASE", PACK_PASSPHRASE)
    out = tmp_path / "for-dana.spocpack"
    assert cli.main(["--store", url, "handover", "export", "--out", str(out),
                     "--absence", absence_id]) == 0
    stdout = capsys.readouterr().out
    assert "Wrote a handover pack with 3 case(s)" in stdout and out.is_file()
    deputy_edits(out, clock)
    assert cli.main(["--store", url, "handover", "merge", str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not data["nothing_to_do"] and data["conflicts"] == []
    by_ref = {c["ref"]: c for c in data["cases"]}
    assert by_ref["C-0001"]["followups_completed"] == ["Call the roofer"]
    assert data["added"]["interaction"] == 1
    assert cli.main(["--store", url, "handover", "merge", str(out)]) == 0
    assert capsys.readouterr().out.startswith("Nothing to merge")
