"""The readers' site (`--public`): what the team keeps to itself is in no file of it.

One real build of a plan written for the test, with a brief, a reviewer,
emails, tiers, goals and KPIs, through the command line as a team's CI runs
it; then every file of the output folder is searched, pages, calendars,
feeds, search index and all, so an output added later is held to it too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import edit, run_cli
from support_site import BASIC, make_project, read_page, texts

from generator.build.mkdocs.search import INDEX_FILE, WORD_BREAK

NOW = "2027-04-01T09:00+08:00"
BRIEF = "内部备注：这一期要把沉默用户拉回来，避免提竞品"
# what only the team may read, as it is written in the plan's files
SECRETS = (
    BRIEF,
    "lin@example.cn",  # a member's email
    "林晓", "王磊", "赵敏",  # the team, by name
    "扩大活跃用户", "丰富用户内容",  # goals
    "月活跃用户", "问题首次响应时长",  # KPIs
    "核心用户", "活跃用户",  # tiers, by name
)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(BASIC, tmp_path_factory.mktemp("public") / "project")
    edit(root / "content/products/aurora-x1.yaml", "owner: wang\n", f"owner: wang\nreviewer: lin\nbrief: |\n  {BRIEF}\n")
    return root


@pytest.fixture(scope="module")
def public(project: Path) -> Path:
    out = project / "public-site"
    result = run_cli("--root", str(project), "--now", NOW, "--public", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_team_build_has_what_the_public_one_must_not(project: Path) -> None:
    """The secrets are really in the plan, and the team's own build shows them: the search below can fail."""
    out = project / "team-site"
    assert run_cli("--root", str(project), "--now", NOW, "--out", str(out)).returncode == 0
    everything = b"".join(_files(out).values()).decode("utf-8", "replace")
    assert [s for s in SECRETS if s not in everything] == []


def test_no_file_of_the_public_build_holds_what_the_team_keeps(public: Path) -> None:
    files = _files(public)
    leaks = {
        (path, secret)
        for path, data in files.items()
        for secret in SECRETS
        if secret in data.decode("utf-8", "replace")
    }
    assert sorted(leaks) == []


def test_the_public_build_has_no_team_lint_tier_or_people_pages(public: Path) -> None:
    paths = set(_files(public))
    for folder in ("team/", "lint/", "tiers/", "calendar/people/", "schema/"):
        assert not [p for p in paths if p.startswith(folder)], folder
    # and what readers come for is there
    assert {"index.html", "products/aurora-x1/index.html", "calendar/all.ics", "feeds/all.rss.xml"} <= paths


def test_public_and_drafts_cannot_go_together(project: Path, tmp_path: Path) -> None:
    result = run_cli("--root", str(project), "--public", "--drafts", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--public" in result.stderr and "--drafts" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def _said_to_search(site: Path) -> str:
    """The search index's titles and texts as a reader's search sees them: with
    the words that Chinese is cut into joined again (the raw file holds 扩大​活跃用户,
    in which no search for 扩大活跃用户 finds anything)."""
    docs = json.loads((site / INDEX_FILE).read_bytes())["docs"]
    return "\n".join(d["title"] + "\n" + d["text"] for d in docs).replace(WORD_BREAK, "")


def test_the_public_search_index_says_nothing_the_team_keeps(project: Path, public: Path) -> None:
    team = project / "team-site"
    if not team.is_dir():
        assert run_cli("--root", str(project), "--now", NOW, "--out", str(team)).returncode == 0
    # the team's index says some of it (the schedules name their owners): the check below can fail
    assert [s for s in SECRETS if s in _said_to_search(team)]
    assert [s for s in SECRETS if s in _said_to_search(public)] == []


def test_readers_see_an_approved_post_as_scheduled_not_approved(project: Path, public: Path) -> None:
    # approval is the team's step: the team build says 已批准, the readers' 已排期 (badges and the filter)
    team = project / "team-site"
    if not team.is_dir():
        assert run_cli("--root", str(project), "--now", NOW, "--out", str(team)).returncode == 0
    schedule = read_page(team, "user-stories/sichuan-hike/")
    assert "已批准" in " ".join(texts(schedule, ".plan-badge"))
    readers = read_page(public, "user-stories/sichuan-hike/")
    assert "已排期" in " ".join(texts(readers, ".plan-badge"))
    assert not [path for path, data in _files(public).items() if "已批准".encode() in data]
