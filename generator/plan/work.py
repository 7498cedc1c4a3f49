"""Who does what, and by when: each member's tasks in the plan, said once.

A person's work is the publications of the slots they own and the stage
deadlines that fall to them (a stage is the slot owner's or its reviewer's,
as the workflow says), of every status but idea and cancelled: drafts are
included, as this is the team's own view. Whether a task is done, late or
still to do is `progress`'s to say. The team pages (`site.team`) and the
group-chat digest (`digest`) both read it from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from generator.plan import progress
from generator.plan.model import Deadline, Moment, Plan, Slot, Status, starts_at

DONE, LATE, PENDING = "done", "late", "pending"  # a task's state (and the team pages' css modifier)


@dataclass(frozen=True, slots=True)
class Task:
    """One thing a person has to do by a moment: a stage of a slot's work
    (`deadline`), or the slot's publication (`deadline` is None). `step` orders
    a slot's tasks at the same moment: its stages in workflow order, then the post."""

    slot: Slot
    deadline: Deadline | None
    step: int

    @property
    def at(self) -> Moment:
        return self.deadline.at if self.deadline is not None else self.slot.at

    @property
    def zone(self) -> str:
        return self.deadline.zone if self.deadline is not None else self.slot.zone

    def begins(self) -> datetime:
        return starts_at(self.at, self.zone)

    def state(self, now: datetime) -> str:
        slot, deadline = self.slot, self.deadline
        if deadline is not None:
            if progress.is_done(slot, deadline):
                return DONE
            return LATE if progress.is_late(slot, deadline, now) else PENDING
        if slot.status is Status.PUBLISHED:
            return DONE
        return LATE if progress.is_past_due(slot, now) else PENDING


def is_work(slot: Slot) -> bool:
    """Whether a slot is someone's work: every status but idea and cancelled."""
    return slot.status not in (Status.IDEA, Status.CANCELLED)


def work(plan: Plan) -> Mapping[str, tuple[Task, ...]]:
    """Each member's tasks in time order (by member id), in one pass over the plan."""
    found: dict[str, list[Task]] = {m.id: [] for m in plan.site.team}
    for entry in plan.entries:
        for slot in entry.slots:
            if not is_work(slot):
                continue
            for step, deadline in enumerate(slot.deadlines):
                if deadline.person in found:
                    found[deadline.person].append(Task(slot, deadline, step))
            if slot.owner in found:
                found[slot.owner].append(Task(slot, None, len(slot.deadlines)))
    return {
        member: tuple(sorted(tasks, key=lambda t: (t.begins(), t.slot.key, t.step)))
        for member, tasks in found.items()
    }
