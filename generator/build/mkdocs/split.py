"""One MkDocs build as two, one per core.

MkDocs renders pages one after another on one core, and rendering pages is
most of a build. Entry pages depend on nothing MkDocs computes from other
pages (our Markdown links by URL; entry pages are out of the navigation), so
a second MkDocs process builds a share of them, with the navigation pages,
into a folder of its own, while this process builds everything else. Each
run marks the other's pages excluded (MkDocs then neither renders nor copies
them, and a link to one is still written to its URL). Then the second run's
pages move in, and its part of the search index and the sitemap join ours.

The preview does not split: its dirty builds redo a page or two.
"""

from __future__ import annotations

import gzip
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.build.mkdocs.search import INDEX_FILE, index_text

SITEMAP = Path("sitemap.xml")
_URL_BLOCK = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
_LOC = re.compile(r"<loc>([^<]*)</loc>")


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


class Share(BasePlugin):  # type: ignore[type-arg]
    """Registered for one run: marks the pages this run leaves to the other excluded."""

    def __init__(self, builds: frozenset[str] | None, leaves: frozenset[str]) -> None:
        super().__init__()
        self.builds = builds  # None: every page but those it leaves (the first run)
        self.leaves = leaves

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        listed = set(_nav_paths(config.nav or []))
        for file in files:
            if self._left(file, listed, config.docs_dir):
                file.inclusion = InclusionLevel.EXCLUDED
        return files

    def _left(self, file: File, listed: set[str], docs_dir: str) -> bool:
        if file.src_uri in self.leaves:
            return True
        if self.builds is None:
            return False
        # the second run: its share and the navigation's pages; not the docs' images
        if file.is_documentation_page():
            return file.src_uri not in self.builds and file.src_uri not in listed
        return file.src_dir == docs_dir


def join(site: Path, second: Path, share: frozenset[str], build_epoch: int) -> None:
    """Moves the second run's pages into `site`; adds their search entries and sitemap lines."""
    urls = {_page_dir(path) for path in share}
    for url in sorted(urls):
        target = site / url
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(second / url, target)
    _join_search_index(site, second, urls)
    _join_sitemap(site, second, urls, build_epoch)


def _page_dir(docs_path: str) -> str:
    """`events/x/index.md` is published at `events/x/` (directory URLs)."""
    return docs_path.removesuffix("index.md").removesuffix(".md").rstrip("/")


def _join_search_index(site: Path, second: Path, urls: set[str]) -> None:
    ours, theirs = site / INDEX_FILE, second / INDEX_FILE
    if not ours.is_file() or not theirs.is_file():
        return
    data = json.loads(ours.read_bytes())
    added = [d for d in json.loads(theirs.read_bytes())["docs"] if d["location"].split("#")[0].rstrip("/") in urls]
    data["docs"] = data["docs"] + added
    ours.write_text(index_text(data), encoding="utf-8")


def _join_sitemap(site: Path, second: Path, urls: set[str], build_epoch: int) -> None:
    """The second run's pages into our sitemap, and its gzip made again as MkDocs makes it."""
    ours, theirs = site / SITEMAP, second / SITEMAP
    if not ours.is_file() or not theirs.is_file():
        return
    suffixes = tuple(f"/{url}/" for url in urls)
    blocks = [b for b in _URL_BLOCK.findall(theirs.read_text(encoding="utf-8")) if _is_one_of(b, suffixes)]
    text = ours.read_text(encoding="utf-8")
    end = text.rindex("</urlset>")
    text = text[:end] + "".join(blocks) + text[end:]
    ours.write_text(text, encoding="utf-8")
    gz_path = f"{ours}.gz"
    with open(gz_path, "wb") as stream, gzip.GzipFile(
        fileobj=stream, filename=gz_path, mode="wb", mtime=build_epoch
    ) as compressed:
        compressed.write(text.encode("utf-8"))


def _is_one_of(block: str, suffixes: tuple[str, ...]) -> bool:
    found = _LOC.search(block)
    return bool(found) and found.group(1).endswith(suffixes)


def _nav_paths(nav: Iterable[object]) -> Iterable[str]:
    for item in nav:
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            for value in item.values():
                yield from _nav_paths([value] if isinstance(value, str) else value)
        elif isinstance(item, list):
            yield from _nav_paths(item)
