"""Problems are values: where something is wrong, a code, and the facts that fill in its message.

Stages collect them; only the command line prints them and picks the exit code.
The words are not here: `generator.words.problem_text` says a problem in the
plan's language, so the plan floor holds no text of either language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


# An argument is a text, or a list of texts or of (text, count) pairs that the
# words join in the plan's language (the lint's short weeks, empty months).
ArgValue = str | tuple[str | tuple[str, str], ...]


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """`code` names a message (`problem.<code>` in generator/words); `args` fill it in."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based
    column: int  # 1-based
    code: str
    args: tuple[tuple[str, ArgValue], ...] = ()
    severity: Severity = Severity.ERROR


def problem(
    path: str, line: int, column: int, code: str, severity: Severity = Severity.ERROR, **args: object
) -> Problem:
    return Problem(path, line, column, code, tuple((k, _arg(v)) for k, v in args.items()), severity)


def _arg(value: object) -> ArgValue:
    """Texts stay texts; lists and tuples stay lists (of texts or text pairs), so words can join them."""
    if isinstance(value, (list, tuple)):
        return tuple(_item(item) for item in value)
    return str(value)


def _item(item: object) -> str | tuple[str, str]:
    if isinstance(item, (list, tuple)):
        shown, count = item
        return (str(shown), str(count))
    return str(item)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity is Severity.ERROR for p in problems)


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in reading order: by file, then position; duplicates dropped."""
    return sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.code, p.args))
