"""Search as a reader uses it: a name typed into Material's search box in
Debian's headless Chromium, on the real MkDocs build, and the result list read
back. A person's, a product's and a channel's name each find their pages
first; no result for a name lacks the name (Material's worker, left to
itself, searches 周岚 as 周 and 周一鸣 as 周一: theme/assets/javascripts/
plan-search.js); a post reads as a sentence in the results.

On tests/plans/search-names (周一鸣 and 周岚 beside every 周一, the channel
B站, a product whose name has a space) and on the example plan. Screenshots of
the result lists go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, Route

from support_site import ARTIFACTS, PLANS, ROOT, serving, session_build

from support_browser import browser  # noqa: F401 - `browser` is this module's fixture
pytestmark = pytest.mark.browser

NAMES = PLANS / "search-names"
DESKTOP, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}
WORD_BREAK = "\u200b"


@dataclass(frozen=True)
class Found:
    """One result of the list: its page, its title, what it says (the page's
    and its sections' text, as shown) and the words marked as matching."""

    path: str
    title: str
    text: str
    marks: tuple[str, ...]


@pytest.fixture(scope="module")
def names_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = session_build(tmp_path_factory, NAMES, "search-names")
    with serving(built.site) as base:
        yield base


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = session_build(tmp_path_factory, ROOT, "search-example")
    with serving(built.site) as base:
        yield base


def _open(browser: Browser, base: str, viewport: dict[str, int] = DESKTOP) -> tuple[Page, list[str]]:
    """The home page, with every request kept on 127.0.0.1 and errors collected."""
    page = browser.new_page(viewport=viewport, locale="zh-CN")
    problems: list[str] = []

    def route(route: Route, request: Request) -> None:
        if urlsplit(request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            problems.append(request.url)
            route.abort()

    page.route("**/*", route)
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(base)
    page.wait_for_load_state("networkidle")
    return page, problems


def _search(page: Page, query: str) -> list[Found]:
    """Types the query as a Chinese input method commits it (the text at once,
    then a key), waits for the list and reads every result of it (Material
    shows ten and adds four each time the list is scrolled to its end)."""
    box = page.locator("input.md-search__input")
    if (page.viewport_size or DESKTOP)["width"] < 960:  # a phone: the search opens from the header's button
        page.locator("label.md-header__button[for=__search]").click()
        box.focus()
    else:
        box.click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")
    items = page.locator(".md-search-result__item")
    items.first.wait_for(state="visible", timeout=20_000)
    total = int("".join(c for c in page.locator(".md-search-result__meta").inner_text() if c.isdigit()) or 0)
    for _ in range(50):
        if items.count() >= total:
            break
        # Material adds four more each time the list reaches its bottom: leave it, come back
        wrap = page.locator(".md-search__scrollwrap")
        wrap.evaluate("element => element.scrollTo(0, 0)")
        page.wait_for_timeout(50)
        wrap.evaluate("element => element.scrollTo(0, element.scrollHeight)")
        page.wait_for_timeout(150)
    page.locator(".md-search__scrollwrap").evaluate("element => element.scrollTo(0, 0)")  # the first, for the eye
    found = []
    for index in range(items.count()):
        item = items.nth(index)
        href = urlsplit(item.locator("a").first.get_attribute("href") or "").path  # without ?h=
        found.append(Found(
            path=href,
            title=item.locator("h1").first.inner_text().replace(WORD_BREAK, ""),
            text=item.inner_text().replace(WORD_BREAK, ""),
            marks=tuple(m.replace(WORD_BREAK, "") for m in item.locator("mark").all_inner_texts() if m.strip(WORD_BREAK)),
        ))
    assert len(found) == total, (len(found), total)
    return found


def _shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"search-{name}.png"))


def _no_piece_of(name: str, found: list[Found]) -> None:
    """Every result says the name, and marks only the whole of it, never one
    of its characters or a weekday it begins with."""
    assert found
    lacking = [f.path for f in found if name not in f.text]
    assert lacking == [], lacking
    pieces = sorted({m for f in found for m in f.marks if m != name and m in name})
    assert pieces == [], pieces


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("周一鸣", "/products/xinghe-buds-pro/"),  # the product she owns; 周一 is on every page
        ("周岚", "/products/xinghe-buds-pro/"),  # the post she owns there
    ],
)
def test_a_persons_name_finds_their_page_first_then_what_they_do_and_nothing_that_only_shares_a_character(
    browser: Browser, names_site: str, name: str, first: str
) -> None:
    page, problems = _open(browser, names_site)
    found = _search(page, name)
    assert found[0].path.startswith("/team/") and found[0].title == name, found[:2]  # their own page
    assert first in [f.path for f in found[1:3]], found
    _no_piece_of(name, found)
    page.close()
    assert problems == []


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("B站", "/channels/bili/"),  # letters and Chinese: one word
        ("小红书", "/channels/xhs/"),
        ("星河手表", "/products/xinghe-watch/"),
        ("星河耳机 Pro", "/products/xinghe-buds-pro/"),  # a name with a space: two words, both found
    ],
)
def test_a_channels_or_products_name_finds_its_page_first(
    browser: Browser, names_site: str, name: str, first: str
) -> None:
    page, problems = _open(browser, names_site)
    found = _search(page, name)
    assert found[0].path == first, found
    assert found[0].title == name
    page.close()
    assert problems == []


def test_a_part_of_a_long_channel_name_finds_the_channel_first_and_only_pages_that_say_it(
    browser: Browser, names_site: str
) -> None:
    """各城市车主群（微信群）searched as 车主群, as a reader would: the channel
    first, and no page that only says 车主 or 群."""
    page, problems = _open(browser, names_site)
    found = _search(page, "车主群")
    assert found[0].path == "/channels/city-groups/", found
    _no_piece_of("车主群", found)
    page.close()
    assert problems == []


def test_a_post_reads_as_a_sentence_in_the_results(browser: Browser, names_site: str) -> None:
    page, problems = _open(browser, names_site)
    found = _search(page, "开箱")
    (product,) = [f for f in found if f.path == "/products/xinghe-buds-pro/"]
    assert "2027年3月1日 周一 19:00 · B站 · 星河耳机 Pro 开箱 · 周岚 · 已发布。" in product.text, product.text
    assert "时间渠道" not in product.text
    _shot(page, "sentence-desktop")
    page.close()
    assert problems == []


@pytest.mark.parametrize(("viewport", "label"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_the_example_plans_people_products_and_channels_are_found(
    browser: Browser, example_site: str, viewport: dict[str, int], label: str
) -> None:
    page, problems = _open(browser, example_site, viewport)
    found = _search(page, "周岚")
    owned = ("/events/popcorn-gala-2027/", "/events/mi-fan-festival-2027/", "/brand-stories/accessible-tech/",
             "/campaigns/mi-fan-festival-season/", "/events/xiaomi-18-ultra-launch/", "/events/xiaomi-19-launch/")
    assert found[0].path == "/team/zhou-lan/", found[:2]  # her own page
    # then what she owns (product pages, boosted as pages of named things, may come between)
    assert any(f.path in owned for f in found[1:6]), found
    _no_piece_of("周岚", found)  # the example's schedules say 周二 and 周四 on every page
    _shot(page, f"person-{label}")
    page.close()
    for name, first in (("微博", "/channels/weibo/"), ("小米手环 11", "/products/xiaomi-smart-band-11/")):
        page, more = _open(browser, example_site, viewport)
        found = _search(page, name)
        assert found[0].path == first, (name, found[:3])
        _shot(page, f"{first.strip('/').replace('/', '-')}-{label}")
        page.close()
        problems += more
    assert problems == []
