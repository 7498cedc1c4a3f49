"""Checking the whole plan: every file read, every rule applied, every problem kept.

`check_plan` reads `content/` and `calendar/` below a project root, converts
each file with the specs in `schema.py`, resolves every reference across
files, and only when nothing is wrong returns the model (`model.Plan`).
It never writes a file and never raises for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.plan import schema
from generator.plan.assemble import assemble
from generator.plan.model import DEFAULT_WORKFLOW
from generator.plan.problems import Problem, has_errors, ordered
from generator.plan.read import (
    CHANNELS_FILE,
    KEY_DATES_FILE,
    SITE_FILE,
    EntryFile,
    Files,
    PlanFiles,
    Reader,
    convert,
    language,
    read_entries,
    warn_unknown_files,
)
from generator.plan.specs import ID_PATTERN, INVALID, NO_ITEMS, Context, Reference, suggestion
from generator.plan.yamlfile import Mapping, Node, Scalar, Sequence, read
from generator.plan.zones import DEFAULT_ZONE


@dataclass(frozen=True)
class CheckResult:
    plan: Any  # model.Plan, or None when there is any error
    problems: tuple[Problem, ...]
    language: str = "zh"

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


def check_plan(root: Path, reader: Reader = read) -> CheckResult:
    """Every problem of the plan at `root`, and its model when there is no error.

    `reader` parses one file's bytes; the preview passes a memoized `read`, so
    an edit re-parses only the files whose bytes changed."""
    ctx = Context(root=root)
    files = Files(root, ctx, reader)
    site_node = files.read(SITE_FILE, required=True)
    plan_language = language(site_node)
    site = convert(site_node, schema.SITE, ctx)
    # entries read their naive times in the site's zone; the span rule needs it
    ctx.zone = site.get("timezone", DEFAULT_ZONE) if site is not INVALID else None
    channels_node = files.read(CHANNELS_FILE, required=True)
    channels = convert(channels_node, schema.CHANNELS, ctx)
    key_dates_node = files.read(KEY_DATES_FILE, required=False)
    key_dates = convert(key_dates_node, schema.KEY_DATES, ctx) if key_dates_node else NO_ITEMS
    warn_unknown_files(root, ctx)
    entries = [e for kind in schema.ENTRY_SCHEMAS for e in read_entries(files, kind)]

    defined = _definitions(site_node, channels_node, entries, ctx)
    _resolve(ctx.references, defined, ctx)
    _check_key_date_identity(key_dates_node, ctx)

    if has_errors(ctx.problems) or site is INVALID or channels is INVALID or key_dates is INVALID:
        return CheckResult(None, tuple(ordered(ctx.problems)), plan_language)
    plan, more = assemble(PlanFiles(site, channels, key_dates, tuple(entries)))
    more = [*ctx.if_sound, *more]  # errors that waited for a sound plan (`Context.if_sound`)
    problems = ordered([*ctx.problems, *more])
    return CheckResult(plan if not has_errors(more) else None, tuple(problems), plan.site.language)


# --- identity and references ------------------------------------------------------------


def _definitions(
    site: Node | None, channels: Node | None, entries: list[EntryFile], ctx: Context
) -> dict[str, dict[str, Node]]:
    """Every id the plan defines, by kind of target; duplicates are reported here."""
    defined: dict[str, dict[str, Node]] = {
        "channel": {},
        "tier": {},
        "goal": {},
        "kpi": {},
        "member": {},
        "product": {},
        "campaign": {},
        "stage": {},
    }
    workflow = site.get("workflow") if isinstance(site, Mapping) else None
    if workflow is None or (isinstance(workflow, Scalar) and workflow.is_null):  # the default stages (`model.DEFAULT_WORKFLOW`) are there to name
        for stage in DEFAULT_WORKFLOW:
            defined["stage"][stage.id] = Scalar(SITE_FILE, 1, 1, stage.id, True)
    if isinstance(site, Mapping):
        for section, target in (("tiers", "tier"), ("goals", "goal"), ("team", "member"), ("workflow", "stage")):
            for item in _items(site.get(section)):
                _define(defined[target], _id_node(item), ctx)
                if section == "goals":
                    for kpi in _items(item.get("kpis") if isinstance(item, Mapping) else None):
                        _define(defined["kpi"], _id_node(kpi), ctx)
    for item in _items(channels):
        id_node = _id_node(item)
        if id_node is not None and id_node.value in schema.RESERVED_CHANNEL_IDS:
            ctx.error(id_node, "channel.reserved", value=id_node.value)
        _define(defined["channel"], id_node, ctx)
    for entry in entries:
        if entry.kind in ("products", "campaigns"):
            target = "product" if entry.kind == "products" else "campaign"
            defined[target].setdefault(entry.id, Scalar(entry.path, 1, 1, entry.id, True))
    return defined


def _items(node: Node | None) -> tuple[Node, ...]:
    return node.items if isinstance(node, Sequence) else ()


def _id_node(item: Node) -> Scalar | None:
    if isinstance(item, Mapping):
        value = item.get("id")
        if isinstance(value, Scalar) and ID_PATTERN.match(value.value):
            return value
    return None


def _define(table: dict[str, Node], node: Scalar | None, ctx: Context) -> None:
    if node is None:
        return
    if node.value in table:
        first = table[node.value]
        ctx.error(node, "id.duplicate", value=node.value, first=f"{first.path}:{first.line}")
        return
    table[node.value] = node


def _resolve(references: list[Reference], defined: dict[str, dict[str, Node]], ctx: Context) -> None:
    for ref in references:
        known = defined[ref.target]
        if ref.value not in known:
            ctx.error(ref.node, f"ref.unknown_{ref.target}", value=ref.value, hint=suggestion(ref.value, sorted(known)))


def _check_key_date_identity(node: Node | None, ctx: Context) -> None:
    seen: dict[str, Node] = {}
    for item in _items(node):
        if not isinstance(item, Mapping):
            continue
        id_node, date_node, title_node = item.get("id"), item.get("date"), item.get("title")
        if isinstance(id_node, Scalar) and not id_node.is_null:
            key, at = f"id:{id_node.value}", id_node
        elif isinstance(date_node, Scalar) and isinstance(title_node, Scalar):
            key, at = f"{date_node.value.strip()}/{title_node.value.strip()}", title_node
        else:
            continue
        if key in seen:
            first = seen[key]
            ctx.error(at, "keydate.duplicate", value=key.removeprefix("id:"), first=f"{first.path}:{first.line}")
        else:
            seen[key] = at

