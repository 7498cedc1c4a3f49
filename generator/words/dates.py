"""Dates and times as a reader of the plan's language says them.

Every renderer and the command line (the site, the change feed, the digest,
`changes`) say a moment alike, so the words live here, below them all.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from generator.plan.model import Moment, Span
from generator.words.labels import aside, label

BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def date_text(day: date, language: str) -> str:
    """`2027年4月6日 周二` / `Tue 6 Apr 2027`."""
    return label(language, "date.full", **_date_values(day, language))


def short_date_text(day: date, language: str) -> str:
    """`4月6日 周二` / `Tue 6 Apr`: for lists inside a year that is already clear."""
    return label(language, "date.short", **_date_values(day, language))


def _date_values(day: date, language: str) -> dict[str, object]:
    return {
        "year": day.year,
        "month": label(language, f"date.month.short.{day.month}"),
        "day": day.day,
        "weekday": label(language, f"date.weekday.{BYDAY[day.weekday()]}"),
    }


def clock(value: datetime) -> str:
    return value.strftime("%H:%M")


def moment_text(value: Moment, language: str, zone: str | None = None) -> str:
    """A date, or a date and a time (converted into `zone` when given)."""
    if not isinstance(value, datetime):
        return date_text(value, language)
    local = value.astimezone(ZoneInfo(zone)) if zone else value
    return f"{date_text(local.date(), language)} {clock(local)}"


def in_zone(value: datetime, zone: str) -> datetime:
    return value.astimezone(ZoneInfo(zone))


def span_text(span: Span, language: str, zone: str | None = None) -> str:
    """`2027年4月6日 周二 20:00–21:00` or `… – 4月8日 周四（3 天）` for dates.

    Timed spans are shown in `zone` when given, else in the span's own zone.
    """
    if span.all_day:
        start, end = span.start, span.end
        assert isinstance(start, date) and isinstance(end, date)
        if start == end:
            return date_text(start, language)
        days = (end - start).days + 1
        tail = short_date_text(end, language) if end.year == start.year else date_text(end, language)
        count = label(language, "days", n=days)
        return f"{date_text(start, language)} – {tail}{aside(language, count)}"
    assert isinstance(span.start, datetime) and isinstance(span.end, datetime)
    target = zone or span.zone
    start, end = in_zone(span.start, target), in_zone(span.end, target)
    last = end - timedelta(microseconds=1)  # an end at midnight belongs to the day before
    if last.date() == start.date():
        return f"{date_text(start.date(), language)} {clock(start)}–{clock(end)}"
    return f"{date_text(start.date(), language)} {clock(start)} – {date_text(end.date(), language)} {clock(end)}"
