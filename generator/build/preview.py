"""`python build.py serve`: a local preview that rebuilds and reloads the
browser when a file under content/ or calendar/ (or the site's own config,
theme and extra pages) changes.

Mid-edit the plan is often broken: then the located problems are printed and
the last good site stays up, so the page an editor is looking at never turns
into an error.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from generator.build import pipeline
from generator.plan.check import check_plan
from generator.build.prepare import checked
from generator.build.memo import Memo
from generator.plan.model import Plan
from generator.plan.outputs import Output
from generator.plan.visibility import View
from generator.build.writer import write_outputs
from generator.plan.problems import has_errors
from generator.build.mkdocs.server import serve_folder
from generator.build.mkdocs.site import CONFIG, EXTRA_PAGES, WORK_DIR
from generator.plan.yamlfile import read
from generator.words import problem_line

PREVIEW = "preview"  # the served build, under .build/
WATCHED = ("content", "calendar", CONFIG, "theme", EXTRA_PAGES)

_WAITING = """<!doctype html><meta charset="utf-8"><title>…</title>
<p>计划还有错误，修改后会自动刷新。<br>The plan has errors; this page reloads once they are fixed.</p>
"""


def serve(
    root: Path,
    *,
    drafts: bool = False,
    now: datetime | date | None = None,
    host: str = "127.0.0.1",
    port: int = 8000,
    public: bool = False,
) -> int:
    """Serves the plan at `root` until interrupted; returns the exit status."""
    root = root.resolve()
    out = root / WORK_DIR / PREVIEW
    rebuild = _rebuilder(root, out, drafts, now, public)
    if not rebuild() and not (out / "index.html").exists():
        write_outputs(out, [Output("index.html", _WAITING.encode())])
    serve_folder(out, rebuild, [root / name for name in WATCHED if (root / name).exists()], host, port)
    return 0


def _rebuilder(
    root: Path, out: Path, drafts: bool, now: datetime | date | None, public: bool = False
) -> Callable[[], bool]:
    """After one whole build, an edit rebuilds in place what it changes: files
    are parsed again only if their bytes changed, pages rendered again only if
    their inputs did, and MkDocs redoes only pages whose Markdown changed. The
    browser reloads once the pages are written; the calendars and feeds follow
    a moment later, written from a thread the next edit waits for."""
    built = False
    reader = lru_cache(maxsize=100_000)(read)
    memo: Memo[str] = Memo()
    writing: list[threading.Thread] = []  # the last edit's calendars and feeds

    def rebuild() -> bool:
        """Checks and builds; on any problem keeps the last good site."""
        nonlocal built
        for thread in writing:
            thread.join()
        writing.clear()
        result, view, findings = checked(check_plan(root, reader), now, drafts, public)
        for problem in result.problems:
            print(problem_line(problem, result.language), file=sys.stderr)
        if view is None or has_errors(result.problems):
            return False
        # this week's changes against the edited plan; the revision's files parse once (`reader`)
        changes = pipeline.week(root, result.plan, view, reader=reader)
        try:
            if built:
                pipeline.refresh_site(root, result.plan, view, out, memo, findings, changes.history)
                writing.append(
                    threading.Thread(target=_write_files, args=(result.plan, view, out, changes), daemon=True)
                )
                writing[-1].start()
            else:
                pipeline.build(root, result.plan, view, out, memo, findings=findings, past=changes)
                built = True
        except Exception as error:  # a failed whole build leaves the last good site in place
            print(f"build.py serve: error: {type(error).__name__}: {error}", file=sys.stderr)
            built = False  # the next edit starts again from a whole build
            return False
        return True

    return rebuild


def _write_files(plan: Plan, view: View, out: Path, changes: pipeline.Past) -> None:
    try:
        pipeline.refresh_files(plan, view, out, changes)
    except Exception as error:  # the site is up; say what failed and keep serving
        print(f"build.py serve: error: calendars and feeds: {type(error).__name__}: {error}", file=sys.stderr)
