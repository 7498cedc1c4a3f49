"""The home page: the community, the team's to-do this week, its goals and
KPIs, its tiers and channels, and what is coming in the next two weeks (from
the build's now)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup

from generator.plan import urls
from generator.plan.model import Kpi
from generator.plan.outputs import Output
from generator.site.agenda import AgendaDay, agenda
from generator.site.items import within
from generator.site.kpis import figure, pace_label, standing_on, today, tone
from generator.site.lists import ChannelView, channel_view
from generator.site.team import COMPACT, Counts, TaskRow, counts, task_row, week_ranges, workloads
from generator.site.time import date_text, days_ahead
from generator.site.view import Context, Feed, Link, feeds_for, html, page

COMING_UP = timedelta(days=14)
TODO_ITEMS = 3  # the most urgent of each person's tasks on the home page; their page has the rest


@dataclass(frozen=True, slots=True)
class KpiView:
    name: str
    baseline: str
    target: str
    actual: str  # empty when not yet measured
    due: str
    percent: int | None  # progress from baseline towards target, 0..100
    progress: str
    worse: bool = False  # the actual has moved away from the target: worse than the baseline
    as_of: str = ""  # 截至 2027-03-31: when the figure was measured (content/actuals.csv)
    pace: str = ""  # 超前进度, 落后进度 …; empty without a pace
    tone: str = "none"  # the pace's css modifier (`kpis.tone`)
    chart: str = ""  # its chart in the report


@dataclass(frozen=True, slots=True)
class GoalView:
    anchor: str
    title: str
    description: str
    kpis: tuple[KpiView, ...]


@dataclass(frozen=True, slots=True)
class TierCard:
    link: Link
    description: str
    strategy: str


@dataclass(frozen=True, slots=True)
class ChannelRow:
    channel: ChannelView
    planned: int  # publications in the next two weeks


@dataclass(frozen=True, slots=True)
class MemberView:
    name: str
    role: str


@dataclass(frozen=True, slots=True)
class TodoPerson:
    link: Link  # their team page
    counts: Counts
    items: tuple[TaskRow, ...]  # the first few of what is late, then of this week's still to do
    more: str  # "N more", on their page


@dataclass(frozen=True, slots=True)
class TodoView:
    """本周待办: who has something overdue or still to do this week."""

    range: str
    team: Link
    people: tuple[TodoPerson, ...]


@dataclass(frozen=True, slots=True)
class HomeView:
    name: str
    positioning: str
    description: str
    community: Markup
    goals: tuple[GoalView, ...] | None  # None: not for this audience (`View.team`)
    tiers: tuple[TierCard, ...] | None
    channels: tuple[ChannelRow, ...]
    coming_up: tuple[AgendaDay, ...]
    coming_up_range: str
    team: tuple[MemberView, ...]
    feed: Feed
    todo: TodoView | None = None  # the team's outputs only (`View.team`)


def render_home(ctx: Context) -> Output:
    site = ctx.plan.site
    now = ctx.view.now
    first_day, last_day, window_end = days_ahead(now, ctx.zone, COMING_UP)
    soon = within(ctx.items, now, window_end)
    planned = {
        c.id: sum(1 for i in soon if i.channel == c.id and i.kind == "slot") for c in ctx.plan.channels
    }
    view = HomeView(
        name=site.community.name or site.title,
        positioning=site.community.positioning,
        description=site.description,
        community=html(site.community.description),
        goals=tuple(
            GoalView(f"goal-{g.id}", g.title, g.description, tuple(_kpi(ctx, k, today(ctx)) for k in g.kpis))
            for g in site.goals
        ) if ctx.view.team else None,
        tiers=tuple(
            TierCard(Link(x.name, urls.tier_dir(x.id)), x.description, x.strategy) for x in site.tiers
        ) if ctx.view.team else None,
        channels=tuple(ChannelRow(channel_view(ctx, c), planned[c.id]) for c in ctx.plan.channels),
        coming_up=agenda(ctx, soon, since=first_day),
        coming_up_range=f"{date_text(first_day, ctx.language)} – {date_text(last_day, ctx.language)}",
        team=tuple(MemberView(m.name, ctx.t(f"role.{m.role}")) for m in site.team) if ctx.view.team else (),
        feed=feeds_for(ctx.plan, urls.ALL),
        todo=_todo(ctx) if ctx.view.team else None,
    )
    meta = {"description": site.description}
    return page(ctx, "", "home.md.j2", meta, h=view, calendar=urls.calendar_page_dir(),
                subscribe=urls.subscribe_dir())


def _todo(ctx: Context) -> TodoView:
    """Each person with something overdue or due this week (the team's order),
    with the first few of those: late ones first, then this week's in time order."""
    loads = workloads(ctx)
    people = []
    for member in ctx.plan.site.team:
        load = loads[member.id]
        urgent = load.urgent()
        if not urgent:
            continue
        hidden = len(urgent) - TODO_ITEMS
        people.append(TodoPerson(
            link=Link(member.name, urls.team_dir(member.id)),
            counts=counts(load),
            items=tuple(task_row(ctx, p, COMPACT) for p in urgent[:TODO_ITEMS]),
            more=ctx.t("todo.more", n=hidden) if hidden > 0 else "",
        ))
    return TodoView(week_ranges(ctx)[0], Link(ctx.t("todo.all"), urls.team_dir()), tuple(people))


def _kpi(ctx: Context, kpi: Kpi, day: date) -> KpiView:
    """A KPI's card: its latest known figure and when it was measured, how far
    it has come (or how far it has fallen below its baseline), its pace (`plan.pace`)."""
    s = standing_on(ctx, kpi, day)
    if s.worse:
        progress = ctx.t("kpi.worse", by=figure(kpi, abs(s.value - kpi.baseline)))  # type: ignore[operator]
    else:
        progress = ctx.t("kpi.progress", percent=s.percent) if s.percent is not None else ctx.t("kpi.no-actual")
    return KpiView(
        name=kpi.name,
        baseline=figure(kpi, kpi.baseline),
        target=figure(kpi, kpi.target),
        actual=figure(kpi, s.value),
        due=date_text(kpi.due, ctx.language) if kpi.due else "",
        percent=s.percent,
        progress=progress,
        worse=s.worse,
        as_of=ctx.t("kpi.as-of", date=s.as_of.isoformat()) if s.as_of else "",
        pace=pace_label(ctx, s) if s.expected is not None and not s.worse else "",  # worse says more
        tone=tone(s),
        chart=urls.kpi_anchor(kpi.ref),
    )
