"""The team's pages: `team/`, everyone with what is overdue and what is due
this week and next, and `team/<member>/`, one person's work: overdue first,
then this week and the next, day by day.

A person's work (`plan.work`) is the publications of the slots they own and the
stage deadlines that fall to them (a stage is the slot owner's or its
reviewer's, as the workflow says), of every status but idea and cancelled:
drafts are included even in a build without `--drafts`, as these are the
team's own outputs (`View.team`). Whether a thing is done, late or still to do
is `plan.progress`'s to say. Weeks begin on Monday in the plan's zone, from the
build's now.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from generator.plan import urls
from generator.plan.model import Member, Moment, Stage, Status
from generator.plan.work import DONE, LATE, PENDING, Task, work
from generator.plan.outputs import Output
from generator import words
from generator.site.agenda import day_anchor
from generator.site.time import clock, date_text, day_of, in_zone, monday_of, short_date_text
from generator.site.view import NAMED_PAGE_SEARCH, Badge, Context, Link, channel_style, page, safe_url, slot_badges

DEADLINE, PUBLICATION = "deadline", "publication"
_STATE_TONES = {DONE: "published", LATE: "overdue", PENDING: "approved"}  # badge colours of the schedules
TEAM_META = {"search": {"exclude": True}}  # the titles are the entries' own: search finds those pages
# A person's page is what searching their name should open first: indexed, by
# the name (its title) and the role, its tasks left out (team-member.md.j2),
# and weighed above the pages that only mention the name. There is no team page
# in a --public build, so none in its index either.
MEMBER_META = NAMED_PAGE_SEARCH


# --- what each person has to do (`plan.work` says what it is) ------------------------


@dataclass(frozen=True, slots=True)
class Placed:
    """A task as of the build's now: its state, and its day in the plan's zone."""

    task: Task
    state: str
    day: date


@dataclass(frozen=True, slots=True)
class Workload:
    """What a team page shows of one person: everything late (whenever it
    fell due), then this week's and next week's tasks that are not late."""

    overdue: tuple[Placed, ...]
    this_week: tuple[Placed, ...]
    next_week: tuple[Placed, ...]

    @property
    def open_this_week(self) -> int:
        return sum(1 for p in self.this_week if p.state == PENDING)

    @property
    def open_next_week(self) -> int:
        return sum(1 for p in self.next_week if p.state == PENDING)

    def urgent(self) -> tuple[Placed, ...]:
        """What to do first: the late tasks, then this week's still to do, in time order."""
        return self.overdue + tuple(p for p in self.this_week if p.state == PENDING)


def this_monday(now: datetime, zone: str) -> date:
    """The Monday of the build's week, in the plan's zone."""
    return monday_of(in_zone(now, zone).date())


def workload(tasks: tuple[Task, ...], now: datetime, zone: str) -> Workload:
    monday = this_monday(now, zone)
    overdue: list[Placed] = []
    weeks: tuple[list[Placed], list[Placed]] = ([], [])
    for task in tasks:
        placed = Placed(task, task.state(now), day_of(task.at, zone))
        if placed.state == LATE:
            overdue.append(placed)
            continue
        week = (placed.day - monday).days // 7
        if week in (0, 1):
            weeks[week].append(placed)
    return Workload(tuple(overdue), tuple(weeks[0]), tuple(weeks[1]))


# --- views -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TaskRow:
    time: str
    kind: str  # css modifier: deadline or publication
    state: str  # css modifier: done, late or pending
    what: str  # "撰稿 截止", "发布"
    title: Link  # the slot's title, to its entry's page when this build has one
    channel: Link
    style: str  # the channel's colours (`view.channel_style`)
    detail: str  # a deadline's publication time
    badges: tuple[Badge, ...]
    post: str | None  # the published post


@dataclass(frozen=True, slots=True)
class DayView:
    id: str
    title: str
    today: bool
    rows: tuple[TaskRow, ...]


@dataclass(frozen=True, slots=True)
class WeekView:
    anchor: str
    title: str
    range: str
    days: tuple[DayView, ...]
    empty: str


@dataclass(frozen=True, slots=True)
class Counts:
    overdue: int
    this_week: int  # still to do this week (late ones are counted as overdue)
    next_week: int


@dataclass(frozen=True, slots=True)
class PersonCalendar:
    """A person's calendar file (built beside the site) and its subscription link."""

    ics: str
    webcal: str


@dataclass(frozen=True, slots=True)
class PersonView:
    name: str
    role: str
    email: str | None
    counts: Counts
    calendar: PersonCalendar
    overdue: tuple[TaskRow, ...]
    weeks: tuple[WeekView, ...]


@dataclass(frozen=True, slots=True)
class MemberCard:
    link: Link
    role: str
    counts: Counts
    calendar: PersonCalendar


def render_team(ctx: Context) -> list[Output]:
    """`team/` and one page per member of `site.team`."""
    loads = workloads(ctx)
    members = ctx.plan.site.team
    cards = tuple(
        MemberCard(Link(m.name, urls.team_dir(m.id)), ctx.t(f"role.{m.role}"), counts(loads[m.id]),
                   person_calendar(ctx, m.id))
        for m in members
    )
    meta = {"title": ctx.t("team"), **TEAM_META}
    pages = [page(ctx, urls.team_dir(), "team.md.j2", meta, members=cards, weeks=week_ranges(ctx))]
    for member in members:
        view = person_view(ctx, member, loads[member.id])
        meta = {"title": member.name, "description": view.role, **MEMBER_META}
        pages.append(page(ctx, urls.team_dir(member.id), "team-member.md.j2", meta, p=view))
    return pages


