"""What is public: the format's rules in one place, decided once per build.

- idea/draft/review appear nowhere unless `--drafts`; then on the site and in
  calendars (marked), never in a feed.
- cancelled things stay in calendars (STATUS:CANCELLED) and events keep
  their page; other cancelled entries keep no page unless `--drafts`.
- feeds hold due, public (approved/published) slots only.

`view(plan, now, drafts)` applies these rules to a plan once, before any
renderer runs, with the status rule of `progress` applied first (a post whose
time has not come is not published): renderers read `View.plan` and ask the
`View`, never decide again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from types import MappingProxyType

from generator.plan.model import Entry, Kind, Plan, Slot, Status, starts_at
from generator.plan.progress import as_of, is_due, is_overdue

PUBLIC: frozenset[Status] = frozenset({Status.APPROVED, Status.PUBLISHED})
"""What really goes out: the only statuses a feed (or the lint's coverage) counts."""

_EVERY_STATUS: frozenset[Status] = frozenset(Status)
_NO_DRAFTS: frozenset[Status] = frozenset(s for s in Status if not s.is_draft)

PageKey = tuple[Kind, str]
"""(kind, id): entries hold a dict (`field_sources`), so they are not hashed themselves."""


@dataclass(frozen=True, slots=True)
class View:
    """The plan as one build shows it: made by `view`, read by every renderer.

    Two audiences: the team's build (the default; with `--drafts`, its drafts
    too) and the readers' (`--public`, `team` false). What each sees is decided
    here and in `view`, nowhere else."""

    plan: Plan  # the plan as of `now` (`progress.as_of`): what every renderer reads
    now: datetime  # aware: what is due, DTSTAMP, "coming up", the sitemap's date
    drafts: bool  # idea/draft/review shown (marked) on the site and in calendars
    pages: tuple[Entry, ...]  # the entries with a page, in plan order
    page_keys: frozenset[PageKey]
    public_page_keys: frozenset[PageKey]  # the pages a build without drafts has: feeds link only to those
    shown: frozenset[Status]  # statuses that appear in calendars and the site's lists
    feed_slots: tuple[Slot, ...]  # due public slots, newest first
    feed_by_channel: Mapping[str, tuple[Slot, ...]]  # the same, per channel (only channels with any)
    public: bool = False  # the readers' site (`--public`): see `team`

    @property
    def team(self) -> bool:
        """Whether this build is the team's (the default) and has the team's
        outputs: briefs, owners, reviewers, tiers, goals and KPIs, the lint,
        each person's page and calendar, the home page's to-do (drafts, owners
        and reviewers in them, whatever `drafts` says). `--public` builds the
        readers' site, without any of them: this is the one place to say so."""
        return not self.public

    def has_page(self, entry: Entry) -> bool:
        return (entry.kind, entry.id) in self.page_keys

    def has_public_page(self, entry: Entry) -> bool:
        """Whether a reader of the public site finds a page for `entry`; feeds are
        public even in a `--drafts` build, so what they name must be too."""
        return (entry.kind, entry.id) in self.public_page_keys

    def shows(self, status: Status) -> bool:
        """Whether something with this status appears at all (cancelled ones do)."""
        return status in self.shown

    def overdue(self, slot: Slot) -> bool:
        """Due and still only approved (应发未发): said wherever the slot is shown
        to the team; the readers' site (`--public`) says nothing of the team's lateness."""
        return self.team and is_overdue(slot, self.now)

    def feed(self, channel: str | None = None) -> tuple[Slot, ...]:
        """Due public slots, newest first: all of them, or one channel's."""
        if channel is None:
            return self.feed_slots
        return self.feed_by_channel.get(channel, ())


def view(plan: Plan, now: datetime, drafts: bool, public: bool = False) -> View:
    """Decides once what a build with this now and audience shows of `plan`.

    Renderers are handed `View.plan`, the plan as of `now`; `plan` itself is as
    checked. A public build has no drafts (the command line refuses both)."""
    if public and drafts:
        raise ValueError("a public build shows no drafts")
    plan = as_of(plan, now)
    public_keys = _page_keys(e for e in plan.entries if _has_public_page(e))
    pages = plan.entries if drafts else tuple(e for e in plan.entries if _has_public_page(e))
    feed = _feed_slots(plan, now)
    by_channel: dict[str, list[Slot]] = {}
    for slot in feed:  # already in feed order, so each channel's share is too
        by_channel.setdefault(slot.channel, []).append(slot)
    return View(
        plan=plan,
        now=now,
        drafts=drafts,
        pages=tuple(pages),
        page_keys=_page_keys(pages) if drafts else public_keys,
        public_page_keys=public_keys,
        shown=_EVERY_STATUS if drafts else _NO_DRAFTS,
        feed_slots=feed,
        feed_by_channel=MappingProxyType({c: tuple(s) for c, s in by_channel.items()}),
        public=public,
    )


def _has_public_page(entry: Entry) -> bool:
    if entry.status.is_draft:
        return False
    return not entry.status.is_cancelled or entry.kind is Kind.EVENT


def _page_keys(entries: Iterable[Entry]) -> frozenset[PageKey]:
    return frozenset((e.kind, e.id) for e in entries)


def _feed_slots(plan: Plan, now: datetime) -> tuple[Slot, ...]:
    """Due public slots, newest first (ties broken by identity, for determinism): one scan, one sort."""
    chosen = [s for e in plan.entries for s in e.slots if s.status in PUBLIC and is_due(s, now)]
    chosen.sort(key=lambda s: s.key)
    chosen.sort(key=lambda s: starts_at(s.at, s.zone), reverse=True)
    return tuple(chosen)
