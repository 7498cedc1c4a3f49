"""The calendar views' filter (theme/assets/javascripts/plan-filter.js) in a
real browser, on the real MkDocs build: Debian's headless Chromium, driven by
Playwright, on tests/plans/site-views (now: Wednesday 5 May 2027) and on the
example plan.

A planner chooses an owner, a status, a tier; the others' posts go, the count
says how many are left, reset brings them back; the choice follows her to the
next page and is in the address to share; no request leaves 127.0.0.1, no
error in the console; on a phone the bar and the week fit the screen. Also
with Material's instant navigation, where pages change without a load.
Screenshots go to tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from support_site import (
    ARTIFACTS, ROOT, VIEWS, VIEWS_NOW, build_plan, build_project, free_port, make_project, serving,
)
from support_browser import browser  # noqa: F401 - `browser` is this module's fixture

pytestmark = pytest.mark.browser

EXAMPLE_NOW = datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # the Makefile's
MONTH = "calendar/2027-05/"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}


@dataclass
class Watch:
    """What the pages did: console errors, uncaught exceptions, every URL asked for."""

    errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    asked: int = 0


@pytest.fixture(scope="module")
def views_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = build_plan(VIEWS, tmp_path_factory.mktemp("filter-views") / "project", now=VIEWS_NOW)
    with serving(built.site) as base:
        yield base


@pytest.fixture(scope="module")
def instant_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The same plan with Material's instant navigation turned on in mkdocs.yml.

    Material navigates instantly only to the pages its sitemap lists, at the
    site's own address (`base_url`): the site is built for the port it is
    served on."""
    root = make_project(VIEWS, tmp_path_factory.mktemp("filter-instant") / "project")
    _edit(root / "mkdocs.yml", "    - navigation.top\n", "    - navigation.top\n    - navigation.instant\n")
    port = free_port()
    _edit(root / "content" / "site.yaml", "base_url: https://plan.example.cn/views/",
          f"base_url: http://127.0.0.1:{port}/")
    with serving(build_project(root, now=VIEWS_NOW).site, port) as base:
        yield base


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def public_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The readers' build (`--public`): no owners, no tiers, no overdue."""
    root = make_project(VIEWS, tmp_path_factory.mktemp("filter-public") / "project")
    with serving(build_project(root, now=VIEWS_NOW, public=True).site) as base:
        yield base


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    built = build_plan(ROOT, tmp_path_factory.mktemp("filter-example") / "project", now=EXAMPLE_NOW)
    with serving(built.site) as base:
        yield base


def _context(browser: Browser, viewport: dict[str, int] = DESKTOP) -> tuple[BrowserContext, Watch]:
    """One reader (one localStorage), every request recorded and none let out."""
    watch = Watch()
    context = browser.new_context(viewport=viewport, locale="zh-CN")

    def route(route, request) -> None:  # type: ignore[no-untyped-def]
        watch.asked += 1
        parts = urlsplit(request.url)
        if parts.hostname == "127.0.0.1" or parts.scheme in ("data", "blob"):
            route.continue_()
        else:  # recorded, never fetched
            watch.outside.append(request.url)
            route.abort()

    context.route("**/*", route)
    context.on("page", lambda page: _listen(page, watch))
    return context, watch


def _listen(page: Page, watch: Watch) -> None:
    page.on("console", lambda message: watch.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: watch.errors.append(str(error)))


def _open(context: BrowserContext, url: str) -> Page:
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page


def _visible(page: Page, css: str) -> list[str]:
    """The titles of the visible lines matching `css`, in page order."""
    return page.evaluate(
        """css => [...document.querySelectorAll(css)].filter(e => e.offsetParent !== null)
                 .map(e => (e.querySelector('.plan-item__title, .plan-schedule__title') || e).innerText.trim())  // as shown: not the separators said to search only""",
        css,
    )


def _agenda(page: Page) -> list[str]:
    return _visible(page, ".plan-agenda li.plan-item")


def _chips(page: Page) -> list[str]:
    return [re.sub(r"^\S+\s+", "", t) for t in _visible(page, "table.plan-month a.plan-chip")]


