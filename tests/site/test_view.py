"""`view`: the schedules of entry and channel pages, with each post's owner
and status (tests/plans/site-views, now: Wednesday 5 May 2027)."""

from __future__ import annotations

import pytest

from generator.site.view import short_name
from support_site import VIEWS, VIEWS_NOW, body, load_plan, rendered, schedule_rows, texts


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return rendered(load_plan(VIEWS), VIEWS_NOW)


def _schedule(markdown: str) -> list[list[str]]:
    return schedule_rows(body(markdown))


def test_an_entrys_schedule_names_each_posts_owner_and_status(pages) -> None:  # type: ignore[no-untyped-def]
    doc = body(pages["products/lamp/index.md"])
    assert texts(doc, "table.plan-schedule th") == ["时间", "渠道", "标题", "负责人", "状态"]
    assert _schedule(pages["products/lamp/index.md"]) == [  # in the plan's order; drafts not in this build
        ["2027年5月4日 周二 10:00", "微博", "台灯预告", "林晓", "应发未发"],
        ["2027年5月3日 周一 09:00", "微信公众号", "台灯开箱", "王磊", "已发布"],
        ["2027年5月9日 周日 23:30", "微博", "周日夜读", "林晓", "已批准"],
        ["2027年5月10日 周一 00:30", "微信公众号", "柏林晚场", "林晓", "已批准"],
    ]


def test_a_channels_schedule_names_each_posts_owner_and_status(pages) -> None:  # type: ignore[no-untyped-def]
    doc = body(pages["channels/weibo/index.md"])
    assert texts(doc, "table.plan-schedule th")[:5] == ["时间", "内容", "标题", "负责人", "状态"]
    rows = _schedule(pages["channels/weibo/index.md"])
    assert ["2027年5月4日 周二 10:00", "台灯", "台灯预告", "林晓", "应发未发"] in rows
    assert ["2027年5月9日 周日 23:30", "台灯", "周日夜读", "林晓", "已批准"] in rows


@pytest.mark.parametrize(("name", "short"), [
    ("林晓", "林晓"), ("王晓彤", "晓彤"), ("Anna Berg", "AB"), ("Kai", "Kai"), ("Alexander", "Ale"), ("", ""),
])
def test_a_name_short_enough_for_a_chip(name: str, short: str) -> None:
    assert short_name(name) == short
