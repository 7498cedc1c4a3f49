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
from generator.plan.model import Campaign, Entry, Event, Kind, Moment, Plan, Product, Status, starts_at
from generator.site.time import occurrences
from generator.plan.visibility import View

EVENT, SLOT, CAMPAIGN, LAUNCH, KEY_DATE = "event", "slot", "campaign", "launch", "key-date"
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
    """Every public (or, with --drafts, every) dated item, in time order."""
    zone = plan.site.timezone
    found: list[Item] = []
    for entry in plan.entries:
        href = urls.entry_dir(entry.kind, entry.id) if view.has_page(entry) else None
        if view.shows(entry.status):
            found.extend(_entry_items(entry, href, zone))
        # a campaign's own publications belong to it, like its members'
        campaign = entry.id if entry.kind is Kind.CAMPAIGN else entry.campaign
        for slot in entry.slots:
            if view.shows(slot.status):
                found.append(
                    Item(SLOT, slot.at, slot.at, slot.zone, slot.title, href, slot.status,
                         entry_key=entry.key, campaign=campaign, channel=slot.channel)
                )
    for key_date in plan.key_dates:
        found.append(
            Item(KEY_DATE, key_date.date, key_date.end, zone, key_date.title, None,
                 Status.APPROVED, flavor=key_date.kind)
        )
    found.sort(key=_order)
    return tuple(found)


def _entry_items(entry: Entry, href: str | None, zone: str) -> list[Item]:
    details = entry.details
    common = {"href": href, "status": entry.status, "entry_key": entry.key}
    if isinstance(details, Event):
        return [
            Item(EVENT, o.start, o.end, details.span.zone, entry.title, campaign=entry.campaign, **common)
            for o in occurrences(details)
            if not o.skipped
        ]
    if isinstance(details, Campaign):
        return [Item(CAMPAIGN, details.start, details.end, zone, entry.title, campaign=entry.id, **common)]
    if isinstance(details, Product) and details.launch is not None:
        return [Item(LAUNCH, details.launch, details.launch, zone, entry.title, campaign=entry.campaign, **common)]
    return []


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
