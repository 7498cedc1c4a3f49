"""`pages.render`: the Markdown pages handed to MkDocs, read without building.

Fast checks of what the page generator decides on its own: which pages exist,
what their front matter says, that it is pure (same input, same bytes; the
build's now, never the clock), and how dates and recurrences read.
"""

from __future__ import annotations

import importlib.util
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import lxml.html
import pathspec
import pytest
import yaml

from generator import calendars
from generator.site import pages

from generator.site import calendar_overview
from generator.plan.model import Kind, Span
from generator.plan.visibility import view
from generator.words import LANGUAGES, catalog
from generator.plan.recurrence import occurrences
from generator.site.time import recurrence_text, span_text
from support_site import BASIC, HOSTILE, NOW, ROOT, load_plan, text, texts

MONTH_PAGE = re.compile(r"calendar/\d{4}-\d{2}/index\.md")
WEEK_PAGE = re.compile(r"calendar/\d{4}-w\d{2}/index\.md")


@pytest.fixture(scope="module")
def basic():  # type: ignore[no-untyped-def]
    return load_plan(BASIC)


@pytest.fixture(scope="module")
def hostile():  # type: ignore[no-untyped-def]
    return load_plan(HOSTILE)


def _pages(plan, drafts: bool = False) -> dict[str, str]:  # type: ignore[no-untyped-def]
    shown = view(plan, NOW, drafts)
    return {o.path: o.data.decode("utf-8") for o in pages.render(shown.plan, shown)}


def _front(markdown: str) -> dict:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown.split("---\n", 2)[1])


def test_one_markdown_page_per_url(basic) -> None:  # type: ignore[no-untyped-def]
    rendered = _pages(basic)
    assert "index.md" in rendered and "calendar/index.md" in rendered
    months = sorted(p for p in rendered if MONTH_PAGE.fullmatch(p))
    assert months == [f"calendar/2027-0{m}/index.md" for m in (3, 4, 5, 6)]  # 28 March to 29 June
    weeks = sorted(p for p in rendered if WEEK_PAGE.fullmatch(p))  # Monday 22 March to Sunday 4 July
    assert weeks == [f"calendar/2027-w{w:02d}/index.md" for w in range(12, 27)]
    assert "calendar/week/index.md" in rendered
    assert "events/spring-fair/index.md" in rendered  # cancelled event: kept, marked
    assert "products/old-charger/index.md" not in rendered  # cancelled product: no page
    assert "products/aurora-band/index.md" not in rendered  # draft
    with_drafts = _pages(basic, drafts=True)
    assert {"products/aurora-band/index.md", "products/old-charger/index.md",
            "events/secret-preview/index.md", "user-stories/first-week/index.md"} <= set(with_drafts)
    # but the feeds' sitemap and the filter's choices, every output is a page
    others = {path for path in rendered if not path.endswith("index.md")}
    assert {p for p in others if not p.startswith("feeds/")} == {"assets/javascripts/plan-choices.js"}


