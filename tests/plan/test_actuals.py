"""`plan.actuals`: content/actuals.csv read and checked like every plan file.

The fixture plan is tests/plans/report-basic (KPIs grow.members, grow.response,
loyal.repurchase, loyal.nps, loyal.stories). A broken file is refused by the
real command line, every problem located at its cell, in the plan's language.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import edit, load_plan, run_cli
from generator.plan.model import Actual, Source

NOW = "2027-04-20T10:00+08:00"
HEADER = "kpi,date,value,note\n"


def _check(root: Path) -> tuple[int, list[str]]:
    result = run_cli("check", "--root", str(root), "--now", NOW)
    assert "Traceback" not in result.stderr
    return result.returncode, [line for line in result.stderr.splitlines() if "actuals.csv" in line]


def _write(root: Path, text: str | bytes) -> None:
    path = root / "content" / "actuals.csv"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))


def _kpi(plan, ref: str):  # type: ignore[no-untyped-def]
    return next(k for g in plan.site.goals for k in g.kpis if k.ref == ref)


BROKEN = (
    HEADER
    + "grow.members,2027-01-31,1100,\n"
    + "grow.member,2027-02-28,1180,\n"  # a typo of the id
    + "会员数,2027-02-28,1180,\n"  # the KPI's name where its id belongs
    + "members,2027-02-28,1180,\n"  # the id without its goal
    + "grow.members,2027/3/31,1350,\n"  # as Excel shows a date in a Chinese locale
    + "grow.members,下个月,1350,\n"
    + "grow.members,2027-02-30,1350,\n"
    + "grow.response,2027-01-31,9.5 小时,\n"
    + "grow.response,2027-02-28,约九,\n"
    + 'loyal.nps,2027-03-15,"4,1",\n'
    + "grow.members,2027-01-31,1105,又记了一次\n"
    + "loyal.repurchase,2027-01-31,,\n"
    + "loyal.repurchase,2027-02-28\n"
    + "loyal.repurchase,2027-03-31,28.6,备注,多出来的一格\n"
)


def test_a_broken_file_is_refused_with_every_problem_at_its_cell(plan_copy) -> None:
    root = plan_copy("report-basic")
    _write(root, BROKEN)
    code, lines = _check(root)
    assert code == 1
    assert lines == [
        "content/actuals.csv:3:1: error: 未知的 KPI “grow.member”，应写作 目标 id.KPI id，你是不是想写 “grow.members”？",
        "content/actuals.csv:4:1: error: “会员数” 是 KPI 的名称，这里要写它的 目标 id.KPI id：grow.members",
        "content/actuals.csv:5:1: error: KPI 要连同它的目标一起写：“members” 应写作 grow.members",
        "content/actuals.csv:6:14: error: 日期要写作 年-月-日：“2027/3/31” 应写作 2027-03-31",
        "content/actuals.csv:7:14: error: “下个月” 不是日期，应写作 2027-03-31 这样的 年-月-日",
        "content/actuals.csv:8:14: error: 日期 “2027-02-30” 不存在",
        "content/actuals.csv:9:26: error: 数值只写数字：“9.5 小时” 应写作 9.5（单位写在 site.yaml 的 unit 里）",
        "content/actuals.csv:10:26: error: “约九” 不是数字",
        "content/actuals.csv:11:22: error: 数值只写数字：“4,1” 应写作 4.1（单位写在 site.yaml 的 unit 里）",
        "content/actuals.csv:12:14: error: grow.members 在 2027-01-31 已经有一个数值（第 2 行）：同一天只记一次",
        "content/actuals.csv:13:29: error: 这一行没有填 value",
        "content/actuals.csv:14:28: error: 这一行没有填 value",
        "content/actuals.csv:15:37: error: 这一行比表头多出一格 “多出来的一格”（含逗号的备注请加英文双引号）",
    ]


def test_an_english_plan_is_told_in_english(plan_copy) -> None:
    root = plan_copy("report-basic")
    edit(root / "content/site.yaml", "language: zh", "language: en")
    _write(root, HEADER + "grow.member,2027-02-28,1180,\ngrow.members,2027/3/31,13.5%,\n满意度,2027-03-15,4.1,\n")
    code, lines = _check(root)
    assert code == 1
    assert lines == [
        "content/actuals.csv:2:1: error: unknown KPI 'grow.member'; write goal-id.kpi-id; did you mean 'grow.members'?",
        "content/actuals.csv:3:14: error: write dates as year-month-day: '2027/3/31' is 2027-03-31",
        "content/actuals.csv:3:24: error: write the number alone: '13.5%' is 13.5 (the unit is site.yaml's unit)",
        "content/actuals.csv:4:1: error: '满意度' is the name of a KPI; write its goal-id.kpi-id here: loyal.nps",
    ]


def test_an_unknown_kpi_with_nothing_close_lists_the_known_ones(plan_copy) -> None:
    root = plan_copy("report-basic")
    _write(root, HEADER + "sales.revenue,2027-02-28,1180,\n")
    assert _check(root)[1] == [
        "content/actuals.csv:2:1: error: 未知的 KPI “sales.revenue”，应写作 目标 id.KPI id。可选："
        "grow.members（会员数）、grow.response（首次响应时长）、loyal.repurchase（复购率）、loyal.nps（满意度）、"
        "loyal.stories（用户故事）",
    ]


def test_headers_are_checked(plan_copy) -> None:
    root = plan_copy("report-basic")
    _write(root, "kpi,day,value,notes,日期\ngrow.members,2027-01-31,1100,,\n")
    assert _check(root)[1] == [
        "content/actuals.csv:1:1: error: 缺少 “date” 列",
        "content/actuals.csv:1:5: error: 未知的列 “day”，你是不是想写 “date”？。列有：kpi、date、value、note",
        "content/actuals.csv:1:15: error: 未知的列 “notes”，你是不是想写 “note”？。列有：kpi、date、value、note",
        "content/actuals.csv:1:21: error: 未知的列 “日期”，你是不是想写 “date”？。列有：kpi、date、value、note",
    ]


def test_a_file_without_its_header_is_refused_and_its_rows_still_checked(plan_copy) -> None:
    root = plan_copy("report-basic")
    _write(root, "grow.members,2027-01-31,1100\ngrow.members,2027-02-31,1180\n")
    assert _check(root)[1] == [
        "content/actuals.csv:1:1: error: 第一行应是表头：kpi,date,value,note（note 可以不写）",
        "content/actuals.csv:2:14: error: 日期 “2027-02-31” 不存在",
    ]


def test_gb18030_is_refused_with_how_to_save_as_utf8(plan_copy) -> None:
    """What Excel on a Chinese Windows saves a CSV as."""
    root = plan_copy("report-basic")
    _write(root, (HEADER + "grow.members,2027-01-31,1100,春节前\n").encode("gb18030"))
    code, lines = _check(root)
    assert code == 1
    assert lines == [
        "content/actuals.csv:2:30: error: 文件是 GB18030/GBK 编码（中文版 Excel 另存 CSV 的默认编码），"
        "请另存为 UTF-8：Excel 选“CSV UTF-8（逗号分隔）”，WPS 选编码 UTF-8",
    ]


def test_utf16_is_refused(plan_copy) -> None:
    root = plan_copy("report-basic")
    _write(root, (HEADER + "grow.members,2027-01-31,1100,\n").encode("utf-16"))
    assert _check(root)[1] == [
        "content/actuals.csv:1:1: error: 文件是 UTF-16 编码（Excel 的“Unicode 文本”），请另存为 UTF-8 的 CSV："
        "Excel 选“CSV UTF-8（逗号分隔）”",
    ]


def test_a_fullwidth_comma_is_said_where_it_is(plan_copy) -> None:
    root = plan_copy("report-basic")
    _write(root, "kpi，date，value\ngrow.members，2027-01-31，1100\n")
    assert _check(root)[1] == ["content/actuals.csv:1:4: error: 表头用了全角逗号 “，” 分隔，请改用半角逗号 “,”"]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["utf-8", "utf-8 with BOM"])
def test_the_latest_measurement_replaces_the_actual(plan_copy, bom: bytes) -> None:
    root = plan_copy("report-basic")
    # columns in any order, CRLF line ends (Excel), a quoted note holding a comma, a quote and a line break
    text = (
        "date,value,kpi,note\r\n"
        "2027-03-31,1350,grow.members,\"三月拉新, 两场同城会\"\r\n"
        "2027-01-31, 1100 ,grow.members,\r\n"
        ",,,\r\n"  # a spreadsheet's empty row
        "2027-04-15,1460,grow.members,\"说 \"\"好\"\"\n第二行\"\r\n"
        "2027-03-15,-0.5,loyal.nps\r\n"  # line 7: the note above holds a line break
    )
    _write(root, bom + text.encode("utf-8"))
    assert _check(root) == (0, [])
    plan = load_plan(root)
    members = _kpi(plan, "grow.members")
    assert [(a.date, a.value, a.note) for a in members.actuals] == [
        (date(2027, 1, 31), 1100, ""),
        (date(2027, 3, 31), 1350, "三月拉新, 两场同城会"),
        (date(2027, 4, 15), 1460, '说 "好"\n第二行'),
    ]
    assert (members.actual, members.as_of) == (1460, date(2027, 4, 15))  # site.yaml says 1: replaced
    assert members.actuals[1].source == Source("content/actuals.csv", 2, 17)
    assert _kpi(plan, "loyal.nps").actuals == (Actual(date(2027, 3, 15), -0.5, "", Source("content/actuals.csv", 7, 17)),)
    stories = _kpi(plan, "loyal.stories")  # not in actuals.csv: site.yaml's own, undated
    assert (stories.actual, stories.as_of, stories.actuals) == (12, None, ())


def test_without_the_file_nothing_changes(plan_copy) -> None:
    root = plan_copy("report-basic")
    (root / "content/actuals.csv").unlink()
    members = _kpi(load_plan(root), "grow.members")
    assert (members.actual, members.as_of, members.actuals) == (1, None, ())


def test_a_csv_of_another_name_is_not_read_and_said_so(plan_copy) -> None:
    root = plan_copy("report-basic")
    (root / "content/actuals.csv").rename(root / "content/actual.csv")
    result = run_cli("check", "--root", str(root), "--now", NOW)
    assert "content/actual.csv:1:1: warning: 未知的文件，没有读取：其中的内容不会出现在网站上，你是不是想写 “actuals.csv”？" in result.stderr


def test_site_yaml_errors_do_not_hide_the_files_problems(plan_copy) -> None:
    root = plan_copy("report-basic")
    edit(root / "content/site.yaml", "        baseline: 1000\n", "        baseline: 很多\n")
    _write(root, HEADER + "grow.members,2027-13-01,1100,\n")
    result = run_cli("check", "--root", str(root), "--now", NOW)
    assert result.returncode == 1
    assert "content/site.yaml:18:19: error:" in result.stderr
    assert "content/actuals.csv:2:14: error: 日期 “2027-13-01” 不存在" in result.stderr
