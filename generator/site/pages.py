"""The website's pages as plain Markdown for MkDocs: `render(plan, view)`.

The build may render the entry pages in two halves on two cores
(`build.pages`): `prepare` makes what every page shares, `entry_pages` and
`other_pages` render from it.

Paths are relative to the docs folder (`products/x/index.md` is published at
`products/x/`). Each page family lives in its own `pages_*` module; this one
puts them together and says which pages the navigation lists: sections and
index pages only, never one link per entry (a nav of every entry makes every
page carry it: 1,000 pages took 45 s and 336 MB).
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, replace
from datetime import datetime

from generator.history import History
from generator.plan import urls
from generator.plan.model import Entry, Kind, Plan
from generator.plan.outputs import Finding, Output
from generator.site.calendar_pages import render_calendar_pages
from generator.site.changes import render_changes
from generator.site.entries import render_entries
from generator.site.filters import render_choices
from generator.site.home import render_home
from generator.words.labels import label
from generator.site.lint_page import LINT_DIR, render_lint
from generator.site.lists import render_lists
from generator.site.posts import TODAY_DIR, render_today
from generator.site.kpis import render_charts
from generator.site.report import render_report
from generator.site.team import render_team
from generator.site.view import Context, PageCache, alternates, context, docs_path
from generator.plan.visibility import View

SECTIONS = tuple(k.value for k in Kind) + ("channels", "tiers")
PUBLIC_SECTIONS = tuple(s for s in SECTIONS if s != "tiers")  # audience tiers are the team's


@dataclass(frozen=True)
class Pages:
    """What every page of one build shares, and the entries that get a page."""

    ctx: Context
    entries: tuple[Entry, ...]

    def entry_pages(self, entries: tuple[Entry, ...]) -> list[Output]:
        return render_entries(self.ctx, list(entries))

    def changes_page(self, history: History) -> Output:
        """`changes/`, for a history read after the other pages began (`build.pages`)."""
        return render_changes(replace(self.ctx, history=history))

    def other_pages(self) -> list[Output]:
        return [
            render_home(self.ctx),
            *render_calendar_pages(self.ctx),
            *((render_changes(self.ctx),) if self.ctx.history is not None else ()),
            *render_lists(self.ctx),
            *((render_lint(self.ctx), render_today(self.ctx), *render_team(self.ctx), *render_report(self.ctx))
              if self.ctx.view.team else ()),
            render_choices(self.ctx),
            _feeds_sitemap(),
        ]


def prepare(
    plan: Plan,
    view: View,
    findings: tuple[Finding, ...] = (),
    cache: PageCache | None = None,
    history: History | None = None,
) -> Pages:
    """`findings` are listed on the lint page, `history` on the changes page (none: no such page).
    With a `cache` (the preview's), pages whose inputs did not change since the last render are not
    rendered again."""
    return Pages(context(plan, view, findings, cache, history), view.pages)


def render(
    plan: Plan,
    view: View,
    findings: tuple[Finding, ...] = (),
    cache: PageCache | None = None,
    history: History | None = None,
) -> list[Output]:
    """Every page, in one process."""
    pages = prepare(plan, view, findings, cache, history)
    return sorted([*pages.other_pages(), *pages.entry_pages(pages.entries)], key=lambda o: o.path)


def beside(plan: Plan, view: View) -> list[Output]:
    """What the pages show that MkDocs need not see: each KPI's chart, a team
    output. The build draws them beside the site build, on the second core."""
    return render_charts(context(plan, view)) if view.team else []


def _feeds_sitemap() -> Output:
    """An empty sitemap next to the feeds.

    Material's script fetches `sitemap.xml` beside every `<link
    rel="alternate">` (meant for language versions), so feed autodiscovery
    links would each cost a 404 and a console error without it.
    """
    folder = posixpath.dirname(urls.rss_file(urls.ALL))
    body = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>\n'
    return Output(f"{folder}/sitemap.xml", body.encode())


def navigation(plan: Plan, team: bool = True, changes: bool = True) -> list[object]:
    """The nav for `mkdocs.yml`: home, calendar, this week's changes (every
    build has the page: `build.pipeline` always reads a history; pages
    rendered without one have none), then one index page per section; the
    team's page (`View.team`) and the lint last."""
    language = plan.site.language
    nav: list[object] = [
        {label(language, "home"): docs_path("")},
        {label(language, "calendar"): docs_path(urls.calendar_page_dir())},
        {label(language, "subscribe"): docs_path(urls.subscribe_dir())},
    ]
    if changes:
        nav.append({label(language, "changes"): docs_path(urls.changes_dir())})
    sections = SECTIONS if team else PUBLIC_SECTIONS
    nav.extend({label(language, section): docs_path(urls.section_dir(section))} for section in sections)
    if team:
        nav.append({label(language, "today"): docs_path(TODAY_DIR)})
        nav.append({label(language, "team"): docs_path(urls.team_dir())})
        nav.append({label(language, "report"): docs_path(urls.report_dir())})
        nav.append({label(language, "lint"): docs_path(LINT_DIR)})
    return nav


def unlisted() -> str:
    """`not_in_nav` patterns: every page below a section's index page, each
    person's page (reached from the team's), the calendar's month and week
    pages (reached from the calendar page, month by month and week by week)
    and the report's months (from the report page)."""
    patterns = [f"/{section}/*/" for section in SECTIONS]
    patterns.append(f"/{urls.team_dir()}*/")
    calendar = urls.calendar_page_dir()
    patterns.append(f"/{calendar}[0-9][0-9][0-9][0-9]-[0-9][0-9]/")  # urls.calendar_month_dir
    patterns.append(f"/{calendar}[0-9][0-9][0-9][0-9]-w[0-9][0-9]/")  # urls.calendar_week_dir
    patterns.append(f"/{urls.calendar_week_dir()}")  # this week's
    patterns.append(f"/{urls.report_dir()}[0-9][0-9][0-9][0-9]-[0-9][0-9]/")  # urls.report_dir(year, month)
    return "\n".join(patterns) + "\n"


def site_feeds(plan: Plan) -> list[dict[str, str]]:
    """The site-wide feeds every page announces in its head (autodiscovery)."""
    return alternates(urls.ALL, label(plan.site.language, "feed.title.all", site=plan.site.title))


def drafts_banner(plan: Plan, view: View) -> str:
    """The banner a --drafts build shows on every page; empty otherwise."""
    return label(plan.site.language, "drafts.banner") if view.drafts else ""


def built_line(language: str, built_at: datetime, next_at: datetime | None) -> str:
    """The footer's `更新于 2027-06-10 10:00 · 下次更新 2027-06-10 20:00` (times as given,
    in the plan's zone): when the page was built and when the plan next changes it."""
    built = label(language, "footer.built", built=_minute(built_at))
    then = label(language, "footer.next", next=_minute(next_at)) if next_at else label(language, "footer.none")
    return f"{built} · {then}"


def _minute(moment: datetime) -> str:
    """To the minute, or the second when it has one (a `missed` warning comes a second after its day)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S" if moment.second else "%Y-%m-%d %H:%M")
