"""`next` (when the site next changes, for CI to decide whether to publish) and
`deploy` (the built site to an S3-compatible bucket)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from generator.cli.common import Commands, fail, program
from generator.plan.check import CheckResult
from generator.words import label

if TYPE_CHECKING:  # the stamp reads the site's views: imported when a command needs it
    from generator.build import stamp as stamps


def add_next(commands: Commands, common: argparse.ArgumentParser) -> None:
    nxt = commands.add_parser("next", parents=[common], help="网站下一次变化的时刻和原因 when the site next changes")
    nxt.add_argument(
        "--since", metavar="BUILD_JSON",
        help="与已发布的 build.json（文件或网址）比较：需要重新发布时退出码 0，没有变化时 3"
        " compare with a deployed build.json (a file or a URL): exit 0 to publish, 3 when nothing changed",
    )


def add_deploy(commands: Commands, common: argparse.ArgumentParser) -> None:
    deploy = commands.add_parser(
        "deploy", parents=[common], help="把构建好的网站上传到 S3 兼容的存储桶 upload the built site to an S3-compatible bucket"
    )
    deploy.add_argument("target", help="s3://存储桶[/前缀] s3://BUCKET[/PREFIX]")
    deploy.add_argument("--endpoint", help="存储服务地址，如 https://oss-cn-hangzhou.aliyuncs.com the service's URL")
    deploy.add_argument("--out", type=Path, default=argparse.SUPPRESS, help="构建好的网站所在目录（默认：项目下的 site/） the built site")


def next_change(stamp: stamps.Stamp, language: str, since: str | None) -> int:
    """The next change, one line; with --since, 0 when the site differs from that build's, 3 when not."""
    print(stamp.next.line(language))
    if since is None:
        return 0
    from generator.build import stamp as stamps

    return 0 if stamps.changed_since(stamps.read(since), stamp) else 3


def deploy(root: Path, result: CheckResult, args: argparse.Namespace) -> int:
    from generator.build import deploy as upload  # boto3 is imported only when deploying

    language = result.language
    try:
        report = upload.publish(args.out or root / "site", args.target, args.endpoint, os.environ)
    except upload.DeployError as error:
        values = {"command": f"{program()} build", **error.values}
        return fail(label(language, error.key, **values), 1, "deploy")
    print(label(language, "deploy.done", target=args.target, **report.counts()), file=sys.stderr)
    return 0
