"""The site's colours as a reader sees them (plan-colours.css, plan.colours):
Debian's headless Chromium, driven by Playwright, on the example plan built
at the Makefile's now (10 June 2027).

On the June month page Weibo's and Douyin's chips (both red in the plan)
are drawn in colours that differ; the legend shows each channel in the
colour its chips have; every chip's tooltip names its channel; a chip's
label passes WCAG AA on the chip. On the lint page cells of different
counts differ in shade, and the 53 weeks fit 1440 pixels without scrolling
(and at 390 the page itself does not scroll sideways). Screenshots go to
tests/artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, Page

from support_site import ARTIFACTS, ROOT, build_project, make_project, serving

from support_browser import browser  # noqa: F401 - `browser` is this module's fixture
pytestmark = pytest.mark.browser

EXAMPLE_NOW = datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # the Makefile's
MONTH = "calendar/2027-06/"
DESKTOP, PHONE = {"width": 1440, "height": 900}, {"width": 390, "height": 844}

# A colour as the page paints it: the element's colour laid over white (the
# page's background) on a canvas, read back as [r, g, b] 0..255. Handles
# whatever form Chromium computes (rgb(), color(srgb ...), transparency).
PAINTED = """
([color, under]) => {
  const c = document.createElement('canvas'); c.width = c.height = 1;
  const g = c.getContext('2d', {willReadFrequently: true});
  g.fillStyle = under || '#fff'; g.fillRect(0, 0, 1, 1);
  g.fillStyle = color; g.fillRect(0, 0, 1, 1);
  return Array.from(g.getImageData(0, 0, 1, 1).data.slice(0, 3));
}
"""


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_project(ROOT, tmp_path_factory.mktemp("colours") / "project")
    built = build_project(root, now=EXAMPLE_NOW)
    with serving(built.site) as base:
        yield base


def _open(browser: Browser, base: str, url: str, size: dict[str, int]) -> Page:
    page = browser.new_page(viewport=size, locale="zh-CN")
    page.route("**/*", lambda route, request: route.continue_() if "127.0.0.1" in request.url else route.abort())
    page.goto(f"{base}/{url}")
    return page


def _painted(page: Page, color: str, under: str = "#fff") -> tuple[int, ...]:
    return tuple(page.evaluate(PAINTED, [color, under]))


def _style(page: Page, selector: str, prop: str) -> list[str]:
    return page.eval_on_selector_all(selector, f"els => els.map(e => getComputedStyle(e)['{prop}'])")


def _contrast(a: tuple[int, ...], b: tuple[int, ...]) -> float:
    def luminance(rgb: tuple[int, ...]) -> float:
        lin = [(c / 255 / 12.92) if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_two_red_channels_chips_differ_and_the_legend_says_which_is_which(browser: Browser, example_site: str) -> None:
    page = _open(browser, example_site, MONTH, DESKTOP)
    bars = {}
    for channel in ("weibo", "douyin", "wechat", "forum", "bilibili", "fan-groups"):
        colours = set(_style(page, f".plan-month a.plan-chip[data-channel='{channel}']", "borderLeftColor"))
        assert len(colours) == 1, (channel, colours)  # one channel, one colour
        bars[channel] = _painted(page, colours.pop())
    assert bars["weibo"] != bars["douyin"]
    assert sum(abs(x - y) for x, y in zip(bars["weibo"], bars["douyin"])) > 100  # not a near miss
    assert len(set(bars.values())) == len(bars)
    # the legend: each channel, in its chips' colour, by name
    names = page.eval_on_selector_all(".plan-legend a.plan-legend__item", "els => els.map(e => e.textContent.trim())")
    assert names == ["微信公众号", "微博", "小米社区", "哔哩哔哩", "抖音", "米粉同城群"]
    legend = [_painted(page, c) for c in _style(page, ".plan-legend a.plan-legend__item", "borderLeftColor")]
    assert legend == [bars[c] for c in ("wechat", "weibo", "forum", "bilibili", "douyin", "fan-groups")]
    page.screenshot(path=str(ARTIFACTS / "colours-month-1440.png"))
    page.close()


def test_every_chip_names_its_channel_and_its_label_is_readable(browser: Browser, example_site: str) -> None:
    page = _open(browser, example_site, MONTH, DESKTOP)
    names = {"weibo": "微博", "douyin": "抖音", "wechat": "微信公众号", "forum": "小米社区",
             "bilibili": "哔哩哔哩", "fan-groups": "米粉同城群"}
    chips = page.eval_on_selector_all(
        ".plan-month a.plan-chip--slot", "els => els.map(e => [e.dataset.channel, e.title])")
    assert len(chips) > 30
    for channel, title in chips:
        assert title.startswith(f"发布 · {names[channel]} · "), title
    # a scheduled chip's label (its time, in the channel's ink) on its tint: AA
    checked = page.eval_on_selector_all(
        ".plan-month a.plan-chip--slot:not(.plan-chip--published):not(.plan-chip--overdue)",
        "els => els.map(e => [e.dataset.channel, getComputedStyle(e).backgroundColor,"
        " getComputedStyle(e.querySelector('.plan-chip__label')).color])")
    seen = set()
    for channel, background, ink in checked:
        ratio = _contrast(_painted(page, ink, "#fff"), _painted(page, background))
        assert ratio >= 4.5, (channel, ink, background, ratio)
        seen.add(channel)
    assert {"weibo", "douyin", "wechat", "forum"} <= seen
    page.close()


def test_heatmap_shades_differ_and_53_weeks_fit_a_desktop(browser: Browser, example_site: str) -> None:
    page = _open(browser, example_site, "lint/", DESKTOP)
    def shades(table: int) -> dict[str, set[tuple[int, ...]]]:
        cells = page.eval_on_selector_all(
            "table.plan-heatmap",
            f"ts => Array.from(ts[{table}].querySelectorAll('td.plan-heat'))"
            ".map(e => [e.textContent, getComputedStyle(e).backgroundColor])")
        found: dict[str, set[tuple[int, ...]]] = {}
        for count, background in cells:
            found.setdefault(count, set()).add(_painted(page, background))
        return found

    weeks, months = shades(0), shades(1)  # channels x weeks, tiers x months
    # a count above zero has one shade (a 0 owed by a cadence is red, a 0 owing nothing grey)
    assert all(len(s) == 1 for count, s in weeks.items() if count != "0")
    assert weeks["1"] != weeks["2"] != weeks["5"]
    assert months["9"] != months["42"]
    heatmap = page.locator(".plan-heatmap-wrap").first
    widths = heatmap.evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], widths  # no scrolling: all 53 weeks in view
    assert page.locator("table.plan-heatmap").first.locator("tbody tr").first.locator("td").count() == 53
    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    page.screenshot(path=str(ARTIFACTS / "colours-lint-1440.png"), full_page=True)
    page.close()
    phone = _open(browser, example_site, "lint/", PHONE)
    # on a phone the weeks scroll inside the map, under the channels' names; the page does not
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    name = phone.locator("table.plan-heatmap th[scope=row]").first
    before = name.bounding_box()
    phone.locator(".plan-heatmap-wrap").first.evaluate("e => e.scrollLeft = 400")
    assert abs(name.bounding_box()["x"] - before["x"]) <= 2  # sticky (the table's 1px spacing aside)
    phone.screenshot(path=str(ARTIFACTS / "colours-lint-390.png"), full_page=True)
    phone.close()
