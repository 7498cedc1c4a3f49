"""Reading `content/actuals.csv`: each KPI's measurements, checked like every plan file.

The file is a spreadsheet's export (Excel, WPS, 飞书, a back office's
download), one measurement a row under a header:

    kpi,date,value,note
    loyalty.member-activity,2027-03-31,21.5,三月会员日

Columns are found by their header, in any order; `note` may be left out.
Every problem is located at its cell (`content/actuals.csv:LINE:COL`, the
column counted in characters, as an editor counts them) and said in the
plan's language: an unknown KPI with the one it could be (by id, or by the
name written where the id belongs), a date or a number written another way
with how to write it, a KPI measured twice on one day. What Chinese Windows
saves by default (GB18030/GBK) is recognised and refused with how to save as
UTF-8: decoded wrongly, every name would be garbage.

Python's `csv` module is not used: it gives no column positions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.plan.model import Actual, Source
from generator.plan.specs import ID_PATTERN, Context, suggestion
from generator.plan.yamlfile import MAX_FILE_BYTES, Mapping, Node, Scalar, Sequence

ACTUALS_FILE = "content/actuals.csv"
COLUMNS = ("kpi", "date", "value", "note")
REQUIRED = ("kpi", "date", "value")
# What a header in Chinese would call the columns: said as the hint, never read as the column
_ALIASES = {"指标": "kpi", "kpi id": "kpi", "日期": "date", "时间": "date", "数值": "value", "值": "value",
            "实际": "value", "实际值": "value", "备注": "note", "说明": "note",
            "day": "date", "time": "date", "actual": "value", "comment": "note", "remark": "note"}
_DELIMITERS = (",", "\t", ";")
_FULLWIDTH_COMMA = "，"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_OTHER_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
_UNIT_MARKS = "%‰+ "  # what a number may carry when copied from a back office: 21.5%, +3
_SHOWN_OPTIONS = 12  # an unknown KPI lists the known ones, up to this many
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]")


@dataclass(frozen=True, slots=True)
class KnownKpi:
    """A KPI that site.yaml defines, as actuals.csv names it (`goal-id.kpi-id`)."""

    ref: str
    name: str
    unit: str = ""


@dataclass(slots=True)
class _Cell:
    text: str  # stripped of surrounding spaces
    line: int
    column: int  # of its first character (the quote, for a quoted cell)
    end: int  # the column just after it: where a missing next cell would be


@dataclass(slots=True)
class _Row:
    line: int
    cells: list[_Cell] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return all(not c.text for c in self.cells)


def known_kpis(site: Node | None) -> tuple[KnownKpi, ...]:
    """The KPIs site.yaml defines, read from its nodes: known even when site.yaml
    has errors of its own, so actuals.csv is checked in the same run."""
    found: list[KnownKpi] = []
    for goal in _items(_get(site, "goals")):
        goal_id = _text(_get(goal, "id"))
        if not ID_PATTERN.match(goal_id):
            continue
        for kpi in _items(_get(goal, "kpis")):
            kpi_id = _text(_get(kpi, "id"))
            if ID_PATTERN.match(kpi_id):
                name, unit = _text(_get(kpi, "name")).strip(), _text(_get(kpi, "unit")).strip()
                found.append(KnownKpi(f"{goal_id}.{kpi_id}", name, unit))
    return tuple(found)


def read_actuals(root: Path, known: tuple[KnownKpi, ...], ctx: Context) -> tuple[tuple[str, Actual], ...]:
    """Each good row of actuals.csv as (KPI ref, its measurement), in file
    order; every problem goes to `ctx`. Nothing when there is no such file."""
    path = root / ACTUALS_FILE
    if not path.is_file():
        return ()
    try:
        data = path.read_bytes()
    except OSError as exc:
        ctx.error(_at(1, 1), "file.unreadable", detail=exc.strerror or str(exc))
        return ()
    text = _decode(data, ctx)
    if text is None:
        return ()
    rows = [row for row in _split(text, _delimiter(text, ctx), ctx) if not row.empty]
    if not rows:
        ctx.error(_at(1, 1), "file.empty")
        return ()
    columns, data_rows = _header(rows, ctx)
    return _convert(data_rows, columns, known, ctx)


# --- bytes to text ----------------------------------------------------------------------


def _decode(data: bytes, ctx: Context) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        ctx.error(_at(1, 1), "file.too_large", size=len(data), limit=MAX_FILE_BYTES)
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:64]:
        ctx.error(_at(1, 1), "actuals.utf16")  # Excel's "Unicode text"
        return None
    data = data.removeprefix(b"\xef\xbb\xbf")  # Excel's "CSV UTF-8" starts with a BOM
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        start = before.rfind(b"\n") + 1
        try:  # the text as GB18030 reads it: Chinese, where UTF-8 saw broken bytes
            chinese = _CJK.search(data.decode("gb18030"))
        except UnicodeDecodeError:
            chinese = None
        if chinese:
            column = len(data[start : exc.start].decode("gb18030", "replace")) + 1
            ctx.error(_at(line, column), "actuals.gbk")
        else:
            column = len(data[start : exc.start].decode("utf-8", "replace")) + 1
            ctx.error(_at(line, column), "file.not_utf8", byte=f"0x{data[exc.start]:02X}")
        return None


def _delimiter(text: str, ctx: Context) -> str:
    """The header's separator: a comma, else a tab or a semicolon (what some
    locales' spreadsheets write). A full-width comma from an input method is
    refused where it is, and read as a comma so the rest is still checked."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    for delimiter in _DELIMITERS:
        if delimiter in first:
            return delimiter
    if _FULLWIDTH_COMMA in first:
        line = text.splitlines().index(first) + 1
        ctx.error(_at(line, first.index(_FULLWIDTH_COMMA) + 1), "actuals.fullwidth_comma")
        return _FULLWIDTH_COMMA
    return ","


