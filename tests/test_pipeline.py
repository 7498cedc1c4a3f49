"""Writing the build: unchanged files keep their times; the preview rebuilds in place."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import run_cli
from generator import pipeline
from generator.check import check_plan
from generator.cli import checked

NOW = "2027-03-15T09:00+08:00"


def _mtimes(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def test_a_rebuild_keeps_the_times_of_files_whose_bytes_did_not_change(plan_copy, tmp_path: Path) -> None:
    root = plan_copy("check-minimal")
    out = tmp_path / "out"
    assert run_cli("--root", str(root), "--out", str(out), "--now", NOW).returncode == 0
    old = {path: ns - 10**12 for path, ns in _mtimes(out).items()}  # make "before" unmistakable
    for path, ns in old.items():
        os.utime(out / path, ns=(ns, ns))
    story = root / "content/brand-stories/origin.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("为发烧而生", "为发烧而生！"), encoding="utf-8")
    assert run_cli("--root", str(root), "--out", str(out), "--now", NOW).returncode == 0
    new = _mtimes(out)
    changed = {path for path in new if new[path] != old.get(path)}
    assert "brand-stories/origin/index.html" in changed
    assert "products/band-9/index.html" not in changed
    assert "calendar/all.ics" not in changed  # a brand story is in no calendar
    assert "feeds/all.rss.xml" not in changed


def test_the_preview_refresh_rebuilds_in_place_and_keeps_search_whole(plan_copy, tmp_path: Path) -> None:
    root = plan_copy("check-minimal")
    out = tmp_path / "preview"
    result, options = checked(check_plan(root), None, False)
    pipeline.build(root, result.plan, options, out)
    before = _mtimes(out)
    story = root / "content/user-stories/hiking.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("川西徒步的七天", "川西徒步的八天"), encoding="utf-8")
    result, options = checked(check_plan(root), None, False)
    pipeline.refresh(root, result.plan, options, out)
    page = (out / "user-stories/hiking/index.html").read_text(encoding="utf-8")
    assert "川西徒步的八天" in page
    after = _mtimes(out)
    assert after["brand-stories/origin/index.html"] == before["brand-stories/origin/index.html"]
    index = json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"user-stories/hiking/", "brand-stories/origin/", "products/band-9/"} <= pages
    titles = [doc["title"].replace("\u200b", "") for doc in index["docs"] if doc["location"] == "user-stories/hiking/"]
    assert titles == ["川西徒步的八天"]
