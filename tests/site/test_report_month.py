"""`site.report_month`: a month's 绩效总结, built for real and read back as HTML.

tests/plans/report-basic as of Tuesday 2027-04-20 10:00: April is still
running, March is over. Each figure below is worked out from the plan's files
by hand (the comments say how), not by the code under test.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from support_report import build_as_user
from support_site import PLANS, Built, build_plan, read_page, text, texts

NOW = datetime(2027, 4, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_as_user(PLANS / "report-basic", tmp_path_factory.mktemp("month") / "project", NOW.isoformat())


def _rows(doc: lxml.html.HtmlElement, table: str) -> list[list[str]]:
    return [[text(cell) for cell in row.cssselect("th, td")] for row in doc.cssselect(f"table.{table} tbody tr")]


def test_the_month_says_which_it_is_and_that_it_is_not_over(built: Built) -> None:
    doc = read_page(built.site, "report/2027-04/")
    assert text(doc.cssselect("article h1")[0]) == "2027年4月绩效总结"
    assert text(doc.cssselect(".plan-lead")[0]) == "2027年4月1日 周四 – 2027年4月30日 周五·本月还没过完：数字截至 2027年4月20日 周二"
    assert texts(doc, "ul.plan-report-tally li") == ["1 / 3 已发布 / 计划", "1 举办的活动", "2 未按时发布", "2 落后进度的 KPI"]
    assert texts(doc, "article h2") == ["关键指标", "各渠道发布", "举办的活动", "未按时发布", "本月的检查提示"]


def test_the_kpis_of_the_month(built: Built) -> None:
    doc = read_page(built.site, "report/2027-04/")
    assert _rows(doc, "plan-report-kpis") == [
        # 1100 + 900 × 74/334 days on 04-15
        ["会员数", "4月15日 1,460 人", "1,460 人 截至 2027-04-15", "1,299 人", "超前进度", "2,000 人 截止 2027-12-31"],
        # 9.5 − 5.5 × 77/150 days on 04-18: the target is below the baseline
        ["首次响应时长", "4月18日 8.8 小时 客服请假", "8.8 小时 截至 2027-04-18", "6.7 小时", "落后进度", "4 小时 截止 2027-06-30"],
        # nothing measured in April: March's figure, below its baseline
        ["复购率", "本月没有数据", "28.6 % 截至 2027-03-31", "30.6 %", "不及基线", "36 % 截止 2027-12-31"],
        ["满意度", "本月没有数据", "4.1 分 截至 2027-03-15", "", "", "4.5 分"],
        ["用户故事", "本月没有数据", "12 篇", "", "", "50 篇 截止 2027-12-31"],
    ]
    behind = [text(row.cssselect("th")[0]) for row in doc.cssselect("table.plan-report-kpis tr.plan-report__behind")]
    assert behind == ["首次响应时长", "复购率"]
    assert doc.cssselect("table.plan-report-kpis th a")[0].get("href") == "../#kpi-grow.members"


def test_a_month_that_is_over_has_its_own_figures(built: Built) -> None:
    doc = read_page(built.site, "report/2027-03/")
    assert text(doc.cssselect(".plan-lead")[0]) == "2027年3月1日 周一 – 2027年3月31日 周三"
    rows = _rows(doc, "plan-report-kpis")
    assert rows[0] == ["会员数", "3月31日 1,350 人 三月拉新, 两场同城会", "1,350 人 截至 2027-03-31", "1,259 人",
                       "超前进度", "2,000 人 截止 2027-12-31"]
    assert rows[3][:2] == ["满意度", "3月15日 4.1 分 问卷,300 份"]


def test_publications_per_channel_against_cadence(built: Built) -> None:
    april = read_page(built.site, "report/2027-04/")
    assert _rows(april, "plan-report-posts") == [
        # 2 a week × 30/7 weeks ≈ 9; planned: A1 (published), A2 (overdue), A4 (to come); A5 is cancelled
        ["微信公众号", "9 条（4.3 周）", "3", "1", "1", "11%"],
        # A3 is still a draft: not planned to go out, and late
        ["微博", "4 条（4.3 周）", "0", "0", "1", "0%"],
        ["同城群", "", "0", "0", "0", ""],  # no cadence: no target
    ]
    march = read_page(built.site, "report/2027-03/")
    assert _rows(march, "plan-report-posts") == [
        ["微信公众号", "9 条（4.4 周）", "2", "2", "0", "22%"],
        ["微博", "4 条（4.4 周）", "1", "1", "0", "25%"],
        ["同城群", "", "1", "1", "0", ""],
    ]
    # March is over and short of its targets: said; April is not over yet
    assert len(march.cssselect("table.plan-report-posts tr.plan-report__behind")) == 2
    assert april.cssselect("table.plan-report-posts tr.plan-report__behind") == []


def test_events_held_overdue_posts_and_findings_of_the_month(built: Built) -> None:
    april = read_page(built.site, "report/2027-04/")
    # weekly from 04-03, four times: three have been held by 04-20; the cancelled talk was not
    assert texts(april, "ul.plan-report-events li") == ["周末同城会 4月3日 周六、4月10日 周六、4月17日 周六 共 3 次"]
    assert _rows(april, "plan-report-late") == [
        ["4月13日 周二", "微信公众号", "A2 应发未发", "岚", "应发未发"],
        ["4月14日 周三", "微博", "A3 还在写", "岚", "草稿"],
    ]
    assert [row[0] for row in _rows(april, "plan-findings")] == [
        "content/brand-stories/april.yaml:9:5", "content/brand-stories/april.yaml:12:5",
    ]
    assert all("[missed]" in row[1] for row in _rows(april, "plan-findings"))
    march = read_page(built.site, "report/2027-03/")
    assert texts(march, ".plan-empty p") == ["本月没有举办活动。", "本月没有到了时间还没发布的帖子。", "本月没有检查提示。"]


def test_an_english_plan_sums_up_in_english(tmp_path, plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("report-basic")
    site = root / "content/site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    doc = read_page(build_plan(root, tmp_path / "project", now=NOW).site, "report/2027-04/")
    assert text(doc.cssselect("article h1")[0]) == "Performance summary, April 2027"
    assert _rows(doc, "plan-report-kpis")[1] == [
        "首次响应时长", "18 Apr 8.8 小时 客服请假", "8.8 小时 as of 2027-04-18", "6.7 小时", "Behind pace",
        "4 小时 due 2027-06-30",
    ]
    assert _rows(doc, "plan-report-posts")[0] == ["微信公众号", "9 (4.3 weeks)", "3", "1", "1", "11%"]
