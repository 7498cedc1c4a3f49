"""The command line: the only place that prints problems and picks exit codes.

Exit status: 0 built or checked (warnings alone), 1 the plan has errors (or
warnings under --strict) or the build or upload failed, 2 the command itself is
wrong, 3 `next --since`: nothing changed since that build.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from generator import digest, history
from generator.digest import webhook
from generator.plan.check import CheckResult, check_plan
from generator.words import changes as said
from generator.editor import schema as editor_schema
from generator.build import stamp as stamps
from generator.build.prepare import checked, now_source, resolve_now
from generator.editor.init import starter_files, tool_source
from generator.plan.schema import LANGUAGES
from generator.editor.scaffold import KIND_NAMES, scaffold
from generator.words import aside, label, plural, problem_line, problem_text
from generator.plan.outputs import Finding, Output
from generator.plan.problems import Severity, has_errors
from generator.plan.specs import ID_MAX, ID_PATTERN, parse_moment
from generator.plan.model import Plan
from generator.plan.visibility import View
from generator.plan.zones import DEFAULT_ZONE
from generator.build.writer import scratch, write_outputs
from generator import sheets

EPILOG = """\
例子 examples:
  python build.py                 检查计划并构建网站、日历和订阅源到 site/
  python build.py check           只检查，不构建（提交前或 CI 中使用）
  python build.py serve           本地预览 http://127.0.0.1:8000/ ，修改 YAML 后自动刷新
  python build.py --now "2027-04-01 09:00" --drafts --out /tmp/preview
  python build.py new event chengdu-meetup   新建 content/events/chengdu-meetup.yaml（含全部字段与注释）
  python build.py schema          更新 schema/，编辑器（VS Code YAML 插件）据此自动补全和校验
  python build.py next            网站下一次会变化的时刻和原因（CI 据此决定是否重新发布）
  python build.py deploy s3://bucket/plan --endpoint https://oss-cn-hangzhou.aliyuncs.com   上传 site/ 到对象存储
  python build.py export plan.xlsx            把计划导出为表格（也可以是 plan.csv）
  python build.py import plan.xlsx --apply    把表格里的修改写回 YAML（不加 --apply 只列出修改）
  python build.py changes         最近 7 天计划的变动（新增、改期、取消、换人、删除），--since 指定 git 版本
  python build.py digest --format wecom --post   把本周变动和未来 7 天的工作发到企业微信群（PLAN_WEBHOOK_URL）

问题的格式 problems print as:
  content/events/mi-fan-festival.yaml:12:8: error: 结束 2027-04-05 早于开始 2027-04-06
  （文件:行:列: 级别: 说明 — open the file at that line and column）
  plan.xlsx:全部!F12: error: 未知的渠道 “微薄”，你是不是想写 “微博”？
  （表格:工作表!单元格 — a spreadsheet's problems name the sheet and the cell）

