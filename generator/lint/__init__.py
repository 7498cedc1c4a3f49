"""Plan lint: what makes community operations fail, found before it happens.

Warnings (errors under `--strict`), each located and each with an id that
`site.yaml` can turn off or tune:

    lint:
      silence: {max_gap_days: 10}
      diversity: off

Counts take what will really go out (see `coverage`). The checks of the
work behind each post and of its copy are in `posts`; what every check reads,
in `context`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from generator.lint import posts
from generator.lint.context import SHOWN, Context, channel_name, moment, number, person_name, tier_name, warn
from generator.lint.coverage import PUBLIC as _PUBLIC
from generator.lint.coverage import coverage
from generator.plan.colours import swatches
from generator.plan.model import Entry, Event, Kind, Plan, Slot, Status, starts_at
from generator.plan.problems import Problem
from generator.plan.schema import LINT_DEFAULTS as DEFAULTS


def lint(plan: Plan, now: datetime) -> list[Problem]:
    """Every enabled check's warnings, in reading order."""
    zone = ZoneInfo(plan.site.timezone)
    counts = coverage(plan)
    found: list[Problem] = []
    for check_id, defaults in DEFAULTS.items():
        setting = plan.site.lint.get(check_id, {})
        if setting is None:
            continue
        context = Context(plan, now, zone, {**defaults, **setting}, counts)
        found.extend(_CHECKS[check_id](context))
    return found


# --- continuity -------------------------------------------------------------------------


def _cadence(context: Context) -> Iterator[Problem]:
    counts = context.counts
    for channel in context.plan.channels:
        if not channel.cadence:
            continue
        weeks = counts.by_channel_week.get(channel.id, Counter())
        # (week, count) pairs: the words say them in the plan's language
        short = [(week.isoformat(), weeks[week]) for week in counts.weeks if weeks[week] < channel.cadence]
        if short:
            yield warn(
                channel.source, "lint.cadence", channel=channel.name, channel_id=channel.id,
                cadence=number(channel.cadence),
                weeks=len(short), list=short[:SHOWN], list_more=len(short[SHOWN:]),
            )


def _silence(context: Context) -> Iterator[Problem]:
    limit = timedelta(days=context.params["max_gap_days"])
    by_channel: dict[str, list[Slot]] = defaultdict(list)
    for _, slot in context.public_slots():
        by_channel[slot.channel].append(slot)
    for channel, slots in by_channel.items():
        slots.sort(key=lambda s: (context.day(s), s.key))
        for before, after in zip(slots, slots[1:]):
            gap = context.day(after) - context.day(before)
            if gap > limit:
                yield warn(
                    after.source, "lint.silence", channel=channel_name(context.plan, channel), channel_id=channel,
                    days=gap.days,
                    since=context.day(before).isoformat(), limit=int(limit.days),
                )


def _channel_colors(context: Context) -> Iterator[Problem]:
    """Two channels a reader cannot tell apart on the calendar, or one in the
    grey of what is not a publication, or in the site's own slate (its header
    and links): said at the later channel's `color`, with the colour the site
    draws instead (`plan.colours`)."""
    plan = context.plan
    for swatch in swatches(plan.channels).values():
        if not swatch.moved:
            continue
        channel = plan.channel_by_id[swatch.channel]
        where = channel.source_of("color")
        if swatch.near:
            other = plan.channel_by_id[swatch.near]
            yield warn(
                where, "lint.channel_colors", channel=channel.name, channel_id=channel.id, color=swatch.given,
                other=other.name, other_id=other.id, other_color=other.color,
                other_at=f"{other.source_of('color').path}:{other.source_of('color').line}", shown=swatch.color,
            )
        else:
            yield warn(
                where, "lint.channel_colors_theme" if swatch.themed else "lint.channel_colors_grey",
                channel=channel.name, channel_id=channel.id, color=swatch.given, shown=swatch.color,
            )


