"""Specs of one scalar each: text, ids, choices, numbers, dates, URLs and the like."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import cache
from typing import Any
from urllib.parse import urlsplit
from pathlib import Path
from zoneinfo import available_timezones

from lxml import etree

from generator.plan.specs import hints
from generator.plan.specs.core import INVALID, Context, Reference, Spec, kind_of, suggestion
from generator.plan.specs.parse import DATE, DATETIME, ID_MAX, ID_PATTERN, parse_date, parse_moment
from generator.plan.yamlfile import Node, Scalar

_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


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
class Topic(Text):
    """A topic word as the plan keeps it: without the `#` each platform writes its own way."""

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = Text.scalar(self, node, ctx)
        if value is not INVALID and "#" in value:
            return ctx.error(node, "topic.hash", value=value, fixed=value.replace("#", "").strip())
        return value


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
        if not ID_PATTERN.match(node.value) or len(node.value) > ID_MAX:
            # Said once every id is known (`check._resolve`): an editor who wrote a
            # name (`owner: 何佳`) is told its id, which only the definitions know.
            ctx.references.append(Reference(self.target, node.value, node, malformed=True))
            return INVALID
        ctx.references.append(Reference(self.target, node.value, node))
        return node.value

    def json_schema(self) -> dict[str, Any]:
        # the editor schema replaces the marker with the ids the plan defines
        return {**Id.json_schema(self), "x-reference": self.target}


@dataclass(frozen=True)
class Choice(_ScalarSpec):
    options: tuple[str, ...]
    # The prefix of the options' labels in the words (`format` for `format.offline`
    # 线下): an editor who writes the label is told which option it is.
    vocabulary: str = ""
    # How the options are said aloud (`周三` for WE): a value said so is told its option.
    said: Callable[[str], str] | None = None

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        if node.value not in self.options:
            return ctx.error(
                node,
                "choice.invalid",
                value=node.value,
                options=self.options,
                hint=(self.said(node.value) if self.said else "") or suggestion(node.value, self.options),
                vocabulary=self.vocabulary,
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


@dataclass(frozen=True)
class DateSpec(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = parse_date(node.value.strip())
        if value is None:
            return _not_a_date(node, ctx, "date.invalid")
        if value == "impossible":
            return ctx.error(node, "date.impossible", value=node.value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": DATE.pattern}


def _not_a_date(node: Scalar, ctx: Context, code: str) -> Any:
    """`5月5日`, `2027/5/5`: told the spelling, with the year of the file's dates when it has only one."""
    hint = hints.written_date(node.value, ctx.root / node.path)
    if not hint and hints.missing_year(node.value):
        return ctx.error(node, "date.year_missing", value=node.value)
    return ctx.error(node, code, value=node.value, hint=hint)


@dataclass(frozen=True)
class MomentSpec(_ScalarSpec):
    """A date (all day) or a date-time (a moment), as written; zones come later."""

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = parse_moment(node.value)
        if value is None:
            return _not_a_date(node, ctx, "moment.invalid")
        if value == "impossible":
            return ctx.error(node, "date.impossible", value=node.value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "anyOf": [{"pattern": DATE.pattern}, {"pattern": DATETIME.pattern}]}


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


_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


@dataclass(frozen=True)
class Reminder(_ScalarSpec):
    """`N` and a unit, N >= 1: an event's reminder (`1d`, `2h`, `15m`), or with
    `units="dh"` a workflow stage's lead (`3d`, `12h`)."""

    units: str = "dhm"
    code: str = "reminder.invalid"

    @property
    def pattern(self) -> str:
        return rf"^([1-9]\d{{0,4}})([{self.units}])$"

    def scalar(self, node: Scalar, ctx: Context) -> Any:
        found = re.match(self.pattern, node.value.strip())
        if not found:
            return ctx.error(node, self.code, value=node.value, hint=hints.duration(node.value, self.units))
        return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": self.pattern}


_SVG_ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
_SVG_LINKS = ("href", "{http://www.w3.org/1999/xlink}href")


def svg_active_content(path: Path) -> tuple[str, ...]:
    """What in an SVG would run on the site's origin when the file is opened
    (scripts, event handlers, `javascript:` links, embedded HTML): the build
    refuses such a file by name rather than publish it."""
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.parse(str(path), parser).getroot()
    except (etree.XMLSyntaxError, OSError):
        return ("<?>",)  # not an SVG a browser would read as one either
    found: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        name = etree.QName(element).localname
        if name in _SVG_ACTIVE_ELEMENTS:
            found.append(f"<{name}>")
        for attribute, value in element.attrib.items():
            local = etree.QName(attribute).localname
            if local.lower().startswith("on"):
                found.append(f"{local}=")
            elif attribute in _SVG_LINKS and value.strip().lower().startswith(("javascript:", "data:text/html")):
                found.append(f"{local}=\"{value.strip()[:11]}…\"")
    return tuple(dict.fromkeys(found))


@cache
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


@dataclass(frozen=True)
class Zone(_ScalarSpec):
    def scalar(self, node: Scalar, ctx: Context) -> Any:
        value = node.value.strip()
        if value not in _zones():
            hint = hints.zone(value) or suggestion(value, sorted(_zones()))
            return ctx.error(node, "zone.unknown", value=value, hint=hint)
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
        if target.suffix.lower() in (".svg", ".svgz"):
            found = svg_active_content(target)
            if found:
                return ctx.error(node, "image.svg_active", value=value, found=found)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "description": "path of an image under content/"}

