"""One page per entry: its facts, its kind's own sections, its publication
schedule, and links both ways (what it names, what names it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from markupsafe import Markup

from generator.plan import urls
from generator.plan.model import BrandStory, Campaign, Entry, Event, Kind, Product, Span, UserStory
from generator.plan.outputs import Output
from generator.plan.recurrence import Occurrence, occurrences
from generator.site.time import (
    OCCURRENCE_LIMIT, date_text, duration_text, in_zone, moment_text, number_text, recurrence_text, span_text,
    zone_text,
)
from generator.site.view import (
    NAMED_PAGE_SEARCH,
    Badge, Context, Link, ScheduleRow, entry_link, html, linked_entry, page, safe_url,
    schedule_rows, entry_badges,
)
from generator.site.agenda import AgendaDay, agenda
from generator.site.filters import FilterBar, filter_bar
from generator.site.items import Item, within
from generator.site.legend import Legend, legend
from generator.site.posts import CopyView, copy_view


@dataclass(frozen=True, slots=True)
class Fact:
    label: str
    text: str = ""
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    """A titled block of sanitized HTML (a tutorial, an FAQ answer)."""

    title: str
    body: Markup


@dataclass(frozen=True, slots=True)
class OccurrenceRow:
    when: str
    skipped: bool
    number: int | None = None  # its place among the dates that happen; a skipped date has none


@dataclass(frozen=True, slots=True)
class EntryView:
    kind: str
    kind_label: str
    badges: tuple[Badge, ...]
    tags: tuple[str, ...]
    draft_note: str
    cancelled: bool
    summary: str
    image: str | None
    title: str
    facts: tuple[Fact, ...]
    body: Markup
    schedule: tuple[ScheduleRow, ...]
    referrers: tuple[tuple[str, tuple[Link, ...]], ...]
    # kind-specific
    features: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    tutorials: tuple[Section, ...] = ()
    faq: tuple[Section, ...] = ()
    quote: str = ""
    quote_by: str = ""
    event_ics: str | None = None
    occurrences: tuple[OccurrenceRow, ...] = ()
    occurrences_more: str = ""
    timeline: tuple[AgendaDay, ...] = ()
    timeline_scope: str = ""  # the dates the timeline covers
    timeline_elsewhere: tuple[Link, ...] = ()  # linked entries with plans outside the campaign's dates
    legend: Legend | None = None  # what the timeline's colours and marks mean
    filters: FilterBar | None = None  # for its schedule and timeline, when they list anything
    brief: Markup = Markup("")  # the team's notes: a team build only (`View.team`)
    copies: tuple[SlotCopy, ...] = ()  # each post's copy, ready to paste: a team build only


def render_entries(ctx: Context, entries: Sequence[Entry]) -> list[Output]:
    """The pages of `entries` (each must have one: `View.has_page`)."""
    pages = []
    for entry in entries:
        view = entry_view(ctx, entry)
        meta = {"title": entry.title, "description": entry.summary}
        if entry.kind is Kind.PRODUCT:  # searched by its name, as channels and people are
            meta.update(NAMED_PAGE_SEARCH)
        pages.append(page(ctx, urls.entry_dir(entry.kind, entry.id), "entry.md.j2", meta, e=view))
    return pages


def entry_view(ctx: Context, entry: Entry) -> EntryView:
    details = entry.details
    status = entry.status
    schedule = schedule_rows(ctx, entry.slots)
    view = EntryView(
        kind=entry.kind.value,
        kind_label=ctx.t(f"kind.{entry.kind.value}"),
        badges=entry_badges(ctx, entry),
        tags=entry.tags,
        draft_note=ctx.t("draft.note", status=ctx.t(f"status.{status.value}")) if status.is_draft else "",
        cancelled=status.is_cancelled,
        summary=entry.summary,
        image=urls.image_file(entry.image) if entry.image else None,
        title=entry.title,
        facts=_kind_facts(ctx, entry) + _common_facts(ctx, entry),
        body=html(entry.body),
        schedule=schedule,
        referrers=_referrers(ctx, entry),
        filters=filter_bar() if schedule else None,
        brief=html(entry.brief) if ctx.view.team and entry.brief else Markup(""),
        copies=_copies(ctx, entry) if ctx.view.team else (),
    )
    if isinstance(details, Product):
        return _with(view, features=details.features,
                     links=tuple(Link(link.title, safe_url(link.url)) for link in details.links),
                     tutorials=tuple(Section(t.title, html(t.body)) for t in details.tutorials),
                     faq=tuple(Section(f.q, html(f.a)) for f in details.faq))
    if isinstance(details, UserStory):
        author = details.author.name if details.author else ""
        return _with(view, quote=details.quote, quote_by=author)
    if isinstance(details, Event):
        dates = [o for o in occurrences(details)] if details.repeat else []
        rows = _occurrence_rows(ctx, details, dates[:OCCURRENCE_LIMIT])
        # a cancelled event's .ics says so, for whoever added it; it is not offered anew
        ics = None if status.is_cancelled else urls.event_ics_file(entry.id)
        return _with(view, event_ics=ics, occurrences=rows,
                     occurrences_more=ctx.t("occurrences.more", n=len(dates) - OCCURRENCE_LIMIT)
                     if len(dates) > OCCURRENCE_LIMIT else "")
    if isinstance(details, Campaign):
        inside, outside = _campaign_items(ctx, entry, details)
        timeline = agenda(ctx, inside)
        scope = ctx.t("timeline.scope", start=date_text(details.start, ctx.language),
                      end=date_text(details.end, ctx.language))
        return _with(view, timeline=timeline, timeline_scope=scope, timeline_elsewhere=_elsewhere(ctx, outside),
                     legend=legend(ctx, inside) if timeline else None,
                     filters=filter_bar() if schedule or timeline else None)
    return view


@dataclass(frozen=True, slots=True)
class SlotCopy:
    """One post's copy on its entry's page: which post, and its fields."""

    heading: str  # channel · time · title
    copy: CopyView


def _copies(ctx: Context, entry: Entry) -> tuple[SlotCopy, ...]:
    found = []
    for index, slot in enumerate(entry.slots):
        if not ctx.view.shows(slot.status) or slot.status.is_cancelled:
            continue
        copy = copy_view(ctx, slot, f"copy-{index}")
        if copy is None:
            continue
        channel = ctx.plan.channel_by_id.get(slot.channel)
        when = moment_text(slot.at, ctx.language, ctx.zone)
        found.append(SlotCopy(f"{channel.name if channel else slot.channel} · {when} · {slot.title}", copy))
    return tuple(found)


def _campaign_items(ctx: Context, entry: Entry, campaign: Campaign) -> tuple[tuple[Item, ...], tuple[Item, ...]]:
    """What the campaign plans: its own posts, and its members' within its dates.

    An entry that joins a campaign (a product, say) has a year of posts; only
    those inside the campaign's dates are the campaign's plan. The rest are
    told apart, so the timeline neither runs to November nor hides them."""
    zone = ZoneInfo(ctx.zone)
    start = datetime.combine(campaign.start, time(0), zone)
    end = datetime.combine(campaign.end + timedelta(days=1), time(0), zone)
    items = ctx.campaign_items.get(entry.id, ())
    during = {id(i) for i in within(items, start, end)}  # items hold slots, which do not hash
    ours = [i.entry_key == entry.key or id(i) in during for i in items]
    return (tuple(i for i, mine in zip(items, ours) if mine),
            tuple(i for i, mine in zip(items, ours) if not mine))


def _elsewhere(ctx: Context, outside: tuple[Item, ...]) -> tuple[Link, ...]:
    """Each member entry with plans outside the campaign's dates, and how many."""
    counts = Counter(i.entry_key for i in outside if i.entry_key)
    found = []
    for key, count in sorted(counts.items()):
        member = ctx.plan.by_key[key]
        href = urls.entry_dir(member.kind, member.id) if ctx.view.has_page(member) else None
        found.append(Link(member.title, href, ctx.t("timeline.elsewhere.count", n=count)))
    return tuple(found)


