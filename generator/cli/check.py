"""`check`, and what helps write a plan: `new` (an entry), `schema` (the editor's),
`init` (a new plan repository)."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.build.prepare import resolve_now
from generator.build.writer import write_outputs
from generator.cli.common import Commands, fail, print_failed, print_problems, program
from generator.editor import schema as editor_schema
from generator.editor.init import starter_files, tool_source
from generator.editor.scaffold import KIND_NAMES, scaffold
from generator.plan.check import CheckResult, check_plan
from generator.plan.model import Kind
from generator.plan.outputs import Output
from generator.plan.problems import Severity, has_errors
from generator.plan.schema import LANGUAGES
from generator.plan.specs import ID_MAX, ID_PATTERN
from generator.plan.visibility import View
from generator.plan.zones import DEFAULT_ZONE
from generator.words import label


def add_check(commands: Commands, common: argparse.ArgumentParser) -> None:
    check = commands.add_parser("check", parents=[common], help="只检查计划 check only")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text：文件:行:列（默认）；github：GitHub Actions 注解，在 PR 中标出问题所在行",
    )


def add_new(commands: Commands, common: argparse.ArgumentParser) -> None:
    new = commands.add_parser("new", parents=[common], help="新建一个条目，含全部字段和注释 scaffold an entry")
    new.add_argument("kind", choices=sorted(KIND_NAMES), help="条目类型 the kind")
    new.add_argument("id", help="条目 id，即文件名，如 chengdu-meetup the entry's id")


def _not_an_id(kind: Kind, args: argparse.Namespace, result: CheckResult) -> str:
    """`new event 七夕活动`: the id to type instead (the written one in id form, else one
    dated today), and that the name goes in `title:`."""
    language = result.language
    today = resolve_now(args.now, result.plan.site.timezone if result.plan else DEFAULT_ZONE).date()
    slug = "-".join(re.findall(r"[a-z0-9]+", args.id.lower()))[:ID_MAX].strip("-")
    singular = next(name for name, k in KIND_NAMES.items() if k is kind)
    suggested = slug if ID_PATTERN.match(slug) and re.search(r"[a-z]", slug) else f"{singular}-{today.isoformat()}"
    if re.search(r"[^\x00-\x7f]", args.id):  # a name in Chinese (or any script but ASCII)
        command = f"{program()} new {args.kind} {suggested}"
        return label(language, "cli.new.id_from_name", value=args.id, command=command)
    return label(language, "cli.new.id_invalid", value=args.id, hint=label(language, "problem.hint", hint=suggested))


def add_schema(commands: Commands, common: argparse.ArgumentParser) -> None:
    schema = commands.add_parser(
        "schema", parents=[common], help="生成编辑器用的 JSON Schema（自动补全）到 schema/ write the editor schema"
    )
    schema.add_argument("--check", action="store_true", help="只检查 schema/ 是否最新 only check it is current")


def add_init(commands: Commands, common: argparse.ArgumentParser) -> None:
    init = commands.add_parser(
        "init",
        parents=[common],
        help="在新的或空的文件夹里创建一个团队自己的计划仓库 start a team's plan repository",
    )
    init.add_argument("dir", type=Path, help="新的或空的文件夹 a new or empty folder")
    init.add_argument(
        "--language", choices=LANGUAGES, default="zh", help="起步计划的语言（默认 zh） the starter plan's language"
    )
    init.add_argument(
        "--example", action="store_true", help="复制完整的示例计划（2027 年）代替起步计划 copy the full example plan"
    )


def passed(result: CheckResult, view: View | None, command: str, out: Path, args: argparse.Namespace) -> bool:
    """The checked plan's problems and one line after them; whether `check`, `build` and `next` go on.

    The line is on standard output: standard error holds the problems alone, one
    `path:line:col:` line each, for editors and CI to read. A build that stops says
    that `out` is as it was."""
    style = getattr(args, "format", "text")
    print_problems(result.problems, result.language, style)
    failed = has_errors(result.problems) or (
        args.strict and any(p.severity is Severity.WARNING for p in result.problems)
    )
    if style == "text":
        if failed or view is None:
            print_failed(result.problems, result.language)
            if command != "check":
                print(label(result.language, "cli.output_kept", out=str(out)))
        elif command == "check":
            plan = view.plan
            slots = sum(len(e.slots) for e in plan.entries)
            warnings = len(result.problems)  # a plan that passes has warnings at the most
            key = "cli.check_clean" if not warnings else "cli.check_warnings"
            print(label(result.language, key, entries=len(plan.entries), slots=slots, warnings=warnings))
    return not failed and view is not None


def new(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    kind = KIND_NAMES[args.kind]
    if not ID_PATTERN.match(args.id) or len(args.id) > ID_MAX:
        return fail(_not_an_id(kind, args, result), 2, "new")
    target = root / "content" / kind.value / f"{args.id}.yaml"
    if target.exists() or target.with_suffix(".yml").exists():
        return fail(label(result.language, "cli.exists", path=target.relative_to(root).as_posix()), 1, "new")
    today = resolve_now(args.now, result.plan.site.timezone if result.plan else DEFAULT_ZONE).date()
    relative = target.relative_to(root).as_posix()
    write_outputs(root, [Output(relative, scaffold(kind, result.plan, today, result.language, dict(result.ids)).encode())])
    print(relative)
    return 0


def schema(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    outputs = editor_schema.render(result.plan, result.language)
    stale = [o.path for o in outputs if not (root / o.path).is_file() or (root / o.path).read_bytes() != o.data]
    if args.check:
        for path in stale:
            message = label(result.language, "cli.schema_stale", command=f"{program()} schema")
            print(f"{path}:1:1: error: {message}", file=sys.stderr)
        return 1 if stale else 0
    write_outputs(root, [output for output in outputs if output.path in stale])
    for path in stale:
        print(path)
    return 0


def init(args: argparse.Namespace) -> int:
    """A new plan repository in an empty folder; a folder with anything in it is refused untouched."""
    target: Path = args.dir
    language: str = args.language
    if target.exists() and not target.is_dir():
        return fail(label(language, "init.not_a_folder", dir=str(target)), 2, "init")
    if target.is_dir() and any(target.iterdir()):
        return fail(label(language, "init.not_empty", dir=str(target)), 2, "init")
    today = resolve_now(args.now, DEFAULT_ZONE).astimezone(ZoneInfo(DEFAULT_ZONE)).date()
    files = starter_files(language, args.example, today, tool_source())
    write_outputs(target, files)
    result = check_plan(target)  # the editor schemas carry the plan's own ids
    schemas = editor_schema.render(result.plan, result.language)
    write_outputs(target, schemas)
    for output in [*files, *schemas]:
        print(output.path)
    steps = [
        (f"{program()} build", "init.next_build"),
        (f"{program()} serve", "init.next_serve"),
        ("pre-commit install", "init.next_hooks"),
    ]
    print(label(result.language, "init.done", dir=str(target), files=len(files) + len(schemas)), file=sys.stderr)
    for command, meaning in steps:
        print(f"  cd {target} && {command:<24} {label(result.language, meaning)}", file=sys.stderr)
    return 0
