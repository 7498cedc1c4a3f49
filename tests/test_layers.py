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
