"""One build, in order: check the plan, render every output, swap it in.

The renderers are pure; MkDocs writes the site into the staging folder
itself, and `writer` adds the calendars and feeds beside it. Those are
rendered on the second core while MkDocs works (`parallel`), and the
plan's past (this week's changes, `history.week`, and the calendars'
tombstones drawn from the plan as it stood, `calendars.tombstones`) is read
there while the pages render: the calendars wait for it.
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
from generator.plan.read import Reader
from generator.plan.yamlfile import read

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
class Past:
    """This week in the plan's history, as a build needs it (`week`): the changes, and
    what the calendars held then and must now show as gone. Plain values, so that
    they come back from the second core; the old plan itself stays there."""

    history: History
    gone: calendars.Gone = calendars.NOTHING


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
    past: Past | None = None,
) -> BuildReport:
    """Builds everything into `out`, replacing it whole; on failure `out` is untouched.

    With a `stamp` (`build.stamp.make`) the build writes `build.json` and every
    page's footer says when it was built and when the plan next changes it.
    Only the preview keeps pages from one build to the next (`memo`).
    `engine` "zensical" builds the same pages with Zensical (an optional extra, `build.zensical`);
    `findings` are the lint page's (`prepare.checked`); `past` the changes page's and feed's,
    and the calendars' tombstones (`week`; read here when not given)."""
    check_out_folder(out, project_root)
    footer = stamps.footer(stamp, plan.site.language) if stamp is not None else ""
    cores = parallel.decide(len(view.pages), preview=memo is not None)
    staging = staging_for(out)
    given = past
    try:
        with parallel.started(
            lambda: given if given is not None else week(project_root, plan, view),
            worth_a_process=given is None and cores.history_beside_pages,
        ) as changes:
            docs = render_pages(plan, view, findings, cores, memo, lambda: changes.result().history)
            found = changes.result()  # the calendars need it: they are rendered once it is here
        with parallel.started(lambda: _files(plan, view, found.gone), worth_a_process=cores.files_beside_site) as files:
            if engine == "zensical":
                from generator.build import zensical  # an optional extra: imported only when asked for

                zensical.build_site(project_root, plan, view, staging, docs, footer)
            else:
                sitebuild.build_site(
                    project_root, plan, view, staging, docs, two_runs=cores.two_mkdocs_runs, footer=footer
                )
            stamp_file = [stamps.render(stamp)] if stamp is not None else []
            outputs = [*files.result(), change_feed.render(plan, view, found.history), *stamp_file]
            write_outputs(staging, outputs)
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
    past: Past | None = None,
) -> None:
    """The preview's rebuild, in place over the last one."""
    past = past if past is not None else week(project_root, plan, view)
    refresh_site(project_root, plan, view, out, memo, findings, past.history)
    refresh_files(plan, view, out, past)


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
    history = history if history is not None else week(project_root, plan, view).history
    cores = parallel.decide(len(view.pages), preview=True)
    docs = render_pages(plan, view, findings, cores, memo, lambda: history)
    sitebuild.build_site(project_root, plan, view, out, docs, dirty=True)


def refresh_files(plan: Plan, view: View, out: Path, past: Past) -> None:
    """The rest of `refresh`: calendars, feeds and schema, written where they changed."""
    outputs = [*_files(plan, view, past.gone), change_feed.render(plan, view, past.history)]
    write_outputs(out, outputs, only_changed=True)


def week(project_root: Path, plan: Plan, view: View, reader: Reader = read) -> Past:
    """This week's changes, as of the build's now (the last seven days by commit time),
    and the calendars' tombstones from the plan as it stood then (none without the history)."""
    history, before = plan_history.week_and_before(project_root, plan, view.now, scratch, reader=reader)
    if before is None:
        return Past(history)
    return Past(history, calendars.tombstones(before, view.plan, view))


def _files(plan: Plan, view: View, gone: calendars.Gone) -> list[Output]:
    """Everything but the site's pages and the change feed: calendars (with
    this week's tombstones, `gone`), feeds, and for the team the editor schema
    (it lists the team's ids and the audience tiers) and the report's charts
    (`site.pages.beside`). The change feed waits for the history (`week`)."""
    return [
        *calendars.render(plan, view, gone),
        *feeds.render(plan, view),
        *site_pages.beside(plan, view),
        *(editor_schema.render(plan, plan.site.language) if view.team else ()),
    ]


def _measure(folder: Path) -> BuildReport:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return BuildReport(len(files), sum(p.stat().st_size for p in files))
