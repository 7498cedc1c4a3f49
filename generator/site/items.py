"""Everything with a date in the plan, as one sorted list of calendar items.

The calendar page, the home page's "next two weeks", a campaign's timeline and
a tier's page all read this one list, so they never disagree on what is shown
or where it links.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from generator.plan import urls
from generator.plan.dated import CAMPAIGN, EVENT, KEY_DATE, LAUNCH, SLOT, dated
from generator.plan.model import Event, Kind, Moment, Plan, Slot, Status, starts_at
from generator.plan.recurrence import occurrences
from generator.plan.visibility import View

ORDER = (KEY_DATE, CAMPAIGN, LAUNCH, EVENT, SLOT)


@dataclass(frozen=True, slots=True)
class Item:
    """One dated thing. All-day items have dates (inclusive `end`); timed ones
    aware datetimes (exclusive `end`). `href` is the site-relative page, if any."""

    kind: str  # one of ORDER
    start: Moment
    end: Moment
    zone: str
    title: str
    href: str | None
    status: Status
    entry_key: str | None = None  # the entry it belongs to (none for key dates)
    campaign: str | None = None  # the campaign of its entry
    channel: str | None = None  # slots: the channel id
    flavor: str = ""  # key dates: holiday, commerce or brand
    owner: str | None = None  # a member id: a slot's owner, else its entry's (none for key dates)
    tiers: tuple[str, ...] = ()  # its entry's audiences
    slot: Slot | None = None  # publications: the slot (its status as of now, its deadlines)

    @property
    def all_day(self) -> bool:
        return not isinstance(self.start, datetime)

    def begins(self) -> datetime:
        return starts_at(self.start, self.zone)

    def finishes(self) -> datetime:
        """The instant it is over: the day after an inclusive all-day end."""
        if isinstance(self.end, datetime):
            return self.end
        return datetime.combine(self.end + timedelta(days=1), time(0), ZoneInfo(self.zone))

    def first_day(self, zone: str) -> date:
        if isinstance(self.start, datetime):
            return self.start.astimezone(ZoneInfo(zone)).date()
        return self.start

    def last_day(self, zone: str) -> date:
        if isinstance(self.end, datetime):
            last = self.end.astimezone(ZoneInfo(zone)) - timedelta(microseconds=1)
            return max(last.date(), self.first_day(zone))
        return self.end


def plan_items(plan: Plan, view: View) -> tuple[Item, ...]:
    """Every dated thing the build shows (`plan.dated`), in time order; an
    event once per occurrence. Who does each is the team's to know: the
    readers' site (`View.team`) names nobody."""
    found: list[Item] = []
    for thing in dated(plan, view):
        entry = thing.entry
        if entry is None:  # a key date
            flavor = thing.key_date.kind if thing.key_date else ""
            found.append(Item(KEY_DATE, thing.start, thing.end, thing.zone, thing.title, None, thing.status, flavor=flavor))
            continue
        href = urls.entry_dir(entry.kind, entry.id) if view.has_page(entry) else None
        # a campaign's own dates and publications belong to it, like its members'
        campaign = entry.id if entry.kind is Kind.CAMPAIGN else entry.campaign
        common = {"href": href, "status": thing.status, "entry_key": entry.key, "campaign": campaign,
                  "tiers": entry.tiers if view.team else ()}
        owner = entry.owner if view.team else None
        if thing.kind == EVENT and isinstance(entry.details, Event):
            found.extend(
                Item(EVENT, o.start, o.end, thing.zone, thing.title, owner=owner, **common)
                for o in occurrences(entry.details)
                if not o.skipped
            )
        elif thing.kind == SLOT and thing.slot is not None:
            slot = thing.slot
            found.append(Item(SLOT, thing.start, thing.end, thing.zone, thing.title, channel=slot.channel,
                              owner=slot.owner if view.team else None, slot=slot, **common))
        else:
            found.append(Item(thing.kind, thing.start, thing.end, thing.zone, thing.title, owner=owner, **common))
    found.sort(key=_order)
    return tuple(found)


def _order(item: Item) -> tuple:
    return (item.begins(), ORDER.index(item.kind), item.title, item.entry_key or "", item.channel or "")


def within(items: tuple[Item, ...], start: datetime, end: datetime) -> tuple[Item, ...]:
    """Items that take place, at least in part, between two instants."""
    return tuple(i for i in items if i.begins() < end and i.finishes() > start)


def by_day(items: tuple[Item, ...], zone: str) -> dict[date, list[Item]]:
    """Each item under every day it covers, seen from the plan's zone.

    Campaigns are long; they are listed on their first day only, where the
    calendar says they start (their period shows on their own page).
    """
    days: dict[date, list[Item]] = {}
    for item in items:
        first, last = item.first_day(zone), item.last_day(zone)
        if item.kind == CAMPAIGN:
            last = first
        day = first
        while day <= last:
            days.setdefault(day, []).append(item)
            day += timedelta(days=1)
    return days


def entry_kind(item: Item) -> Kind | None:
    if item.entry_key is None:
        return None
    return Kind(item.entry_key.split("/", 1)[0])
