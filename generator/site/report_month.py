"""One month's 绩效总结, `report/<yyyy-mm>/`: what a monthly performance
summary holds, as of the build's now.

- the KPIs: each one's measurements in the month, its latest as of the
  month's end (or now, in the month still running) and its pace then
  (`plan.pace`);
- publications per channel against its cadence: the month's target is the
  cadence × the month's weeks (its days ÷ 7); planned counts what really goes
  out (approved and published), published what has (`plan.progress`);
- the events held (an occurrence that is over, not cancelled);
- the posts due and not published (应发未发, or still a draft);
- the checker's and the lint's findings located in the month: at a slot (its
  line, its copy's), an entry's own date (an event, a launch, a campaign's
  start), a key date or a row of actuals.csv;
- the month's changes, once the plan's history is read (`_changes`).
"""

from __future__ import annotations

import calendar as months
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from generator.lint.coverage import local_day
from generator.plan import progress, urls
from generator.plan.model import Campaign, Event, Kpi, Plan, Product, Status, starts_at
from generator.plan.visibility import PUBLIC
from generator.site.items import EVENT
from generator.site.kpis import caption, expected_figure, figure, pace_label, standing_on, today, tone
from generator.site.time import date_text, day_of, month_title, short_date_text
from generator.site.view import Badge, Context, Link, entry_link, member_name, slot_badges

Month = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Measured:
    day: str
    value: str
    note: str


@dataclass(frozen=True, slots=True)
class KpiRow:
    name: str
    chart: str  # its chart on the report page
    measured: tuple[Measured, ...]  # in this month
    latest: str  # as of the month's end
    as_of: str  # its date
    expected: str  # where the pace line stood on that date
    pace: Badge | None
    caption: str
    target: str
    due: str
    behind: bool


@dataclass(frozen=True, slots=True)
class GoalRows:
    title: str
    kpis: tuple[KpiRow, ...]


@dataclass(frozen=True, slots=True)
class ChannelRow:
    link: Link
    cadence: str
    target: str  # cadence × weeks, or empty without a cadence
    planned: int
    published: int
    late: int
    share: str  # published ÷ target
    short: bool  # fewer published than the target, once the month is over


@dataclass(frozen=True, slots=True)
class HeldEvent:
    link: Link
    days: str
    times: str  # how many times, for an event held more than once


@dataclass(frozen=True, slots=True)
class LatePost:
    when: str
    channel: Link
    entry: Link
    title: str
    owner: str
    badges: tuple[Badge, ...]


@dataclass(frozen=True, slots=True)
class MonthView:
    title: str
    range: str
    partial: str  # the month still running: as of when
    goals: tuple[GoalRows, ...]
    channels: tuple[ChannelRow, ...]
    published: int
    planned: int
    events: tuple[HeldEvent, ...]
    late: tuple[LatePost, ...]
    findings: tuple[tuple[str, str], ...]  # (where, what)
    changes: tuple[str, ...]  # the month's changes, when the plan's history is read
    behind: int  # KPIs behind pace at the month's end
    measurements: int  # KPI measurements in the month


def month_view(ctx: Context, year: int, month: int) -> MonthView:
    first = date(year, month, 1)
    last = date(year, month, months.monthrange(year, month)[1])
    now_day = today(ctx)
    until = min(last, now_day)
    goals = tuple(
        GoalRows(goal.title, tuple(_kpi_row(ctx, kpi, first, until) for kpi in goal.kpis))
        for goal in ctx.plan.site.goals
    )
    channels = _channels(ctx, first, last)
    rows = [k for g in goals for k in g.kpis]
    return MonthView(
        title=ctx.t("report.month.title", month=month_title(year, month, ctx.language)),
        range=f"{date_text(first, ctx.language)} – {date_text(last, ctx.language)}",
        partial=ctx.t("report.month.partial", day=date_text(now_day, ctx.language)) if first <= now_day < last else "",
        goals=goals,
        channels=channels,
        published=sum(c.published for c in channels),
        planned=sum(c.planned for c in channels),
        events=_events(ctx, first, last),
        late=_late(ctx, first, last),
        findings=_findings(ctx, (year, month)),
        changes=_changes(ctx, (year, month)),
        behind=sum(1 for k in rows if k.behind),
        measurements=sum(len(k.measured) for k in rows),
    )


