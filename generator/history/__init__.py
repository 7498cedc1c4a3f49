"""What changed in the plan: a git revision's plan against the working tree's.

Above the plan, below the words and every renderer: `changes`, the build's
`changes/` page and change feed, and the group-chat digest all take one
`History` from here. The old plan is read through the same checker as the
new (`check_plan` on the revision's files), and the two models are compared
thing by thing (`compare`), never as text.

- `week(root, plan, now)`: since the plan as it stood `days` (7) days before
  `now`, by commit time: the last commit of the main line made by then.
- `since(root, plan, revision)`: since a revision the user names.
- `week_and_before(...)`: `week`'s history and the plan it compared with, for
  what is rendered from the old plan itself (the calendars' tombstones,
  `calendars.tombstones`). A `Plan` is not picklable: it stays in the process
  that read it.

Each change is dated by the last commit since the revision that touched the
file it is written in (the entry's file; for a change that comes from
elsewhere, such as a workflow or a zone, `site.yaml` or `channels.yaml`);
a change in a file not yet committed is the working tree's, dated by none.
Without the history needed (no git, not a repository, a shallow clone, an
unknown revision) the `History` says why instead (`missing`), and reads
nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import AbstractContextManager
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from generator.plan.check import check_plan
from generator.plan.model import Plan
from generator.plan.outputs import Output
from generator.plan.read import CHANNELS_FILE, SITE_FILE, Reader
from generator.plan.yamlfile import read
from generator.history.compare import compare
from generator.history.git import HistoryError, Repository, repository
from generator.history.model import (
    Change,
    ChangeKind,
    Commit,
    Group,
    History,
    Missing,
    Person,
    State,
    Subject,
    When,
)

WEEK = 7  # days: "this week's changes" are the last seven days', by commit time

__all__ = [
    "WEEK",
    "Change",
    "ChangeKind",
    "Commit",
    "Group",
    "History",
    "Missing",
    "Person",
    "Scratch",
    "State",
    "Subject",
    "When",
    "compare",
    "since",
    "week",
    "week_and_before",
]


Scratch = Callable[[list[Output]], AbstractContextManager[Path]]
"""A folder holding some files while it is open (`build.writer.scratch`): where
the checker reads a revision's plan. The caller gives it: history writes nothing."""


def week(
    root: Path, plan: Plan, now: datetime, scratch: Scratch, days: int = WEEK, reader: Reader = read
) -> History:
    """What changed in the last `days` days before `now` (the plan as it stood then against `plan`)."""
    return week_and_before(root, plan, now, scratch, days, reader)[0]


def week_and_before(
    root: Path, plan: Plan, now: datetime, scratch: Scratch, days: int = WEEK, reader: Reader = read
) -> tuple[History, Plan | None]:
    """`week`, and the plan as it stood at the revision compared with (None without the history:
    then nothing is known of the past, and nothing may be said of it)."""
    try:
        repo = repository(root)
        base = repo.commit_before(now - timedelta(days=days))
        return _compared(repo, base, plan, scratch, reader, days=days, until=now)
    except HistoryError as error:
        return History(None, None, (), error.missing, error.detail, days=days), None


def since(root: Path, plan: Plan, revision: str, scratch: Scratch, reader: Reader = read) -> History:
    """What changed since `revision` (anything `git rev-parse` takes: a hash, a tag, `HEAD~3`)."""
    try:
        repo = repository(root)
        base = repo.commit(revision)
        return _compared(repo, base, plan, scratch, reader, asked=revision)[0]
    except HistoryError as error:
        return History(None, None, (), error.missing, error.detail or revision, asked=revision)


def _compared(
    repo: Repository,
    base: Commit,
    plan: Plan,
    scratch: Scratch,
    reader: Reader,
    days: int | None = None,
    asked: str | None = None,
    until: datetime | None = None,
) -> tuple[History, Plan | None]:
    head = repo.head()
    files = repo.plan_at(base)
    if not any(f.path == SITE_FILE for f in files):
        # no plan yet at that revision (it came into the repository since): all of it is new
        before = Plan.build(plan.site, (), (), ())
    else:
        with scratch(files) as folder:
            old = check_plan(folder, reader)
        if old.plan is None:
            return History(base, head, (), Missing.INVALID, base.short, days=days, asked=asked, until=until), None
        before = old.plan
    touched = repo.touched_since(base)
    uncommitted = repo.uncommitted()
    found = compare(before, plan)
    dated = [_dated(change, touched, uncommitted, head) for change in found]
    return History(base, head, _newest_first(dated), days=days, asked=asked, until=until), before


def _dated(change: Change, touched: Mapping[str, Commit], uncommitted: frozenset[str], head: Commit) -> Change:
    """The commit that made a change: the last to touch its file (else the site's
    or channels' file, where a zone, a workflow or a member is written); none
    while the file is changed in the working tree."""
    for path in (change.source, SITE_FILE, CHANNELS_FILE):
        if path in uncommitted:
            return change
        if path in touched:
            return _with_commit(change, touched[path])
    return change if uncommitted else _with_commit(change, head)


def _with_commit(change: Change, commit: Commit) -> Change:
    return replace(change, commit=commit)


def _newest_first(changes: list[Change]) -> tuple[Change, ...]:
    """Uncommitted changes first, then by commit time, newest first; ties in plan order."""
    order = {id(change): i for i, change in enumerate(changes)}
    return tuple(
        sorted(
            changes,
            key=lambda c: (c.commit is not None, -(c.commit.at.timestamp() if c.commit else 0), order[id(c)]),
        )
    )
