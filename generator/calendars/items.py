"""What the calendars hold, decided once as plain values (`Item`), before any iCalendar.

Every event, campaign, product launch, key date and publication slot that the
format puts in a calendar becomes one `Item`: its identity, its times (with
an exclusive end, as iCalendar wants), its words in the site's language and
its status. `calendars_ical` turns items into VEVENTs and knows nothing of
the plan; this module knows nothing of iCalendar.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from generator.plan import urls

from generator.words import label
from generator.plan.model import (
    Campaign,
    Entry,
    Event,
    KeyDate,
    Moment,
    Plan,
    Recurrence,
    Slot,
    Status,
    starts_at,
)
from generator.plan.dated import dated
from generator.plan.visibility import View

# A publication is a moment; clients draw a zero-length event badly or not at
# all (Exchange refuses a VEVENT with neither DTEND nor DURATION, Google
# stretches it to an hour), so a timed slot or launch shows as half an hour.
MOMENT_LENGTH = timedelta(minutes=30)

# Upper bounds of one repetition, only to size the VTIMEZONE a recurrence needs.
_PERIOD = {"daily": timedelta(days=1), "weekly": timedelta(days=7), "monthly": timedelta(days=31)}


@dataclass(frozen=True, slots=True)
class Item:
    """One VEVENT. Timed `start`/`end` are aware and in `zone`; an all-day
    `end` is the day after the last day (exclusive, as DTEND wants)."""

    uid: str
    start: Moment
    end: Moment
    zone: str
    summary: str
    description: str
    status: Status
    url: str | None = None
    location: str | None = None
    categories: tuple[str, ...] = ()
    transparent: bool = False
    repeat: Recurrence | None = None
    exceptions: tuple[Moment, ...] = ()  # the exact starts of skipped occurrences
    reminders: tuple[timedelta, ...] = ()
    last_day: date | None = None  # the last day it reaches, repeats included
    gone: bool = False  # a tombstone: deleted or handed on this week (`calendars.tombstones`)

    @property
    def begins(self) -> datetime:
        return starts_at(self.start, self.zone)


@dataclass(frozen=True, slots=True)
class Contents:
    """Every item of a build, grouped as the calendar files need them."""

    events: tuple[tuple[str, Item], ...]  # (event id, item), for events.ics and the event pages
    campaigns: tuple[Item, ...]
    launches: tuple[Item, ...]
    key_dates: tuple[Item, ...]
    slots: tuple[tuple[str, Item], ...]  # (channel id, item)


def contents(plan: Plan, view: View) -> Contents:
    """Every dated thing the build shows (`plan.dated`), as calendar items."""
    events, campaigns, launches, key_dates, slots = [], [], [], [], []
    for thing in dated(plan, view):
        entry = thing.entry
        if thing.key_date is not None:
            key_dates.append(_key_date(plan, thing.key_date))
        elif entry is None:
            continue
        elif thing.slot is not None:
            slots.append((thing.slot.channel, _slot(plan, entry, thing.slot, view)))
        elif isinstance(entry.details, Event):
            events.append((entry.id, _event(plan, entry, entry.details, view)))
        elif isinstance(entry.details, Campaign):
            campaigns.append(_campaign(plan, entry, entry.details, view))
        else:  # the one other dated kind: a product's launch
            launches.append(_launch(plan, entry, thing.start, view))
    return Contents(
        events=tuple(events),
        campaigns=tuple(campaigns),
        launches=tuple(launches),
        key_dates=tuple(key_dates),
        slots=tuple(slots),
    )


def uid(plan: Plan, namespace: str, key: str) -> str:
    """A UID made of what a thing is, never of when it is.

    Keys may hold CJK, `/` and `#` (slot and key-date keys do); a digest keeps
    the UID plain ASCII, safe as a CalDAV resource name. The site's host and
    path are hashed in, so two plans on one host never share a UID.
    """
    host, path = _host_and_path(plan.site.base_url)
    digest = hashlib.sha256(f"{host}{path}\n{namespace}\n{key}".encode()).hexdigest()[:24]
    return f"{namespace}-{digest}@{host}"


@lru_cache(maxsize=64)  # one site per build: asked for every UID
def _host_and_path(base_url: str) -> tuple[str, str]:
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.path


# --- the kinds of item -----------------------------------------------------------------


def _event(plan: Plan, entry: Entry, event: Event, view: View) -> Item:
    language = plan.site.language
    span = event.span
    zone = ZoneInfo(span.zone)
    if span.all_day:
        start: Moment = span.start
        end: Moment = span.end + timedelta(days=1)
        last = span.end
    else:
        start, end = span.start.astimezone(zone), span.end.astimezone(zone)
        if end <= start:  # written as a moment; RFC 5545 wants DTEND later than DTSTART
            end = start + MOMENT_LENGTH
        last = end.date()
    location = ", ".join(event.location.parts()) if event.location else ""
    if not location and event.format != "offline" and event.url:
        location = event.url
    page = page_of(plan, entry, view)
    lines = [entry.summary, f"{label(language, 'ics.link')}{label(language, 'punct.colon')}{event.url}" if event.url else ""]
    return Item(
        uid=uid(plan, "event", entry.key),
        start=start,
        end=end,
        zone=span.zone,
        summary=marked(language, entry.status, entry.title),
        description=description_of(language, lines, page),
        status=entry.status,
        url=page,
        location=location or None,
        categories=_unique((label(language, f"event-kind.{event.kind}"), *entry.tags)),
        repeat=event.repeat,
        exceptions=tuple(_exception(day, start) for day in event.exceptions) if event.repeat else (),
        reminders=event.reminders,
        last_day=_repeat_last_day(start, event.repeat, last),
    )


def _campaign(plan: Plan, entry: Entry, campaign: Campaign, view: View) -> Item:
    language = plan.site.language
    title = f"{label(language, 'legend.campaign')}{label(language, 'punct.colon')}{entry.title}"
    return Item(
        uid=uid(plan, "campaign", entry.key),
        start=campaign.start,
        end=campaign.end + timedelta(days=1),
        zone=plan.site.timezone,
        summary=marked(language, entry.status, title),
        description=description_of(language, [entry.summary], page_of(plan, entry, view)),
        status=entry.status,
        url=page_of(plan, entry, view),
        categories=_unique((label(language, "legend.campaign"), *entry.tags)),
        transparent=True,  # a campaign runs alongside the work; it does not make anyone busy
        last_day=campaign.end,
    )


def _launch(plan: Plan, entry: Entry, launch: Moment, view: View) -> Item:
    language = plan.site.language
    zone = plan.site.timezone
    start, end, last = at_moment(launch, zone)
    title = f"{label(language, 'legend.launch')}{label(language, 'punct.colon')}{entry.title}"
    return Item(
        uid=uid(plan, "launch", entry.key),
        start=start,
        end=end,
        zone=zone,
        summary=marked(language, entry.status, title),
        description=description_of(language, [entry.summary], page_of(plan, entry, view)),
        status=entry.status,
        url=page_of(plan, entry, view),
        categories=_unique((label(language, "legend.launch"), *entry.tags)),
        transparent=True,
        last_day=last,
    )


def _key_date(plan: Plan, key_date: KeyDate) -> Item:
    language = plan.site.language
    kind = label(language, f"legend.{key_date.kind}")
    return Item(
        uid=uid(plan, "keydate", key_date.key),
        start=key_date.date,
        end=key_date.end + timedelta(days=1),
        zone=plan.site.timezone,
        summary=key_date.title,
        description=kind,
        status=Status.APPROVED,
        categories=(kind,),
        transparent=True,
        last_day=key_date.end,
    )


def _slot(plan: Plan, entry: Entry, slot: Slot, view: View) -> Item:
    language = plan.site.language
    channel = channel_name(plan, slot.channel)
    start, end, last = at_moment(slot.at, slot.zone)
    page = page_of(plan, entry, view)
    # STATUS stays CONFIRMED for an overdue post (it is still agreed, only late): the words say it.
    facts = [
        fact(language, "ics.status", label(language, "status.overdue")) if view.overdue(slot) else "",
        fact(language, "ics.owner", member_name(plan, slot.owner)) if view.team else "",
    ]
    return Item(
        uid=uid(plan, "slot", slot.key),
        start=start,
        end=end,
        zone=slot.zone,
        summary=marked(language, slot.status, f"{channel}{label(language, 'punct.colon')}{slot.title}"),
        description=description_of(language, [slot.summary, facts_block(facts)], page),
        status=slot.status,
        url=page,
        categories=(channel,),
        transparent=True,  # a publication marks a moment; it blocks nobody's time
        last_day=last,
    )


# --- helpers ---------------------------------------------------------------------------


def at_moment(value: Moment, zone: str) -> tuple[Moment, Moment, date]:
    """A date is that whole day; a date-time is a short moment (`MOMENT_LENGTH`)."""
    if isinstance(value, datetime):
        start = value.astimezone(ZoneInfo(zone))
        return start, start + MOMENT_LENGTH, (start + MOMENT_LENGTH).date()
    return value, value + timedelta(days=1), value


def _exception(day: date, start: Moment) -> Moment:
    """The exact start of the occurrence skipped on `day`: same type and zone as DTSTART."""
    if isinstance(start, datetime):
        return datetime.combine(day, start.timetz().replace(tzinfo=None), start.tzinfo)
    return day


def _repeat_last_day(start: Moment, repeat: Recurrence | None, last: date) -> date:
    if repeat is None:
        return last
    if repeat.until is not None:
        return max(repeat.until + (last - _day(start)), last)
    count = repeat.count or 1
    return last + _PERIOD[repeat.freq] * repeat.interval * count


def _day(value: Moment) -> date:
    return value.date() if isinstance(value, datetime) else value


def page_of(plan: Plan, entry: Entry, view: View) -> str | None:
    if not view.has_page(entry):
        return None
    return urls.absolute(plan.site, urls.entry_dir(entry.kind, entry.id))


def marked(language: str, status: Status, title: str) -> str:
    """Drafts and cancelled things say so in their title, for clients that show them plainly."""
    if status.is_draft or status.is_cancelled:
        mark = label(language, f"status.{status.value}")
        return label(language, "ics.marked", mark=mark, title=title)
    return title


def description_of(language: str, lines: list[str], page: str | None) -> str:
    parts = [line for line in lines if line]
    if page:
        parts.append(f"{label(language, 'ics.details')}{label(language, 'punct.colon')}{page}")
    return "\n\n".join(parts)


def channel_name(plan: Plan, channel_id: str) -> str:
    return plan.channel_name(channel_id)


def member_name(plan: Plan, member_id: str | None) -> str:
    return plan.member_name(member_id)


def fact(language: str, key: str, value: str) -> str:
    """`负责人：林菲`; "" when there is nothing to say."""
    return f"{label(language, key)}{label(language, 'punct.colon')}{value}" if value else ""


def facts_block(facts: list[str]) -> str:
    """Facts one a line, as one paragraph of a DESCRIPTION."""
    return "\n".join(f for f in facts if f)


def _unique(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v.strip()))


