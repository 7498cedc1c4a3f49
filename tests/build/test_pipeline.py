"""Writing the build: unchanged files keep their times; the preview rebuilds in place."""

from __future__ import annotations

import json
import os
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from conftest import edit, run_cli
from generator.build import pipeline
from generator.plan.check import check_plan
from generator.build.prepare import checked
from generator.build.memo import Memo
from generator.plan.yamlfile import read

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
    result, view, findings = checked(check_plan(root), None, False)
    pipeline.build(root, result.plan, view, out, findings=findings)
    before = _mtimes(out)
    story = root / "content/user-stories/hiking.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("川西徒步的七天", "川西徒步的八天"), encoding="utf-8")
    result, view, findings = checked(check_plan(root), None, False)
    pipeline.refresh(root, result.plan, view, out, findings=findings)
    page = (out / "user-stories/hiking/index.html").read_text(encoding="utf-8")
    assert "川西徒步的八天" in page
    after = _mtimes(out)
    assert after["brand-stories/origin/index.html"] == before["brand-stories/origin/index.html"]
    index = json.loads((out / "search/search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert {"user-stories/hiking/", "brand-stories/origin/", "products/band-9/"} <= pages
    titles = [doc["title"].replace("\u200b", "") for doc in index["docs"] if doc["location"] == "user-stories/hiking/"]
    assert titles == ["川西徒步的八天"]


def test_a_preview_after_edits_holds_what_a_fresh_build_would(plan_copy, tmp_path: Path) -> None:
    """The preview skips work (files parsed, pages rendered, MkDocs pages built)
    that an edit did not touch: what it serves must still be the whole truth."""
    root = plan_copy("site-basic")
    now = datetime(2027, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    reader, memo = lru_cache(maxsize=None)(read), Memo()
    preview = tmp_path / "preview"
    result, view, findings = checked(check_plan(root, reader), now, False)
    pipeline.build(root, result.plan, view, preview, memo, findings=findings)
    stories = root / "content/user-stories"
    edit(stories / "sichuan-hike.yaml", "带着 X1 在川西徒步的七天", "带着 X1 在川西徒步的八天")
    (stories / "new-member.yaml").write_text("title: 新人报到\nsummary: 第一次来\nauthor:\n  name: 阿乐\n",
                                             encoding="utf-8")
    (stories / "first-week.yaml").unlink()
    edit(root / "content/channels.yaml", "name: 微博", "name: 新浪微博")
    result, view, findings = checked(check_plan(root, reader), now, False)
    assert result.plan is not None
    pipeline.refresh(root, result.plan, view, preview, memo, findings=findings)

    fresh = tmp_path / "fresh"
    pipeline.build(root, result.plan, view, fresh, findings=findings)
    served, built = _files(preview), _files(fresh)
    assert served.keys() == built.keys()
    index = "search/search_index.json"
    assert [path for path in built if path != index and served[path] != built[path]] == []
    by_location = lambda data: sorted(json.loads(data)["docs"], key=lambda d: d["location"])  # noqa: E731
    assert by_location(served[index]) == by_location(built[index])  # a merged index keeps another order


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
