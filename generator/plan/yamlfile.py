"""Reading one YAML file into located nodes, safely.

PyYAML's own loaders are not used: they construct Python objects (tags like
`!!python/object` can run code), resolve YAML 1.1 implicit types (`no` becomes
False, `1.10` becomes 1.1, `10:00` becomes 600), keep the last of duplicate
keys silently, recurse per nesting level and expand aliases without bound.
Instead libyaml composes plain nodes (no implicit typing, nothing constructed)
and we turn them into our own, keeping every scalar as written with its line
and column, bounding depth and alias expansion, reporting duplicate keys.

Before parsing, the text is screened for what Chinese input methods slip in
(full-width colons, ideographic spaces, full-width dashes, curly quotes used
as YAML quotes): YAML would misread them silently or report a later line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import yaml

try:  # libyaml composes several times faster; the pure-Python loader gives the same nodes
    from yaml import CBaseLoader as _NodeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import BaseLoader as _NodeLoader  # type: ignore[assignment]

from generator.plan.problems import Problem, problem

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 40
MAX_NODES = 200_000  # counting alias expansions: an alias bomb stops here

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",  # the non-specific tag of a quoted scalar
}


@dataclass(eq=False, slots=True)  # not frozen: frozen __init__ costs 2x, and nodes are many
class Node:
    path: str
    line: int  # 1-based
    column: int  # 1-based


@dataclass(eq=False, slots=True)  # not frozen: frozen __init__ costs 2x, and nodes are many
class Scalar(Node):
    value: str
    plain: bool  # unquoted, so `~`, `null` and nothing at all mean "no value"

    @property
    def is_null(self) -> bool:
        return self.plain and self.value in ("", "~", "null", "Null", "NULL")


@dataclass(eq=False, slots=True)  # not frozen: frozen __init__ costs 2x, and nodes are many
class Sequence(Node):
    items: tuple[Node, ...] = ()


@dataclass(eq=False, slots=True)  # not frozen: frozen __init__ costs 2x, and nodes are many
class Mapping(Node):
    pairs: tuple[tuple[Scalar, Node], ...] = ()
    end_line: int = 0

    def get(self, key: str) -> Node | None:
        for k, v in self.pairs:
            if k.value == key:
                return v
        return None


@dataclass(slots=True)
class ReadResult:
    root: Node | None
    problems: list[Problem] = field(default_factory=list)


def read(data: bytes, path: str) -> ReadResult:
    """Parses one file's bytes. `root` is None when the file cannot be used at all."""
    result = ReadResult(None)
    text = _decode(data, path, result.problems)
    if text is None:
        return result
    screened = list(_screen(text, path))
    if screened:
        result.problems.extend(screened)
        return result
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        result.problems.append(problem(path, 1, 1, "file.empty"))
        return result
    composer = _Composer(path)
    try:
        result.root = composer.compose(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        detail = exc.problem or exc.context or ""
        if exc.context and exc.context_mark and exc.problem:
            opened = exc.context_mark
            detail += f" ({exc.context}, {opened.line + 1}:{opened.column + 1})"
        opened_at = f"{exc.context_mark.line + 1}:{exc.context_mark.column + 1}" if exc.context_mark else ""
        # libyaml's own words (`detail`), and its parts for the words to say in the plan's language
        result.problems.append(
            problem(
                path, line, column, "yaml.syntax", detail=detail,
                reason=exc.problem or "", within=exc.context or "", opened=opened_at,
            )
        )
    except yaml.YAMLError as exc:  # errors without a mark, e.g. from the reader
        result.problems.append(problem(path, 1, 1, "yaml.syntax", detail=str(exc)))
    except _Stop as stop:
        result.problems.append(stop.problem)
    result.problems.extend(composer.problems)
    if result.root is None and not result.problems:
        result.problems.append(problem(path, 1, 1, "file.empty"))
    return result


# --- decoding --------------------------------------------------------------------


def _decode(data: bytes, path: str, problems: list[Problem]) -> str | None:
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            problem(path, 1, 1, "file.too_large", size=len(data), limit=MAX_FILE_BYTES)
        )
        return None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(data) >= 2 and b"\x00" in data[:64]):
        problems.append(problem(path, 1, 1, "file.utf16"))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problems.append(
            problem(path, line, column, "file.not_utf8", byte=f"0x{data[exc.start]:02X}")
        )
        return None


