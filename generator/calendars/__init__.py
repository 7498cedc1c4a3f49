"""The iCalendar files: `calendar/all.ics`, `calendar/events.ics`, one per
channel, and one per event page ("add to my calendar").

What goes in them is decided in `calendars_items`; zones in `calendars_zones`.
Each team member's own calendar, `calendar/people/<member>.ics`, is decided in
`calendars.people` (a team output). Here items become RFC 5545 text.

Identity and change, without stored state (the plan lives in git, every build
starts from nothing):

- `UID` is a digest of what a thing is (see `calendars_items.uid`): moving an
  event keeps its UID, editing one entry touches no other UID.
- `DTSTAMP` is the build's now. Without a `METHOD`, RFC 5545 (3.8.7.2) makes
  DTSTAMP the time the data was last revised *in the calendar store*; the
  published file is that store, rewritten by each build, so `LAST-MODIFIED`
  is the same instant.
- `SEQUENCE` counts whole minutes from 2000-01-01T00:00Z to the build's now.
  It must never go down for a subscriber when an event changes, and a value
  read from content alone cannot promise that: whatever function of the
  content rises on an edit falls when the edit is reverted. Time can: every
  later build carries a higher SEQUENCE, so Google and Outlook, which ignore
  an update whose SEQUENCE did not rise, take every change. The price is that
  unchanged events also look revised after a build; with no attendees and no
  `METHOD`, a revision sends nothing, it only refreshes. Minutes keep the value
  far inside the 32-bit integer RFC 5545 allows. The same plan with the same
  now gives the same bytes.
- What was deleted from the plan, or handed from one person to another, this
  week stays where a subscriber's calendar held it, cancelled, with the same
  UID and its last known time (`calendars.tombstones`, from the plan's git
  history). Its SEQUENCE is one above the build's, so that it wins over the
  live event even of a build made in the same minute.

No `METHOD`: iTIP's PUBLISH requires an `ORGANIZER`, and libical flags its
absence. VEVENTs are written line by line by `calendars_text`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit

from icalendar import Calendar
from icalendar.prop import vDuration, vUnknown

from generator.calendars import people, text
from generator.calendars.tombstones import NOTHING, Gone, tombstones
from generator.plan import urls
from generator.calendars.items import Item, contents
from generator.words import label
from generator.calendars.zones import tzid, vtimezone
from generator.plan.model import Kind, Plan, Status
from generator.plan.outputs import Output
from generator.plan.visibility import View

_SEQUENCE_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


__all__ = ["NOTHING", "Gone", "render", "tombstones"]


def render(plan: Plan, view: View, gone: Gone = NOTHING) -> list[Output]:
    """Every calendar file; `gone` are this week's tombstones (`tombstones`, none without history)."""
    found = contents(plan, view)
    stamp = view.now.astimezone(UTC).replace(microsecond=0)
    build = _Build(plan, stamp, int((stamp - _SEQUENCE_EPOCH).total_seconds() // 60))
    site, language = plan.site, plan.site.language
    events = [item for _, item in (*found.events, *gone.events)]
    slots = [*found.slots, *gone.slots]
    everything = [*events, *found.campaigns, *found.launches, *found.key_dates, *gone.others, *(i for _, i in slots)]

    about_all = site.description or label(language, "ics.calendar.all")
    events_name = f"{site.title} · {label(language, 'ics.calendar.events')}"
    outputs = [
        Output(urls.calendar_file(urls.ALL), _calendar(build, everything, site.title, about_all)),
        Output(urls.calendar_file(urls.EVENTS), _calendar(build, events, events_name, events_name)),
    ]
    for channel in plan.channels:
        held = [item for channel_id, item in slots if channel_id == channel.id]
        name = f"{site.title} · {channel.name}"
        about = label(language, "ics.calendar.channel", channel=channel.name)
        outputs.append(Output(urls.calendar_file(channel.id), _calendar(build, held, name, about)))
    # Team outputs: every member's work, drafts included whatever `--drafts` says
    # (`calendars.people`); the readers' build (`--public`, issue #15) leaves these out here.
    for person in people.people(plan, view) if view.team else ():
        member = person.member
        name = f"{site.title} · {member.name}"
        about = label(language, "ics.calendar.person", name=member.name)
        items = [*person.items, *gone.of_person(member.id)]
        outputs.append(Output(urls.person_calendar_file(member.id), _calendar(build, items, name, about)))
    for event_id, item in sorted(found.events, key=lambda pair: pair[0]):
        entry = plan.entry(Kind.EVENT, event_id)
        if entry is not None and view.has_page(entry):  # offered on the event's page
            outputs.append(Output(urls.event_ics_file(event_id), _calendar(build, [item], None, None)))
    return outputs


@dataclass(frozen=True, slots=True)
class _Build:
    """One render: the stamps every VEVENT carries (see the module docstring), and
    each VEVENT and VTIMEZONE serialized once, however many files hold it."""

    plan: Plan
    stamp: datetime  # DTSTAMP and LAST-MODIFIED, UTC, whole seconds
    sequence: int
    vevents: dict[tuple[str, bool], bytes] = field(default_factory=dict)  # by UID, live or gone
    vtimezones: dict[tuple[str, date, date], bytes] = field(default_factory=dict)


# --- the calendar ----------------------------------------------------------------------

_END = b"END:VCALENDAR\r\n"


def _calendar(build: _Build, items: list[Item], name: str | None, about: str | None) -> bytes:
    """A VCALENDAR; with a `name` it is a subscription (X-WR-*, refresh), else a one-off import."""
    site = build.plan.site
    calendar = Calendar()
    host = urlsplit(site.base_url).hostname or "localhost"
    calendar.add("PRODID", f"-//{host}//Content plan calendar//{site.language.upper()}")
    calendar.add("VERSION", "2.0")
    calendar.add("CALSCALE", "GREGORIAN")
    if name is not None:
        calendar.add("X-WR-CALNAME", _text(name), encode=False)
        calendar.add("X-WR-CALDESC", _text(about or ""), encode=False)
        calendar.add("X-WR-TIMEZONE", site.timezone)
        # RFC 7986 spells it with VALUE=DURATION as a parameter; `REFRESH-INTERVAL:VALUE=…`
        # (a common slip) makes Home Assistant's parser reject the whole file.
        # how often the team's CI rebuilds (`rebuild_every`): refreshing more often finds nothing new
        refresh = site.rebuild_every
        calendar.add("REFRESH-INTERVAL", refresh, parameters={"VALUE": "DURATION"})
        calendar.add("X-PUBLISHED-TTL", vDuration(refresh), encode=False)
    ordered = sorted(items, key=lambda item: (item.begins, item.uid))
    zones = {item.zone for item in ordered if isinstance(item.start, datetime)}
    if name is not None:
        zones.add(site.timezone)  # X-WR-TIMEZONE names it, and a calendar needs a component
    first, last = _coverage(ordered, build.stamp)
    parts = [_vtimezone(build, zone, first, last) for zone in sorted(z for z in zones if tzid(z) is not None)]
    parts += [_vevent(build, item) for item in ordered]
    head = calendar.to_ical()
    assert head.endswith(_END)
    # Components are whole content lines each: serialized once, joined in every file.
    return head[: -len(_END)] + b"".join(parts) + _END


def _vtimezone(build: _Build, zone: str, first: date, last: date) -> bytes:
    key = (zone, first, last)
    if key not in build.vtimezones:
        build.vtimezones[key] = vtimezone(zone, first, last).to_ical()
    return build.vtimezones[key]


def _vevent(build: _Build, item: Item) -> bytes:
    # a UID handed on is live in its new holder's calendar and a tombstone in the old one's
    key = (item.uid, item.gone)
    if key not in build.vevents:
        build.vevents[key] = _event(item, build)
    return build.vevents[key]


def _coverage(items: list[Item], now: datetime) -> tuple[date, date]:
    """Whole years around everything the calendar holds, for its VTIMEZONEs."""
    if not items:
        return date(now.year, 1, 1), date(now.year + 1, 1, 1)
    first = min(item.begins.date() for item in items)
    last = max(item.last_day or item.begins.date() for item in items)
    return date(first.year, 1, 1), date(last.year + 1, 1, 1)


def _event(item: Item, build: _Build) -> bytes:
    zone = tzid(item.zone)
    lines = [
        b"BEGIN:VEVENT\r\n",
        text.line("UID", item.uid),
        text.line("DTSTAMP", text.utc(build.stamp)),
        text.line("LAST-MODIFIED", text.utc(build.stamp)),
        text.line("SEQUENCE", str(build.sequence + 1 if item.gone else build.sequence)),
        text.moment_line("DTSTART", item.start, zone),
        text.moment_line("DTEND", item.end, zone),
    ]
    if item.repeat is not None:
        lines.append(text.line("RRULE", text.recurrence(_rrule(item))))
        if item.exceptions:
            lines.append(text.moments_line("EXDATE", item.exceptions, zone))
    lines.append(text.text_line("SUMMARY", item.summary))
    if item.description:
        lines.append(text.text_line("DESCRIPTION", item.description))
    if item.location:
        lines.append(text.text_line("LOCATION", item.location))
    if item.url:
        lines.append(text.line("URL", item.url))
    if item.categories:
        lines.append(text.line("CATEGORIES", ",".join(text.escape(c) for c in item.categories)))
    lines.append(text.line("STATUS", _status(item.status)))
    lines.append(text.line("TRANSP", "TRANSPARENT" if item.transparent else "OPAQUE"))
    if not item.status.is_cancelled:  # a cancelled event must not ring
        for before in item.reminders:
            lines.append(_alarm(item, before))
    lines.append(b"END:VEVENT\r\n")
    return b"".join(lines)


def _status(status: Status) -> str:
    if status.is_cancelled:
        return "CANCELLED"
    return "TENTATIVE" if status.is_draft else "CONFIRMED"


def _rrule(item: Item) -> dict[str, object]:
    repeat = item.repeat
    assert repeat is not None
    rule: dict[str, object] = {"FREQ": repeat.freq.upper()}
    if repeat.until is not None:
        rule["UNTIL"] = _until(repeat.until, item.start)
    if repeat.count is not None:
        rule["COUNT"] = repeat.count
    if repeat.interval != 1:
        rule["INTERVAL"] = repeat.interval
    if repeat.byday:
        rule["BYDAY"] = list(repeat.byday)
    return rule


def _until(until: date, start: date | datetime) -> date | datetime:
    """`until` is an inclusive date. With a zoned DTSTART, RFC 5545 wants UNTIL in
    UTC; the end of that local day keeps the last day's occurrence, at any hour."""
    if not isinstance(start, datetime):
        return until
    local_end = datetime.combine(until, time(23, 59, 59), start.tzinfo)
    return local_end.astimezone(UTC)


def _alarm(item: Item, before: timedelta) -> bytes:
    return b"".join([
        b"BEGIN:VALARM\r\n",
        text.line("ACTION", "DISPLAY"),
        text.line("TRIGGER", text.duration(-before)),  # relative to DTSTART
        # DISPLAY alarms require a DESCRIPTION (RFC 5545 3.6.6); strict readers reject one without.
        text.text_line("DESCRIPTION", item.summary),
        b"END:VALARM\r\n",
    ])


# --- text --------------------------------------------------------------------------------


def _text(value: str) -> vUnknown:
    """A TEXT value, escaped by us and written verbatim by icalendar."""
    return vUnknown(text.escape(value))
