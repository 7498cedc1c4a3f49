"""Dates, times and recurrences as a reader of the plan's language says them.

Also expands an event's recurrence into its dates, so the site can say how
many times it happens and put each one on the calendar.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from generator.plan.recurrence import occurrences
from generator.plan.model import Event, Moment, Recurrence
from generator.words import label, plural, weekday_list
# said at the floor of the words, for every renderer and the command line; named here as before
from generator.words.dates import BYDAY, clock, date_text, in_zone, moment_text, short_date_text, span_text  # noqa: F401

_BYDAY = BYDAY

# A recurrence can name thousands of dates; a page lists this many at most.
OCCURRENCE_LIMIT = 400


def weekday_names(language: str) -> tuple[str, ...]:
    return tuple(label(language, f"date.weekday.{code}") for code in _BYDAY)


def iso(day: date) -> str:
    return day.isoformat()


def month_title(year: int, month: int, language: str) -> str:
    return label(language, "date.month_title", year=year, month=label(language, f"date.month.{month}"))


def offset_text(value: datetime) -> str:
    """`UTC+08:00`: the offset in force at that moment (it moves with summer time)."""
    raw = value.strftime("%z")
    return f"UTC{raw[:3]}:{raw[3:]}"


def zone_text(value: datetime, zone: str) -> str:
    return f"{zone}, {offset_text(value)}"


def day_of(value: Moment, zone: str) -> date:
    """The calendar day a moment falls on, seen from `zone` (dates stay as they are)."""
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(zone)).date()
    return value


def days_ahead(now: datetime, zone: str, span: timedelta) -> tuple[date, date, datetime]:
    """A window of whole days from today (`span`, whole days): its first and
    last day in `zone` and the instant it ends (midnight after the last day).

    "Coming up" looks from now to the end of a day, never to a clock time
    14 days ahead: what it holds changes only as items end or a day turns
    (`build.upcoming` counts on that), and the range it prints is the days it holds."""
    first = in_zone(now, zone).date()
    last = first + timedelta(days=span.days - 1)
    return first, last, datetime.combine(last + timedelta(days=1), time(0), ZoneInfo(zone))


def monday_of(day: date) -> date:
    """The Monday that begins `day`'s week: weeks begin on Monday (ISO 8601), as a team plans them."""
    return day - timedelta(days=day.weekday())


def duration_text(delta: timedelta, language: str) -> str:
    """Reminders: `1d` reads `提前 1 天` / `1 day before`."""
    minutes = int(delta.total_seconds() // 60)
    if minutes % (60 * 24) == 0:
        n, unit = minutes // (60 * 24), "day"
    elif minutes % 60 == 0:
        n, unit = minutes // 60, "hour"
    else:
        n, unit = minutes, "minute"
    return plural(language, f"remind.{unit}", n)


def every_text(delta: timedelta, language: str) -> str:
    """`30 分钟` / `2 h`: how often something recurs (`rebuild_every`)."""
    minutes = int(delta.total_seconds() // 60)
    if minutes % 60 == 0:
        return label(language, "every.hours", n=minutes // 60)
    return label(language, "every.minutes", n=minutes)


def number_text(value: float) -> str:
    """`12,000`, `3.5`: thousands separated, no trailing `.0`."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


# --- recurrence, in words ----------------------------------------------------


def recurrence_text(event: Event, language: str) -> str:
    """`每周二、四 20:00，至 2027年6月29日 周二，共 9 次（另有 1 次跳过）`: the
    count is of the dates that happen, so it agrees with the numbered list of
    them; the skipped dates are counted beside it and listed once, struck,
    where the event's dates are."""
    repeat = event.repeat
    assert repeat is not None
    start = event.span.start
    at = clock(start) if isinstance(start, datetime) else ""
    days = repeat.byday or (_BYDAY[start.weekday()],)
    dates = occurrences(event)
    skipped = sum(1 for o in dates if o.skipped)
    happening = len(dates) - skipped
    text = _rule(repeat, days, start, language)
    if at:
        text += label(language, "repeat.at", at=at)
    if repeat.until:
        text += label(language, "repeat.until", until=date_text(repeat.until, language))
    text += plural(language, "repeat.count", happening)
    if skipped:
        text += plural(language, "repeat.skipped", skipped)
    return text


def _rule(repeat: Recurrence, days: tuple[str, ...], start: Moment, language: str) -> str:
    """`每周二、四` / `Every Tue and Thu`: the rule itself, before its time and its end."""
    n = repeat.interval
    if repeat.freq == "daily":
        return plural(language, "repeat.daily", n)
    if repeat.freq == "weekly":
        names = [label(language, f"date.weekday.{d}") for d in _week_order(days)]
        return plural(language, "repeat.weekly", n, days=weekday_list(language, names))
    return plural(language, "repeat.monthly", n, day=start.day)


def _week_order(days: tuple[str, ...]) -> list[str]:
    return sorted(set(days), key=_BYDAY.index)
