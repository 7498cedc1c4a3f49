"""A build split over two MkDocs processes gives the site one process gives,
byte for byte; a site whose plugins need every page in one run is not split."""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from support_site import BASIC, NOW, make_project

from generator.build import parallel, pipeline
from generator.build.mkdocs import site as sitebuild
from generator.build.mkdocs import split as sitesplit
from generator.build.prepare import checked
from generator.plan.check import check_plan


def _stories(root: Path, count: int) -> None:
    for n in range(count):
        (root / "content" / "user-stories" / f"story-{n:03d}.yaml").write_text(
            f"title: 故事 {n:03d}\nsummary: 第 {n} 个故事\nauthor:\n  name: 用户 {n}\n"
            f"body: |\n  米粉们在川西徒步，第 {n} 天。\n\n  ## 第二部分\n\n  稻城的星空。\n",
            encoding="utf-8",
        )


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _build(root: Path, out: Path) -> None:
    result, view, findings = checked(check_plan(root), NOW, False)  # what `build.py` does before building
    pipeline.build(root, result.plan, view, out, findings=findings)


@contextmanager
def _one_thread_more() -> Iterator[None]:
    """With another thread alive the build does not fork: one MkDocs run."""
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        yield
    finally:
        stop.set()
        other.join()


def _spy(monkeypatch: pytest.MonkeyPatch, name: str) -> list[object]:
    """Counts the calls of `sitebuild.<name>` (still made)."""
    calls: list[object] = []
    real: Callable[..., Any] = getattr(sitebuild, name)

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(sitebuild, name, counted)
    return calls


def test_two_runs_build_what_one_run_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(BASIC, tmp_path / "p")
    _stories(root, parallel.SPLIT_FROM + 20)
    assert parallel.can_fork()  # else the first build would not split either
    split_runs = _spy(monkeypatch, "_run_mkdocs_in_two")
    _build(root, tmp_path / "split")
    assert len(split_runs) == 1  # so the build did split
    with _one_thread_more():
        _build(root, tmp_path / "single")
    assert len(split_runs) == 1
    two, one = _files(tmp_path / "split"), _files(tmp_path / "single")
    assert two.keys() == one.keys()
    # every file the same bytes: the search index and the sitemap in one run's order, the gzip stamped alike
    assert [path for path in one if two[path] != one[path]] == []
    assert gzip.decompress(two["sitemap.xml.gz"]) == two["sitemap.xml"]
    assert len(re.findall(r"<loc>", two["sitemap.xml"].decode())) == len([p for p in two if p.endswith("index.html")])
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".second")] == []  # the second run's folder is gone


def test_a_site_with_plugins_of_its_own_is_built_in_one_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(BASIC, tmp_path / "p")
    _stories(root, parallel.SPLIT_FROM + 20)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  search: {}", "  search: {}\n  tags: {}"), encoding="utf-8")
    assert parallel.can_fork()
    split_runs = _spy(monkeypatch, "_run_mkdocs_in_two")
    one_runs = _spy(monkeypatch, "_run_mkdocs")
    _build(root, tmp_path / "site")
    assert split_runs == [] and len(one_runs) == 1
    assert (tmp_path / "site" / "user-stories" / "story-219" / "index.html").is_file()


@pytest.mark.parametrize(
    ("team_config", "found"),
    [
        ({}, []),
        ({"plugins": {"search": {"separator": "x"}}}, []),
        ({"plugins": ["search", {"material/search": {}}]}, []),
        ({"plugins": ["search", "tags"]}, ["tags"]),
        ({"plugins": {"search": {}, "blog": {"enabled": False}}}, ["blog"]),
        ({"plugins": [{"material/tags": {}}], "hooks": ["hooks/x.py"]}, ["material/tags", "hooks: hooks/x.py"]),
    ],
)
def test_plugins_other_than_search_and_hooks_forbid_a_split(team_config: dict[str, Any], found: list[str]) -> None:
    assert sitesplit.unsplittable(team_config) == found
