"""`build.py serve` as an editor uses it: a real server, real edits on disk."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import ROOT, edit

NOW = "2027-04-01T09:00+08:00"
STORY = "content/user-stories/sichuan-hike.yaml"
TITLE = "带着 X1 在川西徒步的七天"


@pytest.fixture
def preview(plan_copy, tmp_path: Path) -> Iterator[tuple[Path, str, Path]]:
    root = plan_copy("site-basic")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    with log.open("wb") as stderr:
        server = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--root", str(root), "--port", str(port), "--now", NOW],
            stdout=subprocess.DEVNULL, stderr=stderr,
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            _until(lambda: TITLE in _get(base + "user-stories/sichuan-hike/"), 120, log)
            yield root, base, log
        finally:
            server.terminate()
            server.wait(timeout=30)


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):  # not up yet, or a page MkDocs is writing now
        return ""


def _until(condition: Callable[[], bool], seconds: float, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"not within {seconds} s; the server said:\n{log.read_text(encoding='utf-8', errors='replace')}")


def test_an_edit_shows_in_the_page_and_then_in_the_calendar(preview: tuple[Path, str, Path]) -> None:
    root, base, log = preview
    edit(root / STORY, TITLE, "带着 X1 在川西徒步的八天")
    _until(lambda: "川西徒步的八天" in _get(base + "user-stories/sichuan-hike/"), 60, log)
    _until(lambda: "川西徒步的八天" in _get(base + "calendar/all.ics").replace("\r\n ", ""), 30, log)
    assert "川西徒步的八天" in _get(base + "channels/weibo/")  # a page that lists it, rebuilt too
    assert "川西徒步的七天" not in _get(base + "calendar/all.ics").replace("\r\n ", "")


def test_a_broken_edit_keeps_the_last_good_page_and_says_where(preview: tuple[Path, str, Path]) -> None:
    root, base, log = preview
    story = root / STORY
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace(f"title: {TITLE}", "title: [川西"), encoding="utf-8")
    def error_shown() -> bool:
        lines = log.read_text(encoding="utf-8").splitlines()
        return any(line.startswith(f"{STORY}:") and ": error: " in line for line in lines)

    _until(error_shown, 60, log)
    assert "Traceback" not in log.read_text(encoding="utf-8")
    assert TITLE in _get(base + "user-stories/sichuan-hike/")
    story.write_text(good.replace(TITLE, "川西徒步，修好了"), encoding="utf-8")
    _until(lambda: "川西徒步，修好了" in _get(base + "user-stories/sichuan-hike/"), 60, log)