# --- diversity and audiences ----------------------------------------------------------


def _diversity(context: Context) -> Iterator[Problem]:
    months: dict[tuple[int, int], list[tuple[Entry, Slot]]] = defaultdict(list)
    for entry, slot in context.public_slots():
        day = context.day(slot)
        months[(day.year, day.month)].append((entry, slot))
    for (year, month), items in sorted(months.items()):
        if len(items) < context.params["min_slots"]:
            continue
        kinds = Counter(entry.kind for entry, _ in items)
        kind, count = kinds.most_common(1)[0]
        if count / len(items) > context.params["max_share"]:
            first = min((s for e, s in items if e.kind is kind), key=lambda s: (context.day(s), s.key))
            yield warn(
                first.source, "lint.diversity", month=f"{year}-{month:02d}", entry_kind=kind.value,
                share=round(100 * count / len(items)),
            )


def _tier_coverage(context: Context) -> Iterator[Problem]:
    counts = context.counts
    for tier in context.plan.site.tiers:
        reached = counts.by_tier_month.get(tier.id, Counter())
        empty = [f"{y}-{m:02d}" for y, m in counts.months if not reached[(y, m)]]
        if empty:
            yield warn(tier.source, "lint.tier_coverage", tier=tier.name, tier_id=tier.id, months=empty)


def _campaign_tiers(context: Context) -> Iterator[Problem]:
    for campaign in context.plan.of_kind(Kind.CAMPAIGN):
        if not campaign.tiers or campaign.status.is_cancelled:
            continue
        members = (campaign, *(e for e in context.plan.referring(campaign) if e.campaign == campaign.id))
        served = {
            tier
            for entry in members
            if any(s.status in _PUBLIC for s in entry.slots)
            for tier in entry.tiers
            if entry is not campaign
        }
        for tier in campaign.tiers:
            if tier not in served:
                yield warn(
                    campaign.source_of("tiers"), "lint.campaign_tiers", campaign=campaign.title,
                    tier=tier_name(context.plan, tier), tier_id=tier,
                )


# --- timing ----------------------------------------------------------------------------


def _embargo(context: Context) -> Iterator[Problem]:
    plan = context.plan
    for entry, slot in context.public_slots():
        for product_id in entry.products:
            product = plan.entry(Kind.PRODUCT, product_id)
            launch = getattr(product.details, "launch", None) if product else None
            if launch is None:
                continue
            too_early = (
                starts_at(slot.at, slot.zone) < starts_at(launch, plan.site.timezone)
                if isinstance(launch, datetime)
                else context.day(slot) < launch
            )
            if too_early:
                yield warn(slot.source, "lint.embargo", product=product.title, launch=moment(launch))


def _event_promotion(context: Context) -> Iterator[Problem]:
    for event in _events(context.plan):
        start = starts_at(event.details.span.start, event.details.span.zone)
        promoted = any(
            s.status in _PUBLIC and starts_at(s.at, s.zone) < start for s in event.slots
        )
        if not promoted:
            yield warn(event.source_of("start"), "lint.event_promotion", event=event.title)


def _event_overlap(context: Context) -> Iterator[Problem]:
    located = [e for e in _events(context.plan) if e.details.format != "online" and e.details.location and e.details.location.city]
    for later, earlier in _overlapping_pairs(located):
        if later.details.location.city == earlier.details.location.city:
            yield warn(later.source_of("start"), "lint.event_overlap", event=earlier.title, city=later.details.location.city)


def _owner_overlap(context: Context) -> Iterator[Problem]:
    owned = [e for e in _events(context.plan) if e.owner]
    for later, earlier in _overlapping_pairs(owned):
        if later.owner == earlier.owner:
            yield warn(
                later.source_of("owner"), "lint.owner_overlap", owner=person_name(context.plan, later.owner),
                owner_id=later.owner, event=earlier.title,
            )


