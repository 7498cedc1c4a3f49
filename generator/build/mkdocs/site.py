"""Builds the website: generated Markdown + a generated MkDocs config, then the
real MkDocs build (Material for MkDocs) through its Python API.

Layout under the project root:

    mkdocs.yml          the team's configuration (colours, logo, extra pages);
                        without one, the configuration shipped beside this
                        package is used (with its theme/)
    theme/              Material `custom_dir` overrides and assets
    pages/              optional extra Markdown pages listed in mkdocs.yml `nav`
    .build/docs/        the generated pages (rewritten on every build)
    .build/mkdocs.yml   INHERITs ../mkdocs.yml; sets what the plan decides

No MkDocs plugin of ours in mkdocs.yml: the pages are plain Markdown and the
config plain YAML, so a move to Zensical (which reads the same mkdocs.yml)
keeps working. What of ours runs inside MkDocs is registered for the run only
and only makes it faster: `search.SearchIndexer` (Material's index, built
faster) and `sitesplit.Share` (a build of 200 entry pages or more is two
MkDocs runs, one per core, unless mkdocs.yml adds plugins or hooks). Both
lean on MkDocs' and Material's insides; each checks what it leans on and
fails the build loudly rather than quietly doing nothing (tests/build/mkdocs/test_search.py,
test_split.py and test_theme.py hold them to the installed versions).
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils.yaml import yaml_load

from generator.plan import markup

from generator.site import pages

from generator.build import parallel

from generator.build.mkdocs import search

from generator.build.mkdocs import split as sitesplit

from generator.plan import urls
from generator.build.mkdocs.search import SearchIndexer
from generator.build.writer import discard, remove, sync, write_outputs
from generator.shipped import shipped
from generator.plan.model import Kind, Plan
from generator.site.view import docs_path
from generator.words.labels import label
from generator.plan.outputs import Output
from generator.plan.visibility import View

WORK_DIR = ".build"
CONFIG = "mkdocs.yml"
EXTRA_PAGES = "pages"
SHIPPED_CONFIG = shipped(CONFIG)
# The generated pages use them: `{#id}` heading anchors, and admonitions for
# the draft and cancelled notes. Kept even if a team drops them from its list.
REQUIRED_EXTENSIONS = ("attr_list", "admonition", "toc")


class SiteBuildError(Exception):
    """MkDocs refused or warned; `messages` are its log lines, one per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("the website build failed:\n" + "\n".join(messages))
        self.messages = messages

    def __reduce__(self) -> tuple[type, tuple[list[str]]]:  # raised in a forked run, raised again here
        return (SiteBuildError, (self.messages,))


def build_site(
    project_root: Path,
    plan: Plan,
    view: View,
    site_dir: Path,
    docs_pages: list[Output],
    dirty: bool = False,
    two_runs: bool = False,
    footer: str = "",
) -> None:
    """Builds the site of the rendered `docs_pages` into `site_dir` (replacing
    it), in two MkDocs runs if `two_runs` (`build.parallel.decide`); `footer`
    is the line every page's footer adds (`build.stamp.footer`).

    Quiet unless it fails: MkDocs' log is captured, and any warning or error
    raises `SiteBuildError` with its lines.
    """
    # MkDocs resolves a relative site_dir against the generated config's
    # folder (.build/), not the working directory: hand it absolute paths only
    project_root, site_dir = project_root.resolve(), site_dir.resolve()
    parent_path = site_config(project_root)
    with parent_path.open("rb") as stream:
        parent = yaml_load(stream)
    work = project_root / WORK_DIR
    docs = work / "docs"
    removed, sizes = _write_docs(project_root, plan, view, docs, docs_pages)
    config_path = work / CONFIG
    config = generated_config(parent_path, plan, view, docs, site_dir, parent, footer)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    words = search.plan_words(_plan_names(plan))
    write_outputs(
        work, [Output(CONFIG, text.encode("utf-8")), Output(search.PLAN_WORDS, words.encode("utf-8"))], only_changed=True
    )
    project = parent_path.parent
    if dirty:
        previous = _search_entries(site_dir)
        _run_mkdocs(config_path, view.now, project, dirty=True)
        _forget_pages(site_dir, removed)
        _merge_search_index(site_dir, previous, removed)
        return
    # a site with plugins of its own builds in one run: each run would give them half the pages
    if two_runs and not sitesplit.unsplittable(parent):
        entry_pages = [docs_path(urls.entry_dir(e.kind, e.id)) for e in view.pages]
        share = sitesplit.second_share({path: sizes[path] for path in entry_pages}, sum(sizes.values()))
        _run_mkdocs_in_two(config_path, view.now, project, site_dir, share)
    else:
        _run_mkdocs(config_path, view.now, project)


