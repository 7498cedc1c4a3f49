"""The lint page (internal view): the plan's warnings, and where its holes are.

Two heatmaps show coverage at a glance: publications per channel and week
(against the channel's cadence) and per tier and month.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from generator.plan import urls
from generator.lint.coverage import coverage
from generator.plan.outputs import Finding, Output
from generator.site.view import Context, Link, page

LINT_DIR = "lint/"


@dataclass(frozen=True, slots=True)
class Cell:
    count: int
    tone: str  # css modifier: empty, short, ok, none
    title: str  # the tooltip: what, when, how many


@dataclass(frozen=True, slots=True)
class HeatRow:
    link: Link
    target: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True, slots=True)
class Heatmap:
    columns: tuple[str, ...]  # short column heads
    rows: tuple[HeatRow, ...]


def render_lint(ctx: Context) -> Output:
    counts = coverage(ctx.plan)
    return page(
        ctx,
        LINT_DIR,
        "lint.md.j2",
        {"title": ctx.t("lint"), "search": {"exclude": True}},
        findings=tuple(_finding(f) for f in ctx.findings),
        channels=_channel_map(ctx, counts.weeks, counts.by_channel_week),
        tiers=_tier_map(ctx, counts.months, counts.by_tier_month),
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
    columns = tuple(f"{week.month}/{week.day}" for week in weeks)
    return Heatmap(columns, tuple(rows))


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
    columns = tuple(f"{year % 100:02d}/{month}" for year, month in months)
    return Heatmap(columns, tuple(rows))


def _tone(count: int, target: float) -> str:
    if count == 0:
        return "empty" if target else "none"  # a channel without a cadence owes nothing
    if target and count < target:
        return "short"
    return "ok"