退出码 exit status: 0 成功（只有警告也算成功），1 计划有错误（或 --strict 下有警告）或构建、上传失败，
2 命令写错了，3 next --since：与已发布的版本相比没有变化。出错时 site/ 保持原样，不会留下半成品。
"""

ENGINES = ("mkdocs", "zensical")
ENGINE_HELP = (
    "网站用哪个引擎构建：mkdocs（默认）或 zensical（可选组件：pip install \"community-plan[zensical]\"）"
    " the site's engine"
)


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's headings in both of the plan's languages, like the rest of the help."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "用法 usage: ")


def _bilingual(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    parser._positionals.title = "参数 arguments"
    parser._optionals.title = "选项 options"
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "显示此帮助并退出 show this help and exit"
    return parser


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root",
        type=Path,
        default=Path("."),
        help="计划所在的项目目录，含 content/ 与 calendar/（默认：当前目录） the project folder",
    )
    common.add_argument(
        "--now",
        type=_now_argument,
        help='构建时刻，决定哪些发布已到期，如 "2027-04-01T09:00+08:00"；不带时区时按计划时区'
        "（默认：SOURCE_DATE_EPOCH，否则当前时间） the build's now",
    )
    common.add_argument("--drafts", action="store_true", help="在网站和日历中显示草稿（标注为草稿；订阅源中永不出现） show drafts")
    common.add_argument(
        "--public",
        action="store_true",
        help="构建给读者的公开网站：没有团队备注、负责人、用户分层、目标与 KPI、计划检查和团队页面 the readers' site",
    )
    common.add_argument("--strict", action="store_true", help="有警告也算失败 treat warnings as errors")

    parser = argparse.ArgumentParser(
        prog=_program(),
        description="把社群内容计划（content/ 与 calendar/ 下的 YAML）检查并构建为网站、iCalendar 日历和 RSS/Atom 订阅源。"
        " Checks the community content plan and builds the site, calendars and feeds.",
        epilog=EPILOG,
        formatter_class=_HelpFormatter,
        parents=[common],
    )
    parser.add_argument("--out", type=Path, help="输出目录（默认：项目下的 site/） output folder")
    parser.add_argument("--engine", choices=ENGINES, default="mkdocs", help=ENGINE_HELP)
    commands = parser.add_subparsers(
        dest="command", metavar="{build,check,serve,new,schema,init,export,import,changes,digest,next,deploy}",
        title="命令 commands",
        parser_class=lambda **kw: _bilingual(argparse.ArgumentParser(formatter_class=_HelpFormatter, **kw)),
    )
    build = commands.add_parser("build", parents=[common], help="检查并构建（默认命令） check, then build")
    build.add_argument("--out", type=Path, help="输出目录（默认：项目下的 site/） output folder")
    build.add_argument("--engine", choices=ENGINES, default=argparse.SUPPRESS, help=ENGINE_HELP)
    check = commands.add_parser("check", parents=[common], help="只检查计划 check only")
    check.add_argument(
        "--format",
        choices=("text", "github"),
        default="text",
        help="text：文件:行:列（默认）；github：GitHub Actions 注解，在 PR 中标出问题所在行",
    )
    new = commands.add_parser("new", parents=[common], help="新建一个条目，含全部字段和注释 scaffold an entry")
    new.add_argument("kind", choices=sorted(KIND_NAMES), help="条目类型 the kind")
    new.add_argument("id", help="条目 id，即文件名，如 chengdu-meetup the entry's id")
    schema_command = commands.add_parser(
        "schema", parents=[common], help="生成编辑器用的 JSON Schema（自动补全）到 schema/ write the editor schema"
    )
    schema_command.add_argument("--check", action="store_true", help="只检查 schema/ 是否最新 only check it is current")
    serve = commands.add_parser("serve", parents=[common], help="本地预览并自动刷新 preview with live reload")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    export = commands.add_parser(
        "export", parents=[common],
        help="把计划导出为表格：每次发布一行，另有每月一张表 export the plan as a spreadsheet",
    )
    export.add_argument("file", type=Path, help="要写的 .xlsx 或 .csv 文件 the file to write")
    sheet_import = commands.add_parser(
        "import", parents=[common],
        help="读回编辑过的表格：先列出将要做的修改，加 --apply 才写入 YAML import an edited spreadsheet",
    )
    sheet_import.add_argument("file", type=Path, help="export 导出后编辑过的 .xlsx 或 .csv 文件 the edited file")
    sheet_import.add_argument(
        "--apply", action="store_true", help="把修改写入计划的 YAML 文件（默认只列出） write the changes"
    )
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
    nxt = commands.add_parser("next", parents=[common], help="网站下一次变化的时刻和原因 when the site next changes")
    nxt.add_argument(
        "--since", metavar="BUILD_JSON",
        help="与已发布的 build.json（文件或网址）比较：需要重新发布时退出码 0，没有变化时 3"
        " compare with a deployed build.json (a file or a URL): exit 0 to publish, 3 when nothing changed",
    )
    deploy = commands.add_parser(
        "deploy", parents=[common], help="把构建好的网站上传到 S3 兼容的存储桶 upload the built site to an S3-compatible bucket"
    )
    deploy.add_argument("target", help="s3://存储桶[/前缀] s3://BUCKET[/PREFIX]")
    deploy.add_argument("--endpoint", help="存储服务地址，如 https://oss-cn-hangzhou.aliyuncs.com the service's URL")
    deploy.add_argument("--out", type=Path, help="构建好的网站所在目录（默认：项目下的 site/） the built site")
    changes = commands.add_parser(
        "changes", parents=[common], help="计划的变动：新增、改期、取消、换人、删除 what changed in the plan"
    )
    changes.add_argument("--since", metavar="REV", help=SINCE_HELP)
    digest_command = commands.add_parser(
        "digest", parents=[common], help="本周变动和未来 7 天的工作，作为群机器人消息 the week for a group chat"
    )
    digest_command.add_argument(
        "--format", choices=digest.FORMATS, default=digest.MARKDOWN,
        help="wecom（企业微信）、feishu（飞书）、dingtalk（钉钉）的消息 JSON，或 markdown（默认） the message's platform",
    )
    digest_command.add_argument(
        "--post", action="store_true",
        help="发送到环境变量 PLAN_WEBHOOK_URL 中的群机器人 webhook（加签的机器人另设 PLAN_WEBHOOK_SECRET） send it",
    )
    digest_command.add_argument("--since", metavar="REV", help=SINCE_HELP)
    digest_command.add_argument(
        "--timeout", type=float, default=webhook.TIMEOUT, help="等待应答的秒数（默认 10） seconds for an answer"
    )
    digest_command.add_argument(
        "--retries", type=int, default=webhook.RETRIES, help="发送失败后重试的次数（默认 2） tries after a failure"
    )
    return _bilingual(parser)


SINCE_HELP = "与哪个 git 版本比较，如 HEAD~5、v1.0 或提交哈希（默认：最近 7 天，按提交时间） the revision to compare with"


def _program() -> str:
    """How the user called us, for the help and for the commands we suggest
    (`python build.py`, `python ../tool/build.py`, `community-plan`)."""
    return f"python {sys.argv[0]}" if Path(sys.argv[0]).name == "build.py" else "community-plan"


def _now_argument(text: str) -> datetime | date:
    value = parse_moment(text)
    if value is None or isinstance(value, str):
        raise argparse.ArgumentTypeError(f"不是日期时间 not a date-time: {text!r} (e.g. 2027-04-01T09:00+08:00)")
    return value


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "public", False) and getattr(args, "drafts", False):
        print(f"{_program()}: error: {label('zh', 'cli.public_drafts')}", file=sys.stderr)
        return 2
    root: Path = args.root
    command = args.command or "build"
    if command == "init":
        return _init(args)
    if not (root / "content").is_dir():
        print(label("zh", "cli.no_plan", root=str(root.resolve())), file=sys.stderr)
        return 1
    if command == "serve":
        return _serve(root, args)
    if command == "build" and args.engine == "zensical":
        from generator.build.zensical import missing

        if hint := missing():
            print(f"{_program()}: error: {hint}", file=sys.stderr)
            return 2
    result = check_plan(root)
    if command == "deploy":
        return _deploy(args.target, args.endpoint, args.out or root / "site", result.language)
    if command == "export":
        return _export(result, args)
    if command == "import":
        return _import(root, result, args)
    if command == "new":
        return _new(root, result, args)
    if command == "schema":
        return _schema(root, result, args.check)
    if command in ("changes", "digest"):
        return _history_command(root, result, args)
    as_written = result.plan  # statuses as written: `next` needs to know what a post becomes when due
    result, view, findings = checked(result, args.now, args.drafts, args.public)
    style = getattr(args, "format", "text")
    _print_problems(result, style)
    failed = has_errors(result.problems) or (
        args.strict and any(p.severity is Severity.WARNING for p in result.problems)
    )
    out = args.out if args.out is not None else root / "site"
    if style == "text":
        _print_summary(result, view, command, out, failed)
    if failed or view is None:
        return 1
    if command == "check":
        return 0
    assert as_written is not None
    stamp = stamps.make(root, as_written, view)
    if command == "next":
        return _next(stamp, result.language, args.since)
    return _build(root, result, view, findings, out, f"cli.now_{now_source(args.now)}", args.engine, stamp)


def _build(
    root: Path,
    result: CheckResult,
    view: View,
    findings: tuple[Finding, ...],
    out: Path,
    now_source: str,
    engine: str = "mkdocs",
    stamp: stamps.Stamp | None = None,
) -> int:
    language = result.language
    try:
        from generator.build.pipeline import build  # MkDocs is imported only when building

        report = build(root, result.plan, view, out, engine=engine, findings=findings, stamp=stamp)
    except Exception as exc:  # any failure past the check leaves `out` as it was
        detail = f"{type(exc).__name__}: {exc}"
        print(f"{_program()}: error: {label(language, 'cli.build_failed', detail=detail)}", file=sys.stderr)
        print(label(language, "cli.output_kept", out=str(out)), file=sys.stderr)
        if os.environ.get("PLAN_DEBUG"):
            traceback.print_exc()
        return 1
    zone = ZoneInfo(result.plan.site.timezone)
    as_of = view.now.astimezone(zone).strftime("%Y-%m-%d %H:%M %z")
    size = f"{report.bytes / 1_000_000:.1f} MB"
    # `make serve` only where it works: the build.py run is this plan folder's own, beside its Makefile
    in_this_repository = Path(sys.argv[0]).resolve() == (root / "build.py").resolve() and (root / "Makefile").is_file()
    serve = "make serve" if in_this_repository else f"{_program()} serve"
    lines = [
        label(language, "cli.built", out=str(out), files=report.files, size=size),
        label(language, "cli.built_as_of", now=as_of, source=label(language, now_source)),
        *([label(language, "cli.next", line=stamp.next.line(language))] if stamp is not None else []),
        label(language, "cli.look", serve=serve, address="http://127.0.0.1:8000/", index=str(out / "index.html")),
    ]
    print("\n".join(lines), file=sys.stderr)
    return 0


def _next(stamp: stamps.Stamp, language: str, since: str | None) -> int:
    """The next change, one line; with --since, 0 when the site differs from that build's, 3 when not."""
    print(stamp.next.line(language))
    if since is None:
        return 0
    return 0 if stamps.changed_since(stamps.read(since), stamp) else 3


