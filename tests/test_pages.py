"""`pages.render`: the Markdown pages handed to MkDocs, read without building.

Fast checks of what the page generator decides on its own: which pages exist,
what their front matter says, that it is pure (same input, same bytes; the
build's now, never the clock), and how dates and recurrences read.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import yaml

from generator import pages
from generator.model import Kind, Span
from generator.outputs import BuildOptions
from generator.pages_labels import LANGUAGES, catalog
from generator.pages_time import occurrences, recurrence_text, span_text
from support_site import BASIC, HOSTILE, NOW, load_plan


@pytest.fixture(scope="module")
def basic():  # type: ignore[no-untyped-def]
    return load_plan(BASIC)


@pytest.fixture(scope="module")
def hostile():  # type: ignore[no-untyped-def]
    return load_plan(HOSTILE)


def _pages(plan, **options) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {o.path: o.data.decode("utf-8") for o in pages.render(plan, BuildOptions(now=NOW, **options))}


def _front(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown.split("---\n", 2)[1])


def test_one_markdown_page_per_url(basic) -> None:  # type: ignore[no-untyped-def]
    rendered = _pages(basic)
    assert "index.md" in rendered and "calendar/index.md" in rendered
    assert "events/spring-fair/index.md" in rendered  # cancelled event: kept, marked
    assert "products/old-charger/index.md" not in rendered  # cancelled product: no page
    assert "products/aurora-band/index.md" not in rendered  # draft
    with_drafts = _pages(basic, drafts=True)
    assert {"products/aurora-band/index.md", "products/old-charger/index.md",
            "events/secret-preview/index.md", "user-stories/first-week/index.md"} <= set(with_drafts)
    assert all(path.endswith("index.md") for path in rendered if not path.startswith("feeds/"))


def test_rendering_is_pure_and_follows_the_builds_now(basic) -> None:  # type: ignore[no-untyped-def]
    assert _pages(basic) == _pages(basic)
    later = {o.path: o.data for o in pages.render(basic, BuildOptions(now=NOW + timedelta(days=30)))}
    now = {o.path: o.data for o in pages.render(basic, BuildOptions(now=NOW))}
    assert later["index.md"] != now["index.md"]  # the next two weeks moved on
    assert later["products/aurora-x1/index.md"] == now["products/aurora-x1/index.md"]


def test_titles_are_escaped_in_front_matter(hostile) -> None:  # type: ignore[no-untyped-def]
    rendered = _pages(hostile)
    front = _front(rendered["user-stories/quote/index.md"])
    assert front["title"] == "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    assert _front(rendered["products/gadget/index.md"])["description"] == (
        "&lt;/title&gt;&lt;script&gt;alert(&#x27;summary&#x27;)&lt;/script&gt;"
    )


def test_plain_text_is_never_markdown(hostile) -> None:  # type: ignore[no-untyped-def]
    body = _pages(hostile)["products/gadget/index.md"].split("---\n", 2)[2]
    # the title's brackets and stars are inside HTML, where Markdown never looks
    assert "<script>alert('feature')</script>" not in body
    assert "&lt;script&gt;alert(&#39;feature&#39;)&lt;/script&gt;" in body


def test_navigation_lists_sections_only(basic) -> None:  # type: ignore[no-untyped-def]
    nav = pages.navigation(basic)
    targets = [next(iter(item.values())) for item in nav]
    assert targets == [
        "index.md", "calendar/index.md", "calendar/subscribe/index.md", "products/index.md",
        "user-stories/index.md", "brand-stories/index.md", "events/index.md", "campaigns/index.md",
        "channels/index.md", "tiers/index.md", "lint/index.md",
    ]
    assert [next(iter(item)) for item in nav][:3] == ["首页", "日历", "订阅日历"]


def test_channel_pages_announce_their_own_feeds(basic) -> None:  # type: ignore[no-untyped-def]
    front = _front(_pages(basic)["channels/weibo/index.md"])
    assert {f["href"] for f in front["feeds"]} == {"feeds/weibo.rss.xml", "feeds/weibo.atom.xml", "feeds/weibo.json"}
    assert {f["href"] for f in pages.site_feeds(basic)} == {"feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json"}


def test_every_label_exists_in_every_language() -> None:
    keys = [set(catalog(language)) for language in LANGUAGES]
    assert all(k == keys[0] for k in keys)


# --- dates and recurrences in words ------------------------------------------------


SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_spans_read_naturally_in_both_languages() -> None:
    days = Span(date(2027, 5, 1), date(2027, 5, 5), "Asia/Shanghai")
    assert span_text(days, "zh") == "2027年5月1日 周六 – 5月5日 周三（5 天）"
    assert span_text(days, "en") == "Sat 1 May 2027 – Wed 5 May (5 days)"
    evening = Span(datetime(2027, 4, 6, 20, 0, tzinfo=SHANGHAI), datetime(2027, 4, 6, 21, 0, tzinfo=SHANGHAI),
                   "Asia/Shanghai")
    assert span_text(evening, "zh") == "2027年4月6日 周二 20:00–21:00"
    assert span_text(evening, "en", "Europe/London") == "Tue 6 Apr 2027 13:00–14:00"
    late = Span(datetime(2027, 4, 6, 23, 0, tzinfo=SHANGHAI), datetime(2027, 4, 7, 0, 0, tzinfo=SHANGHAI),
                "Asia/Shanghai")
    assert span_text(late, "zh") == "2027年4月6日 周二 23:00–00:00"


def test_recurrence_in_words(basic, hostile) -> None:  # type: ignore[no-untyped-def]
    qa = basic.entry(Kind.EVENT, "weekly-qa").details
    assert recurrence_text(qa, "zh") == "每周二、四 20:00，至 2027-06-29，共 24 次；跳过 2027-05-04"
    standup = hostile.entry(Kind.EVENT, "standup").details
    assert recurrence_text(standup, "en") == "Every Mon, Wed and Fri at 09:30, 5 times; skipping 2027-04-07"
    dates = [o.start.date() for o in occurrences(standup) if not o.skipped]
    assert dates == [date(2027, 4, 5), date(2027, 4, 9), date(2027, 4, 12), date(2027, 4, 14), date(2027, 4, 16)]


def test_recurrences_keep_their_wall_clock_across_summer_time(hostile) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from generator.model import Recurrence

    event = hostile.entry(Kind.EVENT, "standup").details
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2027, 3, 22, 18, 0, tzinfo=berlin)  # Berlin moves to summer time on 28 March
    weekly = replace(event, span=Span(start, start + timedelta(hours=1), "Europe/Berlin"),
                     repeat=Recurrence("weekly", count=3), exceptions=())
    starts = [o.start for o in occurrences(weekly)]
    assert [s.strftime("%m-%d %H:%M %z") for s in starts] == [
        "03-22 18:00 +0100", "03-29 18:00 +0200", "04-05 18:00 +0200"]
    assert "每周一 18:00，共 3 次" == recurrence_text(weekly, "zh")
