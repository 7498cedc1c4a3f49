"""VTIMEZONE components, exact for the span of time a calendar covers.

We do not use icalendar's `Timezone.from_tzid`: it writes a component-level
`COMMENT` (libical rejects it) and dates each onset in the *new* offset's wall
time, while RFC 5545 (3.6.5, its US-Eastern example) dates an onset in the wall
time of the offset in force *before* it (`TZOFFSETFROM`): its spring-forward
onsets land an hour late for readers that follow the RFC.

Each transition becomes one observance with a single `DTSTART` (no `RRULE`),
so what a reader computes is exactly what the tz database says, for the years
the calendar spans and no more (no decades of history, no guessed rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.prop import vDDDTypes

# Zones change offset at most a few times a year; a day's step finds every
# change that lasts longer than a day, bisection then finds its second.
_STEP = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Observance:
    """From `onset` (an instant) on, the zone's clocks show `offset` and `name`."""

    onset: datetime  # aware, UTC
    offset_from: timedelta
    offset: timedelta
    name: str
    daylight: bool


@lru_cache(maxsize=1024)  # asked once per VEVENT, of a handful of zones
def tzid(zone: str) -> str | None:
    """The TZID icalendar writes for times in `zone`: None when it writes UTC (`Z`)."""
    params = vDDDTypes(datetime(2000, 1, 1, tzinfo=ZoneInfo(zone))).params
    value = params.get("TZID")
    return str(value) if value else None


def observances(zone: str, first: date, last: date) -> tuple[Observance, ...]:
    """The zone's state at the start of `first`, then each change until `last`."""
    tz = ZoneInfo(zone)
    instant = datetime.combine(first, time(0), tz).astimezone(UTC)
    end = datetime.combine(last, time(0), tz).astimezone(UTC)
    state = _state(instant, tz)
    found = [Observance(instant, state[0], state[0], state[2], state[1])]
    while instant < end:
        step = min(instant + _STEP, end)
        if _state(step, tz) != state:
            onset = _bisect(instant, step, state, tz)
            new = _state(onset, tz)
            found.append(Observance(onset, state[0], new[0], new[2], new[1]))
            state, instant = new, onset
        else:
            instant = step
    return tuple(found)


def vtimezone(zone: str, first: date, last: date) -> Timezone:
    """A VTIMEZONE for `zone` valid from `first` to `last` (exact onsets, no COMMENT)."""
    component = Timezone()
    component.add("TZID", zone)
    for observance in observances(zone, first, last):
        part = TimezoneDaylight() if observance.daylight else TimezoneStandard()
        # RFC 5545 3.6.5: the onset is local time in the offset it replaces.
        part.add("DTSTART", (observance.onset + observance.offset_from).replace(tzinfo=None))
        part.add("TZOFFSETFROM", observance.offset_from)
        part.add("TZOFFSETTO", observance.offset)
        part.add("TZNAME", observance.name)
        component.add_component(part)
    return component


def _state(instant: datetime, tz: ZoneInfo) -> tuple[timedelta, bool, str]:
    local = instant.astimezone(tz)
    offset = local.utcoffset() or timedelta(0)
    return offset, bool(local.dst()), local.tzname() or _offset_name(offset)


def _bisect(before: datetime, after: datetime, state: tuple, tz: ZoneInfo) -> datetime:
    """The first whole second after `before` at which the zone leaves `state`."""
    low, high = before, after  # state(low) == state, state(high) != state
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        middle = middle.replace(microsecond=0)
        if middle <= low:
            middle = low + timedelta(seconds=1)
        if _state(middle, tz) == state:
            low = middle
        else:
            high = middle
    return high


def _offset_name(offset: timedelta) -> str:
    seconds = int(offset.total_seconds())
    sign = "+" if seconds >= 0 else "-"
    hours, rest = divmod(abs(seconds), 3600)
    return f"{sign}{hours:02d}{rest // 60:02d}"
