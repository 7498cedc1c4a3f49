"""Rows with a status badge keep it on the row on a wide screen (1440 × 900),
in Debian's headless Chromium driven by Playwright: a campaign's timeline and
a person's team page, with long titles on channels with long names
(tests/plans/site-long-rows, as of Thursday 2027-05-20 10:00). The title (and
the channel's name) wraps instead; on a phone the rows wrap as they did.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser

from support_browser import browser  # noqa: F401 - `browser` is this module's fixture
from support_site import ARTIFACTS, PLANS, build_plan, serving

pytestmark = pytest.mark.browser

NOW = datetime(2027, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
WIDE = {"width": 1440, "height": 900}

# Each row, its first cell (one line, at the row's top) and its badges: where each badge sits
# against that first line, in CSS pixels (a badge on the row's first line starts above its end).
ROWS = """(rows) => [...document.querySelectorAll(rows)].map(row => {
  const first = row.firstElementChild.getBoundingClientRect();
  return [...row.querySelectorAll('.plan-badge')].map(b => ({
    text: row.textContent.trim().replace(/\\s+/g, ' ').slice(0, 40),
    top: b.getBoundingClientRect().top - first.top,
    line: first.height,
  }));
}).flat()"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = build_plan(PLANS / "site-long-rows", tmp_path_factory.mktemp("long-rows") / "project", now=NOW)
    with serving(built.site) as base:
        yield base


@pytest.mark.parametrize(("url", "rows", "least"), [
    ("campaigns/launch-season/", "ul.plan-agenda__list > li.plan-item", 2),
    ("team/zhou/", "ul.plan-tasks > li.plan-task", 3),
    ("team/li/", "ul.plan-tasks > li.plan-task", 4),
])
def test_a_rows_status_badge_stays_on_the_row_on_a_wide_screen(
    browser: Browser, site: str, url: str, rows: str, least: int
) -> None:
    page = browser.new_page(viewport=WIDE, locale="zh-CN")
    try:
        page.goto(site + url, wait_until="networkidle")
        badges = page.evaluate(ROWS, rows)
        page.screenshot(path=str(ARTIFACTS / f"rows-{url.strip('/').replace('/', '-')}.png"), full_page=True)
    finally:
        page.close()
    assert len(badges) >= least, badges
    fallen = [b for b in badges if b["top"] >= b["line"]]
    assert not fallen, fallen
