"""What a build is asked for, and what renderers return: values, not files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Finding:
    """A checker or lint warning, as the lint page lists it (already in the plan's language)."""

    path: str
    line: int
    column: int
    message: str


@dataclass(frozen=True, slots=True)
class BuildOptions:
    now: datetime  # aware; decides what is due and stamps DTSTAMP
    drafts: bool = False  # show idea/draft/review items on the site and in calendars
    feed_limit: int = 50  # items per feed at most
    findings: tuple[Finding, ...] = ()  # the plan's warnings, for the lint page


@dataclass(frozen=True, slots=True)
class Output:
    """One file of the built site: a path relative to the output folder, and its bytes."""

    path: str
    data: bytes
