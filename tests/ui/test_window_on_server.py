"""The whole window on a team server, as a SPOC under row security (issue 22 item 2,
"everything works the same"): every page shows this person's records through the same
item models as on the file, and a colleague's records appear on none of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from spocdesk.core.cases import detail
from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.followups import service as followups
from spocdesk.core.people import stakeholders
from spocdesk.core.store import roles
from spocdesk.core.store.server import ServerStore
from spocdesk.ui.main_window import MainWindow
from tests.pg_server import PASSWORD, PgServer

SECRET = "a team member's long passphrase"
MEMBERS = ("win_anna", "win_bert")


@pytest.fixture(scope="module")
def members(pg_server: PgServer, pg_template: str) -> tuple[str, ...]:
    url = pg_server.plain_url(pg_template)
    with pg_server.admin() as conn:
        known = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}
    for name in MEMBERS:
        if name not in known:  # roles belong to the whole server
            roles.add_user(url, PASSWORD, name, roles.SPOC, SECRET)
    return MEMBERS


@pytest.fixture
def stores(pg_server: PgServer, pg_template: str, members: tuple[str, ...],
           clock: FixedClock) -> Iterator[dict[str, ServerStore]]:
    db = pg_server.create_database(template=pg_template)
    opened = {name: ServerStore.connect(pg_server.plain_url(db, user=name), SECRET, clock=clock)
              for name in members}
    yield opened
    for s in opened.values():
        s.close()
    pg_server.drop_database(db)


def _fill(store: ServerStore, word: str) -> str:
    person = stakeholders.add_stakeholder(store, stakeholders.NewStakeholder(
        display_name=f"{word} Client")).value
    ref = cases.add_case(store, cases.NewCase(title=f"{word} boiler",
                                              stakeholders=[(person, "requester")])).value
    cases.log_interaction(store, ref, cases.NewInteraction(
        channel="phone", direction="in", summary=f"{word} called", minutes=5))
    followups.add_followup(store, followups.NewFollowUp(
        title=f"{word} ring back", due_at=store.now() + timedelta(hours=2),
        case_id=detail.get_case(store, ref).id, stakeholder_id=person))
    return ref


@pytest.fixture
def window(qtbot, stores: dict[str, ServerStore]) -> Iterator[MainWindow]:
    anna = stores["win_anna"]
    _fill(anna, "Anna")
    _fill(stores["win_bert"], "Bert")
    win = MainWindow(anna.location)
    qtbot.addWidget(win)
    win.resize(1100, 700)
    win.show()
    win.set_store(anna)
    yield win
    win.set_store(None)


def _texts(model) -> str:  # type: ignore[no-untyped-def]
    return " ".join(str(model.index(r, c).data()) for r in range(model.rowCount())
                    for c in range(model.columnCount()))


@pytest.mark.parametrize("title", ["Cases", "Stakeholders", "Follow-ups", "Handover", "Inbox"])
def test_each_page_shows_only_this_persons_records(qtbot, qtmodeltester, window: MainWindow,
                                                   title: str) -> None:
    page = window.show_page(title)
    assert page is not None and window.current_page() is page
    model = page.model  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: model.rowCount() > 0 or title in ("Handover", "Inbox"),
                    timeout=5000)
    qtmodeltester.check(model)
    shown = _texts(model)
    assert "Bert" not in shown
    if title != "Inbox" and title != "Handover":
        assert "Anna" in shown


def test_the_case_opens_with_its_log(qtbot, window: MainWindow) -> None:
    page = window.show_page("Cases")
    assert page is not None
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)  # type: ignore[attr-defined]
    page.table.selectRow(0)  # type: ignore[attr-defined]
    panel = page.detail  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: panel.title.text() == "Anna boiler", timeout=5000)
