"""`make site` on a fresh machine: which Python the Makefile makes `.venv/` with.

Each test runs the real Makefile with a PATH holding only a folder of fake
interpreters (symlinks to this Python, or scripts that fail the version check).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

MAKE = shutil.which("make")
TOO_OLD = "#!/bin/sh\n# answers the Makefile's version check like a Python older than 3.11\nexit 1\n"


def _bin(tmp_path: Path, good: tuple[str, ...] = (), old: tuple[str, ...] = ()) -> Path:
    folder = tmp_path / "bin"
    folder.mkdir()
    for name in good:
        (folder / name).symlink_to(sys.executable)
    for name in old:
        script = folder / name
        script.write_text(TOO_OLD)
        script.chmod(0o755)
    return folder


def _make(path: Path, *args: str, cwd: Path = ROOT, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    assert MAKE, "make is not installed"
    # Only PATH: no PYTHON or MAKEFLAGS from the make that may be running these tests
    env = {"PATH": str(path), **(extra_env or {})}
    return subprocess.run([MAKE, "-s", "-C", str(cwd), *args], env=env, capture_output=True, text=True, timeout=60)


def test_plain_python3_is_found(tmp_path: Path) -> None:
    folder = _bin(tmp_path, good=("python3",))
    result = _make(folder, "print-python")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(folder / "python3")


def test_newest_name_first(tmp_path: Path) -> None:
    folder = _bin(tmp_path, good=("python", "python3", "python3.11", "python3.13"))
    result = _make(folder, "print-python")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(folder / "python3.13")


def test_a_name_that_is_too_old_is_passed_over(tmp_path: Path) -> None:
    folder = _bin(tmp_path, good=("python",), old=("python3.13", "python3"))
    result = _make(folder, "print-python")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(folder / "python")


def test_no_python_3_11_stops_with_one_clear_line(tmp_path: Path) -> None:
    folder = _bin(tmp_path, old=("python3",))
    result = _make(folder, "print-python")
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Python 3.11 or later is needed" in lines[0]
    assert "make site PYTHON=/path/to/python3" in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize("how", ["command line", "environment"])
def test_python_given_wins(tmp_path: Path, how: str) -> None:
    folder = _bin(tmp_path, good=("python3.13", "python3"))
    chosen = "/opt/somewhere/bin/python3"
    if how == "command line":
        result = _make(folder, "print-python", f"PYTHON={chosen}")
    else:
        result = _make(folder, "print-python", extra_env={"PYTHON": chosen})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == chosen


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    for name in ("Makefile", "requirements.txt"):
        shutil.copy(ROOT / name, project / name)
    return project


def test_fresh_clone_makes_the_venv_with_the_found_python(tmp_path: Path) -> None:
    folder = _bin(tmp_path, good=("python3",), old=("python3.12",))
    result = _make(folder, "-n", "site", cwd=_project(tmp_path))
    assert result.returncode == 0, result.stderr
    commands = result.stdout.splitlines()
    assert commands[0] == f"{folder / 'python3'} -m venv .venv", result.stdout
    assert any("pip install" in c and "-r requirements.txt" in c for c in commands), result.stdout


def test_an_existing_venv_is_kept_without_looking_for_python(tmp_path: Path) -> None:
    project = _project(tmp_path)
    venv_python = project / ".venv" / "bin" / "python"
    venv_python.parent.mkdir(parents=True)
    venv_python.symlink_to(sys.executable)
    stamp = project / ".venv" / ".installed"
    stamp.touch()
    os.utime(project / "requirements.txt", (1, 1))
    # no usable Python on PATH at all: the made .venv is enough
    folder = _bin(tmp_path, old=("python3",))
    result = _make(folder, "-n", "site", cwd=project)
    assert result.returncode == 0, result.stderr
    assert [c.split(" --now")[0] for c in result.stdout.splitlines()] == [".venv/bin/python build.py"]
