"""What every command says the same way: its name, its errors, the plan's problems.

Only the command line prints; these are the few ways it does, so that each
command's module keeps to what the command does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Iterable, TextIO

from generator.plan.check import CheckResult
from generator.plan.problems import Problem, Severity
from generator.words import label, problem_line, problem_text


def program() -> str:
    """How the user called us, for the help and for the commands we suggest
    (`python build.py`, `python ../tool/build.py`, `community-plan`)."""
    return f"python {sys.argv[0]}" if Path(sys.argv[0]).name == "build.py" else "community-plan"


def fail(message: str, code: int, command: str | None = None) -> int:
    """`community-plan deploy: error: …` on standard error; returns the exit code to give."""
    name = program() if command is None else f"{program()} {command}"
    print(f"{name}: error: {message}", file=sys.stderr)
    return code


def print_problems(problems: Iterable[Problem], language: str, style: str = "text") -> None:
    """One `path:line:col: level: …` line a problem on standard error, for editors;
    or, for GitHub, a workflow command on standard output."""
    for found in problems:
        if style == "github":
            # workflow commands become annotations on the pull request's lines
            message = problem_text(found, language).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            print(f"::{found.severity.value} file={found.path},line={found.line},col={found.column}::{message}")
        else:
            print(problem_line(found, language), file=sys.stderr)


def print_failed(problems: Iterable[Problem], language: str, file: TextIO | None = None) -> None:
    """The one line that counts a failed check's errors and warnings (on standard output unless told)."""
    problems = list(problems)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    print(label(language, "cli.check_failed", errors=errors, warnings=warnings), file=file or sys.stdout)


def refuse_unchecked(result: CheckResult) -> int:
    """A command that needs a plan that checks, given one that does not: its problems, their count, 1."""
    print_problems(result.problems, result.language)
    print_failed(result.problems, result.language)
    return 1


# What each command's module is given to add its options to: the parsers of the commands.
Commands = argparse._SubParsersAction  # argparse has no public name for it
