"""The briefing PDF from Qt's own writer: it exists, has the cases by severity then
priority, and its extracted text holds each case's summary; and the print path."""

from __future__ import annotations

import itertools
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrintDialog, QPrinter

from spocdesk.core.clock import FixedClock
from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.handover import absence, briefing
from spocdesk.core.store import Store
from spocdesk.ui import briefing_pdf
from tests.core.test_handover_support import World, build_world, fast_kdf  # noqa: F401


@pytest.fixture
def world(store: Store, clock: FixedClock) -> World:
    return build_world(store, clock)


def pdf_text(path: Path) -> str:
    """Every page's text, ligatures undone and whitespace collapsed."""
    reader = pypdf.PdfReader(str(path))
    text = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(unicodedata.normalize("NFKC", text).split())


def flat(text: str) -> str:
    return " ".join(text.split())


def test_pdf_has_every_case_in_order_with_its_summary(qapp: Any, world: World,
                                                      tmp_path: Path) -> None:
    out = briefing_pdf.write_briefing_pdf(world.store, world.absence_id, tmp_path / "b.pdf")
    assert out == (tmp_path / "b.pdf").absolute()
    assert out.read_bytes().startswith(b"%PDF")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    text = pdf_text(out)
    content = briefing.build_briefing(world.store, world.absence_id)
    # unstable escalated/urgent first, then the high-priority watch case, then the rest
    assert [c.ref for c in content.cases] == ["C-0004", "C-0001", "C-0002"]
    positions = [text.index(f"{c.ref} {c.title}") for c in content.cases]
    assert positions == sorted(positions)
    for case in content.cases:
        for line in case.summary.splitlines():
            assert flat(line) in text, line
    assert "If the leak spreads, then call Acme's emergency line." in text
    assert "Dana Deputy" in text and "Follow-up calendar" in text
    assert "Call the roofer" in text and "Key contacts" in text


def test_pdf_uses_saved_notes_and_drafts(qapp: Any, world: World, tmp_path: Path) -> None:
    note = absence.get_note(world.store, world.absence_id, world.case_ids["C-0002"])
    assert note is not None
    draft = absence.NoteDraft(severity="unstable", summary="Bob is furious; handle first.",
                              actions=note.actions, situation="", contingencies="")
    absence.save_note(world.store, world.absence_id, world.case_ids["C-0002"], draft)
    text = pdf_text(briefing_pdf.write_briefing_pdf(world.store, world.absence_id,
                                                    tmp_path / "b.pdf"))
    assert "Bob is furious; handle first." in text
    # now two unstable cases: the urgent one before the normal one
    assert text.index("C-0004 Server down") < text.index("C-0002 Invoice dispute") < text.index(
        "C-0001 Roof leak")


def test_pdf_errors_are_one_sentence(qapp: Any, world: World, tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match="does not exist"):
        briefing_pdf.write_briefing_pdf(world.store, world.absence_id,
                                        tmp_path / "missing" / "b.pdf")
    with pytest.raises(NotFound):
        briefing_pdf.write_briefing_pdf(world.store, "no-such-absence", tmp_path / "b.pdf")
    assert not (tmp_path / "b.pdf").exists()