def _kpi_row(ctx: Context, kpi: Kpi, first: date, until: date) -> KpiRow:
    s = standing_on(ctx, kpi, until)
    measured = tuple(
        Measured(ctx.t("report.day", month=ctx.t(f"date.month.short.{a.date.month}"), day=a.date.day),
                 figure(kpi, a.value), a.note)
        for a in s.known if a.date >= first
    )
    as_of = ctx.t("kpi.as-of", date=s.as_of.isoformat()) if s.as_of is not None else ""
    badge = None
    if s.worse:
        badge = Badge(ctx.t("pace.worse"), "behind")
    elif s.expected is not None:
        badge = Badge(pace_label(ctx, s), tone(s))
    return KpiRow(
        name=kpi.name, chart=urls.kpi_anchor(kpi.ref), measured=measured, latest=figure(kpi, s.value),
        as_of=as_of, expected=expected_figure(s),
        pace=badge, caption=caption(ctx, s), target=figure(kpi, kpi.target),
        due=ctx.t("report.kpi.due", date=kpi.due.isoformat()) if kpi.due else "", behind=tone(s) == "behind",
    )


def _channels(ctx: Context, first: date, last: date) -> tuple[ChannelRow, ...]:
    zone = ZoneInfo(ctx.zone)
    now = ctx.view.now
    planned: dict[str, int] = defaultdict(int)
    published: dict[str, int] = defaultdict(int)
    late: dict[str, int] = defaultdict(int)
    for entry in ctx.plan.entries:
        for slot in entry.slots:
            if not first <= local_day(slot.at, slot.zone, zone) <= last:
                continue
            if slot.status in PUBLIC:
                planned[slot.channel] += 1
            if slot.status is Status.PUBLISHED:
                published[slot.channel] += 1
            if progress.is_past_due(slot, now):
                late[slot.channel] += 1
    weeks = (last - first).days + 1
    over = last < today(ctx)
    found = []
    for channel in ctx.plan.channels:
        target = round(channel.cadence * weeks / 7) if channel.cadence else None
        done = published[channel.id]
        found.append(ChannelRow(
            link=Link(channel.name, urls.channel_dir(channel.id)),
            cadence=ctx.t("report.posts.cadence", n=f"{channel.cadence:g}") if channel.cadence else "",
            target=ctx.t("report.posts.target", n=target, weeks=f"{weeks / 7:.1f}") if target is not None else "",
            planned=planned[channel.id],
            published=done,
            late=late[channel.id],
            share=f"{round(100 * done / target)}%" if target else "",
            short=bool(target) and over and done < (target or 0),
        ))
    return tuple(found)


def _events(ctx: Context, first: date, last: date) -> tuple[HeldEvent, ...]:
    """Each event held in the month (an occurrence over by now), once, with the days it took place."""
    held: dict[str, list[date]] = {}
    titles: dict[str, tuple[str, str | None]] = {}
    for item in ctx.items:
        if item.kind != EVENT or item.status.is_cancelled or item.entry_key is None:
            continue
        day = item.first_day(ctx.zone)
        if first <= day <= last and item.finishes() <= ctx.view.now:  # held: over (when "coming up" drops it too)
            held.setdefault(item.entry_key, []).append(day)
            titles[item.entry_key] = (item.title, item.href)
    return tuple(
        HeldEvent(Link(*titles[key]), ctx.listing(short_date_text(d, ctx.language) for d in days),
                  ctx.t("report.events.times", n=len(days)) if len(days) > 1 else "")
        for key, days in sorted(held.items(), key=lambda pair: (pair[1][0], pair[0]))
    )