def _campaign_channels(context: Context) -> Iterator[Problem]:
    plan = context.plan
    for entry, slot in context.public_slots():
        campaign_id = entry.id if entry.kind is Kind.CAMPAIGN else entry.campaign
        campaign = plan.entry(Kind.CAMPAIGN, campaign_id) if campaign_id else None
        channels = campaign.details.channels if campaign else ()
        if channels and slot.channel not in channels:
            yield warn(
                slot.source, "lint.campaign_channels", channel=channel_name(plan, slot.channel),
                channel_id=slot.channel, campaign=campaign.title,
            )


def _key_dates(context: Context) -> Iterator[Problem]:
    window = timedelta(days=context.params["window_days"])
    days = {context.day(slot) for _, slot in context.public_slots()}
    for event in _events(context.plan):
        span = event.details.span
        days.add(starts_at(span.start, span.zone).astimezone(context.zone).date())
    for key_date in context.plan.key_dates:
        if key_date.kind == "holiday":
            continue
        if not any(key_date.date - window <= day <= key_date.end + window for day in days):
            yield warn(key_date.source, "lint.key_dates", title=key_date.title, days=window.days)


def _review_overdue(context: Context) -> Iterator[Problem]:
    for entry in context.plan.entries:
        if entry.status is not Status.REVIEW or not entry.slots:
            continue
        first = min(entry.slots, key=lambda s: starts_at(s.at, s.zone))
        if starts_at(first.at, first.zone) <= context.now:
            yield warn(entry.source_of("status"), "lint.review_overdue", at=moment(first.at))


# --- helpers --------------------------------------------------------------------------


def _events(plan: Plan) -> list[Entry]:
    return [
        e for e in plan.of_kind(Kind.EVENT)
        if isinstance(e.details, Event) and e.status in _PUBLIC
    ]


def _overlapping_pairs(events: list[Entry]) -> Iterator[tuple[Entry, Entry]]:
    """Pairs (later, earlier) of events whose first occurrences overlap in time."""

    def bounds(entry: Entry) -> tuple[datetime, datetime]:
        span = entry.details.span
        start = starts_at(span.start, span.zone)
        end = span.end if isinstance(span.end, datetime) else starts_at(span.end + timedelta(days=1), span.zone)
        return start, end

    ordered = sorted(events, key=lambda e: (bounds(e)[0], e.id))
    for i, later in enumerate(ordered):
        start, _ = bounds(later)
        for earlier in ordered[:i]:
            if bounds(earlier)[1] > start:
                yield later, earlier


# --- KPI actuals --------------------------------------------------------------------------


def _actual_future(context: Context) -> Iterator[Problem]:
    """A measurement dated after the build's now: a typo, or a figure entered
    early. Not shown until its day (`plan.pace`), so said here."""
    today = context.now.astimezone(context.zone).date()
    for goal in context.plan.site.goals:
        for kpi in goal.kpis:
            for actual in kpi.actuals:
                if actual.date > today:
                    yield warn(actual.source, "lint.actual_future", kpi=kpi.ref, date=actual.date.isoformat(),
                               now=today.isoformat())


_CHECKS: dict[str, Callable[[Context], Iterator[Problem]]] = {
    "cadence": _cadence,
    "silence": _silence,
    "channel-colors": _channel_colors,
    "diversity": _diversity,
    "tier-coverage": _tier_coverage,
    "campaign-tiers": _campaign_tiers,
    "embargo": _embargo,
    "event-promotion": _event_promotion,
    "event-overlap": _event_overlap,
    "campaign-channels": _campaign_channels,
    "key-dates": _key_dates,
    "review-overdue": _review_overdue,
    "owner-overlap": _owner_overlap,
    "missed": posts.missed,
    "stage-overdue": posts.stage_overdue,
    "capacity": posts.capacity,
    "future-published": posts.future_published,
    "copy-length": posts.copy_length,
    "copy-identical": posts.copy_identical,
    "actual-future": _actual_future,
}
