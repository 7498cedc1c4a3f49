"""Each team member's own calendar, `calendar/people/<member>.ics`: their work, as items.

A person's work is every stage deadline they hold (`Deadline.person`) and
every publication they own (`Slot.owner`), of every slot status but `idea`
(`is_work`). These calendars are team outputs: drafts and posts in review are
in them (TENTATIVE, marked in the title as everywhere) whether or not the
build has `--drafts`, and `calendars.render` is the one place that writes
them (the readers' build of issue #15 leaves them out there). Cancelled slots
stay as STATUS:CANCELLED, as in every calendar: what a subscriber's calendar
held must not silently vanish. `all.ics` and the channel calendars keep
following `View.shows`.

UIDs come from `Deadline.key` and `Slot.key` (never from a time), so moving a
slot moves its deadlines and keeps every UID. They are in namespaces of their
own ("stage", "work"), not the slot's: an owner who subscribes to `all.ics`
too sees the post there and their task here, and one UID in two subscriptions
with different contents makes clients keep either one or flip between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from generator.calendars.items import (
    Item,
    at_moment,
    channel_name,
    description_of,
    fact,
    facts_block,
    marked,
    member_name,
    page_of,
    uid,
)
from generator.plan.model import Deadline, Entry, Member, Moment, Plan, Slot, Stage, Status
from generator.plan.progress import is_done
from generator.plan.visibility import View
from generator.words import aside, label

# A timed deadline or post rings an hour ahead: enough to finish a last check
# or hand over, short enough that it is not forgotten again before the time.
TIMED_LEAD = timedelta(hours=1)
# An all-day item rings at 10:00 the day before (RFC 5545 counts a DATE's
# trigger from that day's local midnight): a whole working day to get it done,
# and not in the night, when a trigger of a round day would ring.
ALL_DAY_LEAD = timedelta(hours=14)


@dataclass(frozen=True, slots=True)
class Person:
    """One member's calendar: who, and their work as items (in plan order)."""

    member: Member
    items: tuple[Item, ...]


def is_work(slot: Slot) -> bool:
    """Whether a slot is someone's work in their calendar: every status but an idea."""
    return slot.status is not Status.IDEA


def people(plan: Plan, view: View) -> tuple[Person, ...]:
    """Every member of the team, each with their work (none: an empty calendar)."""
    work: dict[str, list[Item]] = {member.id: [] for member in plan.site.team}
    for entry in plan.entries:
        for slot in entry.slots:
            if not is_work(slot):
                continue
            for deadline in slot.deadlines:
                if deadline.person in work:
                    work[deadline.person].append(_stage(plan, entry, slot, deadline, view))
            if slot.owner in work:
                work[slot.owner].append(_publication(plan, entry, slot, view))
    return tuple(Person(member, tuple(work[member.id])) for member in plan.site.team)


# --- the two kinds of item ------------------------------------------------------------


def _stage(plan: Plan, entry: Entry, slot: Slot, deadline: Deadline, view: View) -> Item:
    """A stage's deadline, e.g. 撰稿截止：微博：<title>, at the deadline's own moment."""
    language = plan.site.language
    stage = _stage_name(language, deadline.stage)
    start, end, last = at_moment(deadline.at, deadline.zone)
    channel = channel_name(plan, slot.channel)
    what = label(language, "ics.stage.due", stage=stage)
    when = fact(language, "ics.publish.at", _when(language, slot.at, slot.zone, plan.site.timezone))
    return Item(
        uid=uid(plan, "stage", deadline.key),
        start=start,
        end=end,
        zone=deadline.zone,
        summary=_summary(language, slot.status, what, channel, slot.title),
        description=_description(plan, entry, slot, view, extra=when),
        status=slot.status,
        url=page_of(plan, entry, view),
        categories=(stage, channel),
        transparent=True,  # a deadline is a moment, not time taken
        # A stage already done (the slot is past its `done`) needs no reminder.
        reminders=() if is_done(slot, deadline) else (_lead(start),),
        last_day=last,
    )


def _publication(plan: Plan, entry: Entry, slot: Slot, view: View) -> Item:
    """The post itself, for its owner: 发布：微博：<title>, at the slot's moment."""
    language = plan.site.language
    start, end, last = at_moment(slot.at, slot.zone)
    channel = channel_name(plan, slot.channel)
    done = slot.status is Status.PUBLISHED
    return Item(
        uid=uid(plan, "work", slot.key),
        start=start,
        end=end,
        zone=slot.zone,
        summary=_summary(language, slot.status, label(language, "ics.publish"), channel, slot.title),
        description=_description(plan, entry, slot, view),
        status=slot.status,
        url=page_of(plan, entry, view),
        categories=(channel,),
        transparent=True,
        reminders=() if done else (_lead(start),),
        last_day=last,
    )


# --- words ---------------------------------------------------------------------------


def _stage_name(language: str, stage: Stage) -> str:
    """The stage's `name`, or the default stages' name in the plan's language."""
    return stage.name or label(language, f"stage.{stage.id}")


def _summary(language: str, status: Status, what: str, channel: str, title: str) -> str:
    colon = label(language, "punct.colon")
    return marked(language, status, f"{what}{colon}{channel}{colon}{title}")


def _description(plan: Plan, entry: Entry, slot: Slot, view: View, extra: str = "") -> str:
    language = plan.site.language
    status = label(language, "status.overdue" if view.overdue(slot) else f"status.{slot.status.value}")
    facts = [
        fact(language, "ics.entry", entry.title),
        fact(language, "ics.channel", channel_name(plan, slot.channel)),
        fact(language, "ics.status", status),
        fact(language, "ics.owner", member_name(plan, slot.owner)),
        fact(language, "ics.reviewer", member_name(plan, slot.reviewer)),
        extra,
        fact(language, "ics.post", slot.url or ""),
    ]
    # No summary: the entry's page has it, and a person's calendar holds a few items per post.
    return description_of(language, [facts_block(facts)], page_of(plan, entry, view))


def _when(language: str, at: Moment, zone: str, site_zone: str) -> str:
    """The post's time as the team reads it: local, with its zone if not the plan's."""
    if not isinstance(at, datetime):
        return at.isoformat()
    text = f"{at.astimezone(ZoneInfo(zone)):%Y-%m-%d %H:%M}"
    return text if zone == site_zone else text + aside(language, zone)


def _lead(start: Moment) -> timedelta:
    return TIMED_LEAD if isinstance(start, datetime) else ALL_DAY_LEAD
