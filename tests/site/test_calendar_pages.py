"""`calendar_pages`: owners and statuses on the month grid and its agenda,
read from the generated pages of tests/plans/site-views (now: Wednesday 5 May
2027). The grid's chips are small: a status modifier, the owner short, the
whole in the tooltip; an agenda's row says it all (the overview's agenda:
test_calendar_overview)."""

from __future__ import annotations

import lxml.html
import pytest

from support_site import VIEWS, VIEWS_NOW, body, load_plan, rendered, texts


@pytest.fixture(scope="module")
def month() -> lxml.html.HtmlElement:
    return body(rendered(load_plan(VIEWS), VIEWS_NOW)["calendar/2027-05/index.md"])


def _chip(doc: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement:
    [chip] = [c for c in doc.cssselect("a.plan-chip") if title in c.text_content()]
    return chip


def _row(doc: lxml.html.HtmlElement, title: str) -> lxml.html.HtmlElement:
    [row] = [r for r in doc.cssselect(".plan-agenda li.plan-item") if title in r.text_content()]
    return row


def test_a_chip_shows_its_owner_and_an_overdue_post(month) -> None:  # type: ignore[no-untyped-def]
    chip = _chip(month, "台灯预告")
    assert "plan-chip--overdue" in chip.get("class").split()
    assert texts(chip, ".plan-chip__owner") == ["林晓"]
    assert chip.get("title") == "发布 · 微博 · 10:00 台灯预告 · 负责人：林晓 · 应发未发"
    published = _chip(month, "台灯开箱")
    assert "plan-chip--published" in published.get("class").split()
    assert published.get("title").endswith("09:00 台灯开箱 · 负责人：王磊 · 已发布")
    scheduled = _chip(month, "周日夜读")
    assert not {"plan-chip--overdue", "plan-chip--published"} & set(scheduled.get("class").split())
    assert scheduled.get("title").endswith("· 已批准")
    # an event has an owner too, but a status only when drafted or cancelled
    event = _chip(month, "台灯之夜")
    assert event.get("title") == "活动 · 19:00 台灯之夜 · 负责人：赵敏"
    assert "plan-chip--published" not in event.get("class")
    key_date = _chip(month, "劳动节")
    assert key_date.cssselect(".plan-chip__owner") == [] and key_date.get("title") == "节假日 · 劳动节"


def test_an_agenda_row_says_who_and_where_it_stands(month) -> None:  # type: ignore[no-untyped-def]
    row = _row(month, "台灯预告")
    assert texts(row, ".plan-item__owner") == ["林晓"]
    assert texts(row, ".plan-badge--overdue") == ["应发未发"]
    # a publication always says its status, approved (scheduled) included
    assert texts(_row(month, "周日夜读"), ".plan-badge") == ["已批准"]
    assert texts(_row(month, "台灯开箱"), ".plan-item__owner") == ["王磊"]
    assert texts(_row(month, "台灯之夜"), ".plan-item__owner") == ["赵敏"]
    assert texts(_row(month, "台灯之夜"), ".plan-badge") == []
    assert _row(month, "劳动节").cssselect(".plan-item__owner") == []


def test_a_chip_wears_its_channels_colours_and_the_legend_says_them(month) -> None:  # type: ignore[no-untyped-def]
    """The legend lists each channel with the very colours its chips carry;
    what is not a publication has no channel colour, only its kind's class."""
    weibo = _chip(month, "台灯预告")
    assert weibo.get("title").startswith("发布 · 微博 · ")
    style = weibo.get("style")
    assert style.startswith("--plan-channel:#e6162d;--plan-ink:#")
    legend = {a.text_content(): a.get("style") for a in month.cssselect(".plan-legend a.plan-legend__item")}
    assert list(legend) == ["微博", "微信公众号"]
    assert legend["微博"] == style
    assert legend["微博"] != legend["微信公众号"]
    assert _chip(month, "台灯之夜").get("style") is None
    kinds = texts(month, ".plan-legend__row span.plan-legend__item")
    assert kinds[:5] == ["营销活动", "产品发布", "活动", "发布", "节假日"]


def test_a_chip_names_its_channel_in_the_plans_language(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from support_site import make_project
    root = make_project(VIEWS, tmp_path / "en")
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    doc = body(rendered(load_plan(root), VIEWS_NOW)["calendar/2027-05/index.md"])
    assert _chip(doc, "台灯预告").get("title").startswith("Publication · 微博 · 10:00 台灯预告")
