"""Reading the plan's files: every file parsed and converted, its problems kept.

Both `check` (which reads) and `assemble` (which takes what was read and
checked) import this module; neither imports the other's internals.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.plan import schema
from generator.plan.model import Actual
from generator.plan.problems import problem
from generator.plan.specs import ID_MAX, ID_PATTERN, INVALID, Context, Fields, Items, suggestion
from generator.plan.yamlfile import Mapping, Node, ReadResult, Scalar

SITE_FILE = "content/site.yaml"
CHANNELS_FILE = "content/channels.yaml"
KEY_DATES_FILE = "calendar/key-dates.yaml"
_KNOWN_TOP = {"site", "channels"}
_KNOWN_CSV = "actuals"  # content/actuals.csv (`plan.actuals`)
_YAML_SUFFIXES = (".yaml", ".yml")
_KEY_DATES_YML = "calendar/key-dates.yml"
_FILES_SHOWN = 5  # an unread folder names this many of its files

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
    actuals: tuple[tuple[str, Actual], ...] = ()  # (KPI ref, measurement) from content/actuals.csv


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
        if path.is_dir():
            _warn_unread_folder(path, f"{relative}/", f"content/{kind}/", ctx)
            continue
        if path.suffix.lower() in _YAML_SUFFIXES and path.suffix not in _YAML_SUFFIXES:
            # `.YAML` is not read (the format names `.yaml`): an error, or the entry is gone from the site
            ctx.error(Scalar(relative, 1, 1, "", True), "file.suffix_case", fixed=path.stem + path.suffix.lower())
            continue
        if path.suffix not in _YAML_SUFFIXES:
            ctx.warn(Scalar(relative, 1, 1, "", True), "file.ignored")  # a README or an image: nothing lost
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
    """Plan files the build would not read, each named: nothing vanishes without a word."""
    content = root / "content"
    if content.is_dir():
        known = set(_KNOWN_TOP)
        for path in sorted(content.iterdir()):
            if path.is_file() and path.suffix.lower() in _YAML_SUFFIXES and path.stem not in known:
                ctx.error(
                    Scalar(f"content/{path.name}", 1, 1, "", True),
                    "file.unknown",
                    hint=suggestion(path.stem, sorted(known)),
                )
            elif path.is_file() and path.suffix.lower() == ".csv" and path.name != f"{_KNOWN_CSV}.csv":
                ctx.warn(Scalar(f"content/{path.name}", 1, 1, "", True), "file.unknown", hint=f"{_KNOWN_CSV}.csv")
            elif path.is_dir() and path.name not in schema.ENTRY_SCHEMAS and not path.name.startswith("."):
                # a folder of images is welcome; a folder of plan files is not read
                _warn_unread_folder(path, f"content/{path.name}/", "", ctx)
    calendar = root / "calendar"
    if calendar.is_dir():
        for path in sorted(calendar.iterdir()):
            relative = f"calendar/{path.name}"
            if path.is_file() and path.suffix.lower() in _YAML_SUFFIXES and relative not in (KEY_DATES_FILE, _KEY_DATES_YML):
                ctx.error(Scalar(relative, 1, 1, "", True), "file.unknown", hint="key-dates.yaml")
            elif path.is_dir() and not path.name.startswith("."):
                _warn_unread_folder(path, f"{relative}/", "", ctx)


def _warn_unread_folder(folder: Path, relative: str, home: str, ctx: Context) -> None:
    """A folder whose YAML files are not read: how many, which, and where they belong.
    An error: CI must not pass while entries drop off the site (`content/events/2027/`,
    `content/event/`)."""
    files = sorted(
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.suffix.lower() in _YAML_SUFFIXES
    )
    if not files:
        return
    shown = tuple(files[:_FILES_SHOWN])
    kinds = sorted(schema.ENTRY_SCHEMAS)
    # only a near miss (`event/`): `posts/` is not a misspelt `products/`
    near = next(iter(difflib.get_close_matches(folder.name, kinds, n=1, cutoff=0.8)), "") if not home else ""
    ctx.error(
        Scalar(relative, 1, 1, "", True),
        "folder.not_read" if home else "folder.unknown",
        count=str(len(files)), files=shown, files_more=str(len(files) - len(shown)), home=home,
        kinds=tuple(f"{k}/" for k in schema.ENTRY_SCHEMAS), hint=f"content/{near}/" if near else "",
    )
