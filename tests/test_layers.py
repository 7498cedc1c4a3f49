"""The house's import rule (README, "For developers"), as CI enforces it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def test_every_import_runs_down_the_floors() -> None:
    """import-linter's contracts in .importlinter: cli > build > renderers >
    lint | words > plan; renderers never import each other; only build.mkdocs
    imports MkDocs or Material; nothing imports cli."""
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run([str(lint_imports)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_tests_are_laid_out_like_the_packages_and_all_collected() -> None:
    """tests/<floor>/ mirrors generator/<floor>/, and pytest collects every
    test file (its default skips folders named `build`: pyproject says so)."""
    packages = {p.parent.relative_to(ROOT / "generator").as_posix() for p in (ROOT / "generator").rglob("__init__.py")}
    folders = {p.parent.relative_to(ROOT / "tests").as_posix() for p in (ROOT / "tests").rglob("test_*.py")}
    assert folders - {"."} <= packages, folders - packages
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    ).stdout
    files = {line.split("::")[0] for line in collected.splitlines() if "::" in line}
    assert files == {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests").rglob("test_*.py")}


def test_no_two_test_files_share_a_name() -> None:
    """pytest imports test modules by their base name (rootdir-relative without
    packages): two `test_changes.py` in two folders stop the whole collection."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
