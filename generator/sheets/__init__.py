"""Spreadsheets: the plan as `.xlsx` or `.csv` for the people who plan in one, and back again.

`export` lays out every slot of a plan that checks (`columns`) and writes it
(`xlsx`, `csvfile`). `import_sheet` reads a sheet back (`xlsx`, `csvfile`
into a `book.Book`), finds what its cells change (`changes`), writes those
changes into the YAML (`apply`, `merge`) and checks the plan as edited,
all in memory: the command line writes the files, and only when nothing in
the sheet or in the edited plan is wrong.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from generator.plan.check import check_plan
from generator.plan.model import Plan
from generator.plan.outputs import Output
from generator.plan.problems import Problem, has_errors, problem
from generator.plan.yamlfile import read as read_yaml
from generator.sheets.apply import EditError, apply
from generator.sheets.book import Book, Unreadable
from generator.sheets.columns import layout
from generator.sheets.csvfile import read_csv, write_csv
from generator.sheets.problems import SheetProblem, at_file
from generator.sheets.changes import Addition, Change, Changes, read_changes
from generator.sheets.xlsx import read_xlsx, write_xlsx

FORMATS = (".xlsx", ".csv")

__all__ = ["FORMATS", "Addition", "Change", "Imported", "SheetProblem", "export", "import_sheet", "rows_of", "sheets_of"]


def export(plan: Plan, suffix: str, now: datetime) -> bytes:
    """The plan's sheet as `.xlsx` or `.csv` bytes; `now` dates an `.xlsx` file's properties."""
    sheet = layout(plan)
    return write_xlsx(sheet, now) if suffix == ".xlsx" else write_csv(sheet)


def rows_of(plan: Plan) -> int:
    return len(layout(plan).rows)


def sheets_of(plan: Plan, suffix: str) -> int:
    """How many sheets a manager finds (全部 and the months; the hidden lists not counted)."""
    return 1 + len(layout(plan).months()) if suffix == ".xlsx" else 1


@dataclass(frozen=True)
class Imported:
    """What a sheet would change, or why it does not."""

    problems: tuple[SheetProblem, ...]  # of the sheet: any error refuses it
    changes: tuple[Change, ...] = ()
    additions: tuple[Addition, ...] = ()
    files: tuple[Output, ...] = ()  # the YAML files as edited, relative to the plan's root
    diffs: tuple[tuple[str, str], ...] = ()  # path, unified diff
    after: tuple[Problem, ...] = ()  # the edited plan's problems: any error refuses it
    encoding: str = ""  # a CSV file's, when it was not UTF-8

    @property
    def refused(self) -> bool:
        return any(p.is_error for p in self.problems) or has_errors(self.after)


def import_sheet(root: Path, plan: Plan, file: str, data: bytes) -> Imported:
    """`file` names the sheet in messages, as the user gave it; `data` is its bytes."""
    try:
        book = _read_book(file, data)
    except Unreadable as exc:
        return Imported((at_file(file, "sheet.unreadable", detail=str(exc)),))
    found: Changes = read_changes(plan, book, file)
    if found.refused:
        return Imported(found.problems, encoding=book.encoding)
    paths = sorted({c.path for c in found.changes} | {a.path for a in found.additions})
    before = {path: (root / path).read_bytes() for path in paths}
    try:
        after = apply(before, found.changes, found.additions)
    except EditError as exc:
        return Imported(found.problems, found.changes, found.additions,
                        after=(problem(exc.path, 1, 1, "sheet.cannot_edit", detail=exc.detail),), encoding=book.encoding)
    changed = {path: data for path, data in after.items() if data != before[path]}
    checked = check_plan(root, reader=lambda raw, path: read_yaml(changed.get(path, raw), path))
    diffs = tuple((path, _diff(path, before[path], data)) for path, data in changed.items())
    return Imported(
        found.problems,
        found.changes,
        found.additions,
        tuple(Output(path, data) for path, data in changed.items()),
        diffs,
        checked.problems,
        book.encoding,
    )


def _read_book(file: str, data: bytes) -> Book:
    return read_xlsx(data) if file.lower().endswith(".xlsx") else read_csv(data)


def _diff(path: str, before: bytes, after: bytes) -> str:
    lines = difflib.unified_diff(
        before.decode("utf-8-sig").splitlines(keepends=True),
        after.decode("utf-8-sig").splitlines(keepends=True),
        fromfile=f"a/{path}",
        tofile=f"b/{path}",
        n=1,
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
