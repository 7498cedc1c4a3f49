"""The changes a sheet makes, written into the plan's YAML: new bytes for each file, or none.

Pure: files in, files out. ruamel.yaml edits the document (comments, order,
quoting and flow style of what it does not touch stay), in the indentation
the file uses, and `merge` keeps every line the edits did not reach byte
for byte. A new key goes where the format lists it (`at` after `channel`,
`owner` after `status`), a new slot at the end of `publish`; comments that
followed the last line of what grew still follow it.
"""

from __future__ import annotations

import codecs
import copy
import io
import re
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from generator.sheets.merge import differing_lines, merge
from generator.sheets.changes import Addition, Change

# (mapping, sequence, offset) as ruamel names them: `publish:\n  - channel:` is (2, 4, 2),
# `publish:\n- channel:` (2, 2, 0), `publish:\n    -   channel:` (4, 8, 4); the usual first
_INDENTS = ((2, 4, 2), (2, 2, 0), *(
    (mapping, offset + gap, offset) for mapping in (2, 4, 3) for offset in (0, 2, 4) for gap in (2, 4)
))
_SLOT_ORDER = ("channel", "at", "title", "summary", "status", "id", "owner", "reviewer", "url", "due", "copy")
_COPY_ORDER = ("title", "text", "tags", "link")
_OFFSET = re.compile(r"(Z|[+-]\d{2}:?\d{2})$")


class EditError(Exception):
    """A file ruamel.yaml cannot edit (the plan's reader took it, ruamel's did not)."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path}: {detail}")
        self.path, self.detail = path, detail


def apply(files: Mapping[str, bytes], changes: Iterable[Change], additions: Iterable[Addition]) -> dict[str, bytes]:
    """The new bytes of each file the changes touch (relative path -> bytes)."""
    by_path: dict[str, tuple[list[Change], list[Addition]]] = {}
    for change in changes:
        by_path.setdefault(change.path, ([], []))[0].append(change)
    for addition in additions:
        by_path.setdefault(addition.path, ([], []))[1].append(addition)
    edited = {}
    for path, (in_place, added) in sorted(by_path.items()):
        try:
            edited[path] = edit_file(files[path], in_place, added)
        except Exception as exc:  # ruamel says what it cannot read in many ways: one located problem
            raise EditError(path, f"{type(exc).__name__}: {exc}") from exc
    return edited


def edit_file(data: bytes, changes: list[Change], additions: list[Addition]) -> bytes:
    bom = data.startswith(codecs.BOM_UTF8)
    text = data[len(codecs.BOM_UTF8):].decode("utf-8") if bom else data.decode("utf-8")
    crlf = "\r\n" in text and text.count("\r\n") == text.count("\n")
    if crlf:
        text = text.replace("\r\n", "\n")
    yaml = _yaml_for(text)
    document = yaml.load(text)
    roundtrip = _dump(yaml, document)
    for change in changes:
        _set(document["publish"][change.index], change.field, change.value)
    for addition in additions:
        _add_slot(document, addition.fields)
    edited = _dump(yaml, document)
    merged = merge(text, roundtrip, edited)
    if yaml.load(merged) != yaml.load(edited):  # never more than the edits, never less: else ruamel's whole dump
        merged = edited
    if crlf:
        merged = merged.replace("\n", "\r\n")
    return (codecs.BOM_UTF8 if bom else b"") + merged.encode("utf-8")


def _yaml(indent: tuple[int, int, int]) -> YAML:
    yaml = YAML()  # round-trip
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never fold a long line the file has on one
    yaml.indent(mapping=indent[0], sequence=indent[1], offset=indent[2])
    return yaml


def _yaml_for(text: str) -> YAML:
    """The indentation this file is written in: the one whose dump is nearest the file."""
    best: tuple[int, YAML] | None = None
    for indent in _INDENTS:
        yaml = _yaml(indent)
        distance = differing_lines(text, _dump(yaml, yaml.load(text)))
        if best is None or distance < best[0]:
            best = (distance, yaml)
        if distance == 0:
            break
    assert best is not None
    return best[1]


def _dump(yaml: YAML, document: Any) -> str:
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


# --- one field ----------------------------------------------------------------------------


def _set(slot: CommentedMap, name: str, value: object) -> None:
    if "." not in name:
        _put(slot, name, value, _SLOT_ORDER)
        return
    parent, key = name.split(".", 1)
    inner = slot.get(parent)
    if value is None:
        if isinstance(inner, CommentedMap) and key in inner:
            _remove(inner, key)
            if not inner:
                _remove(slot, parent)
        return
    if isinstance(inner, CommentedMap):
        _put(inner, key, value, _COPY_ORDER if parent == "copy" else (), like=slot.get("at"))
        return
    inner = CommentedMap([(key, _styled(value, slot.get("at")))])  # filled first: comments below go below it
    if parent == "due":
        inner.fa.set_flow_style()  # `due: {review: 2027-06-10 18:00}`, as the format's examples write it
    _put(slot, parent, inner, _SLOT_ORDER)


def _put(mapping: CommentedMap, key: str, value: object, order: tuple[str, ...], like: object = None) -> None:
    """Sets `key`, in the style of the value it replaces; a new key goes where `order` puts it."""
    if value is None:
        if key in mapping:
            _remove(mapping, key)
        return
    old = mapping.get(key)
    new = _styled(value, old if old is not None else like)
    if key in mapping:
        mapping[key] = new
        return
    rank = order.index(key) if key in order else len(order)
    keys = list(mapping)
    position = next((i for i, k in enumerate(keys) if k in order and order.index(k) > rank), len(keys))
    if position < len(keys):
        mapping.insert(position, key, new)
    else:
        trailing = _take_trailing(mapping)
        mapping[key] = new
        _give_trailing(mapping, trailing)


def _remove(mapping: CommentedMap, key: str) -> None:
    """Removes a key; the comments that followed the mapping's last line still follow it."""
    trailing = _take_trailing(mapping) if list(mapping)[-1] == key else None
    del mapping[key]
    if mapping:
        _give_trailing(mapping, trailing)


