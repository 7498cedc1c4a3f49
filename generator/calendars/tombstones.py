"""What a subscriber's calendar held a week ago and must now see go: tombstones.

A client that synchronises a calendar (CalDAV, an import kept up to date)
keeps an event until it is told otherwise; an event that is only missing
from the next file may stay, or go without a word. Two ways a thing leaves
a calendar without being cancelled:

- it is deleted from the YAML (a slot, an entry, a key date): it leaves
  `all.ics`, the channel calendars, `events.ics` and people's calendars;
- it changes hands (a slot's `owner`, a stage's person): it leaves the old
  holder's `calendar/people/<member>.ics`.

For as long as that change is within the history's window (`history.week`,
the one the change page and feed use), the calendar that held the thing keeps
it, with the same UID and its last known time, as `STATUS:CANCELLED`, its
summary saying why (已转交给 何佳, 已从计划中删除), and a SEQUENCE above the
build's (`Item.gone`, see `calendars.render`). After the window it may go.

The old items are made by the same code as today's (`items.contents`,
`people.people`) from the plan at the history's revision, seen as this build
sees its own (the same now, drafts and audience), so a tombstone is exactly
what that calendar said, in the words its audience may read: the readers'
build (`--public`) has no people's calendars and no owners in its words.
Only the entries that lost something are remade. Without the history
(`history.week_and_before` gives no plan) there is nothing to say: `NOTHING`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.calendars.items import Item, contents, description_of, uid
from generator.calendars.people import people
from generator.plan.model import Entry, Plan, Slot, Status
from generator.plan.visibility import View, view as view_of
from generator.words import label


@dataclass(frozen=True, slots=True)
class Gone:
    """The tombstones of one build, by the calendars that carry them (plain values:
    they cross from the process that read the history, `build.parallel`)."""

    events: tuple[tuple[str, Item], ...] = ()  # (event id, item): all.ics and events.ics
    others: tuple[Item, ...] = ()  # campaigns, launches, key dates: all.ics
    slots: tuple[tuple[str, Item], ...] = ()  # (channel id, item): all.ics and the channel's
    people: tuple[tuple[str, tuple[Item, ...]], ...] = ()  # (member id, items): their calendar

    def of_person(self, member_id: str) -> tuple[Item, ...]:
        return next((items for who, items in self.people if who == member_id), ())


NOTHING = Gone()


def tombstones(before: Plan, plan: Plan, view: View) -> Gone:
    """What the calendars of `before` (the plan at the history's revision) held that
    today's (`plan`, as `view` shows it) no longer hold because it was deleted or handed on."""
    lost = _lost_entries(before, plan)
    kept_dates = {k.key for k in plan.key_dates}
    lost_dates = tuple(k for k in before.key_dates if k.key not in kept_dates)
    if not lost and not lost_dates:
        return NOTHING
    then = view_of(before, view.now, view.drafts, view.public)
    then_plan = Plan.build(then.plan.site, then.plan.channels, _chosen(then.plan, lost), lost_dates)
    # a deleted entry has no page any more: its tombstones link only to pages this build has
    then = replace(then, page_keys=then.page_keys & view.page_keys)
    now = _Now.of(plan, lost)
    found = contents(then_plan, then)
    language = plan.site.language
    removed = label(language, "ics.removed")

    def gone(items: Iterable[Item]) -> tuple[Item, ...]:
        return tuple(_tombstone(language, item, removed) for item in items if item.uid not in now.uids)

    slots = tuple((c, t) for c, item in found.slots for t in gone([item]))
    events = tuple((e, t) for e, item in found.events for t in gone([item]))
    others = gone([*found.campaigns, *found.launches, *found.key_dates])
    team = {member.id for member in plan.site.team}
    handed: list[tuple[str, tuple[Item, ...]]] = []
    for person in people(then_plan, then) if view.team else ():
        member = person.member.id
        if member in team:
            items = tuple(t for item in person.items if (t := _handed(plan, now, member, item, removed)))
            if items:
                handed.append((member, items))
    return Gone(events=events, others=others, slots=slots, people=tuple(handed))


# --- what was lost -----------------------------------------------------------------------


def _holders(slot: Slot) -> tuple[str | None, tuple[tuple[str, str | None], ...]]:
    """Who holds a slot's work: its owner, and each stage's person."""
    return slot.owner, tuple((d.key, d.person) for d in slot.deadlines)


def _lost_entries(before: Plan, plan: Plan) -> frozenset[str]:
    """Keys of the old entries that lost something: deleted, or a slot deleted or handed on."""
    lost = set()
    for old in before.entries:
        new = plan.by_key.get(old.key)
        if new is None:
            lost.add(old.key)
            continue
        slots = {s.key: s for s in new.slots}
        if any(s.key not in slots or _holders(s) != _holders(slots[s.key]) for s in old.slots):
            lost.add(old.key)
    return frozenset(lost)


def _chosen(plan: Plan, keys: frozenset[str]) -> tuple[Entry, ...]:
    return tuple(e for e in plan.entries if e.key in keys)


@dataclass(frozen=True, slots=True)
class _Now:
    """Of the entries that lost something, what today's plan still has: every UID a
    calendar may hold for them, and who holds each piece of work."""

    uids: frozenset[str]
    holder: dict[str, str | None]  # work and stage UIDs -> member id (None: nobody)

    @classmethod
    def of(cls, plan: Plan, keys: frozenset[str]) -> _Now:
        uids: set[str] = set()
        holder: dict[str, str | None] = {}
        for key in keys:
            entry = plan.by_key.get(key)
            if entry is None:
                continue
            uids.update(uid(plan, namespace, entry.key) for namespace in ("event", "campaign", "launch"))
            for slot in entry.slots:
                uids.add(uid(plan, "slot", slot.key))
                holder[uid(plan, "work", slot.key)] = slot.owner
                for deadline in slot.deadlines:
                    holder[uid(plan, "stage", deadline.key)] = deadline.person
        uids.update(holder)
        uids.update(uid(plan, "keydate", k.key) for k in plan.key_dates)
        return cls(frozenset(uids), holder)


# --- the tombstone -----------------------------------------------------------------------


def _handed(plan: Plan, now: _Now, member: str, item: Item, removed: str) -> Item | None:
    """A person's item that left their calendar: deleted, or held by someone else now."""
    language = plan.site.language
    if item.uid not in now.uids:
        return _tombstone(language, item, removed)
    holder = now.holder.get(item.uid, member)
    if holder == member:
        return None  # still theirs: left for another reason (an idea again), not this module's
    if holder is None:
        return _tombstone(language, item, label(language, "ics.unassigned"))
    return _tombstone(language, item, label(language, "ics.handed", name=plan.member_name(holder)))


def _tombstone(language: str, item: Item, why: str) -> Item:
    """The item as its calendar last held it, cancelled, saying why in its summary and first line."""
    title = _unmarked(language, item.status, item.summary)
    summary = label(language, "ics.marked", mark=why, title=title)
    return replace(
        item,
        summary=summary,
        description=description_of(language, [why, item.description], None),
        status=Status.CANCELLED,
        reminders=(),
        gone=True,
    )


def _unmarked(language: str, status: Status, summary: str) -> str:
    """The summary without its status mark (a draft's 【草稿】): the tombstone's mark replaces it."""
    if not (status.is_draft or status.is_cancelled):
        return summary
    mark = label(language, "ics.marked", mark=label(language, f"status.{status.value}"), title="")
    return summary.removeprefix(mark)

