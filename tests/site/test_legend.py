"""`legend`: what each colour and mark means, on the generated pages of the
example plan (now: 10 June 2027): every channel on the calendar's pages,
only those a campaign publishes on under its timeline, in its chips' colours."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from support_site import ROOT, body, load_plan, rendered, texts

NOW = datetime(2027, 6, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ALL = ["微信公众号", "微博", "小米社区", "哔哩哔哩", "抖音", "米粉同城群"]


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return rendered(load_plan(ROOT), NOW)


@pytest.mark.parametrize("path", ["calendar/index.md", "calendar/2027-06/index.md", "calendar/week/index.md"])
def test_the_calendar_pages_list_every_channel_and_kind(pages, path: str) -> None:  # type: ignore[no-untyped-def]
    doc = body(pages[path])
    assert texts(doc, ".plan-legend a.plan-legend__item") == ALL
    kinds = texts(doc, ".plan-legend span.plan-legend__item")
    assert kinds == ["营销活动", "产品发布", "活动", "发布", "节假日", "电商节点", "品牌日", "已取消"]


def test_a_campaigns_timeline_lists_the_channels_it_publishes_on(pages) -> None:  # type: ignore[no-untyped-def]
    doc = body(pages["campaigns/mid-year-618/index.md"])
    legend = {a.text_content(): a.get("style") for a in doc.cssselect(".plan-legend a.plan-legend__item")}
    used = {li.get("data-channel") for li in doc.cssselect(".plan-agenda li.plan-item--slot")}
    assert len(legend) == len(used) < len(ALL)
    # each channel's colours in the legend are those of its rows
    for row in doc.cssselect(".plan-agenda li.plan-item--slot"):
        assert row.get("style") in legend.values()
    assert legend["抖音"].startswith("--plan-channel:#ec36a8;")  # moved off Weibo's red (plan.colours)
