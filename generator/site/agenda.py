"""Calendar items as rows a reader scans: grouped by day, in the plan's zone,
each with its time, its kind (colour), its title, its link, who does it and
where it stands (a publication's status always, overdue included)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from generator.site.items import KEY_DATE, LAUNCH, SLOT, Item
from generator.site.time import clock, in_zone, iso, short_date_text, date_text
from generator.site.filters import Facets, item_facets
from generator.site.view import Badge, Context, channel_style, member_name, slot_badges, status_badges


@dataclass(frozen=True, slots=True)
class AgendaRow:
    time: str
    kind: str  # css modifier: event, slot, campaign, launch, key-date
    kind_label: str
    title: str
    href: str | None
    detail: str
    badges: tuple[Badge, ...]
    cancelled: bool
    style: str  # the channel's colours, for publications (`view.channel_style`)
    flavor: str = ""  # key dates: holiday, commerce or brand
    owner: str = ""  # the name of whoever does it
    facets: Facets | None = None  # what the browser's filter compares; none for key dates


@dataclass(frozen=True, slots=True)
class AgendaDay:
    id: str  # `d-2027-04-06`, the anchor the month grid links to
    title: str
    rows: tuple[AgendaRow, ...]
    today: str = ""  # "今天" on the day it is (the grid's outlined day, for a phone that shows no grid)


def day_anchor(day: date) -> str:
    return f"d-{iso(day)}"


def kind_label(ctx: Context, item: Item) -> str:
    if item.kind == KEY_DATE:
        return ctx.t(f"legend.{item.flavor}")
    return ctx.t(f"legend.{item.kind}")


def row(ctx: Context, item: Item) -> AgendaRow:
    zone = ctx.zone
    detail = ""
    style = ""
    if isinstance(item.start, datetime):
        local = in_zone(item.start, zone)
        time = clock(local)
        if item.zone != zone:
            detail = ctx.aside(f"{item.zone} {clock(in_zone(item.start, item.zone))}")
    else:
        time = ctx.t("calendar.all-day")
    last = item.last_day(zone)
    if item.all_day and last != item.first_day(zone):
        time = ctx.t("calendar.all-day.until", date=short_date_text(last, ctx.language))
    if item.kind == SLOT and item.channel:
        channel = ctx.plan.channel_by_id.get(item.channel)
        detail = channel.name if channel else item.channel
        style = channel_style(ctx, item.channel)
    title = item.title
    if item.kind == LAUNCH:
        title = ctx.t("calendar.launch-of", title=item.title)
    return AgendaRow(
        time=time,
        kind=item.kind,
        kind_label=kind_label(ctx, item),
        title=title,
        href=item.href,
        detail=detail,
        # a publication always says where it stands; other things only when drafted or cancelled
        badges=slot_badges(ctx, item.slot) if item.slot is not None else status_badges(ctx, item.status),
        cancelled=item.status.is_cancelled,
        style=style,
        flavor=item.flavor,
        owner=member_name(ctx, item.owner),
        facets=item_facets(ctx, item),
    )


def agenda(ctx: Context, items: tuple[Item, ...], since: date | None = None) -> tuple[AgendaDay, ...]:
    """Items under the day they start (plan's zone), days in order; with
    `since`, what started earlier and still runs is listed on that day."""
    days: dict[date, list[AgendaRow]] = {}
    for item in items:
        day = item.first_day(ctx.zone)
        days.setdefault(max(day, since) if since else day, []).append(row(ctx, item))
    today = in_zone(ctx.view.now, ctx.zone).date()
    return tuple(
        AgendaDay(day_anchor(day), date_text(day, ctx.language), tuple(rows),
                  ctx.t("today.today") if day == today else "")
        for day, rows in sorted(days.items())
    )

