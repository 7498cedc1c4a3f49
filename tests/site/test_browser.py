"""The built site in a real browser: Debian's headless Chromium, driven by
Playwright. Pages load without a JavaScript error and without one request
leaving 127.0.0.1; Chinese search finds a story by a phrase inside its text;
screenshots go to tests/artifacts/ for a person to look at.

Chromium missing is a failure, not a skip: this is the only check of what a
reader actually sees.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Route

from support_site import ARTIFACTS, BASIC, ROOT, Built, serving, session_build

from support_browser import browser  # noqa: F401 - `browser` is this module's fixture
pytestmark = pytest.mark.browser



@dataclass
class Watch:
    """What a page did: console errors, uncaught exceptions, hosts it asked."""

    errors: list[str] = field(default_factory=list)
    hosts: set[str] = field(default_factory=set)
    outside: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def basic_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Built, str]]:
    built = session_build(tmp_path_factory, BASIC, "browser-basic")
    with serving(built.site) as base:
        yield built, base


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Built, str]]:
    built = session_build(tmp_path_factory, ROOT, "browser-example")
    with serving(built.site) as base:
        yield built, base


def _page(browser: Browser) -> tuple[Page, Watch]:
    watch = Watch()
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def route(route: Route, request: Request) -> None:
        host = urlsplit(request.url).hostname or ""
        watch.hosts.add(host)
        if host == "127.0.0.1":
            route.continue_()
        else:  # recorded, never fetched: the test must not depend on the network
            watch.outside.append(request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))
    return page, watch


def _visit(page: Page, base: str, path: str) -> None:
    page.goto(base + path)
    page.wait_for_load_state("networkidle")


PAGES = {
    "home": "",
    "calendar": "calendar/",
    "calendar-month": "calendar/2027-04/",
    "subscribe": "calendar/subscribe/",
    "event": "events/berlin-meetup/",
    "recurring-event": "events/weekly-qa/",
    "cancelled-event": "events/spring-fair/",
    "channel": "channels/weibo/",
    "product": "products/aurora-x1/",
    "story": "user-stories/sichuan-hike/",
    "campaign": "campaigns/spring-launch/",
    "tier": "tiers/core/",
    "events-index": "events/",
}


def test_pages_load_without_errors_or_requests_to_other_hosts(
    browser: Browser, basic_site: tuple[Built, str]
) -> None:
    _, base = basic_site
    page, watch = _page(browser)
    for path in PAGES.values():
        _visit(page, base, path)
        assert page.locator("article h1").first.is_visible(), path
    page.close()
    assert watch.errors == []
    assert watch.outside == []
    assert watch.hosts == {"127.0.0.1"}


def test_screenshots_of_home_calendar_event_and_channel(browser: Browser, basic_site: tuple[Built, str]) -> None:
    _, base = basic_site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page, watch = _page(browser)
    for name in ("home", "calendar", "calendar-month", "event", "recurring-event", "channel", "product", "campaign"):
        _visit(page, base, PAGES[name])
        target = ARTIFACTS / f"site-{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000, name
    # Chinese text is drawn with a CJK font, not as empty boxes: a CJK title is
    # as wide as its characters, and much wider than the same count of boxes
    _visit(page, base, PAGES["story"])
    width = page.evaluate(
        """() => { const h = document.querySelector('article h1');
                   const r = document.createRange(); r.selectNodeContents(h);
                   return r.getBoundingClientRect().width / h.textContent.trim().length; }"""
    )
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('article h1')).fontSize)")
    assert width > 0.6 * size
    # a month grid fits the content column: nothing spills to the side
    _visit(page, base, PAGES["calendar-month"])
    overflow = page.evaluate(
        """() => [...document.querySelectorAll('.plan-month-wrap')]
                 .filter(w => w.scrollWidth > w.clientWidth + 1).length"""
    )
    assert overflow == 0
    assert page.locator("table.plan-month").count() == 1
    page.close()
    assert watch.errors == [] and watch.outside == []


def test_the_calendar_leads_month_by_month(browser: Browser, basic_site: tuple[Built, str]) -> None:
    """A reader's way through the calendar: from the menu to the months' cards,
    into a month, on to the next, back to all the months."""
    _, base = basic_site
    page, watch = _page(browser)
    _visit(page, base, "")
    page.locator(".plan-hero__actions a").first.click()  # the home page's calendar button
    page.wait_for_load_state("networkidle")
    assert page.url == base + "calendar/"
    cards = page.locator(".plan-months__month")
    assert cards.count() == 4
    # the cards sit side by side, and the month of now is marked
    boxes = [cards.nth(i).bounding_box() for i in range(4)]
    assert len({round(b["y"]) for b in boxes}) == 1
    assert page.locator(".plan-months__month--current .plan-months__title").inner_text() == "2027年4月"
    page.locator(".plan-months__title", has_text="2027年4月").click()
    page.wait_for_load_state("networkidle")
    assert page.url == base + "calendar/2027-04/"
    assert page.locator("article h1").inner_text() == "2027年4月"
    assert page.locator("td.plan-day--today").get_attribute("data-date") == "2027-04-01"
    # a key date's chip scrolls to its line in the agenda
    page.locator("td[data-date='2027-04-10'] a.plan-chip", has_text="极光品牌日").click()
    assert page.url.endswith("calendar/2027-04/#d-2027-04-10")
    assert page.locator("#d-2027-04-10").is_visible()
    page.locator(".plan-month-pager a[rel=next]").first.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("article h1").inner_text() == "2027年5月"
    assert page.locator("td[data-date='2027-05-01'] a.plan-chip").first.inner_text() == "节假日 劳动节假期"
    page.locator(".plan-month-pager__overview").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == base + "calendar/"
    page.close()
    assert watch.errors == [] and watch.outside == []


def _search(page: Page, query: str, how: str = "input method") -> list[tuple[str, str]]:
    """Types a query and returns (title, path) of the results.

    "input method": the text arrives at once, then a key (as a Chinese input
    method commits a word); "paste": the text arrives with no key at all.
    """
    box = page.locator("input.md-search__input")
    box.click()
    if how == "paste":
        box.fill(query)
    else:
        page.keyboard.insert_text(query)  # fires no key event...
        page.keyboard.press("End")  # ...a real input method ends with one
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=20_000)
    found = []
    for index in range(results.count()):
        item = results.nth(index)
        link = item.locator("a").first
        href = urlsplit(link.get_attribute("href") or "").path  # without the ?h= highlight
        found.append((item.locator("h1").first.inner_text(), href))
    return found


@pytest.mark.parametrize(
    ("query", "story"),
    [
        ("川西徒步", "user-stories/sichuan-hike/"),  # a phrase of two words, as a reader types it
        ("稻城", "user-stories/sichuan-hike/"),  # a word only in the body text
        ("充电宝", "user-stories/sichuan-hike/"),  # a word only in the quote
    ],
)
def test_chinese_search_finds_the_story_that_contains_the_words(
    browser: Browser, basic_site: tuple[Built, str], query: str, story: str
) -> None:
    _, base = basic_site
    page, watch = _page(browser)
    _visit(page, base, "")
    found = _search(page, query)
    assert any(href.endswith(story) for _, href in found[:3]), found
    page.close()
    assert watch.errors == [] and watch.outside == []


def test_search_hears_text_that_arrives_without_a_key(browser: Browser, basic_site: tuple[Built, str]) -> None:
    _, base = basic_site
    page, watch = _page(browser)
    _visit(page, base, "")
    found = _search(page, "川西徒步", how="paste")
    assert found and found[0][1].endswith("user-stories/sichuan-hike/"), found
    page.close()
    assert watch.errors == [] and watch.outside == []


def test_chinese_search_works_on_the_example_plan(browser: Browser, example_site: tuple[Built, str]) -> None:
    _, base = example_site
    page, watch = _page(browser)
    _visit(page, base, "")
    found = _search(page, "川西徒步")
    assert any(href.endswith("user-stories/chuanxi-trek-with-ultra/") for _, href in found[:3]), found
    page.close()
    assert watch.errors == [] and watch.outside == []


def test_searching_a_persons_name_finds_the_entries_they_own(browser: Browser, example_site: tuple[Built, str]) -> None:
    """周岚 is one word of the index (the plan's names are the segmenter's
    words), so the search finds her page and her entries, not every 周二 and 周四."""
    _, base = example_site
    page, watch = _page(browser)
    _visit(page, base, "")
    found = _search(page, "周岚")
    owned = ("events/popcorn-gala-2027/", "events/mi-fan-festival-2027/", "brand-stories/accessible-tech/",
             "campaigns/mi-fan-festival-season/", "events/xiaomi-18-ultra-launch/", "events/xiaomi-19-launch/")
    assert found and found[0][1].endswith("team/zhou-lan/"), found  # her own page first
    assert any(href.endswith(owned) for _, href in found[1:6]), found
    # and no page that only says 周 (周二, 周四): tests/site/test_browser_search.py
    page.close()
    assert watch.errors == [] and watch.outside == []
