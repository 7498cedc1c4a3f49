"""When the build's output next changes: `community-plan next`, `build.json`'s
`next_change` and the footer's 下次更新, from the plan alone.

A static site is as current as its last build. Everything a build shows that
depends on its *now* changes at moments the plan names, and this module lists
them (each kept next to the rule that makes it, in `progress`, `visibility`,
the lint and the site's views), then takes the earliest after now:

- a slot's time: it comes due (published, or overdue 应发未发; into the
  feeds when it is public), and moves from "upcoming" to "past";
- a stage deadline not yet done: it turns late (team pages, people's
  calendars, the lint's `stage-overdue`); team builds only;
- `missed`: a slot not published `grace_days` after its time, and each
  further day it stays so (the lint says how many days); team builds only;
- the end of an event (each occurrence), a campaign, a launch day or a key
  date: it leaves "coming up";
- a product's launch: its badge turns from 即将上市 to 已上市
  (`progress.has_launched`); a launch at a time is that launch item's end, a
  launch on a day that day's turning, both listed here already;
- a day turning in the plan's zone: today's posts (today/), "coming up" (its
  windows end at a midnight, `site.time.days_ahead`, so nothing enters them at
  any other time), this week and next on the team pages; a KPI's measurement
  known from its day on and the month still running in the report (team
  builds: the days of actuals.csv are the plan's days too).

Days turn only while the plan has something on the pages that look ahead or
back a few weeks: past the plan's last day (and the four weeks of "coming
up" before its first), a turning day would only move the dates printed for
today over empty lists (and `calendar/week/`'s note naming this week), and
`next` says nothing is ahead. The build's own stamps
(calendars' DTSTAMP, an empty feed's `updated`, the sitemap's date, the
footer's 更新于) change with every build and are no change of the plan.

Pure: the plan as checked (statuses as written, so a post's status when its
time comes is known), the view of this build, and its now.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from generator.plan import progress
from generator.plan.model import Plan, Slot, Status, starts_at
from generator.plan.schema import LINT_DEFAULTS
from generator.plan.visibility import View
from generator.site import calendar_overview
from generator.site.items import SLOT, plan_items
from generator.site.time import date_text
from generator.words import label

DAY = timedelta(days=1)
SECOND = timedelta(seconds=1)  # a build's now has whole seconds: "more than" begins one later
LOOKS_AHEAD = calendar_overview.COMING_UP  # the longest window that looks ahead (the calendar's four weeks)
LOOKS_BACK = timedelta(days=14)  # today/ and the team's weeks still show a day this long after it
SHOWN_AT_ONCE = 3  # what one line names of the changes at the same moment


@dataclass(frozen=True, slots=True)
class Change:
    """One thing that changes at `at`: a words key (`next.*`) and its values."""

    at: datetime
    key: str
    values: tuple[tuple[str, str], ...] = ()

    def text(self, language: str) -> str:
        return label(language, self.key, **dict(self.values))


@dataclass(frozen=True, slots=True)
class Next:
    """The next moment after `now` at which the output changes, and what changes then."""

    now: datetime
    at: datetime | None  # in the plan's zone; None: nothing ahead
    changes: tuple[Change, ...]

    def line(self, language: str) -> str:
        """One line: the moment with its offset, then what changes (`community-plan next`)."""
        if self.at is None:
            return label(language, "next.none", now=self.now.isoformat())
        named = [c.text(language) for c in self.changes[:SHOWN_AT_ONCE]]
        if len(self.changes) > SHOWN_AT_ONCE:
            named.append(label(language, "next.more", n=len(self.changes) - SHOWN_AT_ONCE))
        return label(language, "next.at", at=self.at.isoformat(), what=label(language, "next.sep").join(named))


def next_change(checked: Plan, view: View) -> Next:
    """The earliest moment after `view.now` at which this build's output would differ."""
    zone = ZoneInfo(checked.site.timezone)
    found = [c for c in changes(checked, view) if c.at > view.now]
    if not found:
        return Next(view.now.astimezone(zone), None, ())
    first = min(c.at for c in found)
    at_once = tuple(c for c in found if c.at == first)
    return Next(view.now.astimezone(zone), first.astimezone(zone), at_once)


def changes(checked: Plan, view: View) -> list[Change]:
    """Every moment the plan names after now (some more than once), each with what changes."""
    now = view.now
    found: list[Change] = []
    found += _slots(checked, view)
    found += _items(view)
    found += _days(checked, view)
    return sorted((c for c in found if c.at > now), key=lambda c: (c.at, c.key, c.values))


# --- what the plan names --------------------------------------------------------------------


