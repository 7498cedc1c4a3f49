"""`feeds/changes.atom.xml` (feeds/changes.py) of a real build of a plan
repository with a week of commits, read by feedparser: one item per change,
newest first, each with old and new values and an id made of the change's
identity and the commit that made it, kept by a later unrelated commit.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest

from conftest import PLANS, edit
from support_history import TEAM, build, commit, git, week_of_changes


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return week_of_changes(tmp_path_factory.mktemp("changes-feed") / "plan")


@pytest.fixture(scope="module")
def feed(repo: Path) -> feedparser.FeedParserDict:
    return _parsed(build(repo, repo.parent / "site"))


def _parsed(site: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse((site / "feeds" / "changes.atom.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _commits(repo: Path) -> dict[str, str]:
    return dict(line.split(" ", 1)[::-1] for line in git(repo, "log", "--format=%H %s").splitlines())


def test_one_item_per_change_newest_first_with_old_and_new_values(feed: feedparser.FeedParserDict) -> None:
    assert feed.feed.title == "青禾社区 · 内容计划 · 本周变动"
    assert [(e.title, e.summary.rsplit(" · ", 1)[0]) for e in feed.entries] == [
        ("删除：品牌故事「青禾的第一间茶室」", "原定 6月22日 周二 20:00 · 负责人 周舟"),
        ("新增：用户故事「新品茶饮教程」", "6月21日 周一 20:00 · 负责人 吴言"),
        ("换人：用户故事「城市漫步摄影」 · 微博「城市漫步摄影 · 九宫格」", "林晓 → 吴言 · 6月19日 周六 10:00"),
        ("取消：活动「夏日用户见面会」", "原定 6月26日 周六 14:00–17:00 · 负责人 周舟"),
        ("改期：用户故事「茶农阿坤的一天」 · 微信公众号", "6月16日 周三 20:00 → 6月18日 周五 20:00"),
    ]
    assert [e.updated for e in feed.entries] == [
        "2027-06-12T09:30:00+08:00", "2027-06-11T16:00:00+08:00", "2027-06-10T10:00:00+08:00",
        "2027-06-09T15:00:00+08:00", "2027-06-08T11:00:00+08:00",
    ]
    assert feed.feed.updated == "2027-06-12T09:30:00+08:00"
    assert [t.term for e in feed.entries for t in e.tags] == ["removed", "new", "reassigned", "cancelled", "moved"]


def test_an_items_id_is_its_change_and_its_commit(repo: Path, feed: feedparser.FeedParserDict) -> None:
    commits = _commits(repo)
    ids = [e.id for e in feed.entries]
    assert len(set(ids)) == 5
    assert ids[0].endswith(f"qinghe/changes/brand-stories/old-story/removed/{commits['撤下茶室的故事']}")
    assert ids[-1].endswith(f"/changes/user-stories/tea-farmer/wechat/%231/moved/{commits['茶农阿坤：推送改到周五']}")
    assert all(i.startswith("tag:plan.example.cn,2026:qinghe/changes/") for i in ids)
    # links: the entry's page where the build has one, else the changes page
    assert feed.entries[0].link == "https://plan.example.cn/qinghe/changes/"
    assert feed.entries[1].link == "https://plan.example.cn/qinghe/user-stories/new-recipe/"


def test_a_later_commit_elsewhere_keeps_every_id_and_adds_its_own(tmp_path: Path) -> None:
    root = week_of_changes(tmp_path / "plan")
    before = {e.id for e in _parsed(build(root, tmp_path / "before")).entries}
    edit(root / "calendar/key-dates.yaml", "- date: 2027-06-20\n  title: 父亲节\n  kind: holiday\n",
         "- date: 2027-06-20\n  title: 父亲节\n  kind: holiday\n- date: 2027-06-27\n  title: 青禾开放日\n  kind: brand\n")
    commit(root, "开放日", "2027-06-13T18:00:00+08:00")
    after = _parsed(build(root, tmp_path / "after"))
    assert {e.id for e in after.entries} - before == {after.entries[0].id}
    assert before <= {e.id for e in after.entries}
    assert after.entries[0].title == "新增：重要日期「青禾开放日」"


def test_without_history_the_feed_is_empty_and_says_why(tmp_path: Path) -> None:
    plain = shutil.copytree(PLANS / "history-week", tmp_path / "plain")
    parsed = _parsed(build(plain, tmp_path / "site"))
    assert parsed.entries == []
    assert "不在 git 仓库中" in parsed.feed.subtitle
    assert parsed.feed.updated == "2027-06-14T09:00:00+08:00"  # the build's now: same plan, same now, same bytes


def test_the_readers_feed_has_no_reassignment_and_names_nobody(repo: Path) -> None:
    public = _parsed(build(repo, repo.parent / "public", "--public"))
    assert [t.term for e in public.entries for t in e.tags] == ["removed", "new", "cancelled", "moved"]
    text = " ".join(e.title + e.summary for e in public.entries)
    assert [name for name in TEAM if name in text] == []
