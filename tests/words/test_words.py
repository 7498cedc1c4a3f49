"""The words of both languages are one shape: the same keys, the same placeholders.

A key in one language only, or a placeholder one language fills and the other
does not, would raise (KeyError) or drop a fact in the middle of a build. And
every problem the generator can report has its message in both languages.
"""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from conftest import ROOT
from generator.plan.problems import Problem, problem
from generator.words import LANGUAGES, catalog, en, problem_line, problem_text, zh

GENERATOR = ROOT / "generator"


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_both_languages_have_exactly_the_same_keys() -> None:
    assert set(LANGUAGES) == {"zh", "en"}
    only_zh = sorted(set(zh.WORDS) - set(en.WORDS))
    only_en = sorted(set(en.WORDS) - set(zh.WORDS))
    assert (only_zh, only_en) == ([], [])


@pytest.mark.parametrize("key", sorted(zh.WORDS))
def test_each_key_has_the_same_placeholders_in_both_languages(key: str) -> None:
    assert _placeholders(zh.WORDS[key]) == _placeholders(en.WORDS[key])


def test_no_text_is_empty() -> None:
    for language in LANGUAGES:
        assert [key for key, text in catalog(language).items() if not text.strip()] == []


def _sources() -> list[tuple[Path, ast.Module]]:
    return [
        (path, ast.parse(path.read_text(encoding="utf-8")))
        for path in sorted(GENERATOR.rglob("*.py"))
        if "words" not in path.relative_to(GENERATOR).parts
    ]


def _code_positions(trees: list[tuple[Path, ast.Module]]) -> dict[str, int]:
    """Every function that takes a problem `code`, and where (positionally) it takes it."""
    found: dict[str, int] = {}
    for _, tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef):
                names = [a.arg for a in node.args.args if a.arg != "self"]
                if "code" in names:
                    found[node.name] = names.index("code")
    return found


def _ref_targets(trees: list[tuple[Path, ast.Module]]) -> set[str]:
    return {
        keyword.value.value
        for _, tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        for keyword in node.keywords
        if keyword.arg == "target" and isinstance(keyword.value, ast.Constant) and isinstance(keyword.value.value, str)
    }


def _codes() -> set[str]:
    """Every problem code the generator passes to a function taking a `code`.

    A code written as an f-string (`ref.unknown_{target}`) stands for each
    reference target the schema declares."""
    trees = _sources()
    positions = _code_positions(trees)
    targets = _ref_targets(trees)
    codes: set[str] = set()
    for _, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name not in positions:
                continue
            index = positions[name]
            value = next((k.value for k in node.keywords if k.arg == "code"), None)
            if value is None and index < len(node.args):
                value = node.args[index]
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                codes.add(value.value)
            elif isinstance(value, ast.JoinedStr):
                parts = value.values
                assert len(parts) == 2 and isinstance(parts[0], ast.Constant), ast.unparse(value)
                codes.update(f"{parts[0].value}{target}" for target in targets)
    return codes


def test_the_scan_finds_the_codes_of_every_stage() -> None:
    codes = _codes()
    assert {"file.missing", "yaml.tag", "type.expected", "ref.unknown_channel", "lint.cadence"} <= codes
    assert len(codes) > 60


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_problem_code_has_words_in_both_languages(language: str) -> None:
    missing = sorted(code for code in _codes() if f"problem.{code}" not in catalog(language))
    assert missing == []


def test_a_problem_reads_as_one_located_line() -> None:
    found = problem("content/site.yaml", 3, 5, "key.unknown", key="strat", hint="start")
    assert problem_line(found, "en") == "content/site.yaml:3:5: error: unknown key 'strat'; did you mean 'start'?"
    assert problem_text(found, "zh") == "未知的键 “strat”，你是不是想写 “start”？"


def test_lists_are_joined_in_the_plan_language() -> None:
    months = problem("content/site.yaml", 8, 5, "lint.tier_coverage", tier="忠实用户", tier_id="loyal", months=["2027-03", "2027-04"])
    assert problem_text(months, "zh").endswith("：2027-03、2027-04")
    assert problem_text(months, "en").endswith(": 2027-03, 2027-04")
    weeks = problem(
        "content/channels.yaml", 1, 3, "lint.cadence", channel="微信公众号", channel_id="wechat", cadence=2, weeks=7,
        list=[("2027-03-01", 1), ("2027-03-08", 0)], list_more=5,
    )
    assert problem_text(weeks, "zh").endswith("：2027-03-01（1）、2027-03-08（0）…")
    assert problem_text(weeks, "en").endswith(": 2027-03-01 (1), 2027-03-08 (0)…")


def test_an_unknown_code_reads_as_itself_and_an_unknown_language_as_chinese() -> None:
    assert problem_text(Problem("a.yaml", 1, 1, "no.such_code"), "en") == "no.such_code"
    assert problem_text(problem("a.yaml", 1, 1, "file.empty"), "fr") == "文件为空"
