"""The calendar page (a month grid and an agenda for every month of the plan)
and the subscription page (how to subscribe from Google, Outlook and Apple)."""

from __future__ import annotations

import calendar as stdcalendar
from dataclasses import dataclass
from datetime import date

from . import urls
from .outputs import Output
from .pages_agenda import AgendaDay, agenda, day_anchor, kind_label
from .pages_items import CAMPAIGN, EVENT, KEY_DATE, LAUNCH, ORDER, SLOT, Item, by_day
from .pages_time import clock, in_zone, iso, month_title, weekday_names
from .pages_view import Context, Feed, css_color, feeds_for, page

CHIPS_PER_DAY = 4  # more would stretch the grid; the rest are one click away in the agenda


@dataclass(frozen=True, slots=True)
class Chip:
    kind: str
    label: str
    title: str
    href: str  # its page, else its line in the agenda
    cancelled: bool
    draft: bool
    color: str | None
    flavor: str


@dataclass(frozen=True, slots=True)
class DayCell:
    number: int  # 0: a padding cell outside the month
    iso: str
    anchor: str | None  # the agenda entry for the day, when it has items
    chips: tuple[Chip, ...] = ()
    more: str = ""
    weekend: bool = False
    today: bool = False


@dataclass(frozen=True, slots=True)
class MonthView:
    id: str
    title: str
    weeks: tuple[tuple[DayCell, ...], ...]
    agenda: tuple[AgendaDay, ...]


@dataclass(frozen=True, slots=True)
class LegendEntry:
    kind: str
    flavor: str
    text: str


@dataclass(frozen=True, slots=True)
class CalendarLink:
    name: str
    about: str
    feed: Feed


def render_calendar_pages(ctx: Context) -> list[Output]:
    calendars = _calendars(ctx)
    items = ctx.items
    months = _months(ctx, items)
    calendar_page = page(
        # the month grid needs the width the section navigation would take
        ctx, urls.calendar_page_dir(), "calendar.md.j2", {"title": ctx.t("calendar"), "hide": ["navigation"]},
        months=months, weekdays=weekday_names(ctx.language), legend=_legend(ctx),
        calendars=calendars, subscribe=urls.subscribe_dir(),
    )
    subscribe_page = page(
        ctx, urls.subscribe_dir(), "subscribe.md.j2", {"title": ctx.t("subscribe")},
        calendars=calendars, calendar=urls.calendar_page_dir(),
    )
    return [calendar_page, subscribe_page]


def _calendars(ctx: Context) -> tuple[CalendarLink, ...]:
    plan = ctx.plan
    found = [
        CalendarLink(ctx.t("cal.all"), ctx.t("cal.all.about"), feeds_for(plan, urls.ALL)),
        CalendarLink(ctx.t("cal.events"), ctx.t("cal.events.about"), feeds_for(plan, urls.EVENTS)),
    ]
    found.extend(
        CalendarLink(c.name, ctx.t("cal.channel.about", channel=c.name), feeds_for(plan, c.id))
        for c in plan.channels
    )
    return tuple(found)


def _legend(ctx: Context) -> tuple[LegendEntry, ...]:
    kinds = [(k, "") for k in ORDER if k != KEY_DATE] + [(KEY_DATE, f) for f in ("holiday", "commerce", "brand")]
    entries = [LegendEntry(k, f, ctx.t(f"legend.{f or k}")) for k, f in kinds]
    entries.append(LegendEntry("cancelled", "", ctx.t("legend.cancelled")))
    if ctx.options.drafts:
        entries.append(LegendEntry("draft", "", ctx.t("legend.draft")))
    return tuple(entries)


def _months(ctx: Context, items: tuple[Item, ...]) -> tuple[MonthView, ...]:
    if not items:
        return ()
    zone = ctx.zone
    days = by_day(items, zone)
    first = min(days)
    last = max(days)
    today = in_zone(ctx.options.now, zone).date()
    starting: dict[tuple[int, int], list[Item]] = {}
    for item in items:
        day = item.first_day(zone)
        starting.setdefault((day.year, day.month), []).append(item)
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        weeks = tuple(
            tuple(_cell(ctx, day, month, days.get(day, []), today) for day in week)
            for week in stdcalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
        )
        months.append(
            MonthView(
                id=f"m-{year:04d}-{month:02d}",
                title=month_title(year, month, ctx.language),
                weeks=weeks,
                agenda=agenda(ctx, tuple(starting.get((year, month), ()))),
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(months)


def _cell(ctx: Context, day: date, month: int, items: list[Item], today: date) -> DayCell:
    if day.month != month:
        return DayCell(0, iso(day), None)
    # the agenda lists an item under the day it starts; later days of a long
    # item link to that first day
    chips = tuple(_chip(ctx, item) for item in items[:CHIPS_PER_DAY])
    more = ctx.t("calendar.more", n=len(items) - CHIPS_PER_DAY) if len(items) > CHIPS_PER_DAY else ""
    starts_here = any(item.first_day(ctx.zone) == day for item in items)
    return DayCell(
        number=day.day,
        iso=iso(day),
        anchor=day_anchor(day) if starts_here else None,
        chips=chips,
        more=more,
        weekend=day.weekday() >= 5,
        today=day == today,
    )


def _chip(ctx: Context, item: Item) -> Chip:
    label = kind_label(ctx, item)
    if item.kind in (EVENT, SLOT, LAUNCH) and not item.all_day:
        label = clock(in_zone(item.begins(), ctx.zone))
    elif item.kind == CAMPAIGN:
        label = ctx.t("legend.campaign")
    color = None
    if item.kind == SLOT and item.channel:
        channel = ctx.plan.channel_by_id.get(item.channel)
        color = css_color(channel.color) if channel else None
    return Chip(
        kind=item.kind,
        label=label,
        title=item.title,
        href=item.href or "#" + day_anchor(item.first_day(ctx.zone)),
        cancelled=item.status.is_cancelled,
        draft=item.status.is_draft,
        color=color,
        flavor=item.flavor,
    )
