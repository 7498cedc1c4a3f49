"""A build split over two MkDocs processes gives the site one process gives."""

from __future__ import annotations

import gzip
import json
import re
import threading
from pathlib import Path

from conftest import run_cli
from support_site import BASIC, NOW, make_project

from generator.build import pipeline

from generator.build.mkdocs import site as sitebuild
from generator.build.parallel import SPLIT_FROM
from generator.plan.check import check_plan
from generator.build.prepare import checked


def _stories(root: Path, count: int) -> None:
    for n in range(count):
        (root / "content" / "user-stories" / f"story-{n:03d}.yaml").write_text(
            f"title: 故事 {n:03d}\nsummary: 第 {n} 个故事\nauthor:\n  name: 用户 {n}\n"
            f"body: |\n  米粉们在川西徒步，第 {n} 天。\n\n  ## 第二部分\n\n  稻城的星空。\n",
            encoding="utf-8",
        )


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_two_runs_build_what_one_run_builds(tmp_path: Path) -> None:
    root = make_project(BASIC, tmp_path / "p")
    _stories(root, SPLIT_FROM + 20)
    split = tmp_path / "split"  # `build.py`, a process of its own: two MkDocs runs
    assert run_cli("--root", str(root), "--out", str(split), "--now", NOW.isoformat()).returncode == 0
    # with another thread alive the build does not fork: one MkDocs run
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        result, options = checked(check_plan(root), NOW, False)  # what `build.py` does before building
        pipeline.build(root, result.plan, options, tmp_path / "single")
    finally:
        stop.set()
        other.join()
    two, one = _files(split), _files(tmp_path / "single")
    assert two.keys() == one.keys()
    ordered = {"sitemap.xml", "sitemap.xml.gz", "search/search_index.json"}  # the same lines, in another order
    assert [path for path in one if path not in ordered and two[path] != one[path]] == []
    docs = lambda data: sorted(json.loads(data)["docs"], key=lambda d: (d["location"], d["title"]))  # noqa: E731
    assert two["search/search_index.json"] != one["search/search_index.json"]  # so the build did split
    assert docs(two["search/search_index.json"]) == docs(one["search/search_index.json"])
    locations = lambda data: sorted(re.findall(r"<loc>(.*?)</loc>", data.decode()))  # noqa: E731
    assert locations(two["sitemap.xml"]) == locations(one["sitemap.xml"])
    assert len(locations(two["sitemap.xml"])) == len([p for p in two if p.endswith("index.html")])
    assert gzip.decompress(two["sitemap.xml.gz"]) == two["sitemap.xml"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".second")] == []  # the second run's folder is gone
