"""The digest as each platform's message (digest/content.py, digest/formats.py):
the week's changes with old and new values and the next seven days' work by
person, within each platform's size counted in bytes, split between lines.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import PLANS, run_cli
from generator.digest import formats
from generator.digest.content import HEADING, ITEM, NOTE, PERSON, TITLE, Line
from support_history import NOW, busy_week, week_of_changes

# The week's five changes, as every format says them (its markup around them)
CHANGES = [
    ("删除", "品牌故事「青禾的第一间茶室」：原定 6月22日 周二 20:00 · 负责人 周舟"),
    ("新增", "用户故事「新品茶饮教程」：6月21日 周一 20:00 · 负责人 吴言"),
    ("换人", "用户故事「城市漫步摄影」 · 微博「城市漫步摄影 · 九宫格」：林晓 → 吴言 · 6月19日 周六 10:00"),
    ("取消", "活动「夏日用户见面会」：原定 6月26日 周六 14:00–17:00 · 负责人 周舟"),
    ("改期", "用户故事「茶农阿坤的一天」 · 微信公众号：6月16日 周三 20:00 → 6月18日 周五 20:00"),
]
WORK = {  # the next seven days, by person (city-walk is in review: its review stage is 周舟's)
    "林晓": ["6月17日 周四 12:00 发布：茶农阿坤的一天（微博）", "6月18日 周五 20:00 发布：茶农阿坤的一天（微信公众号）"],
    "周舟": ["6月18日 周五 10:00 审核 截止：城市漫步摄影 · 九宫格（微博）"],
    "吴言": ["6月19日 周六 10:00 发布：城市漫步摄影 · 九宫格（微博）"],
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return week_of_changes(tmp_path_factory.mktemp("digest") / "plan")


def _digest(root: Path, name: str, *options: str) -> list[str]:
    result = run_cli("digest", "--root", str(root), "--now", NOW, "--format", name, *options)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def _text(name: str, line: str) -> tuple[str, str]:
    """A message's title and its Markdown, from one line of `digest`'s output."""
    payload = json.loads(line)
    if name == "wecom":
        assert payload["msgtype"] == "markdown" and set(payload) == {"msgtype", "markdown"}
        return "", payload["markdown"]["content"]
    if name == "dingtalk":
        assert payload["msgtype"] == "markdown"
        return payload["markdown"]["title"], payload["markdown"]["text"]
    assert payload["msg_type"] == "interactive"
    card = payload["card"]
    (element,) = card["elements"]
    assert element["tag"] == "div" and element["text"]["tag"] == "lark_md"
    return card["header"]["title"]["content"], element["text"]["content"]


@pytest.mark.parametrize("name", ["wecom", "feishu", "dingtalk"])
def test_each_platform_names_the_weeks_changes_and_work(repo: Path, name: str) -> None:
    (line,) = _digest(repo, name)  # one message: it fits
    title, text = _text(name, line)
    if name != "wecom":
        assert title == "青禾社区 · 内容计划 · 本周简报"
    said = [row for row in text.split("\n") if row.startswith("- ")]
    kinds = [tag for tag, _ in CHANGES]
    changes = [row for row in said if any(f"**{k}**" in row for k in kinds)]
    assert len(changes) == 5
    for row, (tag, detail) in zip(changes, CHANGES):
        assert f"**{tag}**" in row and row.endswith(detail)
    for person, tasks in WORK.items():
        assert f"**{person}**" in text
        for task in tasks:
            assert f"- {task}" in said
    assert "https://plan.example.cn/qinghe/changes/" in text


def test_markdown_is_plain_markdown_with_the_same_lines(repo: Path) -> None:
    lines = _digest(repo, "markdown")
    assert lines[0] == "## 青禾社区 · 内容计划 · 本周简报"
    assert [row for row in lines if row.startswith("- **")] == [f"- **{tag}** {detail}" for tag, detail in CHANGES]
    assert "### 未来 7 天的工作" in lines


def test_without_history_the_digest_says_why_and_still_lists_the_work(tmp_path: Path) -> None:
    plain = shutil.copytree(PLANS / "history-week", tmp_path / "plain")
    lines = _digest(plain, "markdown")
    assert any("不在 git 仓库中" in row for row in lines)
    assert "- 6月19日 周六 10:00 发布：城市漫步摄影 · 九宫格（微博）" in lines


def test_a_long_digest_is_split_between_lines_within_wecoms_4096_bytes(tmp_path: Path) -> None:
    root = busy_week(week_of_changes(tmp_path / "plan"))
    messages = [_text("wecom", line)[1] for line in _digest(root, "wecom")]
    assert len(messages) >= 2
    for n, text in enumerate(messages, 1):
        assert len(text.encode("utf-8")) <= 4096
        assert text.startswith(f"## 青禾社区 · 内容计划 · 本周简报（{n}/{len(messages)}）\n")
    # every post of the busy week is said once, whole, in one message or the next
    items = [row for text in messages for row in text.split("\n") if "茶山日记 第 " in row]
    assert len(items) == 60 and len(set(items)) == 60
    assert all(row.endswith("篇：清晨的雾与新芽（微博）") or row.endswith("篇：清晨的雾与新芽（微信公众号）") for row in items)
    # a message that goes on with the work says so, and whose work it is
    assert "### 未来 7 天的工作（续）" in messages[-1] and "**林晓（续）**" in messages[-1]


def _lines(n: int, text: str = "清晨的雾与新芽，茶农在山间采下第一批嫩叶") -> list[Line]:
    found = [Line(TITLE, "青禾社区 · 本周简报"), Line(NOTE, "截至 6月14日"), Line(HEADING, "未来 7 天的工作")]
    for person in range(n // 50 + 1):
        found.append(Line(PERSON, f"成员 {person}"))
        found.extend(Line(ITEM, f"{person:03d}-{i:03d} {text}", "逾期" if i % 7 == 0 else "", "warning")
                     for i in range(50))
    return found


@pytest.mark.parametrize(
    ("name", "limit"),
    [("wecom", formats.WECOM_CONTENT_BYTES), ("feishu", formats.FEISHU_BODY_BYTES),
     ("dingtalk", formats.DINGTALK_BODY_BYTES)],
)
def test_every_message_is_within_its_platforms_bytes(name: str, limit: int) -> None:
    lines = _lines(1500)
    messages = formats.render(name, lines, "zh")
    assert len(messages) > 1
    for message in messages:
        measured = message.text.encode("utf-8") if name == "wecom" else message.body
        assert len(measured) <= limit
        json.loads(message.body)  # whole JSON, whole characters
    said = [line for m in messages for line in m.text.split("\n")]
    for line in lines[3:]:
        if line.role == ITEM:  # every item whole, exactly once, in order of the lines
            assert sum(1 for s in said if s.endswith(line.text)) == 1


def test_a_line_longer_than_a_message_is_cut_at_a_character_with_an_ellipsis() -> None:
    lines = [Line(TITLE, "简报"), Line(HEADING, "本周变动"), Line(ITEM, "长" * 3000, "新增")]
    (message,) = formats.render("wecom", lines, "zh")
    assert len(message.text.encode("utf-8")) <= 4096
    last = message.text.split("\n")[-1]
    assert last.endswith("长…") and len(last.encode("utf-8")) > 3500  # as much as fits, no broken character


def test_plain_markdown_keeps_plan_text_as_text() -> None:
    (message,) = formats.render("markdown", [Line(TITLE, "简报"), Line(ITEM, "*粗体* [链接](x) <b>", "新增")], "zh")
    assert message.text.split("\n")[1] == r"- **新增** \*粗体\* \[链接\](x) \<b\>"
