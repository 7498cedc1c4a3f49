"""Each publishing platform's limits on a post's copy, as data (`platforms.toml`).

Read once per process; the lint measures copy against them (`copy-length`) and
the site writes topic words in each platform's form (`#话题#` on Weibo).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import MappingProxyType
from collections.abc import Mapping

DATA = Path(__file__).with_name("platforms.toml")
UNITS = ("chars", "han", "bytes")


@dataclass(frozen=True, slots=True)
class Limit:
    max: int
    unit: str  # chars, han or bytes


@dataclass(frozen=True, slots=True)
class Platform:
    id: str
    tag_form: str  # "#{tag}#"
    source: str
    checked: str
    title: Limit | None = None
    text: Limit | None = None
    tags: int | None = None  # topic words at most
    tags_in_text: bool = False  # topic words are written in the text, and count in its length
    called: tuple[str, ...] = ()  # what a team calls it besides its id: weixin, 公众号

    def tag(self, word: str) -> str:
        return self.tag_form.format(tag=word)

    def posted_text(self, text: str, tags: tuple[str, ...]) -> str:
        """The text as it is pasted: with the topic words after it where they belong in it."""
        if not self.tags_in_text or not tags:
            return text
        return f"{text}\n{' '.join(self.tag(t) for t in tags)}" if text else " ".join(self.tag(t) for t in tags)


def measure(text: str, unit: str) -> int:
    """How long `text` is as the platform counts it (see `platforms.toml`)."""
    if unit == "bytes":
        return len(text.encode("utf-8"))
    if unit == "han":
        half = sum(1 for c in text if ord(c) < 0x2E80 and not _is_wide(c))
        return (len(text) - half) + math.ceil(half / 2)
    return len(text)


def _is_wide(character: str) -> bool:
    """Full-width forms (ＡＢＣ, ，) count whole, like 汉字."""
    return 0xFF01 <= ord(character) <= 0xFF60


@cache
def platforms() -> Mapping[str, Platform]:
    """Every platform of the data file, by id (`other` among them)."""
    raw = tomllib.loads(DATA.read_text(encoding="utf-8"))
    return MappingProxyType({pid: _platform(pid, table) for pid, table in raw.items()})


def _platform(pid: str, table: dict) -> Platform:
    def limit(key: str) -> Limit | None:
        value = table.get(key)
        if value is None:
            return None
        if value["unit"] not in UNITS:
            raise ValueError(f"{DATA.name}: [{pid}] {key}: unit must be one of {UNITS}")
        return Limit(int(value["max"]), value["unit"])

    return Platform(
        id=pid,
        tag_form=table["tag"],
        source=table["source"],
        checked=table["checked"],
        title=limit("title"),
        text=limit("text"),
        tags=table.get("tags"),
        tags_in_text=bool(table.get("tags_in_text", False)),
        called=tuple(table.get("called", ())),
    )
