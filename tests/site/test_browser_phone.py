"""The site on a phone (390 × 844) and on a wide screen (1440 × 900), in
Debian's headless Chromium driven by Playwright, on the example plan built at
the Makefile's now (10 June 2027), as issue #14 asks:

- no page of any kind is wider than the phone (the page never scrolls
  sideways), and a table that lists records is read as cards, one per row,
  with nothing scrolling inside it; only a matrix (the lint page's heatmaps)
  scrolls in its own box, says so, and keeps its first column in place;
- on a phone the month page is its agenda (days with something, each line with
  time, kind, title, owner and status), the grid gone, and the filter works on
  it; on a wide screen the grid is there.

The site is served under its own path (`/mi-community/`), as it is published,
so that the 404 page, whose links are absolute, finds its stylesheets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from playwright.sync_api import Browser, Page

from conftest import run_cli
from support_site import ARTIFACTS, ROOT, build_plan, html_files, page_url, serving

from support_browser import browser  # noqa: F401 - `browser` is this module's fixture
pytestmark = pytest.mark.browser

EXAMPLE_NOW = datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # the Makefile's
PHONE, WIDE = {"width": 390, "height": 844}, {"width": 1440, "height": 900}
MONTH = "calendar/2027-06/"

# Every kind of page the site has, by its address. Each must be found in the
# example's build (a kind that vanished fails), and the fullest page of each
# kind (the biggest file: the most rows, the longest titles) is the one looked at.
KINDS = {
    "home": r"",
    "calendar": r"calendar/",
    "month": r"calendar/\d{4}-\d{2}/",
    "week": r"calendar/\d{4}-w\d{2}/",
    "subscribe": r"calendar/subscribe/",
    "products": r"products/",
    "product": r"products/[^/]+/",
    "user-stories": r"user-stories/",
    "user-story": r"user-stories/[^/]+/",
    "brand-stories": r"brand-stories/",
    "brand-story": r"brand-stories/[^/]+/",
    "events": r"events/",
    "event": r"events/[^/]+/",
    "campaigns": r"campaigns/",
    "campaign": r"campaigns/[^/]+/",
    "channels": r"channels/",
    "channel": r"channels/[^/]+/",
    "tiers": r"tiers/",
    "tier": r"tiers/[^/]+/",
    "team": r"team/",
    "member": r"team/[^/]+/",
    "today": r"today/",
    "report": r"report/",
    "report-month": r"report/\d{4}-\d{2}/",
    "lint": r"lint/",
    "changes": r"changes/",
    "404": r"404\.html",
}


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, dict[str, str]]]:
    """The example's site, served under its published path; and the page looked at for each kind."""
    built = build_plan(ROOT, tmp_path_factory.mktemp("phone-example") / "project", now=EXAMPLE_NOW)
    home = lxml.html.fromstring((built.site / "index.html").read_bytes())
    prefix = urlsplit(home.cssselect("link[rel=canonical]")[0].get("href")).path.strip("/")
    served = tmp_path_factory.mktemp("phone-served")
    (served / prefix).parent.mkdir(parents=True, exist_ok=True)
    (served / prefix).symlink_to(built.site, target_is_directory=True)
    chosen: dict[str, str] = {}
    for kind, pattern in KINDS.items():
        found = [p for p in html_files(built.site) if re.fullmatch(pattern, page_url(built.site, p))]
        assert found, f"no {kind} page in the example's build"
        chosen[kind] = page_url(built.site, max(found, key=lambda p: (p.stat().st_size, p.as_posix())))
    with serving(served) as base:
        yield f"{base}{prefix}/", chosen


def _open(browser: Browser, viewport: dict[str, int]) -> tuple[Page, list[str]]:
    """A fresh reader's page, and the script errors it meets."""
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    return page, errors


