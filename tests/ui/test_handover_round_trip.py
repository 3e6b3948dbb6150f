"""The round trip through the GUI: the owner exports from the page, the deputy opens
the pack from the first-run dialog (no store of their own), sees whom they cover for,
works, sends a verified copy back; the owner merges it from the page."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from spocdesk.core import settings
from spocdesk.core.cases import service as cases
from spocdesk.core.clock import FixedClock
from spocdesk.core.handover.merge import MergePlan
from spocdesk.core.model import Interaction
from spocdesk.core.paths import resolve
from spocdesk.ui.bus import ChangeBus
from spocdesk.ui.handover import deputy, dialogs, open_pack
from spocdesk.ui.handover.page import HandoverPage
from spocdesk.ui.unlock import CreateStoreDialog
from tests.core.test_handover_support import (  # noqa: F401
    PACK_PASSPHRASE,
    World,
    build_world,
    fast_kdf,
)

pytestmark = pytest.mark.usefixtures("fast_kdf")


@pytest.fixture
def world(store: Any, clock: FixedClock) -> World:
    return build_world(store, clock)


def _page(qtbot: Any, store: Any) -> HandoverPage:
    page = HandoverPage(ChangeBus())
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.set_store(store)
    return page


def test_round_trip_through_the_gui(qtbot: Any, world: World, tmp_path: Path,
                                    clock: FixedClock, monkeypatch: Any) -> None:
    with world.store.unit_of_work() as uow:
        settings.save(uow.session, replace(settings.load(uow.session), owner_name="Olivia Owner"))
        uow.commit()
    travel = tmp_path / "travel"
    travel.mkdir()
    out = travel / "handover.spocpack"
    back = tmp_path / "back.spocpack"
    monkeypatch.setattr(dialogs.PackPassphraseDialog, "ask",
                        classmethod(lambda cls, new, parent=None: PACK_PASSPHRASE))
    monkeypatch.setattr(dialogs.FileChooser, "ask_save",
                        classmethod(lambda cls, parent, title, default, filters: out))
    monkeypatch.setattr(dialogs.ReviewBeforeExportDialog, "ask",
                        classmethod(lambda cls, lines, parent=None: "export"))
    owner_page = _page(qtbot, world.store)
    owner_page.pack_button.click()
    assert out.is_file()

    # the deputy's first start: no store of their own, straight into the pack
    deputy_home = tmp_path / "deputy-home"
    dialog = CreateStoreDialog(resolve(data_dir=deputy_home))
    qtbot.addWidget(dialog)
    assert not dialog.pack_button.isHidden()

    def pack_dialog(parent: Any = None, clock: Any = None) -> Any:
        chooser = open_pack.OpenPackDialog(parent, FixedClock(world.clock.now()))
        qtbot.addWidget(chooser)
        chooser.path.setText(str(out))
        chooser.passphrase.setText("not it")
        chooser.try_open()
        assert "handover pack" in chooser.error.text() and "store" not in chooser.error.text()
        chooser.passphrase.setText(PACK_PASSPHRASE)
        chooser.try_open()
        return chooser.store

    monkeypatch.setattr(open_pack, "open_handover_pack", pack_dialog)
    dialog.open_pack()
    pack = dialog.store
    assert pack is not None and pack.author == "deputy"
    assert not (deputy_home / "spocdesk.db").exists()  # no store of their own was made
    try:
        text = deputy.banner_text(pack)
        assert text is not None and text.startswith("Covering for Olivia Owner until ")
        assert "2026" in text
        cases.log_interaction(pack, "C-0001", cases.NewInteraction(
            channel="phone", direction="out", summary="Deputy called the roofer"))
        deputy_page = _page(qtbot, pack)
        assert not deputy_page.send_back_button.isHidden()
        monkeypatch.setattr(deputy.SendBackChooser, "ask",
                            classmethod(lambda cls, parent, default: back))
        deputy_page.send_back_button.click()
        assert back.is_file() and "verified copy" in deputy_page.message.text()
        assert sorted(p.name for p in travel.iterdir()) == ["handover.spocpack"]
        deputy_page.set_store(None)
    finally:
        pack.close()

    world.clock.advance(timedelta(days=10))
    monkeypatch.setattr(dialogs.FileChooser, "ask_open",
                        classmethod(lambda cls, parent, title, filters: back))
    monkeypatch.setattr(dialogs.MergeDialog, "ask",
                        classmethod(lambda cls, plan, parent=None: {}))
    monkeypatch.setattr(HandoverPage, "offer_finish", lambda self: True)
    seen: list[MergePlan] = []
    owner_page.merge_button.click()
    assert "The handover pack was merged" in owner_page.message.text()
    assert owner_page.current is not None and owner_page.current.finished_at is not None
    with world.store.unit_of_work() as uow:
        found = uow.session.scalar(sa.select(Interaction.id).where(
            Interaction.summary == "Deputy called the roofer"))
    assert found is not None
    assert seen == []


def test_the_app_opens_a_pack_given_with_store_as_a_handover_pack(
        qtbot: Any, world: World, tmp_path: Path, monkeypatch: Any) -> None:
    """``spocdesk --store PACK.spocpack`` asks for the pack's passphrase in the pack
    dialog and leaves nothing beside the pack (no lock, no logs)."""
    from spocdesk import app as app_module
    from spocdesk.core import paths
    from spocdesk.core.handover import pack as packmod

    folder = tmp_path / "stick"
    folder.mkdir()
    out = folder / "handover.spocpack"
    packmod.export_pack(world.store, world.absence_id, out, PACK_PASSPHRASE)
    asked: list[Path | None] = []

    def fake(parent: Any = None, clock: Any = None, path: Path | None = None) -> Any:
        asked.append(path)
        return None

    monkeypatch.setattr(open_pack, "open_handover_pack", fake)
    session = app_module.Session(paths.resolve(store=out))
    assert session._open_real() is None
    assert asked == [out.absolute()]
    assert sorted(p.name for p in folder.iterdir()) == ["handover.spocpack"]


def test_the_app_on_a_pack_logs_in_the_deputys_folder_shows_the_banner_backs_up_nothing(
        qtbot: Any, world: World, tmp_path: Path) -> None:
    from spocdesk import app as app_module
    from spocdesk.core.handover import pack as packmod

    folder = tmp_path / "stick"
    folder.mkdir()
    out = folder / "handover.spocpack"
    packmod.export_pack(world.store, world.absence_id, out, PACK_PASSPHRASE)
    deputy_home = tmp_path / "deputy-home"
    pack = packmod.open_pack(out, PACK_PASSPHRASE, data_dir=deputy_home)
    session = app_module.Session(pack.location)
    try:
        session._unlocked(pack)
        banner = session.window.findChild(deputy.DeputyBanner, "deputyBanner")
        assert banner is not None and banner.text().startswith("Covering for ")
        assert (deputy_home / "logs").is_dir()
        assert not (deputy_home / "backups").exists()
        assert sorted(p.name for p in folder.iterdir()) == ["handover.spocpack"]
    finally:
        session.shutdown()
        session.window.close()
    assert sorted(p.name for p in folder.iterdir()) == ["handover.spocpack"]
