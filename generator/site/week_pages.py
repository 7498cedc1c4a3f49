"""The team's week: who does what, day by day, one page per ISO week.

- `calendar/<yyyy>-w<ww>/` (`urls.calendar_week_dir`): a Monday-based week
  in the plan's zone, its seven days side by side (stacked on a phone), each
  with what happens on it (publications, events, campaigns, launches, key
  dates) and the stage deadlines that fall on it (`Slot.deadlines`) whose
  work is still to do, with who does each, the late ones marked. One page for every week from the plan's
  first dated day (or first deadline) to its last, empty weeks too, so the
  previous and next week are always a click away; a page holds one week, so
  its size follows how busy a week is, not how long the plan is.
- `calendar/week/`: the week of the build's now (the plan's nearest week when
  now is outside it), a link that every calendar page can give without
  changing when now moves on.

A stage that is done (the post has got past it) is no one's work any more:
its post's own row says where it stands. Listing done stages too tripled a
busy week's page (a 1,000-entry plan's weeks are mostly approved posts, all
their stages done) for nothing a team acts on. What a deadline's state is
(done, late) is `progress`'s to say; this module only asks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from generator.plan import progress, urls
from generator.plan.model import Deadline, Stage, Status
from generator.plan.outputs import Output
from generator.site import months as calendar_months
from generator.site.agenda import AgendaRow, day_anchor, row
from generator.site.filters import FilterBar, deadline_facets, filter_bar
from generator.site.items import CAMPAIGN, ORDER, Item
from generator.site.months import Month
from generator.site.time import clock, date_text, day_of, in_zone, weekday_names
from generator.site.view import Badge, Context, Link, channel_style, member_name, page, slot_badges

Week = tuple[int, int]  # (ISO year, ISO week): weeks start on Monday
DEADLINE = "deadline"  # the css modifier of a deadline's row, beside the kinds of ORDER


@dataclass(frozen=True, slots=True)
class Work:
    """A stage deadline of a shown publication, on the day it falls in the plan's zone."""

    day: date
    deadline: Deadline
    item: Item  # the publication it is for (its slot, title, page, tiers)


@dataclass(frozen=True, slots=True)
class WeekDay:
    id: str  # the same `d-<date>` anchor as the agenda's
    weekday: str
    date: str
    rows: tuple[AgendaRow, ...]
    today: bool
    weekend: bool


@dataclass(frozen=True, slots=True)
class WeekView:
    title: str
    range: str
    days: tuple[WeekDay, ...]
    previous: Link | None
    next: Link | None
    months: tuple[Link, ...]  # the month pages its days are on
    overview: Link
    filters: FilterBar
    note: str = ""  # `calendar/week/` when now is outside the plan


def week_of(day: date) -> Week:
    year, week, _ = day.isocalendar()
    return (year, week)


def monday(week: Week) -> date:
    return date.fromisocalendar(week[0], week[1], 1)


def week_dir(week: Week) -> str:
    return urls.calendar_week_dir(*week)


def week_title(ctx: Context, week: Week) -> str:
    return ctx.t("calendar.week.title", year=week[0], week=week[1])


def week_short(ctx: Context, week: Week) -> str:
    return ctx.t("calendar.week.short", week=week[1])


def stage_name(ctx: Context, stage: Stage) -> str:
    """A stage as the plan names it, else its default name (`stage.<id>`)."""
    return stage.name or ctx.labels.get(f"stage.{stage.id}", stage.id)


def work_by_day(ctx: Context, items: Iterable[Item]) -> dict[date, list[Work]]:
    """The stages still to do of every publication the build shows (none of
    an idea, nobody works on it yet), under the day of their deadline; none
    on the readers' site (`View.team`): the work behind a post is the team's."""
    found: dict[date, list[Work]] = {}
    if not ctx.view.team:
        return found
    for item in items:
        slot = item.slot
        if slot is None or slot.status is Status.IDEA:
            continue
        for deadline in slot.deadlines:
            if progress.is_done(slot, deadline):  # a cancelled post's stages too
                continue
            day = day_of(deadline.at, ctx.zone)
            found.setdefault(day, []).append(Work(day, deadline, item))
    return found


def span(days: Iterable[date]) -> tuple[Week, ...]:
    """Every week from the first of `days` to the last, empty ones too."""
    days = list(days)
    if not days:
        return ()
    week, last = monday(week_of(min(days))), monday(week_of(max(days)))
    found = []
    while week <= last:
        found.append(week_of(week))
        week += timedelta(weeks=1)
    return tuple(found)


def current(weeks: tuple[Week, ...], today: date) -> Week | None:
    """The week of `today`, or the plan's nearest week when today is outside it."""
    if not weeks:
        return None
    return min(max(week_of(today), weeks[0]), weeks[-1])