def _split(text: str, delimiter: str, ctx: Context) -> list[_Row]:
    """Rows of located cells, as RFC 4180 has them: a quoted cell may hold the
    separator, a doubled quote and line breaks."""
    rows: list[_Row] = []
    row = _Row(1)
    buf: list[str] = []
    line = column = 1
    start = (1, 1)  # where the current cell begins
    quoted_at: tuple[int, int] | None = None
    in_quotes = False
    i = 0

    def close_cell(end: int) -> None:
        raw = "".join(buf)
        text_value = raw.strip()
        lead = len(raw) - len(raw.lstrip()) if quoted_at is None else 0
        at_line, at_column = quoted_at or (start[0], start[1] + lead)
        row.cells.append(_Cell(text_value, at_line, at_column, end))
        buf.clear()

    while i < len(text):
        ch = text[i]
        if in_quotes:
            if ch == '"' and text.startswith('""', i):
                buf.append('"')
                i, column = i + 2, column + 2
                continue
            if ch == '"':
                in_quotes = False
            else:
                buf.append(ch)
            if ch == "\n" or (ch == "\r" and not text.startswith("\r\n", i)):
                line, column = line + 1, 1
            elif ch != "\r":
                column += 1
            i += 1
            continue
        if ch == '"' and not "".join(buf).strip() and quoted_at is None:
            in_quotes, quoted_at = True, (line, column)
            buf.clear()
        elif ch == delimiter:
            close_cell(column)
            quoted_at, start = None, (line, column + 1)
        elif ch in "\r\n":
            close_cell(column)
            rows.append(row)
            if text.startswith("\r\n", i):
                i += 1
            line, column = line + 1, 0
            row, quoted_at, start = _Row(line), None, (line, 1)
        else:
            buf.append(ch)
        i, column = i + 1, column + 1
    if in_quotes and quoted_at is not None:
        ctx.error(_at(*quoted_at), "actuals.quote")
    if buf or row.cells:
        close_cell(column)
        rows.append(row)
    return rows


# --- the header -------------------------------------------------------------------------


def _header(rows: list[_Row], ctx: Context) -> tuple[dict[str, int], list[_Row]]:
    """Which cell holds which column, and the rows below the header. Without a
    header the columns are taken in the format's order, so the rows are checked all the same."""
    first = rows[0]
    names = [c.text.lower() for c in first.cells]
    if not any(name in COLUMNS for name in names):
        ctx.error(_at(first.line, 1), "actuals.header_missing", header=",".join(COLUMNS))
        return {name: i for i, name in enumerate(COLUMNS)}, rows
    columns: dict[str, int] = {}
    for index, cell in enumerate(first.cells):
        name = cell.text.lower()
        if not name:
            continue  # an empty heading over an empty column: a spreadsheet's leftover
        if name in columns:
            ctx.error(_at(cell.line, cell.column), "actuals.column_duplicate", value=cell.text)
        elif name in COLUMNS:
            columns[name] = index
        else:
            hint = _ALIASES.get(name) or suggestion(name, COLUMNS)
            ctx.error(_at(cell.line, cell.column), "actuals.column_unknown", value=cell.text, hint=hint,
                      columns=COLUMNS)
    for name in REQUIRED:
        if name not in columns:
            ctx.error(_at(first.line, 1), "actuals.column_missing", name=name)
    return columns, rows[1:]


# --- the rows -----------------------------------------------------------------------------


def _convert(
    rows: list[_Row], columns: dict[str, int], known: tuple[KnownKpi, ...], ctx: Context
) -> tuple[tuple[str, Actual], ...]:
    by_ref = {k.ref: k for k in known}
    found: list[tuple[str, Actual]] = []
    seen: dict[tuple[str, date], int] = {}
    width = max(columns.values(), default=-1) + 1
    for row in rows:
        extra = next((c for c in row.cells[width:] if c.text), None)
        if extra is not None:
            ctx.error(_at(extra.line, extra.column), "actuals.cells_extra", value=extra.text)
        ref = _cell(row, columns, "kpi", ctx)
        day = _cell(row, columns, "date", ctx)
        value = _cell(row, columns, "value", ctx)
        note = row.cells[columns["note"]].text if "note" in columns and columns["note"] < len(row.cells) else ""
        kpi = _kpi(ref, by_ref, known, ctx) if ref else None
        when = _date(day, ctx) if day else None
        number = _number(value, kpi, ctx) if value else None
        if kpi is None or when is None or number is None or day is None or ref is None:
            continue
        first = seen.setdefault((kpi.ref, when), row.line)
        if first != row.line:
            ctx.error(_at(day.line, day.column), "actuals.duplicate", kpi=kpi.ref, date=when.isoformat(),
                      first=str(first))
            continue
        found.append((kpi.ref, Actual(when, number, note, Source(ACTUALS_FILE, row.line, ref.column))))
    return tuple(found)