def _with(view: EntryView, **changes: object) -> EntryView:
    return replace(view, **changes)


def _occurrence_rows(ctx: Context, event: Event, dates: Sequence[Occurrence]) -> tuple[OccurrenceRow, ...]:
    """The dates as listed: those that happen numbered 1, 2, … as the repeat's
    count says them (`time.recurrence_text`), the skipped ones unnumbered."""
    rows, number = [], 0
    for o in dates:
        number += not o.skipped
        rows.append(OccurrenceRow(span_text(_span_of(event, o), ctx.language), o.skipped,
                                  None if o.skipped else number))
    return tuple(rows)


def _span_of(event: Event, occurrence: Occurrence) -> Span:
    return Span(occurrence.start, occurrence.end, event.span.zone)


def _kind_facts(ctx: Context, entry: Entry) -> tuple[Fact, ...]:
    d = entry.details
    t = ctx.t
    if isinstance(d, Product):
        facts = [Fact(t("circle"), t(f"circle.{d.circle}"))]
        if d.launch is not None:
            facts.append(Fact(t("launch"), moment_text(d.launch, ctx.language, ctx.zone)))
        if d.price is not None:
            facts.append(Fact(t("price"), f"¥{number_text(d.price)}"))
        return tuple(facts)
    if isinstance(d, UserStory):
        facts = []
        if d.author:
            facts.append(Fact(t("author"), d.author.name))
            tier = next((x for x in ctx.plan.site.tiers if x.id == d.author.tier), None)
            if tier and ctx.view.team:
                facts.append(Fact(t("tiers"), links=(Link(tier.name, urls.tier_dir(tier.id)),)))
            if d.author.city:
                facts.append(Fact(t("city"), d.author.city))
        return tuple(facts)
    if isinstance(d, BrandStory):
        facts = [Fact(t("theme"), t(f"theme.{d.theme}"))]
        if d.year is not None:
            facts.append(Fact(t("year"), str(d.year)))
        return tuple(facts)
    if isinstance(d, Event):
        return _event_facts(ctx, d)
    if isinstance(d, Campaign):
        goals = tuple(
            Link(g.title, f"/#goal-{g.id}") for g in ctx.plan.site.goals if g.id in d.goals and ctx.view.team
        )
        channels = tuple(
            Link(c.name, urls.channel_dir(c.id)) for c in ctx.plan.channels if c.id in d.channels
        )
        period = span_text(Span(d.start, d.end, ctx.zone), ctx.language)
        facts = [Fact(t("period"), period)]
        if goals:
            facts.append(Fact(t("campaign-goals"), links=goals))
        if channels:
            facts.append(Fact(t("campaign-channels"), links=channels))
        return tuple(facts)
    return ()


