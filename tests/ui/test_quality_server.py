"""The dashboard's Quality row on a team server: two SPOCs, each logged in with their
own role, see the satisfaction, first-contact and time figures of their own cases
(row-level security), and a figure opens the records behind it there too
(``test_dashboard_quality.py`` runs the whole row on both backends as one person)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from spocdesk.core.clock import FixedClock
from spocdesk.core.metrics import feedback
from spocdesk.core.people import stakeholders
from spocdesk.core.people.stakeholders import NewStakeholder
from spocdesk.core.store import roles
from spocdesk.core.store.server import ServerStore
from spocdesk.ui.dashboard.drill import RecordsDialog
from tests.pg_server import PASSWORD, PgServer
from tests.ui.test_dashboard_quality import _page, _resolved_case, shown, utc_days  # noqa: F401

SECRET = "a team member's passphrase"


@pytest.fixture
def members(pg_server: PgServer, pg_url: str,
            clock: FixedClock) -> Iterator[dict[str, ServerStore]]:
    """Anna's and Bert's app stores on one database (new roles: roles outlive it)."""
    stores = {}
    for name in ("anna", "bert"):
        role = f"{name}{uuid.uuid4().hex[:6]}"
        roles.add_user(pg_url, PASSWORD, role, roles.SPOC, SECRET)
        stores[name] = ServerStore.connect(pg_url.replace("spoc_admin@", f"{role}@"), SECRET,
                                           clock=clock)
    yield stores
    for store in stores.values():
        store.close()


def test_each_spoc_sees_their_own_quality_figures(
        qtbot, members: dict[str, ServerStore], clock: FixedClock,
        shown: list[RecordsDialog]) -> None:  # noqa: F811
    anna, bert = members["anna"], members["bert"]
    start = clock.now()
    greta = stakeholders.add_stakeholder(anna, NewStakeholder(display_name="Greta")).value
    ref = _resolved_case(anna, clock, "Boiler repair", greta)
    feedback.record_csat(anna, ref, 5, via="phone")
    clock.set(start)
    hugo = stakeholders.add_stakeholder(bert, NewStakeholder(display_name="Hugo")).value
    _resolved_case(bert, clock, "Invoice", hugo)
    theirs = _resolved_case(bert, clock, "Refund", hugo)
    feedback.record_csat(bert, theirs, 2, via="email")

    page = _page(qtbot, anna)
    tiles = page.quality.tiles
    assert tiles["csat"].number.text() == "5.0 of 5"
    assert tiles["csat"].detail.text().startswith("from 1 answer")
    assert tiles["fcr"].detail.text().startswith("1 of 1 resolved")
    assert tiles["first_response"].number.text() == "2.0 h"
    assert page.quality.weeks.index(0, 4).data() == "100 %"
    tiles["csat"].activated.emit()
    assert [shown[-1].model.index(r, 0).data()
            for r in range(shown[-1].model.rowCount())] == [ref]

    page = _page(qtbot, bert)
    tiles = page.quality.tiles
    assert tiles["csat"].number.text() == "2.0 of 5"
    assert tiles["fcr"].detail.text().startswith("2 of 2 resolved")
    tiles["fcr"].activated.emit()
    assert shown[-1].model.rowCount() == 2
