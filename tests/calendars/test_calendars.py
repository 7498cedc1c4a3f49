"""What a subscriber's calendar shows: the right things, at the right instants.

Parsers accept much that hurts subscribers (no DTSTAMP, DTEND before DTSTART,
an EXDATE of the wrong type), so these tests assert those semantics
themselves, on the fixture plans under `tests/plans/calendars-*` read through
`check_plan`. Expected values come from the fixture YAML, not from the code.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import vobject

from generator import calendars
from generator.plan.model import Plan
from generator.plan.visibility import view
from support_calendars import (  # noqa: F401 - the fixtures are used by name
    BASIC,
    NOW,
    PEOPLE,
    build,
    basic,
    basic_drafts,
    berlin,
    by_summary,
    every_file,
    load_plan,
    occurrences,
    parse,
    vevents,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN_ZONE = ZoneInfo("Europe/Berlin")
SITE = "https://plan.example.com/xinghuo/"
BASIC_EVENTS = ("weekly-qa", "sf-meetup", "night-live", "expo", "cancelled-salon", "annual-gathering", "monthly-salon")


def unfolded(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


# --- files and headers -------------------------------------------------------------------


def test_every_promised_calendar_is_built(basic, basic_drafts):
    expected = {f"calendar/{name}.ics" for name in ("all", "events", "wechat", "weibo", "bilibili")}
    expected |= {f"events/{e}/{e}.ics" for e in BASIC_EVENTS}
    expected |= {f"calendar/people/{member}.ics" for member in ("li-na", "wang-lei")}  # the team's, even with no work
    assert set(basic) == expected
    assert set(basic_drafts) == expected | {"events/draft-contest/draft-contest.ics"}


def test_subscription_headers(basic, berlin):
    # the refresh hint is the plan's `rebuild_every`: 30 minutes unless it says (Berlin's: 2h)
    plans = ((basic, "Asia/Shanghai", "星火社区内容计划", "PT30M"), (berlin, "Europe/Berlin", "Spark Community Plan", "PT2H"))
    for files, zone, title, refresh in plans:
        for path, data in files.items():
            lines = unfolded(data)
            assert lines[0] == "BEGIN:VCALENDAR" and lines[-2] == "END:VCALENDAR" and lines[-1] == "", path
            assert "VERSION:2.0" in lines and "CALSCALE:GREGORIAN" in lines, path
            assert sum(line.startswith("PRODID:-//") for line in lines) == 1, path
            assert not any(line.startswith("METHOD") for line in lines), path
            if path.startswith("calendar/"):
                assert f"REFRESH-INTERVAL;VALUE=DURATION:{refresh}" in lines, path
                assert f"X-PUBLISHED-TTL:{refresh}" in lines, path
                assert f"X-WR-TIMEZONE:{zone}" in lines, path
                names = [line for line in lines if line.startswith("X-WR-CALNAME:")]
                assert len(names) == 1 and title in names[0], path
                assert sum(line.startswith("X-WR-CALDESC:") for line in lines) == 1, path
    assert "微信公众号" in str(parse(basic["calendar/wechat.ics"])["X-WR-CALNAME"])
    assert "Podcast" in str(parse(berlin["calendar/podcast.ics"])["X-WR-CALNAME"])


def test_lines_are_crlf_folded_at_75_octets_without_splitting_characters(every_file):
    for path, data in every_file.items():
        assert data.endswith(b"\r\n"), path
        assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r"), f"{path}: a bare CR or LF"
        for line in data.split(b"\r\n"):
            assert len(line) <= 75, f"{path}: {len(line)} octets: {line[:40]!r}"
            line.decode("utf-8")  # a fold inside a character would fail here
            assert not any(b < 0x20 or b == 0x7F for b in line), f"{path}: control character in {line!r}"


def test_long_chinese_title_is_folded_and_read_back_whole(basic):
    title = (
        "2027 星火社区年度用户大会：科技创新、用户至上——"
        "与一万名星火用户一起回顾这一年的产品、故事与梦想"
    )
    data = basic["calendar/all.ics"]
    raw = data.decode("utf-8")
    start = raw.index("SUMMARY:2027")
    assert raw[start:].split("\r\n")[1].startswith(" "), "the long title was not folded"
    assert str(by_summary(data, "年度用户大会")["SUMMARY"]) == title


def test_commas_semicolons_and_backslashes_survive(basic, berlin):
    meetup = by_summary(basic["calendar/all.ics"], "Bay Area")
    assert str(meetup["LOCATION"]) == "Moscone Center, Hall B; Room 3, 747 Howard St, San Francisco, CA"
    lines = unfolded(basic["calendar/all.ics"])
    assert "LOCATION:Moscone Center\\, Hall B\\; Room 3\\, 747 Howard St\\, San Francisco\\, CA" in lines
    expo = by_summary(basic["calendar/events.ics"], "星火科技博览会")
    assert str(expo["LOCATION"]).startswith("国家会展中心（上海）, 2号馆; B区")
    story = by_summary(basic["calendar/weibo.ics"], "Noodle")
    assert "C:\\Noodle 与第一家工厂" in str(story["SUMMARY"])
    assert "A title with a backslash: C:\\Noodle; and a comma, too" in str(story["DESCRIPTION"])
    post = by_summary(berlin["calendar/newsletter.ics"], "first week")
    assert "My first week: lamps, <b>tags</b> & more" in str(post["SUMMARY"])  # text, never HTML
    assert "Line one; with a semicolon, and a comma" in str(post["DESCRIPTION"])
    # X- properties are TEXT by default (RFC 5545 3.8.8.2), escaped like any other text;
    # libical and vobject read them so (icalendar 7 keeps unknown properties verbatim).
    description = "Events, launches; and posts, for the Berlin team"
    assert "X-WR-CALDESC:Events\\, launches\\; and posts\\, for the Berlin team" in unfolded(berlin["calendar/all.ics"])
    assert vobject.readOne(berlin["calendar/all.ics"].decode()).x_wr_caldesc.value == description


def test_text_the_checker_would_refuse_still_makes_a_valid_calendar():
    """The renderer trusts the model, not the checker: hostile text is escaped or dropped."""
    plan = load_plan(BASIC)
    hostile = "Bell\a, tab\there; C:\\Noodle\r\nnext line\x00\x1b\x7f\x85 end"
    entries = tuple(
        replace(e, title=hostile) if e.id == "night-live" else e for e in plan.entries
    )
    plan = Plan.build(plan.site, plan.channels, entries, plan.key_dates)
    shown = view(plan, NOW, drafts=False)
    data = {o.path: o.data for o in calendars.render(shown.plan, shown)}["calendar/events.ics"]
    for line in data.split(b"\r\n"):
        assert not any(b < 0x20 or b == 0x7F for b in line), line
        assert "\x85" not in line.decode("utf-8")
    event = by_summary(data, "Bell")
    assert str(event["SUMMARY"]) == "Bell, tab here; C:\\Noodle\nnext line end"
    (twin,) = [e for e in vobject.readOne(data.decode()).vevent_list if e.uid.value == str(event["UID"])]
    assert twin.summary.value == str(event["SUMMARY"])


# --- soundness a parser would not check ----------------------------------------------------


def test_every_vevent_is_sound(every_file):
    for path, data in every_file.items():
        for event in vevents(data):
            where = f"{path}: {event['SUMMARY']}"
            stamp = event["DTSTAMP"].dt
            assert stamp.tzinfo is not None and stamp.utcoffset() == timedelta(0), where
            assert event["LAST-MODIFIED"].dt == stamp, where
            assert isinstance(int(event["SEQUENCE"]), int), where
            start, end = event["DTSTART"].dt, event["DTEND"].dt
            assert type(start) is type(end), where
            if isinstance(start, datetime):
                assert start.tzinfo is not None and end.tzinfo is not None, f"{where}: floating time"
                assert event["DTSTART"].params.get("TZID") == event["DTEND"].params.get("TZID"), where
            assert end > start, f"{where}: ends before it starts"
            assert str(event["STATUS"]) in ("CONFIRMED", "TENTATIVE", "CANCELLED"), where
            assert str(event["UID"]).isascii(), where


# --- times ----------------------------------------------------------------------------------


def test_all_day_ranges_have_exclusive_ends(basic, berlin):
    for path, summary, first, after in (
        ("calendar/events.ics", "星火科技博览会", date(2027, 5, 20), date(2027, 5, 23)),  # 05-20..22 inclusive
        ("calendar/weibo.ics", "星火科技博览会", date(2027, 5, 20), date(2027, 5, 21)),  # a date slot: that day
        ("calendar/all.ics", "春节假期", date(2027, 2, 6), date(2027, 2, 13)),
        ("calendar/all.ics", "劳动节", date(2027, 5, 1), date(2027, 5, 2)),
        ("calendar/all.ics", "春季新品季", date(2027, 3, 1), date(2027, 4, 1)),
        ("calendar/all.ics", "星火手环 2", date(2027, 4, 20), date(2027, 4, 21)),
    ):
        event = by_summary(basic[path], summary)
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert (event["DTSTART"].dt, event["DTEND"].dt) == (first, after), summary
    weekend = by_summary(berlin["calendar/all.ics"], "Black Friday")
    assert (weekend["DTSTART"].dt, weekend["DTEND"].dt) == (date(2027, 11, 26), date(2027, 11, 30))


def test_weekly_event_with_exception_and_end_date(basic):
    found = occurrences(basic["calendar/events.ics"], "每周产品答疑")
    assert [e["DTSTART"].dt for e in found] == [datetime(2027, 3, d, 20, 0, tzinfo=SHANGHAI) for d in (2, 9, 23, 30)]
    assert all(e["DTEND"].dt - e["DTSTART"].dt == timedelta(hours=1) for e in found)


def test_monthly_event_with_a_count(basic):
    found = occurrences(basic["calendar/all.ics"], "月度用户沙龙")
    assert [e["DTSTART"].dt for e in found] == [datetime(2027, m, 15, 19, 0, tzinfo=SHANGHAI) for m in (1, 2, 3)]


def test_an_event_written_as_a_moment_still_ends_after_it_starts(berlin):
    moment = by_summary(berlin["calendar/events.ics"], "Countdown ends")  # start == end in the YAML
    assert moment["DTSTART"].dt == datetime(2027, 9, 1, 12, 0, tzinfo=BERLIN_ZONE)
    assert timedelta(0) < moment["DTEND"].dt - moment["DTSTART"].dt <= timedelta(hours=1)


def test_timed_slots_are_short_moments_and_date_slots_all_day(basic):
    wechat = by_summary(basic["calendar/wechat.ics"], "带着 X1 去徒步")
    assert wechat["DTSTART"].dt == datetime(2027, 3, 20, 20, 0, tzinfo=SHANGHAI)
    length = wechat["DTEND"].dt - wechat["DTSTART"].dt
    assert timedelta(0) < length <= timedelta(hours=1)
    assert str(wechat["TRANSP"]) == "TRANSPARENT"
    video = by_summary(basic["calendar/bilibili.ics"], "带着 X1 去徒步")
    assert (video["DTSTART"].dt, video["DTEND"].dt) == (date(2027, 3, 21), date(2027, 3, 22))
    launch = by_summary(basic["calendar/all.ics"], "星火 X1")
    assert launch["DTSTART"].dt == datetime(2027, 3, 15, 10, 0, tzinfo=SHANGHAI)


# --- what each calendar holds -------------------------------------------------------------------


def test_events_calendar_holds_the_events_only(basic):
    events = vevents(basic["calendar/events.ics"])
    assert sorted(str(e["URL"]) for e in events) == sorted(f"{SITE}events/{e}/" for e in BASIC_EVENTS)


def test_all_calendar_holds_events_campaigns_launches_key_dates_and_slots(basic):
    all_ics = basic["calendar/all.ics"]
    everything = {str(e["UID"]) for e in vevents(all_ics)}
    parts = set()
    for path in ("calendar/events.ics", "calendar/wechat.ics", "calendar/weibo.ics", "calendar/bilibili.ics"):
        parts |= {str(e["UID"]) for e in vevents(basic[path])}
    others = [e for e in vevents(all_ics) if str(e["UID"]) not in parts]
    summaries = sorted(str(e["SUMMARY"]) for e in others)
    assert len(others) == 6, summaries  # one campaign, two launches, three key dates
    for text in ("春季新品季", "星火 X1", "星火手环 2", "春节假期", "劳动节", "618 年中大促"):
        assert sum(text in s for s in summaries) == 1, text
    assert parts <= everything
    assert all(str(e["TRANSP"]) == "TRANSPARENT" for e in others)


def test_channel_calendars_hold_their_own_slots(basic):
    def titles(channel: str) -> list[str]:
        return sorted(str(e["SUMMARY"]) for e in vevents(basic[f"calendar/{channel}.ics"]))

    wechat, weibo, bilibili = titles("wechat"), titles("weibo"), titles("bilibili")
    assert len(wechat) == 3 and all("微信公众号" in t for t in wechat)
    for title in ("博览会预告", "春季摄影沙龙", "带着 X1 去徒步"):
        assert any(title in t for t in wechat), title
    assert len(weibo) == 2 and all("微博" in t for t in weibo)  # the idea slot is not public
    for title in ("星火科技博览会", "Noodle"):
        assert any(title in t for t in weibo), title
    assert len(bilibili) == 1 and "视频版：带着 X1 去徒步" in bilibili[0] and "哔哩哔哩" in bilibili[0]
    events = {str(e["UID"]) for e in vevents(basic["calendar/events.ics"])}
    for channel in ("wechat", "weibo", "bilibili"):
        assert not events & {str(e["UID"]) for e in vevents(basic[f"calendar/{channel}.ics"])}


def test_empty_channel_calendar_is_still_a_valid_calendar(berlin):
    podcast = parse(berlin["calendar/podcast.ics"])
    assert not podcast.walk("VEVENT")
    assert [str(z["TZID"]) for z in podcast.walk("VTIMEZONE")] == ["Europe/Berlin"]  # RFC 5545 wants a component


def test_event_carries_location_link_description_and_categories(basic):
    qa = by_summary(basic["calendar/events.ics"], "每周产品答疑")
    page = f"{SITE}events/weekly-qa/"
    assert str(qa["URL"]) == page
    description = str(qa["DESCRIPTION"])
    assert "产品经理在线回答大家的问题" in description and page in description
    assert {"答疑", "线上"} <= {str(c) for c in qa["CATEGORIES"].cats}
    expo = by_summary(basic["calendar/events.ics"], "星火科技博览会")
    assert "崧泽大道333号" in str(expo["LOCATION"]) and "上海" in str(expo["LOCATION"])
    slot = by_summary(basic["calendar/wechat.ics"], "博览会预告")
    assert str(slot["URL"]) == f"{SITE}events/expo/"


def test_reminders_become_display_alarms(basic):
    qa = by_summary(basic["calendar/events.ics"], "每周产品答疑")
    alarms = qa.walk("VALARM")
    assert sorted(a["TRIGGER"].dt for a in alarms) == [-timedelta(days=1), -timedelta(minutes=30)]
    assert all(str(a["ACTION"]) == "DISPLAY" and str(a["DESCRIPTION"]) for a in alarms)


def test_cancelled_things_stay_as_cancelled_and_do_not_ring(basic, berlin):
    for path in ("calendar/events.ics", "events/cancelled-salon/cancelled-salon.ics"):
        salon = by_summary(basic[path], "春季摄影沙龙")
        assert str(salon["STATUS"]) == "CANCELLED", path
        assert salon["DTSTART"].dt == datetime(2027, 4, 10, 14, 0, tzinfo=SHANGHAI)
        assert not salon.walk("VALARM"), "a cancelled event must not ring"
    slot = by_summary(basic["calendar/wechat.ics"], "春季摄影沙龙")  # cancelled with its entry
    assert str(slot["STATUS"]) == "CANCELLED"
    in_all = [e for e in vevents(basic["calendar/all.ics"]) if "春季摄影沙龙" in str(e["SUMMARY"])]
    assert len(in_all) == 2 and all(str(e["STATUS"]) == "CANCELLED" for e in in_all)  # the event and its slot
    all_berlin = berlin["calendar/all.ics"]
    assert str(by_summary(all_berlin, "Summer push")["STATUS"]) == "CANCELLED"
    assert str(by_summary(berlin["calendar/events.ics"], "Friday series")["STATUS"]) == "CANCELLED"
    forum = [e for e in vevents(berlin["calendar/forum.ics"]) if str(e["STATUS"]) == "CANCELLED"]
    assert len(forum) == 1 and forum[0]["DTSTART"].dt == datetime(2027, 4, 2, 12, 0, tzinfo=BERLIN_ZONE)
    confirmed = [e for e in vevents(basic["calendar/all.ics"]) if "春季摄影沙龙" not in str(e["SUMMARY"])]
    assert all(str(e["STATUS"]) == "CONFIRMED" for e in confirmed)


def test_drafts_appear_only_in_a_drafts_build_and_marked(basic, basic_drafts, berlin):
    for path, data in basic.items():
        assert "夏日摄影大赛" not in data.decode(), path
    assert "Workshop still in review" not in berlin["calendar/all.ics"].decode()
    contest = by_summary(basic_drafts["calendar/events.ics"], "夏日摄影大赛")
    assert str(contest["STATUS"]) == "TENTATIVE"
    assert "草稿" in str(contest["SUMMARY"])
    assert (contest["DTSTART"].dt, contest["DTEND"].dt) == (date(2027, 7, 1), date(2027, 8, 1))
    idea = [e for e in vevents(basic_drafts["calendar/weibo.ics"]) if str(e["STATUS"]) == "TENTATIVE"]
    assert len(idea) == 1 and idea[0]["DTSTART"].dt == datetime(2027, 3, 22, 12, 0, tzinfo=SHANGHAI)
    assert str(by_summary(basic_drafts["calendar/events.ics"], "每周产品答疑")["STATUS"]) == "CONFIRMED"


def test_each_event_page_offers_its_own_calendar(basic):
    subscribed = {str(e["UID"]): e for e in vevents(basic["calendar/events.ics"])}
    for event_id in BASIC_EVENTS:
        data = basic[f"events/{event_id}/{event_id}.ics"]
        (single,) = vevents(data)
        assert str(single["URL"]) == f"{SITE}events/{event_id}/"
        twin = subscribed[str(single["UID"])]
        for name in ("DTSTART", "DTEND", "SUMMARY", "STATUS", "LOCATION", "RRULE", "EXDATE"):
            assert single.get(name) == twin.get(name) or (single.get(name) is None and twin.get(name) is None), name
        assert "X-WR-CALNAME" not in parse(data)  # an import, not a subscription


def test_an_overdue_post_says_so_and_every_post_names_its_owner():
    """第一家门店：老照片 was due 2027-06-05 10:00 and is still approved: 应发未发."""
    def post(now: datetime, path: str) -> dict:
        return by_summary(build(PEOPLE, now=now)[path], "第一家门店：老照片")

    due = datetime(2027, 6, 5, 10, 0, tzinfo=SHANGHAI)
    for path in ("calendar/all.ics", "calendar/weibo.ics"):
        late, early = post(due + timedelta(days=5), path), post(due - timedelta(minutes=1), path)
        lines = str(late["DESCRIPTION"]).split("\n")
        assert "状态：应发未发" in lines and "负责人：赵凯" in lines, path
        assert str(late["STATUS"]) == "CONFIRMED", path  # still agreed, only late
        assert "应发未发" not in str(early["DESCRIPTION"]) and "负责人：赵凯" in str(early["DESCRIPTION"]), path
        assert str(late["UID"]) == str(early["UID"]) and "应发未发" not in str(late["SUMMARY"]), path
    published = by_summary(build(PEOPLE, now=due)["calendar/wechat.ics"], "第一家门店的故事")
    assert "应发未发" not in str(published["DESCRIPTION"])  # published on time: nothing is late
    assert "负责人：赵凯" in str(published["DESCRIPTION"])
    # a slot's own owner wins over its entry's
    long_read = by_summary(build(PEOPLE, now=due)["calendar/wechat.ics"], "夏日夜跑：长文")
    assert "负责人：周岚" in str(long_read["DESCRIPTION"]) and "林菲" not in str(long_read["DESCRIPTION"])
