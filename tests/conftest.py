"""Shared test helpers: the project root and ways to run the real command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.plan.check import check_plan
from generator.plan.model import Plan
from generator.words import problem_line

ROOT = Path(__file__).resolve().parent.parent
PLANS = ROOT / "tests" / "plans"


def run_cli(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Runs `python build.py ...` as an editor would, capturing what it prints."""
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def load_plan(root: Path) -> Plan:
    """A fixture plan through the real checker; it must check clean."""
    result = check_plan(root)
    problems = "\n".join(problem_line(p, "en") for p in result.problems)
    assert result.plan is not None, f"fixture plan {root} does not check:\n{problems}"
    return result.plan


def copy_plan(root: Path, into: Path) -> Path:
    target = into / root.name
    shutil.copytree(root, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Edits a plan file as an editor would; the old text must be there exactly once."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not exactly once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def plan_copy(tmp_path: Path):
    """Copies a fixture plan from tests/plans/ into a temporary project folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(PLANS / name, target)
        return target

    return copy