def _plan_names(plan: Plan) -> list[str]:
    """What a reader searches the site for by name: people, tiers, channels, products."""
    site = plan.site
    products = [e.title for e in plan.entries if e.kind == Kind.PRODUCT]
    return [m.name for m in site.team] + [t.name for t in site.tiers] + [c.name for c in plan.channels] + products


def site_config(project_root: Path) -> Path:
    """The team's mkdocs.yml, else the one shipped with the generator."""
    for path in (project_root / CONFIG, SHIPPED_CONFIG):
        if path.is_file():
            return path
    raise SiteBuildError([f"{CONFIG}: not found in {project_root} (the site's configuration)"])


def _write_docs(
    project_root: Path, plan: Plan, view: View, docs: Path, docs_pages: list[Output]
) -> tuple[set[str], dict[str, int]]:
    """Brings the docs folder to exactly the pages of this plan, writing only
    files whose bytes changed (so a dirty MkDocs build redoes only those).
    Returns the docs paths that were removed, and the size of each file."""
    wanted: dict[str, bytes] = {}
    for output in docs_pages:
        wanted[output.path] = output.data
    content = project_root / "content"
    for entry in view.pages:
        if entry.image:
            wanted[urls.image_file(entry.image)] = (content / entry.image).read_bytes()
    extra = project_root / EXTRA_PAGES
    if extra.is_dir():
        for source in sorted(p for p in extra.rglob("*") if p.is_file()):
            relative = source.relative_to(extra).as_posix()
            if relative in wanted:
                raise SiteBuildError([f"{EXTRA_PAGES}/{relative}: has the path of a generated page"])
            wanted[relative] = source.read_bytes()
    removed = sync(docs, [Output(relative, data) for relative, data in wanted.items()])
    return removed, {relative: len(data) for relative, data in wanted.items()}


def generated_config(
    parent_path: Path, plan: Plan, view: View, docs: Path, site_dir: Path, parent: dict, footer: str = ""
) -> dict:
    """What the plan decides, on top of the team's mkdocs.yml (INHERIT merges
    mappings key by key; lists such as `nav` are replaced, so the team's extra
    pages are appended to ours here)."""
    site = plan.site
    theme = parent.get("theme") if isinstance(parent.get("theme"), dict) else {}
    custom_dir = parent_path.parent / str(theme.get("custom_dir") or "theme")
    if not custom_dir.is_dir():  # a team's mkdocs.yml without a theme/ of its own: ours
        custom_dir = shipped("theme")
    extra_nav = parent.get("nav") or []
    return {
        "INHERIT": str(parent_path) if parent_path == SHIPPED_CONFIG else f"../{CONFIG}",
        # Material prints the site name unescaped (header, <title>); the
        # title is plain text, so it goes in escaped
        "site_name": markup.text(site.title),
        "site_description": markup.text(site.description),
        "site_url": site.base_url,
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "custom_dir": str(custom_dir),
            "language": site.language,
            "font": False,  # Google Fonts is a third-party request, blocked in mainland China
        },
        "plugins": {"search": {"lang": [site.language]}},
        "nav": pages.navigation(plan, view.team, (docs / docs_path(urls.changes_dir())).is_file()) + list(extra_nav),
        "markdown_extensions": _extensions(parent.get("markdown_extensions") or [], site.language),
        "not_in_nav": pages.unlisted(),
        **_copyright(parent, footer),
        "extra": {
            "plan_feeds": pages.site_feeds(plan),
            "plan_drafts": pages.drafts_banner(plan, view),
            # Material's footer says "Made with Material for MkDocs" in English
            # whatever the language: not shown
            "generator": False,
            # theme/404.html says these (Material's own 404 says "Not found")
            "plan_not_found": {
                key: label(site.language, f"site.not-found.{key}") for key in ("title", "text", "home")
            },
        },
    }


def _copyright(parent: dict, footer: str) -> dict:
    """Material's footer prints `copyright` (as HTML, unescaped) on every page: the
    team's own, if its mkdocs.yml has one, then when this build was made and when
    the plan next changes it (plain text, escaped here). No copied partial."""
    if not footer:
        return {}
    line = f'<span class="plan-built">{markup.text(footer)}</span>'
    own = parent.get("copyright")
    return {"copyright": f"{own}<br>{line}" if own else line}


def _extensions(listed: list, language: str) -> list:
    """The team's Markdown extensions, plus the ones the generated pages need;
    `toc`'s heading links get a tooltip in the plan's language (its own says
    "Permanent link") unless the team wrote one."""
    names = {next(iter(item)) if isinstance(item, dict) else item for item in listed}
    extensions = list(listed) + [name for name in REQUIRED_EXTENSIONS if name not in names]
    return [_with_permalink_title(item, language) for item in extensions]


def _with_permalink_title(item: object, language: str) -> object:
    if item == "toc":
        item = {"toc": {}}
    if not (isinstance(item, dict) and next(iter(item)) == "toc"):
        return item
    options = item["toc"] if isinstance(item["toc"], dict) else {}
    return {"toc": {"permalink_title": label(language, "site.permalink"), **options}}


