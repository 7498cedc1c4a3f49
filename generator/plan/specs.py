"""Small typed validators that turn located YAML nodes into typed values.

Each spec converts one node or reports located problems and returns `INVALID`;
it never raises for bad input. Specs also describe themselves as JSON Schema,
so the editor schema comes from the same declarations as the checker.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import available_timezones

from generator.plan.problems import Problem, Severity, problem
from generator.plan.yamlfile import Mapping, Node, Scalar, Sequence


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 64
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class Reference:
    """An id that must name something defined elsewhere in the plan."""

    target: str  # channel, tier, product, campaign, goal, member
    value: str
    node: Node


@dataclass(slots=True)
class Context:
    """What converting collects: problems, references to resolve later."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    errors: int = 0  # how many `error` calls so far: rules compare it before and after

    def error(self, node: Node, code: str, **args: object) -> Any:
        self.problems.append(problem(node.path, node.line, node.column, code, **args))
        self.errors += 1
        return INVALID

    def warn(self, node: Node, code: str, **args: object) -> None:
        self.problems.append(problem(node.path, node.line, node.column, code, Severity.WARNING, **args))


def suggestion(value: str, options: list[str] | tuple[str, ...]) -> str:
    """A "did you mean" hint, or an empty string."""
    close = difflib.get_close_matches(value, list(options), n=1, cutoff=0.6)
    return close[0] if close else ""


def kind_of(node: Node) -> str:
    if isinstance(node, Mapping):
        return "mapping"
    if isinstance(node, Sequence):
        return "list"
    return "text"


class Spec:
    """Base of all specs; `convert` returns a typed value or INVALID."""

    def convert(self, node: Node, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError


class _ScalarSpec(Spec):
    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Scalar):
            return ctx.error(node, "type.expected", expected="text", found=kind_of(node))
        return self.scalar(node, ctx)

    def scalar(self, node: Scalar, ctx: Context) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Text(_ScalarSpec):
    multiline: bool = False

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = node.value
        bad = _CONTROL_IN_TEXT.search(value)
        if bad:
            return ctx.error(node, "text.control", char=f"U+{ord(bad.group()):04X}")
        if not self.multiline:
            value = value.strip()
            if "\n" in value:
                return ctx.error(node, "text.multiline")
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string"}


@dataclass(frozen=True)
class Id(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        if not ID_PATTERN.match(node.value):
            return ctx.error(node, "id.invalid", value=node.value)
        if len(node.value) > ID_MAX:
            return ctx.error(node, "id.too_long", value=node.value, limit=ID_MAX)
        return node.value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN.pattern, "maxLength": ID_MAX}


@dataclass(frozen=True)
class Ref(Id):
    target: str = ""

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = Id.scalar(self, node, ctx)
        if value is not INVALID:
            ctx.references.append(Reference(self.target, value, node))
        return value

    def json_schema(self) -> dict[str, Any]:
        # the editor schema replaces the marker with the ids the plan defines
        return {**Id.json_schema(self), "x-reference": self.target}


@dataclass(frozen=True)
class Choice(_ScalarSpec):
    options: tuple[str, ...]

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        if node.value not in self.options:
            return ctx.error(
                node,
                "choice.invalid",
                value=node.value,
                options=", ".join(self.options),
                hint=suggestion(node.value, self.options),
            )
        return node.value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.options)}


_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


@dataclass(frozen=True)
class Number(_ScalarSpec):
    minimum: float | None = None
    integer: bool = False

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        text = node.value.replace("_", "") if node.plain else node.value
        if self.integer:
            if not re.fullmatch(r"[-+]?\d+", text):
                return ctx.error(node, "number.integer", value=node.value)
            value: float = int(text)
        else:
            if not _NUMBER.match(text):
                return ctx.error(node, "number.invalid", value=node.value)
            value = float(text)
            if value.is_integer() and "e" not in text.lower() and "." not in text:
                value = int(text)
        if self.minimum is not None and value < self.minimum:
            return ctx.error(node, "number.minimum", value=node.value, minimum=_plain_number(self.minimum))
        return value

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer" if self.integer else "number"}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        return schema


