"""`community-plan init DIR`: a team's own plan repository, ready to build.

What it writes is rendered here as values (`starter_files`); the command line
writes them through `writer`, after making sure DIR is new or empty. None of
the generator's code is copied: the team's repository holds its plan, its
editor help, its pre-commit hooks and CI examples that install this tool
(checking and building on every push; posting the week's digest to the
team's group chat every Monday).
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from datetime import date, timedelta
from importlib import metadata
from pathlib import Path
from string import Template
from urllib.parse import unquote, urlparse

from generator.editor.schema import vscode_settings
from generator.plan.outputs import Output
from generator.shipped import shipped, source_clone

STARTER = Path(__file__).resolve().parent / "starter"
DISTRIBUTION = "community-plan"


@dataclass(frozen=True, slots=True)
class ToolSource:
    """Where this tool came from, so the team's hooks and CI can install it."""

    repo: str  # what pre-commit's `repo:` takes: a git URL or a local clone's path
    rev: str  # a commit
    pip_spec: str  # what `pip install` takes


def tool_source() -> ToolSource | None:
    """The git repository this tool runs from or was installed from, if any.

    A clone run as `python build.py` is its own source; an installed tool
    reads pip's record of where it came from (PEP 610 `direct_url.json`)."""
    clone = source_clone()
    if clone is not None:
        return _from_clone(clone)
    try:
        record = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    if not record:
        return None
    found = json.loads(record)
    url = str(found.get("url", ""))
    commit = (found.get("vcs_info") or {}).get("commit_id")
    if commit:
        return ToolSource(url, commit, f"{DISTRIBUTION} @ git+{url}@{commit}")
    if url.startswith("file://"):
        return _from_clone(Path(unquote(urlparse(url).path)))
    return None


def _from_clone(folder: Path) -> ToolSource | None:
    try:
        commit = subprocess.run(
            ["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True, check=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return ToolSource(str(folder), commit, f"{DISTRIBUTION} @ git+file://{folder}@{commit}")


def starter_files(language: str, example: bool, today: date, source: ToolSource | None) -> list[Output]:
    """Every file of a new plan repository but the editor schemas (made from the plan once it is written)."""
    files = _example_plan() if example else _starter_plan(language, today)
    files.append(Output(".gitignore", (STARTER / "gitignore").read_bytes()))
    # site.yaml's first comment points at it: every field of the format, next to the plan
    files.append(Output("FORMAT.md", shipped("FORMAT.md").read_bytes()))
    # the editor options as this repository has them; the schema map as the schemas are written
    editor = json.loads((shipped("vscode") / "settings.json").read_text(encoding="utf-8"))
    settings = json.dumps(vscode_settings(editor), ensure_ascii=False, indent=2) + "\n"
    files.append(Output(".vscode/settings.json", settings.encode()))
    files.append(Output(".vscode/extensions.json", (shipped("vscode") / "extensions.json").read_bytes()))
    if source is None:
        hooks = (STARTER / "pre-commit-local.yaml").read_text(encoding="utf-8")
        tool_spec = DISTRIBUTION
    else:
        hooks = Template((STARTER / "pre-commit-remote.yaml").read_text(encoding="utf-8")).substitute(
            hooks_repo=source.repo, hooks_rev=source.rev
        )
        tool_spec = source.pip_spec
    files.append(Output(".pre-commit-config.yaml", hooks.encode()))
    # the CI examples hold shell and CI variables of their own ($status, ${{ … }}): only `$tool_spec` is ours
    for example, path in (("plan-workflow.yml", ".github/workflows/plan.yml"), ("gitlab-ci.yml", ".gitlab-ci.yml")):
        text = (STARTER / example).read_text(encoding="utf-8").replace("$tool_spec", tool_spec)
        files.append(Output(path, text.encode()))
    digest = (STARTER / "digest-workflow.yml").read_text(encoding="utf-8").replace("$tool_spec", tool_spec)
    files.append(Output(".github/workflows/digest.yml", digest.encode()))
    return files


def _starter_plan(language: str, today: date) -> list[Output]:
    """The small plan, dated from today so that its first build shows what is coming."""
    event_day = today + timedelta(days=21)
    national_day = date(today.year if today < date(today.year, 10, 1) else today.year + 1, 10, 1)
    dates = {
        "national_day": national_day.isoformat(),
        "national_day_end": (national_day + timedelta(days=6)).isoformat(),
        "year_end": f"{today.year}-12-31" if today.month < 12 else f"{today.year + 1}-12-31",
        "story_day": (today + timedelta(days=2)).isoformat(),
        "story_next_day": (today + timedelta(days=8)).isoformat(),
        "announce_day": (today + timedelta(days=7)).isoformat(),
        "eve_day": (event_day - timedelta(days=1)).isoformat(),
        "event_day": event_day.isoformat(),
    }
    base = STARTER / language
    return [
        Output(path.relative_to(base).as_posix(), Template(path.read_text(encoding="utf-8")).substitute(dates).encode())
        for path in sorted(base.rglob("*.yaml"))
    ]


def _example_plan() -> list[Output]:
    files = []
    for name in ("content", "calendar"):
        folder = shipped(f"example/{name}")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            files.append(Output(f"{name}/{path.relative_to(folder).as_posix()}", path.read_bytes()))
    return files
