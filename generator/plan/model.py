"""The checked plan: frozen values that every renderer reads and none re-validates.

Times are normalised here once: an all-day value is a `date`; a timed value is a
timezone-aware `datetime` in the zone it belongs to (the event's, else the
site's). Nothing downstream sees raw YAML shapes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from zoneinfo import ZoneInfo


class Kind(StrEnum):
    """An entry kind; the value is its folder under `content/` and its URL segment."""

    PRODUCT = "products"
    USER_STORY = "user-stories"
    BRAND_STORY = "brand-stories"
    EVENT = "events"
    CAMPAIGN = "campaigns"


class Status(StrEnum):
    IDEA = "idea"
    DRAFT = "draft"
    REVIEW = "review"
    APPROVED = "approved"
    PUBLISHED = "published"
    CANCELLED = "cancelled"

    @property
    def is_draft(self) -> bool:
        """Not yet agreed: shown only in a `--drafts` build, never in a feed."""
        return self in (Status.IDEA, Status.DRAFT, Status.REVIEW)

    @property
    def is_cancelled(self) -> bool:
        return self is Status.CANCELLED

    @property
    def rank(self) -> int:
        """How far along the work is: idea < draft < review < approved < published.

        A cancelled thing is on no step of the way (-1)."""
        return _RANKS.get(self, -1)


_RANKS = {Status.IDEA: 0, Status.DRAFT: 1, Status.REVIEW: 2, Status.APPROVED: 3, Status.PUBLISHED: 4}


Moment = date | datetime
"""A date (all day) or an aware datetime (a moment in its zone)."""


def is_all_day(value: Moment) -> bool:
    return not isinstance(value, datetime)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a value was written: path relative to the project root, 1-based line."""

    path: str
    line: int = 1
    column: int = 1


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of time. All-day spans have inclusive `end` dates (as written);
    timed spans have aware datetimes and an exclusive `end` instant."""

    start: Moment
    end: Moment
    zone: str

    @property
    def all_day(self) -> bool:
        return is_all_day(self.start)


# --- site.yaml -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Actual:
    """One measurement of a KPI (a row of `content/actuals.csv`): on `date`, `value`."""

    date: date
    value: float
    note: str = ""
    source: Source = Source("")


@dataclass(frozen=True, slots=True)
class Kpi:
    """A goal's KPI. `actuals` are its dated measurements, oldest first; when
    there are any, the latest is `actual` and its date `as_of` (else `actual`
    is site.yaml's own, undated). `goal` is its goal's id: `ref` names it in
    actuals.csv and in the report's URLs."""

    id: str
    name: str
    unit: str
    baseline: float
    target: float
    actual: float | None = None
    due: date | None = None
    goal: str = ""
    actuals: tuple[Actual, ...] = ()
    as_of: date | None = None

    @property
    def ref(self) -> str:
        return f"{self.goal}.{self.id}"


@dataclass(frozen=True, slots=True)
class Goal:
    id: str
    title: str
    description: str = ""
    kpis: tuple[Kpi, ...] = ()


@dataclass(frozen=True, slots=True)
class Tier:
    id: str
    name: str
    description: str = ""
    strategy: str = ""
    source: Source = Source("")


@dataclass(frozen=True, slots=True)
class Member:
    id: str
    name: str
    role: str  # planner, editor, support, manager
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the work before a publication (`workflow:` in site.yaml).

    Its deadline is the slot's time less `before`; `who` does it (the slot's
    owner or reviewer); when it is done the slot has reached `done`. An empty
    `name` means the default name of the stage's id, in the site's language."""

    id: str
    before: timedelta  # whole days or whole hours
    who: str = "owner"  # owner or reviewer
    done: Status = Status.REVIEW
    name: str = ""
    source: Source = Source("")


DEFAULT_WORKFLOW: tuple[Stage, ...] = (
    Stage("draft", timedelta(days=3), "owner", Status.REVIEW),
    Stage("review", timedelta(days=1), "reviewer", Status.APPROVED),
)
"""The stages of a plan whose site.yaml has no `workflow`."""

REBUILD_EVERY = timedelta(minutes=30)
"""How often a team's CI rebuilds the site when site.yaml does not say (`rebuild_every`)."""

STAGE_DONE: dict[str, Status] = {"draft": Status.REVIEW, "review": Status.APPROVED}
"""What a stage of this id reaches when its `done` is not written."""


@dataclass(frozen=True, slots=True)
class Community:
    name: str = ""
    positioning: str = ""
    description: str = ""  # Markdown


