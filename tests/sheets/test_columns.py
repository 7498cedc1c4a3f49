"""The sheet of a plan: the contract's columns in its order, in the plan's language, and
what each cell of a slot's row says."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import PLANS, ROOT, load_plan
from generator.sheets.columns import layout

CONTRACT_ZH = ["类型", "条目", "发布键（请勿修改）", "渠道", "时间（Asia/Shanghai）", "标题", "状态", "负责人", "审核人",
               "选题确认截止", "撰稿截止", "审核截止", "文案标题", "文案正文", "文案话题", "发布链接", "用户分层", "营销活动"]


@pytest.fixture(scope="module")
def example():  # type: ignore[no-untyped-def]
    return layout(load_plan(ROOT))


@pytest.fixture(scope="module")
def lantern():  # type: ignore[no-untyped-def]
    return layout(load_plan(PLANS / "sheets-basic"))


def _row(sheet, key):  # type: ignore[no-untyped-def]
    row = next(r for r in sheet.rows if r.key == key)
    return dict(zip((c.header for c in sheet.columns), row.values))


def test_the_columns_are_the_contracts_in_the_plans_language_then_the_copys_link(example) -> None:  # type: ignore[no-untyped-def]
    headers = [c.header for c in example.columns]
    assert headers[: len(CONTRACT_ZH)] == CONTRACT_ZH
    assert headers[len(CONTRACT_ZH):] == ["文案链接"]
    assert [c.id for c in example.columns if not c.imported] == ["tiers", "campaign"]


def test_an_english_plan_names_its_stages_and_zone_in_english(lantern) -> None:  # type: ignore[no-untyped-def]
    headers = [c.header for c in lantern.columns]
    assert headers[:12] == ["Kind", "Entry", "Slot key (do not edit)", "Channel", "Time (Europe/Lisbon)", "Title",
                            "Status", "Owner", "Reviewer", "Outline due", "Proofread due", "Copy title"]
    assert lantern.all_sheet == "All"


def test_every_slot_has_a_row_in_time_order(example) -> None:  # type: ignore[no-untyped-def]
    assert len(example.rows) == 525
    times = [dt.datetime.combine(t, dt.time()) if not isinstance(t, dt.datetime) else t
             for t in (dict(zip((c.id for c in example.columns), r.values))["time"] for r in example.rows)]
    assert times == sorted(times)
    assert example.months() == tuple(f"2027-{m:02d}" for m in range(1, 13))


def test_a_row_says_what_a_manager_reads(example) -> None:  # type: ignore[no-untyped-def]
    row = _row(example, "products/xiaomi-19/bilibili/#1")
    assert row["类型"] == "产品" and row["条目"] == "xiaomi-19" and row["渠道"] == "哔哩哔哩"
    assert row["时间（Asia/Shanghai）"] == dt.datetime(2027, 9, 30, 18, 0)
    assert row["负责人"] == "王晓彤" and row["审核人"] == "林菲"  # the slot's own owner, the entry's reviewer
    assert row["撰稿截止"] == dt.datetime(2027, 9, 27, 18, 0) and row["审核截止"] == dt.datetime(2027, 9, 30, 6, 0)
    assert row["用户分层"] == "潜在用户、新用户、活跃用户"
    assert row["文案标题"] is None and row["发布链接"] is None


def test_a_date_slot_is_a_date_and_its_deadlines_whole_days(example) -> None:  # type: ignore[no-untyped-def]
    dated = [r for r in example.rows if not isinstance(r.values[4], dt.datetime)]
    assert dated and all(isinstance(r.values[4], dt.date) for r in dated)
    assert all(not isinstance(v, dt.datetime) for r in dated for v in r.values[9:12])


def test_status_is_the_slots_own_as_written_not_as_of_now(lantern) -> None:  # type: ignore[no-untyped-def]
    # published on 2027-06-01 whatever the clock says; a draft slot of an approved entry says draft
    assert _row(lantern, "brand-stories/origins/blog/#1")["Status"] == "Published"
    assert _row(lantern, "products/lamp/news-pt/#1")["Status"] == "Draft"
    assert _row(lantern, "user-stories/lamp-repair/blog/#1")["Status"] == "In review"  # the entry's


def test_times_are_local_in_the_plans_zone_whatever_the_entrys(lantern) -> None:  # type: ignore[no-untyped-def]
    tokyo = _row(lantern, "events/tokyo-meetup/blog/#1")  # 09:00 in Tokyo
    assert tokyo["Time (Europe/Lisbon)"] == dt.datetime(2027, 7, 5, 1, 0)
    offset = _row(lantern, "products/lamp/mastodon/#1")  # written 12:00+01:00
    assert offset["Time (Europe/Lisbon)"] == dt.datetime(2027, 7, 1, 12, 0)
    assert offset["Proofread due"] == dt.datetime(2027, 6, 30, 18, 0)  # its own `due`


def test_two_channels_of_one_name_are_told_apart_by_id(lantern) -> None:  # type: ignore[no-untyped-def]
    assert dict(lantern.choices.options["channel"]) == {
        "blog": "Blog", "mastodon": "Mastodon", "news-pt": "news-pt (Newsletter)", "news-en": "news-en (Newsletter)"
    }
    assert lantern.choices.lookup("channel", "news-en") == "news-en"
    assert lantern.choices.lookup("channel", "Newsletter") is None  # which one?
    assert lantern.choices.lookup("member", "kenji mori") == "kenji"  # a name, in any case
    assert lantern.choices.lookup("status", "已发布") == "published"  # a colleague's Chinese sheet
