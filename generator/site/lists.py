"""Index pages (one per collection, paginated when long), and the pages of
channels and tiers: who publishes where, and what each audience gets."""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.plan import urls
from generator.plan.model import BrandStory, Campaign, Channel, Entry, Event, Kind, Product, Span, Tier, UserStory, starts_at
from generator.plan.outputs import Output
from generator.site.filters import FilterBar, filter_bar
from generator.plan.progress import is_due
from generator.site.time import moment_text, number_text, span_text
from generator.site.view import (
    NAMED_PAGE_SEARCH,
    Badge, Context, Feed, Link, ScheduleRow, alternates, channel_style, entry_badges, entry_link, feeds_for,
    page, safe_url, schedule_rows,
)

PAGE_SIZE = 100  # entries per index page; more make a slow, heavy page
# A channel page lists its next and latest publications; the month pages of the
# calendar, the channel's calendar and its feed hold all of them. Unbounded, a
# busy channel's page grows by a row for every post of the year.
UPCOMING_LIMIT = 100
PAST_LIMIT = 50


@dataclass(frozen=True, slots=True)
class IndexRow:
    link: Link
    meta: str
    summary: str
    badges: tuple[Badge, ...]


@dataclass(frozen=True, slots=True)
class Pager:
    prev: Link | None
    next: Link | None
    position: str


@dataclass(frozen=True, slots=True)
class ChannelView:
    link: Link
    kind: str
    cadence: str
    url: str | None
    style: str  # its colours (`view.channel_style`)
    feed: Feed
    upcoming: tuple[ScheduleRow, ...] = ()
    past: tuple[ScheduleRow, ...] = ()
    upcoming_more: str = ""  # "N more": the calendar has them all
    past_more: str = ""
    calendar: str = urls.calendar_page_dir()
    filters: FilterBar | None = None  # its schedule's filter: no channel to choose on a channel's page


@dataclass(frozen=True, slots=True)
class TierView:
    link: Link
    description: str
    strategy: str
    groups: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    stories: tuple[Link, ...] = ()


def render_lists(ctx: Context) -> list[Output]:
    pages: list[Output] = []
    for kind in Kind:
        pages.extend(_collection(ctx, kind))
    pages.append(_channels_index(ctx))
    pages.extend(_channel_page(ctx, c) for c in ctx.plan.channels)
    if ctx.view.team:  # audience tiers are the team's, not the readers'
        pages.append(_tiers_index(ctx))
        pages.extend(_tier_page(ctx, tier) for tier in ctx.plan.site.tiers)
    return pages


# --- collections ---------------------------------------------------------------


def _collection(ctx: Context, kind: Kind) -> list[Output]:
    entries = sorted(
        (e for e in ctx.plan.of_kind(kind) if ctx.view.has_page(e)),
        key=lambda e: (_when(e, ctx.zone), e.id),
    )
    rows = [IndexRow(entry_link(ctx, e), _meta(ctx, e), e.summary, entry_badges(ctx, e)) for e in entries]
    chunks = [rows[i : i + PAGE_SIZE] for i in range(0, len(rows), PAGE_SIZE)] or [[]]
    total = len(chunks)
    pages = []
    for number, chunk in enumerate(chunks, start=1):
        pager = Pager(
            prev=Link(ctx.t("page.prev"), urls.section_dir(kind.value, number - 1)) if number > 1 else None,
            next=Link(ctx.t("page.next"), urls.section_dir(kind.value, number + 1)) if number < total else None,
            position=ctx.t("page.of", n=number, total=total),
        )
        title = ctx.t(kind.value) + (ctx.aside(pager.position) if number > 1 else "")
        meta: dict[str, object] = {"title": title}
        if number > 1:
            meta["search"] = {"exclude": True}  # page 1 is enough for search to find the list
        pages.append(
            page(ctx, urls.section_dir(kind.value, number), "index.md.j2", meta,
                 rows=tuple(chunk), count=ctx.t("index.count", n=len(rows)),
                 pager=pager if total > 1 else None)
        )
    return pages


def _when(entry: Entry, zone: str) -> float:
    """Dated kinds list in time order; the others keep the plan's order (by id)."""
    d = entry.details
    if isinstance(d, Event):
        return starts_at(d.span.start, d.span.zone).timestamp()
    if isinstance(d, Campaign):
        return starts_at(d.start, zone).timestamp()
    return 0.0