@dataclass(frozen=True, slots=True)
class Site:
    title: str
    base_url: str  # absolute, always ends with "/"
    description: str = ""
    language: str = "zh"
    timezone: str = "Asia/Shanghai"
    community: Community = Community()
    goals: tuple[Goal, ...] = ()
    tiers: tuple[Tier, ...] = ()
    team: tuple[Member, ...] = ()
    lint: Mapping[str, Mapping[str, float] | None] = field(default_factory=dict)
    """Lint settings by check id: None turns a check off, a mapping tunes it."""
    workflow: tuple[Stage, ...] = DEFAULT_WORKFLOW
    rebuild_every: timedelta = REBUILD_EVERY
    """How often the team's CI rebuilds the site (`rebuild_every`): the refresh
    hints of the calendars and feeds say it, and `next` is measured against it."""

    def member(self, member_id: str | None) -> Member | None:
        return next((m for m in self.team if m.id == member_id), None)


@dataclass(frozen=True, slots=True)
class Channel:
    id: str
    name: str
    url: str | None = None
    kind: str | None = None  # social, messaging, forum, video, live, offline
    cadence: float | None = None  # target publications a week
    color: str | None = None  # "#rrggbb"
    source: Source = Source("")
    platform: str = "other"  # wechat, weibo, bilibili, douyin, xiaohongshu, forum, other (`plan.platforms`)
    field_sources: Mapping[str, Source] = field(default_factory=dict)  # where each key was written

    def source_of(self, key: str) -> Source:
        """Where a key's value was written (the lint points at a channel's `color`), else the channel's start."""
        return self.field_sources.get(key, self.source)


# --- entries -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Tutorial:
    title: str
    body: str  # Markdown


@dataclass(frozen=True, slots=True)
class Faq:
    q: str
    a: str  # Markdown


@dataclass(frozen=True, slots=True)
class Product:
    circle: str  # phone, accessories, smart-hardware, lifestyle
    launch: Moment | None = None
    price: float | None = None
    features: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    tutorials: tuple[Tutorial, ...] = ()
    faq: tuple[Faq, ...] = ()


@dataclass(frozen=True, slots=True)
class Author:
    name: str
    tier: str | None = None
    city: str | None = None


@dataclass(frozen=True, slots=True)
class UserStory:
    author: Author | None = None
    quote: str = ""


@dataclass(frozen=True, slots=True)
class BrandStory:
    theme: str  # history, innovation, responsibility, culture
    year: int | None = None


@dataclass(frozen=True, slots=True)
class Location:
    venue: str | None = None
    city: str | None = None
    address: str | None = None

    def parts(self) -> tuple[str, ...]:
        return tuple(p for p in (self.venue, self.address, self.city) if p)


@dataclass(frozen=True, slots=True)
class Recurrence:
    freq: str  # daily, weekly, monthly
    interval: int = 1
    byday: tuple[str, ...] = ()  # MO..SU, weekly only
    until: date | None = None  # inclusive, a date
    count: int | None = None


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    format: str  # online, offline, hybrid
    span: Span  # zone is the event's own
    location: Location | None = None
    url: str | None = None
    capacity: int | None = None
    repeat: Recurrence | None = None
    exceptions: tuple[date, ...] = ()
    reminders: tuple[timedelta, ...] = ()


@dataclass(frozen=True, slots=True)
class Campaign:
    start: date
    end: date  # inclusive
    goals: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()


Details = Product | UserStory | BrandStory | Event | Campaign


@dataclass(frozen=True, slots=True)
class Copy:
    """A post exactly as it goes out on its platform: pasted by hand, so kept whole.

    `text` is plain text with its line breaks; `tags` are topic words without
    `#` (each platform writes them its own way); `link` defaults to the entry's page."""

    title: str = ""
    text: str = ""
    tags: tuple[str, ...] = ()
    link: str | None = None
    source: Source = Source("")
    field_sources: Mapping[str, Source] = field(default_factory=dict)

    def source_of(self, key: str) -> Source:
        return self.field_sources.get(key, self.source)


@dataclass(frozen=True, slots=True)
class Deadline:
    """One stage of one slot's work: when it is due and who does it.

    `key` is the slot's key and the stage's id: like the slot's, it never
    depends on a time, so a calendar keeps its UID when the slot moves."""

    stage: Stage
    at: Moment  # a date for a date slot (all day), else an aware datetime
    zone: str
    person: str | None  # a member id: the slot's owner or reviewer, as the stage says
    key: str
    given: bool = False  # written in the slot's `due`, not computed from `before`


