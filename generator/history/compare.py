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


# --- what changed of one thing -------------------------------------------------------


def _kinds(
    before: State | None, after: State | None, moved: bool, restored: bool = True, reassigned: bool = True
) -> list[ChangeKind]:
    """What changed of one thing (None: not in that plan), in the order said. `restored`
    and `reassigned` False: a restoring or reassignment is its entry's, not said again."""
    if before is None:
        return [ChangeKind.NEW]
    if after is None:
        return [ChangeKind.REMOVED]
    if after.cancelled:  # a thing cancelled now is not also moved or reassigned
        return [] if before.cancelled else [ChangeKind.CANCELLED]
    found: list[ChangeKind] = []
    if before.cancelled and restored:
        found.append(ChangeKind.RESTORED)
    if moved:
        found.append(ChangeKind.MOVED)
    if before.owner.id != after.owner.id and reassigned:
        found.append(ChangeKind.REASSIGNED)
    return found


def _moved(old: When | None, new: When | None) -> bool:
    return old is not None and new is not None and not old.same_as(new)


def _when(state: State | None) -> When | None:
    return state.when if state is not None else None


def _change(
    kind: ChangeKind,
    subject: Subject,
    thing: Entry | Slot | KeyDate,
    entry: Entry | None,
    before: State | None,
    after: State | None,
    channel: str | None = None,
    channel_name: str = "",
) -> Change:
    """A change of `thing`, said with its entry (none for a key date), found in the entry's file."""
    return Change(
        kind=kind,
        subject=subject,
        key=thing.key,
        title=thing.title,
        entry_kind=entry.kind if entry is not None else None,
        entry_id=entry.id if entry is not None else None,
        entry_title=entry.title if entry is not None else "",
        channel=channel,
        channel_name=channel_name,
        old=before,
        new=after,
        source=(entry or thing).source.path,
    )


# --- entries and their slots ----------------------------------------------------------


def _entry_changes(old_plan: Plan, new_plan: Plan, old: Entry | None, new: Entry | None) -> list[Change]:
    now = new or old
    if now is None:
        return []
    before = _entry_state(old_plan, old) if old is not None else None
    after = _entry_state(new_plan, new) if new is not None else None
    moved = _moved(_own_when(old, old_plan) if old is not None else None,
                   _own_when(new, new_plan) if new is not None else None)
    found = [_change(kind, Subject.ENTRY, now, now, before, after) for kind in _kinds(before, after, moved)]
    if before is None or after is None or after.cancelled:
        return found  # a new, removed or cancelled entry carries its slots with it
    assert old is not None and new is not None
    old_slots = {s.key: s for s in old.slots}
    new_slots = {s.key: s for s in new.slots}
    restored, reassigned = before.cancelled, before.owner.id != after.owner.id
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
    now = new or old
    assert now is not None
    before = _slot_state(old_plan, old) if old is not None else None
    after = _slot_state(new_plan, new) if new is not None else None
    moved = _moved(_when(before), _when(after))
    # the owner changed only because the entry's did: the entry's reassignment says it
    follows_entry = (
        entry_reassigned and old is not None and new is not None
        and old.owner == old_entry.owner and new.owner == new_entry.owner
    )
    kinds = _kinds(before, after, moved, restored=not entry_restored, reassigned=not follows_entry)
    entry = new_entry if new is not None else old_entry
    channel_name = (new_plan if new is not None else old_plan).channel_name(now.channel)
    return [_change(kind, Subject.SLOT, now, entry, before, after, now.channel, channel_name) for kind in kinds]


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
    return Person(member_id, plan.member_name(member_id))


# --- key dates ---------------------------------------------------------------------------


def _key_date_changes(old: Plan, new: Plan) -> list[Change]:
    before = {k.key: k for k in old.key_dates}
    after = {k.key: k for k in new.key_dates}
    found: list[Change] = []
    for key in _keys(after, before):
        was, now = before.get(key), after.get(key)
        thing = now or was
        assert thing is not None
        old_state = _key_date_state(was, old) if was is not None else None
        new_state = _key_date_state(now, new) if now is not None else None
        moved = _moved(_when(old_state), _when(new_state))
        found.extend(_change(kind, Subject.KEY_DATE, thing, None, old_state, new_state)
                     for kind in _kinds(old_state, new_state, moved))
    return found


def _key_date_state(key_date: KeyDate, plan: Plan) -> State:
    return State(_key_date_when(key_date, plan), NOBODY, cancelled=False, shown=True)


def _key_date_when(key_date: KeyDate, plan: Plan) -> When:
    return When(key_date.date, key_date.end, plan.site.timezone)
