"""`export` and `import`: the plan as a spreadsheet, for the people who plan in
one, and their edits read back (`generator.sheets`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.prepare import resolve_now
from generator.build.writer import write_outputs
from generator.cli.common import Commands, fail, print_problems, refuse_unchecked
from generator.plan.check import CheckResult
from generator.plan.outputs import Output
from generator.plan.problems import Severity, has_errors
from generator.words import label

if TYPE_CHECKING:
    from generator.sheets import Imported


def add_export(commands: Commands, common: argparse.ArgumentParser) -> None:
    export = commands.add_parser(
        "export", parents=[common],
        help="把计划导出为表格：每次发布一行，另有每月一张表 export the plan as a spreadsheet",
    )
    export.add_argument("file", type=Path, help="要写的 .xlsx 或 .csv 文件 the file to write")


def add_import(commands: Commands, common: argparse.ArgumentParser) -> None:
    sheet_import = commands.add_parser(
        "import", parents=[common],
        help="读回编辑过的表格：先列出将要做的修改，加 --apply 才写入 YAML import an edited spreadsheet",
    )
    sheet_import.add_argument("file", type=Path, help="export 导出后编辑过的 .xlsx 或 .csv 文件 the edited file")
    sheet_import.add_argument(
        "--apply", action="store_true", help="把修改写入计划的 YAML 文件（默认只列出） write the changes"
    )


def export(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    """The plan as a spreadsheet: one row a post, and a sheet a month."""
    from generator import sheets  # openpyxl (and numpy) only for the commands that need them

    file: Path = args.file
    language = result.language
    if file.suffix.lower() not in sheets.FORMATS:
        return fail(label(language, "sheets.unknown_format", path=str(file)), 2, "export")
    if args.public:
        return fail(label(language, "sheets.public"), 2, "export")
    if result.plan is None:
        return refuse_unchecked(result)
    suffix = file.suffix.lower()
    data = sheets.export(result.plan, suffix, resolve_now(args.now, result.plan.site.timezone))
    write_outputs(file.parent, [Output(file.name, data)])
    rows, count = sheets.rows_of(result.plan), sheets.sheets_of(result.plan, suffix)
    print(label(language, "sheets.exported", path=str(file), rows=rows, sheets=count))
    return 0


def import_sheet(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    """A spreadsheet's edits: listed (a dry run), or with --apply written into the YAML.

    Problems go to standard error, one `plan.xlsx:全部!F12: error: …` line each, all
    of them; with any error nothing is written."""
    from generator import sheets

    file: Path = args.file
    language = result.language
    if file.suffix.lower() not in sheets.FORMATS:
        return fail(label(language, "sheets.unknown_format", path=str(file)), 2, "import")
    if not file.is_file():
        return fail(label(language, "sheets.missing", path=str(file)), 2, "import")
    if result.plan is None:
        return refuse_unchecked(result)
    found = sheets.import_sheet(root, result.plan, str(file), file.read_bytes())
    if found.encoding:
        print(label(language, "sheets.encoding", path=str(file), encoding=found.encoding), file=sys.stderr)
    for problem in found.problems:
        print(problem.line(language), file=sys.stderr)
    errors = sum(p.is_error for p in found.problems)
    if args.strict:
        errors = len(found.problems)
    if not errors and has_errors(found.after):
        print(label(language, "sheets.after_check"), file=sys.stderr)
        after = [p for p in found.after if p.severity is Severity.ERROR]
        print_problems(after, language)
        errors += len(after)
    if errors:
        print(label(language, "sheets.refused", path=str(file), errors=errors))
        return 1
    if not found.files:
        print(label(language, "sheets.no_changes", path=str(file)))
        return 0
    _print_changes(found, language)
    count = len(found.changes) + len(found.additions)
    if not args.apply:
        print(label(language, "sheets.dry_run", path=str(file), changes=count, files=len(found.files)))
        return 0
    write_outputs(root, found.files)
    print(label(language, "sheets.applied", files=len(found.files), changes=count))
    return 0


def _print_changes(found: Imported, language: str) -> None:
    """Per file: each cell's change, each new slot, then the file's diff."""
    diffs = dict(found.diffs)
    for output in found.files:
        print(output.path)
        for change in (c for c in found.changes if c.path == output.path):
            print("  " + label(language, "sheets.change", cell=change.place, column=change.column, old=change.old,
                               new=change.new))
        for addition in (a for a in found.additions if a.path == output.path):
            print("  " + label(language, "sheets.change.added", cell=addition.place, what=addition.what))
        print(diffs[output.path], end="")