def _count(page: Page) -> str:
    return page.locator(".plan-filter__count").first.inner_text()


def _choose(page: Page, name: str, value: str) -> None:
    page.locator(f"form.plan-filter select[name={name}]").first.select_option(value)


def test_choosing_an_owner_a_status_a_tier_and_reset(browser: Browser, views_site: str) -> None:
    context, watch = _context(browser)
    page = _open(context, views_site + MONTH)
    assert page.locator("form.plan-filter").is_visible()  # the script shows it
    everything = ["劳动节", "台灯开箱", "台灯预告", "台灯之夜", "周日夜读", "柏林晚场"]
    assert _agenda(page) == everything and _count(page) == "显示 5 / 5 项"
    # an owner: the others' posts and events go, the holiday stays
    _choose(page, "owner", "wang")
    assert _agenda(page) == ["劳动节", "台灯开箱"]
    assert "台灯开箱" in " ".join(_chips(page)) and not any("台灯预告" in c for c in _chips(page))
    assert _count(page) == "显示 1 / 5 项"
    assert urlsplit(page.url).query == "owner=wang"
    # overdue: only what should have gone out
    _choose(page, "owner", "")
    _choose(page, "status", "overdue")
    assert _agenda(page) == ["劳动节", "台灯预告"]
    assert page.locator("table.plan-month a.plan-chip:visible").count() == 2  # 劳动节 and 台灯预告
    # a tier: what is meant for new users
    _choose(page, "status", "")
    _choose(page, "tier", "new")
    assert _agenda(page) == ["劳动节", "台灯之夜"] and _count(page) == "显示 1 / 5 项"
    # two at once: both must hold
    _choose(page, "channel", "weibo")
    assert _agenda(page) == ["劳动节"] and _count(page) == "显示 0 / 5 项"
    # a day whose lines are all hidden leaves the agenda
    assert page.locator("#d-2027-05-06").is_hidden()
    page.locator("form.plan-filter button[type=reset]").click()
    assert _agenda(page) == everything and _count(page) == "显示 5 / 5 项"
    assert urlsplit(page.url).query == ""
    assert [page.locator(f"select[name={n}]").input_value() for n in ("channel", "owner", "status", "tier")] == [""] * 4
    context.close()
    assert watch.errors == [] and watch.outside == [] and watch.asked > 0


def test_the_choice_follows_the_reader_and_is_in_the_address(browser: Browser, views_site: str) -> None:
    context, watch = _context(browser)
    page = _open(context, views_site + MONTH)
    _choose(page, "owner", "lin")
    # to the product's page from its line in the agenda
    page.locator(".plan-agenda a", has_text="台灯预告").click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path.endswith("/products/lamp/") and urlsplit(page.url).query == "owner=lin"
    assert page.locator("select[name=owner]").input_value() == "lin"
    assert _visible(page, "table.plan-schedule tbody tr") == ["台灯预告", "周日夜读", "柏林晚场"]  # not Wang's 台灯开箱
    # a channel's page: Wang's post there is hidden, Lin's shown
    page.goto(views_site + "channels/wechat/")
    page.wait_for_load_state("networkidle")
    assert _visible(page, "table.plan-schedule tbody tr") == ["柏林晚场"]
    # the week: the same
    page.goto(views_site + "calendar/2027-w18/")
    page.wait_for_load_state("networkidle")
    assert "台灯开箱" not in _visible(page, ".plan-week li.plan-item") and "台灯预告" in _visible(page, ".plan-week li.plan-item")
    shared = page.url
    context.close()
    # a link made from it opens with the same choice, for someone who never chose
    other, watch_other = _context(browser)
    page = _open(other, shared)
    assert page.locator("select[name=owner]").input_value() == "lin"
    other.close()
    other, _ = _context(browser)
    page = _open(other, views_site + MONTH + "?status=overdue")
    assert _agenda(page) == ["劳动节", "台灯预告"]
    other.close()
    assert watch.errors == watch_other.errors == [] and watch.outside == watch_other.outside == []


