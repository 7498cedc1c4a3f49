"""The calendar: an overview page, one page per month, and the subscription page.

- `calendar/`: the subscribe links and the legend, a card per month and the
  coming four weeks (`calendar_overview`).
- `calendar/<yyyy-mm>/`: that month's grid and agenda, with the previous and
  next months a click away. One page for the whole plan was 2.3 MB of HTML at
  1,000 entries, and most of the site build's Markdown work.
- `calendar/subscribe/`: `subscribe.py`.
- `calendar/<yyyy>-w<ww>/` and `calendar/week/`: the team's weeks (`week_pages`);
  the overview and every month page link to `calendar/week/`, each row of a
  month's grid to its week.

Every view says who does each thing and where it stands, and carries what
the browser's filter compares (`filters`). The months are stepped through
by `months`.
"""

from __future__ import annotations

import calendar as stdcalendar
from dataclasses import dataclass, replace
from datetime import date

from generator.plan import urls
from generator.plan.outputs import Output
from generator.site import calendar_overview
from generator.site import months as calendar_months
from generator.site.subscribe import render_subscribe_page
from generator.site.agenda import AgendaDay, agenda, day_anchor, kind_label
from generator.site.filters import Facets, FilterBar, filter_bar, item_facets, rest_facets
from generator.site.items import CAMPAIGN, EVENT, LAUNCH, SLOT, Item, by_day
from generator.site.legend import legend as calendar_legend
from generator.site.months import Month, month_dir
from generator.site.time import clock, in_zone, iso, weekday_names
from generator.site.view import (
    Context, Feed, Link, channel_style, feeds_for, member_name, page, short_name, slot_badges, status_badges,
)
from generator.site.week_pages import Week, render_week_pages, span, week_dir, week_of, week_short, work_by_day

# more would stretch the grid; the rest are one click away in the agenda, and
# their facets ride on the day's "+n" link, so that the browser's filter counts
# the rest that match (as chips, they doubled a busy plan's month pages)
CHIPS_PER_DAY = 4
CHIP_STATES = ("overdue", "published")  # the publications' statuses a chip shows (its tooltip says any)
# calendar pages are views of what the entries' own pages say: not searched,
# and wide enough for a month grid
CALENDAR_META = {"hide": ["navigation", "toc"], "search": {"exclude": True}}


@dataclass(frozen=True, slots=True)
class Chip:
    kind: str
    label: str
    title: str
    href: str  # its page, else its line in the agenda (of the month it starts in)
    cancelled: bool
    draft: bool
    style: str  # a publication's channel colours (`view.channel_style`)
    flavor: str
    tip: str = ""  # the whole of it, for the tooltip: kind, channel, time, title, owner, status
    owner: str = ""  # the owner, short (the tooltip has the name)
    state: str = ""  # css modifier: overdue or published, the statuses a chip shows
    facets: Facets | None = None


@dataclass(frozen=True, slots=True)
class DayCell:
    number: int  # 0: a padding cell outside the month
    iso: str
    anchor: str | None  # the agenda entry for the day, when something starts on it
    chips: tuple[Chip, ...] = ()
    more: str = ""
    more_href: str = ""
    rest: str = ""  # the facets of the items past the chips, for the filter's count (`rest_facets`)
    weekend: bool = False
    today: bool = False


@dataclass(frozen=True, slots=True)
class GridWeek:
    """A row of the month grid, and its week's page (when the plan has it)."""

    week: Link | None
    days: tuple[DayCell, ...]


@dataclass(frozen=True, slots=True)
class MonthView:
    """A month page: its grid, its agenda, and the way to its neighbours."""

    title: str
    weeks: tuple[GridWeek, ...]
    agenda: tuple[AgendaDay, ...]
    previous: Link | None
    next: Link | None
    overview: Link
    this_week: Link | None = None
    filters: FilterBar | None = None


@dataclass(frozen=True, slots=True)
class CalendarLink:
    name: str
    about: str
    feed: Feed