def test_rendering_is_pure_and_follows_the_builds_now(basic) -> None:  # type: ignore[no-untyped-def]
    assert _pages(basic) == _pages(basic)
    at_later, at_now = view(basic, NOW + timedelta(days=30), drafts=False), view(basic, NOW, drafts=False)
    later = {o.path: o.data for o in pages.render(at_later.plan, at_later)}
    now = {o.path: o.data for o in pages.render(at_now.plan, at_now)}
    assert later["index.md"] != now["index.md"]  # the next two weeks moved on
    # an entry's page follows now only where a post fell due unpublished: it is then overdue (应发未发)
    overdue = "应发未发".encode()
    assert later["products/aurora-x1/index.md"].count(overdue) > now["products/aurora-x1/index.md"].count(overdue)
    assert later["calendar/index.md"] != now["calendar/index.md"]  # the coming four weeks moved on
    assert later["calendar/2027-04/index.md"] != now["calendar/2027-04/index.md"]  # today is no longer in April
    assert later["calendar/2027-06/index.md"] == now["calendar/2027-06/index.md"]


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
        "index.md", "calendar/index.md", "calendar/subscribe/index.md", "changes/index.md", "products/index.md",
        "user-stories/index.md", "brand-stories/index.md", "events/index.md", "campaigns/index.md",
        "channels/index.md", "tiers/index.md", "today/index.md", "team/index.md", "report/index.md",
        "lint/index.md",
    ]
    # the readers' site (--public) has none of the team's sections
    public = [next(iter(item.values())) for item in pages.navigation(basic, team=False)]
    team_only = ("tiers/index.md", "today/index.md", "team/index.md", "report/index.md", "lint/index.md")
    assert public == [t for t in targets if t not in team_only]
    assert [next(iter(item)) for item in nav][:4] == ["首页", "日历", "订阅日历", "本周变动"]
    # this week's changes only where the build has the page (it always does: `build.pipeline` reads the history)
    assert "changes/index.md" not in [next(iter(item.values())) for item in pages.navigation(basic, changes=False)]
    assert [next(iter(item)) for item in nav[-3:-1]] == ["团队", "绩效报告"]
    assert "team/index.md" not in [next(iter(item.values())) for item in pages.navigation(basic, team=False)]
    assert "/team/*/" in pages.unlisted().splitlines()  # each person's page: reached from the team's
    assert "/report/[0-9][0-9][0-9][0-9]-[0-9][0-9]/" in pages.unlisted().splitlines()  # each month: from the report


def test_channel_pages_announce_their_own_feeds(basic) -> None:  # type: ignore[no-untyped-def]
    front = _front(_pages(basic)["channels/weibo/index.md"])
    assert {f["href"] for f in front["feeds"]} == {"feeds/weibo.rss.xml", "feeds/weibo.atom.xml", "feeds/weibo.json"}
    assert {f["href"] for f in pages.site_feeds(basic)} == {"feeds/all.rss.xml", "feeds/all.atom.xml", "feeds/all.json"}


def test_the_subscribe_page_lists_each_members_own_calendar(basic) -> None:  # type: ignore[no-untyped-def]
    markdown = _pages(basic)["calendar/subscribe/index.md"]
    section = lxml.html.fromstring(markdown.split("{#people}", 1)[1].split("{#feishu}", 1)[0])
    rows = section.cssselect(".plan-sub")
    assert [text(row.cssselect("strong")[0]) for row in rows] == [m.name for m in basic.site.team]
    shown = view(basic, NOW, False)
    built = {o.path for o in calendars.render(shown.plan, shown)}
    for row, member in zip(rows, basic.site.team):
        path = f"calendar/people/{member.id}.ics"
        assert path in built  # the link points at a file the build writes
        assert row.cssselect("code")[0].text_content() == f"https://plan.example.cn/aurora/{path}"
        links = [a.get("href") for a in row.cssselect("a")]
        assert links == [f"webcal://plan.example.cn/aurora/{path}", f"../people/{member.id}.ics"]


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
    # the count is of the dates that happen; the skipped ones are said beside it, not in it
    assert recurrence_text(qa, "zh") == "每周二、四 20:00，至 2027年6月29日 周二，共 24 次（另有 1 次跳过）"
    standup = hostile.entry(Kind.EVENT, "standup").details  # count: 6, one of them skipped
    assert recurrence_text(standup, "en") == "Every Mon, Wed and Fri at 09:30, 5 times (1 more skipped)"
    assert recurrence_text(standup, "zh") == "每周一、三、五 09:30，共 5 次（另有 1 次跳过）"
    dates = [o.start.date() for o in occurrences(standup) if not o.skipped]
    assert dates == [date(2027, 4, 5), date(2027, 4, 9), date(2027, 4, 12), date(2027, 4, 14), date(2027, 4, 16)]


