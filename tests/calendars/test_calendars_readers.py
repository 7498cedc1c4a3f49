"""Every calendar read by four independent parsers and a live CalDAV server.

icalendar (what we build with), `ical` (the strict reader behind Home
Assistant), vobject (behind Radicale), libical (the C library behind GNOME and
Evolution, through the system Python) and a Radicale server must all read
every file, and agree on what each event is and when it happens.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from support_calendars import (
    BASIC,
    BERLIN,
    build,
    ical_events,
    icalendar_events,
    libical_events,
    parse,
    radicale_server,
    vobject_events,
)


BUILT_AT = {"basic": "2027-03-01T01:00:00Z", "berlin": "2027-03-01T08:00:00Z"}  # 09:00 in each site's zone


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    """Every file of both fixture plans, drafts included, by `plan:path`."""
    found = {}
    for name, root, zone in (("basic", BASIC, "Asia/Shanghai"), ("berlin", BERLIN, "Europe/Berlin")):
        built = build(root, now=datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo(zone)), drafts=True)
        found.update({f"{name}:{path}": data for path, data in built.items()})
    return found


# What the fixture YAML says, as instants: (file, summary) -> (start, end).
INSTANTS = {
    ("basic:calendar/events.ics", "Bay Area user meetup"): ("2027-06-11T01:00:00Z", "2027-06-11T03:30:00Z"),
    ("basic:calendar/events.ics", "五一零点直播"): ("2027-04-30T14:00:00Z", "2027-04-30T17:30:00Z"),
    ("basic:calendar/events.ics", "星火科技博览会"): ("2027-05-20", "2027-05-23"),
    ("berlin:calendar/events.ics", "Tokyo store opening"): ("2027-04-01T00:00:00Z", "2027-04-01T01:00:00Z"),
    ("berlin:calendar/events.ics", "Late community call"): ("2027-03-28T23:30:00Z", "2027-03-29T00:15:00Z"),
    ("berlin:calendar/events.ics", "Two-day conference across the clock change"): (
        "2027-10-30T07:00:00Z",
        "2027-10-31T16:00:00Z",
    ),
}
OCCURRENCES = {
    ("basic:calendar/events.ics", "每周产品答疑"): [
        "2027-03-02T12:00:00Z",
        "2027-03-09T12:00:00Z",
        "2027-03-23T12:00:00Z",
        "2027-03-30T12:00:00Z",
    ],
    ("basic:calendar/events.ics", "月度用户沙龙"): [
        "2027-01-15T11:00:00Z",
        "2027-02-15T11:00:00Z",
        "2027-03-15T11:00:00Z",
    ],
    ("berlin:calendar/events.ics", "Evening photography course"): [
        "2027-03-22T18:00:00Z",
        "2027-03-24T18:00:00Z",
        "2027-03-29T17:00:00Z",
        "2027-04-05T17:00:00Z",
        "2027-04-07T17:00:00Z",
    ],
    ("berlin:calendar/events.ics", "Autumn open days"): ["2027-10-30", "2027-11-01"],
}
TEXTS = {
    ("basic:calendar/events.ics", "Bay Area user meetup"): (
        "Moscone Center, Hall B; Room 3, 747 Howard St, San Francisco, CA"
    ),
    ("basic:calendar/weibo.ics", "微博：C:\\Noodle 与第一家工厂"): None,
    ("berlin:calendar/newsletter.ics", "Newsletter: My first week: lamps, <b>tags</b> & more"): None,
}


def check_view(reader: str, view: dict[str, dict[str, dict]]) -> None:
    """A reader's view: file -> summary -> {start, end, status, location, occurrences}."""
    for (path, summary), (start, end) in INSTANTS.items():
        event = view[path][summary]
        assert (event["start"], event["end"]) == (start, end), f"{reader}: {summary}"
    for (path, summary), expected in OCCURRENCES.items():
        assert view[path][summary]["occurrences"] == expected, f"{reader}: {summary}"
    for (path, summary), location in TEXTS.items():
        assert summary in view[path], f"{reader}: {summary!r} not read back as written"
        if location is not None:
            assert view[path][summary]["location"] == location, reader
    assert view["basic:calendar/events.ics"]["【已取消】春季摄影沙龙"]["status"] == "CANCELLED", reader
    assert view["basic:calendar/events.ics"]["【草稿】夏日摄影大赛"]["status"] == "TENTATIVE", reader