def workloads(ctx: Context) -> Mapping[str, Workload]:
    """Every member's workload as of the build's now (by member id)."""
    return {member: workload(tasks, ctx.view.now, ctx.zone) for member, tasks in work(ctx.plan).items()}


def counts(load: Workload) -> Counts:
    return Counts(len(load.overdue), load.open_this_week, load.open_next_week)


def person_calendar(ctx: Context, member_id: str) -> PersonCalendar:
    ics = urls.person_calendar_file(member_id)
    return PersonCalendar(ics, urls.webcal(urls.absolute(ctx.plan.site, ics)))


def week_ranges(ctx: Context) -> tuple[str, str]:
    """This week and next week, as dates: `6月7日 周一 – 6月13日 周日`."""
    monday = this_monday(ctx.view.now, ctx.zone)
    return _range(ctx, monday), _range(ctx, monday + timedelta(days=7))


def _range(ctx: Context, monday: date) -> str:
    return f"{short_date_text(monday, ctx.language)} – {short_date_text(monday + timedelta(days=6), ctx.language)}"


def person_view(ctx: Context, member: Member, load: Workload) -> PersonView:
    this_range, next_range = week_ranges(ctx)
    today = in_zone(ctx.view.now, ctx.zone).date()
    return PersonView(
        name=member.name,
        role=ctx.t(f"role.{member.role}"),
        email=member.email,
        counts=counts(load),
        calendar=person_calendar(ctx, member.id),
        overdue=tuple(task_row(ctx, p, DATE) for p in load.overdue),
        weeks=(
            WeekView("this-week", ctx.t("team.this-week"), this_range, _days(ctx, load.this_week, today),
                     ctx.t("team.this-week.empty")),
            WeekView("next-week", ctx.t("team.next-week"), next_range, _days(ctx, load.next_week, today),
                     ctx.t("team.next-week.empty")),
        ),
    )


def _days(ctx: Context, placed: tuple[Placed, ...], today: date) -> tuple[DayView, ...]:
    days: dict[date, list[TaskRow]] = {}
    for p in placed:  # already in time order
        days.setdefault(p.day, []).append(task_row(ctx, p, TIME))
    return tuple(
        DayView(day_anchor(day), date_text(day, ctx.language), day == today, tuple(rows))
        for day, rows in sorted(days.items())
    )


def stage_name(ctx: Context, stage: Stage) -> str:
    """The workflow's name for a stage; the default stages are named in the site's language."""
    return words.stage_name(ctx.language, stage)


def task_row(ctx: Context, placed: Placed, form: str) -> TaskRow:
    task, slot = placed.task, placed.task.slot
    channel = ctx.plan.channel_by_id.get(slot.channel)
    entry = ctx.plan.entry(slot.entry_kind, slot.entry_id)
    # a draft's entry has no page in a build without --drafts: its title stays plain text
    href = urls.entry_dir(slot.entry_kind, slot.entry_id) if entry and ctx.view.has_page(entry) else None
    if task.deadline is not None:
        what = ctx.t("team.deadline", stage=stage_name(ctx, task.deadline.stage))
        badges: tuple[Badge, ...] = (Badge(ctx.t(f"team.{placed.state}"), _STATE_TONES[placed.state]),)
        detail = ctx.t("team.publishes", when=when_text(ctx, slot.at, DATE))
    else:
        what = ctx.t("team.publication")
        badges = slot_badges(ctx, slot)
        detail = ""
    return TaskRow(
        time=when_text(ctx, task.at, form),
        kind=DEADLINE if task.deadline is not None else PUBLICATION,
        state=placed.state,
        what=what,
        title=Link(slot.title, href),
        channel=Link(channel.name if channel else slot.channel, urls.channel_dir(slot.channel)),
        style=channel_style(ctx, slot.channel),
        detail=detail,
        badges=badges,
        post=safe_url(slot.url) if slot.status is Status.PUBLISHED else None,
    )


TIME, DATE, COMPACT = "time", "date", "compact"  # how a task's moment is said: `when_text`


def when_text(ctx: Context, at: Moment, form: str) -> str:
    """A task's moment in the plan's zone: its `TIME` (`09:00`, `全天`) under
    its day's heading; elsewhere its `DATE` and time (`6月9日 周三 09:00`, the
    year only when it is not the build's), or `COMPACT` (`6月9日 09:00`) where a
    phone has one line for it."""
    if isinstance(at, datetime):
        local = in_zone(at, ctx.zone)
        day, time = local.date(), clock(local)
    else:
        day, time = at, ""
    if form == TIME:
        return time or ctx.t("calendar.all-day")
    if form == COMPACT:
        text = ctx.t("team.date.compact", month=ctx.t(f"date.month.short.{day.month}"), day=day.day)
    elif day.year == in_zone(ctx.view.now, ctx.zone).year:
        text = short_date_text(day, ctx.language)
    else:
        text = date_text(day, ctx.language)
    return f"{text} {time}" if time else text