def _event_facts(ctx: Context, d: Event) -> tuple[Fact, ...]:
    t = ctx.t
    start = d.span.start
    facts = [Fact(t("event-kind"), t(f"event-kind.{d.kind}")), Fact(t("format"), t(f"format.{d.format}"))]
    when = span_text(d.span, ctx.language)
    if isinstance(start, datetime):
        when += ctx.aside(zone_text(start, d.span.zone))
    facts.append(Fact(t("when"), when))
    if isinstance(start, datetime) and d.span.zone != ctx.zone:
        there = span_text(d.span, ctx.language, ctx.zone)
        facts.append(Fact(t("when.plan-zone"), there + ctx.aside(zone_text(in_zone(start, ctx.zone), ctx.zone))))
    if d.repeat:
        facts.append(Fact(t("repeat"), recurrence_text(d, ctx.language)))
    if d.location and d.location.parts():
        facts.append(Fact(t("where"), " · ".join(d.location.parts())))
    url = safe_url(d.url)
    if url:
        facts.append(Fact(t("event-link"), links=(Link(url, url),)))
    if d.capacity is not None:
        facts.append(Fact(t("capacity"), t("capacity.value", n=number_text(d.capacity))))
    if d.reminders:
        facts.append(Fact(t("reminders"), ctx.listing(duration_text(r, ctx.language) for r in d.reminders)))
    return tuple(facts)


def _common_facts(ctx: Context, entry: Entry) -> tuple[Fact, ...]:
    t = ctx.t
    facts = []
    if ctx.view.team:  # who does it, and for which audience: the team's, not the readers'
        for key, member_id in (("owner", entry.owner), ("reviewer", entry.reviewer)):
            member = ctx.plan.site.member(member_id)
            if member:
                facts.append(Fact(t(key), member.name + ctx.aside(t(f"role.{member.role}"))))
        tiers = tuple(Link(x.name, urls.tier_dir(x.id)) for x in ctx.plan.site.tiers if x.id in entry.tiers)
        if tiers:
            facts.append(Fact(t("audience"), links=tiers))
    products = tuple(
        link for link in (linked_entry(ctx, Kind.PRODUCT, p) for p in entry.products) if link
    )
    if products:
        facts.append(Fact(t("related-products"), links=products))
    if entry.campaign:
        campaign = linked_entry(ctx, Kind.CAMPAIGN, entry.campaign)
        if campaign:
            facts.append(Fact(t("campaign"), links=(campaign,)))
    return tuple(facts)


def _referrers(ctx: Context, entry: Entry) -> tuple[tuple[str, tuple[Link, ...]], ...]:
    """What names this entry, grouped by kind in the plan's order of kinds."""
    groups = []
    for kind in Kind:
        links = tuple(
            entry_link(ctx, other) for other in ctx.plan.referring(entry)
            if other.kind is kind and ctx.view.has_page(other)
        )
        if links:
            groups.append((ctx.t(kind.value), links))
    return tuple(groups)
