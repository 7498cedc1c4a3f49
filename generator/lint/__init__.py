"""Plan lint: what makes community operations fail, found before it happens.

Warnings (errors under `--strict`), each located and each with an id that
`site.yaml` can turn off or tune:

    lint:
      silence: {max_gap_days: 10}
      diversity: off

Counts take what will really go out (see `coverage`). The checks of the work
behind each post (missed, stage-overdue, capacity) read the plan as of the
build's now (`plan.progress`): a post whose time has not come is not published.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from generator.lint.coverage import PUBLIC as _PUBLIC
from generator.lint.coverage import Coverage, coverage, local_day, public_slots
from generator.plan import progress
from generator.plan.model import Entry, Event, Kind, Plan, Slot, Source, Status, starts_at
from generator.plan.problems import Problem, Severity, problem
from generator.plan.schema import LINT_DEFAULTS as DEFAULTS



@dataclass(frozen=True)
class _Context:
    plan: Plan
    now: datetime
    zone: ZoneInfo
    params: dict[str, float]
    counts: Coverage

    def day(self, slot: Slot) -> date:
        return local_day(slot, self.zone)

    def public_slots(self) -> Iterator[tuple[Entry, Slot]]:
        return public_slots(self.plan)


def lint(plan: Plan, now: datetime) -> list[Problem]:
    """Every enabled check's warnings, in reading order."""
    zone = ZoneInfo(plan.site.timezone)
    counts = coverage(plan)
    found: list[Problem] = []
    for check_id, defaults in DEFAULTS.items():
        setting = plan.site.lint.get(check_id, {})
        if setting is None:
            continue
        context = _Context(plan, now, zone, {**defaults, **setting}, counts)
        found.extend(_CHECKS[check_id](context))
    return found


def _warn(source: Source, code: str, **args: object) -> Problem:
    return problem(source.path, source.line, source.column, code, Severity.WARNING, **args)


# A warning names this many short weeks at most; the words mark a list cut short (…).
_SHOWN = 6


# --- continuity -------------------------------------------------------------------------


def _cadence(context: _Context) -> Iterator[Problem]:
    counts = context.counts
    for channel in context.plan.channels:
        if not channel.cadence:
            continue
        weeks = counts.by_channel_week.get(channel.id, Counter())
        # (week, count) pairs: the words say them in the plan's language
        short = [(week.isoformat(), weeks[week]) for week in counts.weeks if weeks[week] < channel.cadence]
        if short:
            yield _warn(
                channel.source, "lint.cadence", channel=channel.name, channel_id=channel.id,
                cadence=_number(channel.cadence),
                weeks=len(short), list=short[:_SHOWN], list_more=len(short[_SHOWN:]),
            )


def _silence(context: _Context) -> Iterator[Problem]:
    limit = timedelta(days=context.params["max_gap_days"])
    by_channel: dict[str, list[Slot]] = defaultdict(list)
    for _, slot in context.public_slots():
        by_channel[slot.channel].append(slot)
    for channel, slots in by_channel.items():
        slots.sort(key=lambda s: (context.day(s), s.key))
        for before, after in zip(slots, slots[1:]):
            gap = context.day(after) - context.day(before)
            if gap > limit:
                yield _warn(
                    after.source, "lint.silence", channel=_channel_name(context.plan, channel), channel_id=channel,
                    days=gap.days,
                    since=context.day(before).isoformat(), limit=int(limit.days),
                )


# --- diversity and audiences ----------------------------------------------------------


def _diversity(context: _Context) -> Iterator[Problem]:
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
            yield _warn(
                first.source, "lint.diversity", month=f"{year}-{month:02d}", kind=kind.value,
                share=round(100 * count / len(items)),
            )


def _tier_coverage(context: _Context) -> Iterator[Problem]:
    counts = context.counts
    for tier in context.plan.site.tiers:
        reached = counts.by_tier_month.get(tier.id, Counter())
        empty = [f"{y}-{m:02d}" for y, m in counts.months if not reached[(y, m)]]
        if empty:
            yield _warn(tier.source, "lint.tier_coverage", tier=tier.name, tier_id=tier.id, months=empty)


def _campaign_tiers(context: _Context) -> Iterator[Problem]:
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
                yield _warn(
                    campaign.source_of("tiers"), "lint.campaign_tiers", campaign=campaign.id,
                    tier=_tier_name(context.plan, tier), tier_id=tier,
                )


# --- timing ----------------------------------------------------------------------------


def _embargo(context: _Context) -> Iterator[Problem]:
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
                yield _warn(slot.source, "lint.embargo", product=product_id, launch=_moment(launch))


def _event_promotion(context: _Context) -> Iterator[Problem]:
    for event in _events(context.plan):
        start = starts_at(event.details.span.start, event.details.span.zone)
        promoted = any(
            s.status in _PUBLIC and starts_at(s.at, s.zone) < start for s in event.slots
        )
        if not promoted:
            yield _warn(event.source_of("start"), "lint.event_promotion", event=event.id)


def _event_overlap(context: _Context) -> Iterator[Problem]:
    located = [e for e in _events(context.plan) if e.details.format != "online" and e.details.location and e.details.location.city]
    for later, earlier in _overlapping_pairs(located):
        if later.details.location.city == earlier.details.location.city:
            yield _warn(later.source_of("start"), "lint.event_overlap", event=earlier.id, city=later.details.location.city)