def _slots(checked: Plan, view: View) -> list[Change]:
    """Each slot's time, its stages' deadlines and the lint's `missed` days (from the
    statuses as written: a post marked published is published once its time comes)."""
    found: list[Change] = []
    missed = _grace(checked)
    for entry in checked.entries:
        for slot in entry.slots:
            due = starts_at(slot.at, slot.zone)
            what = _what(checked, slot)
            # a post is shown where its status is (a draft: with --drafts; the team's pages: all but ideas)
            if view.shows(slot.status) or (view.team and slot.status is not Status.IDEA):
                found.append(Change(due, _due_key(slot, due), what))
            if not view.team or slot.status.is_cancelled:
                continue  # the rest is the team's: its pages, its calendars, the lint (ideas too)
            for deadline in slot.deadlines:
                if not progress.is_done(slot, deadline):
                    stage = deadline.stage.name or label(checked.site.language, f"stage.{deadline.stage.id}")
                    found.append(Change(starts_at(deadline.at, deadline.zone), "next.stage", (*what, ("stage", stage))))
            if missed is not None and slot.status is not Status.PUBLISHED:  # as written: what it is once due
                found += _missed(slot, due, missed, view.now, what)
    return found


def _due_key(slot: Slot, due: datetime) -> str:
    status = progress.status_at(slot, due)
    if status is Status.PUBLISHED:
        return "next.due.feed"
    if status is Status.APPROVED:
        return "next.due.overdue"  # into the feeds as well: it was agreed to go out
    return "next.due"


def _what(plan: Plan, slot: Slot) -> tuple[tuple[str, str], ...]:
    channel = plan.channel_by_id.get(slot.channel)
    return (("title", slot.title), ("channel", channel.name if channel else slot.channel))


def _grace(plan: Plan) -> float | None:
    """`missed`'s grace in days, or None when the plan turns the check off."""
    lint = plan.site.lint
    if "missed" in lint and lint["missed"] is None:
        return None
    return float({**LINT_DEFAULTS["missed"], **(lint.get("missed") or {})}["grace_days"])


def _missed(slot: Slot, due: datetime, grace: float, now: datetime, what: tuple) -> list[Change]:
    """The lint warns once a post is more than `grace` days late, and counts the
    days: the first warning, and the next day it counts after now."""
    first = due + timedelta(days=grace) + SECOND
    days_late = max(math.floor(grace) + 1, math.floor((now - due) / DAY) + 1)
    return [
        Change(first, "next.missed", (*what, ("days", _number(grace)))),
        Change(due + days_late * DAY, "next.missed", (*what, ("days", str(days_late)))),
    ]


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _items(view: View) -> list[Change]:
    """Events (each occurrence), campaigns, launches and key dates leave "coming up" when they are over."""
    return [
        Change(item.finishes(), "next.over", (("title", item.title),))
        for item in plan_items(view.plan, view)
        if item.kind != SLOT
    ]


def _days(checked: Plan, view: View) -> list[Change]:
    """The next midnight in the plan's zone, while the plan has anything on the
    pages that look a few weeks ahead or back (see the module's docstring)."""
    zone = checked.site.timezone
    days = _plan_days(checked, view)
    if not days:
        return []
    first, last = min(days), max(days)
    begins = _month_start(first) - LOOKS_AHEAD
    ends = max(last + LOOKS_BACK, _month_start(last + timedelta(days=31)))  # the month cards' "this month" too
    today = view.now.astimezone(ZoneInfo(zone)).date()
    day = max(today + DAY, begins)
    language = checked.site.language
    if day > ends:
        # the team pages still list what is late, with its year once that is not the current one
        late = view.team and any(progress.is_past_due(s, view.now) for e in view.plan.entries for s in e.slots)
        new_year = date(today.year + 1, 1, 1)
        return [Change(datetime.combine(new_year, time(0), ZoneInfo(zone)), "next.year")] if late else []
    midnight = datetime.combine(day, time(0), ZoneInfo(zone))
    turning = "next.day" if view.team else "next.day.public"  # the readers' site has no today/ nor team weeks
    found = [Change(midnight, turning, (("day", date_text(day, language)),))]
    if day.weekday() == 0:
        found.append(Change(midnight, "next.week", (("day", date_text(day, language)),)))
    if (day.month, day.day) == (1, 1):
        found.append(Change(midnight, "next.year"))
    return found


def _plan_days(checked: Plan, view: View) -> list[date]:
    """Every day something in the plan happens or is due, in the plan's zone."""
    zone = checked.site.timezone
    days = [d for item in plan_items(view.plan, view) for d in (item.first_day(zone), item.last_day(zone))]
    for entry in checked.entries:
        for slot in entry.slots:
            days.append(starts_at(slot.at, slot.zone).astimezone(ZoneInfo(zone)).date())
            days += [starts_at(d.at, d.zone).astimezone(ZoneInfo(zone)).date() for d in slot.deadlines]
    if view.team:  # a KPI's measurement is known from its day on (`plan.pace`): the report and the home page's cards
        days += [a.date for goal in checked.site.goals for kpi in goal.kpis for a in kpi.actuals]
    return days


def _month_start(day: date) -> date:
    return day.replace(day=1)
