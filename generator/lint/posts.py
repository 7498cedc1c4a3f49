"""The lint of the work behind each post and of its copy: missed posts,
late stages, too much for one person on one day, a post marked published
before its time; copy longer than its platform takes, the same text on two
channels.

These read the plan as of the build's now (`plan.progress`): a post whose
time has not come is not published.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from generator.lint.context import Context, active_slots, channel_name, moment, number, person_name, warn
from generator.lint.coverage import local_day
from generator.plan import progress
from generator.plan.model import Slot, Status, starts_at
from generator.plan.platforms import measure, platforms
from generator.plan.problems import Problem


# --- the work behind each post --------------------------------------------------------


def missed(context: Context) -> Iterator[Problem]:
    grace = timedelta(days=context.params["grace_days"])
    for _, slot in active_slots(context.plan):
        if slot.status is Status.PUBLISHED:
            continue
        late = context.now - starts_at(slot.at, slot.zone)
        if late > grace:
            yield warn(
                slot.source, "lint.missed", at=moment(slot.at), status=slot.status.value, days=late.days,
                grace=number(context.params["grace_days"]),
            )


def stage_overdue(context: Context) -> Iterator[Problem]:
    for _, slot in active_slots(context.plan):
        for deadline in slot.deadlines:
            if progress.is_late(slot, deadline, context.now):
                yield warn(
                    slot.source, "lint.stage_overdue", stage=deadline.stage.name, stage_id=deadline.stage.id,
                    at=moment(deadline.at),
                    status=slot.status.value, done=deadline.stage.done.value,
                )


def capacity(context: Context) -> Iterator[Problem]:
    """Deadlines and publications per person and local day; said once per day, at
    the person's first item that day where they hold the work (the post, or a
    stage they do as its owner), with the day's items listed so the editor sees
    what to move."""
    limit = context.params["max_per_day"]
    days: dict[tuple[str, date], list[_Work]] = defaultdict(list)
    for _, slot in active_slots(context.plan):
        if slot.status is Status.IDEA:
            continue
        work = [(slot.at, slot.zone, _Work(starts_at(slot.at, slot.zone), slot.key, slot, slot.title, slot.owner, "", True,
                                                     not isinstance(slot.at, datetime)))]
        work += [
            (d.at, d.zone, _Work(starts_at(d.at, d.zone), slot.key, slot, slot.title, d.person,
                                 d.stage.name or d.stage.id, d.stage.who == "owner", not isinstance(d.at, datetime)))
            for d in slot.deadlines
        ]
        for at, zone, item in work:
            if item.person:
                days[(item.person, local_day(at, zone, context.zone))].append(item)
    for (person, day), items in sorted(days.items()):
        if len(items) > limit:
            items.sort(key=lambda item: (item.at, item.key))
            first = next((item for item in items if item.holds), items[0]).slot
            listed = [_listed(item, context) for item in items]
            shown = len(listed) if len(listed) <= _LISTED + 1 else _LISTED  # never "and 1 more"
            yield warn(
                first.source, "lint.capacity", person=person_name(context.plan, person), person_id=person,
                day=day.isoformat(), count=len(items), limit=number(limit),
                items=listed[:shown], items_more=len(listed[shown:]),
            )


_LISTED = 5  # a capacity warning lists the day's first items, then says how many more


@dataclass(frozen=True)
class _Work:
    at: datetime
    key: str
    slot: Slot
    title: str
    person: str | None
    stage: str  # "" for the publication itself; else the stage's name or id
    holds: bool  # the person does the work (owner), not only reviews it
    all_day: bool


def _listed(item: _Work, context: Context) -> tuple[str, str]:
    """(`18:00 标题`, the stage's name or id, "" for the post itself), said by the words."""
    local = item.at.astimezone(context.zone).strftime("%H:%M")
    shown = item.title if item.all_day else f"{local} {item.title}"
    return (shown, item.stage)


def future_published(context: Context) -> Iterator[Problem]:
    for _, slot in active_slots(context.plan):
        if progress.is_published_early(slot, context.now):
            yield warn(slot.source, "lint.future_published", at=moment(slot.at))


# --- copy, per platform ------------------------------------------------------------------


def copy_length(context: Context) -> Iterator[Problem]:
    known = platforms()
    for _, slot in active_slots(context.plan):
        copy = slot.copy
        channel = context.plan.channel_by_id.get(slot.channel)
        platform = known.get(channel.platform) if channel and copy else None
        if copy is None or platform is None:
            continue
        measured = (
            ("title", "lint.copy_length_title", copy.title, platform.title),
            ("text", "lint.copy_length_text", platform.posted_text(copy.text, copy.tags), platform.text),
        )
        for key, code, value, limit in measured:
            if limit is not None and value and measure(value, limit.unit) > limit.max:
                yield warn(
                    copy.source_of(key), code, platform=platform.id,
                    length=measure(value, limit.unit), limit=limit.max, unit=limit.unit,
                )
        if platform.tags is not None and len(copy.tags) > platform.tags:
            yield warn(copy.source_of("tags"), "lint.copy_length_tags", platform=platform.id,
                        count=len(copy.tags), limit=platform.tags)


def copy_identical(context: Context) -> Iterator[Problem]:
    """The same text on two channels: each platform ranks down what it has seen elsewhere."""
    first: dict[str, Slot] = {}
    for _, slot in sorted(active_slots(context.plan), key=lambda pair: (starts_at(pair[1].at, pair[1].zone), pair[1].key)):
        if slot.copy is None or not slot.copy.text.strip():
            continue
        text = "".join(slot.copy.text.split())  # the same words, however they are spaced and broken
        earlier = first.setdefault(text, slot)
        if earlier is not slot and earlier.channel != slot.channel:
            yield warn(
                slot.copy.source_of("text"), "lint.copy_identical", channel=channel_name(context.plan, earlier.channel),
                channel_id=earlier.channel, entry=earlier.title, at=moment(earlier.at),
            )

