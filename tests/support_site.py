"""Helpers for the website tests: fixture plans built through the real
pipeline (check_plan -> MkDocs + Material -> calendars and feeds), a reader for
the built HTML, and a small local web server for the browser.

A test project is assembled the way a team has it: a plan's `content/` and
`calendar/`, next to this repository's own `mkdocs.yml` and `theme/`.
"""

from __future__ import annotations

from conftest import load_plan  # noqa: F401 - shared with the tests that import them from here

import functools
import http.server
import json
import posixpath
import shutil
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import lxml.html
import pytest

from generator.build import pipeline
from generator.plan.model import Plan
from generator.plan.visibility import view
from generator.site import pages

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "tests" / "plans"
BASIC = PLANS / "site-basic"
HOSTILE = PLANS / "site-hostile"
VIEWS = PLANS / "site-views"  # owners, statuses, stages and a week's edges
VIEWS_NOW = datetime(2027, 5, 5, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # Wednesday of ISO week 18
ARTIFACTS = ROOT / "tests" / "artifacts"
NOW = datetime(2027, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SITE_FILES = ("mkdocs.yml", "theme")

# Elements whose URL the browser fetches by itself when the page loads.
LOADING = {
    "script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
    "audio": "src", "embed": "src", "track": "src", "input": "src", "object": "data",
}
LOADING_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "modulepreload", "manifest",
                "dns-prefetch", "apple-touch-icon"}


@dataclass(frozen=True)
class Built:
    root: Path  # the project folder
    site: Path  # the built site
    plan: Plan




def make_project(plan_dir: Path, destination: Path) -> Path:
    """A project folder: the plan's files plus this repository's site configuration."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in ("content", "calendar"):
        shutil.copytree(plan_dir / name, destination / name)
    for name in SITE_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copyfile)(source, destination / name)
    return destination


def build_project(
    root: Path, drafts: bool = False, now: datetime = NOW, out: Path | None = None, public: bool = False
) -> Built:
    """The full build (site, calendars, feeds) of a project folder, as `python build.py` does it
    (`public`: as `--public` does, the readers' site)."""
    plan = load_plan(root)
    site = out or root / "site"
    shown = view(plan, now, drafts, public=public)
    pipeline.build(root, shown.plan, shown, site)
    return Built(root, site, shown.plan)


def build_plan(plan_dir: Path, destination: Path, drafts: bool = False, now: datetime = NOW) -> Built:
    return build_project(make_project(plan_dir, destination), drafts=drafts, now=now)


def session_build(factory: pytest.TempPathFactory, plan_dir: Path, name: str, drafts: bool = False) -> Built:
    return build_plan(plan_dir, factory.mktemp(name) / "project", drafts=drafts)


# --- reading the generated Markdown, without MkDocs ------------------------------


def rendered(plan: Plan, now: datetime = NOW, drafts: bool = False) -> dict[str, str]:
    """Every page `pages.render` makes of a plan, by path (`calendar/index.md`)."""
    shown = view(plan, now, drafts)
    return {o.path: o.data.decode("utf-8") for o in pages.render(shown.plan, shown)}


def body(markdown: str) -> lxml.html.HtmlElement:
    """A generated page's body (raw HTML blocks between Markdown headings), as HTML."""
    return lxml.html.fromstring("<div>" + markdown.split("---\n", 2)[2] + "</div>")


# --- reading the built site ------------------------------------------------------


def page_file(site: Path, url: str) -> Path:
    """The file served at a site-relative URL (`events/x/` -> events/x/index.html)."""
    path = site / unquote(url)
    return path / "index.html" if url.endswith("/") or url == "" else path


def read_page(site: Path, url: str) -> lxml.html.HtmlElement:
    path = page_file(site, url)
    assert path.is_file(), f"no page at {url!r} ({path})"
    return lxml.html.fromstring(path.read_bytes())


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def page_url(site: Path, path: Path) -> str:
    """The site-relative URL a built HTML file is served at."""
    relative = path.relative_to(site).as_posix()
    return relative[: -len("index.html")] if relative.endswith("index.html") else relative


def text(element: lxml.html.HtmlElement) -> str:
    """What a reader sees, spaces collapsed; headings' permalink mark (¶) left out."""
    return " ".join(element.text_content().replace("\u00b6", "").split())


def texts(doc: lxml.html.HtmlElement, css: str) -> list[str]:
    return [text(e) for e in doc.cssselect(css)]


def hrefs(doc: lxml.html.HtmlElement, css: str = "a") -> list[str]:
    return [e.get("href") for e in doc.cssselect(css) if e.get("href") is not None]


@dataclass(frozen=True)
class Reference:
    page: str  # site-relative URL of the page holding it
    tag: str
    attribute: str
    url: str
    loads: bool  # fetched by the browser on page load (not just a link)


def references(site: Path, path: Path) -> list[Reference]:
    """Every `href`/`src` (and `object@data`) in a page."""
    doc = lxml.html.fromstring(path.read_bytes())
    found = []
    for element in doc.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("href", "src", "data"):
            value = element.get(attribute)
            if value is None or (attribute == "data" and element.tag != "object"):
                continue
            rel = set((element.get("rel") or "").lower().split())
            loads = LOADING.get(element.tag) == attribute or (element.tag == "link" and bool(rel & LOADING_RELS))
            found.append(Reference(page_url(site, path), element.tag, attribute, value.strip(), loads))
    return found


def resolve(site: Path, page: str, url: str, base_path: str = "/") -> tuple[Path, str] | None:
    """The file a URL on the site points to (and its fragment); None for other
    hosts and schemes. `base_path` is where the site is published (404.html
    uses absolute paths, as it is served at any depth)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    if parts.path.startswith("/"):
        assert parts.path.startswith(base_path), f"{url} is outside the site ({base_path})"
        parts = parts._replace(path=parts.path[len(base_path):])
        page = ""
    if not parts.path:
        target = page
    else:
        target = posixpath.normpath(posixpath.join("/" + page, parts.path)).lstrip("/")
        if parts.path.endswith("/") and target and not target.endswith("/"):
            target += "/"
        if target == ".":
            target = ""
    path = site / unquote(target)
    if parts.path.endswith("/") or target == "" or path.is_dir():
        path = path / "index.html"
    return path, parts.fragment


def ids(path: Path) -> set[str]:
    doc = lxml.html.fromstring(path.read_bytes())
    return {e.get("id") for e in doc.iter() if isinstance(e.tag, str) and e.get("id")}


def search_index(site: Path) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


# --- a local web server ------------------------------------------------------------


class _Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".ics": "text/calendar; charset=utf-8",
        ".xml": "application/xml",
        ".json": "application/json",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def free_port() -> int:
    """A port free now, for a site that must know its address before it is built."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def serving(folder: Path, port: int = 0) -> Iterator[str]:
    """Serves a folder on 127.0.0.1 (a free port, unless told); yields the base URL."""
    handler = functools.partial(_Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def schedule_rows(doc: lxml.html.HtmlElement) -> list[list[str]]:
    """A schedule table's rows as the page shows them: each cell's text, without
    the separators said to search only (`.plan-said`, hidden by plan.css)."""
    for said in doc.cssselect("table.plan-schedule .plan-said"):
        said.drop_tree()
    return [texts(row, "td") for row in doc.cssselect("table.plan-schedule tbody tr")]
