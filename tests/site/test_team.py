"""`site.team`: what each person has to do, on the site (`team/` and
`team/<member>/`), built for real from a small plan written as files
(tests/plans/team-basic: three people, a workflow of its own, posts in every
state around Thursday 2027-06-10 10:00 Asia/Shanghai) and read back as HTML,
as a member of the team reads it: overdue first, then this week and next, day
by day, with times, statuses and links.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pytest
from playwright.sync_api import sync_playwright

from conftest import edit
from generator.plan.visibility import view
from generator.site import pages
from support_site import (
    ARTIFACTS, PLANS, ROOT, Built, build_plan, hrefs, load_plan, read_page, serving, text, texts,
)

TEAM = PLANS / "team-basic"
SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2027, 6, 10, 10, 0, tzinfo=SHANGHAI)  # a Thursday
SUNDAY_NIGHT = datetime(2027, 6, 13, 15, 30, tzinfo=timezone.utc)  # Sunday 23:30 in Shanghai
MONDAY_MORNING = datetime(2027, 6, 13, 23, 0, tzinfo=timezone.utc)  # Monday 07:00 in Shanghai, still Sunday in UTC
EXAMPLE_NOW = datetime(2027, 6, 10, 10, 0, tzinfo=SHANGHAI)  # the Makefile's NOW
CHROMIUM = Path("/usr/bin/chromium")

OVERDUE, THIS_WEEK, NEXT_WEEK = "逾期", "本周", "下周"


@dataclass(frozen=True)
class Row:
    """One task as a reader sees it: under which day, when, what, which post, where, in what state."""

    day: str  # the day's heading; "" in the overdue list, which has no days
    time: str
    what: str
    title: str
    channel: str
    badges: tuple[str, ...]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_plan(TEAM, tmp_path_factory.mktemp("team") / "project", now=NOW)


@pytest.fixture(scope="module")
def built_drafts(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_plan(TEAM, tmp_path_factory.mktemp("team-drafts") / "project", drafts=True, now=NOW)


def _sections(doc: lxml.html.HtmlElement) -> dict[str, list[Row]]:
    """The page's sections in order (h2 text -> its tasks); empty sections map to []."""
    found: dict[str, list[Row]] = {}
    current, day = None, ""
    for element in doc.cssselect("article")[0].iter("h2", "h3", "li"):
        classes = (element.get("class") or "").split()
        if element.tag == "h2":
            current, day = text(element), ""
            found[current] = []
        elif element.tag == "h3" and "plan-work__date" in classes:
            day = (element.text or "").strip()  # the day, without its "today" badge
        elif element.tag == "li" and "plan-task" in classes:
            assert current is not None
            found[current].append(Row(
                day if current != OVERDUE else "",
                *(text(element.cssselect(f".plan-task__{part}")[0]) for part in ("time", "what", "title", "channel")),
                tuple(texts(element, ".plan-badge")),
            ))
    return found


def _person(built: Built, member: str) -> dict[str, list[Row]]:
    return _sections(read_page(built.site, f"team/{member}/"))


# --- each person's page --------------------------------------------------------------------


def test_a_persons_page_holds_their_deadlines_and_posts_overdue_first_then_by_day(built: Built) -> None:
    ana = _person(built, "ana")
    assert list(ana) == [OVERDUE, THIS_WEEK, NEXT_WEEK]  # overdue first
    assert ana[OVERDUE] == [
        Row("", "6月8日 周二 09:00", "发布", "A1 端午预热", "微博", ("应发未发",)),  # approved, due, not out
        Row("", "6月9日 周三 14:00", "终审 截止", "D2 迟了", "星火论坛", ("逾期",)),  # she reviews bo's draft
        Row("", "6月9日 周三 18:00", "写稿 截止", "B1 草稿", "微博", ("逾期",)),  # `due:` moved it earlier
    ]
    assert ana[THIS_WEEK] == [
        Row("2027年6月7日 周一", "10:00", "发布", "A2 已发布", "微博", ("已发布",)),
        Row("2027年6月7日 周一", "20:00", "选题 截止", "A3 周六推送", "微信公众号", ("已完成",)),
        Row("2027年6月10日 周四", "20:00", "写稿 截止", "A3 周六推送", "微信公众号", ("已完成",)),
        Row("2027年6月11日 周五", "12:00", "选题 截止", "B1 草稿", "微博", ("已完成",)),
        Row("2027年6月12日 周六", "20:00", "发布", "A3 周六推送", "微信公众号", ("已批准",)),
    ]
    assert ana[NEXT_WEEK] == [
        Row("2027年6月14日 周一", "03:00", "终审 截止", "D3 周一", "微博", ("已完成",)),
        Row("2027年6月16日 周三", "12:00", "发布", "B1 草稿", "微博", ("草稿",)),  # a draft, in a build without --drafts
        Row("2027年6月17日 周四", "全天", "终审 截止", "D1 全天", "微信公众号", ("待完成",)),  # a date slot: a day before
    ]


