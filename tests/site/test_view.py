"""`view`: the schedules of entry and channel pages, with each post's owner
and status (tests/plans/site-views, now: Wednesday 5 May 2027)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.site.view import short_name
from support_site import PLANS, VIEWS, VIEWS_NOW, body, load_plan, rendered, schedule_rows, text, texts


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


# --- a product's badge says whether it has launched (tests/plans/site-launches) ---------------

LAUNCHES_NOW = datetime(2027, 5, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # before S2's launch on 6 June


@pytest.fixture(scope="module")
def launches() -> dict[str, str]:
    return rendered(load_plan(PLANS / "site-launches"), LAUNCHES_NOW, drafts=True)


def test_a_products_card_says_its_launch_not_that_its_page_is_published(launches) -> None:  # type: ignore[no-untyped-def]
    doc = body(launches["products/index.md"])
    cards = {text(c.cssselect(".plan-card__title a")[0]): texts(c, ".plan-badge") for c in doc.cssselect(".plan-card")}
    assert cards == {
        "星河 S2": ["即将上市 · 6月6日"],  # published, but it launches in two weeks: not 已发布
        "星河 S1": ["已上市 · 3月1日"],
        "星河充电桩": [],  # no launch date, and its page's status is the normal one: nothing to say
        "星河 S3（草稿）": ["草稿", "即将上市 · 9月1日"],  # a status out of the ordinary is still said
        "星河旧款": ["已取消"],  # cancelled: no launch to announce
    }
    assert not any("已发布" in badges for badges in cards.values())


def test_a_product_page_says_its_launch_the_same_way(launches) -> None:  # type: ignore[no-untyped-def]
    def badges(page: str) -> list[str]:
        return [b for b in texts(body(launches[page]), ".plan-badges .plan-badge") if b != "产品"]

    assert badges("products/coming/index.md") == ["即将上市 · 6月6日"]
    assert badges("products/launched/index.md") == ["已上市 · 3月1日"]
    assert badges("products/undated/index.md") == []
    assert badges("products/secret/index.md") == ["草稿", "即将上市 · 9月1日"]
    assert badges("products/dropped/index.md") == ["已取消"]
    # on the day and hour it launches, it has launched
    at_launch = rendered(load_plan(PLANS / "site-launches"), datetime(2027, 6, 6, 19, 30, tzinfo=ZoneInfo("Asia/Shanghai")))
    assert [b for b in texts(body(at_launch["products/coming/index.md"]), ".plan-badges .plan-badge") if b != "产品"] == [
        "已上市 · 6月6日"]
