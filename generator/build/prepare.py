"""Before a build: the checked plan's lint warnings, the build's now and its view of the plan.

The stage between the check and the renderers, shared by the command line,
the preview and the tests: what a build may show is decided here once.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

from generator.lint import lint
from generator.plan.check import CheckResult
from generator.plan.outputs import Finding
from generator.plan.problems import ordered
from generator.plan.visibility import View, view
from generator.words import problem_text


def checked(
    result: CheckResult, now: datetime | date | None, drafts: bool, public: bool = False
) -> tuple[CheckResult, View | None, tuple[Finding, ...]]:
    """Adds the lint's warnings to a clean check, and makes the build's view of
    the plan (None when the plan has errors) and the lint page's findings.

    The view is made here, once: every renderer is handed it and none decides
    again what this build shows."""
    if result.plan is None:
        return result, None, ()
    resolved = resolve_now(now, result.plan.site.timezone)
    shown = view(result.plan, resolved, drafts, public)  # the plan as of now: what the lint and renderers read
    problems = tuple(ordered([*result.problems, *lint(shown.plan, resolved)]))
    findings = tuple(Finding(p.path, p.line, p.column, problem_text(p, result.language)) for p in problems)
    return replace(result, plan=shown.plan, problems=problems), shown, findings


def resolve_now(given: datetime | date | None, zone: str, environ: Mapping[str, str] = os.environ) -> datetime:
    """--now, else SOURCE_DATE_EPOCH, else the clock; a time without offset is in the plan's zone."""
    if given is None:
        epoch = now_from_epoch(environ)
        return epoch if epoch is not None else datetime.now(timezone.utc).replace(microsecond=0)
    if not isinstance(given, datetime):
        given = datetime.combine(given, time(0))
    if given.tzinfo is None:
        return given.replace(tzinfo=ZoneInfo(zone))
    return given


def now_source(given: datetime | date | None, environ: Mapping[str, str] = os.environ) -> str:
    """Where `resolve_now` takes the build's now from: "option" (--now), "epoch" (SOURCE_DATE_EPOCH) or "clock"."""
    if given is not None:
        return "option"
    return "epoch" if now_from_epoch(environ) is not None else "clock"


def now_from_epoch(environ: Mapping[str, str] = os.environ) -> datetime | None:
    """SOURCE_DATE_EPOCH (reproducible builds), when it is set to a number of seconds."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else None