def by_summaries(events: list[dict]) -> dict[str, dict]:
    return {event["summary"]: event for event in events}


def icalendar_view(files: dict[str, bytes]) -> dict[str, dict[str, dict]]:
    return {path: by_summaries(icalendar_events(data)) for path, data in files.items()}


def test_icalendar_reads_every_calendar(files):
    view = icalendar_view(files)
    for path, data in files.items():
        assert len(view[path]) == data.count(b"BEGIN:VEVENT"), path
    check_view("icalendar", view)


def test_strict_ical_reads_every_calendar(files):
    reference = icalendar_view(files)
    view = {path: by_summaries(ical_events(data)) for path, data in files.items()}  # raises on anything invalid
    for path, events in view.items():
        assert {s: e["uid"] for s, e in events.items()} == {s: e["uid"] for s, e in reference[path].items()}, path
    check_view("ical", view)


def test_vobject_reads_every_calendar(files):
    reference = icalendar_view(files)
    view = {path: by_summaries(vobject_events(data)) for path, data in files.items()}
    for path, events in view.items():
        assert {s: e["uid"] for s, e in events.items()} == {s: e["uid"] for s, e in reference[path].items()}, path
    check_view("vobject", view)


def test_libical_reads_every_calendar_without_errors(files, tmp_path: Path):
    reference = icalendar_view(files)
    view = {}
    for path, found in libical_events(files, tmp_path).items():  # no error, every zone from the file
        events = by_summaries(found)
        for summary, event in events.items():
            if reference[path][summary]["occurrences"] is None:
                event["occurrences"] = None
            assert event["stamp"] == BUILT_AT[path.split(":")[0]], path
        view[path] = events
        assert {s: e["uid"] for s, e in events.items()} == {s: e["uid"] for s, e in reference[path].items()}, path
    check_view("libical", view)


def _report_uids(body: bytes) -> tuple[list[str], list[str]]:
    """The hrefs and the UIDs of the calendar data in a CalDAV multistatus answer."""
    tree = ET.fromstring(body)
    hrefs = [h.text or "" for h in tree.iter("{DAV:}href")]
    found = []
    for data in tree.iter("{urn:ietf:params:xml:ns:caldav}calendar-data"):
        found += [str(e["UID"]) for e in parse((data.text or "").encode()).walk("VEVENT")]
    return hrefs, found


def test_radicale_stores_and_serves_every_calendar(files, tmp_path: Path):
    with radicale_server(tmp_path) as server:
        for index, (path, data) in enumerate(sorted(files.items())):
            name = f"c{index:03d}"
            expected = sorted(str(e["UID"]) for e in parse(data).walk("VEVENT"))
            put = server.put_calendar(name, data)
            assert put.status_code in (200, 201), f"{path}: {put.status_code} {put.text[:300]}"
            report = server.query_events(name)
            assert report.status_code == 207, f"{path}: {report.status_code}"
            hrefs, found = _report_uids(report.content)
            assert sorted(found) == expected, path
            assert len(hrefs) == len(expected), path
            served = server.get(name)
            assert served.status_code == 200, path
            again = parse(served.content)
            assert sorted(str(e["UID"]) for e in again.walk("VEVENT")) == expected, path
            summaries = {str(e["UID"]): str(e["SUMMARY"]) for e in parse(data).walk("VEVENT")}
            assert {str(e["UID"]): str(e["SUMMARY"]) for e in again.walk("VEVENT")} == summaries, path
