"""Shared test helpers: the project root and ways to run the real command line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture
def plan_copy(tmp_path: Path):
    """Copies a fixture plan from tests/plans/ into a temporary project folder."""

    def copy(name: str) -> Path:
        target = tmp_path / name
        shutil.copytree(PLANS / name, target)
        return target

    return copy
