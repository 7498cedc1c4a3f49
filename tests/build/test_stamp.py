"""The build as a team's CI runs it around a post's time: `next`, `build.json`,
the footer, the refresh hints of `rebuild_every`, and `next --since` deciding
whether a scheduled run has anything to publish."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from conftest import PLANS, run_cli

from generator.build import stamp

BEFORE, AT = "2027-06-10T19:59:59+08:00", "2027-06-10T20:00:00+08:00"


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=folder, capture_output=True, text=True, check=True,
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def team(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan in a git repository of its own, as a team keeps it."""
    folder = tmp_path_factory.mktemp("team") / "plan"
    shutil.copytree(PLANS / "ontime-basic", folder)
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-qm", "plan")
    return folder


@pytest.fixture(scope="module")
def built(team: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site built one second before the WeChat post's time and at it."""
    out = {}
    for name, now in (("before", BEFORE), ("at", AT)):
        target = tmp_path_factory.mktemp(name) / "site"
        done = run_cli("--now", now, "--out", str(target), cwd=team)
        assert done.returncode == 0, done.stderr
        out[name] = target
    return out


def test_next_prints_the_post_and_its_time(team: Path) -> None:
    done = run_cli("next", "--now", "2027-06-10T19:00+08:00", cwd=team)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["2027-06-10T20:00:00+08:00 “晚八点推送”（微信公众号）到期，未发出即为应发未发"]


def test_build_json_says_when_it_was_built_and_what_comes_next(team: Path, built: dict[str, Path]) -> None:
    revision = _git(team, "rev-parse", "HEAD")
    before = json.loads((built["before"] / "build.json").read_text(encoding="utf-8"))
    assert before == {
        "built_at": BEFORE, "next_change": AT, "version": stamp.version(), "revision": revision,
    }
    at = json.loads((built["at"] / "build.json").read_text(encoding="utf-8"))
    assert at["built_at"] == AT and at["next_change"] == "2027-06-11T00:00:00+08:00"


def test_the_same_plan_now_and_revision_give_the_same_build_json(team: Path, built: dict[str, Path], tmp_path: Path) -> None:
    again = tmp_path / "site"
    assert run_cli("--now", BEFORE, "--out", str(again), cwd=team).returncode == 0
    for name in ("build.json", "feeds/all.rss.xml", "calendar/all.ics", "index.html"):
        assert (again / name).read_bytes() == (built["before"] / name).read_bytes(), name


def test_the_feed_gains_the_post_when_a_rebuild_passes_its_time(built: dict[str, Path]) -> None:
    for feed in ("all.rss.xml", "wechat.atom.xml", "wechat.json"):
        assert "晚八点推送" not in (built["before"] / "feeds" / feed).read_text(encoding="utf-8")
        assert "晚八点推送" in (built["at"] / "feeds" / feed).read_text(encoding="utf-8"), feed
    # a feed that gains nothing is the same bytes (an RSS or Atom feed with no item at all
    # says when it was last known empty, the build's time): posting tools see no change
    assert (built["before"] / "feeds/weibo.json").read_bytes() == (built["at"] / "feeds/weibo.json").read_bytes()


def test_every_page_footer_says_when_it_was_built_and_next_changes(built: dict[str, Path]) -> None:
    pages = sorted(built["at"].rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        footer = lxml.html.fromstring(page.read_bytes()).cssselect("footer .plan-built")
        assert [f.text_content() for f in footer] == ["更新于 2027-06-10 20:00 · 下次更新 2027-06-11 00:00"], page
    home = (built["before"] / "index.html").read_text(encoding="utf-8")
    assert "更新于 2027-06-10 19:59:59 · 下次更新 2027-06-10 20:00" in home


def test_the_refresh_hints_follow_rebuild_every(built: dict[str, Path]) -> None:
    site = built["at"]
    rss = (site / "feeds/all.rss.xml").read_text(encoding="utf-8")
    assert "<ttl>15</ttl>" in rss
    assert "<sy:updatePeriod>hourly</sy:updatePeriod>" in rss and "<sy:updateFrequency>4</sy:updateFrequency>" in rss
    ics = (site / "calendar/all.ics").read_bytes().decode("utf-8")
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n" in ics and "X-PUBLISHED-TTL:PT15M\r\n" in ics
    subscribe = lxml.html.fromstring((site / "calendar/subscribe/index.html").read_bytes())
    said = subscribe.cssselect(".plan-rebuild")[0].text_content()
    assert said.startswith("本网站每 15 分钟按计划重新构建一次")


def test_next_since_the_deployed_build_says_whether_to_publish(team: Path, built: dict[str, Path], tmp_path: Path) -> None:
    deployed = built["before"] / "build.json"  # its next change: 20:00
    unchanged = run_cli("next", "--since", str(deployed), "--now", "2027-06-10T19:59:59+08:00", cwd=team)
    assert unchanged.returncode == 3, unchanged.stderr
    assert run_cli("next", "--since", str(deployed), "--now", AT, cwd=team).returncode == 0
    # another commit of the plan: publish, whatever the time
    other = tmp_path / "other.json"
    other.write_text(deployed.read_text(encoding="utf-8").replace('"revision": "', '"revision": "0'), encoding="utf-8")
    assert run_cli("next", "--since", str(other), "--now", "2027-06-10T19:30+08:00", cwd=team).returncode == 0
    # nothing deployed yet (the first run): publish
    assert run_cli("next", "--since", str(tmp_path / "none.json"), "--now", "2027-06-10T19:30+08:00", cwd=team).returncode == 0


@pytest.mark.parametrize(("language", "message"), [
    ("zh", "重建间隔 “half an hour” 应写作 N 加单位：30m（分钟）或 2h（小时）"),
    ("en", "rebuild interval 'half an hour' must be N and a unit: 30m or 2h"),
])
def test_an_interval_that_is_not_one_is_a_located_error(tmp_path: Path, language: str, message: str) -> None:
    plan = tmp_path / "plan"
    shutil.copytree(PLANS / "ontime-basic", plan)
    site = plan / "content" / "site.yaml"
    text = site.read_text(encoding="utf-8").replace("language: zh", f"language: {language}")
    site.write_text(text.replace("rebuild_every: 15m", "rebuild_every: half an hour"), encoding="utf-8")
    done = run_cli("next", cwd=plan)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    line = next(i for i, text in enumerate(site.read_text(encoding="utf-8").splitlines(), 1) if "rebuild_every" in text)
    assert re.search(rf"^content/site\.yaml:{line}:16: error: {re.escape(message)}$", done.stderr, re.M), done.stderr