def render_week_pages(
    ctx: Context,
    weeks: tuple[Week, ...],
    days: Mapping[date, list[Item]],
    work: Mapping[date, list[Work]],
    months: tuple[Month, ...],
    meta: Mapping[str, object],
    **values: object,
) -> list[Output]:
    """A page per week of `weeks`, and `calendar/week/`. `days` are the items
    under each day they cover (`items.by_day`); `values` go to the template
    as they are (the legend, the weekday names)."""
    if not weeks:
        return []
    today = in_zone(ctx.view.now, ctx.zone).date()
    known = frozenset(weeks)
    bar = filter_bar()
    campaigns = tuple(i for i in ctx.items if i.kind == CAMPAIGN)
    views = {w: _week(ctx, w, known, days, work, campaigns, months, today, bar) for w in weeks}
    pages = [
        page(ctx, week_dir(w), "calendar-week.md.j2", {"title": view.title, **meta}, week=view, **values)
        for w, view in views.items()
    ]
    this = current(weeks, today)
    assert this is not None
    view = views[this]
    title = ctx.t("calendar.this-week.title", week=view.title)
    if this != week_of(today):
        view = replace(view, note=ctx.t("calendar.week.outside", week=week_title(ctx, week_of(today))))
    pages.append(page(ctx, urls.calendar_week_dir(), "calendar-week.md.j2", {"title": title, **meta},
                      week=view, **values))
    return pages


def _week(
    ctx: Context,
    week: Week,
    known: frozenset[Week],
    days: Mapping[date, list[Item]],
    work: Mapping[date, list[Work]],
    campaigns: tuple[Item, ...],
    months: tuple[Month, ...],
    today: date,
    bar: FilterBar,
) -> WeekView:
    first = monday(week)
    dates = [first + timedelta(days=n) for n in range(7)]
    names = weekday_names(ctx.language)
    cells = []
    for number, day in enumerate(dates):
        # what lasts several days is said once, on its first day in this week
        # (the time says until when); a campaign that began before the week
        # still runs in it (`by_day` lists a campaign on its first day only)
        items = [i for i in days.get(day, ()) if i.first_day(ctx.zone) == day or number == 0]
        if number == 0:
            items = _running(ctx, campaigns, first) + items
        cells.append(WeekDay(
            id=day_anchor(day),
            weekday=names[day.weekday()],
            date=ctx.t("calendar.week.day", month=ctx.t(f"date.month.short.{day.month}"), day=day.day),
            rows=_rows(ctx, day, items, work.get(day, ())),
            today=day == today,
            weekend=day.weekday() >= 5,
        ))
    before, after = _step(week, -1), _step(week, 1)
    in_months = dict.fromkeys((d.year, d.month) for d in (dates[0], dates[-1]))
    return WeekView(
        title=week_title(ctx, week),
        range=f"{date_text(dates[0], ctx.language)} – {date_text(dates[-1], ctx.language)}",
        days=tuple(cells),
        previous=Link(_neighbour(ctx, before, week), week_dir(before)) if before in known else None,
        next=Link(_neighbour(ctx, after, week), week_dir(after)) if after in known else None,
        months=tuple(link for month in in_months if (link := calendar_months.link(ctx, month, months))),
        overview=Link(ctx.t("calendar.overview"), urls.calendar_page_dir()),
        filters=bar,
    )


def _neighbour(ctx: Context, other: Week, week: Week) -> str:
    """A neighbouring week, short (the pager's buttons are small): its year only when it is another."""
    return week_short(ctx, other) if other[0] == week[0] else week_title(ctx, other)


def _step(week: Week, weeks: int) -> Week:
    return week_of(monday(week) + timedelta(weeks=weeks))


def _running(ctx: Context, campaigns: Iterable[Item], first: date) -> list[Item]:
    """The campaigns that began before the week `first` begins and have not ended."""
    return [c for c in campaigns if c.first_day(ctx.zone) < first <= c.last_day(ctx.zone)]


def _rows(ctx: Context, day: date, items: list[Item], work: Iterable[Work]) -> tuple[AgendaRow, ...]:
    """A day's items and deadlines in one list: all-day ones first, then by time."""
    keyed: list[tuple[tuple[int, str, int], AgendaRow]] = []
    for item in items:
        timed = not item.all_day and item.first_day(ctx.zone) == day
        at = clock(in_zone(item.begins(), ctx.zone)) if timed else ""
        keyed.append(((int(timed), at, ORDER.index(item.kind)), row(ctx, item)))
    for job in work:
        at = job.deadline.at
        timed = isinstance(at, datetime)
        keyed.append(((int(timed), clock(in_zone(at, ctx.zone)) if timed else "", len(ORDER)),
                      _deadline_row(ctx, job)))
    keyed.sort(key=lambda pair: pair[0])  # stable: the items' own order where times tie
    return tuple(r for _, r in keyed)


def _deadline_row(ctx: Context, job: Work) -> AgendaRow:
    item, deadline = job.item, job.deadline
    slot = item.slot
    assert slot is not None
    channel = ctx.plan.channel_by_id.get(slot.channel)
    at = deadline.at
    # late, else where its post stands (a draft, in review)
    late = progress.is_late(slot, deadline, ctx.view.now)
    badges = (Badge(ctx.t("deadline.late"), "overdue"),) if late else slot_badges(ctx, slot)
    return AgendaRow(
        time=clock(in_zone(at, ctx.zone)) if isinstance(at, datetime) else ctx.t("calendar.all-day"),
        kind=DEADLINE,
        kind_label=ctx.t("calendar.deadline", stage=stage_name(ctx, deadline.stage)),
        title=item.title,
        href=item.href,
        detail=channel.name if channel else slot.channel,
        badges=badges,
        cancelled=False,
        style=channel_style(ctx, slot.channel),
        owner=member_name(ctx, deadline.person),
        facets=deadline_facets(ctx, slot, deadline, item.tiers),
    )

