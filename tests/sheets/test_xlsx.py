"""The `.xlsx` file as a manager's spreadsheet opens it (read here with openpyxl): frozen
headers with notes, drop-down lists, real dates, a sheet a month; and read back, a date
cell as a date and a date-time cell as a date-time."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from conftest import PLANS, ROOT, load_plan
from generator.sheets import export
from generator.sheets.xlsx import read_xlsx

NOW = dt.datetime(2027, 6, 10, 2, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(scope="module")
def book():  # type: ignore[no-untyped-def]
    return load_workbook(io.BytesIO(export(load_plan(ROOT), ".xlsx", NOW)))


def _headers(ws) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {str(c.value): c.column_letter for c in ws[1]}


def test_a_sheet_of_everything_then_one_a_month_and_the_hidden_ones(book) -> None:  # type: ignore[no-untyped-def]
    assert book.sheetnames == ["全部", *(f"2027-{m:02d}" for m in range(1, 13)), "选项", "导出时"]
    assert [ws.sheet_state for ws in book.worksheets][-2:] == ["hidden", "hidden"]
    assert book["全部"].max_row == 526
    months = sum(book[f"2027-{m:02d}"].max_row - 1 for m in range(1, 13))
    assert months == 525
    june = [row[4] for row in book["2027-06"].iter_rows(min_row=2, values_only=True)]
    assert all(t.year == 2027 and t.month == 6 for t in june)


def test_headers_are_frozen_and_say_what_to_do(book) -> None:  # type: ignore[no-untyped-def]
    for name in ("全部", "2027-06"):
        ws = book[name]
        assert ws.freeze_panes == "A2"
        headers = _headers(ws)
        assert ws[f"{headers['发布键（请勿修改）']}1"].comment.text.startswith("导出时生成")
        assert "Asia/Shanghai" in ws[f"{headers['时间（Asia/Shanghai）']}1"].comment.text
        assert "只导出、不导入" in ws[f"{headers['用户分层']}1"].comment.text
        assert ws[f"{headers['渠道']}1"].font.bold


def test_channel_status_owner_and_reviewer_offer_their_lists(book) -> None:  # type: ignore[no-untyped-def]
    ws, lists = book["全部"], book["选项"]
    headers = _headers(ws)
    rules = {str(rule.sqref): rule for rule in ws.data_validations.dataValidation}
    offered = {}
    for header in ("类型", "渠道", "状态", "负责人", "审核人"):
        letter = headers[header]
        rule = rules[f"{letter}2:{letter}1048576"]  # the rows a manager adds too
        assert rule.type == "list" and rule.showErrorMessage and rule.allow_blank
        sheet, cells = rule.formula1.split("!")
        assert sheet == "'选项'"
        first, last = (c.replace("$", "") for c in cells.split(":"))
        offered[header] = [c.value for row in lists[f"{first}:{last}"] for c in row]
    assert offered["渠道"] == ["微信公众号", "微博", "小米社区", "哔哩哔哩", "抖音", "米粉同城群"]
    assert offered["状态"] == ["创意", "草稿", "审核中", "已批准", "已发布", "已取消"]
    assert offered["负责人"] == offered["审核人"] == ["周岚", "陈宇", "王晓彤", "林菲", "赵凯", "孙淼", "何佳"]
    assert offered["类型"] == ["产品", "用户故事", "品牌故事", "活动", "营销活动"]


def test_times_are_real_dates_with_a_date_or_date_time_format(book) -> None:  # type: ignore[no-untyped-def]
    ws = book["全部"]
    letter = _headers(ws)["时间（Asia/Shanghai）"]
    cells = [ws[f"{letter}{row}"] for row in range(2, ws.max_row + 1)]
    assert all(c.is_date for c in cells)
    formats = {c.number_format for c in cells}
    assert formats == {"yyyy-mm-dd", "yyyy-mm-dd hh:mm"}
    day = next(c for c in cells if c.number_format == "yyyy-mm-dd")
    assert day.value.time() == dt.time(0)


def test_the_same_plan_and_now_give_the_same_bytes() -> None:
    plan = load_plan(PLANS / "sheets-basic")
    first = export(plan, ".xlsx", NOW)
    time.sleep(2.1)  # a zip stamps its parts to two seconds: the clock must not reach them
    assert export(plan, ".xlsx", NOW) == first
    later = load_workbook(io.BytesIO(export(plan, ".xlsx", NOW + dt.timedelta(days=1))))
    assert later.properties.modified == dt.datetime(2027, 6, 11, 2, 0)


def test_cells_are_read_back_as_the_dates_and_times_they_show(tmp_path: Path) -> None:
    made = Workbook()
    ws = made.active
    ws.title = "全部"
    values = [dt.date(2027, 6, 12), dt.datetime(2027, 6, 12, 0, 0), dt.datetime(2027, 6, 12, 19, 59, 59, 999_800), "文字", 618]
    formats = ["yyyy-mm-dd", "yyyy-mm-dd hh:mm", "yyyy/m/d h:mm", "General", "General"]
    for column, (value, number_format) in enumerate(zip(values, formats), start=1):
        ws.cell(1, column, value).number_format = number_format
    ws.cell(3, 2, "第三行")
    data = io.BytesIO()
    made.save(data)
    sheet = read_xlsx(data.getvalue()).sheets[0]
    assert sheet.name == "全部"
    assert [c.value for c in sheet.rows[0]] == [
        dt.date(2027, 6, 12), dt.datetime(2027, 6, 12, 0, 0), dt.datetime(2027, 6, 12, 20, 0), "文字", 618,
    ]
    assert [(c.ref, c.value) for c in sheet.rows[1]] == [("B3", "第三行")]  # empty cells and rows left out, refs kept