# --- screening for input-method characters and control characters -------------------

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_BLOCK_START = re.compile(r"^(\s*)(?:-\s+)*(?:[^#\s][^#]*?:\s+)?[|>][-+0-9]*\s*(?:#.*)?$")
_FULLWIDTH_COLON_KEY = re.compile(r"^(\s*(?:-\s+)*)[A-Za-z_][\w-]*\s*(：)")
_FULLWIDTH_DASH = re.compile(r"^(\s*)[－﹣](?=\s|$)")
_CURLY_VALUE = re.compile(r"^(\s*(?:-\s+)*(?:[A-Za-z_][\w-]*\s*:\s+)?)([“‘])(.*)$")
_IDEOGRAPHIC_INDENT = re.compile(r"^[ \t]*\u3000")


_SUSPECT = re.compile("[\t：\u3000－﹣“‘\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _screen(text: str, path: str) -> Iterator[Problem]:
    if not _SUSPECT.search(text):
        return  # the common case: nothing an input method or a paste could have slipped in
    block_indent: int | None = None  # inside a block scalar: the indent of its key
    for number, line in enumerate(text.splitlines(), start=1):
        bad = _CONTROL.search(line)
        if bad:
            yield problem(path, number, bad.start() + 1, "text.control", char=f"U+{ord(bad.group()):04X}")
        stripped = line.lstrip(" ")
        indent = len(line) - len(stripped)
        if block_indent is not None:
            if not stripped or indent > block_indent:
                continue  # block scalar content: text, where anything goes
            block_indent = None
        if "\t" in line and not line.lstrip().startswith("#"):
            yield problem(path, number, line.index("\t") + 1, "text.tab")
        if _IDEOGRAPHIC_INDENT.match(line):
            yield problem(path, number, line.index("\u3000") + 1, "ime.ideographic_space")
            continue
        found = _FULLWIDTH_COLON_KEY.match(line)
        if found:
            yield problem(path, number, found.start(2) + 1, "ime.fullwidth_colon")
        found = _FULLWIDTH_DASH.match(line)
        if found:
            yield problem(path, number, found.end(1) + 1, "ime.fullwidth_dash")
        found = _CURLY_VALUE.match(line)
        if found and _curly_breaks_yaml(found.group(3)):
            yield problem(path, number, found.start(2) + 1, "ime.curly_quotes")
        if _BLOCK_START.match(line):
            block_indent = indent


def _curly_breaks_yaml(rest: str) -> bool:
    """Curly quotes are text to YAML: harmless unless the editor relied on them to
    protect a `: ` or ` #` inside, which YAML then reads as structure or comment."""
    return ": " in rest or " #" in rest or rest.rstrip().endswith(":")


# --- composing ------------------------------------------------------------------------


class _Stop(Exception):
    def __init__(self, found: Problem) -> None:
        super().__init__(found.code)
        self.problem = found


class _Loader(_NodeLoader):  # type: ignore[misc, valid-type]
    """libyaml's composer with the one resolver call per node made trivial:
    the base resolver has no implicit types and no path resolvers, so every
    node gets its kind's default tag (what BaseResolver.resolve returns, in
    Python, after looking through its empty tables)."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _DEFAULT_TAGS[kind]


_DEFAULT_TAGS = {
    yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
    yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
}


class _Composer:
    """Turns libyaml's nodes into ours, bounding depth and alias expansion.

    libyaml shares one node for an anchor and its aliases, so composing is
    cheap even for an alias bomb; walking it is not. Each node is converted
    once and its expanded size remembered, so the bound is checked without
    ever expanding."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.done: dict[int, tuple[Node, int]] = {}
        self.expanded = 0
        self.aliases = True  # whether a node may come twice (only if the text has an anchor)

    def compose(self, text: str) -> Node | None:
        try:
            # the base loader's resolver has no implicit types: every scalar stays text
            document = _Loader(text).get_single_node()
        except yaml.composer.ComposerError as exc:
            mark = exc.problem_mark
            if mark and "single document" in (exc.context or ""):
                raise _Stop(problem(self.path, mark.line + 1, mark.column + 1, "yaml.many_documents")) from None
            if mark and "undefined alias" in (exc.problem or ""):
                name = re.match(r"\*?([^\s,\]}]*)", text.splitlines()[mark.line][mark.column :].lstrip("*"))
                found = problem(
                    self.path, mark.line + 1, mark.column + 1, "yaml.unknown_alias", name=name.group(1) if name else ""
                )
                raise _Stop(found) from None
            raise
        if document is None:
            return None
        self.aliases = "&" in text
        return self._node(document, 1)[0]

    def _node(self, raw: yaml.Node, depth: int) -> tuple[Node, int]:
        known = self.done.get(id(raw)) if self.aliases else None
        if known is not None:  # an alias: the same node again, expanded in place
            self.expanded += known[1]
            if self.expanded > MAX_NODES:
                raise _Stop(self._at(raw, "yaml.alias_bomb", limit=MAX_NODES))
            return known
        mark = raw.start_mark
        line, column = mark.line + 1, mark.column + 1
        tag = raw.tag
        if tag not in _STANDARD_TAGS:
            raise _Stop(self._at(raw, "yaml.tag", tag=tag.replace("tag:yaml.org,2002:", "!!")))
        if isinstance(raw, yaml.ScalarNode):
            made: tuple[Node, int] = (Scalar(self.path, line, column, raw.value, not raw.style), 1)
        else:
            if depth > MAX_DEPTH:
                raise _Stop(self._at(raw, "yaml.too_deep", limit=MAX_DEPTH))
            if isinstance(raw, yaml.SequenceNode):
                items = [self._node(item, depth + 1) for item in raw.value]
                made = (
                    Sequence(self.path, line, column, tuple(n for n, _ in items)),
                    1 + sum(size for _, size in items),
                )
            else:
                made = self._mapping(raw, line, column, depth)
        self.expanded += 1
        if self.aliases:
            self.done[id(raw)] = made
        return made

    def _mapping(self, raw: yaml.MappingNode, line: int, column: int, depth: int) -> tuple[Node, int]:
        pairs = []
        seen: dict[str, Scalar] = {}
        size = 1
        for raw_key, raw_value in raw.value:
            key, key_size = self._node(raw_key, depth + 1)
            value, value_size = self._node(raw_value, depth + 1)
            size += key_size + value_size
            if not isinstance(key, Scalar):
                self.problems.append(problem(self.path, key.line, key.column, "yaml.complex_key"))
                continue
            if key.value == "<<" and raw_key.tag == "tag:yaml.org,2002:merge" or (key.value == "<<" and key.plain):
                self.problems.append(problem(self.path, key.line, key.column, "yaml.merge_key"))
                continue
            if key.value in seen:
                self.problems.append(
                    problem(self.path, key.line, key.column, "yaml.duplicate_key", key=key.value, first=seen[key.value].line)
                )
                continue
            seen[key.value] = key
            pairs.append((key, value))
        return Mapping(self.path, line, column, tuple(pairs), raw.end_mark.line + 1), size

    def _at(self, raw: yaml.Node, code: str, **args: object) -> Problem:
        return problem(self.path, raw.start_mark.line + 1, raw.start_mark.column + 1, code, **args)
