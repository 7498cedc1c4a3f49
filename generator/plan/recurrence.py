"""Expanding an event's `repeat`: one rule for the checker, the pages and the lint.

Wall-clock times: the rule runs on naive local times, so an event stays at
20:00 in its zone across summer time, as a calendar with its TZID shows it.
"""

from __future__ import annotations

from datetime import date, datetime, time

from dateutil import rrule

from generator.plan.model import Moment, Recurrence

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
