"""The command line: the only place that prints problems and picks exit codes.

Exit status: 0 built or checked (warnings alone), 1 the plan has errors (or
warnings under --strict) or the build or upload failed, 2 the command itself is
wrong, 3 `next --since`: nothing changed since that build.

`main` is the way in (`community-plan`, build.py); each group of commands has
its module (`build`, `check`, `sheets`, `changes`, `publish`), its options in
it; `common` is how they all print; `parser` puts the options together.
"""

from __future__ import annotations

import sys

from generator.build.prepare import checked, now_source
from generator.cli import build, changes, check, publish, sheets
from generator.cli.common import fail
from generator.cli.parser import parser
from generator.plan.check import check_plan
from generator.words import label

# The commands that take the plan as written and checked, and do not build.
AFTER_CHECK = {
    "deploy": publish.deploy,
    "export": sheets.export,
    "import": sheets.import_sheet,
    "new": check.new,
    "schema": check.schema,
    "changes": changes.run,
    "digest": changes.run,
}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if getattr(args, "public", False) and getattr(args, "drafts", False):
        return fail(label("zh", "cli.public_drafts"), 2)
    root = args.root
    command = args.command or "build"
    if command == "init":
        return check.init(args)
    if not (root / "content").is_dir():
        print(label("zh", "cli.no_plan", root=str(root.resolve())), file=sys.stderr)
        return 1
    if command == "serve":
        return build.serve(root, args)
    if command == "build" and (refused := build.engine_missing(args.engine)) is not None:
        return refused
    result = check_plan(root)
    if command in AFTER_CHECK:
        return AFTER_CHECK[command](root, result, args)
    # check, build and next: the plan as of now, its problems and lint printed
    as_written = result.plan  # statuses as written: `next` needs to know what a post becomes when due
    result, view, findings = checked(result, args.now, args.drafts, args.public)
    out = args.out if args.out is not None else root / "site"
    if not check.passed(result, view, command, out, args):
        return 1
    if command == "check":
        return 0
    assert as_written is not None and view is not None
    from generator.build import stamp as stamps  # the site's views: not needed to check

    stamp = stamps.make(root, as_written, view)
    if command == "next":
        return publish.next_change(stamp, result.language, args.since)
    return build.build(root, result, view, findings, out, f"cli.now_{now_source(args.now)}", args.engine, stamp)