def _meta(ctx: Context, entry: Entry) -> str:
    d = entry.details
    t = ctx.t
    if isinstance(d, Event):
        # in the event's own time, as its audience will meet it
        when = span_text(d.span, ctx.language)
        if d.span.zone != ctx.zone and not d.span.all_day:
            when += ctx.aside(d.span.zone)
        return f"{when} · {t(f'format.{d.format}')}"
    if isinstance(d, Campaign):
        return span_text(Span(d.start, d.end, ctx.zone), ctx.language)
    if isinstance(d, Product):
        parts = [t(f"circle.{d.circle}")]
        if d.launch is not None:
            parts.append(moment_text(d.launch, ctx.language, ctx.zone))
        if d.price is not None:
            parts.append(f"¥{number_text(d.price)}")
        return " · ".join(parts)
    if isinstance(d, UserStory) and d.author:
        return " · ".join(p for p in (d.author.name, d.author.city or "") if p)
    if isinstance(d, BrandStory):
        return " · ".join(p for p in (t(f"theme.{d.theme}"), str(d.year or "")) if p)
    return ""


# --- channels ------------------------------------------------------------------


def channel_view(ctx: Context, channel: Channel, with_schedule: bool = False) -> ChannelView:
    t = ctx.t
    view = ChannelView(
        link=Link(channel.name, urls.channel_dir(channel.id)),
        kind=t(f"channel-kind.{channel.kind}") if channel.kind else "",
        cadence=t("cadence.value", n=number_text(channel.cadence)) if channel.cadence else t("cadence.none"),
        url=safe_url(channel.url),
        style=channel_style(ctx, channel.id),
        feed=feeds_for(ctx.plan, channel.id),
    )
    if not with_schedule:
        return view
    slots = ctx.plan.slots_by_channel.get(channel.id, ())
    now = ctx.view.now
    # past once due (at its time, as the status rule says), so the schedule and the badge agree
    upcoming = schedule_rows(ctx, tuple(s for s in slots if not is_due(s, now)))
    past = schedule_rows(ctx, tuple(reversed([s for s in slots if is_due(s, now)])))
    return replace(
        view,
        upcoming=upcoming[:UPCOMING_LIMIT],
        past=past[:PAST_LIMIT],
        upcoming_more=_more(ctx, len(upcoming) - UPCOMING_LIMIT),
        past_more=_more(ctx, len(past) - PAST_LIMIT),
        filters=filter_bar(channels=False) if upcoming or past else None,
    )


def _more(ctx: Context, hidden: int) -> str:
    return ctx.t("channel.more", n=number_text(hidden)) if hidden > 0 else ""


def _channels_index(ctx: Context) -> Output:
    views = tuple(channel_view(ctx, c) for c in ctx.plan.channels)
    return page(ctx, urls.section_dir("channels"), "channels.md.j2", {"title": ctx.t("channels")},
                channels=views, all_feed=feeds_for(ctx.plan, urls.ALL))


def _channel_page(ctx: Context, channel: Channel) -> Output:
    view = channel_view(ctx, channel, with_schedule=True)
    title = ctx.t("feed.title.channel", site=ctx.plan.site.title, channel=channel.name)
    meta = {"title": channel.name, "feeds": alternates(channel.id, title), **NAMED_PAGE_SEARCH}
    return page(ctx, urls.channel_dir(channel.id), "channel.md.j2", meta, c=view)


# --- tiers ---------------------------------------------------------------------


def _tiers_index(ctx: Context) -> Output:
    views = tuple(TierView(Link(x.name, urls.tier_dir(x.id)), x.description, x.strategy) for x in ctx.plan.site.tiers)
    return page(ctx, urls.section_dir("tiers"), "tiers.md.j2", {"title": ctx.t("tiers")}, tiers=views)


def _tier_page(ctx: Context, tier: Tier) -> Output:
    visible = [e for e in ctx.plan.entries if ctx.view.has_page(e)]
    groups = []
    for kind in Kind:
        links = tuple(entry_link(ctx, e) for e in visible if e.kind is kind and tier.id in e.tiers)
        if links:
            groups.append((ctx.t(kind.value), links))
    stories = tuple(
        entry_link(ctx, e) for e in visible
        if isinstance(e.details, UserStory) and e.details.author and e.details.author.tier == tier.id
    )
    view = TierView(Link(tier.name, urls.tier_dir(tier.id)), tier.description, tier.strategy,
                    tuple(groups), stories)
    return page(ctx, urls.tier_dir(tier.id), "tier.md.j2", {"title": tier.name, "description": tier.description, **NAMED_PAGE_SEARCH},
                tier=view)

