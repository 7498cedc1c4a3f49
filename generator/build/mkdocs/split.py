"""One MkDocs build as two, one per core.

MkDocs renders pages one after another on one core, and rendering pages is
most of a build. Entry pages depend on nothing MkDocs computes from other
pages (our Markdown links by URL; entry pages are out of the navigation), so
a second MkDocs process builds a share of them, with the navigation pages,
into a folder of its own, while this process builds everything else. Each
run marks the other's pages excluded (MkDocs then neither renders nor copies
them, and a link to one is still written to its URL). Then the second run's
pages move in, and its part of the search index and the sitemap join ours,
in the order one run writes them (the order of the pages in MkDocs' files),
so that the split build and a one-run build are the same bytes, every file.

The preview does not split: its dirty builds redo a page or two. Nor does a
site whose mkdocs.yml adds plugins or hooks (`unsplittable`): a plugin such
as Material's tags or blog reads every page of the run to write its own, and
each run would see half of them.
"""

from __future__ import annotations

import gzip
import io
import json
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import get_build_timestamp

from generator.build.mkdocs.search import INDEX_FILE, index_text
from generator.build.writer import move_in, write_outputs
from generator.plan.outputs import Output

SITEMAP = Path("sitemap.xml")
SITEMAP_NS = {"sitemap": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# What a team's mkdocs.yml may list and still be split: the search plugin
# (Material's; its index is joined here). Anything else could need all the pages.
SPLITTABLE_PLUGINS = frozenset({"search", "material/search"})


def unsplittable(team_config: dict[str, Any]) -> list[str]:
    """The plugins and hooks of the team's configuration (INHERITs resolved)
    that forbid a split build; empty if it can be split."""
    plugins = team_config.get("plugins") or []
    names = [next(iter(item)) if isinstance(item, dict) else str(item) for item in plugins] if isinstance(
        plugins, list
    ) else [str(name) for name in plugins]
    found = [name for name in names if name not in SPLITTABLE_PLUGINS]
    return found + [f"hooks: {hook}" for hook in team_config.get("hooks") or []]


def second_share(entry_pages: dict[str, int], total: int) -> frozenset[str]:
    """The entry pages (docs path → Markdown size) the second run builds:
    from the end, until they hold half of all the Markdown (the size of a
    page is a fair measure of what rendering it costs)."""
    share: list[str] = []
    size = 0
    for path in sorted(entry_pages, reverse=True):
        if size >= total / 2:
            break
        share.append(path)
        size += entry_pages[path]
    return frozenset(share)


@dataclass
class Built:
    """What one run tells the join about the pages it built (docs paths by
    their page URL and by their sitemap location). Plain strings: the second
    run hands it back from its process."""

    urls: dict[str, str] = field(default_factory=dict)
    locations: dict[str, str] = field(default_factory=dict)


class Share(BasePlugin):  # type: ignore[type-arg]
    """Registered for one run: marks the pages this run leaves to the other
    excluded, and notes what the join needs (the order of all the pages, the
    pages built, the theme's templates)."""

    def __init__(self, builds: frozenset[str] | None, leaves: frozenset[str]) -> None:
        super().__init__()
        self.builds = builds  # None: every page but those it leaves (the first run)
        self.leaves = leaves
        self.order: list[str] = []  # every page's docs path, in the order one run writes them
        self.built = Built()
        self.env: Environment | None = None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self.order = [file.src_uri for file in files.documentation_pages()]
        listed = set(_nav_paths(config.nav or []))
        for file in files:
            if self._left(file, listed, config.docs_dir):
                file.inclusion = InclusionLevel.EXCLUDED
        return files

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """The pages exist now (their URLs, as the search index and the sitemap write them)."""
        self.env = env
        for file in files.documentation_pages():
            if file.page is not None:
                self.built.urls[file.page.url] = file.src_uri
                self.built.locations[file.page.canonical_url or file.page.abs_url or ""] = file.src_uri
        return env

    def _left(self, file: File, listed: set[str], docs_dir: str) -> bool:
        if file.src_uri in self.leaves:
            return True
        if self.builds is None:
            return False
        # the second run: its share and the navigation's pages; not the docs' images
        if file.is_documentation_page():
            return file.src_uri not in self.builds and file.src_uri not in listed
        return file.src_dir == docs_dir


def join(site: Path, second: Path, share: frozenset[str], first: Share, theirs: Built) -> None:
    """Moves the second run's pages into `site`; adds their search entries and
    sitemap lines where one run would have written them. Call it with
    SOURCE_DATE_EPOCH as the runs had it (the sitemap's gzip is stamped)."""
    move_in(site, second, sorted({_page_dir(path) for path in share}))
    position = {path: n for n, path in enumerate(first.order)}
    _join_search_index(site, second, share, position, first.built, theirs)
    if first.env is not None:
        _join_sitemap(site, second, share, position, first, theirs)


def _page_dir(docs_path: str) -> str:
    """`events/x/index.md` is published at `events/x/` (directory URLs)."""
    return docs_path.removesuffix("index.md").removesuffix(".md").rstrip("/")


def _join_search_index(
    site: Path, second: Path, share: frozenset[str], position: dict[str, int], ours: Built, theirs: Built
) -> None:
    """Our entries and the second run's for its share, page by page in the
    files' order (each page's sections keep theirs)."""
    ours_path, theirs_path = site / INDEX_FILE, second / INDEX_FILE
    if not ours_path.is_file() or not theirs_path.is_file():
        return
    data = json.loads(ours_path.read_bytes())
    entries = [(_page_of(entry, ours), entry) for entry in data["docs"]]
    for entry in json.loads(theirs_path.read_bytes())["docs"]:
        if (path := _page_of(entry, theirs)) in share:
            entries.append((path, entry))
    data["docs"] = [entry for _, entry in sorted(entries, key=lambda pair: position[pair[0]])]
    write_outputs(site, [Output(INDEX_FILE.as_posix(), index_text(data).encode("utf-8"))])


def _page_of(entry: dict[str, Any], built: Built) -> str:
    """The docs path of a search entry's page (its location is the page's URL, then an anchor)."""
    return _known(built.urls, entry["location"].split("#")[0], "search entry")


def _join_sitemap(
    site: Path, second: Path, share: frozenset[str], position: dict[str, int], first: Share, theirs: Built
) -> None:
    """Both runs' sitemaps read as XML, their pages written again with the
    theme's own sitemap template, in the files' order, and gzipped as MkDocs
    gzips it (`mkdocs.commands.build._build_theme_template`)."""
    ours_path, theirs_path = site / SITEMAP, second / SITEMAP
    if not ours_path.is_file() or not theirs_path.is_file():
        return
    urls = _sitemap(ours_path, first.built) + [url for url in _sitemap(theirs_path, theirs) if url[0] in share]
    pages = [_SitemapPage(loc, lastmod) for _, loc, lastmod in sorted(urls, key=lambda url: position[url[0]])]
    assert first.env is not None
    output = first.env.get_template(str(SITEMAP)).render(pages=[SimpleNamespace(page=page) for page in pages])
    stamp = get_build_timestamp(pages=[page for page in pages if page.update_date] or None)  # type: ignore[misc]
    gz_path = f"{ours_path}.gz"  # gzip keeps the file's name in its header, as MkDocs writes it
    compressed = io.BytesIO()
    with gzip.GzipFile(fileobj=compressed, filename=gz_path, mode="wb", mtime=stamp) as stream:
        stream.write(output.encode("utf-8"))
    write_outputs(
        site,
        [Output(SITEMAP.as_posix(), output.encode("utf-8")), Output(f"{SITEMAP.as_posix()}.gz", compressed.getvalue())],
    )


def _sitemap(path: Path, built: Built) -> list[tuple[str, str, str | None]]:
    """A sitemap's pages: (docs path, location, last modified date or None)."""
    found = []
    for url in ElementTree.parse(path).getroot().findall("sitemap:url", SITEMAP_NS):
        loc = url.findtext("sitemap:loc", "", SITEMAP_NS).strip()
        lastmod = url.findtext("sitemap:lastmod", None, SITEMAP_NS)
        found.append((_known(built.locations, loc, "sitemap location"), loc, lastmod))
    return found


@dataclass(frozen=True)
class _SitemapPage:
    """What MkDocs' sitemap template reads of a page."""

    canonical_url: str
    update_date: str | None
    is_link: bool = False
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def abs_url(self) -> str:
        return self.canonical_url


def _known(pages: dict[str, str], key: str, what: str) -> str:
    """The docs path of a page a run built; a key no run noted would be
    joined in the wrong place, so it stops the build."""
    if key not in pages:
        raise RuntimeError(f"split build: {what} {key!r} is no page either run built")
    return pages[key]


def _nav_paths(nav: Iterable[object]) -> Iterable[str]:
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from _nav_paths([value] if isinstance(value, str) else value)
        elif isinstance(item, list):
            yield from _nav_paths(item)
