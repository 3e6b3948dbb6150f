"""Core's displayed text beyond its errors — repeat rules, import problems, the merge
summary, the handover completeness and the briefing — reads German once the GUI has
installed its translator, with no placeholder left, and stays English without it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QApplication

from spocdesk.core.errors import InvalidInput, render
from spocdesk.core.followups.recurrence import Recurrence, describe_rule
from spocdesk.core.handover import briefing, merge
from spocdesk.core.handover.absence import Completeness
from spocdesk.core.people.formats import contacts_csv, vcard
from spocdesk.ui import i18n

# English words that must not survive in a German repeat description
ENGLISH = re.compile(r"\b(every|day|days|week|weeks|month|months|year|years|on|of|in|at|the|"
                     r"once|times|until|first|second|third|fourth|fifth|last|Mon|Tue|Wed|Thu|"
                     r"Fri|Sat|Sun|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                     r"January|February|March|May|June|July|October|December)\b")

RULES = [  # rule, dtstart, English, German
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH", None, "every 2 weeks on Mon, Thu",
     "alle 2 Wochen am Mo, Do"),
    ("FREQ=DAILY;INTERVAL=3;COUNT=4", None, "every 3 days, 4 times", "alle 3 Tage, 4-mal"),
    ("FREQ=DAILY;COUNT=1", None, "every day, once", "jeden Tag, einmal"),
    ("FREQ=MONTHLY;BYDAY=2TU", None, "every month on the second Tuesday",
     "jeden Monat am zweiten Dienstag"),
    ("FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1", None, "every month on the last Tuesday",
     "jeden Monat am letzten Dienstag"),
    ("FREQ=MONTHLY;BYMONTHDAY=15", None, "every month on day 15", "jeden Monat am Tag 15"),
    ("FREQ=MONTHLY;BYMONTHDAY=-1", None, "every month on the last day",
     "jeden Monat am letzten Tag"),
    ("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", None, "every year on the last Sunday of March",
     "jedes Jahr am letzten Sonntag im März"),
    ("FREQ=DAILY;BYMONTH=12", None, "every day in December", "jeden Tag im Dezember"),
    ("FREQ=WEEKLY;UNTIL=20261231T225959Z", None, "every week, until 2026-12-31",
     "jede Woche, bis 31.12.2026"),
    ("FREQ=YEARLY;INTERVAL=2", datetime(2026, 3, 16, 9), "every 2 years on 16 March",
     "alle 2 Jahre am 16. März"),
    ("FREQ=MONTHLY", datetime(2026, 3, 16, 9), "every month on day 16",
     "jeden Monat am Tag 16"),
]


@pytest.fixture
def german(qapp: QApplication) -> Iterator[str]:
    language = i18n.install(qapp, "de")
    yield language
    i18n.uninstall(qapp)


def _no_placeholder(*texts: str) -> None:
    for text in texts:
        assert "{" not in text and "}" not in text, text


@pytest.mark.parametrize(("rule", "start", "english", "deutsch"), RULES)
def test_repeat_descriptions_read_german(german: str, rule: str, start: datetime | None,
                                         english: str, deutsch: str) -> None:
    assert german == "de"
    text = describe_rule(rule, start)
    assert text == deutsch
    _no_placeholder(text)


@pytest.mark.parametrize(("rule", "start", "english", "deutsch"), RULES)
def test_repeat_descriptions_stay_english_without_the_translator(
        qapp: QApplication, rule: str, start: datetime | None, english: str,
        deutsch: str) -> None:
    i18n.install(qapp, "de")
    i18n.uninstall(qapp)
    assert describe_rule(rule, start) == english


def test_a_series_describes_itself_in_german(german: str) -> None:
    series = Recurrence.build("FREQ=WEEKLY", "2026-03-16T09:00", "Europe/Berlin")
    assert series.describe() == "jede Woche am Mo um 09:00 Uhr (Europe/Berlin)"
    yearly = Recurrence.build("FREQ=YEARLY", "2026-03-16T09:30", "UTC")
    assert yearly.describe() == "jedes Jahr am 16. März um 09:30 Uhr (UTC)"


TOKENS = ["FREQ=DAILY", "FREQ=WEEKLY", "FREQ=MONTHLY", "FREQ=YEARLY", "INTERVAL=2",
          "INTERVAL=10", "COUNT=1", "COUNT=5", "UNTIL=20301231", "UNTIL=20271231T090000Z",
          "BYDAY=MO", "BYDAY=MO,WE,FR", "BYDAY=2TU", "BYDAY=-1FR", "BYDAY=-2SU,1MO",
          "BYDAY=5TH", "BYDAY=20MO", "BYDAY=-3SA", "BYMONTHDAY=1", "BYMONTHDAY=-1",
          "BYMONTHDAY=1,15,-1", "BYMONTHDAY=-2", "BYMONTH=3", "BYMONTH=1,7", "BYSETPOS=2",
          "BYSETPOS=-1", "BYYEARDAY=100", "BYWEEKNO=20", "WKST=SU"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(freq=st.sampled_from(TOKENS[:4]),
       rest=st.lists(st.sampled_from(TOKENS[4:]), max_size=4, unique=True),
       start=st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 12, 31)),
       zone=st.sampled_from(["Europe/Berlin", "UTC", "America/New_York"]))
def test_random_rules_describe_in_german_without_placeholders_or_english(
        german: str, freq: str, rest: list[str], start: datetime, zone: str) -> None:
    names = {part.split("=")[0] for part in rest}
    if len(names) < len(rest):
        return  # a part given twice: refused by split_rule, not described
    rule = ";".join([freq, *rest])
    try:
        series = Recurrence.build(rule, start.replace(microsecond=0), zone)
    except InvalidInput as exc:
        _no_placeholder(str(exc))
        return
    for text in (series.describe(), describe_rule(series.rule)):
        _no_placeholder(text)
        assert not ENGLISH.search(text), text


def test_import_problems_read_german(german: str) -> None:
    cards = vcard.parse_vcards("BEGIN:VCARD\r\nVERSION:3.0\r\nNOTE:x\r\nEND:VCARD\r\n"
                               "BEGIN:VCARD\r\nFN:Anna\r\n")
    assert [str(p) for p in cards.problems] == [
        "Karte 1: kein Name", "Karte 2: die Datei endet mitten in dieser Karte"]
    assert [str(p) for p in vcard.parse_vcards("hello").problems] == [
        "Datei: keine vCard gefunden (keine Zeile BEGIN:VCARD)"]
    # a row with an e-mail but no name is imported under the address (issue 19); one
    # with neither is the row without a name
    rows = contacts_csv.parse_csv("Name,E-mail,Notes\nAnna,a@example.org,\n,,only a note\n"
                                  "Bob,b@x,extra,more\n")
    assert [str(p) for p in rows.problems] == [
        "Zeile 3: kein Name", "Zeile 4: 4 Felder, die Kopfzeile hat aber 3"]
    assert str(rows.contacts[0].where) == "Zeile 2"
    _no_placeholder(*(str(p) for p in [*cards.problems, *rows.problems]))


def test_import_problems_are_rendered_when_shown(qapp: QApplication) -> None:
    """A problem found before the translator was installed reads German once it is,
    and English again after: the sentence is made when ``str()`` is called."""
    problem = vcard.parse_vcards("BEGIN:VCARD\r\nNOTE:x\r\nEND:VCARD\r\n").problems[0]
    assert str(problem) == "card 1: no name"
    i18n.install(qapp, "de")
    try:
        assert str(problem) == "Karte 1: kein Name"
    finally:
        i18n.uninstall(qapp)
    assert str(problem) == "card 1: no name"


def _summary() -> merge.MergeSummary:
    activity = merge.CaseActivity(
        case_id="c1", ref="C-0042", title="Roof leak", new_case=True,
        interactions=["2026-03-04 phone in: called back"],
        status_changes=[("open", "waiting")], followups_completed=["Send quote"],
        followups_added=["Check invoice"], stakeholders_added=["Anna Weber (client)"],
        # as _summarise makes it: rendered in the language of that moment
        notes_acknowledged=[render("by {name}: {synthesis}", name="Dana", synthesis="all clear")],
        conflicts=2)
    return merge.MergeSummary(pack_id="p", absence_id="a", cases=[activity],
                              stakeholders_added=["Anna Weber"],
                              renumbered=[("C-0007", "C-0051")])


ENGLISH_LINES = [
    "C-0042 Roof leak (new case)",
    "  logged: 2026-03-04 phone in: called back",
    "  status: open → waiting",
    "  follow-up done: Send quote",
    "  follow-up added: Check invoice",
    "  stakeholder added: Anna Weber (client)",
    "  note acknowledged by Dana: all clear",
    "  2 conflicting record(s), see below",
    "New stakeholders: Anna Weber",
    "Case C-0007 from the pack is now C-0051.",
]


def test_merge_summary_reads_german(german: str) -> None:
    lines = _summary().lines()
    assert lines == [
        "C-0042 Roof leak (neuer Fall)",
        "  erfasst: 2026-03-04 phone in: called back",
        "  Status: open → waiting",
        "  Wiedervorlage erledigt: Send quote",
        "  Wiedervorlage angelegt: Check invoice",
        "  Ansprechpartner hinzugefügt: Anna Weber (client)",
        "  Übergabenotiz bestätigt von Dana: all clear",
        "  2 Datensätze mit Konflikt, siehe unten",
        "Neue Ansprechpartner: Anna Weber",
        "Der Fall C-0007 aus dem Paket ist jetzt C-0051.",
    ]
    _no_placeholder(*lines)
    nothing = merge.MergeSummary(pack_id="p", absence_id="a", nothing_to_do=True)
    assert nothing.lines() == [
        "Nichts zusammenzuführen: Dieses Paket bringt keine Änderung (schon zusammengeführt?)."]
    # made while German is installed: the conflict heading and the skip sentence
    assert merge._label("case_record", {"ref": "C-1", "title": "Roof"}, {}) == "Fall C-1 Roof"
    op, skipped = merge._decide_record(
        "followup", "f1", {"revision": 3, "title": "Call Anna"}, None, 1, None, {}, {},
        datetime(2026, 3, 1, tzinfo=UTC))
    assert op is None and skipped == (
        "Den Datensatz „Wiedervorlage Call Anna“ gibt es hier nicht mehr; die Änderungen der "
        "Vertretung daran wurden nicht übernommen.")


def test_merge_summary_stays_english_without_the_translator(qapp: QApplication) -> None:
    i18n.install(qapp, "de")
    i18n.uninstall(qapp)
    assert _summary().lines() == ENGLISH_LINES
    _op, skipped = merge._decide_record(
        "followup", "f1", {"revision": 3, "title": "Call Anna"}, None, 1, None, {}, {},
        datetime(2026, 3, 1, tzinfo=UTC))
    assert skipped == ("The follow-up Call Anna no longer exists here; the deputy's changes "
                       "to it were not taken.")


def test_handover_completeness_and_briefing_read_german(german: str) -> None:
    report = Completeness(total=3, without_note=["a"], without_contingency=["a", "b"],
                          without_actions=["a"], unacknowledged=["a", "b", "c"])
    assert report.sentences() == [
        "1 von 3 Fällen haben keine Übergabenotiz.",
        "2 von 3 Fällen haben keine Wenn-dann-Regel.",
        "1 von 3 Fällen haben keine Aufgabe.",
        "3 von 3 Fällen sind von der Vertretung nicht bestätigt."]
    html = briefing.to_html(briefing.Briefing(
        "a", date(2026, 7, 1), date(2026, 7, 14), "Dana", "", "", datetime(2026, 6, 30,
                                                                          tzinfo=UTC)))
    for heading in ("<h1>Übergabe-Briefing</h1>", "<b>Vertretung:</b> Dana",
                    "2026-07-01 bis 2026-07-14", "<h2>Fälle (0)</h2>",
                    "In die Abwesenheit fällt keine Wiedervorlage.",
                    "Es sind keine Ansprechpartner beteiligt."):
        assert heading in html
    _no_placeholder(html)
