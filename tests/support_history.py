"""A plan with a week of git history, made as a team would make it: real
`git init` and commits, each dated (GIT_AUTHOR_DATE, GIT_COMMITTER_DATE).

`week_of_changes` commits tests/plans/history-week on 2027-06-05 and then,
one commit a day, the five changes every reader of the history must name:

| when (+08:00)    | change                                                           |
|------------------|------------------------------------------------------------------|
| 06-08 11:00      | moved: 茶农阿坤的一天 on 微信公众号, 06-16 20:00 -> 06-18 20:00     |
| 06-09 15:00      | cancelled: the event 夏日用户见面会                                 |
| 06-10 10:00      | reassigned: 城市漫步摄影's post on 微博, 林晓 -> 吴言                |
| 06-11 16:00      | new: 新品茶饮教程 (user-stories/new-recipe)                          |
| 06-12 09:30      | removed: 青禾的第一间茶室 (brand-stories/old-story)                   |

NOW is the Monday after (2027-06-14 09:00): the last seven days hold all five.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from conftest import PLANS, edit

NOW = "2027-06-14T09:00+08:00"
BEFORE_THE_WEEK = "2027-06-05T10:00:00+08:00"

NEW_RECIPE = """\
title: 新品茶饮教程
summary: 三步做一杯冷泡茶
owner: wu
reviewer: zhou
publish:
  - channel: wechat
    at: 2027-06-21 20:00
"""


def git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "林晓",
        "GIT_AUTHOR_EMAIL": "lin@example.cn",
        "GIT_COMMITTER_NAME": "林晓",
        "GIT_COMMITTER_EMAIL": "lin@example.cn",
        "GIT_CONFIG_GLOBAL": os.devnull,  # no user's settings (signing, hooks) in the way
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    done = subprocess.run(["git", *args], cwd=repo, env=env, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def commit(repo: Path, message: str, when: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD")


def week_of_changes(target: Path) -> Path:
    """The plan at `target` (a new folder, made a repository), with its week of commits."""
    shutil.copytree(PLANS / "history-week", target)
    git(target, "init", "-q", "-b", "main")
    commit(target, "The plan for June", BEFORE_THE_WEEK)
    content = target / "content"
    edit(content / "user-stories" / "tea-farmer.yaml", "at: 2027-06-16 20:00", "at: 2027-06-18 20:00")
    commit(target, "茶农阿坤：推送改到周五", "2027-06-08T11:00:00+08:00")
    edit(content / "events" / "summer-meetup.yaml", "format: offline\n", "format: offline\nstatus: cancelled\n")
    commit(target, "见面会取消", "2027-06-09T15:00:00+08:00")
    edit(content / "user-stories" / "city-walk.yaml", "    title: 城市漫步摄影 · 九宫格\n",
         "    title: 城市漫步摄影 · 九宫格\n    owner: wu\n")
    commit(target, "城市漫步交给吴言", "2027-06-10T10:00:00+08:00")
    (content / "user-stories" / "new-recipe.yaml").write_text(NEW_RECIPE, encoding="utf-8")
    commit(target, "新增冷泡茶教程", "2027-06-11T16:00:00+08:00")
    (content / "brand-stories" / "old-story.yaml").unlink()
    commit(target, "撤下茶室的故事", "2027-06-12T09:30:00+08:00")
    return target


def build(root: Path, out: Path, *options: str) -> Path:
    """The whole build of a plan repository, through the command line as CI runs it."""
    from conftest import run_cli

    result = run_cli("--root", str(root), "--now", NOW, "--out", str(out), *options)
    assert result.returncode == 0, result.stderr
    return out


TEAM = ("林晓", "周舟", "吴言")  # the plan's people, by name: the readers' build names none of them


def busy_week(root: Path, posts: int = 60) -> Path:
    """Adds a story with `posts` posts in the week after NOW, so that a digest
    is longer than one WeCom message."""
    slots = "".join(
        f"  - channel: {'wechat' if n % 2 else 'weibo'}\n"
        f"    at: 2027-06-{15 + n % 6} {8 + n % 12:02d}:{n % 60:02d}\n"
        f"    title: 茶山日记 第 {n + 1} 篇：清晨的雾与新芽\n"
        for n in range(posts)
    )
    path = root / "content" / "user-stories" / "busy-week.yaml"
    path.write_text(f"title: 茶山日记\nowner: lin\nreviewer: zhou\npublish:\n{slots}", encoding="utf-8")
    return root
