"""The briefing PDF is plaintext: it is written owner-only (0600), whatever the umask."""

from __future__ import annotations

import os
import stat
from datetime import date
from pathlib import Path

from spocdesk.core.services import absence
from spocdesk.core.store import Store
from spocdesk.ui.briefing_pdf import write_briefing_pdf


def test_briefing_pdf_is_owner_only(store: Store, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        absence_id = absence.plan_absence(store, absence.AbsencePlan(
            starts_on=date(2026, 3, 9), ends_on=date(2026, 3, 13))).value
        path = write_briefing_pdf(store, absence_id, tmp_path / "briefing.pdf")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
