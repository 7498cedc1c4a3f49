"""A command written wrong, said in the plan's language with what to type instead.

argparse says its errors in English (`argument kind: invalid choice: 'story'
(choose from …)`, `unrecognized arguments: --bogus`); our parsers hand each
error here (`Parser.error`), which says it in the language of the plan at
`--root` (Chinese, the format's default, when no plan is found), lists the
valid choices with their labels and suggests the nearest. Exit status 2.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path
from typing import NoReturn

from generator.words import catalog, label, listing

_LANGUAGE = re.compile(r"^language:\s*['\"]?(en|zh)\b", re.M)


def argv_language(argv: list[str]) -> str:
    """The language of the plan the command line names (`--root DIR`, else here)."""
    root = Path(".")
    for i, arg in enumerate(argv):
        if arg == "--root" and i + 1 < len(argv):
            root = Path(argv[i + 1])
        elif arg.startswith("--root="):
            root = Path(arg.split("=", 1)[1])
    try:
        found = _LANGUAGE.search((root / "content" / "site.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return "zh"
    return found.group(1) if found else "zh"


def said(message: str, parser: argparse.ArgumentParser, language: str) -> str:
    """argparse's `message` in `language`, with the choices and a did-you-mean."""
    words = catalog(language)
    choice = re.match(r"argument (\S+): invalid choice: '?(.*?)'? \(choose from (.*)\)$", message, re.S)
    if choice:
        name, value = choice.group(1), choice.group(2)
        # quoted up to Python 3.13, plain from 3.14 (gh-117766)
        options = re.findall(r"'([^']*)'", choice.group(3)) or [o.strip() for o in choice.group(3).split(",")]
        # `new` takes a kind's folder name too (events): the help's singular names are listed
        shown = [o for o in options if not (o in _PLURALS.values() and _singular(o) in options)]
        return label(
            language, "cli.arg.invalid_choice", name=_argument(name, language), value=value,
            options=listing(language, (_labelled(o, language) for o in shown)),
            hint=_hint(language, _nearest(value, options, language)),
        )
    unknown = re.match(r"unrecognized arguments: (.*)$", message, re.S)
    if unknown:
        given = unknown.group(1).split()
        first = next((g for g in given if g.startswith("-")), given[0] if given else "")
        near = _nearest(first.split("=", 1)[0], sorted(_options(parser)), language) if first.startswith("-") else ""
        return label(language, "cli.arg.unrecognized", args=" ".join(given), hint=_hint(language, near),
                     prog_help=label(language, "cli.arg.help"))
    required = re.match(r"the following arguments are required: (.*)$", message, re.S)
    if required:
        names = [_argument(n.strip(), language) for n in required.group(1).split(",")]
        return label(language, "cli.arg.required", names=listing(language, names))
    missing_value = re.match(r"argument (\S+): expected (one|at least one) argument", message)
    if missing_value:
        return label(language, "cli.arg.expected_value", name=missing_value.group(1))
    now = re.match(r"argument (\S+): now:(.*)$", message, re.S)
    if now:
        return label(language, "cli.arg.not_a_moment", name=now.group(1), value=now.group(2))
    bad_value = re.match(r"argument (\S+): invalid \S+ value: '(.*)'$", message, re.S)
    if bad_value:
        return label(language, "cli.arg.invalid_value", name=_argument(bad_value.group(1), language), value=bad_value.group(2))
    together = re.match(r"argument (\S+): not allowed with argument (\S+)", message)
    if together:
        return label(language, "cli.arg.not_together", name=together.group(1), other=together.group(2))
    ambiguous = re.match(r"ambiguous option: (\S+) could match (.*)$", message, re.S)
    if ambiguous:
        return label(language, "cli.arg.ambiguous", name=ambiguous.group(1), options=ambiguous.group(2))
    return label(language, "cli.arg.other", message=message) if words.get("cli.arg.other") else message


_PLURALS = {"product": "products", "user-story": "user-stories", "brand-story": "brand-stories",
            "event": "events", "campaign": "campaigns"}
# What people type for a command by habit: `lint` is not `init`.
_SYNONYMS = {
    "lint": "check", "validate": "check", "verify": "check", "test": "check",
    "preview": "serve", "server": "serve", "run": "serve", "watch": "serve",
    "publish": "deploy", "upload": "deploy", "generate": "build", "make": "build",
    "create": "new", "add": "new", "story": "user-story", "stories": "user-story",
}


def _singular(plural: str) -> str:
    return next((s for s, p in _PLURALS.items() if p == plural), plural)


def _argument(name: str, language: str) -> str:
    """An argument's name as the help says it: `kind` is 条目类型, the commands' metavar is 命令."""
    if name.startswith("{"):
        name = "command"
    if name.startswith("-"):
        return label(language, "cli.arg.option", name=name)
    return catalog(language).get(f"cli.arg.name.{name}", name)


def _labelled(option: str, language: str) -> str:
    """`event（活动）`: an entry kind or a command with its words, where they differ from it."""
    words = catalog(language)
    plural = _PLURALS.get(option, option)
    name = words.get(f"kind.{plural}") or words.get(f"cli.command.{option}", "")
    return label(language, "punct.named", id=option, name=name) if name and name != option else option


def _nearest(value: str, options: list[str], language: str) -> str:
    """The option an editor meant: said by its label (`活动` is event), or spelt nearly so."""
    words = catalog(language)
    for option in options:
        plural = _PLURALS.get(option, option)
        if value and value in (words.get(f"kind.{plural}"), words.get(f"cli.command.{option}")):
            return option
    meant = _SYNONYMS.get(value.lower())
    if meant in options:
        return meant
    # options are short and alike (`--out`, `--now`): only a near miss is suggested
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.75 if value.startswith("-") else 0.6)
    if close:
        return close[0]
    within = [o for o in options if value and (value in o or o in value) and len(value) > 2]
    return within[0] if within else ""


def _hint(language: str, hint: str) -> str:
    return label(language, "problem.hint", hint=hint) if hint else ""


def _options(parser: argparse.ArgumentParser) -> set[str]:
    """Every option string the command line takes, the commands' own included."""
    found = {s for action in parser._actions for s in action.option_strings}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                found |= _options(sub)
    return found


class Parser(argparse.ArgumentParser):
    """argparse, but its errors are said in the plan's language (`said`)."""

    def error(self, message: str) -> NoReturn:
        language = argv_language(sys.argv[1:])
        self.print_usage(sys.stderr)
        text = said(message, self, language)
        self.exit(2, f"{self.prog}: error: {text}\n")
