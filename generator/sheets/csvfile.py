"""`.csv` out and in: the sheet of every slot as text.

Out: UTF-8 with a byte order mark, which is what makes Excel read Chinese
as Chinese rather than as its ANSI code page; dates as `2027-06-12` and
date-times as `2027-06-12 20:00`.

In: UTF-8 (with or without the mark), UTF-16 (Excel's "Unicode text"), and
otherwise GB18030, which is what Excel on a Chinese Windows writes for
"CSV (逗号分隔)": the encoding found is said. The delimiter is a comma, a
semicolon (Excel where the comma is a decimal sign) or a tab.
"""

from __future__ import annotations

import codecs
import csv
import io
from datetime import date, datetime

from generator.sheets.book import Book, Cell, CellValue, Sheet, Unreadable
from generator.sheets.columns import Layout

_DELIMITERS = ",;\t"


def write_csv(sheet: Layout) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([column.header for column in sheet.columns])
    for row in sheet.rows:
        writer.writerow([cell_text(value) for value in row.values])
    return codecs.BOM_UTF8 + text.getvalue().encode("utf-8")


def cell_text(value: CellValue) -> str:
    """What a CSV cell says: a date-time to the minute (or the second when it has one)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_csv(data: bytes) -> Book:
    text, encoding = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max(_DELIMITERS, key=first.count) if any(d in first for d in _DELIMITERS) else ","
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, start=1):
            row = tuple(Cell(v, number, column) for column, v in enumerate(values, start=1) if v != "")
            if row:
                rows.append(row)
    except csv.Error as exc:
        raise Unreadable(str(exc)) from exc
    return Book((Sheet(None, tuple(rows)),), encoding)


def _decode(data: bytes) -> tuple[str, str]:
    """The text, and its encoding when it was not UTF-8 (to be said)."""
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), ""
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16"), "UTF-16"
    except UnicodeDecodeError as exc:
        raise Unreadable(f"{exc.encoding}: {exc.reason} at byte {exc.start}") from exc
    try:
        return data.decode("utf-8"), ""
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "GB18030"
    except UnicodeDecodeError as exc:
        raise Unreadable(f"neither UTF-8 nor GB18030 ({exc.reason} at byte {exc.start})") from exc
