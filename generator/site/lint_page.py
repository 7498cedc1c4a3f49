"""The lint page (internal view): the plan's warnings, and where its holes are.

Two heatmaps show coverage at a glance: publications per channel and week
(against the channel's cadence) and per tier and month. A cell's shade says
how many (`LEVELS` steps of the map's own range, said by the scale above it),
a red corner that it falls short of the cadence. A year's 53 weeks fit a
desktop screen: the page has no side columns, and when the columns are many
their heads name the months only.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date

from generator.plan import urls
from generator.lint.coverage import coverage
from generator.plan.outputs import Finding, Output
from generator.site.view import Context, Link, page

LINT_DIR = "lint/"
LEVELS = 5  # shades of a count above zero
DATED_HEADS = 20  # up to this many columns, each head says its week or month; past it, month starts only
MONTH_RUN = 2  # weeks a month needs in the map to have its name over them


@dataclass(frozen=True, slots=True)
class Cell:
    count: int
    tone: str  # css modifier: empty, short, ok, none
    title: str  # the tooltip: what, when, how many
    level: int = 0  # its shade: 0 for none, 1..LEVELS by count (`Scale`)


@dataclass(frozen=True, slots=True)
class Step:
    level: int
    text: str  # "0", "1", "3–5"


@dataclass(frozen=True, slots=True)
class Column:
    text: str  # what the head shows ("3/8", or "3月" where a month starts, or "")
    title: str  # the whole of it, for the tooltip


@dataclass(frozen=True, slots=True)
class HeatRow:
    link: Link
    target: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Heatmap:
    columns: tuple[Column, ...]
    rows: tuple[HeatRow, ...]
    scale: tuple[Step, ...] = ()  # what each shade means


def render_lint(ctx: Context) -> Output:
    counts = coverage(ctx.plan)
    return page(
        ctx,
        LINT_DIR,
        "lint.md.j2",
        # no side columns: the channel map's 53 weeks take the page's width
        {"title": ctx.t("lint"), "search": {"exclude": True}, "hide": ["navigation", "toc"]},
        findings=tuple(_finding(f) for f in ctx.findings),
        channels=_graded(_channel_map(ctx, counts.weeks, counts.by_channel_week)),
        tiers=_graded(_tier_map(ctx, counts.months, counts.by_tier_month)),
    )


def _finding(finding: Finding) -> tuple[str, str]:
    return f"{finding.path}:{finding.line}:{finding.column}", finding.message


def _channel_map(ctx: Context, weeks: tuple[date, ...], by_week: dict[str, Counter[date]]) -> Heatmap:
    rows = []
    for channel in ctx.plan.channels:
        counts = by_week.get(channel.id, Counter())
        target = channel.cadence or 0
        cells = tuple(
            Cell(
                counts[week],
                _tone(counts[week], target),
                ctx.t("lint.cell.week", name=channel.name, week=week.isoformat(), n=counts[week]),
            )
            for week in weeks
        )
        cadence = ctx.t("lint.cadence", n=f"{target:g}") if target else ""
        rows.append(HeatRow(Link(channel.name, urls.channel_dir(channel.id)), cadence, cells))
    return Heatmap(_week_columns(ctx, weeks), tuple(rows))


def _week_columns(ctx: Context, weeks: tuple[date, ...]) -> tuple[Column, ...]:
    """Each week's date in its head, while they fit; past DATED_HEADS, the
    month's name over its first week, when it has MONTH_RUN weeks or more
    in the map (a name over one narrow column runs into the next)."""
    dated = len(weeks) <= DATED_HEADS
    months = [w.month for w in weeks]
    columns = []
    for i, week in enumerate(weeks):
        text = ""
        if dated:
            text = f"{week.month}/{week.day}"
        elif (i == 0 or months[i - 1] != week.month) and months[i:i + MONTH_RUN].count(week.month) == MONTH_RUN:
            text = ctx.t(f"date.month.short.{week.month}")
        columns.append(Column(text, ctx.t("lint.column.week", week=week.isoformat())))
    return tuple(columns)


def _tier_map(ctx: Context, months: tuple[tuple[int, int], ...], by_month: dict[str, Counter]) -> Heatmap:
    rows = []
    for tier in ctx.plan.site.tiers:
        counts = by_month.get(tier.id, Counter())
        cells = tuple(
            Cell(
                counts[month],
                _tone(counts[month], 1),
                ctx.t("lint.cell.month", name=tier.name, month=f"{month[0]}-{month[1]:02d}", n=counts[month]),
            )
            for month in months
        )
        rows.append(HeatRow(Link(tier.name, urls.tier_dir(tier.id)), "", cells))
    columns = tuple(Column(f"{year % 100:02d}/{month}", f"{year}-{month:02d}") for year, month in months)
    return Heatmap(columns, tuple(rows))


def _graded(heatmap: Heatmap) -> Heatmap:
    """Each cell's shade, and the scale that says them: counts above zero in
    LEVELS equal steps up to the map's largest (one step per count when
    that is LEVELS or less), so 2 and 42 never look alike."""
    largest = max((c.count for r in heatmap.rows for c in r.cells), default=0)
    width = max(1, math.ceil(largest / LEVELS))
    steps = [Step(0, "0")]
    for level in range(1, min(LEVELS, math.ceil(largest / width)) + 1):
        low, high = (level - 1) * width + 1, min(level * width, largest)
        steps.append(Step(level, str(low) if low == high else f"{low}–{high}"))
    rows = tuple(
        replace(r, cells=tuple(replace(c, level=math.ceil(c.count / width)) for c in r.cells))
        for r in heatmap.rows
    )
    return replace(heatmap, rows=rows, scale=tuple(steps))


def _tone(count: int, target: float) -> str:
    if count == 0:
        return "empty" if target else "none"  # a channel without a cadence owes nothing
    if target and count < target:
        return "short"
    return "ok"
