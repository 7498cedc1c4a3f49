"""The status rule as a reader meets it in every output of one real build.

A `published` entry with one post yesterday and one tomorrow, a post due and
still approved, and one marked published with its URL: every page, calendar
and feed the build writes is searched for them. Every output, not a chosen
few, so a page added later is held to the rule too.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from conftest import run_cli
from support_site import BASIC, make_project

NOW = "2027-04-01T09:00+08:00"
ENTRY = """title: 极光手环上手
status: published
owner: wang
publish:
  - channel: weibo
    at: 2027-03-31 20:00
    title: 昨天发出的帖子
    url: https://weibo.com/aurora/yesterday-post
  - channel: weibo
    at: 2027-04-02 20:00
    title: 明天才发的帖子
  - channel: wechat
    at: 2027-03-31 21:00
    title: 应发未发的帖子
    status: approved
"""
# the smallest element that is one item: a table row, a list item, an agenda line, a chip
ITEM = "ancestor-or-self::*[self::tr or self::li or self::a or contains(@class, 'plan-agenda__item')][1]"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(BASIC, tmp_path_factory.mktemp("status") / "project")
    (root / "content/user-stories/band-first-look.yaml").write_text(ENTRY, encoding="utf-8")
    result = run_cli("--root", str(root), "--now", NOW)
    assert result.returncode == 0, result.stderr
    return root / "site"


def _items(site: Path, title: str) -> list[tuple[str, str]]:
    """(page, the text of the item) for every item of every page that names `title`."""
    found = []
    for page in sorted(site.rglob("*.html")):
        tree = lxml.html.fromstring(page.read_bytes())
        for node in tree.xpath(f"//*[text()[contains(., '{title}')]]"):
            for item in node.xpath(ITEM) or [node]:
                found.append((str(page.relative_to(site)), " ".join(item.text_content().split())))
    return found


def test_no_page_shows_a_post_as_published_before_its_time(site: Path) -> None:
    tomorrow = _items(site, "明天才发的帖子")
    assert len({page for page, _ in tomorrow}) >= 3  # its entry's page, its channel's, the calendar's
    assert [item for item in tomorrow if "已发布" in item[1]] == []


def test_a_post_that_went_out_is_published_and_links_to_the_post(site: Path) -> None:
    channel = lxml.html.fromstring((site / "channels/weibo/index.html").read_bytes())
    rows = [r for r in channel.xpath("//tr") if "昨天发出的帖子" in r.text_content()]
    assert rows and all("已发布" in r.text_content() for r in rows)
    entry = lxml.html.fromstring((site / "user-stories/band-first-look/index.html").read_bytes())
    links = [a.get("href") for a in entry.xpath("//a") if "昨天发出的帖子" in a.text_content()]
    assert "https://weibo.com/aurora/yesterday-post" in links


def test_a_due_post_still_approved_says_so_wherever_it_is_shown(site: Path) -> None:
    overdue = _items(site, "应发未发的帖子")
    assert overdue
    rows = [text for page, text in overdue if page.startswith(("channels/", "user-stories/"))]
    assert rows and all("应发未发" in text for text in rows)


def test_no_calendar_and_no_feed_calls_a_future_post_published(site: Path) -> None:
    for path in sorted(site.rglob("*.ics")):
        for event in re.findall(r"BEGIN:VEVENT.*?END:VEVENT", path.read_text(encoding="utf-8"), flags=re.S):
            unfolded = event.replace("\r\n ", "")
            if "明天才发的帖子" in unfolded:
                assert "已发布" not in unfolded, path
    for path in sorted((site / "feeds").glob("*.xml")):
        assert "明天才发的帖子" not in path.read_text(encoding="utf-8"), path  # not due: in no feed
    assert "昨天发出的帖子" in (site / "feeds/weibo.rss.xml").read_text(encoding="utf-8")