def _plain_number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def parse_date(text: str) -> date | None | str:
    """A date, None when the shape is wrong, or "impossible" for 2027-02-30."""
    found = _DATE.match(text)
    if not found:
        return None
    try:
        return date(*(int(g) for g in found.groups()))
    except ValueError:
        return "impossible"


def parse_moment(text: str) -> date | datetime | None | str:
    """A date, a datetime (naive, or aware with a fixed offset), None for a wrong
    shape, or "impossible" for a date or time that does not exist."""
    text = text.strip()
    as_date = parse_date(text)
    if as_date is not None:
        return as_date
    found = _DATETIME.match(text)
    if not found:
        return None
    year, month, day, hour, minute, second, offset = found.groups()
    try:
        value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return "impossible"
    if offset:
        if offset == "Z":
            return value.replace(tzinfo=timezone.utc)
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            return "impossible"
        return value.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    return value


@dataclass(frozen=True)
class DateSpec(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = parse_date(node.value.strip())
        if value is None:
            return ctx.error(node, "date.invalid", value=node.value)
        if value == "impossible":
            return ctx.error(node, "date.impossible", value=node.value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _DATE.pattern}


@dataclass(frozen=True)
class MomentSpec(_ScalarSpec):
    """A date (all day) or a date-time (a moment), as written; zones come later."""

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = parse_moment(node.value)
        if value is None:
            return ctx.error(node, "moment.invalid", value=node.value)
        if value == "impossible":
            return ctx.error(node, "date.impossible", value=node.value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "anyOf": [{"pattern": _DATE.pattern}, {"pattern": _DATETIME.pattern}]}


@dataclass(frozen=True)
class Url(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = node.value.strip()
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError:  # e.g. a full-width colon, which urllib refuses outright
            return ctx.error(node, "url.invalid", value=value)
        if parts.scheme not in ("http", "https") or not parts.netloc or " " in value:
            return ctx.error(node, "url.invalid", value=value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://"}


@dataclass(frozen=True)
class Email(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = node.value.strip()
        if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+", value):
            return ctx.error(node, "email.invalid", value=value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "email"}


@dataclass(frozen=True)
class Color(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = node.value.strip()
        if not re.fullmatch(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})", value):
            return ctx.error(node, "color.invalid", value=value)
        return value.lower()

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"}


_REMINDER = re.compile(r"^([1-9]\d{0,4})([dhm])$")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


@dataclass(frozen=True)
class Reminder(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        found = _REMINDER.match(node.value.strip())
        if not found:
            return ctx.error(node, "reminder.invalid", value=node.value)
        return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": _REMINDER.pattern}


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclass(frozen=True)
class Zone(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = node.value.strip()
        if value not in _zones():
            return ctx.error(node, "zone.unknown", value=value, hint=suggestion(value, sorted(_zones())))
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "IANA time zone, e.g. Asia/Shanghai"}


@dataclass(frozen=True)
class ImagePath(_ScalarSpec):
    """A file under `content/`, published with the site."""

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = node.value.strip()
        content = (ctx.root / "content").resolve()
        target = (content / value).resolve()
        if value.startswith("/") or "\\" in value or not target.is_relative_to(content):
            return ctx.error(node, "image.outside", value=value)
        if not target.is_file():
            return ctx.error(node, "image.missing", value=value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "path of an image under content/"}


@dataclass(frozen=True)
class ListOf(Spec):
    item: Spec
    unique: bool = False

    def convert(self, node: Node, ctx: Context) -> Any:
        if not isinstance(node, Sequence):
            return ctx.error(node, "type.expected", expected="list", found=kind_of(node))
        values = []
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
        return tuple(values) if ok else INVALID

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
    """A mapping with known keys. Converts to a dict of the keys present.

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
        return values if ok and ctx.errors == before else INVALID

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
class Switch(Spec):
    """`off`, `on`, or a mapping of tuning values (which also means on).

    Converts to None for off, else to the dict of given values."""

    params: Record

    def convert(self, node: Node, ctx: Context) -> Any:
        if isinstance(node, Scalar):
            if node.value in ("off", "on"):
                return None if node.value == "off" else {}
            return ctx.error(node, "choice.invalid", value=node.value, options="on, off", hint="")
        return self.params.convert(node, ctx)

    def json_schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "string", "enum": ["on", "off"]}, self.params.json_schema()]}
