"""Helpers for the calendar tests: fixture plans read through `check_plan`, the
calendars built from them, and the independent readers (libical in a system
Python subprocess, a live Radicale CalDAV server)."""

from __future__ import annotations

from conftest import copy_plan, edit, load_plan  # noqa: F401 - shared with the tests that import them from here

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events
import pytest
import requests
import vobject
from ical.calendar_stream import IcsCalendarStream

from generator import calendars
from generator.plan.visibility import view

PLANS = Path(__file__).parent / "plans"
BASIC = PLANS / "calendars-basic"
BERLIN = PLANS / "calendars-en-berlin"
PEOPLE = PLANS / "calendars-people"  # a team with a workflow: each member's calendar
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SYSTEM_PYTHON = "/usr/bin/python3"




def build(root: Path, now: datetime = NOW, drafts: bool = False) -> dict[str, bytes]:
    """Every calendar file of the plan at `root`, by output path."""
    plan = load_plan(root)
    shown = view(plan, now, drafts)
    outputs = calendars.render(shown.plan, shown)
    paths = [o.path for o in outputs]
    assert len(paths) == len(set(paths)), f"two outputs share a path: {paths}"
    return {o.path: o.data for o in outputs}






def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def vevents(data: bytes) -> list[icalendar.Event]:
    return list(parse(data).walk("VEVENT"))


def by_summary(data: bytes, text: str) -> icalendar.Event:
    """The one VEVENT whose SUMMARY contains `text`."""
    found = [e for e in vevents(data) if text in str(e["SUMMARY"])]
    assert len(found) == 1, f"{len(found)} events with {text!r} in their summary"
    return found[0]


def uids(data: bytes) -> list[str]:
    return [str(e["UID"]) for e in vevents(data)]


def occurrences(data: bytes, summary: str) -> list:
    calendar = parse(data)
    found = recurring_ical_events.of(calendar).between(date(2026, 1, 1), date(2029, 1, 1))
    return sorted((e for e in found if str(e["SUMMARY"]) == summary), key=lambda e: str(e["DTSTART"].dt))


def calendars_only(files: dict[str, bytes]) -> dict[str, bytes]:
    return {path: data for path, data in files.items() if path.endswith(".ics")}


# --- fixtures shared by the test modules (imported there by name) -----------------------------


@pytest.fixture(scope="module")
def basic() -> dict[str, bytes]:
    return build(BASIC)


@pytest.fixture(scope="module")
def basic_drafts() -> dict[str, bytes]:
    return build(BASIC, drafts=True)


@pytest.fixture(scope="module")
def berlin() -> dict[str, bytes]:
    return build(BERLIN, now=datetime(2027, 3, 1, 9, 0, tzinfo=ZoneInfo("Europe/Berlin")))


@pytest.fixture(scope="module")
def every_file(basic, basic_drafts, berlin) -> dict[str, bytes]:
    return {
        **{f"basic:{k}": v for k, v in basic.items()},
        **{f"drafts:{k}": v for k, v in basic_drafts.items()},
        **{f"berlin:{k}": v for k, v in berlin.items()},
    }



# --- libical ----------------------------------------------------------------------------

_LIBICAL_SCRIPT = r"""
import json, sys, datetime
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I

UTC = I.Timezone.get_utc_timezone()

def errors(component, found):
    prop = component.get_first_property(I.PropertyKind.XLICERROR_PROPERTY)
    while prop:
        found.append(prop.as_ical_string().strip())
        prop = component.get_next_property(I.PropertyKind.XLICERROR_PROPERTY)
    child = component.get_first_component(I.ComponentKind.ANY_COMPONENT)
    while child:
        errors(child, found)
        child = component.get_next_component(I.ComponentKind.ANY_COMPONENT)
    return found

def moment(t):
    if t.is_null_time():
        return None
    if t.is_date():
        return {"date": "%04d-%02d-%02d" % (t.get_year(), t.get_month(), t.get_day())}
    zone = t.get_timezone()
    u = t.clone()
    u.convert_to_zone_inplace(UTC)
    return {
        "utc": "%04d-%02d-%02dT%02d:%02d:%02dZ"
        % (u.get_year(), u.get_month(), u.get_day(), u.get_hour(), u.get_minute(), u.get_second()),
        "tzid": zone.get_tzid() if zone else None,
        "builtin": bool(zone and zone.get_location()),
    }

def read(path):
    text = open(path, encoding="utf-8").read()
    cal = I.Component.new_from_string(text)
    if cal is None or cal.isa() != I.ComponentKind.VCALENDAR_COMPONENT:
        return {"parsed": False}
    parse_errors = errors(cal, [])
    restrictions_ok = bool(cal.check_restrictions())
    restriction_errors = [e for e in errors(cal, []) if e not in parse_errors]
    events = []
    ev = cal.get_first_component(I.ComponentKind.VEVENT_COMPONENT)
    while ev:
        starts = []
        def collect(comp, span, data):
            start = datetime.datetime.fromtimestamp(span.get_start(), datetime.timezone.utc)
            starts.append(start.strftime("%Y-%m-%dT%H:%M:%SZ"))
        window = I.Time.new_from_string("19700101T000000Z"), I.Time.new_from_string("20991231T000000Z")
        ev.foreach_recurrence(window[0], window[1], collect, None)
        alarms = ev.count_components(I.ComponentKind.VALARM_COMPONENT)
        events.append({
            "uid": ev.get_uid(),
            "summary": ev.get_summary(),
            "location": ev.get_location(),
            "description": ev.get_description(),
            "status": ev.get_status().value_nick,
            "sequence": ev.get_sequence(),
            "start": moment(ev.get_dtstart()),
            "end": moment(ev.get_dtend()),
            "stamp": moment(ev.get_dtstamp()),
            "occurrences": starts,
            "alarms": alarms,
        })
        ev = cal.get_next_component(I.ComponentKind.VEVENT_COMPONENT)
    zones = []
    tz = cal.get_first_component(I.ComponentKind.VTIMEZONE_COMPONENT)
    while tz:
        zones.append(tz.get_first_property(I.PropertyKind.TZID_PROPERTY).get_tzid())
        tz = cal.get_next_component(I.ComponentKind.VTIMEZONE_COMPONENT)
    return {
        "parsed": True,
        "parse_errors": parse_errors,
        "restrictions_ok": restrictions_ok,
        "restriction_errors": restriction_errors,
        "method": cal.get_method().value_nick,
        "events": events,
        "zones": zones,
    }

print(json.dumps({path: read(path) for path in sys.argv[1:]}, ensure_ascii=False))
"""


