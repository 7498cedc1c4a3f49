"""What changed in the plan, as values: a revision, a change, the week's history.

A change is found by comparing two checked plans (`compare`), never two texts:
what "the same thing" is follows the format's identities (an entry's kind and
id, a slot's key, a key date's key), so a slot that moves keeps its identity
and is *moved*, not removed and added.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from generator.plan.model import Kind, Moment, starts_at


@dataclass(frozen=True, slots=True)
class Commit:
    """A git commit: its hash and its committer time (with the offset it was made in)."""

    sha: str
    at: datetime

    @property
    def short(self) -> str:
        return self.sha[:7]


class Missing(StrEnum):
    """Why the history a comparison needs is not there (the words say each with its fix)."""

    NO_GIT = "no-git"  # git is not installed
    NOT_A_REPOSITORY = "not-a-repository"
    NO_COMMITS = "no-commits"  # a repository without a commit yet
    SHALLOW = "shallow"  # a shallow clone without the revision (CI's default `fetch-depth: 1`)
    UNKNOWN_REVISION = "unknown-revision"
    INVALID = "invalid"  # the plan at that revision does not check: there is nothing to compare with


class ChangeKind(StrEnum):
    """What happened to a thing; the order is the order a list of one thing's changes reads in."""

    NEW = "new"
    REMOVED = "removed"
    CANCELLED = "cancelled"
    RESTORED = "restored"  # cancelled before, no longer
    MOVED = "moved"
    REASSIGNED = "reassigned"


class Subject(StrEnum):
    """What a change is about: an entry, one of its slots, or a key date."""

    ENTRY = "entry"
    SLOT = "slot"
    KEY_DATE = "key-date"


@dataclass(frozen=True, slots=True)
class When:
    """A thing's time as the comparison sees it: a moment (a slot, a launch) or
    a stretch (an event: exclusive end instant, or inclusive end date; a
    campaign or key date: inclusive end date)."""

    start: Moment
    end: Moment | None
    zone: str

    def same_as(self, other: When) -> bool:
        """The same time: the same instants (a zone rename that keeps them is no move), all-day alike."""
        return _instant(self.start, self.zone) == _instant(other.start, other.zone) and (
            (self.end is None and other.end is None)
            or (self.end is not None and other.end is not None
                and _instant(self.end, self.zone) == _instant(other.end, other.zone))
        )


def _instant(value: Moment, zone: str) -> tuple[bool, object]:
    """All-day dates compare as dates, moments as instants: a date never equals a time."""
    if isinstance(value, datetime):
        return (False, starts_at(value, zone))
    return (True, value)


@dataclass(frozen=True, slots=True)
class Person:
    """A team member as a plan of that revision names them ("" and None: nobody)."""

    id: str | None
    name: str


NOBODY = Person(None, "")


@dataclass(frozen=True, slots=True)
class State:
    """One thing at one revision: what a change compares of it."""

    when: When | None  # an entry without a time of its own: its first slot's
    owner: Person
    cancelled: bool
    shown: bool  # approved or published: what readers of the public site see of it


@dataclass(frozen=True, slots=True)
class Change:
    """One change to one thing between a revision and the working tree.

    `old` is the thing at the revision (None when it is new), `new` in the
    working tree (None when it was removed). A thing that moved and changed
    hands is two changes. `commit` is the last commit since the revision that
    touched the file the thing is written in; None means the change is in the
    working tree and not committed yet."""

    kind: ChangeKind
    subject: Subject
    key: str  # the thing's identity: entry key, slot key, key date key
    title: str  # the slot's or entry's title, or the key date's (as it is now, else as it was)
    entry_kind: Kind | None  # the entry the change belongs to (None for a key date)
    entry_id: str | None
    entry_title: str
    channel: str | None  # a slot's channel id
    channel_name: str
    old: State | None
    new: State | None
    source: str  # the file the thing is written in (relative to the project root)
    commit: Commit | None = None

    @property
    def entry_key(self) -> str | None:
        return f"{self.entry_kind.value}/{self.entry_id}" if self.entry_kind is not None else None

    @property
    def group(self) -> str:
        """What the change is listed under: its entry, or its key date."""
        return self.entry_key or f"key-dates/{self.key}"

    @property
    def identity(self) -> str:
        """The change itself, whenever it was made: the thing and what happened to it."""
        return f"{self.key}/{self.kind.value}"

    @property
    def team_only(self) -> bool:
        """Whether only the team may see it: a reassignment names people, and a
        change to a thing readers never saw (a draft, before and after) is the team's."""
        if self.kind is ChangeKind.REASSIGNED:
            return True
        return not ((self.old is not None and self.old.shown) or (self.new is not None and self.new.shown))


@dataclass(frozen=True, slots=True)
class Group:
    """The changes of one entry (or one key date), as a list shows them."""

    key: str
    kind: Kind | None
    id: str | None
    title: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class History:
    """What changed since a revision, or why that is not known (`missing`).

    `since` is the revision compared with the working tree: the one given, or
    for the last days (`days`) the last commit made before they began."""

    since: Commit | None
    head: Commit | None
    changes: tuple[Change, ...]  # newest first
    missing: Missing | None = None
    detail: str = ""  # the revision asked for, or what git said
    days: int | None = None  # the window, when the revision was found from it
    asked: str | None = None  # the revision given on the command line
    until: datetime | None = None  # the window's end (the build's now), when the revision was found from it

    @property
    def known(self) -> bool:
        return self.missing is None

    def shown(self, team: bool) -> History:
        """The history as an audience sees it: the team all of it, readers
        (`View.team` false) no reassignment and nothing of drafts."""
        if team:
            return self
        kept = tuple(c for c in self.changes if not c.team_only)
        return replace(self, changes=kept)

    def groups(self) -> tuple[Group, ...]:
        """Per entry: the entries in the order of their newest change, each
        one's own changes first, then its slots' in key order."""
        found: dict[str, list[Change]] = {}
        for change in self.changes:  # newest first: the first change of a group places it
            found.setdefault(change.group, []).append(change)
        return tuple(group_of(sorted(changes, key=_within_group)) for changes in found.values())


def group_of(changes: list[Change]) -> Group:
    """The group of changes to one entry (or key date), titled as the first says it."""
    first = changes[0]
    title = first.entry_title if first.entry_kind is not None else first.title
    return Group(first.group, first.entry_kind, first.entry_id, title, tuple(changes))


_KIND_ORDER = {kind: i for i, kind in enumerate(ChangeKind)}
_SUBJECT_ORDER = {subject: i for i, subject in enumerate(Subject)}


def _within_group(change: Change) -> tuple[int, str, int]:
    return (_SUBJECT_ORDER[change.subject], change.key, _KIND_ORDER[change.kind])
