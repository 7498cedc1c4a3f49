"""`site.report`: report/, the months and every KPI's chart; the home page's
KPI cards that lead to them; what the readers' site leaves out; the example
plan's report; and the pages in Chromium, on a screen and printed on A4.

tests/plans/report-basic as of 2027-04-20 10:00 (see test_charts.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser, sync_playwright

from support_report import build_as_user, read_chart
from support_site import ARTIFACTS, PLANS, ROOT, Built, build_plan, hrefs, make_project, read_page, serving, text, texts

from generator.build import pipeline
from generator.plan.visibility import view

NOW = datetime(2027, 4, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
CHROMIUM = Path("/usr/bin/chromium")
A4 = (595, 842)  # points: what Chromium's page.pdf(format="A4") makes a page


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_as_user(PLANS / "report-basic", tmp_path_factory.mktemp("report") / "project", NOW.isoformat())


def test_the_report_lists_the_months_newest_first(built: Built) -> None:
    doc = read_page(built.site, "report/")
    assert text(doc.cssselect("article h1")[0]) == "绩效报告"
    # from the first measurement (January) to the month of now
    assert hrefs(doc, "table.plan-report-months a") == ["2027-04/", "2027-03/", "2027-02/", "2027-01/"]
    rows = [texts(row, "td") for row in doc.cssselect("table.plan-report-months tbody tr")]
    assert rows[:2] == [["2027年4月", "1 / 3", "2", "2"], ["2027年3月", "4 / 4", "4", "2"]]
    for month in ("2027-01", "2027-02", "2027-03", "2027-04"):
        assert (built.site / "report" / month / "index.html").is_file()
    assert not (built.site / "report" / "2027-05").exists()  # a month still to come has nothing to sum up


def test_the_report_shows_each_kpis_chart_flagged_by_its_pace(built: Built) -> None:
    doc = read_page(built.site, "report/")
    figures = doc.cssselect("figure.plan-chart")
    assert [(f.get("id"), f.get("class").split()[-1]) for f in figures] == [
        ("kpi-grow.members", "plan-chart--ahead"),
        ("kpi-grow.response", "plan-chart--behind"),
        ("kpi-loyal.repurchase", "plan-chart--behind"),
        ("kpi-loyal.nps", "plan-chart--none"),
        ("kpi-loyal.stories", "plan-chart--none"),
    ]
    images = [f.cssselect("img")[0] for f in figures]
    assert [i.get("src") for i in images] == [f"charts/{ref}.svg" for ref in (
        "grow.members", "grow.response", "loyal.repurchase", "loyal.nps", "loyal.stories")]
    assert images[1].get("alt") == "首次响应时长（落后进度：截至 2027-04-18 实际 8.8 小时，按进度应达 6.7 小时）"
    for image in images:
        assert (built.site / "report" / image.get("src")).is_file()
    assert texts(doc, "article h3") == ["扩大社区", "留住老用户"]


def test_the_report_is_in_the_teams_navigation(built: Built) -> None:
    doc = read_page(built.site, "")
    assert "绩效报告" in texts(doc, ".md-nav__link")


def test_the_home_pages_cards_give_the_dated_actual_and_lead_to_the_chart(built: Built) -> None:
    doc = read_page(built.site, "")
    cards = {text(k.cssselect(".plan-kpi__name")[0]): k for k in doc.cssselect(".plan-kpi")}
    members = cards["会员数"]
    assert text(members.cssselect(".plan-kpi__actual")[0]) == "当前 1,460 人 截至 2027-04-15"  # site.yaml's 1 replaced
    assert texts(members, ".plan-badge") == ["超前进度"]
    assert members.cssselect("a.plan-kpi__name")[0].get("href") == "report/#kpi-grow.members"
    repurchase = cards["复购率"]
    assert "plan-kpi--worse" in repurchase.get("class")
    assert text(repurchase.cssselect(".plan-kpi__progress")[0]) == "⚠ 比基线还差 1.4 %"  # not a grey 完成 0%
    assert texts(cards["首次响应时长"], ".plan-badge") == ["落后进度"]
    stories = cards["用户故事"]  # measured in site.yaml only: no date to give
    assert text(stories.cssselect(".plan-kpi__actual")[0]) == "当前 12 篇"


def test_the_readers_site_has_no_report(tmp_path: Path) -> None:
    root = make_project(PLANS / "report-basic", tmp_path / "project")
    from conftest import load_plan

    shown = view(load_plan(root), NOW, drafts=False, public=True)
    pipeline.build(root, shown.plan, shown, root / "site")
    assert not (root / "site" / "report").exists()
    assert "report/" not in (root / "site" / "index.html").read_text(encoding="utf-8")


def test_the_example_plan_has_a_report_of_its_half_year(tmp_path: Path) -> None:
    example = build_plan(ROOT, tmp_path / "example", now=datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    doc = read_page(example.site, "report/")
    assert hrefs(doc, "table.plan-report-months a") == [f"2027-0{m}/" for m in (6, 5, 4, 3, 2, 1)]
    tones = {f.get("id"): f.get("class").split()[-1] for f in doc.cssselect("figure.plan-chart")}
    assert len(tones) == 10 and set(tones.values()) == {"plan-chart--ahead", "plan-chart--behind", "plan-chart--none"}
    assert tones["kpi-feedback.adopted-suggestions"] == "plan-chart--behind"
    worse = read_chart(example.site / "report/charts/loyalty.repurchase-rate.svg")
    assert "比基线还差" in worse.caption and len(worse.labels) == 5
    ahead = read_chart(example.site / "report/charts/feedback.first-response-time.svg")
    assert ahead.caption.startswith("超前进度：截至 2027-06-07") and len(ahead.labels) == 6
    month = read_page(example.site, "report/2027-05/")
    assert len(month.cssselect("table.plan-report-kpis tbody tr")) == 10


# --- in the browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert CHROMIUM.is_file(), "Debian's chromium is required at /usr/bin/chromium"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield launched
        launched.close()


@pytest.mark.browser
def test_the_pages_load_every_chart_and_ask_no_other_host(browser: Browser, built: Built) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serving(built.site) as base:
        host = urlsplit(base).netloc
        for url, name in (("report/", "report"), ("report/2027-04/", "report-month")):
            for width in (1280, 390):
                page = browser.new_page(viewport={"width": width, "height": 900})
                asked: list[str] = []
                page.on("request", lambda request: asked.append(request.url))
                errors: list[str] = []
                page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
                page.goto(base + url)
                page.wait_for_load_state("networkidle")
                loaded = page.evaluate("[...document.images].map(i => [i.getAttribute('src'), i.naturalWidth])")
                if url == "report/":
                    assert len(loaded) == 5 and all(width_ > 0 for _, width_ in loaded), loaded
                assert [u for u in asked if urlsplit(u).netloc != host] == []
                assert errors == []
                page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
                page.close()


@pytest.mark.browser
def test_a_month_prints_on_a_few_a4_pages_without_the_navigation(browser: Browser, built: Built) -> None:
    with serving(built.site) as base:
        page = browser.new_page()
        page.goto(base + "report/2027-04/")
        page.wait_for_load_state("networkidle")
        page.emulate_media(media="print")
        hidden = page.evaluate(
            """() => ['.md-header', '.md-sidebar--primary', '.md-sidebar--secondary', '.md-footer', '.plan-noprint']
                 .map(s => [...document.querySelectorAll(s)].every(e => getComputedStyle(e).display === 'none'))"""
        )
        assert hidden == [True] * 5
        assert page.evaluate("getComputedStyle(document.querySelector('article')).display") != "none"
        pdf = page.pdf(format="A4", print_background=True)
        page.close()
    (ARTIFACTS / "report-month.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)
    assert 1 <= pages <= 3 and len(boxes) == pages
    assert all(abs(float(w) - A4[0]) < 2 and abs(float(h) - A4[1]) < 2 for w, h in boxes)  # A4, to Chromium's rounding