def libical_read(files: dict[str, bytes], folder: Path) -> dict[str, dict]:
    """What libical (the C library of GNOME and Evolution) makes of each file.

    libical's Python binding exists only for the system Python, so it runs in a
    subprocess; a machine without it fails the test rather than skipping it.
    """
    if not Path(SYSTEM_PYTHON).exists():
        pytest.fail(f"{SYSTEM_PYTHON} is missing: install Debian's python3-gi and gir1.2-ical-3.0")
    paths: dict[str, str] = {}
    for index, (name, data) in enumerate(sorted(files.items())):
        path = folder / f"{index:03d}.ics"
        path.write_bytes(data)
        paths[str(path)] = name
    run = subprocess.run(
        [SYSTEM_PYTHON, "-c", _LIBICAL_SCRIPT, *paths],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        pytest.fail(
            "libical could not be run (install Debian's python3-gi and gir1.2-ical-3.0):\n" + run.stderr[-3000:]
        )
    return {paths[path]: result for path, result in json.loads(run.stdout).items()}


# --- what each reader makes of a file --------------------------------------------------------
#
# Each reader gives one dict per VEVENT: uid, summary, description, start and end
# (an instant in UTC, or a date, as `moment` writes them), status, location,
# occurrences (every start of a repeating event in `WINDOW`, else None) and
# alarms (how many VALARMs).

WINDOW = (datetime(2026, 1, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC))


def moment(value: date | datetime) -> str:
    if isinstance(value, datetime):
        assert value.tzinfo is not None, f"floating time {value}"
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return value.isoformat()


def icalendar_events(data: bytes) -> list[dict]:
    calendar = parse(data)
    events = []
    for event in calendar.walk("VEVENT"):
        starts = None
        if "RRULE" in event:
            found = recurring_ical_events.of(calendar).between(*WINDOW)
            starts = sorted(moment(e["DTSTART"].dt) for e in found if e["UID"] == event["UID"])
        events.append({
            "uid": str(event["UID"]),
            "summary": str(event["SUMMARY"]),
            "description": str(event.get("DESCRIPTION", "")),
            "start": moment(event["DTSTART"].dt),
            "end": moment(event["DTEND"].dt),
            "status": str(event["STATUS"]),
            "location": str(event["LOCATION"]) if "LOCATION" in event else None,
            "occurrences": starts,
            "alarms": len(event.walk("VALARM")),
        })
    return events


def ical_events(data: bytes) -> list[dict]:
    """The strict `ical` library (behind Home Assistant): it raises on anything invalid."""
    calendar = IcsCalendarStream.calendar_from_ics(data.decode("utf-8"))
    timeline = list(calendar.timeline_tz(UTC).overlapping(*WINDOW))
    events = []
    for event in calendar.events:
        starts = sorted(moment(e.dtstart) for e in timeline if e.uid == event.uid)
        events.append({
            "uid": event.uid,
            "summary": event.summary,
            "description": event.description or "",
            "start": moment(event.dtstart),
            "end": moment(event.dtend),
            "status": event.status.value if event.status else None,
            "location": event.location,
            "occurrences": starts if event.rrule else None,
            "alarms": len(event.alarm),
        })
    return events


def vobject_events(data: bytes) -> list[dict]:
    calendar = vobject.readOne(data.decode("utf-8"), validate=True)
    events = []
    for event in getattr(calendar, "vevent_list", []):
        starts = None
        if hasattr(event, "rrule"):
            starts = []
            for start in event.getrruleset(addRDate=True):
                if isinstance(event.dtstart.value, datetime):
                    starts.append(moment(start))
                else:
                    starts.append(start.date().isoformat())
        events.append({
            "uid": event.uid.value,
            "summary": event.summary.value,
            "description": event.description.value if hasattr(event, "description") else "",
            "start": moment(event.dtstart.value),
            "end": moment(event.dtend.value),
            "status": event.status.value,
            "location": event.location.value if hasattr(event, "location") else None,
            "occurrences": starts,
            "alarms": len(getattr(event, "valarm_list", [])),
        })
    return events


def libical_events(files: dict[str, bytes], folder: Path) -> dict[str, list[dict]]:
    """libical's events of each file, which it must read without an error or a
    broken restriction, with every zone from the file itself. Each event also
    has `stamp`, its DTSTAMP in UTC."""
    results = libical_read(files, folder)
    found = {}
    for path, result in results.items():
        assert result["parsed"], path
        assert result["parse_errors"] == [], f"{path}: {result['parse_errors']}"
        assert result["restrictions_ok"], f"{path}: {result['restriction_errors']}"
        assert result["restriction_errors"] == [], f"{path}: {result['restriction_errors']}"
        assert result["method"] == "none", path
        events = []
        for event in result["events"]:
            for name in ("start", "end"):
                value = event[name]
                if "utc" in value and value["tzid"] not in (None, "UTC"):
                    assert value["tzid"] in result["zones"] and not value["builtin"], f"{path}: zone not from the file"
            start, end = event["start"], event["end"]
            occurrences = [o if "date" not in start else o[:10] for o in event["occurrences"]]
            events.append({
                "uid": event["uid"],
                "summary": event["summary"],
                "description": event["description"] or "",
                "start": start.get("utc", start.get("date")),
                "end": end.get("utc", end.get("date")),
                "status": event["status"].upper(),
                "location": event["location"],
                "occurrences": occurrences,  # a single start too, for an event that does not repeat
                "alarms": event["alarms"],
                "stamp": event["stamp"]["utc"],
            })
        found[path] = events
    return found


READERS = ("icalendar", "ical", "vobject")  # in this process; libical runs in a subprocess


def reader_events(reader: str, data: bytes) -> list[dict]:
    return {"icalendar": icalendar_events, "ical": ical_events, "vobject": vobject_events}[reader](data)


# --- Radicale ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Radicale:
    base: str  # http://127.0.0.1:PORT
    user: str = "tester"

    def collection(self, name: str) -> str:
        return f"{self.base}/{self.user}/{name}/"

    def put_calendar(self, name: str, data: bytes) -> requests.Response:
        return requests.put(
            self.collection(name),
            data=data,
            headers={"Content-Type": "text/calendar; charset=utf-8"},
            auth=(self.user, ""),
            timeout=30,
        )

    def query_events(self, name: str) -> requests.Response:
        """A CalDAV calendar-query REPORT for every VEVENT in the collection."""
        body = (
            '<?xml version="1.0" encoding="utf-8"?>'
            '<C:calendar-query xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">'
            "<D:prop><D:getetag/><C:calendar-data/></D:prop>"
            '<C:filter><C:comp-filter name="VCALENDAR"><C:comp-filter name="VEVENT"/></C:comp-filter></C:filter>'
            "</C:calendar-query>"
        )
        return requests.request(
            "REPORT",
            self.collection(name),
            data=body.encode(),
            headers={"Depth": "1", "Content-Type": "application/xml; charset=utf-8"},
            auth=(self.user, ""),
            timeout=30,
        )

    def get(self, name: str) -> requests.Response:
        return requests.get(self.collection(name), auth=(self.user, ""), timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def radicale_server(folder: Path) -> Iterator[Radicale]:
    """A Radicale CalDAV server on 127.0.0.1, storing in `folder`, with no authentication."""
    port = _free_port()
    log = (folder / "radicale.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "radicale",
            "--config", "",
            "--server-hosts", f"127.0.0.1:{port}",
            "--storage-filesystem-folder", str(folder / "storage"),
            "--auth-type", "none",
            "--rights-type", "owner_only",
            "--logging-level", "warning",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    server = Radicale(f"http://127.0.0.1:{port}")
    try:
        ready = False
        for _ in range(200):  # up to ~20 s for the server to answer
            if process.poll() is not None:
                break
            try:
                requests.request("PROPFIND", server.base + "/", auth=(server.user, ""), timeout=2)
                ready = True
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        if not ready:
            log.flush()
            pytest.fail("Radicale did not start:\n" + (folder / "radicale.log").read_text()[-3000:])
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