def test_a_channel_page_filters_by_owner_and_ignores_a_channel_chosen_elsewhere(browser: Browser,
                                                                               views_site: str) -> None:
    context, watch = _context(browser)
    page = _open(context, views_site + MONTH)
    _choose(page, "channel", "weibo")
    page.goto(views_site + "channels/wechat/")
    page.wait_for_load_state("networkidle")
    assert page.locator("select[name=channel]").count() == 0
    assert _visible(page, "table.plan-schedule tbody tr") == ["柏林晚场", "台灯开箱"]  # not emptied by weibo
    _choose(page, "owner", "wang")
    assert _visible(page, "table.plan-schedule tbody tr") == ["台灯开箱"]
    assert _count(page) == "显示 1 / 2 项"
    assert urlsplit(page.url).query == "owner=wang"  # only what this page applies
    # the channel chosen on the month page is still chosen there
    page.goto(views_site + MONTH)
    page.wait_for_load_state("networkidle")
    assert page.locator("select[name=channel]").input_value() == "weibo"
    assert _agenda(page) == ["劳动节"]  # weibo and Wang: nothing
    context.close()
    assert watch.errors == [] and watch.outside == []


def test_the_filter_works_with_instant_navigation(browser: Browser, instant_site: str) -> None:
    context, watch = _context(browser)
    page = _open(context, instant_site + MONTH)
    _choose(page, "owner", "wang")
    assert _agenda(page) == ["劳动节", "台灯开箱"]
    loads = []
    page.on("load", lambda: loads.append(page.url))
    page.locator(".plan-month-pager__week").first.click()  # to calendar/week/, without a load
    page.wait_for_url(re.compile(r"/calendar/week/"))
    page.locator(".plan-week").wait_for()
    page.wait_for_function("() => !document.querySelector('form.plan-filter').hidden")
    assert loads == []  # Material fetched it: the script ran again through document$
    assert page.locator("select[name=owner]").input_value() == "wang"
    assert _visible(page, ".plan-week li.plan-item") == ["台灯开箱"]
    assert urlsplit(page.url).query == "owner=wang"
    page.go_back()
    page.wait_for_url(re.compile(r"/calendar/2027-05/"))
    page.locator("table.plan-month").wait_for()
    page.wait_for_function("() => !document.querySelector('form.plan-filter').hidden")
    assert _agenda(page) == ["劳动节", "台灯开箱"]
    context.close()
    assert watch.errors == [] and watch.outside == []


def _grid_agrees_with_agenda(page: Page, selector: str) -> int:
    """On each busy day: the chips shown plus its "+n" are the day's matching
    lines of the agenda (the example's June has no item running from May);
    returns how many days needed their "+n"."""
    counted = 0
    for cell in page.locator("td.plan-day").all():
        day = cell.get_attribute("data-date")
        assert cell.locator(f"a.plan-chip[data-status]:visible:not({selector})").count() == 0, day
        more = cell.locator(".plan-day__more")
        if not more.count():
            continue
        matching = page.locator(f"#d-{day} li.plan-item{selector}").count()
        shown = cell.locator(f"a.plan-chip{selector}:visible").count()
        if matching > shown:
            assert more.is_visible() and more.inner_text() == f"+{matching - shown}", day
            counted += 1
        else:
            assert more.is_hidden(), day
    return counted


def test_overdue_on_the_example_plans_busy_month(browser: Browser, example_site: str) -> None:
    """June 2027 as of 10 June: posts every day, some overdue; days with more than four."""
    context, watch = _context(browser)
    page = _open(context, example_site + "calendar/2027-06/")
    assert page.locator(".plan-day__more:visible").count() > 0  # busy days say "+n"
    _choose(page, "status", "overdue")
    statuses = page.evaluate("""() => [...document.querySelectorAll('[data-status]')]
        .filter(e => e.offsetParent !== null).map(e => e.getAttribute('data-status'))""")
    assert statuses and set(statuses) == {"overdue"}
    chips = page.locator("table.plan-month a.plan-chip[data-status]:visible")
    assert all("plan-chip--overdue" in (chips.nth(i).get_attribute("class") or "") for i in range(chips.count()))
    assert _grid_agrees_with_agenda(page, "[data-status='overdue']") >= 1  # 9 June: one overdue past its chips
    # an owner: her chips among a day's first four, and "+n" for hers past them
    page.locator("form.plan-filter button[type=reset]").click()
    _choose(page, "owner", "chen-yu")
    assert _grid_agrees_with_agenda(page, "[data-owner='chen-yu']") >= 1
    context.close()
    assert watch.errors == [] and watch.outside == []


