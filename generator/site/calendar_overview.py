"""The calendar's overview (`calendar/`): every month of the plan as a small
card (how many events, publications, campaigns... start in it), and the agenda
of the coming four weeks from the build's now (the plan's first month when now
is before the plan). Its size does not grow with the plan: a card per month,
and at most `COMING_LIMIT` agenda rows. `calendar_pages` puts it on its page.
"""

from __future__ import annotations

import calendar as stdcalendar
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from generator.site import months as calendar_months
from generator.site.agenda import AgendaDay, agenda
from generator.site.items import CAMPAIGN, EVENT, KEY_DATE, LAUNCH, SLOT, Item, within
from generator.site.months import Month
from generator.site.time import date_text, days_ahead, short_date_text
from generator.site.view import Context, Link

COMING_UP = timedelta(weeks=4)  # the overview's agenda, from the build's now
COMING_LIMIT = 100  # rows at most in the overview's agenda: the month pages have the rest
TALLY_ORDER = (EVENT, SLOT, CAMPAIGN, LAUNCH, KEY_DATE)  # the counts on a month's card


@dataclass(frozen=True, slots=True)
class Tally:
    kind: str  # css modifier, as on chips
    text: str
    count: int


@dataclass(frozen=True, slots=True)
class MonthCard:
    """A month on the overview: its page and how much starts in it."""

    title: str
    href: str
    tallies: tuple[Tally, ...]  # the kinds it has, in TALLY_ORDER
    current: bool  # the month of the build's now


@dataclass(frozen=True, slots=True)
class ComingUp:
    title: str
    range: str
    days: tuple[AgendaDay, ...]
    empty: str
    more: str  # "n more not listed", when the agenda was cut at COMING_LIMIT rows
    months: tuple[Link, ...]  # the month pages that list everything of the period


def card(ctx: Context, month: Month, items: Sequence[Item], today: date) -> MonthCard:
    """The counts are of what the month's agenda lists: what starts in it."""
    counts = Counter(item.kind for item in items)
    return MonthCard(
        title=calendar_months.title(ctx, month),
        href=calendar_months.month_dir(month),
        tallies=tuple(Tally(k, ctx.t(f"calendar.tally.{k}"), counts[k]) for k in TALLY_ORDER if counts[k]),
        current=month == (today.year, today.month),
    )


def coming_up(
    ctx: Context, months: tuple[Month, ...], starting: dict[Month, list[Item]], first_day: date | None, today: date
) -> ComingUp:
    """The next four weeks from now, or the plan's first month while now is before the plan."""
    zone = ctx.zone
    if first_day is not None and today < first_day:
        first = months[0]
        items = tuple(starting.get(first, ()))
        start = date(first[0], first[1], 1)
        end = date(first[0], first[1], stdcalendar.monthrange(*first)[1])
        title, empty, since = ctx.t("calendar.first-month"), "calendar.month.empty", None
    else:
        start, end, window_end = days_ahead(ctx.view.now, zone, COMING_UP)
        items = within(ctx.items, ctx.view.now, window_end)
        title, empty, since = ctx.t("calendar.coming"), "calendar.coming.empty", today
    shown = _first_days(ctx, items, since)
    period = calendar_months.between((start.year, start.month), (end.year, end.month))
    covered = [link for month in period if (link := calendar_months.link(ctx, month, months))]
    more = ""
    if len(shown) < len(items):
        last_shown = max(_agenda_day(ctx, item, since) for item in shown)
        more = ctx.t("calendar.coming.more", n=len(items) - len(shown),
                     day=short_date_text(last_shown, ctx.language))
    return ComingUp(
        title=title,
        range=f"{date_text(start, ctx.language)} – {date_text(end, ctx.language)}",
        days=agenda(ctx, shown, since=since),
        empty=empty,
        more=more,
        months=tuple(covered),
    )


def _agenda_day(ctx: Context, item: Item, since: date | None) -> date:
    """The day an agenda lists an item under (see `pages_agenda.agenda`)."""
    day = item.first_day(ctx.zone)
    return max(day, since) if since else day


def _first_days(ctx: Context, items: tuple[Item, ...], since: date | None) -> tuple[Item, ...]:
    """The items of the first whole days that fit in COMING_LIMIT rows (at
    least part of the first day): a day is never listed half."""
    if len(items) <= COMING_LIMIT:
        return items
    per_day = Counter(_agenda_day(ctx, item, since) for item in items)
    days: set[date] = set()
    rows = 0
    for day in sorted(per_day):
        if rows + per_day[day] > COMING_LIMIT:
            break
        days.add(day)
        rows += per_day[day]
    if not days:  # one day holds more than the limit: its first rows
        return items[:COMING_LIMIT]
    return tuple(item for item in items if _agenda_day(ctx, item, since) in days)
