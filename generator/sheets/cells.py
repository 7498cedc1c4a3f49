"""What one cell says, for each kind of column: an id, a moment, a text, topic words.

Import reads a cell it was given and the cell it would export for the same
slot through the same function: a cell is changed exactly when the two
differ, whatever the application did to its formatting on the way.
Each reader returns the value or the located problems that refuse it; the
texts and URLs are checked by the plan's own specs, so a cell is refused
with the words a YAML value would be.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.plan.specs import INVALID, Context, Text, Topic, Url, suggestion
from generator.plan.yamlfile import Scalar
from generator.sheets.book import Cell, CellValue
from generator.sheets.columns import Choices
from generator.sheets.problems import SheetProblem, at_cell
from generator.words import label

Value = str | date | datetime | tuple[str, ...] | None
"""A cell read: an id or a text, a date or a naive date-time in the plan's zone, topic words, or nothing."""

_SHOWN_OPTIONS = 12
_MOMENT = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$"
)
_TAG_SEPARATORS = re.compile(r"[、,，;；\n]+")
_UNKNOWN = {"channel": "ref.unknown_channel", "member": "ref.unknown_member", "status": "sheet.unknown_status",
            "kind": "sheet.unknown_kind"}


@dataclass(frozen=True, slots=True)
class Reading:
    """Where a cell is, for the problems it may have."""

    file: str
    sheet: str | None
    zone: str  # the plan's: a date-time with an offset is moved into it


def as_text(value: CellValue) -> str:
    """A cell as text: a number as its digits (Excel keeps `618` as a number), a date as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n").replace("\r", "\n")


def read_text(at: Reading, cell: Cell, multiline: bool = False, url: bool = False) -> tuple[Value, list[SheetProblem]]:
    text = as_text(cell.value).strip()
    if not text:
        return None, []
    spec = Url() if url else Text(multiline=multiline)
    return _spec(at, cell, spec, text)


def read_tags(at: Reading, cell: Cell) -> tuple[Value, list[SheetProblem]]:
    """Topic words separated by 、 or commas (or one a line), each without `#`."""
    words: list[str] = []
    problems: list[SheetProblem] = []
    for part in _TAG_SEPARATORS.split(as_text(cell.value)):
        if not part.strip():
            continue
        word, found = _spec(at, cell, Topic(), part.strip())
        problems += found
        if isinstance(word, str) and word not in words:
            words.append(word)
    return (tuple(words) or None), problems


def read_choice(at: Reading, cell: Cell, choices: Choices, name: str) -> tuple[Value, list[SheetProblem]]:
    """An option's id, from its text, its id or a name only it has."""
    written = as_text(cell.value).strip()
    if not written:
        return None, []
    found = choices.lookup(name, written)
    if found is not None:
        return found, []
    options = choices.options[name]
    by_text = {text: text for _, text in options} | {i: text for i, text in options}
    hint = by_text.get(closest(written, sorted(by_text)), "")
    known = () if hint else tuple((text, "") for _, text in options[:_SHOWN_OPTIONS])
    more = "0" if hint else str(max(0, len(options) - _SHOWN_OPTIONS))
    return None, [at_cell(at.file, at.sheet, cell, _UNKNOWN[name], value=written, hint=hint, known=known,
                          known_more=more)]


def closest(value: str, options: Iterable[str]) -> str:
    """A "did you mean": the plan's own, else one at least half alike, which is what a
    two-character Chinese name with one character wrong is (微薄 for 微博)."""
    options = list(options)
    found = suggestion(value, options) or difflib.get_close_matches(value, options, n=1, cutoff=0.5)
    return found if isinstance(found, str) else (found[0] if found else "")


def read_moment(at: Reading, cell: Cell) -> tuple[Value, list[SheetProblem]]:
    """A date cell, a date-time cell, or a text that says one (2027-06-12, 2027/6/12 20:00,
    2027年6月12日 20:00, with an optional offset): local in the plan's zone."""
    value = cell.value
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    if isinstance(value, datetime):
        return value.replace(microsecond=0), []
    if isinstance(value, date):
        return value, []
    text = as_text(value).strip()
    shaped = text.replace("/", "-").replace("年", "-").replace("月", "-").replace("日", " ").strip()
    found = _MOMENT.match(re.sub(r"\s+", " ", shaped)) if isinstance(value, str) else None
    if not found:
        return None, [at_cell(at.file, at.sheet, cell, "moment.invalid", value=text)]
    year, month, day, hour, minute, second, offset = found.groups()
    try:
        if hour is None:
            if offset:
                return None, [at_cell(at.file, at.sheet, cell, "moment.invalid", value=text)]
            return date(int(year), int(month), int(day)), []
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if offset:
            moment = (moment.replace(tzinfo=_offset(offset)).astimezone(ZoneInfo(at.zone))).replace(tzinfo=None)
        return moment, []
    except ValueError:
        return None, [at_cell(at.file, at.sheet, cell, "date.impossible", value=text)]


def _offset(text: str) -> timezone:
    if text == "Z":
        return timezone.utc
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:])
    if hours > 23 or minutes > 59:
        raise ValueError(text)
    sign = -1 if text[0] == "-" else 1
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def _spec(at: Reading, cell: Cell, spec: Text | Url, text: str) -> tuple[Value, list[SheetProblem]]:
    """The plan's spec of a field, run on a cell: its problems are the cell's."""
    ctx = Context(root=Path("."))
    value = spec.convert(Scalar(at.file, cell.row, cell.column, text, False), ctx)
    problems = [
        at_cell(at.file, at.sheet, cell, p.code, p.severity, **dict(p.args)) for p in ctx.problems
    ]
    return (None if value is INVALID else value), problems


def shown(value: Value, choices: Choices | None = None, name: str = "", language: str = "zh") -> str:
    """A value as the dry run says it (an option by its text, nothing as 空)."""
    if value is None or value == ():
        return label(language, "sheets.empty")
    if isinstance(value, tuple):
        return label(language, "punct.list").join(value)
    if choices is not None and name and isinstance(value, str):
        return choices.text(name, value) or value
    return as_text(value).replace("\n", "⏎")