def _overflow(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_bar_and_the_week_fit_the_screen(browser: Browser, views_site: str, viewport: dict[str, int]) -> None:
    context, watch = _context(browser, viewport)
    page = _open(context, views_site + "calendar/2027-w18/")
    for path in (MONTH, "calendar/2027-w18/", "channels/weibo/", "products/lamp/", "calendar/"):
        page.goto(views_site + path)
        page.wait_for_load_state("networkidle")
        assert _overflow(page) <= 0, path
        bar = page.locator("form.plan-filter").bounding_box()
        assert bar is not None and bar["x"] >= 0 and bar["x"] + bar["width"] <= viewport["width"], path
        for select in page.locator("form.plan-filter select").all():
            box = select.bounding_box()
            assert box["x"] + box["width"] <= viewport["width"] and box["height"] >= 20, path  # there to tap
    page.goto(views_site + "calendar/2027-w18/")
    page.wait_for_load_state("networkidle")
    days = [page.locator(f"#d-2027-05-0{n}").bounding_box() for n in range(3, 10)]
    if viewport is DESKTOP:  # seven columns, side by side, in order
        assert len({round(d["y"]) for d in days}) == 1
        assert [d["x"] for d in days] == sorted(d["x"] for d in days)
        assert min(d["width"] for d in days) > 120
    else:  # stacked, the whole width each
        assert len({round(d["x"]) for d in days}) == 1
        assert [d["y"] for d in days] == sorted(d["y"] for d in days)
        assert min(d["width"] for d in days) > 0.8 * viewport["width"]
    context.close()
    assert watch.errors == [] and watch.outside == []


def test_the_readers_build_filters_by_channel_and_status_only(browser: Browser, public_site: str) -> None:
    context, watch = _context(browser, PHONE)
    page = _open(context, public_site + "products/lamp/")
    names = page.locator("form.plan-filter select").evaluate_all("all => all.map(s => s.name)")
    assert names == ["channel", "status"]
    assert page.locator(".plan-schedule__owner").count() == 0  # no owner column to lay out
    # on a phone each row is a card whose title is the bold line across it, whatever the columns
    title = page.locator("table.plan-schedule tbody tr").first.locator(".plan-schedule__title")
    row = page.locator("table.plan-schedule tbody tr").first.bounding_box()
    box = title.bounding_box()
    assert title.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert box["width"] > 0.9 * row["width"]
    assert _overflow(page) <= 0
    _choose(page, "channel", "wechat")
    assert _visible(page, "table.plan-schedule tbody tr") == ["台灯开箱", "柏林晚场"]
    context.close()
    assert watch.errors == [] and watch.outside == []


SHOTS = {
    "month": ("calendar/2027-06/", None),
    "week": ("calendar/2027-w23/", None),
    "channel-filtered": ("channels/weibo/", ("owner", "chen-yu")),
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_screenshots_of_the_example_plans_views(browser: Browser, example_site: str,
                                                 viewport: dict[str, int]) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context, watch = _context(browser, viewport)
    page = context.new_page()
    name = "desktop" if viewport is DESKTOP else "phone"
    for shot, (path, choice) in SHOTS.items():
        page.goto(example_site + path)
        page.wait_for_load_state("networkidle")
        if choice:
            _choose(page, *choice)
            rows = page.locator("table.plan-schedule tbody tr")
            shown = [r for r in rows.all() if r.is_visible()]
            assert 0 < len(shown) < rows.count()
            assert all(r.locator(".plan-schedule__owner").inner_text() == "陈宇" for r in shown)
        assert _overflow(page) <= 0, path
        target = ARTIFACTS / f"views-{shot}-{name}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    context.close()
    assert watch.errors == [] and watch.outside == []
