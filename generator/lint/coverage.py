"""Who gets what, when: publication counts by channel × week and tier × month.

Counts take what will really go out: slots whose status is approved or
published. Weeks run Monday to Sunday; days are the plan's local days. The
lint reads these counts to find holes, and the lint page draws them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from generator.plan.model import Entry, Plan, Slot, starts_at
from generator.plan.visibility import PUBLIC  # the one definition of what really goes out

Month = tuple[int, int]


@dataclass(frozen=True)
class Coverage:
    weeks: tuple[date, ...]  # Mondays, from the first publication's week to the last's
    months: tuple[Month, ...]
    by_channel_week: dict[str, Counter[date]]
    by_tier_month: dict[str, Counter[Month]]


def public_slots(plan: Plan) -> Iterator[tuple[Entry, Slot]]:
    for entry in plan.entries:
        for slot in entry.slots:
            if slot.status in PUBLIC:
                yield entry, slot


def local_day(at: date | datetime, zone: str, plan_zone: ZoneInfo) -> date:
    """The day in the plan's zone that a post or deadline (`at` in `zone`) falls on; an all-day one's own."""
    return starts_at(at, zone).astimezone(plan_zone).date() if isinstance(at, datetime) else at


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def coverage(plan: Plan) -> Coverage:
    zone = ZoneInfo(plan.site.timezone)
    by_channel: dict[str, Counter[date]] = defaultdict(Counter)
    by_tier: dict[str, Counter[Month]] = defaultdict(Counter)
    days = []
    for entry, slot in public_slots(plan):
        day = local_day(slot.at, slot.zone, zone)
        days.append(day)
        by_channel[slot.channel][monday(day)] += 1
        for tier in entry.tiers:
            by_tier[tier][(day.year, day.month)] += 1
    if not days:
        return Coverage((), (), by_channel, by_tier)
    first, last = min(days), max(days)
    weeks = []
    week = monday(first)
    while week <= last:
        weeks.append(week)
        week += timedelta(days=7)
    months = []
    cursor = first.replace(day=1)
    while cursor <= last:
        months.append((cursor.year, cursor.month))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return Coverage(tuple(weeks), tuple(months), by_channel, by_tier)
