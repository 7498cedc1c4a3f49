"""Expanding an event's `repeat`: one rule for the checker, the pages, the calendars and the lint.

Wall-clock times: the rule runs on naive local times, so an event stays at
20:00 in its zone across summer time, as a calendar with its TZID shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from dateutil import rrule

from generator.plan.model import Event, Moment, Recurrence

_FREQ = {"daily": rrule.DAILY, "weekly": rrule.WEEKLY, "monthly": rrule.MONTHLY}


def rule(repeat: Recurrence, start: Moment) -> rrule.rrule:
    """The occurrences' naive local starts; `until` is inclusive (its whole day)."""
    first = start if isinstance(start, datetime) else datetime.combine(start, time(0))
    until = datetime.combine(repeat.until, time(23, 59, 59)) if repeat.until else None
    byday = tuple(getattr(rrule, day) for day in repeat.byday) or None
    return rrule.rrule(
        _FREQ[repeat.freq],
        dtstart=first.replace(tzinfo=None),
        interval=repeat.interval,
        byweekday=byday if repeat.freq == "weekly" else None,
        until=until,
        count=repeat.count,
    )


def dates(repeat: Recurrence, start: Moment) -> list[date]:
    """The local dates on which the event occurs, its first start included."""
    return [occurrence.date() for occurrence in rule(repeat, start)]


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One date of an event: its start and end (timed: aware, in the event's zone)."""

    start: Moment
    end: Moment
    skipped: bool = False


def occurrences(event: Event) -> tuple[Occurrence, ...]:
    """Every date the event happens on, skipped ones included and marked.

    Wall-clock times stay fixed in the event's zone across summer time, as
    they do in a calendar that carries the event's TZID.
    """
    span = event.span
    if event.repeat is None:
        return (Occurrence(span.start, span.end),)
    zone = ZoneInfo(span.zone)
    length = span.end - span.start
    skip = set(event.exceptions)
    found: list[Occurrence] = []
    for start in rule(event.repeat, span.start):
        if isinstance(span.start, datetime):
            begin: Moment = start.replace(tzinfo=zone)
            end: Moment = begin + length
        else:
            begin = start.date()
            end = begin + length
        found.append(Occurrence(begin, end, skipped=start.date() in skip))
    return tuple(found)
