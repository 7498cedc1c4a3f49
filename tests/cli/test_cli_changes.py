"""`changes` on the command line, as a team runs it in its plan repository:
a real git repository with a week of commits (support_history.py), a shallow
clone of it as CI makes one, and a folder that is no repository at all.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PLANS, edit, run_cli
from support_history import NOW, git, week_of_changes


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return week_of_changes(tmp_path_factory.mktemp("changes") / "plan")


def _sha(repo: Path, subject: str) -> str:
    log = dict(line.split(" ", 1)[::-1] for line in git(repo, "log", "--format=%h %s", "--abbrev=7").splitlines())
    return log[subject]


def test_changes_lists_the_week_per_entry_with_old_and_new_values(repo: Path) -> None:
    result = run_cli("changes", "--root", str(repo), "--now", NOW)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (  # the window from the build's now, then the commit compared with
        "最近 7 天（2027年6月7日 周一 09:00 – 6月14日 周一 09:00）的提交，"
        f"对比此前最后一次提交 {_sha(repo, 'The plan for June')}（2027年6月5日 周六 10:00） · 5 项变动")
    groups = [line for line in lines[1:] if line and not line.startswith("  ")]
    changes = [line.strip() for line in lines if line.startswith("  ")]
    assert groups == [
        "品牌故事「青禾的第一间茶室」  brand-stories/old-story",
        "用户故事「新品茶饮教程」  user-stories/new-recipe",
        "用户故事「城市漫步摄影」  user-stories/city-walk",
        "活动「夏日用户见面会」  events/summer-meetup",
        "用户故事「茶农阿坤的一天」  user-stories/tea-farmer",
    ]
    assert changes == [
        f"删除 原定 6月22日 周二 20:00 · 负责人 周舟（6月12日 周六 09:30 提交 {_sha(repo, '撤下茶室的故事')}）",
        f"新增 6月21日 周一 20:00 · 负责人 吴言（6月11日 周五 16:00 提交 {_sha(repo, '新增冷泡茶教程')}）",
        "换人 微博「城市漫步摄影 · 九宫格」：林晓 → 吴言 · 6月19日 周六 10:00"
        f"（6月10日 周四 10:00 提交 {_sha(repo, '城市漫步交给吴言')}）",
        f"取消 原定 6月26日 周六 14:00–17:00 · 负责人 周舟（6月9日 周三 15:00 提交 {_sha(repo, '见面会取消')}）",
        "改期 微信公众号：6月16日 周三 20:00 → 6月18日 周五 20:00"
        f"（6月8日 周二 11:00 提交 {_sha(repo, '茶农阿坤：推送改到周五')}）",
    ]
    assert result.stderr == ""  # the lint's warnings are `check`'s: nothing but the changes


def test_since_a_revision_the_user_names(repo: Path) -> None:
    result = run_cli("changes", "--root", str(repo), "--now", NOW, "--since", "HEAD~2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("自 HEAD~2（2027年6月10日 周四 10:00 的提交 ")
    assert [line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ")] == ["删除", "新增"]


def test_a_week_without_changes_says_so(repo: Path) -> None:
    result = run_cli("changes", "--root", str(repo), "--now", "2027-07-30T09:00+08:00")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == ["这段时间里计划没有变动。"]


def test_in_english(tmp_path: Path) -> None:
    root = week_of_changes(tmp_path / "plan")
    edit(root / "content/site.yaml", "language: zh", "language: en")
    result = run_cli("changes", "--root", str(root), "--now", NOW)
    assert result.returncode == 0, result.stderr
    assert "  Moved 微信公众号: Wed 16 Jun 20:00 → Fri 18 Jun 20:00" in result.stdout
    assert "  Reassigned 微博 “城市漫步摄影 · 九宫格”: 林晓 → 吴言" in result.stdout


def test_a_shallow_clone_says_what_is_missing_and_how_to_fetch_it(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", repo.as_uri(), str(clone)], check=True)
    for extra in ((), ("--since", "HEAD~3")):
        result = run_cli("changes", "--root", str(clone), "--now", NOW, *extra)
        assert result.returncode == 1
        assert "浅克隆" in result.stderr and "fetch-depth: 0" in result.stderr
        assert result.stdout == "" and "Traceback" not in result.stderr
    # the build still succeeds, and its page and feed say there is no history
    out = tmp_path / "site"
    built = run_cli("--root", str(clone), "--now", NOW, "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert "fetch-depth: 0" in (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert "fetch-depth: 0" in (out / "feeds" / "changes.atom.xml").read_text(encoding="utf-8")


def test_outside_git_it_says_so_and_the_build_still_works(tmp_path: Path) -> None:
    plain = shutil.copytree(PLANS / "history-week", tmp_path / "plain")
    result = run_cli("changes", "--root", str(plain), "--now", NOW)
    assert result.returncode == 1
    assert "不在 git 仓库中" in result.stderr and "Traceback" not in result.stderr
    out = tmp_path / "site"
    built = run_cli("--root", str(plain), "--now", NOW, "--out", str(out))
    assert built.returncode == 0, built.stderr
    page = (out / "changes" / "index.html").read_text(encoding="utf-8")
    assert "没有历史可比较" in page and "不在 git 仓库中" in page


def test_an_unknown_revision(repo: Path) -> None:
    result = run_cli("changes", "--root", str(repo), "--since", "v9.9")
    assert result.returncode == 1
    assert "git 找不到版本 v9.9" in result.stderr


def test_a_plan_with_errors_is_not_compared(tmp_path: Path) -> None:
    root = week_of_changes(tmp_path / "plan")
    edit(root / "content/user-stories/tea-farmer.yaml", "owner: lin", "owner: nobody-here")
    result = run_cli("changes", "--root", str(root), "--now", NOW)
    assert result.returncode == 1
    assert "content/user-stories/tea-farmer.yaml:" in result.stderr and result.stdout == ""
