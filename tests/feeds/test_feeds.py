"""The feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) as a subscriber's reader sees them.

The fixture plan `tests/plans/feeds-basic` is read through the checker, as an
editor's files would be. Its slots, at the build's now 2027-04-01 09:00 +08:00:

  weibo  x1 2027-03-20 10:00 (due)        x1 2027-04-10 10:00 (future)
         li-hua 2027-04-01 (date: due at local midnight)
         li-hua "teaser" 2027-03-30 (draft slot)      spring 2027-03-01 09:00 (due)
         origin 2027-03-15 (draft entry)              recall 2027-03-10 (cancelled entry)
         meetup 2027-03-22 (cancelled slot)           webinar 2027-03-18 (cancelled event)
  forum  x1 2027-04-01 09:00 (exactly now: due)       x1 2027-03-25 (date)
         li-hua 2027-03-28 (review slot)              craft 2027-04-01 09:01 (one minute late)
         craft 2027-03-29 22:00 +08:00                meetup 2027-03-29 20:00 Europe/Berlin
                                                      (= 03-30 02:00 +08:00, so newer than craft)
  wechat spring 2027-04-15 (future): an empty feed

The W3C Feed Validator's rules checked offline (support_feeds.*_problems):
- RSS: channel title/link/description; `atom:link rel="self"` equal to the
  feed's absolute URL; guids present and unique, a non-URL guid marked
  isPermaLink="false"; pubDate/lastBuildDate in RFC 822; item links absolute;
  `<author>` is an email address.
- Atom: feed id/title/updated; exactly one self link, equal to the feed's
  absolute URL; every link absolute; an author on the feed or on every entry;
  every entry has id, title, updated and an alternate link; ids are URIs and
  unique; dates in RFC 3339.
- Both, and JSON Feed: no relative URL in any content (a reader resolves them
  against the feed, not the page).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import feedparser
import lxml.etree
import lxml.html
import pytest

from generator import feeds
from generator.plan.model import Plan, Slot
from support_feeds import (
    ATOM,
    BASIC,
    DC_CREATOR,
    NOW,
    atom_entries,
    atom_problems,
    contents,
    copy_plan,
    edit,
    html_urls,
    is_absolute,
    json_items,
    json_problems,
    load,
    render,
    rfc822,
    rfc3339,
    rss_items,
    rss_problems,
)

BASE = "https://example.org/community/"
TAG = "tag:example.org,2026:community/"
NAMES = ("all", "weibo", "forum", "wechat")
X1_TITLE = "星野 X1 <b>Pro</b> & 配件"

# (title, guid) newest first: what a subscriber of each feed must see.
EXPECTED = {
    "weibo": [
        ("李华的山野影像日记", TAG + "slots/user-stories/li-hua/weibo/%231"),
        (X1_TITLE, TAG + "slots/products/x1/weibo/%231"),
        ("春季焕新季开启", TAG + "slots/campaigns/spring/weibo/%231"),
    ],
    "forum": [
        ("X1 上手直播回放", TAG + "slots/products/x1/forum/%232"),
        ("柏林见面会报名开启", TAG + "slots/events/meetup/forum/%231"),
        ("一块玻璃的九道工序", TAG + "slots/brand-stories/craft/forum/%231"),
        ("X1 深度评测", TAG + "slots/products/x1/forum/%231"),
    ],
    "wechat": [],
    # One item per entry, at its first due slot.
    "all": [
        ("李华的山野影像日记", TAG + "entries/user-stories/li-hua"),
        ("柏林见面会报名开启", TAG + "entries/events/meetup"),
        ("一块玻璃的九道工序", TAG + "entries/brand-stories/craft"),
        (X1_TITLE, TAG + "entries/products/x1"),
        ("春季焕新季开启", TAG + "entries/campaigns/spring"),
    ],
}

FILES = [(name, kind) for name in NAMES for kind in ("rss", "atom", "json")]


def path_of(name: str, kind: str) -> str:
    return {"rss": f"feeds/{name}.rss.xml", "atom": f"feeds/{name}.atom.xml", "json": f"feeds/{name}.json"}[kind]


def seen(kind: str, data: bytes):
    return {"rss": rss_items, "atom": atom_entries, "json": json_items}[kind](data)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load(BASIC)


@pytest.fixture(scope="module")
def files(plan: Plan) -> dict[str, bytes]:
    return render(plan)


def test_writes_three_formats_for_the_site_and_each_channel(files: dict[str, bytes]) -> None:
    assert sorted(files) == sorted(path_of(name, kind) for name, kind in FILES)


@pytest.mark.parametrize(("name", "kind"), [f for f in FILES if f[1] != "json"])
def test_feed_is_well_formed_and_clean_in_feedparser(files: dict[str, bytes], name: str, kind: str) -> None:
    data = files[path_of(name, kind)]
    lxml.etree.fromstring(data)  # raises on malformed XML
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    assert [e.title for e in parsed.entries] == [title for title, _ in EXPECTED[name]]
    assert [e.id for e in parsed.entries] == [guid for _, guid in EXPECTED[name]]


@pytest.mark.parametrize(("name", "kind"), FILES)
def test_feed_passes_the_validators_rules(files: dict[str, bytes], name: str, kind: str) -> None:
    path = path_of(name, kind)
    check = {"rss": rss_problems, "atom": atom_problems, "json": json_problems}[kind]
    assert check(files[path], BASE + path) == []


@pytest.mark.parametrize(("name", "kind"), FILES)
def test_feed_holds_exactly_the_due_public_items_newest_first(
    files: dict[str, bytes], name: str, kind: str
) -> None:
    items = seen(kind, files[path_of(name, kind)])
    assert [(i.title, i.guid) for i in items] == EXPECTED[name]


def test_item_dates_are_the_slot_times_in_their_zones(files: dict[str, bytes]) -> None:
    rss = rss_items(files["feeds/forum.rss.xml"])
    assert [i.date for i in rss] == [
        "Thu, 01 Apr 2027 09:00:00 +0800",
        "Mon, 29 Mar 2027 20:00:00 +0200",  # Berlin, after the switch to summer time
        "Mon, 29 Mar 2027 22:00:00 +0800",
        "Thu, 25 Mar 2027 00:00:00 +0800",  # a date slot: midnight of its day
    ]
    atom = atom_entries(files["feeds/forum.atom.xml"])
    assert [rfc3339(i.date) for i in atom] == [rfc822(i.date) for i in rss]
    assert [rfc3339(i.date) for i in json_items(files["feeds/forum.json"])] == [rfc822(i.date) for i in rss]


def test_feed_updated_is_its_newest_item(files: dict[str, bytes]) -> None:
    weibo = lxml.etree.fromstring(files["feeds/weibo.rss.xml"]).find("channel")
    assert weibo.findtext("lastBuildDate") == "Thu, 01 Apr 2027 00:00:00 +0800"
    forum = lxml.etree.fromstring(files["feeds/forum.atom.xml"])
    assert forum.findtext(f"{ATOM}updated") == "2027-04-01T09:00:00+08:00"


def test_empty_feed_is_valid_and_dated_at_the_builds_now(files: dict[str, bytes]) -> None:
    rss = lxml.etree.fromstring(files["feeds/wechat.rss.xml"]).find("channel")
    assert rss.findall("item") == []
    assert rfc822(rss.findtext("lastBuildDate")) == NOW
    atom = lxml.etree.fromstring(files["feeds/wechat.atom.xml"])
    assert rfc3339(atom.findtext(f"{ATOM}updated")) == NOW
    assert json.loads(files["feeds/wechat.json"])["items"] == []


def test_feed_metadata(files: dict[str, bytes]) -> None:
    channel = lxml.etree.fromstring(files["feeds/weibo.rss.xml"]).find("channel")
    assert channel.findtext("title") == "星野社区内容计划 · 微博"
    assert channel.findtext("link") == BASE + "channels/weibo/"
    assert channel.findtext("description")
    assert channel.findtext("language") == "zh"
    assert channel.findtext("generator") == feeds.GENERATOR
    site = lxml.etree.fromstring(files["feeds/all.atom.xml"])
    assert site.findtext(f"{ATOM}title") == "星野社区内容计划"
    assert site.get("{http://www.w3.org/XML/1998/namespace}lang") == "zh"
    alternate = [a.get("href") for a in site.findall(f"{ATOM}link") if a.get("rel") == "alternate"]
    assert alternate == [BASE]
    assert site.findtext(f"{ATOM}author/{ATOM}name") == "星野社区"
    document = json.loads(files["feeds/all.json"])
    assert (document["title"], document["home_page_url"], document["language"]) == ("星野社区内容计划", BASE, "zh")


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_titles_and_summaries_stay_plain_text(files: dict[str, bytes], kind: str) -> None:
    parsed = feedparser.parse(files[path_of("weibo", kind)])
    x1 = parsed.entries[1]
    assert x1.title == X1_TITLE
    # RSS readers render <description> as HTML, so it carries escaped text;
    # what the reader shows is the summary exactly as written.
    shown = x1.summary if x1.summary_detail.type == "text/plain" else lxml.html.fromstring(x1.summary).text_content()
    assert shown == "新一代影像旗舰 <i>首发</i> & 预约"


def test_json_feed_titles_and_summaries_are_plain_text(files: dict[str, bytes]) -> None:
    x1 = json.loads(files["feeds/weibo.json"])["items"][1]
    assert (x1["title"], x1["summary"]) == (X1_TITLE, "新一代影像旗舰 <i>首发</i> & 预约")
    # ...while the bytes hold no markup at all (escaped as \u003c), whatever treats them as HTML
    assert all(b"<" not in files[path_of(name, "json")] for name in NAMES)


@pytest.mark.parametrize(("name", "kind"), FILES)
def test_content_is_sanitized_and_its_links_absolute(files: dict[str, bytes], name: str, kind: str) -> None:
    bodies = contents(path_of(name, kind), files[path_of(name, kind)])
    for body in bodies:
        lowered = body.lower()
        assert "<script" not in lowered and "javascript:" not in lowered
        assert "onerror" not in lowered and "onclick" not in lowered
        assert all(is_absolute(u) or u.startswith("mailto:") for u in html_urls(body)), body


def test_body_links_resolve_against_the_entry_page_under_the_base_path(files: dict[str, bytes]) -> None:
    x1 = json.loads(files["feeds/weibo.json"])["items"][1]
    assert html_urls(x1["content_html"]) == [
        BASE + "user-stories/li-hua/",
        "https://example.org/shop/",  # root-relative: the host's root, as on the page itself
        BASE + "products/x1/images/x1.png",
        BASE + "products/x1/#faq",
        BASE + "products/x1/gallery/back.png",
    ]
    assert "<strong>X1</strong>" in x1["content_html"]
    encoded = lxml.etree.fromstring(files["feeds/weibo.rss.xml"]).find("channel/item[2]/{*}encoded").text
    assert encoded == x1["content_html"]


def test_item_links_and_self_links_respect_a_base_url_with_a_path(tmp_path) -> None:
    root = copy_plan(BASIC, tmp_path)
    edit(root / "content/site.yaml", "https://example.org/community/", "https://cdn.example.net/brand/2027/")
    files = render(load(root))
    base = "https://cdn.example.net/brand/2027/"
    for name, kind in FILES:
        path = path_of(name, kind)
        assert {"rss": rss_problems, "atom": atom_problems, "json": json_problems}[kind](files[path], base + path) == []
    assert [i.link for i in rss_items(files["feeds/all.rss.xml"])] == [
        base + "user-stories/li-hua/",
        base + "events/meetup/",
        base + "brand-stories/craft/",
        base + "products/x1/",
        base + "campaigns/spring/",
    ]
    assert json_items(files["feeds/weibo.json"])[0].guid == (
        "tag:cdn.example.net,2026:brand/2027/slots/user-stories/li-hua/weibo/%231"
    )


def test_no_item_names_a_team_member_or_an_email(files: dict[str, bytes]) -> None:
    """Feeds are for readers: the community is their author, never the staff who wrote a post."""
    items = lxml.etree.fromstring(files["feeds/weibo.rss.xml"]).findall("channel/item")
    assert items and [(i.findtext("author"), i.findtext(DC_CREATOR)) for i in items] == [(None, None)] * len(items)
    parsed = feedparser.parse(files["feeds/weibo.atom.xml"])
    assert all("author_detail" not in e or e.author_detail.name == "星野社区" for e in parsed.entries)
    assert parsed.feed.author_detail.name == "星野社区"
    everything = b"".join(files.values())
    for staff in ("lin@example.org", "林晓", "王强"):
        assert staff.encode() not in everything, staff


def test_categories_are_tags_and_public_campaign_never_tiers(files: dict[str, bytes]) -> None:
    parsed = feedparser.parse(files["feeds/weibo.rss.xml"])
    li_hua, x1, spring = ([t.term for t in e.get("tags", [])] for e in parsed.entries)
    assert x1 == ["影像", "旗舰", "春季焕新季"]
    assert li_hua == []  # its campaign is a draft: its name is not published
    assert spring == []
    everything = b"".join(files.values())
    assert "尚未公布".encode() not in everything
    for tier in ("核心用户", "新用户", "core", "newcomer"):
        assert f">{tier}<".encode() not in everything and f'"{tier}"'.encode() not in everything, tier


def test_drafts_build_still_keeps_drafts_out_of_feeds(plan: Plan, files: dict[str, bytes]) -> None:
    assert render(plan, drafts=True) == files


@pytest.mark.parametrize(
    ("now", "present"),
    [
        (datetime(2027, 3, 31, 15, 59, 59, tzinfo=timezone.utc), False),
        (datetime(2027, 3, 31, 16, 0, tzinfo=timezone.utc), True),  # 2027-04-01 00:00 in Shanghai
    ],
)
def test_date_slot_is_due_at_midnight_in_its_zone(plan: Plan, now: datetime, present: bool) -> None:
    guids = [i.guid for i in rss_items(render(plan, now=now)["feeds/weibo.rss.xml"])]
    assert (TAG + "slots/user-stories/li-hua/weibo/%231" in guids) is present


def test_slot_due_exactly_at_now_and_not_a_second_before(plan: Plan) -> None:
    guid = TAG + "slots/products/x1/forum/%232"
    at_now = [i.guid for i in rss_items(render(plan, now=NOW)["feeds/forum.rss.xml"])]
    before = [i.guid for i in rss_items(render(plan, now=NOW - timedelta(seconds=1))["feeds/forum.rss.xml"])]
    assert guid in at_now and guid not in before


@pytest.mark.parametrize(("name", "kind"), FILES)
def test_limit_keeps_the_newest_items(plan: Plan, name: str, kind: str) -> None:
    limited = render(plan, feed_limit=2)
    assert [(i.title, i.guid) for i in seen(kind, limited[path_of(name, kind)])] == EXPECTED[name][:2]


def test_default_limit_is_fifty(tmp_path) -> None:
    root = copy_plan(BASIC, tmp_path)
    slots = "".join(f"  - channel: wechat\n    at: 2027-02-{day:02d} 08:00\n" for day in range(1, 29))
    slots += "".join(f"  - channel: wechat\n    at: 2027-01-{day:02d} 08:00\n" for day in range(1, 31))
    edit(root / "content/campaigns/spring.yaml", "publish:\n", "publish:\n" + slots)
    files = render(load(root))
    items = rss_items(files["feeds/wechat.rss.xml"])
    assert len(items) == 50
    assert items[0].date == "Sun, 28 Feb 2027 08:00:00 +0800"
    assert items[-1].date == "Sat, 09 Jan 2027 08:00:00 +0800"  # the 8 oldest are left out
    assert len(json.loads(files["feeds/wechat.json"])["items"]) == 50


def test_guids_survive_editing_and_moving_an_entry(tmp_path, files: dict[str, bytes]) -> None:
    root = copy_plan(BASIC, tmp_path)
    x1 = root / "content/products/x1.yaml"
    edit(x1, "title: 星野 X1 <b>Pro</b> & 配件", "title: 星野 X1 Pro 正式发布")
    edit(x1, "欢迎了解 **X1**。", "全新正文。")
    edit(x1, "at: 2027-03-20 10:00", "at: 2027-03-21 11:30")
    edit(x1, "at: 2027-03-25\n", "at: 2027-03-26\n")
    edited = render(load(root))
    for path in ("feeds/weibo.rss.xml", "feeds/forum.rss.xml", "feeds/all.rss.xml"):
        before = {i.guid: i for i in rss_items(files[path]) if "/products/x1" in i.guid}
        after = {i.guid: i for i in rss_items(edited[path]) if "/products/x1" in i.guid}
        assert before.keys() == after.keys() and before, path
        # the edit did reach the feed: same identity, new time
        assert any(before[g].date != after[g].date for g in before), path
    x1_item = json.loads(edited["feeds/weibo.json"])["items"][1]
    assert (x1_item["title"], x1_item["id"]) == ("星野 X1 Pro 正式发布", TAG + "slots/products/x1/weibo/%231")
    assert "全新正文" in x1_item["content_html"]


def test_same_plan_and_now_give_identical_bytes(files: dict[str, bytes]) -> None:
    assert render(load(BASIC)) == files


def test_feeds_with_items_do_not_carry_the_build_time(plan: Plan, files: dict[str, bytes]) -> None:
    # Half a minute later nothing new is due: only the empty feed's date (now) may
    # change; JSON Feed has no feed date, so the empty JSON feed stays the same too.
    later = render(plan, now=NOW + timedelta(seconds=30))
    changed = sorted(p for p in files if files[p] != later[p])
    assert changed == ["feeds/wechat.atom.xml", "feeds/wechat.rss.xml"]


def test_xml_illegal_characters_that_slip_through_are_stripped(plan: Plan) -> None:
    bad = "\x00\x08\x0b\x0c\x1f\ufffe\uffff\ud800"
    x1 = plan.by_key["products/x1"]
    slots = tuple(replace(s, title=f"X1{bad} 发布", summary=f"摘要{bad}") for s in x1.slots)
    tainted = replace(x1, body=f"正文{bad}**加粗**", tags=(f"影像{bad}",), slots=slots)
    site = replace(plan.site, title=f"星野{bad}社区")
    entries = tuple(tainted if e.key == x1.key else e for e in plan.entries)
    files = render(Plan.build(site, plan.channels, entries, plan.key_dates))
    for name, kind in FILES:
        data = files[path_of(name, kind)]
        if kind == "json":
            json.loads(data.decode("utf-8"))
            continue
        lxml.etree.fromstring(data)
        assert feedparser.parse(data).bozo == 0
    item = json.loads(files["feeds/weibo.json"])["items"][1]
    assert (item["title"], item["summary"], item["tags"][0]) == ("X1 发布", "摘要", "影像")
    assert item["content_html"] == "<p>正文<strong>加粗</strong></p>"
    assert feedparser.parse(files["feeds/weibo.atom.xml"]).feed.title == "星野社区 · 微博"


@pytest.mark.parametrize("day", range(0, 60, 3))
def test_feeds_follow_the_rules_at_any_now(plan: Plan, day: int) -> None:
    """An oracle written from plan-format.md, not from the code: a slot is in a
    channel's feed when it and its entry are approved or published and its
    time (a date: midnight in its zone) is at or before now."""
    now = datetime(2027, 2, 25, 12, 0, tzinfo=timezone.utc) + timedelta(days=day)
    files = render(plan, now=now)
    public = ("approved", "published")
    for channel in plan.channels:
        due = [
            s
            for e in plan.entries
            if e.status.value in public
            for s in e.slots
            if s.channel == channel.id and s.status.value in public and starts(s) <= now
        ]
        due.sort(key=starts, reverse=True)
        got = json_items(files[f"feeds/{channel.id}.json"])
        assert [i.title for i in got] == [s.title for s in due]
        assert [rfc3339(i.date) for i in got] == [starts(s) for s in due]
        assert len({i.guid for i in got}) == len(got)


def starts(slot: Slot) -> datetime:
    if isinstance(slot.at, datetime):
        return slot.at
    return datetime(slot.at.year, slot.at.month, slot.at.day, tzinfo=ZoneInfo(slot.zone))


def test_an_item_carries_its_posts_copy_as_the_platform_takes_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = copy_plan(BASIC, tmp_path / "plan")
    edit(root / "content/channels.yaml", "  name: 微博\n", "  name: 微博\n  platform: weibo\n")
    edit(
        root / "content/products/x1.yaml",
        "  - channel: weibo\n    at: 2027-03-20 10:00\n",
        "  - channel: weibo\n    at: 2027-03-20 10:00\n    copy:\n      title: X1 来了\n"
        "      text: |\n        一块玻璃，九道工序。\n        <b>今晚</b> 8 点见。\n      tags: [星野X1, 影像]\n"
        "      link: https://weibo.example/xingye/x1-launch\n",
    )
    files = render(load(root))
    x1 = next(e for e in feedparser.parse(files["feeds/weibo.rss.xml"]).entries if "x1/weibo" in e.id)
    assert x1.title == "X1 来了"
    assert x1.link == "https://weibo.example/xingye/x1-launch"
    # the text as it is pasted on Weibo: its lines, then the topics in Weibo's own form; text stays text
    # (RSS carries it as HTML, so the title's markup is shown as text: escaped)
    assert x1.summary == "一块玻璃，九道工序。\n&lt;b&gt;今晚&lt;/b&gt; 8 点见。\n#星野X1# #影像#"
    atom_x1 = next(e for e in feedparser.parse(files["feeds/weibo.atom.xml"]).entries if "x1/weibo" in e.id)
    assert atom_x1.summary == "一块玻璃，九道工序。\n<b>今晚</b> 8 点见。\n#星野X1# #影像#"
    assert [t.term for t in x1.tags] == ["星野X1", "影像", "春季焕新季"]
    json_x1 = next(i for i in json.loads(files["feeds/weibo.json"])["items"] if "x1/weibo" in i["id"])
    assert json_x1["content_html"] == "<p>一块玻璃，九道工序。<br>&lt;b&gt;今晚&lt;/b&gt; 8 点见。<br>#星野X1# #影像#</p>"
    # the entry's other posts have no copy: they keep the entry's title, summary and body
    forum = next(e for e in feedparser.parse(files["feeds/forum.rss.xml"]).entries if "x1/forum/%231" in e.id)
    assert forum.title == "X1 深度评测" and forum.link == BASE + "products/x1/"
