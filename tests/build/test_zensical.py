"""The second engine: `build --engine zensical` builds the example plan's
pages with Zensical into the same paths, beside the same calendars and feeds,
and its search finds a Chinese phrase in headless Chromium. Without Zensical
installed the option exits 2 and says how to install it.

Zensical is an optional extra (`pip install "community-plan[zensical]"`);
requirements.txt pins it, so CI runs these. They skip only where it is not
importable.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import yaml

from conftest import ROOT, run_cli
from support_site import make_project, page_file, serving

NOW = "2027-06-10T10:00+08:00"
BASE_URL = "https://plan.example.com/mi-community/"
HINT = 'pip install "community-plan[zensical]"'

needs_zensical = pytest.mark.skipif(
    importlib.util.find_spec("zensical") is None,
    reason="Zensical is not installed (optional extra: pip install zensical==0.0.73, or pip install -r requirements.txt)",
)


def _files(site: Path) -> set[str]:
    """Every file but the theme's assets (each engine ships its own)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.parts[len(site.parts)] != "assets"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """The example plan built both ways from a copy of this project: (project, mkdocs, zensical)."""
    base = tmp_path_factory.mktemp("zensical")
    project = make_project(ROOT, base / "project")
    for engine in ("mkdocs", "zensical"):
        done = run_cli("--engine", engine, "--now", NOW, "--out", str(base / engine), cwd=project)
        assert done.returncode == 0, done.stderr
    return project, base / "mkdocs", base / "zensical"


@needs_zensical
def test_the_same_pages_in_the_same_paths(built: tuple[Path, Path, Path]) -> None:
    _, mkdocs, zensical = built
    ours, theirs = _files(mkdocs), _files(zensical)
    pages = {path for path in ours if path.endswith(".html")}
    assert {"index.html", "calendar/index.html", "calendar/subscribe/index.html", "lint/index.html"} <= pages
    assert any(p.startswith("products/") and p.count("/") == 2 for p in pages)
    assert {path for path in theirs if path.endswith(".html")} == pages
    # the only other differences: each engine's search index, and MkDocs' gzipped sitemap
    assert ours - theirs == {"search/search_index.json", "sitemap.xml.gz"}
    assert theirs - ours == {"search.json"}


@needs_zensical
def test_the_same_calendars_feeds_and_schemas_byte_for_byte(built: tuple[Path, Path, Path]) -> None:
    _, mkdocs, zensical = built
    written = sorted(p for p in _files(mkdocs) if p.endswith(".ics") or p.startswith(("feeds/", "schema/")))
    assert any(p.endswith(".ics") for p in written) and any(p.startswith("feeds/") for p in written)
    for path in written:
        assert (zensical / path).read_bytes() == (mkdocs / path).read_bytes(), path


@needs_zensical
def test_every_link_in_the_feeds_is_a_page_of_the_zensical_site(built: tuple[Path, Path, Path]) -> None:
    _, _, zensical = built
    links = set()
    for feed in sorted((zensical / "feeds").glob("*.xml")):
        parsed = feedparser.parse(feed.read_bytes())
        links.update(link["href"] for link in parsed.feed.get("links", []) if link.get("rel") == "alternate")
        links.update(entry.link for entry in parsed.entries)
    assert len(links) > 10
    for link in sorted(links):
        assert link.startswith(BASE_URL), link
        path = urlsplit(link).path.removeprefix(urlsplit(BASE_URL).path)
        assert page_file(zensical, path).is_file(), link


@needs_zensical
def test_the_generated_zensical_config(built: tuple[Path, Path, Path]) -> None:
    """Written whole (Zensical's INHERIT would append our lists to the team's),
    paths relative to .build/ (the root Zensical takes), the classic look,
    no link validation, and the theme with the search partial Zensical names."""
    project, _, _ = built
    config = yaml.unsafe_load((project / ".build" / "zensical.yml").read_text(encoding="utf-8"))
    assert "INHERIT" not in config
    assert (config["docs_dir"], config["site_dir"]) == ("docs", "zensical-site")
    assert config["theme"]["variant"] == "classic" and config["validation"] is False
    assert config["nav"][0] == {"首页": "index.md"} and len(config["nav"]) == len({str(i) for i in config["nav"]})
    header = Path(config["theme"]["custom_dir"]) / "partials" / "header.html"
    assert '"search" in config.plugins' in header.read_text(encoding="utf-8")
    assert (Path(config["theme"]["custom_dir"]) / "main.html").read_bytes() == (ROOT / "theme" / "main.html").read_bytes()
    assert not (project / ".build" / "zensical-site").exists()


