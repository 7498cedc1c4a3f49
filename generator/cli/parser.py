"""The command line's grammar: the options every command shares, the help's
headings in both languages, and the commands in the order the help lists them.

Each command's own options are beside what it does, in its group's module.
"""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from generator.cli import build, changes, check, publish, sheets
from generator.cli.common import program
from generator.cli.mistakes import Parser
from generator.plan.specs import parse_moment

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

# The help lists the commands in this order (the metavar says it too); each adds its own options.
COMMANDS = (
    build.add_build,
    check.add_check,
    check.add_new,
    check.add_schema,
    build.add_serve,
    sheets.add_export,
    sheets.add_import,
    check.add_init,
    publish.add_next,
    publish.add_deploy,
    changes.add_changes,
    changes.add_digest,
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


def _common(given_only: bool) -> argparse.ArgumentParser:
    """The options every command takes. The commands' copy (`given_only`) sets
    only what is given after the command's name, so that one given before it
    (`--now X check`) is not reset to its default."""
    common = argparse.ArgumentParser(add_help=False)
    unset = {"default": argparse.SUPPRESS} if given_only else {}
    common.add_argument(
        "--root",
        type=Path,
        default=argparse.SUPPRESS if given_only else Path("."),
        help="计划所在的项目目录，含 content/ 与 calendar/（默认：当前目录） the project folder",
    )
    common.add_argument(
        "--now",
        type=_now_argument,
        **unset,
        help='构建时刻，决定哪些发布已到期，如 "2027-04-01T09:00+08:00"；不带时区时按计划时区'
        "（默认：SOURCE_DATE_EPOCH，否则当前时间） the build's now",
    )
    common.add_argument("--drafts", action="store_true", **unset, help="在网站和日历中显示草稿（标注为草稿；订阅源中永不出现） show drafts")
    common.add_argument(
        "--public",
        action="store_true",
        **unset,
        help="构建给读者的公开网站：没有团队备注、负责人、用户分层、目标与 KPI、计划检查和团队页面 the readers' site",
    )
    common.add_argument("--strict", action="store_true", **unset, help="有警告也算失败 treat warnings as errors")
    return common


def parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog=program(),
        description="把社群内容计划（content/ 与 calendar/ 下的 YAML）检查并构建为网站、iCalendar 日历和 RSS/Atom 订阅源。"
        " Checks the community content plan and builds the site, calendars and feeds.",
        epilog=EPILOG,
        formatter_class=_HelpFormatter,
        parents=[_common(given_only=False)],
    )
    build.add_build_options(parser)  # `build` is the default command: its options work without its name
    commands = parser.add_subparsers(
        dest="command", metavar="{build,check,serve,new,schema,init,export,import,changes,digest,next,deploy}",
        title="命令 commands",
        parser_class=lambda **kw: _bilingual(Parser(formatter_class=_HelpFormatter, **kw)),
    )
    common = _common(given_only=True)
    for add in COMMANDS:
        add(commands, common)
    return _bilingual(parser)


def _now_argument(text: str) -> datetime | date:
    value = parse_moment(text)
    if value is None or isinstance(value, str):
        raise argparse.ArgumentTypeError(f"now:{text}")  # said in the plan's language by `mistakes`
    return value