def _go(page: Page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').endsWith('plan.css'))"), url


# What overflows, found in the page itself: the document's width, anything in
# the content reaching past the screen outside a box that scrolls, and every box
# that does scroll (those must be matrices).
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const scrolls = e => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX);
  const name = e => e.tagName.toLowerCase() + [...e.classList].map(c => '.' + c).join('');
  // a matrix's hint is just above it; the charts' one, above the charts of the section
  const shown = e => Boolean(e && e.matches('.plan-scroll-hint') && e.offsetParent !== null);
  const hinted = e => shown(e.previousElementSibling)
    || (e.matches('figure.plan-chart') && shown(document.querySelector('.plan-scroll-hint')));
  const cut = [];
  for (const e of document.querySelectorAll('.md-content *')) {
    const box = e.getBoundingClientRect();
    if (!box.width || box.right <= width + 1) continue;
    let up = e.parentElement;
    while (up && !scrolls(up)) up = up.parentElement;
    if (!up) cut.push(name(e));
  }
  const boxes = [...document.querySelectorAll('.md-content *')]
    .filter(e => scrolls(e) && e.scrollWidth > e.clientWidth + 1 && e.offsetParent !== null)
    .map(e => ({name: name(e), matrix: e.matches('.plan-matrix, figure.plan-chart'), hint: hinted(e)}));
  return {scroll: document.documentElement.scrollWidth - width, cut: [...new Set(cut)], boxes};
}"""


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["phone", "wide"])
def test_no_page_of_any_kind_is_wider_than_the_screen(browser: Browser, example: tuple[str, dict[str, str]],
                                                      viewport: dict[str, int]) -> None:
    """On a wide screen too: the report's KPI table fits between the two sidebars."""
    base, chosen = example
    page, errors = _open(browser, viewport)
    wide: dict[str, object] = {}
    for kind, url in chosen.items():
        _go(page, base + url)
        seen = page.evaluate(MEASURE)
        # a matrix (a heatmap; a report's chart, rather than shrink its labels past reading)
        # may scroll in its own box, and says so
        # (the hint is a phone's: on a wide screen the heatmaps are to fit whole, see plan-colours.css)
        hinted = [b["matrix"] and (b["hint"] or viewport is WIDE) for b in seen["boxes"]]
        if seen["scroll"] > 0 or seen["cut"] or not all(hinted):
            wide[f"{kind} ({url})"] = seen
    assert wide == {}
    assert errors == []


def test_a_list_of_records_is_a_card_per_row_on_a_phone(browser: Browser, example: tuple[str, dict[str, str]]) -> None:
    """The report month's KPIs: the KPI's name first and bold, then `label value` lines
    whose labels are the column headings; the home page's and lint page's tables likewise."""
    base, chosen = example
    page, errors = _open(browser, PHONE)
    for url in (chosen["report-month"], chosen["home"], chosen["channels"], chosen["report"]):
        _go(page, base + url)
        cards = page.locator("table.plan-cards")
        assert cards.count() > 0, url
        for table in cards.all():
            assert table.locator("thead").is_hidden(), url
            rows = table.locator("tbody tr").all()
            for row in rows:
                box = row.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], url
                title = row.locator(".plan-cards__title")
                assert title.evaluate("e => getComputedStyle(e).fontWeight") == "700", url
                assert title.bounding_box()["width"] > 0.8 * box["width"], url  # across the card, not a column
            # each labelled line says its column's heading, as the wide table's head does
            heads = table.locator("thead th").evaluate_all("all => all.map(e => e.textContent.trim())")
            labels = table.locator("tbody tr").first.locator("[data-label]").evaluate_all(
                "all => all.map(e => getComputedStyle(e, '::before').content.replace(/^\"|\"$/g, ''))")
            assert labels and set(labels) <= set(heads), url
    _go(page, base + chosen["report-month"])
    first = page.locator("table.plan-report-kpis tbody tr").first
    lines = first.locator("th, td").evaluate_all(
        "all => all.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().top)")
    assert lines == sorted(lines) and len(set(round(y) for y in lines)) == len(lines)  # one under the other
    assert errors == []


def test_a_heatmap_scrolls_in_its_box_and_keeps_its_first_column(browser: Browser,
                                                                  example: tuple[str, dict[str, str]]) -> None:
    base, chosen = example
    page, errors = _open(browser, PHONE)
    _go(page, base + chosen["lint"])
    wrap = page.locator(".plan-matrix").first
    assert page.locator(".plan-scroll-hint").first.is_visible()
    name = wrap.locator("tbody th[scope=row]").first
    before = name.bounding_box()["x"]
    wrap.evaluate("e => { e.scrollLeft = 600; }")
    assert wrap.evaluate("e => e.scrollLeft") > 0
    assert abs(name.bounding_box()["x"] - before) <= 2  # the channel's name stays on screen (a border may shift it a pixel)
    assert name.locator("a").bounding_box()["height"] < 30  # on one line, not a character a line
    page.set_viewport_size(WIDE)
    assert page.locator(".plan-scroll-hint").first.is_hidden()


