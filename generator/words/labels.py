"""Looking words up: one table per language, the same keys in each.

A key is looked up in the plan's language; the checker lets only `zh` and
`en` through, so an unknown language is a programming error (KeyError) here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType

from generator.plan.model import Stage
from generator.plan.schema import LANGUAGES
from generator.words import en, zh

# Read-only views: the tables are shared by every build of the process.
_CATALOGS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {"zh": MappingProxyType(zh.WORDS), "en": MappingProxyType(en.WORDS)}
)
_WEEKDAY_LISTS: Mapping[str, Callable[[list[str]], str]] = MappingProxyType(
    {"zh": zh.weekday_list, "en": en.weekday_list}
)
assert tuple(_CATALOGS) == LANGUAGES, "a language of the format has no words"


def catalog(language: str) -> Mapping[str, str]:
    """Every word of a language, as the templates read them (`t['key']`)."""
    return _CATALOGS[language]


def label(language: str, key: str, **values: object) -> str:
    """One text, with its `{name}` placeholders filled in."""
    text = _CATALOGS[language][key]
    return text.format(**values) if values else text


def plural(language: str, key: str, n: int, **values: object) -> str:
    """`key.one` when n is 1, else `key.other` (English needs it; Chinese says both alike)."""
    return label(language, f"{key}.{'one' if n == 1 else 'other'}", n=n, **values)


def listing(language: str, values: Iterable[str]) -> str:
    """`a、b、c` / `a, b, c`."""
    return _CATALOGS[language]["punct.list"].join(values)


def aside(language: str, text: str) -> str:
    """A parenthetical, with the brackets and spacing of the language."""
    return label(language, "punct.aside", text=text)


def weekday_list(language: str, names: list[str]) -> str:
    """Weekday names joined as the language joins them (`周二、四`, `Tue and Thu`)."""
    return _WEEKDAY_LISTS[language](names)


def stage_name(language: str, stage: Stage) -> str:
    """The workflow's name for a stage; the default stages (an empty `name`) are named in the language."""
    return stage.name or label(language, f"stage.{stage.id}")


def field_help(key: str, language: str) -> str:
    """What a field of the format means (editor schema, scaffold comments); "" if unknown."""
    return _CATALOGS[language].get(f"field.{key}", "")