def _cell(row: _Row, columns: dict[str, int], name: str, ctx: Context) -> _Cell | None:
    """The row's cell of a required column, or None (said) when it is empty or missing."""
    if name not in columns:
        return None
    index = columns[name]
    if index < len(row.cells) and row.cells[index].text:
        return row.cells[index]
    at = row.cells[index] if index < len(row.cells) else row.cells[-1]
    ctx.error(_at(at.line, at.column if index < len(row.cells) else at.end), "actuals.cell_empty", name=name)
    return None


def _kpi(cell: _Cell, by_ref: dict[str, KnownKpi], known: tuple[KnownKpi, ...], ctx: Context) -> KnownKpi | None:
    value = cell.text
    if value in by_ref:
        return by_ref[value]
    where = _at(cell.line, cell.column)
    named = next((k for k in known if k.name and k.name == value), None)
    if named is not None:
        ctx.error(where, "actuals.kpi_by_name", value=value, id=named.ref)
        return None
    alone = [k for k in known if k.ref.split(".", 1)[1] == value]
    if len(alone) == 1:
        ctx.error(where, "actuals.kpi_no_goal", value=value, id=alone[0].ref)
        return None
    refs = [k.ref for k in known]
    hint = suggestion(value, refs)
    if not hint:  # a name written a little differently: 月活会员占比 for 月活跃会员占比
        name = suggestion(value, [k.name for k in known if k.name])
        hint = next((k.ref for k in known if name and k.name == name), "")
    options = () if hint else tuple((k.ref, k.name) for k in known[:_SHOWN_OPTIONS])
    more = "0" if hint else str(max(0, len(known) - _SHOWN_OPTIONS))
    ctx.error(where, "actuals.kpi_unknown", value=value, hint=hint, known=options, known_more=more)
    return None


def _date(cell: _Cell, ctx: Context) -> date | None:
    value = cell.text
    where = _at(cell.line, cell.column)
    if _ISO_DATE.fullmatch(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            ctx.error(where, "actuals.date_impossible", value=value)
            return None
    written = _date_hint(value)
    if written:
        ctx.error(where, "actuals.date_written", value=value, iso=written)
    else:
        ctx.error(where, "actuals.date_invalid", value=value)
    return None


def _date_hint(value: str) -> str:
    """How a date written another way is written here: 2027/3/31 (what Excel
    shows in a Chinese locale), 2027年3月31日, 2027-3-31 → 2027-03-31."""
    match = _OTHER_DATE.fullmatch(unicodedata.normalize("NFKC", value).strip())
    if not match:
        return ""
    try:
        return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
    except ValueError:
        return ""


def _number(cell: _Cell, kpi: KnownKpi | None, ctx: Context) -> float | None:
    value = cell.text
    if _NUMBER.fullmatch(value):
        number = float(value)
        if math.isfinite(number):
            return number
    plain = _number_hint(value, kpi.unit if kpi else "")
    where = _at(cell.line, cell.column)
    if plain:
        ctx.error(where, "actuals.value_marked", value=value, number=plain)
    else:
        ctx.error(where, "actuals.value_invalid", value=value)
    return None


def _number_hint(value: str, unit: str) -> str:
    """The number in a value copied with its marks: 21.5% → 21.5, 9.5 小时 → 9.5
    (the KPI's unit), 1,820 → 1820, 4,1 → 4.1 (a decimal comma), ２１．５ → 21.5."""
    plain = unicodedata.normalize("NFKC", value).replace("，", ",").strip()
    if unit and plain.endswith(unicodedata.normalize("NFKC", unit)):
        plain = plain[: -len(unicodedata.normalize("NFKC", unit))]
    plain = plain.strip(_UNIT_MARKS)
    if _THOUSANDS.fullmatch(plain):
        plain = plain.replace(",", "")
    elif _DECIMAL_COMMA.fullmatch(plain):
        plain = plain.replace(",", ".")
    if plain != value and _NUMBER.fullmatch(plain) and math.isfinite(float(plain)):
        return plain
    return ""


# --- small helpers --------------------------------------------------------------------------


def _at(line: int, column: int) -> Scalar:
    return Scalar(ACTUALS_FILE, line, column, "", True)


def _get(node: Node | None, key: str) -> Node | None:
    return node.get(key) if isinstance(node, Mapping) else None


def _items(node: Node | None) -> tuple[Node, ...]:
    return node.items if isinstance(node, Sequence) else ()


def _text(node: Node | None) -> str:
    return node.value if isinstance(node, Scalar) else ""
