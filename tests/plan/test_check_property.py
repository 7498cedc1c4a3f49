"""Random edits of a valid plan either pass or give located errors, never a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PLANS
from generator.plan.check import check_plan
from generator.plan.problems import Severity
from generator.words import problem_line

BASE = PLANS / "check-minimal"
FILES = sorted(str(p.relative_to(BASE)) for p in BASE.rglob("*.yaml"))
TOKENS = [
    "：", "\t", "\u3000", "－ ", "“", "”", ":", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "*b",
    "!!python/object/apply:os.system [ls]", "2027-02-30", "2027-13-01 25:61", "\x07", "\n", "  ", "#",
    "'", '"', "null", "~", "<<: *a", "---\n", "\ufeff", "\r", "-", "10:00", "yes", "@", "%", "|", ">",
    "é", "川西徒步", "id: all", "channel: nowhere", "status: cancelled", "end: 2020-01-01",
]
BYTES = [b"\xff", b"\x00", b"\xc3", b"\xe4\xb8"]


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, bytes]:
    name = draw(st.sampled_from(FILES))
    data = (BASE / name).read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["insert", "delete", "bytes", "dup-line", "swap-lines"]))
        if operation == "insert":
            data = data[:at] + draw(st.sampled_from(TOKENS)).encode("utf-8") + data[at:]
        elif operation == "bytes":
            data = data[:at] + draw(st.sampled_from(BYTES)) + data[at:]
        elif operation == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 12)) :]
        else:
            lines = data.split(b"\n")
            i = draw(st.integers(0, len(lines) - 1))
            j = draw(st.integers(0, len(lines) - 1))
            if operation == "dup-line":
                lines.insert(j, lines[i])
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
    return name, data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits())
def test_random_edits_pass_or_give_located_errors(edit: tuple[str, bytes]) -> None:
    name, data = edit
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "plan"
        shutil.copytree(BASE, root)
        (root / name).write_bytes(data)
        result = check_plan(root)
        errors = [p for p in result.problems if p.severity is Severity.ERROR]
        assert (result.plan is None) == bool(errors)
        for found in result.problems:
            target = root / found.path
            assert target.is_file(), found
            # lines as YAML and editors count them: a lone CR ends a line too
            line_count = len(target.read_bytes().splitlines()) + 1
            assert 1 <= found.line <= line_count + 1, found
            assert found.column >= 1, found
            for language in ("zh", "en"):
                text = problem_line(found, language)
                assert text.startswith(f"{found.path}:{found.line}:{found.column}: ")
                assert "{" not in text.split(": ", 2)[-1] or "{" in data.decode("utf-8", "replace")