@pytest.fixture(scope="module")
def zensical_site(built: tuple[Path, Path, Path]) -> Iterator[str]:
    with serving(built[2]) as base:
        yield base


@needs_zensical
@pytest.mark.browser
def test_chinese_search_finds_the_story_in_chromium(zensical_site: str) -> None:
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    outside: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"],
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")

            def route(route, request) -> None:  # noqa: ANN001 - Playwright's types
                if urlsplit(request.url).hostname == "127.0.0.1":
                    route.continue_()
                else:
                    outside.append(request.url)
                    route.abort()

            page.route("**/*", route)
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(zensical_site)
            page.wait_for_load_state("networkidle")
            page.locator(".md-search__button").click()  # Zensical's search: a dialog in a shadow root
            box = page.locator("dialog input[role=combobox]")
            box.click()
            page.keyboard.insert_text("川西徒步")  # as an input method commits a word...
            page.keyboard.press("End")  # ...ending with a key
            results = page.locator("dialog [role=listbox] a[role=option]")
            results.first.wait_for(state="visible", timeout=20_000)
            found = [urlsplit(results.nth(i).get_attribute("href") or "").path for i in range(results.count())]
        finally:
            browser.close()
    assert any(path.endswith("/user-stories/chuanxi-trek-with-ultra/") for path in found[:3]), found
    assert errors == [] and outside == []


def _without_zensical(python: str) -> subprocess.CompletedProcess[str]:
    """`build.py --engine zensical` in a Python that cannot import Zensical."""
    hide = "import sys; sys.modules['zensical'] = None; " if python == sys.executable else ""
    script = hide + "import sys, runpy; sys.argv = ['build.py', *sys.argv[1:]]; runpy.run_path('build.py', run_name='__main__')"
    return subprocess.run(
        [python, "-c", script, "--engine", "zensical", "--now", NOW, "--out", "/nonexistent/never-written"],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONPATH=str(ROOT)),
    )


def test_without_zensical_the_engine_exits_2_and_says_how_to_install_it() -> None:
    done = _without_zensical(sys.executable)
    assert done.returncode == 2, done.stderr
    assert HINT in done.stderr and "zensical==0.0.73" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not Path("/nonexistent/never-written").exists()


@needs_zensical
def test_the_header_laid_over_zensicals_is_zensicals_own_with_our_one_change() -> None:
    """Like theme/partials/: a Zensical upgrade that changes its header fails
    here, and someone merges the new one, instead of the site keeping the old."""
    import hashlib
    import re

    spec = importlib.util.find_spec("zensical")
    assert spec is not None and spec.origin is not None
    upstream = Path(spec.origin).parent / "templates" / "partials" / "header.html"
    ours = (ROOT / "generator" / "build" / "zensical_theme" / "partials" / "header.html").read_text(encoding="utf-8")
    record = re.search(r"upstream: zensical (\S+) partials/header\.html\s+sha256: ([0-9a-f]{64})", ours)
    assert record is not None
    assert hashlib.sha256(upstream.read_bytes()).hexdigest() == record.group(2), (
        f"Zensical's header.html is no longer the one of {record.group(1)}: merge it into the overlay again"
    )
    theirs = upstream.read_text(encoding="utf-8")
    theirs = theirs[theirs.index("-#}") + len("-#}"):].lstrip("\n")  # its "generated" notice
    mine = ours[ours.index("-#}") + len("-#}"):].lstrip("\n")
    change = ('title="{{ config.site_name | e }}" class="md-header__button md-logo"',
              'title="{{ config.site_name }}" class="md-header__button md-logo"')
    assert theirs.count(change[0]) == 1 and mine == theirs.replace(*change)
