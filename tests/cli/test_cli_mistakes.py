"""A command written wrong (cli/mistakes.py): said in the plan's language, with the
valid choices and what to type instead; never argparse's English. Exit status 2."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from conftest import PLANS, run_cli

from generator.cli.mistakes import said

ZH = str(PLANS / "check-minimal")


def _error(*args: str, cwd: Path | None = None) -> str:
    result = run_cli(*args) if cwd is None else run_cli(*args, cwd=cwd)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    line = result.stderr.splitlines()[-1]
    assert " error: " in line  # `python …/build.py new: error: …`, as argparse begins it
    return line.split(": error: ", 1)[1]


def test_an_unknown_kind_lists_the_kinds_with_their_names_and_suggests_one() -> None:
    assert _error("new", "story", "abc", "--root", ZH) == (
        "条目类型不能是 “story”。可选：brand-story（品牌故事）、campaign（营销活动）、"
        "event（活动）、product（产品）、user-story（用户故事），你是不是想写 “user-story”？"
    )
    assert _error("new", "活动", "abc", "--root", ZH).endswith("你是不是想写 “event”？")


def test_an_unknown_command_is_told_the_commands_and_the_likely_one() -> None:
    line = _error("lint", "--root", ZH)
    assert line.startswith("命令不能是 “lint”。可选：build（构建）、check（检查）")
    assert line.endswith("你是不是想写 “check”？")


def test_an_unknown_option_is_named_with_the_nearest_one() -> None:
    assert _error("check", "--stirct", "--root", ZH) == (
        "不认识的参数 --stirct，你是不是想写 “--strict”？（所有命令和选项见 --help）"
    )
    assert _error("check", "--bogus", "--root", ZH) == "不认识的参数 --bogus（所有命令和选项见 --help）"


def test_a_bad_now_says_how_to_write_it() -> None:
    assert _error("--now", "2027-13-01", "check", "--root", ZH) == (
        "--now 的值 “2027-13-01” 不是日期时间，"
        "应写作 2027-04-01T09:00+08:00 或 \"2027-04-01 09:00\"（不带时区时按计划时区）"
    )
    assert _error("new", "--root", ZH) == "缺少条目类型、条目 id（用法见上一行）"


def test_errors_are_said_in_the_plans_language(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("check-minimal")
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    assert "language: en" in site.read_text(encoding="utf-8")
    assert _error("new", "story", "abc", "--root", str(root)).endswith("did you mean 'user-story'?")
    assert _error("check", "--bogus", "--root", str(root)) == (
        "unrecognized arguments --bogus (--help lists every command and option)"
    )


def test_no_plan_found_is_said_in_chinese(tmp_path: Path) -> None:
    assert _error("check", "--bogus", "--root", str(tmp_path)).startswith("不认识的参数 --bogus")


@pytest.mark.parametrize("kind", ["event", "user-story"])
def test_new_with_a_chinese_name_suggests_an_id_and_says_the_name_goes_in_the_title(kind: str) -> None:
    line = _error("new", kind, "七夕活动", "--root", ZH, "--now", "2027-07-01")
    assert f"build.py new {kind} {kind}-2027-07-01，再把 title 改成 “七夕活动”" in line
    assert "中文名称写在新文件的 title: 里" in line
    assert _error("new", kind, "Qixi_Meetup", "--root", ZH).endswith("你是不是想写 “qixi-meetup”？")


@pytest.mark.parametrize("message", [
    "argument kind: invalid choice: 'story' (choose from 'event', 'user-story')",  # Python 3.11 to 3.13
    "argument kind: invalid choice: 'story' (choose from event, user-story)",  # 3.14 (gh-117766)
])
def test_argparses_choice_message_is_read_in_each_pythons_wording(message: str) -> None:
    assert said(message, argparse.ArgumentParser(), "zh") == (
        "条目类型不能是 “story”。可选：event（活动）、user-story（用户故事），你是不是想写 “user-story”？"
    )
