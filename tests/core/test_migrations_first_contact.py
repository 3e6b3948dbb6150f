"""Revision 0022: a store of revision 0021 gets the first-contact verdict of every
resolved case, worked out in SQL exactly as the services work it out."""

from __future__ import annotations

import sqlalchemy as sa

from spocdesk.core import demo
from spocdesk.core.cases import first_contact
from spocdesk.core.paths import Location
from spocdesk.core.store import Store
from tests.conftest import PASSPHRASE

VERDICTS = ("SELECT id, first_contact, first_channel FROM case_record "
            "WHERE deleted_at IS NULL ORDER BY id")


def test_the_upgrade_settles_every_resolved_case(location: Location) -> None:
    Store.create(location, PASSPHRASE, revision="0021").close()
    old = Store.open(location, PASSPHRASE, upgrade=False)
    try:
        demo.generate(old, "small")  # revision 0021: cases without a verdict
    finally:
        old.close()
    store = Store.open(location, PASSPHRASE)  # upgrades to 0022
    try:
        with store.connection() as conn:
            upgraded = conn.exec_driver_sql(VERDICTS).all()
            done = {str(r[0]) for r in conn.exec_driver_sql(
                "SELECT id FROM case_record WHERE deleted_at IS NULL "
                "AND resolved_at IS NOT NULL AND status IN ('resolved', 'closed')")}
        assert done, "the small demo store has resolved cases"
        for case_id, verdict, channel in upgraded:
            if case_id in done:
                assert verdict in (0, 1) and channel is not None
            else:
                assert (verdict, channel) == (None, None)
        verdicts = {r[1] for r in upgraded if r[0] in done}
        assert verdicts == {0, 1}, "some at first contact, some not"
        # the rule of the services gives the same answer, case by case
        with store.unit_of_work() as uow:
            conn = uow.session.connection()
            conn.exec_driver_sql("UPDATE case_record SET first_contact = NULL, "
                                 "first_channel = NULL")
            first_contact.settle(conn, [str(r[0]) for r in upgraded])
            again = conn.exec_driver_sql(VERDICTS).all()
            uow.commit()
        assert again == upgraded
        with store.connection() as conn:
            indexes = {str(r[1]) for r in conn.exec_driver_sql(
                "PRAGMA index_list(case_record)")}
        assert "ix_case_first_contact" in indexes
    finally:
        store.close()


def test_a_generated_store_has_its_verdicts(store: Store) -> None:
    demo.generate(store, "small")
    with store.connection() as conn:
        missing = conn.execute(sa.text(
            "SELECT count(*) FROM case_record WHERE deleted_at IS NULL "
            "AND resolved_at IS NOT NULL AND status IN ('resolved', 'closed') "
            "AND first_contact IS NULL")).scalar_one()
    assert missing == 0