def _owner_overlap(context: _Context) -> Iterator[Problem]:
    owned = [e for e in _events(context.plan) if e.owner]
    for later, earlier in _overlapping_pairs(owned):
        if later.owner == earlier.owner:
            yield _warn(
                later.source_of("owner"), "lint.owner_overlap", owner=_person_name(context.plan, later.owner),
                owner_id=later.owner, event=earlier.id,
            )


def _campaign_channels(context: _Context) -> Iterator[Problem]:
    plan = context.plan
    for entry, slot in context.public_slots():
        campaign_id = entry.id if entry.kind is Kind.CAMPAIGN else entry.campaign
        campaign = plan.entry(Kind.CAMPAIGN, campaign_id) if campaign_id else None
        channels = campaign.details.channels if campaign else ()
        if channels and slot.channel not in channels:
            yield _warn(
                slot.source, "lint.campaign_channels", channel=_channel_name(plan, slot.channel),
                channel_id=slot.channel, campaign=campaign_id,
            )


def _key_dates(context: _Context) -> Iterator[Problem]:
    window = timedelta(days=context.params["window_days"])
    days = {context.day(slot) for _, slot in context.public_slots()}
    for event in _events(context.plan):
        span = event.details.span
        days.add(starts_at(span.start, span.zone).astimezone(context.zone).date())
    for key_date in context.plan.key_dates:
        if key_date.kind == "holiday":
            continue
        if not any(key_date.date - window <= day <= key_date.end + window for day in days):
            yield _warn(key_date.source, "lint.key_dates", title=key_date.title, days=window.days)


def _review_overdue(context: _Context) -> Iterator[Problem]:
    for entry in context.plan.entries:
        if entry.status is not Status.REVIEW or not entry.slots:
            continue
        first = min(entry.slots, key=lambda s: starts_at(s.at, s.zone))
        if starts_at(first.at, first.zone) <= context.now:
            yield _warn(entry.source_of("status"), "lint.review_overdue", at=_moment(first.at))


# --- the work behind each post --------------------------------------------------------


def _missed(context: _Context) -> Iterator[Problem]:
    grace = timedelta(days=context.params["grace_days"])
    for _, slot in _slots(context.plan):
        if slot.status is Status.PUBLISHED:
            continue
        late = context.now - starts_at(slot.at, slot.zone)
        if late > grace:
            yield _warn(
                slot.source, "lint.missed", at=_moment(slot.at), status=slot.status.value, days=late.days,
                grace=_number(context.params["grace_days"]),
            )


def _stage_overdue(context: _Context) -> Iterator[Problem]:
    for _, slot in _slots(context.plan):
        for deadline in slot.deadlines:
            if progress.is_late(slot, deadline, context.now):
                yield _warn(
                    slot.source, "lint.stage_overdue", stage=deadline.stage.id, at=_moment(deadline.at),
                    status=slot.status.value, done=deadline.stage.done.value,
                )


def _capacity(context: _Context) -> Iterator[Problem]:
    """Deadlines and publications per person and local day; said once per day, at the first slot."""
    limit = context.params["max_per_day"]
    days: dict[tuple[str, date], list[tuple[datetime, str, Slot]]] = defaultdict(list)
    for _, slot in _slots(context.plan):
        if slot.status is Status.IDEA:
            continue
        work = [(slot.owner, slot.at, slot.zone)] + [(d.person, d.at, d.zone) for d in slot.deadlines]
        for person, at, zone in work:
            if person:
                day = _local_day(at, zone, context.zone)
                days[(person, day)].append((starts_at(at, zone), slot.key, slot))
    for (person, day), items in sorted(days.items()):
        if len(items) > limit:
            first = min(items, key=lambda item: (item[0], item[1]))[2]
            yield _warn(
                first.source, "lint.capacity", person=_person_name(context.plan, person), person_id=person,
                day=day.isoformat(), count=len(items), limit=_number(limit),
            )


def _future_published(context: _Context) -> Iterator[Problem]:
    for _, slot in _slots(context.plan):
        if progress.is_published_early(slot, context.now):
            yield _warn(slot.source, "lint.future_published", at=_moment(slot.at))


# --- helpers --------------------------------------------------------------------------


def _slots(plan: Plan) -> Iterator[tuple[Entry, Slot]]:
    """Every slot with work to do or done: all but the cancelled ones."""
    for entry in plan.entries:
        for slot in entry.slots:
            if not slot.status.is_cancelled:
                yield entry, slot


def _channel_name(plan: Plan, channel_id: str) -> str:
    channel = plan.channel_by_id.get(channel_id)
    return channel.name if channel else channel_id


def _person_name(plan: Plan, member_id: str | None) -> str:
    member = plan.site.member(member_id)
    return member.name if member else (member_id or "")


def _tier_name(plan: Plan, tier_id: str) -> str:
    return next((t.name for t in plan.site.tiers if t.id == tier_id), tier_id)


def _local_day(at: date | datetime, zone: str, plan_zone: ZoneInfo) -> date:
    return starts_at(at, zone).astimezone(plan_zone).date() if isinstance(at, datetime) else at


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


def _moment(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


_CHECKS: dict[str, Callable[[_Context], Iterator[Problem]]] = {
    "cadence": _cadence,
    "silence": _silence,
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
    "missed": _missed,
    "stage-overdue": _stage_overdue,
    "capacity": _capacity,
    "future-published": _future_published,
}
