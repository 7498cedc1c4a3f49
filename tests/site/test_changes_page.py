"""The `changes/` page (site/changes.py) of a real build (MkDocs and Material,
through the command line) of a plan repository with a week of commits: it
lists exactly the week's five changes, per entry, with old and new values;
the readers' build keeps the page without the team's part; a browser shows
it on a desktop and on a phone.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import sync_playwright

from conftest import run_cli
from support_history import TEAM, build, week_of_changes
from support_site import ARTIFACTS, serving

SHOTS = Path("/tmp/helpers/shots-changes")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return week_of_changes(tmp_path_factory.mktemp("changes-page") / "plan")


@pytest.fixture(scope="module")
def team(repo: Path) -> Path:
    return build(repo, repo.parent / "team-site")


@pytest.fixture(scope="module")
def public(repo: Path) -> Path:
    return build(repo, repo.parent / "public-site", "--public")


def _page(site: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / "changes" / "index.html").read_bytes())


def _rows(site: Path) -> list[tuple[str, str, str, str]]:
    """(entry heading, what, subject, detail) of every change on the page, in order."""
    rows = []
    for group in _page(site).cssselect(".plan-changes__group"):
        heading = " ".join(group.cssselect(".plan-changes__entry")[0].text_content().split())
        for li in group.cssselect("li.plan-change"):
            def part(css: str) -> str:
                found = li.cssselect(css)
                return found[0].text_content().strip() if found else ""

            rows.append((heading, part(".plan-badge"), part(".plan-change__subject"), part(".plan-change__detail")))
    return rows


def test_the_page_lists_exactly_the_weeks_changes_with_old_and_new_values(team: Path) -> None:
    assert _rows(team) == [
        ("品牌故事 青禾的第一间茶室 brand-stories/old-story", "删除", "", "原定 6月22日 周二 20:00 · 负责人 周舟"),
        ("用户故事 新品茶饮教程 user-stories/new-recipe", "新增", "", "6月21日 周一 20:00 · 负责人 吴言"),
        ("用户故事 城市漫步摄影 user-stories/city-walk", "换人", "微博「城市漫步摄影 · 九宫格」",
         "林晓 → 吴言 · 6月19日 周六 10:00"),
        ("活动 夏日用户见面会 events/summer-meetup", "取消", "", "原定 6月26日 周六 14:00–17:00 · 负责人 周舟"),
        ("用户故事 茶农阿坤的一天 user-stories/tea-farmer", "改期", "微信公众号", "6月16日 周三 20:00 → 6月18日 周五 20:00"),
    ]
    page = _page(team)
    assert page.cssselect("h1")[0].text_content().strip() == "本周变动"
    hint = page.cssselect(".plan-hint")[0].text_content()
    assert "最近 7 天（2027年6月7日 周一 09:00 – 6月14日 周一 09:00）的提交" in hint and "5 项变动" in hint
    assert "对比此前最后一次提交" in hint and "（2027年6月5日 周六 10:00）" in hint
    # each change says when it was committed; an entry with a page in this build links to it (not
    # the removed one, nor city-walk: in review, a draft has no page without --drafts)
    assert [w.text_content() for w in page.cssselect(".plan-change__when")][0].startswith("6月12日 周六 09:30 提交 ")
    links = {a.text_content(): a.get("href") for a in page.cssselect(".plan-changes__entry a")}
    assert links == {"新品茶饮教程": "../user-stories/new-recipe/", "夏日用户见面会": "../events/summer-meetup/",
                     "茶农阿坤的一天": "../user-stories/tea-farmer/"}
    assert page.cssselect('link[rel="stylesheet"]')  # a page of the site, with its theme


def test_a_build_months_after_the_last_commit_says_nothing_was_committed_in_its_week(
    repo: Path, tmp_path: Path
) -> None:
    # the week's commits end on 12 June; built on 20 November, the last seven days hold none
    out = tmp_path / "site"
    result = run_cli("--root", str(repo), "--now", "2027-11-20T10:00+08:00", "--out", str(out))
    assert result.returncode == 0, result.stderr
    hint = " ".join(_page(out).cssselect(".plan-hint")[0].text_content().split())
    assert hint.startswith("最近 7 天（2027年11月13日 周六 10:00 – 11月20日 周六 10:00）没有提交；"
                           "对比的是此前最后一次提交 ")
    assert "（2027年6月12日 周六 09:30）" in hint and "0 项变动" in hint
    assert "自 2027年6月12日" not in hint
    assert _page(out).cssselect(".plan-empty")[0].text_content().strip() == "这段时间里计划没有变动。"


def test_every_page_links_the_changes_in_its_navigation(team: Path) -> None:
    home = lxml.html.fromstring((team / "index.html").read_bytes())
    assert "changes/" in [a.get("href") for a in home.cssselect("nav a") if a.text_content().strip() == "本周变动"]


def test_the_readers_page_has_no_reassignment_and_names_nobody(public: Path) -> None:
    assert [(what, detail) for _, what, _, detail in _rows(public)] == [
        ("删除", "原定 6月22日 周二 20:00"),
        ("新增", "6月21日 周一 20:00"),
        ("取消", "原定 6月26日 周六 14:00–17:00"),
        ("改期", "6月16日 周三 20:00 → 6月18日 周五 20:00"),
    ]
    for path in ("changes/index.html", "feeds/changes.atom.xml"):
        text = (public / path).read_text(encoding="utf-8")
        assert [name for name in TEAM if name in text] == [], path
    # nor does its lead promise one
    page = (public / "changes/index.html").read_text(encoding="utf-8")
    assert "删除" in page.split('class="plan-lead"')[1].split("</div>")[0]
    assert "换人" not in page.split('class="plan-lead"')[1].split("</div>")[0]


def test_the_same_plan_now_and_history_build_the_same_bytes(repo: Path, team: Path) -> None:
    again = build(repo, repo.parent / "team-site-again")

    def digests(site: Path) -> dict[str, str]:
        return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site.rglob("*")) if p.is_file()}

    assert digests(again) == digests(team)


@pytest.fixture(scope="module")
def served(team: Path) -> Iterator[str]:
    with serving(team) as base:
        yield base


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_page_in_a_browser_on_a_desktop_and_a_phone(served: str, width: int) -> None:
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(served + "changes/")
            page.wait_for_load_state("networkidle")
            assert page.locator(".plan-change").count() == 5
            # nothing wider than the screen: a phone reads every line without scrolling sideways
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            for folder in (ARTIFACTS, SHOTS):
                folder.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(folder / f"changes-{width}.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