def _deploy(target: str, endpoint: str | None, out: Path, language: str) -> int:
    from generator.build import deploy  # boto3 is imported only when deploying

    try:
        report = deploy.publish(out, target, endpoint, os.environ)
    except deploy.DeployError as error:
        values = {"command": f"{_program()} build", **error.values}
        print(f"{_program()} deploy: error: {label(language, error.key, **values)}", file=sys.stderr)
        return 1
    print(label(language, "deploy.done", target=target, **report.counts()), file=sys.stderr)
    return 0


def _init(args: argparse.Namespace) -> int:
    """A new plan repository in an empty folder; a folder with anything in it is refused untouched."""
    target: Path = args.dir
    language: str = args.language
    if target.exists() and not target.is_dir():
        print(f"{_program()} init: error: {label(language, 'init.not_a_folder', dir=str(target))}", file=sys.stderr)
        return 2
    if target.is_dir() and any(target.iterdir()):
        print(f"{_program()} init: error: {label(language, 'init.not_empty', dir=str(target))}", file=sys.stderr)
        return 2
    today = resolve_now(args.now, DEFAULT_ZONE).astimezone(ZoneInfo(DEFAULT_ZONE)).date()
    files = starter_files(language, args.example, today, tool_source())
    write_outputs(target, files)
    result = check_plan(target)  # the editor schemas carry the plan's own ids
    schemas = editor_schema.render(result.plan, result.language)
    write_outputs(target, schemas)
    for output in [*files, *schemas]:
        print(output.path)
    steps = [
        (f"{_program()} build", "init.next_build"),
        (f"{_program()} serve", "init.next_serve"),
        ("pre-commit install", "init.next_hooks"),
    ]
    print(label(result.language, "init.done", dir=str(target), files=len(files) + len(schemas)), file=sys.stderr)
    for command, meaning in steps:
        print(f"  cd {target} && {command:<24} {label(result.language, meaning)}", file=sys.stderr)
    return 0


