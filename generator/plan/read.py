"""Reading the plan's files: every file parsed and converted, its problems kept.

Both `check` (which reads) and `assemble` (which takes what was read and
checked) import this module; neither imports the other's internals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.plan import schema
from generator.plan.problems import problem
from generator.plan.specs import ID_MAX, ID_PATTERN, INVALID, Context, Fields, Items, suggestion
from generator.plan.yamlfile import Mapping, Node, ReadResult, Scalar

SITE_FILE = "content/site.yaml"
CHANNELS_FILE = "content/channels.yaml"
KEY_DATES_FILE = "calendar/key-dates.yaml"
_KNOWN_TOP = {"site", "channels"}
_YAML_SUFFIXES = (".yaml", ".yml")

Reader = Callable[[bytes, str], ReadResult]


@dataclass(frozen=True, slots=True)
class EntryFile:
    """One file under `content/<kind>/` whose name is a valid, unique id."""

    kind: str  # folder name, a `model.Kind` value
    id: str
    path: str
    values: Fields | None  # None when it did not read or convert; kept so references to it resolve


@dataclass(frozen=True, slots=True)
class PlanFiles:
    """A checked plan's files, converted, each value with where it was written: what `assemble` takes."""

    site: Fields
    channels: Items
    key_dates: Items  # empty when there is no key-dates file
    entries: tuple[EntryFile, ...]  # every one converted


@dataclass(frozen=True, slots=True)
class Files:
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


def convert(node: Node | None, spec: Any, ctx: Context) -> Any:
    if node is None:
        return INVALID
    return spec.convert(node, ctx)


def language(site: Node | None) -> str:
    """The plan's language as written, known even when site.yaml has errors (they are said in it)."""
    if isinstance(site, Mapping):
        value = site.get("language")
        if isinstance(value, Scalar) and value.value in schema.LANGUAGES:
            return value.value
    return "zh"


def read_entries(files: Files, kind: str) -> list[EntryFile]:
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
            entries.append(EntryFile(kind, entry_id, relative, values if values is not INVALID else None))
    return entries


def warn_unknown_files(root: Path, ctx: Context) -> None:
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