def test_recurrences_keep_their_wall_clock_across_summer_time(hostile) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from generator.plan.model import Recurrence

    event = hostile.entry(Kind.EVENT, "standup").details
    berlin = ZoneInfo("Europe/Berlin")
    start = datetime(2027, 3, 22, 18, 0, tzinfo=berlin)  # Berlin moves to summer time on 28 March
    weekly = replace(event, span=Span(start, start + timedelta(hours=1), "Europe/Berlin"),
                     repeat=Recurrence("weekly", count=3), exceptions=())
    starts = [o.start for o in occurrences(weekly)]
    assert [s.strftime("%m-%d %H:%M %z") for s in starts] == [
        "03-22 18:00 +0100", "03-29 18:00 +0200", "04-05 18:00 +0200"]
    assert "每周一 18:00，共 3 次" == recurrence_text(weekly, "zh")


# --- the calendar: an overview and a page per month ----------------------------------


def _html(markdown: str) -> lxml.html.HtmlElement:
    """A generated page's body (raw HTML blocks between Markdown headings), as HTML."""
    return lxml.html.fromstring("<div>" + markdown.split("---\n", 2)[2] + "</div>")


def _pages_at(plan, now: datetime) -> dict[str, str]:  # type: ignore[no-untyped-def]
    shown = view(plan, now, drafts=False)
    return {o.path: o.data.decode("utf-8") for o in pages.render(shown.plan, shown)}


def test_calendar_pages_are_out_of_nav_and_search(basic) -> None:  # type: ignore[no-untyped-def]
    rendered = _pages(basic)
    calendar_pages = [p for p in rendered if p.startswith("calendar/") and p != "calendar/subscribe/index.md"]
    assert len(calendar_pages) == 1 + 4 + 15 + 1  # the overview, 4 months, 15 weeks and this week
    for path in calendar_pages:
        front = _front(rendered[path])
        assert front["search"] == {"exclude": True}, path
        assert "navigation" in front["hide"], path  # the month grid takes the width
    assert _front(rendered["calendar/index.md"])["title"] == "日历"
    assert _front(rendered["calendar/2027-04/index.md"])["title"] == "2027年4月"
    # MkDocs' own matcher: month pages are meant to be out of the nav, the calendar and subscribe pages not
    unlisted = pathspec.gitignore.GitIgnoreSpec.from_lines(pages.unlisted().splitlines())
    assert all(unlisted.match_file(p) for p in rendered if p.startswith("calendar/2"))  # months and weeks
    assert unlisted.match_file("calendar/week/index.md")
    assert not unlisted.match_file("calendar/index.md") and not unlisted.match_file("calendar/subscribe/index.md")
    assert unlisted.match_file("events/weekly-qa/index.md") and not unlisted.match_file("events/index.md")


def test_month_pages_follow_the_english_labels(hostile) -> None:  # type: ignore[no-untyped-def]
    rendered = _pages(hostile)
    overview = _html(rendered["calendar/index.md"])
    assert texts(overview, ".plan-months__title") == ["March 2027", "April 2027"]
    month = _html(rendered["calendar/2027-04/index.md"])
    assert texts(month, ".plan-month-pager__overview") == ["All months", "All months"]
    assert texts(month, ".plan-month-pager a[rel=prev]") == ["← March 2027"] * 2
    assert texts(month, "table.plan-month th")[:2] == ["Mon", "Tue"]


