"""`filters`: what every calendar view hands the browser's filter, read from
the generated pages of tests/plans/site-views (now: Wednesday 5 May 2027).

Each filterable line carries the ids the filter compares (data-channel,
data-owner, data-status, data-tiers); the page carries the choices in the
plan's language. The browser side is tests/site/test_browser_filter.py.
"""

from __future__ import annotations

import lxml.html
import pytest

from support_site import BASIC, NOW, VIEWS, VIEWS_NOW, body, load_plan, rendered, texts

MONTH = "calendar/2027-05/index.md"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return rendered(load_plan(VIEWS), VIEWS_NOW)


@pytest.fixture(scope="module")
def drafted() -> dict[str, str]:
    return rendered(load_plan(VIEWS), VIEWS_NOW, drafts=True)


def _facets(element: lxml.html.HtmlElement) -> dict[str, str]:
    return {k[5:]: v for k, v in element.attrib.items() if k in ("data-channel", "data-owner", "data-status", "data-tiers")}


def _by_title(doc: lxml.html.HtmlElement, css: str, title: str) -> lxml.html.HtmlElement:
    found = [e for e in doc.cssselect(css) if title in e.text_content()]
    assert len(found) == 1, (css, title, len(found))
    return found[0]


def _choices(doc: lxml.html.HtmlElement) -> dict[str, list[tuple[str, str]]]:
    bar = doc.cssselect("form.plan-filter")
    assert len(bar) == 1
    return {s.get("name"): [(o.get("value"), o.text_content()) for o in s.cssselect("option")]
            for s in bar[0].cssselect("select")}


def test_every_line_of_every_view_carries_its_facets(pages) -> None:  # type: ignore[no-untyped-def]
    month = body(pages[MONTH])
    overdue = {"channel": "weibo", "owner": "lin", "status": "overdue", "tiers": "core"}
    assert _facets(_by_title(month, "a.plan-chip", "台灯预告")) == overdue
    assert _facets(_by_title(month, "li.plan-item", "台灯预告")) == overdue
    assert _facets(_by_title(month, "li.plan-item", "台灯开箱")) == {  # the slot's own owner
        "channel": "wechat", "owner": "wang", "status": "published", "tiers": "core"}
    # an event is on no channel: the attribute is left out, so a chosen channel hides it
    assert _facets(_by_title(month, "li.plan-item", "台灯之夜")) == {"owner": "zhao", "status": "approved", "tiers": "new"}
    # a key date is nobody's work: a landmark the filter never hides
    assert _facets(_by_title(month, "li.plan-item", "劳动节")) == {}
    assert _facets(_by_title(month, "a.plan-chip", "劳动节")) == {}
    week = body(pages["calendar/2027-w18/index.md"])
    assert _facets(_by_title(week, "li.plan-item", "台灯预告")) == overdue
    channel = body(pages["channels/weibo/index.md"])
    assert _facets(_by_title(channel, "table.plan-schedule tr", "台灯预告")) == overdue
    entry = body(pages["products/lamp/index.md"])
    assert _facets(_by_title(entry, "table.plan-schedule tr", "台灯预告")) == overdue
    coming = body(pages["calendar/index.md"])
    assert _facets(_by_title(coming, "li.plan-item", "周日夜读"))["status"] == "approved"


def test_a_stage_is_the_work_of_whoever_does_it(drafted) -> None:  # type: ignore[no-untyped-def]
    week = body(drafted["calendar/2027-w18/index.md"])
    stages = [_facets(r) | {"kind": texts(r, ".plan-item__kind")[0]}
              for r in week.cssselect("li.plan-item--deadline") if "台灯评测" in r.text_content()]
    assert stages == [
        {"kind": "撰稿截止", "channel": "wechat", "owner": "wang", "status": "draft", "tiers": "core"},
        {"kind": "审核截止", "channel": "wechat", "owner": "zhao", "status": "draft", "tiers": "core"},
    ]


def test_the_choices_are_the_plans_in_its_language(pages, drafted) -> None:  # type: ignore[no-untyped-def]
    choices = _choices(body(pages[MONTH]))
    assert choices == {
        "channel": [("", "全部"), ("weibo", "微博"), ("wechat", "微信公众号")],
        "owner": [("", "全部"), ("lin", "林晓"), ("wang", "王磊"), ("zhao", "赵敏")],
        # overdue first; a build without drafts has none to choose
        "status": [("", "全部"), ("overdue", "应发未发"), ("published", "已发布"), ("approved", "已批准"),
                   ("cancelled", "已取消")],
        "tier": [("", "全部"), ("core", "核心用户"), ("new", "新用户")],
    }
    assert [v for v, _ in _choices(body(drafted[MONTH]))["status"]] == [
        "", "overdue", "published", "approved", "review", "draft", "idea", "cancelled"]
    bar = body(pages[MONTH]).cssselect("form.plan-filter")[0]
    assert bar.get("hidden") is not None  # shown by the script: without it the choices would do nothing
    assert bar.get("data-count") == "显示 {shown} / {total} 项" and bar.get("data-more") == "+{n}"
    assert texts(bar, "button[type=reset]") == ["重置"]


def test_every_calendar_view_has_the_filter(pages) -> None:  # type: ignore[no-untyped-def]
    for path in (MONTH, "calendar/index.md", "calendar/2027-w18/index.md", "calendar/week/index.md",
                 "products/lamp/index.md"):
        assert set(_choices(body(pages[path]))) == {"channel", "owner", "status", "tier"}, path
    assert body(pages["events/lamp-night/index.md"]).cssselect("form.plan-filter") == []  # no schedule: nothing to filter
    # a channel's own page: nothing to choose of channels (one chosen elsewhere would empty it)
    assert set(_choices(body(pages["channels/weibo/index.md"]))) == {"owner", "status", "tier"}


def test_an_english_plan_says_its_choices_in_english(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    plan_dir = shutil.copytree(VIEWS, tmp_path / "views")
    site = plan_dir / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    doc = body(rendered(load_plan(plan_dir), VIEWS_NOW)[MONTH])
    assert _choices(doc)["status"][:3] == [("", "All"), ("overdue", "Overdue"), ("published", "Published")]
    assert doc.cssselect("form.plan-filter")[0].get("data-count") == "{shown} of {total} shown"


def test_a_busy_day_keeps_every_chip_for_the_filter() -> None:
    """Four chips show; the rest are in the page, hidden, for a filter that leaves room."""
    doc = body(rendered(load_plan(BASIC), NOW)["calendar/2027-04/index.md"])
    cell = doc.cssselect("td[data-date='2027-04-10']")[0]
    chips = cell.cssselect("a.plan-chip")
    agenda = doc.cssselect("#d-2027-04-10 li.plan-item")
    assert len(chips) == len(agenda) == 5
    assert ["plan-chip--over" in c.get("class") for c in chips] == [False] * 4 + [True]
    assert texts(cell, ".plan-day__more") == ["+1"]
    assert doc.cssselect("table.plan-month")[0].get("data-limit") == "4"
