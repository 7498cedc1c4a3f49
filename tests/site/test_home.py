"""`site.home`: the home page, built for real and read back as HTML.

Its to-do (本周待办) sits near the top: who has something overdue or due this
week, with their counts and the few most urgent things, each person linking to
their team page (tests/plans/team-basic, as of Thursday 2027-06-10 10:00).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import edit
from support_site import BASIC, PLANS, Built, build_plan, build_project, hrefs, make_project, read_page, text, texts

TEAM = PLANS / "team-basic"
NOW = datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_plan(TEAM, tmp_path_factory.mktemp("home") / "project", now=NOW)


def test_the_to_do_comes_first_on_the_home_page(built: Built) -> None:
    headings = texts(read_page(built.site, ""), "article h2")
    assert headings[0] == "本周待办"
    assert headings.index("本周待办") < headings.index("未来两周")


def test_the_to_do_lists_who_has_something_overdue_or_due_this_week(built: Built) -> None:
    doc = read_page(built.site, "")
    people = doc.cssselect("li.plan-todo__person")
    # cy has nothing to do: not listed; the team's order otherwise
    assert [text(p.cssselect(".plan-todo__name")[0]) for p in people] == ["安娜", "薄博"]
    assert [hrefs(p, "a.plan-todo__name") for p in people] == [["team/ana/"], ["team/bo/"]]
    assert [texts(p, ".plan-tally__n") for p in people] == [["逾期 3", "本周待办 1"], ["逾期 2", "本周待办 0"]]
    # the most urgent three, late ones first, each on one short line: when, what, title, status
    ana = [(text(li.cssselect(".plan-task__time")[0]), text(li.cssselect(".plan-task__what")[0]),
            text(li.cssselect(".plan-task__title")[0]), tuple(texts(li, ".plan-badge")))
           for li in people[0].cssselect("li.plan-task")]
    assert ana == [
        ("6月8日 09:00", "发布", "A1 端午预热", ("应发未发",)),
        ("6月9日 14:00", "终审 截止", "D2 迟了", ("逾期",)),
        ("6月9日 18:00", "写稿 截止", "B1 草稿", ("逾期",)),
    ]
    assert [(text(a), a.get("href")) for a in people[0].cssselect("a.plan-todo__more")] == [("另有 1 项", "team/ana/")]
    assert len(people[1].cssselect("li.plan-task")) == 2 and not people[1].cssselect("a.plan-todo__more")
    assert hrefs(doc, ".plan-hint a") == ["team/"]


def test_a_quiet_week_says_so(tmp_path: Path) -> None:
    quiet = build_plan(TEAM, tmp_path / "project", now=datetime(2027, 1, 6, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    doc = read_page(quiet.site, "")
    assert not doc.cssselect("li.plan-todo__person")
    assert "本周没有逾期或待办的工作。" in texts(doc, ".plan-empty p")


def test_a_kpi_worse_than_its_baseline_says_so_instead_of_zero_percent(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "project")
    # 月活跃用户: baseline 20000, target 50000; measured 18000, fewer than at the start
    edit(root / "content/site.yaml", "        actual: 32000\n", "        actual: 18000\n")
    doc = read_page(build_project(root).site, "")
    kpis = {text(k.cssselect(".plan-kpi__name")[0]): k for k in doc.cssselect(".plan-kpi")}
    mau = kpis["月活跃用户"]
    assert "plan-kpi--worse" in mau.get("class")
    assert text(mau.cssselect(".plan-kpi__progress")[0]) == "⚠ 比基线还差 2,000 人"
    # a KPI that comes down (a response time): below its baseline is progress, not worse
    response = kpis["问题首次响应时长"]
    assert "plan-kpi--worse" not in response.get("class") and text(response.cssselect(".plan-kpi__progress")[0]) == "完成 60%"


# --- a community that says what it is; a post on two channels (tests/plans/home-week) --------

WEEK = PLANS / "home-week"


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_plan(WEEK, tmp_path_factory.mktemp("home-week") / "project", now=NOW)


def test_the_community_comes_first_under_its_own_heading_then_the_to_do(week: Built) -> None:
    doc = read_page(week.site, "")
    headings = texts(doc, "article h2")
    assert headings[:2] == ["关于社区", "本周待办"]
    about = doc.cssselect("h2#community")[0]
    assert text(about) == "关于社区"
    assert text(about.getnext()) == "星火社区由论坛和公众号组成，成员是星火的用户。"
    # nothing of the community's description is left under the to-do
    under_todo, e = [], doc.cssselect("h2#todo")[0].getnext()
    while e is not None and e.tag != "h2":
        under_todo.append(text(e))
        e = e.getnext()
    assert under_todo and not any("成员是星火的用户" in said for said in under_todo)


def test_each_to_do_row_names_its_channel_in_its_colour(week: Built) -> None:
    doc = read_page(week.site, "")
    rows = doc.cssselect("ul.plan-todo li.plan-task")
    said = [(text(r.cssselect(".plan-task__title")[0]), text(r.cssselect(".plan-task__channel")[0])) for r in rows]
    # the same title on the same day: the channel tells the two apart
    assert said == [("端午活动预告", "微博"), ("端午活动预告", "微信公众号")]
    assert [len(r.cssselect(".plan-task__channel .plan-swatch")) for r in rows] == [1, 1]  # its colour's dot
    assert ["--plan-channel:#e6162d" in r.get("style").lower() for r in rows] == [True, False]
    assert ["--plan-channel:#07c160" in r.get("style").lower() for r in rows] == [False, True]
    assert hrefs(rows[0], ".plan-task__channel a") == ["channels/weibo/"]
