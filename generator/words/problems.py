"""What a problem says, in the plan's language.

A `Problem` (plan floor) holds a code and structured arguments; the text is
made only here, when it is shown. An unknown language reads Chinese, the
format's default, and an unknown code reads as itself, so a problem is never
lost for want of words.
"""

from __future__ import annotations

from generator.plan.problems import ArgValue, Problem
from generator.words.labels import catalog, label, listing

# The arguments whose values are kinds of YAML value (mapping, list, text).
_KIND_ARGS = ("expected", "found")
# `<name>_more` says how many items of the list `<name>` were left off.
_MORE = "_more"


def problem_text(problem: Problem, language: str) -> str:
    """The message alone, e.g. `unknown key 'strat'; did you mean 'start'?`."""
    lang = "en" if language == "en" else "zh"
    words = catalog(lang)
    template = words.get(f"problem.{problem.code}", problem.code)
    args = dict(problem.args)
    values = {name: _value(lang, value) for name, value in args.items() if not name.endswith(_MORE)}
    for name, value in args.items():
        if name.endswith(_MORE) and value not in ("", "0"):
            values[name[: -len(_MORE)]] += words["punct.more"]
    hint = values.get("hint", "")
    values["hint"] = label(lang, "problem.hint", hint=hint) if hint else ""
    for name in _KIND_ARGS:
        if name in values:
            values[name] = words.get(f"problem.kind.{values[name]}", values[name])
    return template.format(**values)


def problem_line(problem: Problem, language: str) -> str:
    """The one line an editor and CI annotations read: `path:line:col: error: message`."""
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.severity.value}: {problem_text(problem, language)}"


def _value(language: str, value: ArgValue) -> str:
    """A text as it is; a list in the language's list form, counted items as `value（count）`."""
    if isinstance(value, str):
        return value
    return listing(language, (_item(language, item) for item in value))


def _item(language: str, item: str | tuple[str, str]) -> str:
    if isinstance(item, str):
        return item
    shown, count = item
    return label(language, "punct.counted", value=shown, count=count)

