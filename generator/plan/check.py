"""Checking the whole plan: every file read, every rule applied, every problem kept.

`check_plan` reads `content/` and `calendar/` below a project root, converts
each file with the specs in `schema.py`, resolves every reference across
files, and only when nothing is wrong returns the model (`model.Plan`).
It never writes a file and never raises for bad input.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.plan import schema
from generator.plan.assemble import assemble
from generator.plan.problems import Problem, has_errors, ordered, problem
from generator.plan.specs import ID_MAX, ID_PATTERN, INVALID, Context, Reference, suggestion
from generator.plan.yamlfile import Mapping, Node, ReadResult, Scalar, Sequence, read

SITE_FILE = "content/site.yaml"
CHANNELS_FILE = "content/channels.yaml"
KEY_DATES_FILE = "calendar/key-dates.yaml"
_KNOWN_TOP = {"site", "channels"}
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class CheckResult:
    plan: Any  # model.Plan, or None when there is any error
    problems: tuple[Problem, ...]
    language: str = "zh"

    @property
    def ok(self) -> bool:
        return not has_errors(self.problems)


@dataclass(frozen=True)
class EntryFile:
    kind: str  # folder name, a `model.Kind` value
    id: str
    path: str
    root: Node | None
    values: dict[str, Any]


Reader = Callable[[bytes, str], ReadResult]


def check_plan(root: Path, reader: Reader = read) -> CheckResult:
    """Every problem of the plan at `root`, and its model when there is no error.

    `reader` parses one file's bytes; the preview passes a memoized `read`, so
    an edit re-parses only the files whose bytes changed."""
    ctx = Context(root=root)
    files = _Files(root, ctx, reader)
    site_node = files.read(SITE_FILE, required=True)
    language = _language(site_node)
    site = _convert(site_node, schema.SITE, ctx)
    channels_node = files.read(CHANNELS_FILE, required=True)
    channels = _convert(channels_node, schema.CHANNELS, ctx)
    key_dates_node = files.read(KEY_DATES_FILE, required=False)
    key_dates = _convert(key_dates_node, schema.KEY_DATES, ctx) if key_dates_node else ()
    _warn_unknown_files(root, ctx)
    entries = [e for kind in schema.ENTRY_SCHEMAS for e in _read_entries(files, kind)]

    defined = _definitions(site_node, channels_node, entries, ctx)
    _resolve(ctx.references, defined, ctx)
    _check_key_date_identity(key_dates_node, ctx)

    if has_errors(ctx.problems) or site is INVALID or channels is INVALID or key_dates is INVALID:
        return CheckResult(None, tuple(ordered(ctx.problems)), language)
    plan, more = assemble(site, channels, key_dates, entries, _slot_nodes(entries), channels_node, key_dates_node, site_node)
    problems = ordered([*ctx.problems, *more])
    return CheckResult(plan if not has_errors(more) else None, tuple(problems), plan.site.language)


# --- reading ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Files:
    """The plan's files, read and parsed, their problems collected in `ctx`."""

    root: Path
    ctx: Context
    reader: Reader

    def read(self, relative: str, required: bool) -> Node | None:
        path = self.root / relative
        if not path.is_file():
            alternative = path.with_suffix(".yml")
            if alternative.is_file():
                path, relative = alternative, relative[: -len(".yaml")] + ".yml"
            elif required:
                self.ctx.problems.append(problem(relative, 1, 1, "file.missing"))
                return None
            else:
                return None
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.ctx.problems.append(problem(relative, 1, 1, "file.unreadable", detail=exc.strerror or str(exc)))
            return None
        result = self.reader(data, relative)
        self.ctx.problems.extend(result.problems)
        return result.root


def _convert(node: Node | None, spec: Any, ctx: Context) -> Any:
    if node is None:
        return INVALID
    return spec.convert(node, ctx)


def _language(site: Node | None) -> str:
    if isinstance(site, Mapping):
        value = site.get("language")
        if isinstance(value, Scalar) and value.value in schema.LANGUAGES:
            return value.value
    return "zh"


def _read_entries(files: _Files, kind: str) -> list[EntryFile]:
    ctx = files.ctx
    folder = files.root / "content" / kind
    if not folder.is_dir():
        return []
    entries: list[EntryFile] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        relative = f"content/{kind}/{path.name}"
        if path.name.startswith("."):
            continue
        if path.suffix not in _YAML_SUFFIXES or not path.is_file():
            ctx.warn(Scalar(relative, 1, 1, "", True), "file.ignored")
            continue
        entry_id = path.stem
        valid_name = bool(ID_PATTERN.match(entry_id)) and len(entry_id) <= ID_MAX
        if not valid_name:
            ctx.error(Scalar(relative, 1, 1, "", True), "filename.invalid", name=path.name)
        elif entry_id in seen:
            ctx.error(Scalar(relative, 1, 1, "", True), "id.duplicate", value=entry_id, first=seen[entry_id])
        seen.setdefault(entry_id, relative)
        node = files.read(relative, required=True)
        values = schema.ENTRY_SCHEMAS[kind].convert(node, ctx) if node is not None else INVALID
        if valid_name and seen[entry_id] == relative:
            # kept even when unreadable, so references to it do not report it missing too
            entries.append(EntryFile(kind, entry_id, relative, node, values if values is not INVALID else {}))
    return entries


def _warn_unknown_files(root: Path, ctx: Context) -> None:
    content = root / "content"
    if not content.is_dir():
        return
    known = set(_KNOWN_TOP)
    for path in sorted(content.iterdir()):
        if path.is_file() and path.suffix in _YAML_SUFFIXES and path.stem not in known:
            ctx.warn(
                Scalar(f"content/{path.name}", 1, 1, "", True),
                "file.unknown",
                hint=suggestion(path.stem, sorted(known)),
            )


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
    }
    if isinstance(site, Mapping):
        for section, target in (("tiers", "tier"), ("goals", "goal"), ("team", "member")):
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


def _slot_nodes(entries: list[EntryFile]) -> dict[str, tuple[Node, ...]]:
    """Each entry's slot nodes, for locating problems found while assembling."""
    found: dict[str, tuple[Node, ...]] = {}
    for entry in entries:
        publish = entry.root.get("publish") if isinstance(entry.root, Mapping) else None
        found[entry.path] = publish.items if isinstance(publish, Sequence) else ()
    return found