def test_on_a_wide_screen_the_lint_message_is_the_wide_column(browser: Browser, tmp_path: Path) -> None:
    # a finding's path took 85 % of the row on a plan with long file names, the message four characters;
    # the findings are the command's (`build.py` checks, then builds)
    out = tmp_path / "site"
    assert run_cli("--root", str(ROOT), "--now", EXAMPLE_NOW.isoformat(), "--out", str(out)).returncode == 0
    with serving(out) as base:
        page, _ = _open(browser, WIDE)
        _go(page, base + "lint/")
        # the row with the longest path: the path wraps, in at most a third of the row
        where, row, wraps = page.evaluate("""() => {
            const rows = [...document.querySelectorAll('table.plan-findings tbody tr')];
            const row = rows.reduce((a, b) => b.cells[0].textContent.length > a.cells[0].textContent.length ? b : a);
            return [row.cells[0].getBoundingClientRect().width, row.getBoundingClientRect().width,
                    getComputedStyle(row.cells[0]).whiteSpace !== 'nowrap']; }""")
    assert wraps and where <= row / 3, (where, row)


def test_the_month_is_an_agenda_on_a_phone_and_a_grid_on_a_wide_screen(
        browser: Browser, example: tuple[str, dict[str, str]]) -> None:
    base, _ = example
    page, errors = _open(browser, PHONE)
    _go(page, base + MONTH)
    assert page.locator("table.plan-month").is_hidden()  # display: none, so not read out twice either
    agenda = page.locator(".plan-agenda")
    assert agenda.is_visible()
    assert agenda.bounding_box()["y"] < 2 * PHONE["height"]  # right under the filter bar, not after a grid
    days = page.locator(".plan-agenda__day").all()
    assert len(days) > 20
    assert re.fullmatch(r"2027年6月1日 周二", days[0].locator(".plan-agenda__date").inner_text())
    # every line whole on the screen, nothing cut, its time, kind and title shown
    lines = page.evaluate("""() => [...document.querySelectorAll('.plan-agenda li.plan-item')].map(e => {
        const box = e.getBoundingClientRect();
        const shown = css => { const part = e.querySelector(css); return Boolean(part && part.offsetParent && part.textContent.trim()); };
        return {inside: box.left >= 0 && box.right <= innerWidth, whole: e.scrollWidth <= e.clientWidth,
                parts: ['.plan-item__time', '.plan-item__kind', '.plan-item__title'].every(shown)};
    })""")
    assert len(lines) > 40 and all(line == {"inside": True, "whole": True, "parts": True} for line in lines)
    # a post says its channel, its owner and where it stands
    post = page.locator(".plan-agenda li.plan-item--slot").first
    assert post.locator(".plan-item__detail").inner_text() and post.locator(".plan-item__owner").inner_text()
    assert post.locator(".plan-badge").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # the filter works on the agenda: chen-yu's lines only, days without one gone
    owners = """() => [...document.querySelectorAll('.plan-agenda li.plan-item[data-status]')]
        .filter(e => e.offsetParent !== null).map(e => e.getAttribute('data-owner'))"""
    total = len(page.evaluate(owners))
    page.locator("form.plan-filter select[name=owner]").first.select_option("chen-yu")
    shown = page.evaluate(owners)
    assert 0 < len(shown) < total and set(shown) == {"chen-yu"}
    assert page.evaluate("""() => [...document.querySelectorAll('.plan-agenda__day')].filter(d => d.offsetParent !== null)
        .every(d => [...d.querySelectorAll('li.plan-item')].some(e => e.offsetParent !== null))""")
    assert f"{len(shown)} / " in page.locator(".plan-filter__count").first.inner_text()
    assert errors == []
    # the grid's outlined day, for a phone that has no grid: the home page's agenda opens on today
    _go(page, base)
    today = page.locator(".plan-agenda__day--today")
    assert today.count() == 1 and today.locator(".plan-agenda__date").inner_text() == "2027年6月10日 周四 今天"

    wide, _ = _open(browser, WIDE)
    _go(wide, base + MONTH)
    assert wide.locator("table.plan-month").is_visible()
    grid = wide.locator("table.plan-month").bounding_box()
    assert grid["width"] > 900 and grid["y"] < wide.locator(".plan-agenda").bounding_box()["y"]
    assert wide.evaluate("document.documentElement.scrollWidth") <= WIDE["width"]
    assert wide.locator("table.plan-month td.plan-day--today").is_visible()


def test_screenshots_of_every_kind_of_page(browser: Browser, example: tuple[str, dict[str, str]]) -> None:
    """For a person to look at: tests/artifacts/phone-<kind>-<width>.png."""
    base, chosen = example
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for viewport in (PHONE, WIDE):
        page, errors = _open(browser, viewport)
        for kind, url in chosen.items():
            _go(page, base + url)
            target = ARTIFACTS / f"phone-{kind}-{viewport['width']}.png"
            tall = min(page.evaluate("document.documentElement.scrollHeight"), 4000)  # the first screens
            page.screenshot(path=str(target), full_page=True, clip={"x": 0, "y": 0, "width": viewport["width"], "height": tall})
            assert target.stat().st_size > 5_000
        assert errors == []
