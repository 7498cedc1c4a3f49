"""Everything with a date that a build shows, as one list: events, campaigns,
product launches, publication slots and key dates.

The site's calendar views and the iCalendar files both read this list, so
they never disagree on what is dated, what is shown, or when it is. Each
renders it in its own way (the site expands an event's occurrences; a
calendar writes one repeating VEVENT).
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.plan.model import Campaign, Entry, Event, KeyDate, Moment, Plan, Product, Slot, Status
from generator.plan.visibility import View

EVENT, SLOT, CAMPAIGN, LAUNCH, KEY_DATE = "event", "slot", "campaign", "launch", "key-date"


@dataclass(frozen=True, slots=True)
class Dated:
    """One dated thing, with its times as the plan has them: an all-day `end`
    is the last day (inclusive); `zone` is where its local times are read."""

    kind: str  # EVENT, SLOT, CAMPAIGN, LAUNCH or KEY_DATE
    start: Moment
    end: Moment
    zone: str
    title: str
    status: Status
    entry: Entry | None = None  # none for key dates
    slot: Slot | None = None  # slots only
    key_date: KeyDate | None = None  # key dates only


def dated(plan: Plan, view: View) -> tuple[Dated, ...]:
    """In plan order: each shown entry's own dated thing, then its shown
    slots; the key dates last (they are always shown)."""
    found: list[Dated] = []
    zone = plan.site.timezone
    for entry in plan.entries:
        own = _own(entry, zone)
        if own is not None and view.shows(entry.status):
            found.append(own)
        found.extend(
            Dated(SLOT, slot.at, slot.at, slot.zone, slot.title, slot.status, entry, slot=slot)
            for slot in entry.slots
            if view.shows(slot.status)
        )
    found.extend(
        Dated(KEY_DATE, k.date, k.end, zone, k.title, Status.APPROVED, key_date=k) for k in plan.key_dates
    )
    return tuple(found)


def _own(entry: Entry, zone: str) -> Dated | None:
    """An entry's own date, if its kind has one: an event's span (in the
    event's zone), a campaign's period, a product's launch."""
    details = entry.details
    if isinstance(details, Event):
        span = details.span
        return Dated(EVENT, span.start, span.end, span.zone, entry.title, entry.status, entry)
    if isinstance(details, Campaign):
        return Dated(CAMPAIGN, details.start, details.end, zone, entry.title, entry.status, entry)
    if isinstance(details, Product) and details.launch is not None:
        return Dated(LAUNCH, details.launch, details.launch, zone, entry.title, entry.status, entry)
    return None