def _styled(value: object, old: object) -> object:
    """A new value written the way the one it replaces was: quoted, flow, with an offset."""
    if isinstance(value, datetime):
        return _moment_text(value, old)
    if isinstance(value, tuple):
        seq = CommentedSeq(value)
        if not (isinstance(old, CommentedSeq) and not old.fa.flow_style()):
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        if "\n" in value:
            return LiteralScalarString(value + "\n")
        if isinstance(old, (DoubleQuotedScalarString, SingleQuotedScalarString)):
            return type(old)(value)
        return value
    return value


def _moment_text(value: datetime, like: object) -> str:
    """`2027-06-12 20:00` local in the slot's zone, or with its offset or a `T` where the
    value it replaces had one."""
    written = like.isoformat(sep=" ") if isinstance(like, datetime) else str(like or "")
    timed = re.search(r"\d{1,2}:\d{2}", written)
    separator = "T" if re.match(r"^\d{4}-\d{2}-\d{2}T", written) else " "
    seconds = value.second or re.search(r"\d{1,2}:\d{2}:\d{2}", written)
    text = value.strftime("%Y-%m-%d") + separator + value.strftime("%H:%M:%S" if seconds else "%H:%M")
    if timed and _OFFSET.search(written.strip()):
        offset = value.strftime("%z")
        text += f"{offset[:3]}:{offset[3:]}"
    return text


# --- a new slot -----------------------------------------------------------------------------


def _add_slot(document: CommentedMap, fields: tuple[tuple[str, object], ...]) -> None:
    slot = CommentedMap()
    for name, value in fields:
        if name in ("due", "copy"):
            assert isinstance(value, tuple)
            for key, inner in value:
                _set(slot, f"{name}.{key}", inner)
        else:
            _put(slot, name, value, _SLOT_ORDER)
    publish = document.get("publish")
    if not isinstance(publish, CommentedSeq):
        _put(document, "publish", CommentedSeq([slot]), ())
        return
    if publish.fa.flow_style():
        publish.fa.set_block_style()
    trailing = _take_trailing(publish) if publish else None
    publish.append(slot)
    _give_trailing(publish, trailing)


# --- comments that follow a block's last line ------------------------------------------------
#
# ruamel keeps the comment lines after a block's last value with that value, or at the end
# of a block that holds it (after a flow mapping): a key or slot added after it would come
# after them. They are taken off before and put back after, but for the lines indented
# deeper than the block, which stay with its last item.


def _last(node: Any) -> tuple[list[Any], Any, int] | None:
    """The innermost last value of a block: the blocks down to it, its key or index, the
    slot of its comment in `ca.items`."""
    chain = []
    while True:
        chain.append(node)
        if isinstance(node, CommentedMap) and node and not node.fa.flow_style():
            key, slot = list(node)[-1], 2
        elif isinstance(node, CommentedSeq) and node and not node.fa.flow_style():
            key, slot = len(node) - 1, 0
        else:
            return None
        inner = node[key]
        if isinstance(inner, (CommentedMap, CommentedSeq)) and inner and not inner.fa.flow_style():
            node = inner
            continue
        return chain, key, slot


def _take_trailing(node: Any) -> CommentToken | None:
    """Takes the comment lines after a block's last line off it (the last line's own
    comment stays, and the lines that belong to its last item), as a token of their own."""
    last = _last(node)
    if last is None:
        return None
    chain, key, slot = last
    comments = chain[-1].ca.items.get(key)
    token = comments[slot] if comments and len(comments) > slot else None
    head, rest = token.value.split("\n", 1) if token is not None and "\n" in token.value else ("", "")
    if token is not None and "\n" not in token.value:
        head = token.value
    ends = [t for block in reversed(chain) for t in (block.ca.end or []) if isinstance(t, CommentToken)]
    rest += "".join(" " * t.column + t.value for t in ends)
    model = token if token is not None else (ends[0] if ends else None)
    if model is None:
        return None
    for block in chain:
        block.ca.end = []
    kept, moved = _inside(rest, getattr(node.lc, "col", None))
    if head.strip() or kept:
        own = copy.copy(model)
        own.value = head + "\n" + kept
        chain[-1].ca.items.setdefault(key, [None, None, None, None])[slot] = own
    elif token is not None:
        comments[slot] = None
    if not moved:
        return None
    taken = copy.copy(model)
    taken.value = "\n" + moved
    return taken


def _inside(lines: str, column: int | None) -> tuple[str, str]:
    """The comment lines indented deeper than the growing block's own column belong to its
    last item and stay with it; from the first one that is not (with the blank lines before
    it), they follow the block."""
    if column is None:
        return "", lines
    split = lines.splitlines(keepends=True)
    start = 0
    for index, line in enumerate(split):
        if not line.strip():
            continue
        if len(line) - len(line.lstrip(" ")) <= column:
            return "".join(split[:start]), "".join(split[start:])
        start = index + 1
    return lines, ""


def _give_trailing(node: Any, taken: CommentToken | None) -> None:
    if taken is None:
        return
    last = _last(node)
    if last is None:
        return
    chain, key, slot = last
    comments = chain[-1].ca.items.setdefault(key, [None, None, None, None])
    token = comments[slot]
    if token is None:
        comments[slot] = taken
    else:
        token.value = token.value.rstrip("\n") + taken.value
