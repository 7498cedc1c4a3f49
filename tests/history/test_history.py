"""This week's changes read from a real git repository (history/__init__.py,
history/git.py): made in the test with `git init` and dated commits
(support_history.py), read back through the same checker and model.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pytest

from conftest import PLANS, edit, load_plan
from generator import history
from generator.build.writer import scratch
from generator.history import ChangeKind, Missing
from support_history import NOW, commit, git, week_of_changes

WHEN = datetime.fromisoformat(NOW)

# The five changes of the week, newest first: (kind, thing, commit time)
WEEK = [
    ("removed", "brand-stories/old-story", "2027-06-12T09:30:00+08:00"),
    ("new", "user-stories/new-recipe", "2027-06-11T16:00:00+08:00"),
    ("reassigned", "user-stories/city-walk/weibo/#1", "2027-06-10T10:00:00+08:00"),
    ("cancelled", "events/summer-meetup", "2027-06-09T15:00:00+08:00"),
    ("moved", "user-stories/tea-farmer/wechat/#1", "2027-06-08T11:00:00+08:00"),
]


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return week_of_changes(tmp_path_factory.mktemp("history") / "plan")


def _week(root: Path, now: datetime = WHEN) -> history.History:
    return history.week(root, load_plan(root), now, scratch)


def test_the_week_names_exactly_its_five_changes_newest_first(repo: Path) -> None:
    found = _week(repo)
    assert found.known and found.days == 7
    assert [(c.kind.value, c.key, c.commit.at.isoformat()) for c in found.changes] == WEEK
    # the week began with the commit made before it: the plan for June
    assert found.since.at.isoformat() == "2027-06-05T10:00:00+08:00"
    assert found.since.sha == git(repo, "rev-list", "--max-parents=0", "HEAD")


def test_each_change_is_dated_by_the_commit_that_made_it(repo: Path) -> None:
    found = {c.kind: c for c in _week(repo).changes}
    log = dict(line.split(" ", 1) for line in git(repo, "log", "--format=%s %H").splitlines())
    assert found[ChangeKind.MOVED].commit.sha == log["茶农阿坤：推送改到周五"]
    assert found[ChangeKind.REMOVED].commit.sha == log["撤下茶室的故事"]


def test_a_shorter_window_starts_later(repo: Path) -> None:
    """Two days before Monday 09:00 is Saturday 09:00: only the removal (Saturday 09:30) is after it."""
    found = history.week(repo, load_plan(repo), WHEN, scratch, days=2)
    assert [c.kind.value for c in found.changes] == ["removed"]


def test_since_a_revision(repo: Path) -> None:
    found = history.since(repo, load_plan(repo), "HEAD~2", scratch)
    assert found.asked == "HEAD~2"
    assert [c.kind.value for c in found.changes] == ["removed", "new"]


def test_an_uncommitted_edit_is_the_working_trees(tmp_path: Path) -> None:
    root = week_of_changes(tmp_path / "plan")
    edit(root / "content/user-stories/new-recipe.yaml", "at: 2027-06-21 20:00", "at: 2027-06-22 20:00")
    found = _week(root)
    first = found.changes[0]
    assert (first.kind, first.key, first.commit) == (ChangeKind.NEW, "user-stories/new-recipe", None)
    assert first.new.when.start.day == 22  # compared with the working tree, not with HEAD


def test_a_plan_in_a_folder_of_the_repository(tmp_path: Path) -> None:
    """The project root may be a folder inside the repository: paths are its own."""
    repo = tmp_path / "team"
    repo.mkdir()
    (repo / "README.md").write_text("团队仓库\n", encoding="utf-8")
    plan = week_of_changes(repo / "plan")
    git(plan, "add", "-A")
    found = _week(plan)
    assert [(c.kind.value, c.key) for c in found.changes] == [(k, key) for k, key, _ in WEEK]


def test_a_repository_younger_than_the_week_starts_at_its_first_commit(tmp_path: Path) -> None:
    root = tmp_path / "plan"
    shutil.copytree(PLANS / "history-week", root)
    git(root, "init", "-q", "-b", "main")
    commit(root, "start", "2027-06-10T09:00:00+08:00")
    edit(root / "content/user-stories/tea-farmer.yaml", "at: 2027-06-16 20:00", "at: 2027-06-17 20:00")
    commit(root, "move", "2027-06-11T09:00:00+08:00")
    assert [c.kind.value for c in _week(root).changes] == ["moved"]


def test_a_plan_added_to_the_repository_this_week_is_all_new(tmp_path: Path) -> None:
    repo = tmp_path / "team"
    repo.mkdir()
    (repo / "README.md").write_text("团队仓库\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "start", "2027-06-01T09:00:00+08:00")
    plan = shutil.copytree(PLANS / "history-week", repo / "plan")
    commit(repo, "the plan", "2027-06-10T09:00:00+08:00")
    found = _week(plan)
    assert sorted((c.kind.value, c.key) for c in found.changes) == [
        ("new", "2027-06-18/618 购物节"), ("new", "2027-06-20/父亲节"), ("new", "brand-stories/old-story"),
        ("new", "events/summer-meetup"), ("new", "user-stories/city-walk"), ("new", "user-stories/tea-farmer"),
    ]


def test_a_merge_is_dated_when_it_came_in(tmp_path: Path) -> None:
    """A change made on a branch reaches the plan when it is merged: the merge dates it."""
    root = tmp_path / "plan"
    shutil.copytree(PLANS / "history-week", root)
    git(root, "init", "-q", "-b", "main")
    commit(root, "start", "2027-06-01T09:00:00+08:00")
    git(root, "checkout", "-q", "-b", "move")
    edit(root / "content/user-stories/tea-farmer.yaml", "at: 2027-06-16 20:00", "at: 2027-06-17 20:00")
    commit(root, "move", "2027-06-02T09:00:00+08:00")  # before the week began, on its branch
    git(root, "checkout", "-q", "main")
    git(root, "merge", "-q", "--no-ff", "-m", "merge the move", "move", when="2027-06-12T09:00:00+08:00")
    (change,) = _week(root).changes
    assert change.kind is ChangeKind.MOVED and change.commit.at.isoformat() == "2027-06-12T09:00:00+08:00"


def test_a_shallow_clone_says_it_lacks_the_history(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True)
    found = _week(clone)
    assert (found.missing, found.changes) == (Missing.SHALLOW, ())
    assert history.since(clone, load_plan(clone), "HEAD~1", scratch).missing is Missing.SHALLOW


def test_a_folder_outside_git_and_an_unknown_revision(repo: Path, tmp_path: Path) -> None:
    plain = shutil.copytree(PLANS / "history-week", tmp_path / "plain")
    assert _week(plain).missing is Missing.NOT_A_REPOSITORY
    assert history.since(repo, load_plan(repo), "no-such-tag", scratch).missing is Missing.UNKNOWN_REVISION


def test_a_repository_without_a_commit(tmp_path: Path) -> None:
    root = shutil.copytree(PLANS / "history-week", tmp_path / "plan")
    git(root, "init", "-q")
    assert _week(root).missing is Missing.NO_COMMITS


def test_a_revision_whose_plan_does_not_check(tmp_path: Path) -> None:
    root = shutil.copytree(PLANS / "history-week", tmp_path / "plan")
    git(root, "init", "-q", "-b", "main")
    edit(root / "content/user-stories/tea-farmer.yaml", "owner: lin", "owner: nobody-here")
    commit(root, "broken", "2027-06-01T09:00:00+08:00")
    edit(root / "content/user-stories/tea-farmer.yaml", "owner: nobody-here", "owner: lin")
    commit(root, "fixed", "2027-06-09T09:00:00+08:00")
    assert _week(root).missing is Missing.INVALID


def test_nothing_is_left_behind_and_the_repository_is_untouched(repo: Path) -> None:
    before = (git(repo, "status", "--porcelain", "--ignored"), git(repo, "rev-parse", "HEAD"),
              sorted(p.name for p in (repo / ".git").iterdir()))
    _week(repo)
    after = (git(repo, "status", "--porcelain", "--ignored"), git(repo, "rev-parse", "HEAD"),
             sorted(p.name for p in (repo / ".git").iterdir()))
    assert after == before
