"""`build` (the default command) and `serve`: the site, made once or kept live."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from generator.cli.common import Commands, fail, program
from generator.plan.check import CheckResult
from generator.plan.outputs import Finding
from generator.plan.visibility import View
from generator.words import label

if TYPE_CHECKING:  # the stamp reads the site's views: imported when a command needs it
    from generator.build import stamp as stamps

ENGINES = ("mkdocs", "zensical")
ENGINE_HELP = (
    "网站用哪个引擎构建：mkdocs（默认）或 zensical（可选组件：pip install \"community-plan[zensical]\"）"
    " the site's engine"
)


def add_build_options(parser: argparse.ArgumentParser, given_only: bool = False) -> None:
    """`--out` and `--engine`: the top level's, with their defaults, and `build`'s, which set
    only what is given after `build` (`--out x build` keeps x)."""
    out, engine = (argparse.SUPPRESS, argparse.SUPPRESS) if given_only else (None, "mkdocs")
    parser.add_argument("--out", type=Path, default=out, help="输出目录（默认：项目下的 site/） output folder")
    parser.add_argument("--engine", choices=ENGINES, default=engine, help=ENGINE_HELP)


def add_build(commands: Commands, common: argparse.ArgumentParser) -> None:
    build = commands.add_parser("build", parents=[common], help="检查并构建（默认命令） check, then build")
    add_build_options(build, given_only=True)


def add_serve(commands: Commands, common: argparse.ArgumentParser) -> None:
    serve = commands.add_parser("serve", parents=[common], help="本地预览并自动刷新 preview with live reload")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")


def engine_missing(engine: str) -> int | None:
    """Exit 2 before the check when the chosen engine is not installed (it says how to install it)."""
    if engine != "zensical":
        return None
    from generator.build.zensical import missing

    if hint := missing():
        return fail(hint, 2)
    return None


def serve(root: Path, args: argparse.Namespace) -> int:
    from generator.build import preview

    return preview.serve(root, drafts=args.drafts, now=args.now, host=args.host, port=args.port, public=args.public) or 0


def build(
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
        from generator.build import pipeline  # MkDocs is imported only when building

        report = pipeline.build(root, result.plan, view, out, engine=engine, findings=findings, stamp=stamp)
    except Exception as exc:  # any failure past the check leaves `out` as it was
        fail(label(language, "cli.build_failed", detail=f"{type(exc).__name__}: {exc}"), 1)
        print(label(language, "cli.output_kept", out=str(out)), file=sys.stderr)
        if os.environ.get("PLAN_DEBUG"):
            traceback.print_exc()
        return 1
    zone = ZoneInfo(result.plan.site.timezone)
    as_of = view.now.astimezone(zone).strftime("%Y-%m-%d %H:%M %z")
    size = f"{report.bytes / 1_000_000:.1f} MB"
    # `make serve` only where it works: the build.py run is this plan folder's own, beside its Makefile
    in_this_repository = Path(sys.argv[0]).resolve() == (root / "build.py").resolve() and (root / "Makefile").is_file()
    serve = "make serve" if in_this_repository else f"{program()} serve"
    lines = [
        label(language, "cli.built", out=str(out), files=report.files, size=size),
        label(language, "cli.built_as_of", now=as_of, source=label(language, now_source)),
        *([label(language, "cli.next", line=stamp.next.line(language))] if stamp is not None else []),
        label(language, "cli.look", serve=serve, address="http://127.0.0.1:8000/", index=str(out / "index.html")),
    ]
    print("\n".join(lines), file=sys.stderr)
    return 0
