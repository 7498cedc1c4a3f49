"""The KPIs as the site says them: figures with their units, the pace in
words, and each KPI's chart (`charts.draw`) as of the build's now.

Where a KPI stands is `plan.pace`'s to say; this module only words it, for
the home page's cards, the report and the monthly summaries alike.
"""

from __future__ import annotations

from datetime import date, timedelta

from generator.plan import urls
from generator.plan.model import Kpi
from generator.plan.outputs import Output
from generator.plan.pace import AHEAD, BEHIND, NO_PACE, ON_PACE, Standing, local_day, plan_start, precision, standing
from generator.site.charts import Chart, Level, Plotted, draw
from generator.site.time import month_title, number_text
from generator.site.view import Context

PACE_TONES = {AHEAD: "ahead", ON_PACE: "on-pace", BEHIND: "behind", NO_PACE: "none"}
_MAX_TICKS = 13  # a longer axis labels every other month, or every third


def today(ctx: Context) -> date:
    return local_day(ctx.view.now, ctx.zone)


def standing_on(ctx: Context, kpi: Kpi, day: date) -> Standing:
    return standing(kpi, day, plan_start(ctx.plan))


def figure(kpi: Kpi, value: float | None) -> str:
    """`21.5 %`, `1,820 万人`: a value with the KPI's unit; empty for none."""
    if value is None:
        return ""
    return number_text(value) + (f" {kpi.unit}" if kpi.unit else "")


def expected_figure(s: Standing) -> str:
    """Where the pace line stands, as precise as the KPI's own figures (31,419 人, not 31,419.16 人)."""
    if s.expected is None:
        return ""
    # the precision the pace was decided at (`plan.pace`): "behind" never shows two equal numbers
    return figure(s.kpi, round(s.expected, precision(s.kpi, s.known)))


def pace_label(ctx: Context, s: Standing) -> str:
    """超前进度, 落后进度 …; or that it is worse than its baseline, which says more."""
    return ctx.t(f"pace.{s.pace}")


def caption(ctx: Context, s: Standing) -> str:
    """The pace in words: what a chart says above its plot, and the report beside it."""
    kpi = s.kpi
    if s.value is None:
        return ctx.t("chart.caption.none")
    if s.as_of is None:
        text = ctx.t("chart.caption.undated", value=figure(kpi, s.value))
    elif s.expected is None:
        text = ctx.t("chart.caption.no-pace", date=s.as_of.isoformat(), value=figure(kpi, s.value))
    else:
        text = ctx.t("chart.caption", pace=pace_label(ctx, s), date=s.as_of.isoformat(),
                     value=figure(kpi, s.value), expected=expected_figure(s))
    if s.worse:
        text += ctx.t("chart.worse", by=figure(kpi, abs(s.value - kpi.baseline)))
    return text


def tone(s: Standing) -> str:
    return "behind" if s.worse else PACE_TONES[s.pace]


def chart(ctx: Context, s: Standing) -> Chart:
    kpi = s.kpi
    points = tuple(Plotted(a.date, a.value, number_text(a.value)) for a in s.known)
    end = s.end
    pace = (Plotted(s.start.day, s.start.value, ""), Plotted(end.day, end.value, "")) if s.start and end else None
    days = [p.day for p in points] + ([p.day for p in pace] if pace else []) + [today(ctx)]
    # from the month of the first day to the start of the month after the last: two ticks at least to read dates by
    first, last = _month_start(min(days)), _month_start(_month_start(max(days)) + timedelta(days=32))
    # 月活跃会员占比（%）; a unit with brackets of its own follows a dot: 社区服务满意度 · 分（满分 5 分）
    title = kpi.name + (ctx.aside(kpi.unit) if "（" not in kpi.unit and "(" not in kpi.unit else f" · {kpi.unit}")
    words = caption(ctx, s)
    return Chart(
        title=title if kpi.unit else kpi.name,
        caption=words,
        label=ctx.t("chart.label", name=kpi.name, caption=words),
        tone=tone(s),
        actual_label=ctx.t("chart.actual"),
        points=points,
        baseline=Level(kpi.baseline, ctx.t("chart.baseline", value=figure(kpi, kpi.baseline))),
        target=Level(kpi.target, ctx.t("chart.target", value=figure(kpi, kpi.target))),
        pace=pace,
        pace_label=ctx.t("chart.pace", date=kpi.due.isoformat()) if kpi.due else "",
        span=(first, last),
        ticks=_ticks(ctx, first, last),
        description=_description(ctx, s),
    )


def render_charts(ctx: Context) -> list[Output]:
    """Every KPI's chart as of now, `report/charts/<goal>.<kpi>.svg`."""
    day = today(ctx)
    return [
        Output(urls.kpi_chart_file(kpi.ref), draw(chart(ctx, standing_on(ctx, kpi, day))))
        for goal in ctx.plan.site.goals
        for kpi in goal.kpis
    ]


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _ticks(ctx: Context, first: date, last: date) -> tuple[tuple[date, str], ...]:
    """Month starts on the axis; the year is said at the first and at each January."""
    months = []
    cursor = date(first.year, first.month, 1)
    while cursor <= last:
        if cursor >= first:
            months.append(cursor)
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    step = 1 + (len(months) - 1) // _MAX_TICKS if months else 1
    shown = months[::step]
    return tuple(
        (m, month_title(m.year, m.month, ctx.language) if i == 0 or m.month == 1 else ctx.t(f"date.month.short.{m.month}"))
        for i, m in enumerate(shown)
    )


def _description(ctx: Context, s: Standing) -> str:
    kpi = s.kpi
    points = ctx.listing(f"{a.date.isoformat()} {figure(kpi, a.value)}" for a in s.known) or ctx.t("chart.caption.none")
    due = ctx.t("chart.desc.due", date=kpi.due.isoformat()) if kpi.due else ""
    return ctx.t("chart.desc", name=kpi.name, points=points, baseline=figure(kpi, kpi.baseline),
                 target=figure(kpi, kpi.target), due=due)