def test_another_persons_page_holds_only_their_own_work(built: Built) -> None:
    bo = _person(built, "bo")
    assert list(bo) == [OVERDUE, THIS_WEEK, NEXT_WEEK]
    assert bo[OVERDUE] == [
        Row("", "6月7日 周一 20:00", "写稿 截止", "D2 迟了", "星火论坛", ("逾期",)),
        Row("", "6月9日 周三 20:00", "发布", "D2 迟了", "星火论坛", ("草稿",)),  # a draft past its time is overdue too
    ]
    assert bo[THIS_WEEK] == [
        Row("2027年6月7日 周一", "04:00", "终审 截止", "A2 已发布", "微博", ("已完成",)),
        Row("2027年6月8日 周二", "03:00", "终审 截止", "A1 端午预热", "微博", ("已完成",)),
        Row("2027年6月9日 周三", "09:00", "选题 截止", "D3 周一", "微博", ("已完成",)),
        Row("2027年6月12日 周六", "09:00", "写稿 截止", "D3 周一", "微博", ("已完成",)),
        Row("2027年6月12日 周六", "14:00", "终审 截止", "A3 周六推送", "微信公众号", ("已完成",)),
        Row("2027年6月13日 周日", "全天", "选题 截止", "D1 全天", "微信公众号", ("已完成",)),
    ]
    assert bo[NEXT_WEEK] == [
        Row("2027年6月14日 周一", "09:00", "发布", "D3 周一", "微博", ("已批准",)),
        Row("2027年6月16日 周三", "全天", "写稿 截止", "D1 全天", "微信公众号", ("已完成",)),
        Row("2027年6月16日 周三", "06:00", "终审 截止", "B1 草稿", "微博", ("待完成",)),
        Row("2027年6月18日 周五", "全天", "发布", "D1 全天", "微信公众号", ("审核中",)),
    ]


def test_ideas_cancelled_posts_and_later_work_are_on_nobodys_page(built: Built) -> None:
    for member in ("ana", "bo", "cy"):
        titles = {row.title for rows in _person(built, member).values() for row in rows}
        assert not titles & {"C1 创意", "A4 已取消", "A5 七月"}, member


def test_someone_with_nothing_to_do_reads_so_in_each_section(built: Built) -> None:
    doc = read_page(built.site, "team/cy/")
    assert _sections(doc) == {OVERDUE: [], THIS_WEEK: [], NEXT_WEEK: []}
    assert texts(doc, ".plan-empty p") == ["没有逾期的截止或发布。", "本周没有其他截止或发布。", "下周没有截止或发布。"]


def test_titles_link_to_entry_pages_this_build_has_and_published_posts_to_the_post(
    built: Built, built_drafts: Built
) -> None:
    doc = read_page(built.site, "team/ana/")
    links = {text(li.cssselect(".plan-task__title")[0]): hrefs(li, ".plan-task__title a") for li in doc.cssselect("li.plan-task")}
    assert links["A1 端午预热"] == ["../../brand-stories/story-a/"]
    assert links["B1 草稿"] == []  # a draft entry has no page without --drafts: its title is plain text
    assert (built.site / "brand-stories/story-a/index.html").is_file()
    posts = [(text(li.cssselect(".plan-task__title")[0]), hrefs(li, "a.plan-task__post"))
             for li in doc.cssselect("li.plan-task") if li.cssselect("a.plan-task__post")]
    assert posts == [("A2 已发布", ["https://weibo.example.cn/spark/a2"])]
    with_drafts = read_page(built_drafts.site, "team/ana/")
    draft = [li for li in with_drafts.cssselect("li.plan-task") if "B1 草稿" in text(li)]
    assert {h for li in draft for h in hrefs(li, ".plan-task__title a")} == {"../../brand-stories/story-b/"}
    assert _person(built_drafts, "ana") == _person(built, "ana")  # the same work, with or without --drafts


def test_today_is_marked_among_the_days(built: Built) -> None:
    doc = read_page(built.site, "team/ana/")
    marked = [(h.text or "").strip() for h in doc.cssselect("h3.plan-work__date") if h.cssselect(".plan-badge--today")]
    assert marked == ["2027年6月10日 周四"]


def test_the_weeks_begin_on_monday_in_the_plans_zone(tmp_path: Path) -> None:
    sunday = build_plan(TEAM, tmp_path / "sunday", now=SUNDAY_NIGHT)
    bo = _person(sunday, "bo")
    assert bo[THIS_WEEK][-1].day == "2027年6月13日 周日"  # Sunday night: still this week
    assert bo[NEXT_WEEK][0] == Row("2027年6月14日 周一", "09:00", "发布", "D3 周一", "微博", ("已批准",))
    assert texts(read_page(sunday.site, "team/bo/"), ".plan-hint")[:2] == [
        "6月7日 周一 – 6月13日 周日", "6月14日 周一 – 6月20日 周日"]

    monday = build_plan(TEAM, tmp_path / "monday", now=MONDAY_MORNING)  # in UTC it is still Sunday
    bo = _person(monday, "bo")
    assert bo[THIS_WEEK][0] == Row("2027年6月14日 周一", "09:00", "发布", "D3 周一", "微博", ("已批准",))
    assert all(row.day != "2027年6月13日 周日" for rows in bo.values() for row in rows)  # last week's, and done
    assert bo[NEXT_WEEK] == []
    assert texts(read_page(monday.site, "team/bo/"), ".plan-hint") == [
        "6月14日 周一 – 6月20日 周日", "6月21日 周一 – 6月27日 周日"]
    ana = _person(monday, "ana")
    # the Saturday post fell due unpublished over the weekend; the July post's first stage is next week's
    assert ana[OVERDUE][-1] == Row("", "6月12日 周六 20:00", "发布", "A3 周六推送", "微信公众号", ("应发未发",))
    assert ana[NEXT_WEEK] == [Row("2027年6月26日 周六", "10:00", "选题 截止", "A5 七月", "微信公众号", ("已完成",))]