def test_print_goes_through_the_print_dialog(qapp: Any, world: World, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> int:
        printer = dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted.value

    monkeypatch.setattr(QPrintDialog, "exec", accept)
    assert briefing_pdf.print_briefing(world.store, world.absence_id)
    assert "C-0004 Server down" in pdf_text(out)
    monkeypatch.setattr(QPrintDialog, "exec",
                        lambda dialog: QPrintDialog.DialogCode.Rejected.value)
    assert not briefing_pdf.print_briefing(world.store, world.absence_id)


def test_pdf_is_private_and_a_full_disk_is_an_error(qapp: Any, world: World, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import errno
    import os

    out = briefing_pdf.write_briefing_pdf(world.store, world.absence_id, tmp_path / "b.pdf")
    assert out.stat().st_mode & 0o777 == 0o600
    before = out.read_bytes()
    real_write = os.write
    calls = {"n": 0}

    def disk_fills_up(fd: int, data: Any) -> int:
        calls["n"] += 1
        if calls["n"] == 1:
            return real_write(fd, bytes(data[: len(data) // 2]))  # half of it, then full
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(briefing_pdf.os, "write", disk_fills_up)
    with pytest.raises(InvalidInput, match="could not be written"):
        briefing_pdf.write_briefing_pdf(world.store, world.absence_id, out)
    monkeypatch.undo()
    assert out.read_bytes() == before  # the earlier briefing is untouched
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.pdf", "home"]


def test_no_line_is_drawn_twice_at_a_page_break(qapp: Any, store: Store,
                                                tmp_path: Path) -> None:
    """Qt's own printing drew a paragraph split by a page break on both pages (clipped
    away, but present for copy, search and screen readers)."""
    from datetime import date

    from spocdesk.core import demo

    demo.generate(store, "small")
    absence_id = absence.plan_absence(store, absence.AbsencePlan(
        starts_on=date(2026, 3, 3), ends_on=date(2026, 3, 13), deputy_name="Dana")).value
    out = briefing_pdf.write_briefing_pdf(store, absence_id, tmp_path / "b.pdf")
    reader = pypdf.PdfReader(str(out))
    pages = [[line.strip() for line in (page.extract_text() or "").splitlines()
              if line.strip()] for page in reader.pages]
    assert len(pages) > 5
    # the paragraphs of the cases, the calendar and the tables (the key contacts at
    # the end; the long table test below checks rows split by a break)
    for number, (before, after) in enumerate(itertools.pairwise(pages), start=2):
        assert before[-1] == str(number - 1)  # the page number at the foot
        assert before[-2] != after[0], f"page {number} repeats the line above its top edge"


def test_page_one_is_an_overview_in_words_and_locale_dates(qapp: Any, world: World,
                                                           tmp_path: Path) -> None:
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        out = briefing_pdf.write_briefing_pdf(world.store, world.absence_id,
                                              tmp_path / "b.pdf")
    finally:
        QLocale.setDefault(previous)
    first = " ".join(unicodedata.normalize(
        "NFKC", pypdf.PdfReader(str(out)).pages[0].extract_text() or "").split())
    overview = first[first.index("Overview"):first.index("Cases (3)")]
    # severity → priority → due: the unstable urgent one, the watch one, the stable one
    assert overview.index("C-0004") < overview.index("C-0001") < overview.index("C-0002")
    assert "Alice Archer, +49 30 1234" in overview and "Bob Baker, +49 40 5678" in overview
    assert "Unstable" in overview and "Urgent" in overview and "No follow-up planned" in overview
    assert "05.03.2026" in overview  # the German locale's date, four-digit year
    assert "2026-03-05" not in overview
    text = pdf_text(out)
    assert "03.03.2026" in text  # the absence's first day
    assert "due 05.03.2026 09:00" in text and "2026-03-05T09:00" not in text  # an action
    assert "unstable" not in text.replace("Unstable", "")  # words, not codes


def test_a_long_table_draws_no_line_twice_at_a_page_break(qapp: Any, tmp_path: Path) -> None:
    """A table row whose cells wrap, split by a page break, was drawn whole on both
    pages (clipped away, but present for copy, search and screen readers)."""
    from datetime import UTC, datetime

    from PySide6.QtGui import QPdfWriter, QTextDocument

    words = "the care home on the corner of the long street behind the station"
    contacts = [briefing.KeyContact(
        name=f"Person {n:03d} Surname", organisation=f"Organisation {n:03d} {words}",
        roles=[f"client in C-{n:04d}", f"relative in C-{n + 1:04d}"],
        preferred_channel="phone", contact=f"+49 30 {n:06d}, p{n:03d}@ex.org")
        for n in range(120)]
    paper = briefing.Briefing(
        absence_id="a", starts_on=datetime(2026, 3, 3).date(),
        ends_on=datetime(2026, 3, 13).date(), deputy_name="Dana", deputy_contact="",
        note="", generated_at=datetime(2026, 3, 2, 9, tzinfo=UTC), contacts=contacts)
    document = QTextDocument()
    document.setDefaultStyleSheet(briefing_pdf.STYLE)
    document.setHtml(briefing.to_html(paper).replace("<table border='1'",
                                                     "<table width='100%' border='1'"))
    out = tmp_path / "b.pdf"
    writer = QPdfWriter(str(out))
    writer.setPageLayout(briefing_pdf._page_layout())
    writer.setResolution(300)
    count = briefing_pdf.paint_pages(document, writer)
    del writer
    reader = pypdf.PdfReader(str(out))
    pages = [[" ".join(line.split()) for line in (page.extract_text() or "").splitlines()
              if line.strip()] for page in reader.pages]
    assert count == len(pages) >= 4
    text = " ".join(" ".join(page) for page in pages)
    for n in range(120):  # every contact once, none lost at a break
        assert text.count(f"Person {n:03d}") == 1, n
        assert text.count(f"p{n:03d}@ex.org") == 1, n
    # the organisation wraps over five lines; at a break its lines went to both pages
    for part in ("care home on the", "corner of the long", "street behind the"):
        assert text.count(part) == 120, part
    for number, before in enumerate(pages, start=1):
        assert before[-1] == str(number)  # the page number at the foot
