"""The home page: the community, the team's to-do this week, its goals and
KPIs, its tiers and channels, and what is coming in the next two weeks (from
the build's now)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from markupsafe import Markup

from generator.plan import urls
from generator.plan.model import Kpi
from generator.plan.outputs import Output
from generator.site.agenda import AgendaDay, agenda
from generator.site.items import within
from generator.site.lists import ChannelView, channel_view
from generator.site.team import COMPACT, Counts, TaskRow, counts, task_row, week_ranges, workloads
from generator.site.time import date_text, days_ahead, number_text
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
            GoalView(f"goal-{g.id}", g.title, g.description, tuple(_kpi(ctx, k) for k in g.kpis))
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


def _kpi(ctx: Context, kpi: Kpi) -> KpiView:
    unit = f" {kpi.unit}" if kpi.unit else ""
    percent = _progress(kpi)
    worse = _worse(kpi)
    if worse:
        progress = ctx.t("kpi.worse", by=number_text(abs(kpi.actual - kpi.baseline)) + unit)  # type: ignore[operator]
    else:
        progress = ctx.t("kpi.progress", percent=percent) if percent is not None else ctx.t("kpi.no-actual")
    return KpiView(
        name=kpi.name,
        baseline=number_text(kpi.baseline) + unit,
        target=number_text(kpi.target) + unit,
        actual=number_text(kpi.actual) + unit if kpi.actual is not None else "",
        due=date_text(kpi.due, ctx.language) if kpi.due else "",
        percent=percent,
        progress=progress,
        worse=worse,
    )


def _worse(kpi: Kpi) -> bool:
    """Whether the actual is on the far side of the baseline from the target
    (fewer members than when the plan began, a slower response): a 0 % bar would hide it."""
    if kpi.actual is None or kpi.target == kpi.baseline:
        return False
    return (kpi.actual - kpi.baseline) * (kpi.target - kpi.baseline) < 0


def _progress(kpi: Kpi) -> int | None:
    """How far the actual has come from baseline to target, 0..100.

    Works for targets below the baseline too (a response time to bring down).
    """
    if kpi.actual is None:
        return None
    distance = kpi.target - kpi.baseline
    if distance == 0:
        return 100 if kpi.actual == kpi.target else 0
    share = (kpi.actual - kpi.baseline) / distance
    return round(min(1.0, max(0.0, share)) * 100)