def _run_mkdocs(
    config_path: Path,
    now: datetime,  # the sitemap's date (`_build_date`)
    project: Path,
    site_dir: Path | None = None,
    share: sitesplit.Share | None = None,
    dirty: bool = False,
) -> None:
    """One MkDocs run, into `site_dir` if given (else the config's), building
    only its `share` of the pages if given (`sitesplit`).

    A dirty build (the preview's) rebuilds only pages whose Markdown is newer
    than their HTML: `_write_docs` touches only the pages an edit changed."""
    overrides = {"site_dir": str(site_dir)} if site_dir is not None else {}
    with _captured_log() as records, _build_date(now):
        try:
            config = load_config(config_file=str(config_path), **overrides)
            config.plugins["generator/search"] = SearchIndexer(project, config_path.parent / search.PLAN_WORDS)
            if share is not None:
                config.plugins["generator/share"] = share
            config.plugins.on_startup(command="build", dirty=dirty)
            try:
                mkdocs_build(config, dirty=dirty)
            finally:
                config.plugins.on_shutdown()
        except MkDocsException as error:
            raise SiteBuildError([*_lines(records), str(error)]) from error
    # the preview asks for a dirty build on purpose: MkDocs' caution about it is no problem
    problems = [r for r in records if not (dirty and r.getMessage().startswith("A 'dirty' build"))]
    if problems:
        raise SiteBuildError(_lines(problems))


def _run_mkdocs_in_two(
    config_path: Path, now: datetime, project: Path, site_dir: Path, theirs: frozenset[str]
) -> None:
    """Two MkDocs runs, one per core: the second builds the pages `theirs`
    into a folder of its own, then they join the first's (`sitesplit`)."""
    second = site_dir.with_name(site_dir.name + ".second")
    first = sitesplit.Share(None, theirs)
    try:
        with parallel.started(lambda: _run_second(config_path, now, project, second, theirs)) as other_run:
            _run_mkdocs(config_path, now, project, share=first)
            built = other_run.result()
        with _build_date(now):
            sitesplit.join(site_dir, second, theirs, first, built)
    finally:
        discard(second)


def _run_second(
    config_path: Path, now: datetime, project: Path, second: Path, theirs: frozenset[str]
) -> sitesplit.Built:
    """The second run (in a process of its own); hands back what it built."""
    share = sitesplit.Share(theirs, frozenset())
    _run_mkdocs(config_path, now, project, second, share)
    return share.built


def _search_entries(site_dir: Path) -> list[dict]:
    index = site_dir / search.INDEX_FILE
    return json.loads(index.read_bytes())["docs"] if index.is_file() else []


def _forget_pages(site_dir: Path, removed: set[str]) -> None:
    """A dirty build keeps what it does not rebuild: drop the pages of entries that are gone."""
    pages = [posixpath.join(r.removesuffix(".md").removesuffix("index"), "index.html") for r in removed if r.endswith(".md")]
    remove(site_dir, pages)


def _merge_search_index(site_dir: Path, previous: list[dict], removed: set[str]) -> None:
    """After a dirty build the index holds only the rebuilt pages: the
    previous entries of every other page (still there) are merged back in."""
    index = site_dir / search.INDEX_FILE
    if not index.is_file() or not previous:
        return
    data = json.loads(index.read_bytes())
    rebuilt = {entry["location"].split("#")[0] for entry in data["docs"]}
    gone = {r.removesuffix(".md").removesuffix("index") for r in removed}
    kept = [e for e in previous if e["location"].split("#")[0] not in rebuilt | gone]
    data["docs"] = kept + data["docs"]
    write_outputs(site_dir, [Output(search.INDEX_FILE.as_posix(), search.index_text(data).encode("utf-8"))])


def _lines(records: list[logging.LogRecord]) -> list[str]:
    return [f"{r.levelname.lower()}: {r.getMessage()}" for r in records]


class _Collect(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _captured_log() -> Iterator[list[logging.LogRecord]]:
    """MkDocs talks on every build; keep its warnings, drop the chatter."""
    records: list[logging.LogRecord] = []
    handler = _Collect(records)
    mkdocs_log = logging.getLogger("mkdocs")
    saved = mkdocs_log.propagate
    mkdocs_log.addHandler(handler)
    mkdocs_log.propagate = False
    try:
        yield records
    finally:
        mkdocs_log.removeHandler(handler)
        mkdocs_log.propagate = saved


@contextmanager
def _build_date(now: datetime) -> Iterator[None]:
    """MkDocs stamps the sitemap (and its gzip header) with the build date,
    read from SOURCE_DATE_EPOCH: set it to the build's now, so the same plan
    and now give the same bytes."""
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(now.timestamp()))
    try:
        yield
    finally:
        if saved is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
