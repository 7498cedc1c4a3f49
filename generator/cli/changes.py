"""`changes` and `digest`: the plan as of now against its past in git; the
digest as a group chat's messages, printed or posted to its webhook."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from generator import digest, history
from generator.build.prepare import checked
from generator.build.writer import scratch
from generator.cli.common import Commands, fail, print_failed, print_problems
from generator.digest import webhook
from generator.plan.check import CheckResult
from generator.plan.model import Plan
from generator.plan.problems import Severity
from generator.words import aside, label, plural
from generator.words import changes as said

SINCE_HELP = "与哪个 git 版本比较，如 HEAD~5、v1.0 或提交哈希（默认：最近 7 天，按提交时间） the revision to compare with"


def add_changes(commands: Commands, common: argparse.ArgumentParser) -> None:
    changes = commands.add_parser(
        "changes", parents=[common], help="计划的变动：新增、改期、取消、换人、删除 what changed in the plan"
    )
    changes.add_argument("--since", metavar="REV", help=SINCE_HELP)


def add_digest(commands: Commands, common: argparse.ArgumentParser) -> None:
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


def run(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    """`changes` and `digest`: the plan as of now against its past in git.

    Only errors are printed (the lint's warnings belong to `check`), and on
    standard error: `digest` prints its messages on standard output, one a
    line, for a pipe."""
    command = args.command
    posting = command == "digest" and args.post
    if posting and args.format == digest.MARKDOWN:
        return fail(label(result.language, "cli.digest.post_markdown"), 2, command)
    result, view, _ = checked(result, args.now, False, args.public)
    errors = [p for p in result.problems if p.severity is Severity.ERROR]
    print_problems(errors, result.language)
    if view is None or errors:
        print_failed(errors, result.language, file=sys.stderr)
        return 1
    plan, language = view.plan, result.language
    if args.since:
        found_history = history.since(root, plan, args.since, scratch)
    else:
        found_history = history.week(root, plan, view.now, scratch)
    found_history = found_history.shown(view.team)
    if command == "changes":
        return _changes(found_history, plan, view.now, language)
    messages = digest.render(args.format, plan, view.now, found_history)
    if not posting:
        for message in messages:
            print(message.text if message.payload is None else message.body.decode("utf-8"))
        return 0
    return _post(args, [m.payload for m in messages if m.payload is not None], language)


def _changes(found: history.History, plan: Plan, now: datetime, language: str) -> int:
    """One line saying since when, then per entry its changes, each with its commit."""
    if not found.known:
        reason = said.missing_text(language, found)
        return fail(label(language, "cli.changes.error", reason=reason), 1, "changes")
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


def _post(args: argparse.Namespace, payloads: list[dict], language: str) -> int:
    """Sends the digest to PLAN_WEBHOOK_URL; says each retry, and how it ended."""
    url = os.environ.get("PLAN_WEBHOOK_URL", "").strip()
    if not url:
        return fail(label(language, "cli.digest.no_url"), 1, "digest")
    shown = webhook.redacted(url)
    if urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).hostname:
        return fail(label(language, "cli.digest.bad_url", url=shown), 1, "digest")
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
    fail(label(language, "cli.digest.failed", index=outcome.sent + 1, total=outcome.total,
               attempts=outcome.attempts, reason=reason, url=shown), 1, "digest")
    if outcome.sent:
        print(label(language, "cli.digest.partial", sent=outcome.sent), file=sys.stderr)
    return 1
