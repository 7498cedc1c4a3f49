"""Where the work on each slot stands at a build's now: the status rule, said once.

- An entry's status is the default of its slots (`assemble.effective_status`),
  except that a post whose time has not come is not published: a slot of a
  `published` entry, or a slot marked `published`, whose time is after now is
  `approved` (scheduled). The lint warns about a slot marked so by hand.
- A slot that is due and still `approved` is *overdue* (应发未发); one due and
  not published at all (a draft too) is past due: its owner is late.
- A stage is done once the slot's status has reached the stage's `done`; a
  stage whose deadline has come and is not done is late.

`as_of` applies the rule to a whole plan once, when a build's now is known
(`visibility.view`); every page, calendar, feed and lint check then reads
`Slot.status` and the predicates below, and none decides again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from generator.plan.model import Deadline, Entry, Moment, Plan, Product, Slot, Status, starts_at


def has_come(at: Moment, zone: str, now: datetime) -> bool:
    """A moment has come at its time; a date at the start of that day in its zone."""
    return starts_at(at, zone) <= now


def has_launched(product: Product, zone: str, now: datetime) -> bool:
    """A product has launched once its launch has come (a date: from the start
    of that day in the plan's zone); without a launch date it never says so.
    Its page's status (`published`) says nothing of this."""
    return product.launch is not None and has_come(product.launch, zone, now)


def is_due(slot: Slot, now: datetime) -> bool:
    return has_come(slot.at, slot.zone, now)


def status_at(slot: Slot, now: datetime) -> Status:
    """The slot's status at `now`: never published before its time."""
    if slot.status is Status.PUBLISHED and not is_due(slot, now):
        return Status.APPROVED
    return slot.status


def is_overdue(slot: Slot, now: datetime) -> bool:
    """Due and still only approved: it should have gone out (应发未发)."""
    return slot.status is Status.APPROVED and is_due(slot, now)


def is_past_due(slot: Slot, now: datetime) -> bool:
    """Due and not published: its post is late, whatever stage it stands at
    (an approved one is overdue, 应发未发; a draft or one in review is too)."""
    return is_due(slot, now) and slot.status is not Status.PUBLISHED and not slot.status.is_cancelled


def is_done(slot: Slot, deadline: Deadline) -> bool:
    """Whether the slot has got past this stage (a cancelled slot has no work left)."""
    return slot.status.is_cancelled or slot.status.rank >= deadline.stage.done.rank


def is_late(slot: Slot, deadline: Deadline, now: datetime) -> bool:
    """A stage whose deadline has come while the slot is still before its `done`."""
    return not is_done(slot, deadline) and has_come(deadline.at, deadline.zone, now)


def is_published_early(slot: Slot, now: datetime) -> bool:
    """Marked `published` by hand while its time is still to come (the lint warns)."""
    return slot.written is Status.PUBLISHED and not is_due(slot, now)


def as_of(plan: Plan, now: datetime) -> Plan:
    """The plan with every slot's status as the rule gives it at `now`.

    The same plan object when no slot changes (the usual case once every
    published post is in the past)."""
    changed = False
    entries: list[Entry] = []
    for entry in plan.entries:
        slots = tuple(_slot_at(slot, now) for slot in entry.slots)
        if any(new is not old for new, old in zip(slots, entry.slots)):
            changed = True
            entry = replace(entry, slots=slots)
        entries.append(entry)
    if not changed:
        return plan
    return Plan.build(plan.site, plan.channels, tuple(entries), plan.key_dates)


def _slot_at(slot: Slot, now: datetime) -> Slot:
    status = status_at(slot, now)
    return slot if status is slot.status else replace(slot, status=status)
