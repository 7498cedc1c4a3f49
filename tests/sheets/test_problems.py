"""Where a sheet's problem is, said as a spreadsheet says it."""

from __future__ import annotations

from generator.sheets.book import Cell, column_letter
from generator.sheets.problems import at_cell, at_file


def test_a_cell_a_csv_cell_and_the_whole_file() -> None:
    assert at_cell("plan.xlsx", "全部", Cell("x", 12, 6), "sheet.required", header="渠道").line("zh") == (
        "plan.xlsx:全部!F12: error: 这次发布要填写“渠道”"
    )
    assert at_cell("plan.csv", None, Cell("x", 3, 28), "sheet.required", header="Channel").place == "plan.csv:AB3"
    assert at_file("plan.xlsx", "sheet.unreadable", detail="BadZipFile").line("en") == (
        "plan.xlsx: error: cannot read this file: BadZipFile"
    )


def test_columns_are_lettered_as_spreadsheets_letter_them() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
