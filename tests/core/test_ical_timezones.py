"""VTIMEZONEs every reader agrees on (issue 19): icalendar, vobject and dateutil's tzical
read the written file, and each occurrence of a weekly series gets zoneinfo's offset,
across the changes to and from summer time, north and south."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from dateutil import rrule
from dateutil.tz import tzical

from spocdesk.core.followups import service as followups
from spocdesk.core.followups.service import NewFollowUp
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

ZONES = ("Europe/Berlin", "America/New_York", "Australia/Sydney")
STARTS = (datetime(2027, 1, 4, 8, 0), datetime(2027, 7, 5, 8, 0))


def _with_icalendar(text: str, zone: str) -> tzinfo:
    cal = icalendar.Calendar.from_ical(text)
    found = [tz for tz in cal.walk("VTIMEZONE") if str(tz["TZID"]) == zone]
    return found[0].to_tz()


def _with_vobject(text: str, zone: str) -> tzinfo:
    cal = vobject.readOne(text)
    for component in cal.vtimezone_list:
        if component.tzid.value == zone:
            found: tzinfo = component.gettzinfo()
            return found
    raise AssertionError(f"no VTIMEZONE for {zone}")


def _with_tzical(text: str, zone: str) -> tzinfo:
    found = tzical(io.StringIO(text)).get(zone)
    assert found is not None
    return found


READERS: dict[str, Callable[[str, str], tzinfo]] = {
    "icalendar": _with_icalendar, "vobject": _with_vobject, "dateutil": _with_tzical}


@pytest.fixture
def exported(store: Store, tmp_path: Path) -> str:
    for zone in ZONES:
        for start in STARTS:
            followups.add_followup(store, NewFollowUp(
                f"Weekly in {zone} from {start:%B}", start.replace(tzinfo=ZoneInfo(zone)),
                rrule="FREQ=WEEKLY;COUNT=60", tzid=zone))
    path = tmp_path / "series.ics"
    followups.export_followups(store, path)
    return path.read_text("utf-8")


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("zone", ZONES)
def test_every_reader_gives_every_occurrence_zoneinfos_offset(
        exported: str, reader: str, zone: str) -> None:
    read = READERS[reader](exported, zone)
    truth = ZoneInfo(zone)
    for start in STARTS:
        for moment in rrule.rrule(rrule.WEEKLY, dtstart=start, count=60):
            expected = moment.replace(tzinfo=truth).utcoffset()
            assert moment.replace(tzinfo=read).utcoffset() == expected, (reader, zone, moment)


def test_sydney_series_from_january_starts_in_summer_time(exported: str) -> None:
    """The reported case: weekly from 2027-01-04 08:00 in Sydney is 21:00 UTC the day
    before (+11:00), not 22:00 (+10:00)."""
    first = datetime(2027, 1, 4, 8, 0)
    for reader in READERS.values():
        offset = first.replace(tzinfo=reader(exported, "Australia/Sydney")).utcoffset()
        assert offset == timedelta(hours=11)
