"""The tool as a team gets it: `pip install` of this repository into a fresh
environment, `community-plan init` in a folder of their own, their plan built
and checked there, and this repository's pre-commit hooks run from theirs."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from conftest import PLANS, ROOT, run_cli

NOW = "2027-03-15T09:00+08:00"


def _run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=900)


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with this repository pip-installed into it
    (not editable: the wheel must carry everything). The pinned
    requirements are constraints, so it installs what the suite was run with."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    # the interpreter this suite runs on, without our environment's packages
    base = getattr(sys, "_base_executable", sys.executable)
    made = _run(base, "-m", "venv", venv, cwd=ROOT)
    assert made.returncode == 0, made.stderr
    pip = _run(
        venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
        "-c", ROOT / "requirements.txt", ROOT, cwd=tmp_path_factory.mktemp("elsewhere"),
    )
    assert pip.returncode == 0, pip.stderr
    return venv / "bin" / "community-plan"


def test_every_imported_package_is_declared() -> None:
    """What the code imports, the package depends on: a team's `pip install` gets it all."""
    declared = {
        re.split(r"[<>=!~ ;\[]", d, maxsplit=1)[0].lower().replace("_", "-")
        for d in tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    }
    imported: set[str] = set()
    for source in (ROOT / "generator").rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    providers = metadata.packages_distributions()
    third_party = {name for name in imported if name not in sys.stdlib_module_names and name != "generator"}
    missing = {
        name: providers.get(name)
        for name in third_party
        if not {d.lower().replace("_", "-") for d in providers.get(name, [name])} & declared
    }
    assert missing == {}


def test_init_refuses_a_folder_with_anything_in_it(tmp_path: Path) -> None:
    target = tmp_path / "plan"
    target.mkdir()
    (target / "notes.txt").write_text("ours", encoding="utf-8")
    result = run_cli("init", str(target))
    assert result.returncode == 2
    assert "不是空文件夹" in result.stderr and "Traceback" not in result.stderr
    assert _files(target) == ["notes.txt"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_starter_plan_checks_clean_and_builds(tmp_path: Path, language: str) -> None:
    target = tmp_path / "plan"
    made = run_cli("init", str(target), "--language", language, "--now", NOW)
    assert made.returncode == 0, made.stderr
    files = _files(target)
    for wanted in (
        "content/site.yaml", "content/channels.yaml", "calendar/key-dates.yaml", ".gitignore", "FORMAT.md",
        ".pre-commit-config.yaml", ".vscode/settings.json", ".github/workflows/plan.yml", ".gitlab-ci.yml",
        "schema/events.schema.json",
        ".github/workflows/digest.yml",
    ):
        assert wanted in files
    assert not [f for f in files if f.endswith(".py")]  # none of the generator's code
    assert f"language: {language}" in (target / "content" / "site.yaml").read_text(encoding="utf-8")
    check = run_cli("check", "--strict", "--now", NOW, cwd=target)
    assert check.returncode == 0, check.stderr
    assert run_cli("schema", "--check", cwd=target).returncode == 0  # the schemas it wrote are current
    build = run_cli("--now", NOW, cwd=target)
    assert build.returncode == 0, build.stderr
    # dated from its own today, the starter shows what is coming in the next weeks
    feed_slots = (target / "site" / "calendar" / "all.ics").read_text(encoding="utf-8").count("BEGIN:VEVENT")
    assert feed_slots >= 5
    home = (target / "site" / "index.html").read_text(encoding="utf-8")
    assert ("第一次同城见面会" if language == "zh" else "Our first local meetup") in home


def test_installed_tool_starts_and_builds_a_plan_in_another_folder(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "somewhere"
    work.mkdir()
    made = _run(installed, "init", "team-plan", "--now", NOW, cwd=work)
    assert made.returncode == 0, made.stderr
    team = work / "team-plan"
    assert not (team / "mkdocs.yml").exists() and not (team / "theme").exists()  # the tool's own are used
    # site.yaml points at the format's reference: the wheel ships it and init copies it
    assert "FORMAT.md" in (team / "content" / "site.yaml").read_text(encoding="utf-8")
    assert (team / "FORMAT.md").read_text(encoding="utf-8").startswith("# The plan format")
    assert _run(installed, "check", "--now", NOW, cwd=team).returncode == 0
    built = _run(installed, "build", "--now", NOW, cwd=team)
    assert built.returncode == 0, built.stderr
    assert "community-plan serve" in built.stderr  # how to look at it, as this user calls the tool
    site = team / "site"
    assert (site / "assets" / "stylesheets" / "plan.css").is_file()  # the shipped theme
    assert (site / "events" / "first-meetup" / "index.html").is_file()
    assert (site / "calendar" / "all.ics").is_file() and (site / "feeds" / "all.atom.xml").is_file()
    assert not (team / ".build" / "site").exists()


def test_installed_tool_builds_a_plan_it_has_never_seen(installed: Path, tmp_path: Path) -> None:
    team = tmp_path / "other-team"
    shutil.copytree(PLANS / "site-basic", team)
    built = _run(installed, "--now", NOW, cwd=team)
    assert built.returncode == 0, built.stderr
    assert (team / "site" / "index.html").is_file()
    broken = team / "content" / "channels.yaml"
    broken.write_text(broken.read_text(encoding="utf-8") + "- id: Bad Id\n  name: x\n", encoding="utf-8")
    before = _files(team / "site")
    failed = _run(installed, "--now", NOW, cwd=team)
    assert failed.returncode == 1
    assert re.search(r"^content/channels\.yaml:\d+:\d+: error: ", failed.stderr, re.M), failed.stderr
    assert "Traceback" not in failed.stderr and _files(team / "site") == before


def test_installed_tool_copies_the_example_plan(installed: Path, tmp_path: Path) -> None:
    made = _run(installed, "init", tmp_path / "example", "--example", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    copied = _files(tmp_path / "example" / "content")
    assert copied == _files(ROOT / "content")
    assert _run(installed, "check", "--now", NOW, cwd=tmp_path / "example").returncode == 0


def test_the_pre_commit_hooks_work_from_a_team_repository(tmp_path: Path) -> None:
    """`pre-commit try-repo` installs this repository's hooks as a team's
    config would (pre-commit pip-installs the tool into its own environment)."""
    team = tmp_path / "team"
    assert run_cli("init", str(team), "--now", NOW).returncode == 0
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "PRE_COMMIT_COLOR": "never"}
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"]
    assert _run(*git, "init", "-q", cwd=team).returncode == 0
    assert _run(*git, "add", "-A", cwd=team).returncode == 0
    assert _run(*git, "commit", "-qm", "plan", cwd=team).returncode == 0
    pre_commit = Path(sys.executable).parent / "pre-commit"
    clean = _run(pre_commit, "try-repo", ROOT, "plan-check", "--all-files", cwd=team, env=env)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    story = team / "content" / "user-stories" / "first-story.yaml"
    story.write_text(story.read_text(encoding="utf-8").replace("tiers: [active]", "tiers: [actve]"), encoding="utf-8")
    broken = _run(pre_commit, "try-repo", ROOT, "plan-check", "--all-files", cwd=team, env=env)
    assert broken.returncode == 1
    assert re.search(r"content/user-stories/first-story\.yaml:\d+:\d+: error: .*active", broken.stdout), broken.stdout
