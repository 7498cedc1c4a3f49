"""The plan's months as the calendar pages step through them: every month of
the plan in order, a month's neighbours, its page and the link to it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from generator.plan import urls
from generator.site.time import month_title
from generator.site.view import Context, Link

Month = tuple[int, int]  # (year, month)


def span(days: Iterable[date]) -> tuple[Month, ...]:
    """Every month from the first of `days` to the last, empty ones too."""
    days = list(days)
    if not days:
        return ()
    first, last = min(days), max(days)
    return between((first.year, first.month), (last.year, last.month))


def between(first: Month, last: Month) -> tuple[Month, ...]:
    """The months from `first` to `last`, both of them."""
    months = []
    month = first
    while month <= last:
        months.append(month)
        month = after(month)
    return tuple(months)


def after(month: Month) -> Month:
    year, number = month
    return (year + 1, 1) if number == 12 else (year, number + 1)


def before(month: Month) -> Month:
    year, number = month
    return (year - 1, 12) if number == 1 else (year, number - 1)


def month_dir(month: Month) -> str:
    return urls.calendar_month_dir(*month)


def title(ctx: Context, month: Month) -> str:
    return month_title(month[0], month[1], ctx.language)


def link(ctx: Context, month: Month, months: tuple[Month, ...]) -> Link | None:
    """The month's page, when the plan has it (`months`)."""
    return Link(title(ctx, month), month_dir(month)) if month in months else None
