"""Specs that hold other specs: lists, records, switches, and the located values they convert to.

A converted record or list keeps where each of its parts was written, so the
stages after checking can point at a field without going back to the YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, ItemsView, KeysView
from dataclasses import dataclass
from datetime import date
from typing import Any

from generator.plan.model import Source
from generator.plan.specs.core import INVALID, Context, Spec, kind_of, suggestion
from generator.plan.yamlfile import Mapping, Node, Scalar, Sequence


def source_of(node: Node) -> Source:
    return Source(node.path, node.line, node.column)


@dataclass(frozen=True, slots=True)
class Fields:
    """A converted mapping: the values of the keys given, and where each key's value was written.

    Reads like a read-only dict of its values; `at` says where a key was written."""

    values: dict[str, Any]  # keys with a value only; an empty key is left out
    source: Source  # where the mapping starts
    sources: dict[str, Source]  # every key written, even an empty one (a lint may point at it)

    def __getitem__(self, key: str) -> Any:
        return self.values[key]

    def __contains__(self, key: object) -> bool:
        return key in self.values

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)

    def keys(self) -> KeysView[str]:
        return self.values.keys()

    def items(self) -> ItemsView[str, Any]:
        return self.values.items()

    def at(self, key: str) -> Source:
        """Where `key`'s value was written, else where the mapping starts."""
        return self.sources.get(key, self.source)


@dataclass(frozen=True, slots=True)
class Items:
    """A converted list: its values in order, and where each was written.

    Both tuples are built together, item by item, so `sources[i]` is `values[i]`'s."""

    values: tuple[Any, ...]
    sources: tuple[Source, ...]

    def __iter__(self) -> Iterator[Any]:
        return iter(self.values)

    def __len__(self) -> int:
        return len(self.values)

    def located(self) -> Iterator[tuple[Any, Source]]:
        """Each value with where it was written."""
        return zip(self.values, self.sources, strict=True)


NO_ITEMS = Items((), ())


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    unique: bool = False

    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Sequence):
            return ctx.error(node, "type.expected", expected="list", found=kind_of(node))
        values = []
        sources = []
        ok = True
        seen: set = set()
        for item in node.items:
            if isinstance(item, Scalar) and item.is_null:
                ctx.error(item, "list.empty_item")
                ok = False
                continue
            value = self.item.convert(item, ctx)
            if value is INVALID:
                ok = False
                continue
            if self.unique and isinstance(value, (str, date)):
                if value in seen:
                    ctx.error(item, "list.duplicate", value=value)
                    ok = False
                    continue
                seen.add(value)
            values.append(value)
            sources.append(source_of(item))
        return Items(tuple(values), tuple(sources)) if ok else INVALID

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.unique:
            schema["uniqueItems"] = True
        return schema


@dataclass(frozen=True)
class Field:
    spec: Spec
    required: bool = False
    description: str = ""


Rule = Callable[[dict[str, Any], Mapping, Context], None]


@dataclass(frozen=True)
class Record(Spec):
    """A mapping with known keys. Converts to the `Fields` of the keys present.

    `rules` check combinations of fields once every field has converted.
    """

    fields: dict[str, Field]
    rules: tuple[Rule, ...] = ()
    description: str = ""

    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Mapping):
            return ctx.error(node, "type.expected", expected="mapping", found=kind_of(node))
        values: dict[str, Any] = {}
        ok = True
        for key, value_node in node.pairs:
            spec = self.fields.get(key.value)
            if spec is None:
                ctx.error(key, "key.unknown", key=key.value, hint=suggestion(key.value, list(self.fields)))
                ok = False
                continue
            if isinstance(value_node, Scalar) and value_node.is_null:
                if spec.required:
                    ctx.error(key, "key.empty", key=key.value)
                    ok = False
                continue
            value = spec.spec.convert(value_node, ctx)
            if value is INVALID:
                ok = False
            else:
                values[key.value] = value
        present = {k.value for k, _ in node.pairs}
        for name, spec in self.fields.items():
            if spec.required and name not in present:
                ctx.error(node, "key.missing", key=name)
                ok = False
        before = ctx.errors
        for rule in self.rules:
            rule(values, node, ctx)
        if not ok or ctx.errors != before:
            return INVALID
        sources = {key.value: source_of(value_node) for key, value_node in node.pairs}
        return Fields(values, source_of(node), sources)

    def json_schema(self) -> dict[str, Any]:
        properties = {}
        for name, spec in self.fields.items():
            schema = spec.spec.json_schema()
            if spec.description:
                schema = {**schema, "description": spec.description}
            properties[name] = schema
        schema: dict[str, Any] = {
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        required = [name for name, spec in self.fields.items() if spec.required]
        if required:
            schema["required"] = required
        if self.description:
            schema["description"] = self.description
        return schema


@dataclass(frozen=True)
class MapOf(Spec):
    """A mapping whose keys are themselves values (ids checked by `key`), each
    with a value of one spec. Converts to `Fields` keyed by the keys as written."""

    key: Spec
    value: Spec
    description: str = ""

    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Mapping):
            return ctx.error(node, "type.expected", expected="mapping", found=kind_of(node))
        values: dict[str, Any] = {}
        ok = True
        for key, value_node in node.pairs:
            if self.key.convert(key, ctx) is INVALID:
                ok = False
                continue
            value = self.value.convert(value_node, ctx)
            if value is INVALID:
                ok = False
            else:
                values[key.value] = value
        if not ok:
            return INVALID
        return Fields(values, source_of(node), {key.value: source_of(v) for key, v in node.pairs})

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "object",
            "propertyNames": self.key.json_schema(),
            "additionalProperties": self.value.json_schema(),
        }
        if self.description:
            schema["description"] = self.description
        return schema


@dataclass(frozen=True)
class Switch(Spec):
    """`off`, `on`, or a mapping of tuning values (which also means on).

    Converts to None for off, else to the values given (none for `on`)."""

    params: Record

    def convert(self, node: Node, ctx: Context) -> Any:
        if isinstance(node, Scalar):
            if node.value in ("off", "on"):
                return None if node.value == "off" else {}
            return ctx.error(node, "choice.invalid", value=node.value, options="on, off", hint="")
        return self.params.convert(node, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "enum": ["on", "off"]}, self.params.json_schema()]}
