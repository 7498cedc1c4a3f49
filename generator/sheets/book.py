"""A spreadsheet as import reads it, whatever wrote it: named sheets of located cells.

Excel, WPS, LibreOffice and 飞书 write `.xlsx` files that differ in every
detail but these; a `.csv` file is one sheet without a name. The readers
(`xlsx`, `csvfile`) make a `Book`; `changes` never sees a file format.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

CellValue = str | int | float | date | datetime | None
"""Text, a number, a date (a date cell), a naive datetime (a date-time cell), or nothing."""


class Unreadable(Exception):
    """The file is not a spreadsheet of its kind (a broken zip, bytes that are no text)."""


@dataclass(frozen=True, slots=True)
class Cell:
    value: CellValue
    row: int  # 1-based, as the spreadsheet numbers it
    column: int  # 1-based: A is 1

    @property
    def ref(self) -> str:
        """`F12`, as every spreadsheet names this cell."""
        return f"{column_letter(self.column)}{self.row}"

    @property
    def empty(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(frozen=True, slots=True)
class Sheet:
    name: str | None  # None for a CSV file: one sheet, no name
    rows: tuple[tuple[Cell, ...], ...]  # the header row first; a row's cells left to right


@dataclass(frozen=True, slots=True)
class Book:
    sheets: tuple[Sheet, ...]
    encoding: str = ""  # a CSV file's encoding when it was not UTF-8, said to the user


def column_letter(number: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
