"""What a build says about itself: `build.json` and the footer's 更新于 … · 下次更新 ….

    {"built_at": "2027-06-10T10:00:00+08:00",
     "next_change": "2027-06-10T20:00:00+08:00",   (or null: nothing ahead)
     "version": "0.1.0",                            (the tool's)
     "revision": "3f2c…"}                           (the plan's git commit, or null)

A CI run reads it to decide whether a scheduled rebuild has anything to
publish (README, "Publishing"). The same plan, now and revision give the same
bytes: nothing in it reads the clock.
"""

from __future__ import annotations

import json
import subprocess
import tomllib
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.build.upcoming import Next, next_change
from generator.plan.model import Plan
from generator.plan.outputs import Output
from generator.plan.visibility import View
from generator.shipped import source_clone
from generator.site.pages import built_line

FILE = "build.json"
DISTRIBUTION = "community-plan"


@dataclass(frozen=True, slots=True)
class Stamp:
    built_at: datetime  # the build's now, in the plan's zone
    next: Next
    version: str
    revision: str | None


def make(root: Path, checked: Plan, view: View) -> Stamp:
    """The stamp of a build of `checked` (the plan as checked) as `view` shows it."""
    zone = ZoneInfo(checked.site.timezone)
    return Stamp(view.now.astimezone(zone), next_change(checked, view), version(), revision(root))


def render(stamp: Stamp) -> Output:
    document = {
        "built_at": stamp.built_at.isoformat(),
        "next_change": stamp.next.at.isoformat() if stamp.next.at is not None else None,
        "version": stamp.version,
        "revision": stamp.revision,
    }
    return Output(FILE, (json.dumps(document, indent=2) + "\n").encode("utf-8"))


def footer(stamp: Stamp, language: str) -> str:
    """`更新于 2027-06-10 10:00 · 下次更新 2027-06-10 20:00`, in the plan's zone."""
    return built_line(language, stamp.built_at, stamp.next.at)


def version() -> str:
    """The tool's version: a clone's pyproject.toml (what runs is the clone), else the installed package's."""
    clone = source_clone()
    if clone is not None:
        return str(tomllib.loads((clone / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"])
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def revision(root: Path) -> str | None:
    """The plan's commit (`git rev-parse HEAD` in the project root), None outside git."""
    try:
        done = subprocess.run(
            ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    commit = done.stdout.strip()
    return commit if done.returncode == 0 and len(commit) in (40, 64) else None


def read(source: str) -> dict:
    """A deployed build's `build.json`, from a file or an http(s) URL (the published
    site's); empty when there is none (nothing deployed yet) or it is not one."""
    try:
        if source.startswith(("http://", "https://")):
            with urllib.request.urlopen(source, timeout=20) as answer:  # noqa: S310 (the user's own site)
                text = answer.read().decode("utf-8")
        else:
            text = Path(source).read_text(encoding="utf-8")
        found = json.loads(text)
    except (OSError, ValueError):  # URLError and HTTPError are OSErrors
        return {}
    return found if isinstance(found, dict) else {}


def changed_since(deployed: dict, stamp: Stamp) -> bool:
    """Whether a build now differs from the deployed one: another plan commit, another
    tool version, or the deployed build's next change has come (stamps aside)."""
    if not deployed or stamp.revision is None or deployed.get("revision") != stamp.revision:
        return True
    if deployed.get("version") != stamp.version:
        return True
    upcoming = deployed.get("next_change")
    if upcoming is None:
        return False  # nothing was ahead of it, and the plan is the same
    try:
        return datetime.fromisoformat(str(upcoming)) <= stamp.built_at
    except ValueError:
        return True