# --- the team's index and the navigation -------------------------------------------------


def test_the_team_page_lists_everyone_with_their_counts_and_calendar(built: Built) -> None:
    doc = read_page(built.site, "team/")
    cards = doc.cssselect("li.plan-person")
    assert [hrefs(card, ".plan-card__title a") for card in cards] == [["ana/"], ["bo/"], ["cy/"]]
    assert [texts(card, ".plan-tally__n") for card in cards] == [
        ["逾期 3", "本周待办 1", "下周待办 2"],  # still to do: A3's post this week; B1's post and D1's review next
        ["逾期 2", "本周待办 0", "下周待办 3"],
        ["逾期 0", "本周待办 0", "下周待办 0"],
    ]
    assert hrefs(cards[0], ".plan-person__calendar a") == [
        "../calendar/people/ana.ics", "webcal://plan.example.cn/spark/calendar/people/ana.ics"]
    person = read_page(built.site, "team/ana/")
    assert hrefs(person, ".plan-subscribe a") == [
        "../../calendar/people/ana.ics", "webcal://plan.example.cn/spark/calendar/people/ana.ics"]
    assert texts(person, "article h1") == ["安娜"]


def test_the_navigation_lists_the_team_page_but_not_each_person(built: Built) -> None:
    doc = read_page(built.site, "")
    nav = [(text(a), a.get("href")) for a in doc.cssselect("nav.md-nav--primary a.md-nav__link")]
    assert ("团队", "team/") in nav
    assert not [href for _, href in nav if href and href.startswith("team/") and href != "team/"]
    for member in ("ana", "bo", "cy"):
        assert (built.site / "team" / member / "index.html").is_file()


def test_the_team_pages_speak_english_in_an_english_plan(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("team-basic")
    edit(root / "content/site.yaml", "language: zh", "language: en")
    shown = view(load_plan(root), NOW, drafts=False)
    rendered = {o.path: o.data.decode() for o in pages.render(shown.plan, shown)}
    ana = rendered["team/ana/index.md"]
    assert ana.index("## Overdue") < ana.index("## This week") < ana.index("## Next week")
    assert "Tue 8 Jun 09:00" in ana and "选题 due" in ana  # the workflow's own stage name
    assert {"Team": "team/index.md"} in pages.navigation(shown.plan)
    assert "## To do this week" in rendered["index.md"]


# --- schedules link a published post --------------------------------------------------------


def test_schedules_link_a_published_post_to_where_it_went_out(built: Built) -> None:
    for url in ("brand-stories/story-a/", "channels/weibo/"):
        doc = read_page(built.site, url)
        linked = [(text(a), a.get("href")) for a in doc.cssselect("table.plan-schedule td a[rel~=noopener]")]
        assert linked == [("A2 已发布", "https://weibo.example.cn/spark/a2")], url


# --- in a browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_plan(ROOT, tmp_path_factory.mktemp("team-example") / "project", now=EXAMPLE_NOW)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    assert CHROMIUM.is_file(), "Debian's chromium is required at /usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield browser
        browser.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_team_pages_fit_a_desktop_and_a_phone(chromium, built: Built, example: Built, width: int) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for site, name, paths in (
        (built, "team-basic", ("team/", "team/ana/", "")),
        (example, "example", ("team/", "team/wang-xiaotong/", "team/lin-fei/", "")),
    ):
        with serving(site.site) as base:
            page = chromium.new_page(viewport={"width": width, "height": 900}, locale="zh-CN")
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            for path in paths:
                page.goto(base + path)
                page.wait_for_load_state("networkidle")
                spill = page.evaluate(
                    "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
                assert spill <= 0, (name, path, width)
                # every task's line stays inside the content column
                outside = page.evaluate(
                    """() => { const box = document.querySelector('article').getBoundingClientRect();
                               return [...document.querySelectorAll('li.plan-task, li.plan-person')]
                                 .filter(li => li.getBoundingClientRect().right > box.right + 1).length; }""")
                assert outside == 0, (name, path, width)
                shot = ARTIFACTS / f"{name}-{(path.strip('/').replace('/', '-') or 'home')}-{width}.png"
                page.screenshot(path=str(shot), full_page=True)
            page.close()
            assert errors == []
    # the home page's to-do comes before what is coming up, and holds each person's link
    doc = read_page(example.site, "")
    headings = texts(doc, "article h2")
    assert headings.index("本周待办") < headings.index("未来两周")
