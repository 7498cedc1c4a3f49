"""`week_pages`: the team's week, read from the generated pages of a small
plan written as files (tests/plans/site-views, now: Wednesday 5 May 2027).

What a planner checks: the week runs Monday to Sunday in the plan's zone;
each thing is on its day, in time order, with who does it and where it
stands; the stages still to do are there with the person who does them,
late ones marked; the previous and next week and the month are one click
away; `calendar/week/` is the week of now.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import lxml.html
import pytest

from support_site import VIEWS, VIEWS_NOW, body, hrefs, load_plan, rendered, text, texts

WEEK_18 = "calendar/2027-w18/index.md"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return load_plan(VIEWS)


@pytest.fixture(scope="module")
def with_drafts(plan) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return rendered(plan, VIEWS_NOW, drafts=True)


@pytest.fixture(scope="module")
def without_drafts(plan) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return rendered(plan, VIEWS_NOW, drafts=False)


def _rows(day: lxml.html.HtmlElement) -> list[tuple[str, str, str, str, str]]:
    """(time, kind, title, who, status) of each row of a day, as a reader sees them."""
    found = []
    for row in day.cssselect("li.plan-item"):
        def part(css: str) -> str:
            return " ".join(texts(row, css))
        found.append((part(".plan-item__time"), part(".plan-item__kind"), part(".plan-item__title"),
                      part(".plan-item__owner"), part(".plan-badge")))
    return found


def _days(markdown: str) -> dict[str, lxml.html.HtmlElement]:
    return {d.get("id"): d for d in body(markdown).cssselect("section.plan-week__day")}


def test_a_page_per_week_from_the_plans_first_day_to_its_last(with_drafts, without_drafts) -> None:  # type: ignore[no-untyped-def]
    # 劳动节 on Saturday 1 May (week 17) to 柏林晚场, Monday 10 May 00:30 in Shanghai (week 19)
    for pages in (with_drafts, without_drafts):
        weeks = sorted(p for p in pages if p.startswith("calendar/2027-w"))
        assert weeks == ["calendar/2027-w17/index.md", WEEK_18, "calendar/2027-w19/index.md"]
    assert "calendar/week/index.md" in without_drafts


def test_the_week_runs_monday_to_sunday_in_the_plans_zone(with_drafts) -> None:  # type: ignore[no-untyped-def]
    days = _days(with_drafts[WEEK_18])
    assert list(days) == [f"d-2027-05-0{n}" for n in range(3, 10)]
    assert [text(d.cssselect(".plan-week__date")[0]) for d in days.values()][:2] == ["周一 5月3日", "周二 5月4日"]
    sunday = [r[2] for r in _rows(days["d-2027-05-09"])]
    assert sunday[-1] == "周日夜读"  # 23:30 in Shanghai: still this week
    assert "柏林晚场" not in " ".join(texts(body(with_drafts[WEEK_18]), ".plan-item__title"))
    # 18:30 in Berlin on Sunday is Monday 00:30 in Shanghai: the next week's Monday
    monday = _days(with_drafts["calendar/2027-w19/index.md"])["d-2027-05-10"]
    assert ("00:30", "发布", "柏林晚场", "林晓", "已批准") in _rows(monday)
    assert days["d-2027-05-05"].get("class").split() == ["plan-week__day", "plan-week__day--today"]
    assert "plan-week__day--weekend" in days["d-2027-05-08"].get("class")


def test_each_day_lists_its_posts_events_and_stages_in_time_order(with_drafts) -> None:  # type: ignore[no-untyped-def]
    days = _days(with_drafts[WEEK_18])
    assert _rows(days["d-2027-05-03"]) == [("09:00", "发布", "台灯开箱", "王磊", "已发布")]
    assert _rows(days["d-2027-05-04"]) == [
        ("10:00", "发布", "台灯预告", "林晓", "应发未发"),  # due yesterday, still approved
        ("12:00", "撰稿截止", "台灯答疑", "林晓", "已超期"),  # the draft stage passed, still a draft
    ]
    assert _rows(days["d-2027-05-06"]) == [
        ("12:00", "审核截止", "台灯答疑", "赵敏", "草稿"),  # the review is the reviewer's
        ("19:00", "活动", "台灯之夜", "赵敏", ""),
        ("20:00", "撰稿截止", "台灯评测", "王磊", "草稿"),  # the slot's own owner, not the entry's
    ]
    assert _rows(days["d-2027-05-08"]) == [("20:00", "审核截止", "台灯评测", "赵敏", "草稿")]
    # an all-day post's stage is a date: before the day's timed things
    assert _rows(days["d-2027-05-09"]) == [
        ("全天", "审核截止", "全天话题", "赵敏", "审核中"),
        ("20:00", "发布", "台灯评测", "王磊", "草稿"),
        ("23:30", "发布", "周日夜读", "林晓", "已批准"),
    ]
    assert _rows(days["d-2027-05-05"]) == [] and texts(days["d-2027-05-05"], ".plan-week__empty") == ["无安排"]
    # each row names its channel
    thursday = days["d-2027-05-06"].cssselect("li.plan-item")
    assert [" ".join(texts(r, ".plan-item__detail")) for r in thursday] == ["微博", "", "微信公众号"]


def test_only_stages_still_to_do_are_listed(with_drafts, without_drafts) -> None:  # type: ignore[no-untyped-def]
    drafted = body(with_drafts[WEEK_18])
    # 全天话题 is in review: its draft stage (Friday 7 May) is done, its review (Sunday) is not
    kinds = [(text(r.cssselect(".plan-item__kind")[0]), text(r.cssselect(".plan-item__title")[0]))
             for r in drafted.cssselect("li.plan-item--deadline")]
    assert ("撰稿截止", "全天话题") not in kinds and ("审核截止", "全天话题") in kinds
    assert all(title != "台灯预告" for _, title in kinds)  # approved: every stage done
    # without --drafts only approved and published posts are shown: no stage is left to do
    plain = body(without_drafts[WEEK_18])
    assert plain.cssselect("li.plan-item--deadline") == []
    assert "台灯评测" not in " ".join(texts(plain, ".plan-item__title"))
    assert ("10:00", "发布", "台灯预告", "林晓", "应发未发") in _rows(_days(without_drafts[WEEK_18])["d-2027-05-04"])


def test_a_week_leads_to_its_neighbours_and_its_months(with_drafts) -> None:  # type: ignore[no-untyped-def]
    doc = body(with_drafts[WEEK_18])
    assert hrefs(doc, ".plan-week-pager a[rel=prev]") == ["../2027-w17/"] * 2
    assert hrefs(doc, ".plan-week-pager a[rel=next]") == ["../2027-w19/"] * 2
    assert texts(doc, ".plan-week-pager a[rel=next]")[0] == "第19周 →"
    assert hrefs(doc, ".plan-week-pager__month") == ["../2027-05/"] * 2
    assert texts(doc, ".plan-week__range") == ["2027年5月3日 周一 – 2027年5月9日 周日"]
    # the first week spans April and May: both months, but April has no page (nothing in it)
    first = body(with_drafts["calendar/2027-w17/index.md"])
    assert hrefs(first, ".plan-week-pager__month") == ["../2027-05/"] * 2
    assert first.cssselect(".plan-week-pager a[rel=prev]") == []


def test_the_month_and_the_overview_lead_to_the_weeks(with_drafts) -> None:  # type: ignore[no-untyped-def]
    month = body(with_drafts["calendar/2027-05/index.md"])
    # each row of the grid links to its week (the first row is week 17: 26 April to 2 May)
    assert hrefs(month, "a.plan-day__week") == ["../2027-w17/", "../2027-w18/", "../2027-w19/"]
    assert texts(month, "a.plan-day__week") == ["第17周", "第18周", "第19周"]
    assert hrefs(month, ".plan-month-pager__week") == ["../week/"] * 2
    overview = body(with_drafts["calendar/index.md"])
    assert hrefs(overview, ".plan-this-week a") == ["week/"]


def test_this_week_is_the_week_of_now(plan, with_drafts) -> None:  # type: ignore[no-untyped-def]
    page = with_drafts["calendar/week/index.md"]
    assert "title: 本周：2027年第18周" in page
    assert list(_days(page)) == list(_days(with_drafts[WEEK_18]))
    assert body(page).cssselect(".plan-week__note") == []
    # links from calendar/week/ are relative to it, not to the week's own folder
    assert hrefs(body(page), ".plan-week-pager a[rel=next]") == ["../2027-w19/"] * 2
    # after the plan: its last week, and said so
    later = rendered(plan, datetime(2027, 8, 2, 9, 0, tzinfo=VIEWS_NOW.tzinfo))["calendar/week/index.md"]
    assert "title: 本周：2027年第19周" in later
    assert texts(body(later), ".plan-week__note") == ["本周（2027年第31周）不在计划的日期范围内，这里是计划中离它最近的一周。"]


def test_week_pages_follow_now_only_in_what_now_decides(plan) -> None:  # type: ignore[no-untyped-def]
    now = rendered(plan, VIEWS_NOW)
    later = rendered(plan, VIEWS_NOW + timedelta(days=1))
    assert now["calendar/2027-w17/index.md"] == later["calendar/2027-w17/index.md"]
    assert now[WEEK_18] != later[WEEK_18]  # today moved on a day
    assert rendered(plan, VIEWS_NOW) == now  # pure
    # the month pages link to calendar/week/, which follows now: they do not
    assert now["calendar/2027-05/index.md"].count("../week/") == 2