def _late(ctx: Context, first: date, last: date) -> tuple[LatePost, ...]:
    """Posts of the month that are due and not published: the team's, drafts too."""
    zone = ZoneInfo(ctx.zone)
    found = []
    for entry in ctx.plan.entries:
        for slot in entry.slots:
            if first <= local_day(slot.at, slot.zone, zone) <= last and progress.is_past_due(slot, ctx.view.now):
                channel = ctx.plan.channel_by_id.get(slot.channel)
                found.append((starts_at(slot.at, slot.zone), slot.key, LatePost(
                    when=short_date_text(day_of(slot.at, ctx.zone), ctx.language),
                    channel=Link(channel.name if channel else slot.channel, urls.channel_dir(slot.channel)),
                    entry=entry_link(ctx, entry), title=slot.title, owner=member_name(ctx, slot.owner),
                    badges=slot_badges(ctx, slot),
                )))
    return tuple(row for _, _, row in sorted(found, key=lambda f: (f[0], f[1])))


def _findings(ctx: Context, month: Month) -> tuple[tuple[str, str], ...]:
    days = LineDays.of(ctx.plan)
    found = []
    for f in ctx.findings:
        day = days.day(f.path, f.line)
        if day is not None and (day.year, day.month) == month:
            found.append((f"{f.path}:{f.line}:{f.column}", f.message))
    return tuple(found)


@dataclass(frozen=True)
class LineDays:
    """The day each line of the plan is about, for locating findings in time.

    Within an entry's `publish:` list a line belongs to the slot above it
    (its `at`, `due`, `copy`…); elsewhere in an entry's file, to the entry's
    own date (an event's start, a launch, a campaign's start). A key date's
    line and a row of actuals.csv have their own dates."""

    exact: dict[tuple[str, int], date]
    slots: dict[str, tuple[tuple[int, date], ...]]  # by file: each slot's first line, in order
    publish: dict[str, tuple[int, int]]  # by file: the lines the publish list runs between
    own: dict[str, date]  # by file: the entry's own date

    @classmethod
    def of(cls, plan: Plan) -> LineDays:
        zone = ZoneInfo(plan.site.timezone)
        exact: dict[tuple[str, int], date] = {}
        slots: dict[str, tuple[tuple[int, date], ...]] = {}
        publish: dict[str, tuple[int, int]] = {}
        own: dict[str, date] = {}
        for entry in plan.entries:
            path = entry.source.path
            day = _own_day(entry.details, plan.site.timezone)
            if day is not None:
                own[path] = day
            if entry.slots:
                slots[path] = tuple(sorted((s.source.line, local_day(s.at, s.zone, zone)) for s in entry.slots))
                begins = entry.source_of("publish").line
                after = [src.line for src in entry.field_sources.values() if src.line > begins]
                publish[path] = (begins, min(after, default=10**9))
        for key_date in plan.key_dates:
            exact.setdefault((key_date.source.path, key_date.source.line), key_date.date)
        for goal in plan.site.goals:
            for kpi in goal.kpis:
                for actual in kpi.actuals:
                    exact.setdefault((actual.source.path, actual.source.line), actual.date)
        return cls(exact, slots, publish, own)

    def day(self, path: str, line: int) -> date | None:
        if (path, line) in self.exact:
            return self.exact[(path, line)]
        begins, ends = self.publish.get(path, (0, 0))
        if begins <= line < ends:
            above = [day for first, day in self.slots[path] if first <= line]
            if above:
                return above[-1]
        return self.own.get(path)


def _own_day(details: object, zone: str) -> date | None:
    if isinstance(details, Event):
        return day_of(details.span.start, zone)
    if isinstance(details, Campaign):
        return details.start
    if isinstance(details, Product) and details.launch is not None:
        return day_of(details.launch, zone)
    return None


def _changes(ctx: Context, month: Month) -> tuple[str, ...]:
    """The month's changes (new, moved, cancelled, reassigned, removed).

    The hook for `generator/history` (the plan's git history, "What changed"
    in plan-format.md), which is not on main yet: when it is, this asks it for
    the changes between the month's first and last day and words them, and
    the page shows them under their heading (report-month.md.j2 already does,
    for a non-empty tuple). Until then there are none to show."""
    return ()
