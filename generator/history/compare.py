"""Two checked plans compared thing by thing: pure code, no git, no files.

Things are matched by identity (`plan-format.md`, "Identity"): entries by kind
and id, slots by key, key dates by key. For each one found in either plan:

- new (only in the new plan) or removed (only in the old);
- cancelled (not cancelled before, cancelled now) or restored (the reverse);
- moved: its time changed (a slot's `at`, an event's start and end, a
  campaign's dates, a product's launch, a key date's dates);
- reassigned: its owner changed (a slot's owner is its own, else its entry's).

What an entry's change already says is not said again for each of its slots:
a new, removed, cancelled or restored entry carries its slots with it, and a
slot whose owner changed only because its entry's did is the entry's
reassignment. A thing cancelled now is not also listed as moved or reassigned.
Recurrence rules and skipped dates of an event are not compared (its first
start and end are).
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.plan.model import Campaign, Entry, Event, KeyDate, Kind, Plan, Product, Slot, starts_at
from generator.plan.visibility import PUBLIC
from generator.history.model import NOBODY, Change, ChangeKind, Person, State, Subject, When

_KIND_ORDER = {kind: i for i, kind in enumerate(Kind)}


def compare(old: Plan, new: Plan) -> tuple[Change, ...]:
    """Every change from `old` to `new`, entries in plan order (then key dates)."""
    changes: list[Change] = []
    for key in _keys((e.key for e in new.entries), (e.key for e in old.entries)):
        changes.extend(_entry_changes(old, new, old.by_key.get(key), new.by_key.get(key)))
    changes.extend(_key_date_changes(old, new))
    return tuple(changes)


def _keys(first: Iterable[str], then: Iterable[str]) -> list[str]:
    """The keys of both, each once, in order (the new plan's, then what only the old has)."""
    return list(dict.fromkeys([*first, *then]))


# --- entries and their slots ----------------------------------------------------------


def _entry_changes(old_plan: Plan, new_plan: Plan, old: Entry | None, new: Entry | None) -> list[Change]:
    if old is None and new is None:
        return []
    if old is None:
        assert new is not None
        return [_entry_change(ChangeKind.NEW, None, new, new_plan, None)]
    if new is None:
        return [_entry_change(ChangeKind.REMOVED, old, None, None, old_plan)]
    before, after = _entry_state(old_plan, old), _entry_state(new_plan, new)
    found: list[Change] = []
    if after.cancelled and not before.cancelled:
        return [_entry_change(ChangeKind.CANCELLED, old, new, new_plan, old_plan)]
    if after.cancelled:
        return []  # cancelled before and still: nothing of it goes ahead, nothing to say
    restored = before.cancelled
    if restored:
        found.append(_entry_change(ChangeKind.RESTORED, old, new, new_plan, old_plan))
    own_old, own_new = _own_when(old, old_plan), _own_when(new, new_plan)
    if own_old is not None and own_new is not None and not own_old.same_as(own_new):
        found.append(_entry_change(ChangeKind.MOVED, old, new, new_plan, old_plan))
    reassigned = before.owner.id != after.owner.id
    if reassigned:
        found.append(_entry_change(ChangeKind.REASSIGNED, old, new, new_plan, old_plan))
    old_slots = {s.key: s for s in old.slots}
    new_slots = {s.key: s for s in new.slots}
    for key in _keys(new_slots, old_slots):
        found.extend(
            _slot_changes(old_plan, new_plan, old, new, old_slots.get(key), new_slots.get(key), restored, reassigned)
        )
    return found


def _slot_changes(
    old_plan: Plan,
    new_plan: Plan,
    old_entry: Entry,
    new_entry: Entry,
    old: Slot | None,
    new: Slot | None,
    entry_restored: bool,
    entry_reassigned: bool,
) -> list[Change]:
    if old is None:
        assert new is not None
        return [_slot_change(ChangeKind.NEW, None, new, new_entry, new_plan, old_plan)]
    if new is None:
        return [_slot_change(ChangeKind.REMOVED, old, None, old_entry, new_plan, old_plan)]
    before, after = _slot_state(old_plan, old), _slot_state(new_plan, new)
    if after.cancelled:
        if before.cancelled:
            return []
        return [_slot_change(ChangeKind.CANCELLED, old, new, new_entry, new_plan, old_plan)]
    found: list[Change] = []
    if before.cancelled and not entry_restored:  # a restored entry restores its slots
        found.append(_slot_change(ChangeKind.RESTORED, old, new, new_entry, new_plan, old_plan))
    assert before.when is not None and after.when is not None
    if not before.when.same_as(after.when):
        found.append(_slot_change(ChangeKind.MOVED, old, new, new_entry, new_plan, old_plan))
    follows_entry = entry_reassigned and old.owner == old_entry.owner and new.owner == new_entry.owner
    if before.owner.id != after.owner.id and not follows_entry:
        found.append(_slot_change(ChangeKind.REASSIGNED, old, new, new_entry, new_plan, old_plan))
    return found


def _entry_change(
    kind: ChangeKind, old: Entry | None, new: Entry | None, new_plan: Plan | None, old_plan: Plan | None
) -> Change:
    now = new or old
    assert now is not None
    return Change(
        kind=kind,
        subject=Subject.ENTRY,
        key=now.key,
        title=now.title,
        entry_kind=now.kind,
        entry_id=now.id,
        entry_title=now.title,
        channel=None,
        channel_name="",
        old=_entry_state(old_plan, old) if old is not None and old_plan is not None else None,
        new=_entry_state(new_plan, new) if new is not None and new_plan is not None else None,
        source=now.source.path,
    )


def _slot_change(
    kind: ChangeKind, old: Slot | None, new: Slot | None, entry: Entry, new_plan: Plan, old_plan: Plan
) -> Change:
    now = new or old
    assert now is not None
    plan = new_plan if new is not None else old_plan
    channel = plan.channel_by_id.get(now.channel)
    return Change(
        kind=kind,
        subject=Subject.SLOT,
        key=now.key,
        title=now.title,
        entry_kind=entry.kind,
        entry_id=entry.id,
        entry_title=entry.title,
        channel=now.channel,
        channel_name=channel.name if channel else now.channel,
        old=_slot_state(old_plan, old) if old is not None else None,
        new=_slot_state(new_plan, new) if new is not None else None,
        source=entry.source.path,
    )


def _entry_state(plan: Plan, entry: Entry) -> State:
    return State(
        when=_own_when(entry, plan) or _first_slot(entry),
        owner=_person(plan, entry.owner),
        cancelled=entry.status.is_cancelled,
        shown=entry.status in PUBLIC,
    )


def _slot_state(plan: Plan, slot: Slot) -> State:
    return State(
        when=When(slot.at, None, slot.zone),
        owner=_person(plan, slot.owner),
        cancelled=slot.status.is_cancelled,
        shown=slot.status in PUBLIC,
    )


def _own_when(entry: Entry, plan: Plan) -> When | None:
    """The entry's own time: an event's span, a campaign's dates, a product's launch; stories have none."""
    details = entry.details
    if isinstance(details, Event):
        return When(details.span.start, details.span.end, details.span.zone)
    if isinstance(details, Campaign):
        return When(details.start, details.end, plan.site.timezone)
    if isinstance(details, Product) and details.launch is not None:
        return When(details.launch, None, plan.site.timezone)
    return None


def _first_slot(entry: Entry) -> When | None:
    if not entry.slots:
        return None
    first = min(entry.slots, key=lambda s: (starts_at(s.at, s.zone), s.key))
    return When(first.at, None, first.zone)


def _person(plan: Plan, member_id: str | None) -> Person:
    if member_id is None:
        return NOBODY
    member = plan.site.member(member_id)
    return Person(member_id, member.name if member else member_id)


# --- key dates ---------------------------------------------------------------------------


def _key_date_changes(old: Plan, new: Plan) -> list[Change]:
    before = {k.key: k for k in old.key_dates}
    after = {k.key: k for k in new.key_dates}
    found: list[Change] = []
    for key in _keys(after, before):
        was, now = before.get(key), after.get(key)
        if was is None and now is not None:
            found.append(_key_date_change(ChangeKind.NEW, None, now, new))
        elif now is None and was is not None:
            found.append(_key_date_change(ChangeKind.REMOVED, was, None, old))
        elif was is not None and now is not None:
            if not _key_date_when(was, old).same_as(_key_date_when(now, new)):
                found.append(_key_date_change(ChangeKind.MOVED, was, now, new, old))
    return found


def _key_date_change(
    kind: ChangeKind, was: KeyDate | None, now: KeyDate | None, plan: Plan, old_plan: Plan | None = None
) -> Change:
    thing = now or was
    assert thing is not None
    old_plan = old_plan or plan
    return Change(
        kind=kind,
        subject=Subject.KEY_DATE,
        key=thing.key,
        title=thing.title,
        entry_kind=None,
        entry_id=None,
        entry_title="",
        channel=None,
        channel_name="",
        old=_key_date_state(was, old_plan) if was is not None else None,
        new=_key_date_state(now, plan) if now is not None else None,
        source=thing.source.path,
    )


def _key_date_state(key_date: KeyDate, plan: Plan) -> State:
    return State(_key_date_when(key_date, plan), NOBODY, cancelled=False, shown=True)


def _key_date_when(key_date: KeyDate, plan: Plan) -> When:
    return When(key_date.date, key_date.end, plan.site.timezone)
