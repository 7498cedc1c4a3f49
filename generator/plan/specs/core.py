"""What every spec shares: the INVALID marker, the conversion context, the base class."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.plan.problems import Problem, Severity, problem
from generator.plan.yamlfile import Mapping, Node, Sequence


class _Invalid:
    def __repr__(self) -> str:
        return "INVALID"

    def __bool__(self) -> bool:
        return False


INVALID: Any = _Invalid()


@dataclass(frozen=True, slots=True)
class Reference:
    """An id that must name something defined elsewhere in the plan."""

    target: str  # channel, tier, product, campaign, goal, member, stage
    value: str
    node: Node
    malformed: bool = False  # not an id at all: perhaps the thing's name


@dataclass(slots=True)
class Context:
    """What converting collects: problems, references to resolve later."""

    root: Path
    problems: list[Problem] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    errors: int = 0  # how many `error` calls so far: rules compare it before and after
    # The site's zone once site.yaml has converted (None before, or when it did not):
    # a time written without an offset is read in it, unless its event names its own.
    zone: str | None = None
    # Errors only worth saying about a plan that is otherwise sound: they read a
    # value in a zone, and with any error elsewhere that zone may be the wrong one.
    # They do not make their record invalid; the checker adds them after its gate.
    if_sound: list[Problem] = field(default_factory=list)

    def error(self, node: Node, code: str, **args: object) -> Any:
        self.problems.append(problem(node.path, node.line, node.column, code, **args))
        self.errors += 1
        return INVALID

    def warn(self, node: Node, code: str, **args: object) -> None:
        self.problems.append(problem(node.path, node.line, node.column, code, Severity.WARNING, **args))

    def error_if_sound(self, node: Node, code: str, **args: object) -> None:
        self.if_sound.append(problem(node.path, node.line, node.column, code, **args))


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
