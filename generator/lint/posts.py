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
                    slot.source, "lint.stage_overdue", stage=deadline.stage.id, at=moment(deadline.at),
                    status=slot.status.value, done=deadline.stage.done.value,
                )


def capacity(context: Context) -> Iterator[Problem]:
    """Deadlines and publications per person and local day; said once per day, at the first slot."""
    limit = context.params["max_per_day"]
    days: dict[tuple[str, date], list[tuple[datetime, str, Slot]]] = defaultdict(list)
    for _, slot in active_slots(context.plan):
        if slot.status is Status.IDEA:
            continue
        work = [(slot.owner, slot.at, slot.zone)] + [(d.person, d.at, d.zone) for d in slot.deadlines]
        for person, at, zone in work:
            if person:
                day = local_day(at, zone, context.zone)
                days[(person, day)].append((starts_at(at, zone), slot.key, slot))
    for (person, day), items in sorted(days.items()):
        if len(items) > limit:
            first = min(items, key=lambda item: (item[0], item[1]))[2]
            yield warn(
                first.source, "lint.capacity", person=person_name(context.plan, person), person_id=person,
                day=day.isoformat(), count=len(items), limit=number(limit),
            )


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
                channel_id=earlier.channel, entry=earlier.entry_id, at=moment(earlier.at),
            )