@dataclass(frozen=True, slots=True)
class Slot:
    """One publication of an entry on a channel.

    `status` is effective: a cancelled entry cancels its slots, a slot is only
    as public as its entry, and (once a build's now is known, `plan.progress`)
    a post whose time has not come is never published. `written` is the
    slot's own `status:` as written, if any. `title` and `summary` are
    resolved (the slot's own, else the entry's); `owner` and `reviewer` too.
    `key` is the slot's identity, independent of time.
    """

    entry_kind: Kind
    entry_id: str
    channel: str
    at: Moment
    zone: str
    title: str
    summary: str
    status: Status
    key: str
    own_id: str | None = None
    source: Source = Source("")
    owner: str | None = None
    reviewer: str | None = None
    url: str | None = None  # the post as published
    deadlines: tuple[Deadline, ...] = ()  # in workflow order
    written: Status | None = None
    copy: Copy | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    kind: Kind
    id: str
    title: str
    details: Details
    summary: str = ""
    body: str = ""  # Markdown: what readers may read
    brief: str = ""  # Markdown: the team's notes, never in a public output
    status: Status = Status.APPROVED
    owner: str | None = None
    reviewer: str | None = None
    tags: tuple[str, ...] = ()
    tiers: tuple[str, ...] = ()
    products: tuple[str, ...] = ()
    campaign: str | None = None
    image: str | None = None  # path relative to content/
    slots: tuple[Slot, ...] = ()
    source: Source = Source("")
    field_sources: Mapping[str, Source] = field(default_factory=dict)  # where each key was written

    @property
    def key(self) -> str:
        return f"{self.kind.value}/{self.id}"

    def source_of(self, key: str) -> Source:
        """Where a top-level key's value was written, else the file's start."""
        return self.field_sources.get(key, self.source)


# --- calendar/key-dates.yaml -----------------------------------------------


@dataclass(frozen=True, slots=True)
class KeyDate:
    date: date
    end: date  # inclusive; equals `date` for a single day
    title: str
    kind: str  # holiday, commerce, brand
    key: str  # the given id, else derived from date and title
    id: str | None = None
    source: Source = Source("")


# --- the plan ------------------------------------------------------------------


def _frozen(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


@dataclass(frozen=True, eq=False)
class Plan:
    """The whole checked plan, with indexes built once (see `Plan.build`)."""

    site: Site
    channels: tuple[Channel, ...]
    entries: tuple[Entry, ...]  # sorted by kind (declaration order), then id
    key_dates: tuple[KeyDate, ...]  # sorted by date, then title
    by_key: Mapping[str, Entry] = field(default_factory=dict)
    channel_by_id: Mapping[str, Channel] = field(default_factory=dict)
    referrers: Mapping[str, tuple[Entry, ...]] = field(default_factory=dict)
    slots_by_channel: Mapping[str, tuple[Slot, ...]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        site: Site,
        channels: tuple[Channel, ...],
        entries: tuple[Entry, ...],
        key_dates: tuple[KeyDate, ...],
    ) -> Plan:
        kind_order = {kind: i for i, kind in enumerate(Kind)}
        entries = tuple(sorted(entries, key=lambda e: (kind_order[e.kind], e.id)))
        key_dates = tuple(sorted(key_dates, key=lambda k: (k.date, k.title, k.key)))
        by_key = {e.key: e for e in entries}
        referrers: dict[str, list[Entry]] = {}
        for entry in entries:
            for target in _references(entry):
                if target in by_key and target != entry.key:
                    referrers.setdefault(target, []).append(entry)
        slots: dict[str, list[Slot]] = {c.id: [] for c in channels}
        for entry in entries:
            for slot in entry.slots:
                slots.setdefault(slot.channel, []).append(slot)
        return cls(
            site=site,
            channels=channels,
            entries=entries,
            key_dates=key_dates,
            by_key=_frozen(by_key),
            channel_by_id=_frozen({c.id: c for c in channels}),
            referrers=_frozen({k: tuple(v) for k, v in referrers.items()}),
            slots_by_channel=_frozen(
                {c: tuple(sorted(v, key=lambda s: (starts_at(s.at, s.zone), s.key))) for c, v in slots.items()}
            ),
        )

    def entry(self, kind: Kind, entry_id: str) -> Entry | None:
        return self.by_key.get(f"{kind.value}/{entry_id}")

    def of_kind(self, kind: Kind) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.kind is kind)

    def channel_name(self, channel_id: str) -> str:
        """A channel's name; its id if the plan does not list it."""
        channel = self.channel_by_id.get(channel_id)
        return channel.name if channel else channel_id

    def member_name(self, member_id: str | None) -> str:
        """A team member's name ("" for nobody); the id if the team does not list it."""
        member = self.site.member(member_id)
        return member.name if member else (member_id or "")

    def referring(self, entry: Entry) -> tuple[Entry, ...]:
        """Entries that name this one (a product's stories, a campaign's members)."""
        return self.referrers.get(entry.key, ())


def _references(entry: Entry) -> tuple[str, ...]:
    keys = [f"{Kind.PRODUCT.value}/{p}" for p in entry.products]
    if entry.campaign:
        keys.append(f"{Kind.CAMPAIGN.value}/{entry.campaign}")
    return tuple(keys)


def starts_at(value: Moment, zone: str) -> datetime:
    """The instant a moment begins: a date begins at midnight in its zone."""
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time(0), ZoneInfo(zone))
