"""Problems are values: each knows where it is and what it says, in any language.

Stages collect them; only the command line prints them and picks the exit code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from generator.words.messages import render as render_message


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """`code` names a message in `messages.py`; `args` fill it in."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    code: str
    args: tuple[tuple[str, str], ...] = ()
    severity: Severity = Severity.ERROR

    def message(self, language: str) -> str:
        return render_message(self.code, dict(self.args), language)

    def format(self, language: str) -> str:
        """The one line an editor and CI annotations read: `path:line:col: error: message`."""
        return f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message(language)}"


def problem(
    path: str, line: int, column: int, code: str, severity: Severity = Severity.ERROR, **args: object
) -> Problem:
    return Problem(path, line, column, code, tuple((k, str(v)) for k, v in args.items()), severity)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then position; duplicates dropped."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code, p.args))