def _serve(root: Path, args: argparse.Namespace) -> int:
    from generator.build.preview import serve

    return serve(root, drafts=args.drafts, now=args.now, host=args.host, port=args.port, public=args.public) or 0


def _print_summary(result: CheckResult, view: View | None, command: str, out: Path, failed: bool) -> None:
    """One line after the problems: what was found, and for a build that stops, that `out` is as it was.

    On standard output: standard error holds the problems alone, one `path:line:col:` line
    each, for editors and CI to read."""
    language = result.language
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    warnings = len(result.problems) - errors
    if not failed and view is not None:
        if command == "check":
            plan = view.plan
            slots = sum(len(e.slots) for e in plan.entries)
            key = "cli.check_clean" if not warnings else "cli.check_warnings"
            print(label(language, key, entries=len(plan.entries), slots=slots, warnings=warnings))
        return
    print(label(language, "cli.check_failed", errors=errors, warnings=warnings))
    if command != "check":
        print(label(language, "cli.output_kept", out=str(out)))


def _print_problems(result: CheckResult, style: str = "text") -> None:
    for found in result.problems:
        if style == "github":
            # workflow commands become annotations on the pull request's lines
            message = problem_text(found, result.language).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{found.severity.value} file={found.path},line={found.line},col={found.column}::{message}")
        else:
            print(problem_line(found, result.language), file=sys.stderr)


