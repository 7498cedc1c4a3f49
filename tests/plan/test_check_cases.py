"""Every rule of the format, one small broken plan each, run through the real CLI.

Each folder under tests/cases/check/ holds the files that differ from the
valid plan tests/plans/check-minimal/ and `expected.txt`, the exact lines an
editor must see. Error text is user interface: it is compared verbatim.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import PLANS, ROOT, run_cli

CASES = ROOT / "tests" / "cases" / "check"


def _case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if p.is_dir())


def _build_case(name: str, target: Path) -> list[str]:
    shutil.copytree(PLANS / "check-minimal", target)
    shutil.copytree(CASES / name, target, dirs_exist_ok=True)
    (target / "expected.txt").unlink()
    return (CASES / name / "expected.txt").read_text(encoding="utf-8").splitlines()


def test_the_valid_plan_checks_clean() -> None:
    result = run_cli("check", "--root", str(PLANS / "check-minimal"))
    assert (result.returncode, result.stderr) == (0, "")


@pytest.mark.parametrize("name", _case_names())
def test_broken_plan_reports_exact_located_problems(name: str, tmp_path: Path) -> None:
    expected = _build_case(name, tmp_path / "plan")
    result = run_cli("check", "--root", str(tmp_path / "plan"))
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == expected
    has_error = any(": error: " in line for line in expected)
    assert result.returncode == (1 if has_error else 0)


def test_there_are_enough_cases() -> None:
    assert len(_case_names()) >= 30
