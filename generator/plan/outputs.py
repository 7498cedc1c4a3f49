"""What renderers are given besides the plan and its view, and what they return: values, not files."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    """A checker or lint warning, as the lint page lists it (already in the plan's language)."""

    path: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: a path relative to the output folder, and its bytes."""

    path: str
    data: bytes
