"""The website, built for real (check_plan -> MkDocs + Material -> calendars
and feeds) and read back as HTML: pages at their URLs, links that resolve,
plain text that stays text, drafts and cancellations, times and zones."""

from __future__ import annotations

import calendar as stdcalendar
import os
import posixpath
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import lxml.html
import requests
import yaml

from generator.build.mkdocs.site import SiteBuildError, build_site, generated_config
from generator.plan.visibility import view
from generator.site import pages
from support_site import NOW as SITE_NOW
from support_site import (
    BASIC, HOSTILE, NOW, ROOT, Built, build_plan, build_project, hrefs, html_files, ids, load_plan,
    make_project, page_file, read_page, references, resolve, schedule_rows, search_index, session_build, text, texts,
)


@pytest.fixture(scope="session")
def basic(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return session_build(tmp_path_factory, BASIC, "basic")


@pytest.fixture(scope="session")
def basic_drafts(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return session_build(tmp_path_factory, BASIC, "basic-drafts", drafts=True)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return session_build(tmp_path_factory, HOSTILE, "hostile")


@pytest.fixture(scope="session")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example plan that ships with the project (content/ and calendar/ at the root)."""
    return session_build(tmp_path_factory, ROOT, "example")


# --- pages at their URLs ---------------------------------------------------------


def test_every_page_of_the_basic_plan_is_at_its_url(basic: Built) -> None:
    expected = [
        "", "calendar/", "calendar/subscribe/",
        "calendar/2027-03/", "calendar/2027-04/", "calendar/2027-05/", "calendar/2027-06/",
        "products/", "user-stories/", "brand-stories/", "events/", "campaigns/", "channels/", "tiers/",
        "products/aurora-x1/", "user-stories/sichuan-hike/", "brand-stories/ten-years/",
        "events/x1-launch/", "events/weekly-qa/", "events/berlin-meetup/", "events/spring-fair/",
        "campaigns/spring-launch/",
        "channels/weibo/", "channels/wechat/", "channels/forum/", "channels/bilibili/",
        "tiers/core/", "tiers/active/", "tiers/new/",
    ]
    missing = [url for url in expected if not page_file(basic.site, url).is_file()]
    assert missing == []
    # the calendars and feeds of the same build sit at the URLs the pages link to
    for path in ("calendar/all.ics", "calendar/events.ics", "calendar/weibo.ics",
                 "feeds/all.rss.xml", "feeds/weibo.atom.xml"):
        assert (basic.site / path).is_file(), path


def test_each_page_carries_its_own_title(basic: Built) -> None:
    assert texts(read_page(basic.site, "products/aurora-x1/"), "article h1") == ["极光 X1"]
    assert texts(read_page(basic.site, "user-stories/sichuan-hike/"), "article h1") == ["带着 X1 在川西徒步的七天"]
    assert read_page(basic.site, "channels/weibo/").findtext(".//title") == "微博 - 极光社区 · 2027 内容计划"
    assert read_page(basic.site, "").findtext(".//title") == "极光社区 · 2027 内容计划"


def test_every_page_of_the_example_plan_is_at_its_url(example: Built) -> None:
    plan = example.plan
    for entry in plan.entries:
        page = page_file(example.site, f"{entry.kind.value}/{entry.id}/")
        public = not entry.status.is_draft and (not entry.status.is_cancelled or entry.kind.value == "events")
        assert page.is_file() == public, f"{entry.kind.value}/{entry.id} ({entry.status})"
    for channel in plan.channels:
        assert page_file(example.site, f"channels/{channel.id}/").is_file()
    for tier in plan.site.tiers:
        assert page_file(example.site, f"tiers/{tier.id}/").is_file()


# --- links ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["basic", "basic_drafts", "hostile", "example"])
def test_every_link_and_asset_resolves_and_nothing_loads_from_another_host(
    name: str, request: pytest.FixtureRequest
) -> None:
    built: Built = request.getfixturevalue(name)
    base_path = urlsplit(built.plan.site.base_url).path
    broken, foreign = [], []
    anchors: dict[Path, set[str]] = {}
    checked = 0
    for path in html_files(built.site):
        for ref in references(built.site, path):
            if ref.url.startswith(("mailto:", "tel:", "webcal:", "data:")):
                continue
            target = resolve(built.site, ref.page, ref.url, base_path)
            if target is None:
                if ref.loads:
                    foreign.append(ref)
                continue
            checked += 1
            file, fragment = target
            if not file.is_file():
                broken.append(ref)
            elif fragment and file.suffix == ".html":
                if fragment not in anchors.setdefault(file, ids(file)):
                    broken.append(ref)
    assert checked > 100
    assert broken == []
    assert foreign == []


def test_stylesheets_fetch_nothing_from_another_host(basic: Built) -> None:
    outside = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(?:https?:)?//""", re.I)
    offenders = [p.name for p in basic.site.rglob("*.css") if outside.search(p.read_text(encoding="utf-8"))]
    assert offenders == []
    for path in html_files(basic.site):
        assert "fonts.googleapis.com" not in path.read_text(encoding="utf-8"), path


def test_a_product_page_links_what_names_it_and_what_it_names(basic: Built) -> None:
    doc = read_page(basic.site, "products/aurora-x1/")
    links = hrefs(doc, "article a")
    # referred to by: the story and the launch event that name the product
    assert "../../user-stories/sichuan-hike/" in links
    assert "../../events/x1-launch/" in links
    # it names: its campaign and its tiers
    assert "../../campaigns/spring-launch/" in links
    assert "../../tiers/core/" in links
    # the story names the product back, and its author's tier
    story = hrefs(read_page(basic.site, "user-stories/sichuan-hike/"), "article a")
    assert "../../products/aurora-x1/" in story
    assert "../../tiers/core/" in story
    # the tier lists the story aimed at it
    assert "../../user-stories/sichuan-hike/" in hrefs(read_page(basic.site, "tiers/core/"), "article a")


def test_a_campaign_page_shows_its_period_goals_and_timeline(basic: Built) -> None:
    doc = read_page(basic.site, "campaigns/spring-launch/")
    facts = _facts(doc)
    assert facts["时间段"] == "2027年4月1日 周四 – 4月30日 周五（30 天）"
    assert "扩大活跃用户" in facts["目标"]
    timeline = " ".join(texts(doc, ".plan-agenda"))
    assert "极光 X1 发布会" in timeline  # the member event
    assert "川西徒步七天，全程手机拍摄" in timeline  # a member story's publication of 5 April
    assert "春季新品季开始" in timeline  # the campaign's own publication
    assert "../../events/x1-launch/" in hrefs(doc, ".plan-agenda a")


def test_a_campaign_timeline_holds_its_dates_and_names_what_lies_outside(basic: Built) -> None:
    doc = read_page(basic.site, "campaigns/spring-launch/")
    days = texts(doc, ".plan-agenda__date")
    assert days and all("年4月" in day for day in days), days  # the campaign runs through April
    assert "带着 X1 在川西徒步的七天" not in " ".join(texts(doc, ".plan-agenda"))  # 28 March: before it
    assert texts(doc, ".plan-timeline__scope") == [
        "这里是营销活动期间（2027年4月1日 周四–2027年4月30日 周五）的安排：活动自己的发布，以及关联内容在活动期内的发布。"
    ]
    elsewhere = doc.cssselect(".plan-timeline__elsewhere")[0]
    assert "../../user-stories/sichuan-hike/" in hrefs(elsewhere, "a")
    assert "（1 项）" in elsewhere.text_content()


def test_the_schedule_of_an_entry_shows_channel_time_owner_and_status(basic: Built) -> None:
    doc = read_page(basic.site, "user-stories/sichuan-hike/")
    rows = schedule_rows(doc)
    assert rows == [  # at NOW (1 April) the post of 28 March is due and still approved: overdue
        ["2027年3月28日 周日 10:00", "微博", "带着 X1 在川西徒步的七天", "林晓", "应发未发"],
        ["2027年4月5日 周一 12:00", "极光论坛", "川西徒步七天，全程手机拍摄", "林晓", "已批准"],
    ]


def test_the_navigation_lists_sections_not_entries(example: Built) -> None:
    doc = read_page(example.site, "events/weekly-online-qa/")
    nav = hrefs(doc, ".md-nav--primary a.md-nav__link")
    assert 5 <= len(nav) <= 15
    entry_pages = [h for h in nav if re.search(r"(products|stories|events|campaigns)/[a-z0-9-]+/$", h)]
    assert entry_pages == []
    assert [h for h in nav if re.search(r"calendar/\d{4}-\d{2}/$", h)] == []  # month pages: from the calendar page


# --- plain text stays text ---------------------------------------------------------------


def _all_html(built: Built) -> list[tuple[str, object]]:
    return [(p.relative_to(built.site).as_posix(), read_page(built.site, p.relative_to(built.site).as_posix()))
            for p in html_files(built.site)]


def test_titles_with_markup_stay_literal_text_on_every_page(hostile: Built) -> None:
    story = read_page(hostile.site, "user-stories/quote/")
    assert story.findtext(".//title") == "</title><script>alert(1)</script> - Hostile <b>Plan</b> & *co*"
    assert texts(story, "article h1") == ["</title><script>alert(1)</script>"]
    assert texts(story, ".md-header__topic .md-ellipsis")[0] == "Hostile <b>Plan</b> & *co*"
    logo = story.cssselect(".md-header__button.md-logo")[0]
    assert logo.get("title") == "Hostile <b>Plan</b> & *co*"
    product = read_page(hostile.site, "products/gadget/")
    assert texts(product, "article h1") == ["<b>Gadget</b> *x* [a](javascript:alert(1))"]
    assert "</title><script>alert('summary')</script>" in texts(product, ".plan-lead")
    home = read_page(hostile.site, "")
    assert texts(home, ".plan-hero__name") == ["<i>Crowd</i>"]
    assert "Fans <b>&</b> friends" in texts(home, ".plan-tier__name")
    # the search index holds titles as text too (its HTML-escaped form)
    titles = {d["location"]: d["title"] for d in search_index(hostile.site)["docs"]}
    assert "&lt;/title&gt;" in titles["user-stories/quote/"] and "<script" not in titles["user-stories/quote/"]


def test_no_script_handler_or_javascript_url_reaches_a_page(hostile: Built) -> None:
    for name, doc in _all_html(hostile):
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            handlers = [a for a in element.attrib if a.lower().startswith("on")]
            assert handlers == [], (name, element.tag, handlers)
            for attribute in ("href", "src", "action", "formaction"):
                value = (element.get(attribute) or "").strip().lower()
                assert not value.startswith(("javascript:", "vbscript:", "data:text")), (name, value)
            if element.tag == "script":
                # Material's own scripts only: its bundle, its config, its tiny inline setup
                assert "alert(" not in (element.text or ""), name
            if element.tag == "style":
                assert "display:none" not in (element.text or "").replace(" ", ""), name
    body = read_page(hostile.site, "products/gadget/").cssselect(".plan-body")[0]
    assert body.cssselect("strong")  # Markdown still formats
    assert [a.get("href") for a in body.cssselect("a")] == [None, "https://example.org/ok"]


def test_images_from_other_hosts_are_not_loaded(hostile: Built) -> None:
    images = read_page(hostile.site, "products/gadget/").cssselect(".plan-body img")
    assert [(i.get("src"), i.get("alt")) for i in images] == [(None, "pixel")]


# --- drafts and cancellations ------------------------------------------------------------------


DRAFT_TITLES = ("极光手环（草稿）", "新手的第一周", "内部预览会")


def test_drafts_are_nowhere_without_the_drafts_option(basic: Built) -> None:
    for url in ("products/aurora-band/", "user-stories/first-week/", "events/secret-preview/"):
        assert not page_file(basic.site, url).exists(), url
    for path in [*html_files(basic.site), basic.site / "search" / "search_index.json"]:
        content = path.read_text(encoding="utf-8")
        for title in DRAFT_TITLES:
            assert title not in content, (path, title)
    # a cancelled product keeps no page either
    assert not page_file(basic.site, "products/old-charger/").exists()


def test_drafts_are_marked_in_a_drafts_build(basic_drafts: Built) -> None:
    for url, title in (("products/aurora-band/", "极光手环（草稿）"), ("events/secret-preview/", "内部预览会"),
                       ("user-stories/first-week/", "新手的第一周")):
        doc = read_page(basic_drafts.site, url)
        assert texts(doc, "article h1") == [title]
        assert doc.cssselect(".plan-badges .plan-badge--draft"), url
        assert doc.cssselect(".admonition.plan-draft-note"), url
        assert "--drafts" in " ".join(texts(doc, ".md-banner"))
    days = _calendar_days(basic_drafts)
    assert [text(c) for c in days["2027-04-22"].cssselect(".plan-chip.plan-chip--is-draft")] == ["14:00 内部预览会"]
    legend = read_page(basic_drafts.site, "calendar/2027-04/").cssselect(".plan-legend .plan-chip--is-draft")
    assert [text(c) for c in legend] == ["未定稿"]


def test_an_entry_in_its_normal_state_wears_no_status_badge(tmp_path: Path) -> None:
    # 已发布 on a product read as "already launched", on an event as "already held": only posts say it
    plan = tmp_path / "plan"
    shutil.copytree(BASIC, plan)
    event = plan / "content/events/x1-launch.yaml"
    event.write_text(event.read_text(encoding="utf-8").replace("kind: launch\n", "kind: launch\nstatus: published\n", 1),
                     encoding="utf-8")
    basic = build_plan(plan, tmp_path / "out")
    card = [c for c in read_page(basic.site, "events/").cssselect(".plan-card") if "极光 X1 发布会" in text(c)]
    assert card and card[0].cssselect(".plan-badge") == []
    row = read_page(basic.site, "calendar/2027-04/").cssselect("#d-2027-04-10 li.plan-item--event")
    assert row and texts(row[0], ".plan-badge") == []
    assert texts(read_page(basic.site, "events/x1-launch/"), ".plan-badges .plan-badge") == ["活动"]


def test_a_cancelled_event_keeps_its_page_marked_cancelled(basic: Built) -> None:
    doc = read_page(basic.site, "events/spring-fair/")
    assert texts(doc, ".plan-badges .plan-badge--cancelled") == ["已取消"]
    assert doc.cssselect(".admonition.plan-cancelled-note")
    # nobody is offered to add a cancelled event; an event that takes place is
    assert not [a for a in doc.cssselect("article a[download]") if a.get("href", "").endswith(".ics")]
    assert read_page(basic.site, "events/x1-launch/").cssselect("article a[download][href$='.ics']")
    days = _calendar_days(basic)
    chips = {day: c for day, cell in days.items() for c in cell.cssselect("a.plan-chip--event") if "春季市集" in text(c)}
    assert sorted(chips) == ["2027-04-18", "2027-04-19"]  # both days of the fair, on April's page
    assert all("plan-cancelled" in c.get("class") for c in chips.values())
    agenda = read_page(basic.site, "calendar/2027-04/").cssselect("#d-2027-04-18 li.plan-item--event")
    assert "plan-cancelled" in agenda[0].get("class") and texts(agenda[0], ".plan-badge") == ["已取消"]
    assert texts(agenda[0], ".plan-item__time") == ["全天，至 4月19日 周一"]  # it lasts two days
    card = [c for c in read_page(basic.site, "events/").cssselect(".plan-card") if "春季市集" in text(c)]
    assert card and card[0].cssselect(".plan-badge--cancelled")


# --- events, times and zones -------------------------------------------------------------


def _facts(doc: lxml.html.HtmlElement) -> dict[str, str]:
    """A facts table as the page shows it: without the punctuation said to search
    only (`.plan-said`, hidden by plan.css)."""
    for said in doc.cssselect(".plan-facts .plan-said"):
        said.drop_tree()
    return dict(zip(texts(doc, ".plan-facts dt"), texts(doc, ".plan-facts dd")))


def test_an_event_abroad_shows_its_own_zone_and_the_plans(basic: Built) -> None:
    facts = _facts(read_page(basic.site, "events/berlin-meetup/"))
    # 18:00 in Berlin (summer time, UTC+2) is 00:00 the next day in Shanghai
    assert facts["时间"] == "2027年4月15日 周四 18:00–20:00（Europe/Berlin, UTC+02:00）"
    assert facts["换算为计划时区"] == "2027年4月16日 周五 00:00–02:00（Asia/Shanghai, UTC+08:00）"
    assert facts["地点"] == "Factory Berlin · Berlin"


def test_a_recurring_event_says_its_rule_in_words(basic: Built) -> None:
    # every Tuesday and Thursday from 6 April to 29 June 2027, but 4 May
    day, count = date(2027, 4, 6), 0
    while day <= date(2027, 6, 29):
        count += day.weekday() in (1, 3) and day != date(2027, 5, 4)
        day += timedelta(days=1)
    doc = read_page(basic.site, "events/weekly-qa/")
    facts = _facts(doc)
    assert facts["重复"] == f"每周二、四 20:00，至 2027年6月29日 周二，共 {count} 次（另有 1 次跳过）"
    assert "跳过的日期" not in facts  # said once: struck in the list of dates below
    dates = doc.cssselect(".plan-occurrences li")
    assert len(dates) == count + 1
    assert [text(d) for d in dates if d.get("class") == "plan-skipped"] == ["2027年5月4日 周二 20:00–21:00 已跳过"]
    # the dates that happen are numbered 1 to the count the rule gives; the skipped one is not numbered
    happening = [d for d in dates if d.get("class") != "plan-skipped"]
    assert [d.get("value") for d in happening] == [str(n) for n in range(1, count + 1)]
    assert [d.get("value") for d in dates if d.get("class") == "plan-skipped"] == [None]
    # each date is on the calendar (on the page of its month), the skipped one is not
    days = [day for day, cell in _calendar_days(basic).items() if "每周线上答疑" in text(cell)]
    assert len(days) == count and "2027-05-04" not in days
    assert days[0] == "2027-04-06" and days[-1] == "2027-06-29"


def test_an_event_page_offers_its_own_calendar_file(basic: Built) -> None:
    doc = read_page(basic.site, "events/x1-launch/")
    assert "x1-launch.ics" in hrefs(doc, "article a")
    assert (basic.site / "events" / "x1-launch" / "x1-launch.ics").is_file()
    facts = _facts(doc)
    assert facts["名额"] == "3,000 人"
    assert facts["提醒"] == "提前 1 天、提前 30 分钟"


# --- home, channels, calendar ------------------------------------------------------------


def test_home_shows_community_goals_tiers_channels_and_the_next_two_weeks(basic: Built) -> None:
    doc = read_page(basic.site, "")
    assert texts(doc, ".plan-hero__name") == ["极光社区"]
    assert texts(doc, ".plan-hero__positioning") == ["科技创新、用户至上"]
    bars = {text(k.cssselect(".plan-kpi__name")[0]): k.cssselect("progress")[0].get("value")
            for k in doc.cssselect(".plan-kpi")}
    # 20,000 -> 50,000, now 32,000: 40 %; 12 h -> 2 h, now 6 h: 60 %; no actual yet: empty bar
    assert bars == {"月活跃用户": "40", "问题首次响应时长": "60", "用户故事": "0"}
    assert "完成 40%" in texts(doc, ".plan-kpi__progress")
    assert "尚无实际数据" in texts(doc, ".plan-kpi__progress")
    assert texts(doc, ".plan-tier__name") == ["核心用户", "活跃用户", "新用户"]
    channels = {texts(r, "td")[0]: texts(r, "td")[2] for r in doc.cssselect("table.plan-channels tbody tr")}
    assert channels["微博"] == "每周 3 次"
    coming = " ".join(texts(doc, ".plan-agenda"))
    assert "极光 X1 发布会" in coming and "清明节" in coming  # 10 April, 5 April
    assert "极光的十年" not in coming  # 20 April: beyond two weeks from 1 April
    assert "春季新品季" in coming  # running now


def test_home_and_calendar_follow_the_builds_now(tmp_path: Path) -> None:
    later = build_plan(BASIC, tmp_path / "p", now=NOW + timedelta(days=18))  # 19 April
    coming = " ".join(texts(read_page(later.site, ""), ".plan-agenda"))
    assert "极光的十年" in coming and "清明节" not in coming
    calendar = read_page(later.site, "calendar/")
    assert texts(calendar, "#coming-up + .plan-hint") == ["2027年4月19日 周一 – 2027年5月16日 周日"]  # 28 whole days
    coming = " ".join(texts(calendar, ".plan-agenda"))
    assert "极光的十年" in coming and "劳动节假期" in coming  # 20 April, 1 May
    assert "清明节" not in coming and "极光 X1 发布会" not in coming  # 5 and 10 April: past
    assert [d.get("id") for d in calendar.cssselect(".plan-agenda__day")][0] == "d-2027-04-19"
    assert texts(calendar, ".plan-coming-more a") == ["2027年4月", "2027年5月"]
    assert [_follow("calendar/", h) for h in hrefs(calendar, ".plan-coming-more a")] == BASIC_MONTHS[1:3]
    days = _calendar_days(later)
    assert [d for d, c in days.items() if "plan-day--today" in c.get("class")] == ["2027-04-19"]


def test_a_channel_page_has_its_schedule_and_subscriptions(basic: Built) -> None:
    doc = read_page(basic.site, "channels/weibo/")
    links = hrefs(doc, "article a")
    for target in ("../../feeds/weibo.rss.xml", "../../feeds/weibo.atom.xml", "../../calendar/weibo.ics",
                   "webcal://plan.example.cn/aurora/calendar/weibo.ics"):
        assert target in links
    upcoming = " ".join(texts(doc, "#upcoming + .plan-table-wrap tbody"))
    past = " ".join(texts(doc, "#past + .plan-table-wrap tbody"))
    assert "极光 X1 正式发布" in upcoming and "带着 X1 在川西徒步的七天" in past
    assert "带着 X1 在川西徒步的七天" not in upcoming
    feeds = {(l.get("type"), l.get("href")) for l in doc.cssselect("head link[rel=alternate]")}
    assert ("application/rss+xml", "../../feeds/all.rss.xml") in feeds
    assert ("application/atom+xml", "../../feeds/weibo.atom.xml") in feeds


def test_every_page_announces_the_site_wide_feeds(basic: Built) -> None:
    for path in html_files(basic.site):
        doc = read_page(basic.site, path.relative_to(basic.site).as_posix())
        types = [l.get("type") for l in doc.cssselect("head link[rel=alternate]")]
        assert "application/rss+xml" in types and "application/atom+xml" in types, path


def _follow(page: str, href: str) -> str:
    """The site-relative URL a relative link on a page leads to."""
    path = href.split("#")[0]
    target = posixpath.normpath(posixpath.join("/" + page, path))
    return target.lstrip("/") + ("/" if path.endswith("/") and target != "/" else "")


def _month_urls(built: Built) -> list[str]:
    """The month pages, as a reader finds them: the calendar page's month links."""
    return [_follow("calendar/", h) for h in hrefs(read_page(built.site, "calendar/"), ".plan-months__title")]


def _calendar_days(built: Built) -> dict[str, object]:
    """Every day cell of every month page, by date."""
    days = {}
    for url in _month_urls(built):
        for cell in read_page(built.site, url).cssselect("table.plan-month td.plan-day[data-date]"):
            assert cell.get("data-date") not in days, (url, cell.get("data-date"))  # each day on one page
            days[cell.get("data-date")] = cell
    return days


BASIC_MONTHS = ["calendar/2027-03/", "calendar/2027-04/", "calendar/2027-05/", "calendar/2027-06/"]


def test_the_calendar_page_links_every_month_with_its_counts(basic: Built) -> None:
    doc = read_page(basic.site, "calendar/")
    assert texts(doc, "article h1") == ["日历"]
    assert [h.get("id") for h in doc.cssselect("article h2")] == ["months", "coming-up"]
    # every month of the plan (28 March to 29 June), in order, each with its own page
    assert texts(doc, ".plan-months__title") == ["2027年3月", "2027年4月", "2027年5月", "2027年6月"]
    assert _month_urls(basic) == BASIC_MONTHS
    assert doc.cssselect("table.plan-month") == []  # the grids are on the month pages
    # now (1 April) is in April
    current = doc.cssselect(".plan-months__month--current")
    assert [texts(c, ".plan-months__title") for c in current] == [["2027年4月"]]
    assert texts(current[0], ".plan-badge") == ["本月"]
    # a card counts what its month's agenda lists, kind by kind
    for card, url in zip(doc.cssselect(".plan-months__month"), BASIC_MONTHS):
        tallies = {
            next(c[len("plan-chip--"):] for c in item.get("class").split() if c.startswith("plan-chip--")):
            int(texts(item, ".plan-tally__count")[0])
            for item in card.cssselect(".plan-tally__item")
        }
        month = read_page(basic.site, url)
        listed = {kind: len(month.cssselect(f".plan-agenda li.plan-item--{kind}"))
                  for kind in ("event", "slot", "campaign", "launch", "key-date")}
        assert tallies == {kind: n for kind, n in listed.items() if n}, url
    april = doc.cssselect(".plan-months__month")[1]
    assert dict(zip(texts(april, ".plan-tally__kind"), texts(april, ".plan-tally__count"))) == {
        "活动": "11", "发布": "7", "营销活动": "1", "产品发布": "1", "重要日期": "2"}
    # the legend and the subscriptions stay on the calendar page
    legend = texts(doc, ".plan-legend .plan-chip")
    assert {"活动", "发布", "营销活动", "产品发布", "节假日", "电商节点", "品牌日", "已取消"} <= set(legend)
    links = hrefs(doc, "article a")
    assert "all.ics" in links and "events.ics" in links and "subscribe/" in links
    assert "webcal://plan.example.cn/aurora/calendar/all.ics" in links


def test_the_calendar_page_lists_the_coming_four_weeks(basic: Built) -> None:
    doc = read_page(basic.site, "calendar/")
    assert texts(doc, "#coming-up + .plan-hint") == ["2027年4月1日 周四 – 2027年4月28日 周三"]  # 28 whole days
    days = [d.get("id") for d in doc.cssselect(".plan-agenda__day")]
    assert days[0] == "d-2027-04-01" and days[-1] == "d-2027-04-27"
    coming = " ".join(texts(doc, ".plan-agenda"))
    assert "春季新品季" in coming  # running since 1 April
    assert "极光 X1 发布会" in coming and "清明节" in coming and "极光的十年" in coming  # 10, 5 and 20 April
    assert "劳动节假期" not in coming  # 1 May: beyond four weeks
    assert texts(doc, ".plan-coming-more") == ["按月查看：2027年4月"]  # nothing left out: no "n more"
    assert hrefs(doc, ".plan-coming-more a") == ["2027-04/"]


def test_each_month_page_has_its_grid_agenda_and_neighbours(basic: Built) -> None:
    for index, url in enumerate(BASIC_MONTHS):
        doc = read_page(basic.site, url)
        year, month = int(url[9:13]), int(url[14:16])
        assert texts(doc, "article h1") == [f"{year}年{month}月"]
        assert len(doc.cssselect("table.plan-month")) == 1
        assert texts(doc, "table.plan-month th") == ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
        # every day of the month, once, in its weekday's column; the rest of the weeks stay blank
        rows = doc.cssselect("table.plan-month tbody tr")
        cells = [(r, c) for r, row in enumerate(rows) for c, cell in enumerate(row.cssselect("td"))
                 if cell.get("data-date")]
        dates = [rows[r].cssselect("td")[c].get("data-date") for r, c in cells]
        last = stdcalendar.monthrange(year, month)[1]
        assert dates == [f"{year:04d}-{month:02d}-{d:02d}" for d in range(1, last + 1)], url
        assert [c for _, c in cells] == [date(year, month, d).weekday() for d in range(1, last + 1)]
        assert [int(n) for n in texts(doc, ".plan-day__number")] == list(range(1, last + 1))
        assert {"活动", "发布", "已取消"} <= set(texts(doc, ".plan-legend .plan-chip"))
        assert [h.get("id") for h in doc.cssselect("article h2")] == ["agenda"]
        # previous and next month, both ends; and back to all the months
        for pager in doc.cssselect(".plan-month-pager"):
            previous = [_follow(url, h) for h in hrefs(pager, "a[rel=prev]")]
            following = [_follow(url, h) for h in hrefs(pager, "a[rel=next]")]
            assert previous == BASIC_MONTHS[index - 1:index] if index else previous == []
            assert following == BASIC_MONTHS[index + 1:index + 2]
            assert [_follow(url, h) for h in hrefs(pager, ".plan-month-pager__overview")] == ["calendar/"]
        assert len(doc.cssselect(".plan-month-pager")) == 2  # above the grid and below the agenda
    april = read_page(basic.site, "calendar/2027-04/")
    kinds = {c.get("class").split()[1] for c in april.cssselect("td[data-date='2027-04-10'] a.plan-chip")}
    assert {"plan-chip--event", "plan-chip--launch", "plan-chip--key-date"} <= kinds
    assert april.cssselect("td[data-date='2027-04-01']")[0].get("class").split()[-1] == "plan-day--today"
    assert texts(april, "td[data-date='2027-04-10'] .plan-day__more") == ["+1"]  # five things that day
    # a chip opens the entry's page; a key date (no page) its line in the agenda
    chips = {text(c): c.get("href") for c in april.cssselect("td[data-date='2027-04-10'] a.plan-chip")}
    assert chips["19:30 极光 X1 发布会"] == "../../events/x1-launch/"
    assert chips["品牌日 极光品牌日"] == "#d-2027-04-10"
    assert texts(april, "#d-2027-04-10 .plan-item__title")[0] == "极光品牌日"
    may = read_page(basic.site, "calendar/2027-05/")
    labour = [c.get("data-date") for c in may.cssselect("td.plan-day") if "劳动节假期" in text(c)]
    assert labour == ["2027-05-01", "2027-05-02", "2027-05-03", "2027-05-04", "2027-05-05"]
    assert "2027-05-04" not in [c.get("data-date") for c in may.cssselect("td.plan-day") if "每周线上答疑" in text(c)]


def test_calendar_pages_are_left_out_of_search(basic: Built) -> None:
    locations = {d["location"].split("#")[0] for d in search_index(basic.site)["docs"]}
    assert "calendar/subscribe/" in locations
    assert [x for x in locations if x.startswith("calendar/") and x != "calendar/subscribe/"] == []
    assert "products/aurora-x1/" in locations


def test_a_key_date_across_two_months_links_back_to_where_it_starts(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    key_dates = root / "calendar" / "key-dates.yaml"
    key_dates.write_text(key_dates.read_text(encoding="utf-8")
                         + "- date: 2027-04-30\n  end: 2027-05-02\n  title: 跨月促销\n  kind: commerce\n",
                         encoding="utf-8")
    built = build_project(root)
    days = _calendar_days(built)
    hrefs_by_day = {day: [c.get("href") for c in cell.cssselect("a.plan-chip") if "跨月促销" in text(c)]
                    for day, cell in days.items()}
    assert {d: h for d, h in hrefs_by_day.items() if h} == {
        "2027-04-30": ["#d-2027-04-30"],
        "2027-05-01": ["../2027-04/#d-2027-04-30"],
        "2027-05-02": ["../2027-04/#d-2027-04-30"],
    }
    file, fragment = resolve(built.site, "calendar/2027-05/", "../2027-04/#d-2027-04-30")
    assert fragment in ids(file) and file == page_file(built.site, "calendar/2027-04/")
    assert "跨月促销" in texts(read_page(built.site, "calendar/2027-04/"), "#d-2027-04-30 .plan-item__title")
    assert "跨月促销" not in " ".join(texts(read_page(built.site, "calendar/2027-05/"), ".plan-agenda"))


def test_the_subscription_page_explains_each_client_and_its_refresh(basic: Built) -> None:
    doc = read_page(basic.site, "calendar/subscribe/")
    headings = texts(doc, "article h2")
    assert headings[1] == "团队成员的日历" and headings[-3:] == ["Apple 日历（iPhone、iPad、Mac）", "Outlook", "Google 日历"]
    body = text(doc.cssselect("article")[0])
    assert "大约每天刷新一次" in body and "每隔几个小时" in body and "可以自行设置" in body
    assert "https://plan.example.cn/aurora/calendar/all.ics" in [c.text_content() for c in doc.cssselect("code.plan-url")]
    assert "webcal://plan.example.cn/aurora/calendar/events.ics" in hrefs(doc, "article a")
    # each member's own calendar, downloadable from a file the build wrote
    people = doc.cssselect("h2#people + p + .plan-subs")[0]
    assert [text(s) for s in people.cssselect(".plan-sub__name strong")] == ["林晓", "王磊", "赵敏"]
    assert "webcal://plan.example.cn/aurora/calendar/people/wang.ics" in hrefs(people, "a")
    downloads = hrefs(people, "a[download]")
    assert len(downloads) == 3
    for href in downloads:
        found = resolve(basic.site, "calendar/subscribe/", href)
        assert found is not None and found[0].is_file() and found[0].read_bytes().startswith(b"BEGIN:VCALENDAR"), href


def test_labels_follow_the_plans_language(basic: Built, hostile: Built) -> None:
    zh = read_page(basic.site, "")
    en = read_page(hostile.site, "")
    assert zh.get("lang") == "zh" and en.get("lang") == "en"
    assert zh.cssselect("input.md-search__input")[0].get("placeholder") == "搜索"
    assert en.cssselect("input.md-search__input")[0].get("placeholder") == "Search"
    assert texts(en, "article h2")[:3] == ["About the community", "To do this week", "The next two weeks"]
    facts = _facts(read_page(hostile.site, "events/standup/"))
    assert facts["Repeats"] == "Every Mon, Wed and Fri at 09:30, 5 times (1 more skipped)"
    assert search_index(basic.site)["config"]["lang"] == ["zh"]



def test_materials_own_strings_follow_the_plans_language(basic: Built, hostile: Built) -> None:
    """Material says "Made with Material for MkDocs", "Permanent link" and
    "404 - Not found" in English whatever the language: none of it is left."""
    for built, link, missing, home in ((basic, "本节链接", "404 - 找不到页面", "回到首页"),
                                       (hostile, "Link to this section", "404 - Page not found", "Back to the home page")):
        for path in html_files(built.site):
            page = path.read_text(encoding="utf-8")
            assert "Made with" not in page and "Material for MkDocs" not in page, path
            assert "Permanent link" not in page and "Not found" not in page, path
        home_page = read_page(built.site, "")
        links = home_page.cssselect("a.headerlink")
        assert links and {a.get("title") for a in links} == {link}
        not_found = read_page(built.site, "404.html")
        assert texts(not_found, "article h1") == [missing]
        back = [a for a in not_found.cssselect("article a") if text(a) == home]
        found = resolve(built.site, "404.html", back[0].get("href"), urlsplit(built.plan.site.base_url).path)
        assert len(back) == 1 and found is not None and found[0] == built.site / "index.html"


# --- the build itself ------------------------------------------------------------------------


def test_the_same_plan_and_now_give_the_same_bytes(basic: Built, tmp_path: Path) -> None:
    again = build_plan(BASIC, tmp_path / "again")
    first = {p.relative_to(basic.site): p.read_bytes() for p in basic.site.rglob("*") if p.is_file()}
    second = {p.relative_to(again.site): p.read_bytes() for p in again.site.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_a_busy_channel_lists_its_next_and_latest_posts_and_points_to_the_calendar(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    posts = "".join(f"  - channel: weibo\n    at: 2027-{5 + n // 28:02d}-{1 + n % 28:02d} 20:00\n" for n in range(130))
    past = "".join(f"  - channel: weibo\n    at: 2027-01-{1 + n % 28:02d} {8 + n // 28:02d}:00\n" for n in range(60))
    (root / "content" / "user-stories" / "busy.yaml").write_text(
        f"title: 连载\nsummary: 每天一篇\nauthor:\n  name: 小编\npublish:\n{posts}{past}", encoding="utf-8"
    )
    built = build_project(root)
    doc = read_page(built.site, "channels/weibo/")
    upcoming = doc.cssselect("#upcoming + .plan-table-wrap tbody tr")
    latest = doc.cssselect("#past + .plan-table-wrap tbody tr")
    assert len(upcoming) == 100 and len(latest) == 50
    assert "2027年4月10日" in text(upcoming[0]) and "2027年5月1日" in text(upcoming[2])  # the nearest first
    assert "2027年3月28日" in text(latest[0]) and "2027年1月28日 周四 09:00" in text(latest[1])  # the latest first
    hints = doc.cssselect(".plan-hint")
    # with the plan's own posts: 132 upcoming (a draft's is not shown in this build) and 61 past
    assert [text(h) for h in hints] == ["另有 32 条未列出，全部安排见日历。", "另有 11 条未列出，全部安排见日历。"]
    assert {a.get("href") for h in hints for a in h.cssselect("a")} == {"../../calendar/"}


def test_a_long_collection_is_paginated(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    for n in range(130):
        (root / "content" / "user-stories" / f"story-{n:03d}.yaml").write_text(
            f"title: 故事 {n:03d}\nsummary: 第 {n} 个故事\nauthor:\n  name: 用户 {n}\n", encoding="utf-8"
        )
    built = build_project(root)
    first, second = read_page(built.site, "user-stories/"), read_page(built.site, "user-stories/page/2/")
    listed = hrefs(first, ".plan-card__title a") + hrefs(second, ".plan-card__title a")
    assert len(listed) == 131 and len(set(listed)) == 131
    assert "page/2/" in hrefs(first, ".plan-pager a") and "../../" in hrefs(second, ".plan-pager a")


def test_extra_pages_from_the_team_join_the_site(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    (root / "pages").mkdir()
    (root / "pages" / "about.md").write_text("# 关于我们\n\n社区运营团队。\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("nav: []", "nav:\n  - 关于: about.md")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    built = build_project(root)
    assert texts(read_page(built.site, "about/"), "article h1") == ["关于我们"]
    assert "about/" in hrefs(read_page(built.site, ""), ".md-nav--primary a")


def test_pages_keep_their_anchors_when_the_team_drops_markdown_extensions(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "attr_list" in config.pop("markdown_extensions")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    built = build_project(root)
    home = read_page(built.site, "")
    assert [h.get("id") for h in home.cssselect("article h2")][:4] == ["community", "todo", "coming-up", "goals"]
    assert "{#" not in text(home)


def test_the_build_is_quiet_when_it_works_and_says_why_when_it_fails(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    root = make_project(BASIC, tmp_path / "p")
    plan = load_plan(root)
    shown = view(plan, NOW, drafts=False)
    build_site(root, shown.plan, shown, tmp_path / "site", pages.render(shown.plan, shown))
    assert capfd.readouterr() == ("", "")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace("nav: []", "nav:\n  - 不存在: missing.md")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    with pytest.raises(SiteBuildError) as failure:
        build_site(root, plan, shown, tmp_path / "site", pages.render(plan, shown))
    assert any("missing.md" in line for line in failure.value.messages)


def test_the_generated_config_inherits_the_teams_mkdocs_yml(basic: Built) -> None:
    generated = yaml.safe_load((basic.root / ".build" / "mkdocs.yml").read_text(encoding="utf-8"))
    assert generated["INHERIT"] == "../mkdocs.yml"
    assert generated["theme"]["language"] == "zh" and generated["theme"]["font"] is False
    assert generated["plugins"] == {"search": {"lang": ["zh"]}}
    # the team's palette (from the root mkdocs.yml) reaches the pages
    body = read_page(basic.site, "").cssselect("body")[0]
    assert body.get("data-md-color-primary") == "custom" and body.get("data-md-color-accent") == "custom"


def test_the_footer_line_follows_the_teams_own_copyright_and_stays_text(basic: Built, tmp_path: Path) -> None:
    parent = {"copyright": "© 2027 <a href='https://example.cn/'>星火</a>"}
    line = "更新于 2027-06-10 10:00 · 下次更新 <b>20:00</b>"
    shown = view(basic.plan, SITE_NOW, drafts=False)
    config = generated_config(basic.root / "mkdocs.yml", basic.plan, shown, tmp_path, tmp_path / "s", parent, line)
    assert config["copyright"] == (
        "© 2027 <a href='https://example.cn/'>星火</a><br>"
        '<span class="plan-built">更新于 2027-06-10 10:00 · 下次更新 &lt;b&gt;20:00&lt;/b&gt;</span>'
    )
    assert "copyright" not in generated_config(basic.root / "mkdocs.yml", basic.plan, shown, tmp_path, tmp_path, {})


# --- preview with live reload ------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition, what: str, limit: float = 120.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            value = condition()
        except requests.RequestException:
            value = None
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"gave up waiting for {what}")


def test_serve_previews_rebuilds_on_yaml_edits_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as stream:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--root", str(root), "--port", str(port),
             "--now", "2027-04-01T09:00+08:00"],
            cwd=ROOT, stdout=stream, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
    base = f"http://127.0.0.1:{port}/"
    story = root / "content" / "user-stories" / "sichuan-hike.yaml"
    try:
        page = _wait_for(lambda: requests.get(base + "user-stories/sichuan-hike/", timeout=10), "the preview")
        assert page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert "带着 X1 在川西徒步的七天" in page.text
        assert "livereload" in page.text  # the page reloads itself after a rebuild
        ics = requests.get(base + "calendar/all.ics", timeout=10)
        assert ics.headers["Content-Type"] == "text/calendar; charset=utf-8"
        assert ics.text.startswith("BEGIN:VCALENDAR")

        story.write_text(story.read_text(encoding="utf-8").replace("在川西徒步的七天", "在川西徒步的八天"),
                         encoding="utf-8")
        _wait_for(lambda: "在川西徒步的八天" in requests.get(base + "user-stories/sichuan-hike/", timeout=10).text,
                  "the edit to show")

        story.write_text(story.read_text(encoding="utf-8").replace("products: [aurora-x1]", "products: [nope]"),
                         encoding="utf-8")
        error = re.compile(r"content/user-stories/sichuan-hike\.yaml:\d+:\d+: error: ")
        _wait_for(lambda: error.search(log.read_text(encoding="utf-8")), "the problem to be printed")
        still = requests.get(base + "user-stories/sichuan-hike/", timeout=10)
        assert still.status_code == 200 and "在川西徒步的八天" in still.text
    finally:
        server.terminate()
        server.wait(timeout=30)
    shutil.rmtree(root / ".build", ignore_errors=True)
