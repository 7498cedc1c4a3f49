"""`site.charts`: each KPI's chart, built for real and read back from its SVG.

tests/plans/report-basic as of 2027-04-20 10:00: grow.members ahead of pace
(a May figure not yet known), grow.response behind (its target below its
baseline), loyal.repurchase worse than its baseline, loyal.nps without a due
date, loyal.stories measured only in site.yaml.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from support_report import close, outside_references, parse, read_chart
from support_site import PLANS, Built, build_plan

from generator.plan.visibility import view
from generator.site import pages
from generator.site.charts import draw

NOW = datetime(2027, 4, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
RED, GREEN = "#c62828", "#2e7d32"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_plan(PLANS / "report-basic", tmp_path_factory.mktemp("charts") / "project", now=NOW)


def _chart(built: Built, ref: str):  # type: ignore[no-untyped-def]
    return read_chart(built.site / "report" / "charts" / f"{ref}.svg")


def test_one_chart_per_kpi(built: Built) -> None:
    assert sorted(p.name for p in (built.site / "report" / "charts").iterdir()) == [
        "grow.members.svg", "grow.response.svg", "loyal.nps.svg", "loyal.repurchase.svg", "loyal.stories.svg",
    ]


def test_a_chart_holds_exactly_its_points_and_lines(built: Built) -> None:
    chart = _chart(built, "grow.members")
    assert chart.title == "会员数（人）"
    # what was known on 2027-04-20: the May figure is not on it
    known = [(date(2027, 1, 31), 1100), (date(2027, 2, 28), 1180), (date(2027, 3, 31), 1350), (date(2027, 4, 15), 1460)]
    assert close(chart.lines["actual"], known, tolerance=5)
    assert chart.labels == ["1,100", "1,180", "1,350", "1,460"]  # every value readable without hovering
    baseline, target = chart.lines["baseline"], chart.lines["target"]
    assert len(baseline) == 2 and all(abs(v - 1000) < 5 for _, v in baseline)
    assert len(target) == 2 and all(abs(v - 2000) < 5 for _, v in target)
    # the pace line: from the first measurement to the target on the due date
    assert close(chart.lines["pace"], [(date(2027, 1, 31), 1100), (date(2027, 12, 31), 2000)], tolerance=5)
    assert chart.caption == "超前进度：截至 2027-04-15 实际 1,460 人，按进度应达 1,299 人"
    assert chart.caption_color == GREEN


def test_a_kpi_behind_pace_is_flagged_in_words_and_colour(built: Built) -> None:
    chart = _chart(built, "grow.response")
    assert close(chart.lines["actual"], [(date(2027, 1, 31), 9.5), (date(2027, 3, 31), 9), (date(2027, 4, 18), 8.8)], 0.05)
    assert chart.labels == ["9.5", "9", "8.8"]
    assert close(chart.lines["pace"], [(date(2027, 1, 31), 9.5), (date(2027, 6, 30), 4)], 0.05)
    assert chart.caption == "落后进度：截至 2027-04-18 实际 8.8 小时，按进度应达 6.7 小时"
    assert chart.caption_color == RED
    assert "落后进度" in chart.root.find("{http://www.w3.org/2000/svg}title").text  # read by screen readers too


def test_a_kpi_worse_than_its_baseline_says_by_how_much(built: Built) -> None:
    chart = _chart(built, "loyal.repurchase")
    assert chart.labels == ["29.5", "29", "28.6"]
    assert chart.caption == "落后进度：截至 2027-03-31 实际 28.6 %，按进度应达 30.6 %；比基线还差 1.4 %"
    assert chart.caption_color == RED


def test_without_due_there_is_no_pace_line(built: Built) -> None:
    chart = _chart(built, "loyal.nps")
    assert set(chart.lines) == {"actual", "baseline", "target"}
    assert chart.labels == ["4.1"]
    assert chart.caption == "截至 2027-03-15 实际 4.1 分；没有截止日期（due），不计进度"


def test_a_kpi_measured_only_in_site_yaml_has_its_lines_and_no_points(built: Built) -> None:
    chart = _chart(built, "loyal.stories")
    assert "actual" not in chart.lines and chart.labels == []
    # the pace line from the plan's start (its first post) at the baseline
    assert close(chart.lines["pace"], [(date(2027, 3, 2), 10), (date(2027, 12, 31), 50)], tolerance=0.5)
    assert chart.caption == "实际 12 篇，没有日期：在 content/actuals.csv 里按日期记下每次的数值"


def test_no_chart_asks_a_host_for_anything(built: Built) -> None:
    for path in sorted((built.site / "report" / "charts").iterdir()):
        data = path.read_bytes()
        assert data.count(b"http") == 1 and b'xmlns="http://www.w3.org/2000/svg"' in data, path.name
        assert b"<!DOCTYPE" not in data and b"<script" not in data
        assert outside_references(parse(data)) == [], path.name
        # Chinese stays text, for the reader's own fonts: no glyph drawn as paths
        assert "会员数" in data.decode() or path.name != "grow.members.svg"


def test_the_same_plan_and_now_draw_the_same_bytes(built: Built) -> None:
    shown = view(built.plan, NOW, drafts=False)
    first = {o.path: o.data for o in pages.beside(shown.plan, shown)}
    draw.cache_clear()  # really drawn again, not remembered
    again = {o.path: o.data for o in pages.beside(shown.plan, shown)}
    assert first == again and len(first) == 5
    assert first["report/charts/grow.members.svg"] == (built.site / "report/charts/grow.members.svg").read_bytes()


def test_the_readers_site_draws_none(built: Built) -> None:
    shown = view(built.plan, NOW, drafts=False, public=True)
    assert pages.beside(shown.plan, shown) == []


def test_an_english_plan_says_it_in_english(tmp_path, plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("report-basic")
    text = (root / "content/site.yaml").read_text(encoding="utf-8").replace("language: zh", "language: en")
    (root / "content/site.yaml").write_text(text, encoding="utf-8")
    english = build_plan(root, tmp_path / "project", now=NOW)
    chart = read_chart(english.site / "report/charts/grow.response.svg")
    assert chart.caption == "Behind pace: 8.8 小时 as of 2027-04-18; on pace would be 6.7 小时"
    assert close(chart.lines["pace"], [(date(2027, 1, 31), 9.5), (date(2027, 6, 30), 4)], 0.05)
