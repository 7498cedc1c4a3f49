"""Helpers of the spreadsheet tests: a plan in a temporary folder, a sheet's cells by
header and key, the plan's files as bytes, and LibreOffice's headless converter."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from conftest import ROOT

SOFFICE = "/usr/bin/soffice"  # Debian's libreoffice-calc-nogui (.ci/run installs it)
NOW = "2027-06-10T10:00+08:00"


def example_plan(into: Path) -> Path:
    """The example plan (the repository's content/ and calendar/), copied."""
    target = into / "example"
    for folder in ("content", "calendar"):
        shutil.copytree(ROOT / folder, target / folder)
    return target


def plan_files(root: Path) -> dict[str, bytes]:
    """Every file of the plan, by path: to compare byte for byte."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("content", "calendar")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


def headers(ws: Worksheet) -> dict[str, int]:
    return {str(c.value): c.column for c in ws[1] if c.value is not None}


def header_like(ws: Worksheet, start: str) -> str:
    """The header that starts so (the time's says its zone, the key's not to edit it)."""
    return next(h for h in headers(ws) if h.startswith(start))


def row_of(ws: Worksheet, key: str) -> int:
    column = headers(ws)[header_like(ws, "发布键") if "发布键" in "".join(headers(ws)) else header_like(ws, "Slot key")]
    for row in range(2, ws.max_row + 1):
        if ws.cell(row, column).value == key:
            return row
    raise AssertionError(f"no row for {key} in {ws.title}")


def set_cell(ws: Worksheet, key: str, header: str, value: object) -> str:
    """Edits the cell of a slot's row under a header; returns its reference (F12)."""
    row = row_of(ws, key)
    cell = ws.cell(row, headers(ws)[header])
    cell.value = value
    return cell.coordinate


def add_row(ws: Worksheet, values: dict[str, object]) -> int:
    row = ws.max_row + 1
    for header, value in values.items():
        ws.cell(row, headers(ws)[header]).value = value
    return row


def sheet_rows(path: Path, sheet: str) -> list[tuple[object, ...]]:
    """A sheet's rows as openpyxl reads them, header first."""
    book = load_workbook(path)
    return [tuple(c.value for c in row) for row in book[sheet].iter_rows()]


def by_key(rows: list[tuple[object, ...]], key_column: int = 2) -> dict[object, tuple[object, ...]]:
    return {row[key_column]: row for row in rows[1:]}


def csv_rows(data: bytes, encoding: str = "utf-8-sig") -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode(encoding), newline="")))


def csv_bytes(rows: list[list[str]], encoding: str, newline: str = "\r\n") -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator=newline).writerows(rows)
    return text.getvalue().encode(encoding)


def soffice(source: Path, target: str, out: Path, home: Path) -> Path:
    """Opens `source` in LibreOffice and saves it as `target` (`xlsx`, or a csv filter), as a
    manager's LibreOffice would. A HOME of its own: a fresh profile, never a hanging one."""
    out.mkdir(parents=True, exist_ok=True)
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(home), "SAL_USE_VCLPLUGIN": "svp"}
    done = subprocess.run(
        [SOFFICE, "--headless", "--norestore", "--nologo", "--convert-to", target, "--outdir", str(out), str(source)],
        capture_output=True, text=True, timeout=180, env=env,
    )
    suffix = target.split(":", 1)[0]
    made = out / f"{source.stem}.{suffix}"
    assert done.returncode == 0 and made.is_file(), done.stdout + done.stderr
    return made


CSV_UTF8 = 'csv:Text - txt - csv (StarCalc):44,34,76'  # comma, double quotes, UTF-8
