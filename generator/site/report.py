"""The report, a team output (`View.team`): `report/`, every KPI's chart as
of now and the months, and `report/<yyyy-mm>/`, each month's 绩效总结
(`report_month`), laid out to print on A4 (plan.css, `@media print`).

The months run from the plan's first (its start, or its first measurement)
to the month of the build's now, or to the plan's last month when that came
before: a month still to come has nothing to sum up yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.plan import urls
from generator.plan.outputs import Output
from generator.plan.pace import plan_start
from generator.site.kpis import caption, standing_on, today, tone
from generator.site.report_month import Month, MonthView, month_view
from generator.site.time import month_title
from generator.site.view import Context, Link, page

REPORT_META = {"search": {"exclude": True}}  # figures and findings: search finds the pages they are about


@dataclass(frozen=True, slots=True)
class KpiChart:
    anchor: str
    name: str
    caption: str
    tone: str
    chart: str  # the SVG, site-relative
    alt: str


@dataclass(frozen=True, slots=True)
class GoalCharts:
    anchor: str
    title: str
    kpis: tuple[KpiChart, ...]


@dataclass(frozen=True, slots=True)
class MonthRow:
    link: Link
    published: int
    planned: int
    measurements: int
    behind: int


@dataclass(frozen=True, slots=True)
class ReportView:
    months: tuple[MonthRow, ...]  # newest first
    goals: tuple[GoalCharts, ...]


def render_report(ctx: Context) -> list[Output]:
    """The report page and one page a month; the charts they show are drawn
    beside the site build (`kpis.render_charts`)."""
    views = {m: month_view(ctx, *m) for m in report_months(ctx)}
    return [
        page(ctx, urls.report_dir(), "report.md.j2", {"title": ctx.t("report"), **REPORT_META},
             r=_report_view(ctx, views)),
        *(_month_page(ctx, m, v) for m, v in views.items()),
    ]


def report_months(ctx: Context) -> tuple[Month, ...]:
    plan = ctx.plan
    kpis = [k for g in plan.site.goals for k in g.kpis]
    firsts = [d for d in (plan_start(plan), *(k.actuals[0].date for k in kpis if k.actuals)) if d is not None]
    if not firsts:
        return ()
    lasts = [_plan_end(ctx), *(k.actuals[-1].date for k in kpis if k.actuals)]
    last = min(today(ctx), max(d for d in lasts if d is not None))
    found: list[Month] = []
    cursor = min(firsts).replace(day=1)
    while cursor <= last:
        found.append((cursor.year, cursor.month))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return tuple(found)


def _plan_end(ctx: Context) -> date | None:
    days = [i.last_day(ctx.zone) for i in ctx.items if i.entry_key is not None]
    return max(days, default=None)


def _report_view(ctx: Context, views: dict[Month, MonthView]) -> ReportView:
    day = today(ctx)
    goals = []
    for goal in ctx.plan.site.goals:
        charts = []
        for kpi in goal.kpis:
            s = standing_on(ctx, kpi, day)
            charts.append(KpiChart(
                anchor=urls.kpi_anchor(kpi.ref).split("#", 1)[1], name=kpi.name, caption=caption(ctx, s),
                tone=tone(s), chart=urls.kpi_chart_file(kpi.ref), alt=f"{kpi.name}{ctx.aside(caption(ctx, s))}",
            ))
        goals.append(GoalCharts(f"goal-{goal.id}", goal.title, tuple(charts)))
    months = tuple(
        MonthRow(Link(month_title(y, m, ctx.language), urls.report_dir(y, m)), v.published, v.planned,
                 v.measurements, v.behind)
        for (y, m), v in sorted(views.items(), reverse=True)
    )
    return ReportView(months, tuple(goals))


def _month_page(ctx: Context, month: Month, view: MonthView) -> Output:
    return page(ctx, urls.report_dir(*month), "report-month.md.j2", {"title": view.title, **REPORT_META},
                v=view, report=urls.report_dir())