def render_calendar_pages(ctx: Context) -> list[Output]:
    calendars = _calendars(ctx)
    legend = calendar_legend(ctx)
    days = by_day(ctx.items, ctx.zone)
    months = calendar_months.span(days)
    starting: dict[Month, list[Item]] = {}
    for item in ctx.items:
        day = item.first_day(ctx.zone)
        starting.setdefault((day.year, day.month), []).append(item)
    today = in_zone(ctx.view.now, ctx.zone).date()
    work = work_by_day(ctx, ctx.items)
    weeks = span([*days, *work])
    this_week = Link(ctx.t("calendar.this-week"), urls.calendar_week_dir()) if weeks else None
    bar = filter_bar()
    overview = page(
        ctx, urls.calendar_page_dir(), "calendar.md.j2", {"title": ctx.t("calendar"), **CALENDAR_META},
        cards=tuple(calendar_overview.card(ctx, m, starting.get(m, ()), today) for m in months),
        coming=calendar_overview.coming_up(ctx, months, starting, min(days, default=None), today),
        legend=legend, calendars=calendars, subscribe=urls.subscribe_dir(), this_week=this_week, filters=bar,
    )
    subscribe_page = render_subscribe_page(ctx, tuple((c.name, c.about, c.feed.ics) for c in calendars))
    weekdays = weekday_names(ctx.language)
    known = frozenset(weeks)
    month_pages = [
        page(
            ctx, month_dir(m), "calendar-month.md.j2", {"title": calendar_months.title(ctx, m), **CALENDAR_META},
            month=replace(_month(ctx, m, months, days, tuple(starting.get(m, ())), today, known),
                          this_week=this_week, filters=bar),
            weekdays=weekdays, legend=legend,
        )
        for m in months
    ]
    week_pages = render_week_pages(ctx, weeks, days, work, months, CALENDAR_META, legend=legend)
    return [overview, subscribe_page, *month_pages, *week_pages]


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


# --- months ----------------------------------------------------------------------


def _month(
    ctx: Context,
    month: Month,
    months: tuple[Month, ...],
    days: dict[date, list[Item]],
    items: tuple[Item, ...],
    today: date,
    known: frozenset[Week],
) -> MonthView:
    year, number = month
    weeks = []
    for dates in stdcalendar.Calendar(firstweekday=0).monthdatescalendar(year, number):
        week = week_of(dates[0])
        link = Link(week_short(ctx, week), week_dir(week)) if week in known else None
        weeks.append(GridWeek(link, tuple(_cell(ctx, day, month, days.get(day, []), today) for day in dates)))
    return MonthView(
        title=calendar_months.title(ctx, month),
        weeks=tuple(weeks),
        agenda=agenda(ctx, items),
        previous=calendar_months.link(ctx, calendar_months.before(month), months),
        next=calendar_months.link(ctx, calendar_months.after(month), months),
        overview=Link(ctx.t("calendar.overview"), urls.calendar_page_dir()),
    )


def _cell(ctx: Context, day: date, month: Month, items: list[Item], today: date) -> DayCell:
    if (day.year, day.month) != month:
        return DayCell(0, iso(day), None)
    # the agenda lists an item under the day it starts; later days of a long
    # item link to that first day, on the page of the month it starts in
    chips = tuple(_chip(ctx, item, month) for item in items[:CHIPS_PER_DAY])
    starts_here = any(item.first_day(ctx.zone) == day for item in items)
    anchor = day_anchor(day) if starts_here else None
    more = more_href = rest = ""
    if len(items) > CHIPS_PER_DAY:
        more = ctx.t("calendar.more", n=len(items) - CHIPS_PER_DAY)
        more_href = "#" + anchor if anchor else _chip(ctx, items[CHIPS_PER_DAY], month).href
        rest = rest_facets(item_facets(ctx, item) for item in items[CHIPS_PER_DAY:])
    return DayCell(
        number=day.day,
        iso=iso(day),
        anchor=anchor,
        chips=chips,
        more=more,
        more_href=more_href,
        rest=rest,
        weekend=day.weekday() >= 5,
        today=day == today,
    )


def _chip(ctx: Context, item: Item, month: Month) -> Chip:
    label = kind_label(ctx, item)
    if item.kind in (EVENT, SLOT, LAUNCH) and not item.all_day:
        label = clock(in_zone(item.begins(), ctx.zone))
    elif item.kind == CAMPAIGN:
        label = ctx.t("legend.campaign")
    facets = item_facets(ctx, item)
    badges = slot_badges(ctx, item.slot) if item.slot is not None else status_badges(ctx, item.status)
    owner = member_name(ctx, item.owner)
    # the tooltip says in words what the chip's colour and mark say: its kind, its channel
    tip = [kind_label(ctx, item)]
    if item.kind == SLOT and item.channel:
        tip.append(ctx.plan.channel_name(item.channel))
    tip.append(item.title if label == tip[0] else f"{label} {item.title}")
    if owner:
        tip.append(ctx.t("calendar.owned-by", name=owner))
    tip.extend(b.text for b in badges)
    return Chip(
        kind=item.kind,
        label=label,
        title=item.title,
        href=item.href or _agenda_href(item.first_day(ctx.zone), month),
        cancelled=item.status.is_cancelled,
        draft=item.status.is_draft,
        style=channel_style(ctx, item.channel) if item.kind == SLOT else "",
        flavor=item.flavor,
        tip=" · ".join(tip),
        owner=short_name(owner),
        state=facets.status if item.slot is not None and facets and facets.status in CHIP_STATES else "",
        facets=facets,
    )


def _agenda_href(day: date, month: Month) -> str:
    """A day's line in the agenda: on this page, or on its own month's page."""
    anchor = "#" + day_anchor(day)
    return anchor if (day.year, day.month) == month else month_dir((day.year, day.month)) + anchor
