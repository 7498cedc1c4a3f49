"""Checking the whole plan: every file read, every rule applied, every problem kept.

`check_plan` reads `content/` and `calendar/` below a project root, converts
each file with the specs in `schema.py`, resolves every reference across
files, and only when nothing is wrong returns the model (`model.Plan`).
It never writes a file and never raises for bad input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.plan import schema
from generator.plan.actuals import known_kpis, read_actuals
from generator.plan.assemble import assemble
from generator.plan.model import DEFAULT_WORKFLOW
from generator.plan.platforms import platforms
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
from generator.plan.specs import ID_MAX, ID_PATTERN, INVALID, NO_ITEMS, Context, Reference, suggestion
from generator.plan.yamlfile import Mapping, Node, Scalar, Sequence, read
from generator.plan.zones import DEFAULT_ZONE


@dataclass(frozen=True)
class CheckResult:
    plan: Any  # model.Plan, or None when there is any error
    problems: tuple[Problem, ...]
    language: str = "zh"
    # The ids the plan's files define, by target (channel, member, ...), even when
    # the plan has errors: `new` writes references that resolve from these.
    ids: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def defined(self, target: str) -> tuple[str, ...]:
        return dict(self.ids).get(target, ())

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
    actuals = read_actuals(root, known_kpis(site_node), ctx)

    defined = _definitions(site_node, channels_node, entries, ctx)
    _resolve(ctx.references, defined, ctx)
    _check_key_date_identity(key_dates_node, ctx)

    ids = tuple((t, tuple(defined.nodes[t])) for t in _TARGETS)
    if has_errors(ctx.problems) or site is INVALID or channels is INVALID or key_dates is INVALID:
        return CheckResult(None, tuple(ordered(ctx.problems)), plan_language, ids)
    plan, more = assemble(PlanFiles(site, channels, key_dates, tuple(entries), actuals))
    more = [*ctx.if_sound, *more]  # errors that waited for a sound plan (`Context.if_sound`)
    problems = ordered([*ctx.problems, *more])
    return CheckResult(plan if not has_errors(more) else None, tuple(problems), plan.site.language, ids)


# --- identity and references ------------------------------------------------------------


@dataclass(frozen=True)
class _Defined:
    """The ids the plan defines, by kind of target, and the names they go by
    (a member's or a tier's `name`, a product's `title`): an editor who writes
    the name where the id belongs is told the id."""

    nodes: dict[str, dict[str, Node]]
    names: dict[str, dict[str, str]]  # target -> name -> id
    platforms: dict[str, list[str]] = field(default_factory=dict)  # a platform -> the channels on it

    def name_of(self, target: str, item_id: str) -> str:
        return next((name for name, i in self.names[target].items() if i == item_id), "")


_TARGETS = ("channel", "tier", "goal", "kpi", "member", "product", "campaign", "stage")
_NAME_KEYS = {"tiers": "name", "goals": "title", "team": "name", "workflow": "name", "kpis": "name"}
_SITE_SECTIONS = (("tiers", "tier"), ("goals", "goal"), ("team", "member"), ("workflow", "stage"))
_SHOWN_OPTIONS = 12  # an unknown id lists the known ones, up to this many


def _definitions(site: Node | None, channels: Node | None, entries: list[EntryFile], ctx: Context) -> _Defined:
    """Every id the plan defines, by kind of target; duplicates are reported here."""
    defined = _Defined({t: {} for t in _TARGETS}, {t: {} for t in _TARGETS})
    workflow = site.get("workflow") if isinstance(site, Mapping) else None
    if workflow is None or (isinstance(workflow, Scalar) and workflow.is_null):  # the default stages are there to name
        for stage in DEFAULT_WORKFLOW:
            defined.nodes["stage"][stage.id] = Scalar(SITE_FILE, 1, 1, stage.id, True)
    if isinstance(site, Mapping):
        for section, target in _SITE_SECTIONS:
            for item in _items(site.get(section)):
                _define(defined, target, item, _NAME_KEYS[section], ctx)
                if section == "goals" and isinstance(item, Mapping):
                    for kpi in _items(item.get("kpis")):
                        _define(defined, "kpi", kpi, "name", ctx)
    for item in _items(channels):
        id_node = _id_node(item)
        if id_node is not None and id_node.value in schema.RESERVED_CHANNEL_IDS:
            ctx.error(id_node, "channel.reserved", value=id_node.value)
        _define(defined, "channel", item, "name", ctx)
        platform = item.get("platform") if isinstance(item, Mapping) else None
        if id_node is not None and isinstance(platform, Scalar) and platform.value:
            defined.platforms.setdefault(platform.value.strip(), []).append(id_node.value)
    for entry in entries:
        if entry.kind in ("products", "campaigns"):
            target = "product" if entry.kind == "products" else "campaign"
            defined.nodes[target].setdefault(entry.id, Scalar(entry.path, 1, 1, entry.id, True))
            title = entry.values.get("title") if entry.values else None
            if title:
                defined.names[target].setdefault(title, entry.id)
    return defined


def _items(node: Node | None) -> tuple[Node, ...]:
    return node.items if isinstance(node, Sequence) else ()


def _id_node(item: Node) -> Scalar | None:
    if isinstance(item, Mapping):
        value = item.get("id")
        if isinstance(value, Scalar) and ID_PATTERN.match(value.value):
            return value
    return None


def _define(defined: _Defined, target: str, item: Node, name_key: str, ctx: Context) -> None:
    node = _id_node(item)
    if node is None:
        return
    table = defined.nodes[target]
    if node.value in table:
        first = table[node.value]
        ctx.error(node, "id.duplicate", value=node.value, first=f"{first.path}:{first.line}")
        return
    table[node.value] = node
    name = item.get(name_key) if isinstance(item, Mapping) else None
    if isinstance(name, Scalar) and name.value.strip():
        defined.names[target].setdefault(name.value.strip(), node.value)


def _resolve(references: list[Reference], defined: _Defined, ctx: Context) -> None:
    for ref in references:
        known = defined.nodes[ref.target]
        names = defined.names[ref.target]
        by_name = names.get(ref.value.strip())
        if by_name is not None and ref.value not in known:
            ctx.error(ref.node, "ref.by_name", value=ref.value.strip(), id=by_name, target=ref.target)
        elif ref.malformed and ID_PATTERN.match(ref.value):
            ctx.error(ref.node, "id.too_long", value=ref.value, limit=ID_MAX)
        elif ref.value not in known:
            # a name or id half remembered (`小红书` for 小红书官方号, `Weibo`) is told the id;
            # otherwise the ids there are, each with its name
            hint = closest(ref.value, sorted(known), names)
            if not hint and ref.target == "channel":
                hint = _by_platform(ref.value, sorted(known), defined.platforms)
            options = () if hint else tuple((i, defined.name_of(ref.target, i)) for i in sorted(known)[:_SHOWN_OPTIONS])
            more = str(max(0, len(known) - _SHOWN_OPTIONS)) if not hint else "0"
            ctx.error(ref.node, f"ref.unknown_{ref.target}", value=ref.value, hint=hint, known=options, known_more=more)


def closest(value: str, ids: list[str], names: dict[str, str]) -> str:
    """The id an editor most likely meant: by id (any case, or close), by a name
    that contains what was written or is contained in it, or by a close name."""
    written = value.strip()
    folded = written.lower()
    for item in ids:
        if item.lower() == folded or item.replace("-", "") == folded.replace("-", "").replace("_", "").replace(" ", ""):
            return item
    bare = "".join(written.split()).lower()  # `蔚来App` is `蔚来 App 社区`'s
    within: list[str] = []
    if bare:
        within = sorted({
            i for name, i in names.items()
            if bare in "".join(name.split()).lower() or (len(name) > 1 and "".join(name.split()).lower() in bare)
        })
        if len(within) == 1:
            return within[0]
    return suggestion(written, ids) or names.get(suggestion(written, sorted(names)), "") or (within[0] if within else "")


def _by_platform(value: str, ids: list[str], channels_on: dict[str, list[str]]) -> str:
    """`channel: weixin` is the plan's WeChat channel: the one on that platform,
    or the one whose id is the platform's, when there is exactly one. What a
    platform is called is data, beside its limits (platforms.toml `called`)."""
    said = "".join(value.split()).lower()
    platform = next((p.id for p in platforms().values() if said == p.id or said in p.called), None)
    if platform is None:
        return ""
    on_it = channels_on.get(platform) or [i for i in ids if i == platform]
    return on_it[0] if len(on_it) == 1 else ""


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

