"""`filters`: what every calendar view hands the browser's filter, read from
the generated pages of tests/plans/site-views (now: Wednesday 5 May 2027).

Each filterable line carries the ids the filter compares (data-channel,
data-owner, data-status, data-tiers); each view marks where its bar goes;
the plan's choices, in its language, are written once for every page. The
browser side is tests/site/test_browser_filter.py.
"""

from __future__ import annotations

import json

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


CHOICES = "assets/javascripts/plan-choices.js"


def _data(pages: dict[str, str]) -> dict:
    """The choices' script holds one assignment of JSON, and nothing else to run."""
    script = pages[CHOICES]
    head, _, data = script.partition("\nwindow.planFilterChoices = ")
    assert head.startswith("/*") and head.endswith("*/") and data.endswith(";\n")
    return json.loads(data[:-2])


def _choices(pages: dict[str, str], path: str) -> dict[str, list[tuple[str, str]]]:
    """The selects of a page's bar, as the script builds them: the plan's, but those it goes without."""
    bars = body(pages[path]).cssselect("form.plan-filter")
    assert len(bars) == 1, path
    without = (bars[0].get("data-without") or "").split()
    every = _data(pages)["every"]
    return {s["name"]: [("", every)] + [tuple(o) for o in s["options"]]
            for s in _data(pages)["selects"] if s["name"] not in without}


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
    choices = _choices(pages, MONTH)
    assert choices == {
        "channel": [("", "全部"), ("weibo", "微博"), ("wechat", "微信公众号")],
        "owner": [("", "全部"), ("lin", "林晓"), ("wang", "王磊"), ("zhao", "赵敏")],
        # overdue first; a build without drafts has none to choose
        "status": [("", "全部"), ("overdue", "应发未发"), ("published", "已发布"), ("approved", "已批准"),
                   ("cancelled", "已取消")],
        "tier": [("", "全部"), ("core", "核心用户"), ("new", "新用户")],
    }
    assert [v for v, _ in _choices(drafted, MONTH)["status"]] == [
        "", "overdue", "published", "approved", "review", "draft", "idea", "cancelled"]
    bar = body(pages[MONTH]).cssselect("form.plan-filter")[0]
    assert bar.get("hidden") is not None  # shown by the script: without it the choices would do nothing
    words = _data(pages)
    assert (words["label"], words["reset"], words["count"], words["more"]) == ("筛选", "重置", "显示 {shown} / {total} 项", "+{n}")


def test_every_calendar_view_has_the_filter(pages) -> None:  # type: ignore[no-untyped-def]
    for path in (MONTH, "calendar/index.md", "calendar/2027-w18/index.md", "calendar/week/index.md",
                 "products/lamp/index.md"):
        assert set(_choices(pages, path)) == {"channel", "owner", "status", "tier"}, path
    assert body(pages["events/lamp-night/index.md"]).cssselect("form.plan-filter") == []  # no schedule: nothing to filter
    # a channel's own page: nothing to choose of channels (one chosen elsewhere would empty it)
    assert set(_choices(pages, "channels/weibo/index.md")) == {"owner", "status", "tier"}


def test_an_english_plan_says_its_choices_in_english(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    plan_dir = shutil.copytree(VIEWS, tmp_path / "views")
    site = plan_dir / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: zh", "language: en"), encoding="utf-8")
    english = rendered(load_plan(plan_dir), VIEWS_NOW)
    assert _choices(english, MONTH)["status"][:3] == [("", "All"), ("overdue", "Overdue"), ("published", "Published")]
    assert _data(english)["count"] == "{shown} of {total} shown"


def test_a_busy_day_hands_the_filter_the_facets_of_what_its_chips_leave_out() -> None:
    """Four chips show; the day's "+n" carries the rest's facets, so the filter counts those that match."""
    doc = body(rendered(load_plan(BASIC), NOW)["calendar/2027-04/index.md"])
    cell = doc.cssselect("td[data-date='2027-04-10']")[0]
    agenda = doc.cssselect("#d-2027-04-10 li.plan-item")
    assert len(cell.cssselect("a.plan-chip")) == 4 and len(agenda) == 5
    [more] = cell.cssselect(".plan-day__more")
    assert more.text_content() == "+1"
    fifth = _facets(agenda[4])  # the agenda lists the day's items in the grid's order
    assert more.get("data-rest") == "|".join(fifth.get(k, "") for k in ("channel", "owner", "status", "tiers"))
    assert fifth["status"]  # a publication or an event, not a key date
