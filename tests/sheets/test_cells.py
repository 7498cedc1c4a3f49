"""What a cell says: the moments spreadsheets write, topic words, an option by its text,
id or name, and each refusal at its cell with a "did you mean"."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PLANS, load_plan
from generator.sheets.book import Cell
from generator.sheets.cells import Reading, read_choice, read_moment, read_tags, read_text
from generator.sheets.columns import plan_choices

AT = Reading("plan.xlsx", "全部", "Asia/Shanghai")


@pytest.mark.parametrize(
    ("value", "moment"),
    [
        ("2027-06-12", dt.date(2027, 6, 12)),
        ("2027-6-2", dt.date(2027, 6, 2)),
        ("2027/6/12 20:00", dt.datetime(2027, 6, 12, 20, 0)),
        ("2027年6月12日 20:00", dt.datetime(2027, 6, 12, 20, 0)),
        ("2027-06-12T20:00:30", dt.datetime(2027, 6, 12, 20, 0, 30)),
        ("2027-06-12 14:00+02:00", dt.datetime(2027, 6, 12, 20, 0)),  # moved into the plan's zone
        ("2027-06-12 12:00Z", dt.datetime(2027, 6, 12, 20, 0)),
        (dt.date(2027, 6, 12), dt.date(2027, 6, 12)),
        (dt.datetime(2027, 6, 12, 0, 0), dt.datetime(2027, 6, 12, 0, 0)),  # midnight, a moment
        (None, None),
        ("  ", None),
    ],
)
def test_moments_as_spreadsheets_write_them(value: object, moment: object) -> None:
    assert read_moment(AT, Cell(value, 12, 5)) == (moment, [])


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("下周三", "“下周三” 不是日期或时间"),
        ("2027-02-30", "日期或时间 “2027-02-30” 不存在"),
        ("2027-06-12 25:00", "日期或时间 “2027-06-12 25:00” 不存在"),
        (46550.5, "“46550.5” 不是日期或时间"),
    ],
)
def test_what_is_no_moment_is_refused_at_its_cell(value: object, said: str) -> None:
    moment, (problem,) = read_moment(AT, Cell(value, 12, 5))
    assert moment is None
    assert problem.line("zh").startswith(f"plan.xlsx:全部!E12: error: {said}")


def test_topic_words_split_on_the_separators_people_type() -> None:
    assert read_tags(AT, Cell("小米19、上手，影像, 新品\n小米19", 3, 15)) == (("小米19", "上手", "影像", "新品"), [])
    tags, (problem,) = read_tags(AT, Cell("#小米19#、上手", 3, 15))
    assert tags == ("上手",)
    assert problem.place == "plan.xlsx:全部!O3" and "写成 “小米19”" in problem.line("zh")


def test_a_title_is_one_line_and_a_url_a_whole_one() -> None:
    assert read_text(AT, Cell("  标题  ", 4, 6)) == ("标题", [])
    assert read_text(AT, Cell(618, 4, 6)) == ("618", [])  # Excel keeps 618 as a number
    assert read_text(AT, Cell("一\r\n二", 4, 14), multiline=True) == ("一\n二", [])
    _, (problem,) = read_text(AT, Cell("一\n二", 4, 6))
    assert "此处只能写一行文本" in problem.line("zh")
    _, (problem,) = read_text(AT, Cell("weibo.com/x", 4, 16), url=True)
    assert problem.place == "plan.xlsx:全部!P4"


def test_an_option_by_its_text_its_id_or_a_name_else_the_nearest() -> None:
    choices = plan_choices(load_plan(PLANS / "sheets-basic"))
    assert read_choice(AT, Cell("Inês Costa", 2, 8), choices, "member") == ("ines", [])
    assert read_choice(AT, Cell("tomas", 2, 8), choices, "member") == ("tomas", [])
    _, (problem,) = read_choice(AT, Cell("Ines Costa", 2, 8), choices, "member")
    assert problem.line("en").endswith("unknown team member 'Ines Costa'; did you mean 'Inês Costa'?")
    _, (problem,) = read_choice(AT, Cell("Telegram", 2, 4), choices, "channel")
    assert problem.line("en").endswith(
        "unknown channel 'Telegram' (known: Blog, Mastodon, news-pt (Newsletter), news-en (Newsletter))"
    )