def _new(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    kind = KIND_NAMES[args.kind]
    if not ID_PATTERN.match(args.id) or len(args.id) > ID_MAX:
        message = label(result.language, "problem.id.invalid", value=args.id, hint="")
        print(f"{_program()} new: error: {message}", file=sys.stderr)
        return 2
    target = root / "content" / kind.value / f"{args.id}.yaml"
    if target.exists() or target.with_suffix(".yml").exists():
        message = label(result.language, "cli.exists", path=target.relative_to(root).as_posix())
        print(f"{_program()} new: error: {message}", file=sys.stderr)
        return 1
    today = resolve_now(args.now, result.plan.site.timezone if result.plan else DEFAULT_ZONE).date()
    relative = target.relative_to(root).as_posix()
    write_outputs(root, [Output(relative, scaffold(kind, result.plan, today, result.language).encode())])
    print(relative)
    return 0


def _schema(root: Path, result: CheckResult, only_check: bool) -> int:
    outputs = editor_schema.render(result.plan, result.language)
    stale = [o.path for o in outputs if not (root / o.path).is_file() or (root / o.path).read_bytes() != o.data]
    if only_check:
        for path in stale:
            message = label(result.language, "cli.schema_stale", command=f"{_program()} schema")
            print(f"{path}:1:1: error: {message}", file=sys.stderr)
        return 1 if stale else 0
    write_outputs(root, [output for output in outputs if output.path in stale])
    for path in stale:
        print(path)
    return 0


def _export(result: CheckResult, args: argparse.Namespace) -> int:
    """The plan as a spreadsheet, for the people who plan in one (`generator.sheets`)."""
    file: Path = args.file
    language = result.language
    if file.suffix.lower() not in sheets.FORMATS:
        print(f"{_program()} export: error: {label(language, 'sheets.unknown_format', path=str(file))}", file=sys.stderr)
        return 2
    if args.public:
        print(f"{_program()} export: error: {label(language, 'sheets.public')}", file=sys.stderr)
        return 2
    if result.plan is None:
        return _refuse_unchecked(result)
    suffix = file.suffix.lower()
    data = sheets.export(result.plan, suffix, resolve_now(args.now, result.plan.site.timezone))
    write_outputs(file.parent, [Output(file.name, data)])
    rows, count = sheets.rows_of(result.plan), sheets.sheets_of(result.plan, suffix)
    print(label(language, "sheets.exported", path=str(file), rows=rows, sheets=count))
    return 0


def _import(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    """A spreadsheet's edits: listed (a dry run), or with --apply written into the YAML.

    Problems go to standard error, one `plan.xlsx:全部!F12: error: …` line each, all
    of them; with any error nothing is written."""
    file: Path = args.file
    language = result.language
    if file.suffix.lower() not in sheets.FORMATS:
        print(f"{_program()} import: error: {label(language, 'sheets.unknown_format', path=str(file))}", file=sys.stderr)
        return 2
    if not file.is_file():
        print(f"{_program()} import: error: {label(language, 'sheets.missing', path=str(file))}", file=sys.stderr)
        return 2
    if result.plan is None:
        return _refuse_unchecked(result)
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
        for problem in found.after:
            if problem.severity is Severity.ERROR:
                print(problem_line(problem, language), file=sys.stderr)
                errors += 1
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


def _print_changes(found: sheets.Imported, language: str) -> None:
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


def _refuse_unchecked(result: CheckResult) -> int:
    """A sheet is made from, and read into, a plan that checks."""
    _print_problems(result)
    errors = sum(p.severity is Severity.ERROR for p in result.problems)
    print(label(result.language, "cli.check_failed", errors=errors, warnings=len(result.problems) - errors))
def _history_command(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    """`changes` and `digest`: the plan as of now against its past in git.

    Only errors are printed (the lint's warnings belong to `check`), and on
    standard error: `digest` prints its messages on standard output, one a
    line, for a pipe."""
    name = f"{_program()} {args.command}"
    posting = args.command == "digest" and args.post
    if posting and args.format == digest.MARKDOWN:
        print(f"{name}: error: {label(result.language, 'cli.digest.post_markdown')}", file=sys.stderr)
        return 2
    result, view, _ = checked(result, args.now, False, args.public)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    for found in errors:
        print(problem_line(found, result.language), file=sys.stderr)
    if view is None or errors:
        print(label(result.language, "cli.check_failed", errors=len(errors), warnings=0), file=sys.stderr)
        return 1
    plan, language = view.plan, result.language
    if args.since:
        found_history = history.since(root, plan, args.since, scratch)
    else:
        found_history = history.week(root, plan, view.now, scratch)
    found_history = found_history.shown(view.team)
    if args.command == "changes":
        return _changes(name, found_history, plan, view.now, language)
    messages = digest.render(args.format, plan, view.now, found_history)
    if not posting:
        for message in messages:
            print(message.text if message.payload is None else message.body.decode("utf-8"))
        return 0
    return _post(name, args, [m.payload for m in messages if m.payload is not None], language)


def _changes(name: str, found: history.History, plan: Plan, now: datetime, language: str) -> int:
    """One line saying since when, then per entry its changes, each with its commit."""
    if not found.known:
        reason = said.missing_text(language, found)
        print(f"{name}: error: {label(language, 'cli.changes.error', reason=reason)}", file=sys.stderr)
        return 1
    zone = plan.site.timezone
    year = now.astimezone(ZoneInfo(zone)).year
    separator = label(language, "change.separator")
    print(said.since_text(language, found, zone) + separator + said.count_text(language, len(found.changes)))
    if not found.changes:
        print(label(language, "changes.none"))
    for group in found.groups():
        print()
        print(said.group_text(language, group) + (f"  {group.key}" if group.kind is not None else ""))
        for change in group.changes:
            committed = said.committed_text(language, change, zone)
            print(f"  {said.line_text(language, change, zone, year)}{aside(language, committed)}")
    return 0


def _post(name: str, args: argparse.Namespace, payloads: list[dict], language: str) -> int:
    """Sends the digest to PLAN_WEBHOOK_URL; says each retry, and how it ended."""
    url = os.environ.get("PLAN_WEBHOOK_URL", "").strip()
    if not url:
        print(f"{name}: error: {label(language, 'cli.digest.no_url')}", file=sys.stderr)
        return 1
    shown = webhook.redacted(url)
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        print(f"{name}: error: {label(language, 'cli.digest.bad_url', url=shown)}", file=sys.stderr)
        return 1
    platform = args.format

    def retrying(retry: webhook.Retry) -> None:
        reason = digest.failure_text(language, platform, retry.failure, args.timeout)
        print(label(language, "cli.digest.retry", attempt=retry.attempt, reason=reason, seconds=f"{retry.wait:g}"),
              file=sys.stderr)

    outcome = webhook.post(
        platform, url, payloads, timeout=args.timeout, retries=max(args.retries, 0),
        secret=os.environ.get("PLAN_WEBHOOK_SECRET") or None, on_retry=retrying,
    )
    if outcome.failure is None:
        print(plural(language, "cli.digest.sent", outcome.sent, url=shown), file=sys.stderr)
        return 0
    reason = digest.failure_text(language, platform, outcome.failure, args.timeout)
    print(f"{name}: error: " + label(language, "cli.digest.failed", index=outcome.sent + 1, total=outcome.total,
                                    attempts=outcome.attempts, reason=reason, url=shown), file=sys.stderr)
    if outcome.sent:
        print(label(language, "cli.digest.partial", sent=outcome.sent), file=sys.stderr)
    return 1
