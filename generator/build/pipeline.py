"""One build, in order: check the plan, render every output, swap it in.

The renderers are pure; MkDocs writes the site into the staging folder
itself, and `writer` adds the calendars and feeds beside it. Those are
rendered on the second core while MkDocs works (`parallel`), and the
plan's past (this week's changes, `history.week`) is read there while the
pages render.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import calendars

from generator.editor import schema as editor_schema

from generator import feeds
from generator.feeds import changes as change_feed
from generator import history as plan_history
from generator.history import History

from generator.build import parallel

from generator.build.mkdocs import site as sitebuild
from generator.build import stamp as stamps
from generator.build.memo import Memo
from generator.build.stamp import Stamp
from generator.build.pages import render_pages
from generator.site import pages as site_pages
from generator.plan.model import Plan
from generator.plan.outputs import Finding, Output
from generator.plan.visibility import View
from generator.build.writer import check_out_folder, discard, replace, scratch, staging_for, write_outputs


@dataclass(frozen=True)
class BuildReport:
    files: int
    bytes: int


def build(
    project_root: Path,
    plan: Plan,
    view: View,
    out: Path,
    memo: Memo[str] | None = None,
    engine: str = "mkdocs",
    findings: tuple[Finding, ...] = (),
    stamp: Stamp | None = None,
    history: History | None = None,
) -> BuildReport:
    """Builds everything into `out`, replacing it whole; on failure `out` is untouched.

    With a `stamp` (`build.stamp.make`) the build writes `build.json` and every
    page's footer says when it was built and when the plan next changes it.
    Only the preview keeps pages from one build to the next (`memo`).
    `engine` "zensical" builds the same pages with Zensical (an optional extra, `build.zensical`);
    `findings` are the lint page's (`prepare.checked`); `history` the changes page's and feed's
    (`prepare.week`; read here when not given)."""
    check_out_folder(out, project_root)
    footer = stamps.footer(stamp, plan.site.language) if stamp is not None else ""
    cores = parallel.decide(len(view.pages), preview=memo is not None)
    staging = staging_for(out)
    given = history
    try:
        with (
            parallel.started(
                lambda: given if given is not None else week(project_root, plan, view),
                worth_a_process=given is None and cores.history_beside_pages,
            ) as changes,
            parallel.started(lambda: _files(plan, view), worth_a_process=cores.files_beside_site) as files,
        ):
            docs = render_pages(plan, view, findings, cores, memo, changes.result)
            if engine == "zensical":
                from generator.build import zensical  # an optional extra: imported only when asked for

                zensical.build_site(project_root, plan, view, staging, docs, footer)
            else:
                sitebuild.build_site(
                    project_root, plan, view, staging, docs, two_runs=cores.two_mkdocs_runs, footer=footer
                )
            stamp_file = [stamps.render(stamp)] if stamp is not None else []
            write_outputs(staging, [*files.result(), change_feed.render(plan, view, changes.result()), *stamp_file])
        report = _measure(staging)
        replace(out, staging)
    finally:
        discard(staging)
    return report


def refresh(
    project_root: Path,
    plan: Plan,
    view: View,
    out: Path,
    memo: Memo[str] | None = None,
    findings: tuple[Finding, ...] = (),
    history: History | None = None,
) -> None:
    """The preview's rebuild, in place over the last one."""
    history = history if history is not None else week(project_root, plan, view)
    refresh_site(project_root, plan, view, out, memo, findings, history)
    refresh_files(plan, view, out, history)


def refresh_site(
    project_root: Path,
    plan: Plan,
    view: View,
    out: Path,
    memo: Memo[str] | None = None,
    findings: tuple[Finding, ...] = (),
    history: History | None = None,
) -> None:
    """The site part of `refresh`: pages whose inputs did not change are not
    rendered again (`memo`), MkDocs redoes only the pages whose Markdown
    changed, and only changed files are written."""
    history = history if history is not None else week(project_root, plan, view)
    cores = parallel.decide(len(view.pages), preview=True)
    docs = render_pages(plan, view, findings, cores, memo, lambda: history)
    sitebuild.build_site(project_root, plan, view, out, docs, dirty=True)


def refresh_files(plan: Plan, view: View, out: Path, history: History) -> None:
    """The rest of `refresh`: calendars, feeds and schema, written where they changed."""
    write_outputs(out, [*_files(plan, view), change_feed.render(plan, view, history)], only_changed=True)


def week(project_root: Path, plan: Plan, view: View) -> History:
    """This week's changes, as of the build's now: the last seven days by commit time."""
    return plan_history.week(project_root, plan, view.now, scratch)


def _files(plan: Plan, view: View) -> list[Output]:
    """Everything but the site's pages and the change feed: calendars, feeds,
    and for the team the editor schema (it lists the team's ids and the
    audience tiers) and the report's charts (`site.pages.beside`). The change
    feed waits for the history (`week`)."""
    return [
        *calendars.render(plan, view),
        *feeds.render(plan, view),
        *site_pages.beside(plan, view),
        *(editor_schema.render(plan, plan.site.language) if view.team else ()),
    ]


def _measure(folder: Path) -> BuildReport:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return BuildReport(len(files), sum(p.stat().st_size for p in files))
