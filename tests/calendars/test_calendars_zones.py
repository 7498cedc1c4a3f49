"""Time zones and instants: every calendar says exactly when things happen.

Timed values carry a TZID whose VTIMEZONE is in the file and matches the tz
database for the years the calendar spans; recurrences keep their local time
across clock changes; UNTIL and EXDATE follow RFC 5545's typing rules.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from generator.calendars.zones import vtimezone
from support_calendars import (  # noqa: F401 - the fixtures are used by name
    NOW,
    basic,
    basic_drafts,
    berlin,
    by_summary,
    every_file,
    occurrences,
    parse,
    vevents,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN_ZONE = ZoneInfo("Europe/Berlin")


def test_every_tzid_has_a_vtimezone_covering_the_calendar_and_no_more(every_file):
    for path, data in every_file.items():
        calendar = parse(data)
        assert not calendar.get_missing_tzids(), f"{path}: {calendar.get_missing_tzids()}"
        events = vevents(data)
        for zone in calendar.walk("VTIMEZONE"):
            assert "COMMENT" not in zone, f"{path}: libical rejects a COMMENT on VTIMEZONE"
            onsets = [part["DTSTART"].dt for part in zone.subcomponents]
            assert onsets == sorted(onsets)
            starts = [e["DTSTART"].dt for e in events]
            starts = [s.date() if isinstance(s, datetime) else s for s in starts] or [NOW.date()]
            assert onsets[0].date() <= min(starts), f"{path}: {zone['TZID']} starts after the first event"
            assert onsets[0].year >= min(starts).year - 1, f"{path}: {zone['TZID']} carries old history"
            years = max(starts).year - onsets[0].year + 2
            assert len(onsets) <= 1 + 2 * years, f"{path}: {zone['TZID']} has {len(onsets)} observances"
    assert {str(z["TZID"]) for z in parse(every_file["basic:calendar/all.ics"]).walk("VTIMEZONE")} == {
        "Asia/Shanghai",
        "America/Los_Angeles",
    }
    assert {str(z["TZID"]) for z in parse(every_file["basic:calendar/wechat.ics"]).walk("VTIMEZONE")} == {
        "Asia/Shanghai"
    }


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Europe/Berlin", "Australia/Lord_Howe", "America/Santiago"])
def test_vtimezone_onsets_are_the_tz_database_transitions(zone):
    """RFC 5545 dates an onset in the wall time of the offset it replaces (TZOFFSETFROM)."""
    tz = ZoneInfo(zone)
    component = vtimezone(zone, date(2026, 1, 1), date(2029, 1, 1))
    parts = component.subcomponents
    assert len(parts) == 7  # the state on 2026-01-01, then two changes a year
    for part in parts[1:]:
        onset = (part["DTSTART"].dt - part["TZOFFSETFROM"].td).replace(tzinfo=UTC)
        assert onset.astimezone(tz).utcoffset() == part["TZOFFSETTO"].td, f"{zone} {part['DTSTART'].dt}"
        before = onset - timedelta(seconds=1)
        assert before.astimezone(tz).utcoffset() == part["TZOFFSETFROM"].td, f"{zone} {part['DTSTART'].dt}"
        assert (part.name == "DAYLIGHT") == bool(onset.astimezone(tz).dst())


def test_rrule_until_is_utc_for_timed_events_and_a_date_for_all_day(every_file):
    seen = 0
    for path, data in every_file.items():
        for event in vevents(data):
            if "RRULE" not in event or "UNTIL" not in event["RRULE"]:
                continue
            until = event["RRULE"]["UNTIL"][0]
            if isinstance(event["DTSTART"].dt, datetime):
                assert isinstance(until, datetime) and until.utcoffset() == timedelta(0), path
            else:
                assert type(until) is date, path
            seen += 1
    assert seen >= 2


def test_exdates_match_the_skipped_occurrence_start(every_file):
    seen = 0
    for path, data in every_file.items():
        for event in vevents(data):
            if "EXDATE" not in event:
                continue
            start = event["DTSTART"]
            exdates = event["EXDATE"] if isinstance(event["EXDATE"], list) else [event["EXDATE"]]
            for group in exdates:
                assert group.params.get("TZID") == start.params.get("TZID"), path
                for value in group.dts:
                    assert type(value.dt) is type(start.dt), path
                    if isinstance(start.dt, datetime):
                        assert value.dt.timetz() == start.dt.timetz(), path
                    seen += 1
    assert seen >= 3


def test_foreign_zone_events_land_at_the_right_instant(basic, berlin):
    meetup = by_summary(basic["calendar/events.ics"], "Bay Area")
    assert meetup["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert meetup["DTSTART"].dt.astimezone(UTC) == datetime(2027, 6, 11, 1, 0, tzinfo=UTC)
    assert meetup["DTEND"].dt.astimezone(UTC) == datetime(2027, 6, 11, 3, 30, tzinfo=UTC)
    events = berlin["calendar/events.ics"]
    assert by_summary(events, "Tokyo")["DTSTART"].dt.astimezone(UTC) == datetime(2027, 4, 1, 0, 0, tzinfo=UTC)
    assert by_summary(events, "Tokyo")["DTEND"].dt.astimezone(UTC) == datetime(2027, 4, 1, 1, 0, tzinfo=UTC)
    assert by_summary(events, "with an offset")["DTSTART"].dt.astimezone(UTC) == datetime(2027, 4, 2, 2, 0, tzinfo=UTC)
    call = by_summary(events, "Late community call")
    assert call["DTSTART"].dt == datetime(2027, 3, 28, 23, 30, tzinfo=UTC)
    assert call["DTEND"].dt == datetime(2027, 3, 29, 0, 15, tzinfo=UTC)


def test_events_crossing_midnight_end_on_the_next_day(basic, berlin):
    night = by_summary(basic["calendar/events.ics"], "五一零点直播")
    assert night["DTSTART"].dt == datetime(2027, 4, 30, 22, 0, tzinfo=SHANGHAI)
    assert night["DTEND"].dt == datetime(2027, 5, 1, 1, 30, tzinfo=SHANGHAI)
    assert night["DTEND"].dt.date() == night["DTSTART"].dt.date() + timedelta(days=1)
    conference = by_summary(berlin["calendar/events.ics"], "Two-day conference")
    assert conference["DTEND"].dt.astimezone(UTC) == datetime(2027, 10, 31, 16, 0, tzinfo=UTC)  # after the clock change


def test_recurrences_keep_local_time_across_a_clock_change(berlin):
    found = occurrences(berlin["calendar/events.ics"], "Evening photography course")
    assert [e["DTSTART"].dt.astimezone(UTC) for e in found] == [
        datetime(2027, 3, 22, 18, 0, tzinfo=UTC),
        datetime(2027, 3, 24, 18, 0, tzinfo=UTC),
        datetime(2027, 3, 29, 17, 0, tzinfo=UTC),  # 19:00 summer time
        datetime(2027, 4, 5, 17, 0, tzinfo=UTC),
        datetime(2027, 4, 7, 17, 0, tzinfo=UTC),  # the until date itself is kept
    ]
    days = occurrences(berlin["calendar/events.ics"], "Autumn open days")
    assert [e["DTSTART"].dt for e in days] == [date(2027, 10, 30), date(2027, 11, 1)]
    series = occurrences(berlin["calendar/events.ics"], "[Cancelled] Cancelled Friday series")
    fortnightly = [date(2027, 5, 7), date(2027, 5, 21), date(2027, 6, 4), date(2027, 6, 18)]
    assert [e["DTSTART"].dt.date() for e in series] == fortnightly
