"""`.xlsx` out and in, with openpyxl.

Out: a sheet of every slot, one per month, a hidden sheet of the drop-down
lists (a list written into a validation itself is cut at 255 characters; a
range is not) and a hidden copy of every row as exported, which import
compares each cell with: an edit is a cell that differs from it, so a month
sheet left as it was never undoes an edit made on 全部. Headers bold and frozen, with a note each;
dates and date-times as real spreadsheet dates. The bytes depend only on
the plan and the time given (the zip's entries carry a fixed date).

In: every sheet's cells, a date cell read as a date and a date-time cell as
a naive date-time, whatever application saved the file.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time, timedelta, timezone

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.styles.numbers import is_datetime
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from generator.sheets.book import Book, Cell, CellValue, Sheet, Unreadable
from generator.sheets.columns import LISTS, Layout, Row
from generator.words import label

DATE_FORMAT = "yyyy-mm-dd"
MOMENT_FORMAT = "yyyy-mm-dd hh:mm"
LAST_ROW = 1_048_576  # a drop-down reaches the rows a manager adds, to the sheet's end
_AUTHOR = "community-plan"
_HEADER = Font(bold=True)
_IMPORTED = PatternFill("solid", fgColor="DDEBF7")
_EXPORTED_ONLY = PatternFill("solid", fgColor="E7E6E6")
_KEY = Font(name="Calibri", color="808080")  # the default face: a font with no name prints in a serif
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def write_xlsx(sheet: Layout, now: datetime) -> bytes:
    book = Workbook()
    every = book.active
    every.title = sheet.all_sheet
    _fill(every, sheet, sheet.rows)
    for month in sheet.months():
        _fill(book.create_sheet(month), sheet, tuple(r for r in sheet.rows if r.month == month))
    shown = list(book.worksheets)
    lists = book.create_sheet(sheet.lists_sheet)
    ranges = _lists(lists, sheet)
    base = book.create_sheet(sheet.base_sheet)
    _fill(base, sheet, sheet.rows)
    for hidden in (lists, base):
        hidden.sheet_state = "hidden"
    for worksheet in shown:
        _validations(worksheet, sheet, ranges)
    at = now.astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
    book.properties.creator = _AUTHOR
    book.properties.created = book.properties.modified = at
    data = io.BytesIO()
    with _FixedDates(data, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(book, archive).save()
    return data.getvalue()


class _FixedDates(zipfile.ZipFile):
    """openpyxl stamps each part with the clock (a worksheet with its temporary file's time);
    a fixed date keeps the bytes the plan's alone."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def, override]
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_DATE)
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # type: ignore[no-untyped-def, override]
        with open(filename, "rb") as part:  # openpyxl's own temporary file, read back
            self.writestr(str(arcname or filename), part.read())


def _fill(worksheet: Worksheet, sheet: Layout, rows: tuple[Row, ...]) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(1, index, column.header)
        cell.font = _HEADER
        cell.fill = _IMPORTED if column.imported else _EXPORTED_ONLY
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if column.note:
            cell.comment = Comment(column.note, _AUTHOR, height=120, width=260)
        worksheet.column_dimensions[get_column_letter(index)].width = column.width
    for number, row in enumerate(rows, start=2):
        for index, (column, value) in enumerate(zip(sheet.columns, row.values), start=1):
            cell = worksheet.cell(number, index, value)
            if isinstance(value, datetime):
                cell.number_format = MOMENT_FORMAT
            elif isinstance(value, date):
                cell.number_format = DATE_FORMAT
            if column.wrap:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.id == "key":
                cell.font = _KEY
    worksheet.freeze_panes = "A2"
    worksheet.print_title_rows = "1:1"  # printed, every page has the header
    worksheet.page_setup.orientation = "landscape"
    last = get_column_letter(len(sheet.columns))
    worksheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"


def _lists(worksheet: Worksheet, sheet: Layout) -> dict[str, str]:
    """The drop-down lists, one column each; the range formula of each."""
    ranges = {}
    for index, name in enumerate(LISTS, start=1):
        options = sheet.choices.options[name]
        worksheet.cell(1, index, name)
        for number, (_, text) in enumerate(options, start=2):
            worksheet.cell(number, index, text)
        letter = get_column_letter(index)
        ranges[name] = f"{quote_sheetname(sheet.lists_sheet)}!${letter}$2:${letter}${max(len(options) + 1, 2)}"
    return ranges


def _validations(worksheet: Worksheet, sheet: Layout, ranges: dict[str, str]) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        if not column.choices or not sheet.choices.options[column.choices]:
            continue
        rule = DataValidation(
            type="list",
            formula1=ranges[column.choices],
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=label(sheet.language, "sheets.validation.title"),
            error=label(sheet.language, "sheets.validation.error"),
        )
        letter = get_column_letter(index)
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        worksheet.add_data_validation(rule)


def read_xlsx(data: bytes) -> Book:
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl says a broken file many ways (BadZipFile, KeyError, ...)
        raise Unreadable(f"{type(exc).__name__}: {exc}") from exc
    sheets = []
    for worksheet in book.worksheets:
        rows = []
        for cells in worksheet.iter_rows():
            row = tuple(
                Cell(_value(c.value, c.number_format), c.row, c.column) for c in cells if c.value is not None
            )
            if row:
                rows.append(row)
        sheets.append(Sheet(worksheet.title, tuple(rows)))
    return Book(tuple(sheets))


def _value(value: object, number_format: str) -> CellValue:
    """A date cell as a date and a date-time cell as a date-time, to the second.

    Spreadsheets keep both as a number of days; the cell's format tells them
    apart, and a time of day other than midnight is a moment whatever it says."""
    if isinstance(value, datetime):
        value = _to_second(value)
        if value.time() == time(0) and is_datetime(number_format) == "date":
            return value.date()
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float, str)):
        return value
    return str(value)


def _to_second(value: datetime) -> datetime:
    """Days kept as a binary fraction come back a hair off the second they were."""
    rounded = value.replace(microsecond=0)
    return rounded + timedelta(seconds=1) if value.microsecond >= 500_000 else rounded
