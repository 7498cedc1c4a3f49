"""What every lint check reads, and the small helpers it says things with."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from generator.lint.coverage import Coverage, local_day, public_slots
from generator.plan.model import Entry, Plan, Slot, Source
from generator.plan.problems import Problem, Severity, problem

# A warning names this many short weeks at most; the words mark a list cut short (…).
SHOWN = 6


@dataclass(frozen=True)
class Context:
    """One check's run: the plan as of the build's now, its tuning, the shared counts."""

    plan: Plan
    now: datetime
    zone: ZoneInfo
    params: dict[str, float]
    counts: Coverage

    def day(self, slot: Slot) -> date:
        return local_day(slot.at, slot.zone, self.zone)

    def public_slots(self) -> Iterator[tuple[Entry, Slot]]:
        return public_slots(self.plan)


def warn(source: Source, code: str, **args: object) -> Problem:
    return problem(source.path, source.line, source.column, code, Severity.WARNING, **args)


def active_slots(plan: Plan) -> Iterator[tuple[Entry, Slot]]:
    """Every slot with work to do or done: all but the cancelled ones."""
    for entry in plan.entries:
        for slot in entry.slots:
            if not slot.status.is_cancelled:
                yield entry, slot


def channel_name(plan: Plan, channel_id: str) -> str:
    return plan.channel_name(channel_id)


def person_name(plan: Plan, member_id: str | None) -> str:
    return plan.member_name(member_id)


def tier_name(plan: Plan, tier_id: str) -> str:
    return next((t.name for t in plan.site.tiers if t.id == tier_id), tier_id)


def moment(value: date | datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if isinstance(value, datetime) else value.isoformat()


def number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
