"""What is public: the format's rules in one place, for every renderer.

- idea/draft/review appear nowhere unless `--drafts`; then on the site and in
  calendars (marked), never in a feed.
- cancelled things stay in calendars (STATUS:CANCELLED) and events keep
  their page; other cancelled entries keep no page unless `--drafts`.
- feeds hold due, public (approved/published) slots only.
"""

from __future__ import annotations

from datetime import datetime

from generator.plan.model import Entry, Kind, Plan, Slot, Status, starts_at
from generator.plan.outputs import BuildOptions

_PUBLIC = (Status.APPROVED, Status.PUBLISHED)


def in_calendars(status: Status, options: BuildOptions) -> bool:
    return status.visible(options.drafts)


def has_page(entry: Entry, options: BuildOptions) -> bool:
    if options.drafts:
        return True
    if entry.status.is_draft:
        return False
    return not entry.status.is_cancelled or entry.kind is Kind.EVENT


def is_due(slot: Slot, now: datetime) -> bool:
    """A slot is due at its time; a date slot at the start of its day in its zone."""
    return starts_at(slot.at, slot.zone) <= now


def in_feeds(slot: Slot, options: BuildOptions) -> bool:
    return slot.status in _PUBLIC and is_due(slot, options.now)


def pages(plan: Plan, options: BuildOptions) -> tuple[Entry, ...]:
    return tuple(e for e in plan.entries if has_page(e, options))

def feed_slots(plan: Plan, options: BuildOptions, channel: str | None = None) -> tuple[Slot, ...]:
    """Due public slots, newest first (ties broken by identity, for determinism)."""
    chosen = [
        s
        for e in plan.entries
        for s in e.slots
        if in_feeds(s, options) and (channel is None or s.channel == channel)
    ]
    chosen.sort(key=lambda s: s.key)
    chosen.sort(key=lambda s: starts_at(s.at, s.zone), reverse=True)
    return tuple(chosen)