def test_the_coming_weeks_before_during_and_after_the_plan(basic) -> None:  # type: ignore[no-untyped-def]
    # before the plan (it starts 28 March 2027): its first month
    markdown = _pages_at(basic, NOW - timedelta(days=365))["calendar/index.md"]
    assert "## 计划的第一个月 {#coming-up}" in markdown  # (headings are Markdown)
    before = _html(markdown)
    assert texts(before, ".plan-hint")[0] == "2027年3月1日 周一 – 2027年3月31日 周三"
    assert texts(before, ".plan-agenda__date") == ["2027年3月28日 周日"]
    assert texts(before, ".plan-item__title") == ["带着 X1 在川西徒步的七天"]
    assert before.cssselect(".plan-months__month--current") == []
    # during: four weeks from now
    markdown = _pages_at(basic, NOW)["calendar/index.md"]
    assert "## 未来四周 {#coming-up}" in markdown
    # whole days: today and the 27 after it (a window that ended at now's clock time
    # 28 days on would hold part of a 29th day, and move every second)
    assert texts(_html(markdown), ".plan-hint")[0] == "2027年4月1日 周四 – 2027年4月28日 周三"
    # after: nothing to come, said so
    after = _html(_pages_at(basic, datetime(2028, 1, 1, 9, 0, tzinfo=SHANGHAI))["calendar/index.md"])
    assert after.cssselect(".plan-agenda") == [] and texts(after, ".plan-empty") == ["未来四周暂无安排。"]
    assert after.cssselect(".plan-coming-more") == []
    assert len(after.cssselect(".plan-months__month")) == 4  # the months are all still there


def test_the_coming_weeks_stop_at_a_whole_day(basic, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def coming(now: datetime) -> lxml.html.HtmlElement:
        return _html(_pages_at(basic, now)["calendar/index.md"])

    everything = coming(NOW)
    rows = [(d.get("id"), len(d.cssselect("li.plan-item"))) for d in everything.cssselect(".plan-agenda__day")]
    assert rows[:5] == [("d-2027-04-01", 1), ("d-2027-04-05", 2), ("d-2027-04-06", 1), ("d-2027-04-08", 1),
                        ("d-2027-04-10", 5)]
    total = sum(n for _, n in rows)
    monkeypatch.setattr(calendar_overview, "COMING_LIMIT", 7)
    cut = coming(NOW)
    # 1 + 2 + 1 + 1 rows fit in 7; the fifth day's five would not: it is left out whole
    assert [d.get("id") for d in cut.cssselect(".plan-agenda__day")] == [r[0] for r in rows[:4]]
    notice = texts(cut, ".plan-coming-more")[0]
    assert notice.startswith(f"这里只列到 4月8日 周四，另有 {total - 5} 项未列出。")
    # a first day longer than the limit is cut inside the day
    monkeypatch.setattr(calendar_overview, "COMING_LIMIT", 3)
    busy = coming(NOW + timedelta(days=9))  # 10 April, 09:00
    assert [d.get("id") for d in busy.cssselect(".plan-agenda__day")] == ["d-2027-04-10"]
    assert len(busy.cssselect("li.plan-item")) == 3
    assert "这里只列到 4月10日 周六" in text(busy.cssselect(".plan-coming-more")[0])


def _synthetic(n: int, target: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("synth", ROOT / "bench" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    return load_plan(synth.write_plan(n, target))


def test_the_calendar_page_stays_small_whatever_the_plans_size(tmp_path: Path) -> None:
    now = datetime(2027, 7, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    sizes = {}
    for n in (150, 600):
        rendered = _pages_at(_synthetic(n, tmp_path / str(n)), now)
        overview = rendered["calendar/index.md"]
        months = [p for p in rendered if MONTH_PAGE.fullmatch(p)]
        doc = _html(overview)
        assert len(doc.cssselect(".plan-months__month")) == len(months) >= 12
        assert len(doc.cssselect(".plan-agenda li.plan-item")) <= calendar_overview.COMING_LIMIT
        assert doc.cssselect("table.plan-month") == []
        sizes[n] = (len(overview.encode()), sum(len(rendered[p].encode()) for p in months))
    # bounded by COMING_LIMIT rows, each with its owner, its status and the filter's facets
    assert sizes[150][0] < 72_000 and sizes[600][0] < 72_000
    assert sizes[600][1] > 2 * sizes[150][1]  # the month pages hold the plan's growth
    assert "另有" in text(_html(overview).cssselect(".plan-coming-more")[0])  # 600 entries: cut, and said so
