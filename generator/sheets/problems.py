"""Problems of a spreadsheet, located as a spreadsheet locates them: `plan.xlsx:全部!F12`.

A problem is the plan's own `Problem` (its code names the words that say it,
`problem.sheet.*` or one the plan's checker uses, such as an unknown
channel), with the row as its line and the column as its column, and the
sheet's name beside it. A CSV file has no sheet name: `plan.csv:F12`.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.plan.problems import Problem, Severity, problem
from generator.sheets.book import Cell, column_letter
from generator.words import problem_text


@dataclass(frozen=True, slots=True)
class SheetProblem:
    sheet: str | None  # None for a CSV file, or for the file as a whole
    found: Problem  # path is the file as the user named it; line and column the cell's row and column (0: the file)

    @property
    def is_error(self) -> bool:
        return self.found.severity is Severity.ERROR

    @property
    def place(self) -> str:
        """`plan.xlsx:全部!F12`, `plan.csv:F12`, or `plan.xlsx` for the file as a whole."""
        found = self.found
        if not found.line:
            return found.path
        cell = f"{column_letter(found.column)}{found.line}"
        return f"{found.path}:{self.sheet}!{cell}" if self.sheet is not None else f"{found.path}:{cell}"

    def line(self, language: str) -> str:
        return f"{self.place}: {self.found.severity.value}: {problem_text(self.found, language)}"


def at_cell(
    file: str, sheet: str | None, cell: Cell, code: str, severity: Severity = Severity.ERROR, **args: object
) -> SheetProblem:
    return SheetProblem(sheet, problem(file, cell.row, cell.column, code, severity, **args))


def at_file(file: str, code: str, **args: object) -> SheetProblem:
    return SheetProblem(None, problem(file, 0, 0, code, **args))
