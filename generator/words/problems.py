"""What a problem says, in the plan's language.

A `Problem` (plan floor) holds a code and structured arguments; the text is
made only here, when it is shown. An unknown language reads Chinese, the
format's default, and an unknown code reads as itself, so a problem is never
lost for want of words.
"""

from __future__ import annotations

from generator.plan.problems import ArgValue, Problem
from generator.words.labels import catalog, label, listing

# libyaml's reasons and contexts, by how they begin: each has words of its own
# (`yaml.reason.<key>`, `yaml.within.<key>`); one not listed is shown as libyaml says it.
_YAML_REASONS = (
    ("did not find expected ',' or ']'", "flow_sequence"),
    ("did not find expected ',' or '}'", "flow_mapping"),
    ("mapping values are not allowed", "colon"),
    ("could not find expected ':'", "missing_colon"),
    ("did not find expected key", "key"),
    ("did not find expected '-' indicator", "item"),
    ("found character that cannot start any token", "bad_character"),
    ("found unexpected end of stream", "end_of_stream"),
    ("found unknown escape character", "escape"),
    ("found undefined alias", "alias"),
    ("did not find expected alphabetic or numeric character", "anchor"),
    ("expected <block end>", "key"),
)
_YAML_WITHIN = (
    ("while parsing a flow sequence", "flow_sequence"),
    ("while parsing a flow mapping", "flow_mapping"),
    ("while scanning a quoted scalar", "quoted"),
    ("while parsing a quoted scalar", "quoted"),
    ("while parsing a block collection", "block_collection"),
    ("while parsing a block mapping", "block_mapping"),
)

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
    if "items" in args:  # a day's work: `18:00 标题`, a stage's deadline with the stage's name
        values["items"] = _work_items(lang, args["items"])
    for name, value in args.items():
        if name.endswith(_MORE) and value not in ("", "0"):
            more = label(lang, "punct.more_count", n=value) if name == "items_more" else words["punct.more"]
            values[name[: -len(_MORE)]] += more
    # words of the format said as the status labels the site shows (已批准), not as written (approved)
    for name in ("status", "done"):
        if name in values:
            values[name] = words.get(f"status.{values[name]}", values[name])
    if "entry_kind" in values:
        values["entry_kind"] = words.get(f"kind.{values['entry_kind']}", values["entry_kind"])
    if "stage_id" in values and not values.get("stage"):
        values["stage"] = words.get(f"stage.{values['stage_id']}", values["stage_id"])
    if problem.code == "choice.invalid":
        _choices(lang, args, values)
    if problem.code == "yaml.syntax":
        values["detail"] = _yaml_detail(lang, args, values.get("detail", ""))
    if "known" in args:
        values["known"] = _known(lang, args["known"], values.get("known", ""))
    for name in ("target", "unit"):  # words of the format, said in the plan's language
        if name in values:
            values[name] = words.get(f"problem.{name}.{values[name]}", values[name])
    if "platform" in values:
        values["platform"] = words.get(f"platform.{values['platform']}", values["platform"])
    hint = values.get("hint", "")
    values["hint"] = label(lang, "problem.hint", hint=hint) if hint else ""
    for name in _KIND_ARGS:
        if name in values:
            values[name] = words.get(f"problem.kind.{values[name]}", values[name])
    return template.format_map(_Lenient(values))


class _Lenient(dict[str, str]):
    """An argument a message names but a problem lacks reads as empty, never as a traceback."""

    def __missing__(self, key: str) -> str:
        return ""


def problem_line(problem: Problem, language: str) -> str:
    """The one line an editor and CI annotations read: `path:line:col: error: message`."""
    return f"{problem.path}:{problem.line}:{problem.column}: {problem.severity.value}: {problem_text(problem, language)}"


def _choices(language: str, args: dict[str, ArgValue], values: dict[str, str]) -> None:
    """Each option with its label (`offline（线下）`), and the option whose label
    the editor wrote as the hint: `format: 线下` is told to write `offline`."""
    options = args.get("options", ())
    vocabulary = str(args.get("vocabulary", ""))
    if isinstance(options, str) or not vocabulary:
        return
    words = catalog(language)
    labels = {str(o): words.get(f"{vocabulary}.{o}", "") for o in options}
    values["options"] = listing(
        language, (label(language, "punct.named", id=o, name=n) if n and n.lower() != o.lower() else o
        for o, n in labels.items())
    )
    written = str(args.get("value", "")).strip()
    named = [o for o, n in labels.items() if n and n == written]
    if named:
        values["hint"] = named[0]


def _yaml_detail(language: str, args: dict[str, ArgValue], detail: str) -> str:
    """What libyaml found, in the plan's language, with where the open bracket or quote began."""
    words = catalog(language)
    reason = str(args.get("reason", ""))
    key = next((k for prefix, k in _YAML_REASONS if reason.startswith(prefix)), None)
    if key is None:
        return detail
    said = words[f"yaml.reason.{key}"]
    within = str(args.get("within", ""))
    where = next((k for prefix, k in _YAML_WITHIN if within.startswith(prefix)), None)
    opened = str(args.get("opened", ""))
    if where and opened:
        said += label(language, f"yaml.within.{where}", at=opened)
    return said


def _known(language: str, known: ArgValue, shown: str) -> str:
    """The ids an unknown one could have been, each with its name: `（可选：wechat（微信公众号）…）`."""
    if isinstance(known, str) or not known:
        return ""
    items = [
        label(language, "punct.named", id=item[0], name=item[1]) if isinstance(item, tuple) and item[1] else
        (item[0] if isinstance(item, tuple) else item)
        for item in known
    ]
    more = catalog(language)["punct.more"] if shown.endswith(catalog(language)["punct.more"]) else ""
    return label(language, "problem.known", known=listing(language, items) + more)


def _work_items(language: str, items: ArgValue) -> str:
    if isinstance(items, str):
        return items
    words = catalog(language)
    return listing(language, (
        label(language, "problem.work.stage", value=item[0], stage=words.get(f"stage.{item[1]}", item[1]))
        if isinstance(item, tuple) and item[1] else
        label(language, "problem.work.post", value=item[0] if isinstance(item, tuple) else item)
        for item in items
    ))


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

