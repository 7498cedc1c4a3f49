"""Each team member's calendar, `calendar/people/<member>.ics` (generator/calendars/people.py).

The fixture plan `tests/plans/calendars-people` has three people, a workflow
of three stages (选题确认 5d and 撰稿 2d by the owner, 审核 6h by the
reviewer), a `due:` override, a date slot, timed slots in Shanghai and in
Berlin, a published, an overdue, a cancelled, a draft and an idea slot.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT
from support_calendars import (
    BASIC,
    PEOPLE,
    READERS,
    build,
    by_summary,
    copy_plan,
    edit,
    icalendar_events,
    libical_events,
    parse,
    radicale_server,
    reader_events,
    vevents,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2027, 6, 10, 10, 0, tzinfo=SHANGHAI)
TITLE = "人人社区内容计划"
SITE = "https://people.example.com/plan/"


def at(day: int, hour: int, minute: int = 0, zone: ZoneInfo = SHANGHAI, month: int = 6) -> datetime:
    return datetime(2027, month, day, hour, minute, tzinfo=zone)


# Each person's calendar as the YAML makes it: summary -> DTSTART. The idea
# (夏日夜跑：还没想好) is in nobody's; the date slot's 6h review is the day before.
EXPECTED = {
    "lin-fei": {
        "选题确认截止：微博：夏日夜跑：微博版": at(15, 12),
        "撰稿截止：微博：夏日夜跑：微博版": at(18, 12),
        "发布：微博：夏日夜跑：微博版": at(20, 12),
        "【草稿】选题确认截止：微博：夏日夜跑：跑友问答": at(20, 20),
        "【草稿】撰稿截止：微博：夏日夜跑：跑友问答": at(24, 9),  # due: {draft: 2027-06-24 09:00}
        "【草稿】发布：微博：夏日夜跑：跑友问答": at(25, 20),
        "【已取消】选题确认截止：微信公众号：夏日夜跑：装备清单": at(23, 20),
        "【已取消】撰稿截止：微信公众号：夏日夜跑：装备清单": at(26, 20),
        "【已取消】发布：微信公众号：夏日夜跑：装备清单": at(28, 20),
        "审核截止：微博：柏林见面会预告": at(12, 13, zone=BERLIN),  # the reviewer of the Berlin event's post
    },
    "zhao-kai": {
        "审核截止：微博：夏日夜跑：微博版": at(20, 6),
        "审核截止：微信公众号：夏日夜跑：长文": date(2027, 6, 21),
        "【草稿】审核截止：微博：夏日夜跑：跑友问答": at(25, 14),
        "【已取消】审核截止：微信公众号：夏日夜跑：装备清单": at(28, 14),
        "选题确认截止：微信公众号：第一家门店的故事": at(27, 20, month=5),
        "撰稿截止：微信公众号：第一家门店的故事": at(30, 20, month=5),
        "发布：微信公众号：第一家门店的故事": at(1, 20),
        "选题确认截止：微博：第一家门店：老照片": at(31, 10, month=5),
        "撰稿截止：微博：第一家门店：老照片": at(3, 10),
        "发布：微博：第一家门店：老照片": at(5, 10),
        "选题确认截止：微博：柏林见面会预告": at(7, 19, zone=BERLIN),
        "撰稿截止：微博：柏林见面会预告": at(10, 19, zone=BERLIN),
        "发布：微博：柏林见面会预告": at(12, 19, zone=BERLIN),
    },
    "zhou-lan": {  # owner of the date slot only (`owner:` on the slot), reviewer of 第一家门店
        "选题确认截止：微信公众号：夏日夜跑：长文": date(2027, 6, 17),
        "撰稿截止：微信公众号：夏日夜跑：长文": date(2027, 6, 20),
        "发布：微信公众号：夏日夜跑：长文": date(2027, 6, 22),
        "审核截止：微信公众号：第一家门店的故事": at(1, 14),
        "审核截止：微博：第一家门店：老照片": at(5, 4),
    },
}
NAMES = {"lin-fei": "林菲", "zhao-kai": "赵凯", "zhou-lan": "周岚"}


def person(files: dict[str, bytes], member: str) -> bytes:
    return files[f"calendar/people/{member}.ics"]


@pytest.fixture(scope="module")
def built() -> dict[str, bytes]:
    return build(PEOPLE, now=NOW)


@pytest.fixture(scope="module")
def example() -> dict[str, bytes]:
    """The example plan's calendars, at the Makefile's default now."""
    return build(ROOT, now=NOW)


# --- what each calendar holds --------------------------------------------------------------


def test_every_member_has_a_calendar_named_after_them(built):
    people = {path for path in built if path.startswith("calendar/people/")}
    assert people == {f"calendar/people/{member}.ics" for member in NAMES}
    for member, name in NAMES.items():
        calendar = parse(person(built, member))
        assert str(calendar["X-WR-CALNAME"]) == f"{TITLE} · {name}"
        assert name in str(calendar["X-WR-CALDESC"])
        assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Shanghai"


def test_each_calendar_holds_exactly_that_persons_deadlines_and_publications(built):
    for member, expected in EXPECTED.items():
        events = vevents(person(built, member))
        found = {str(e["SUMMARY"]): e["DTSTART"].dt for e in events}
        assert len(found) == len(events), f"{member}: two events with one summary"
        assert found == expected, member


def test_times_are_timed_in_their_zone_or_all_day(built):
    berlin = by_summary(person(built, "zhao-kai"), "发布：微博：柏林见面会预告")
    assert berlin["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert berlin["DTEND"].dt - berlin["DTSTART"].dt == timedelta(minutes=30)  # a moment, like the slot itself
    assert b"TZID:Europe/Berlin" in person(built, "zhao-kai")  # its VTIMEZONE is in the file
    review = by_summary(person(built, "lin-fei"), "审核截止：微博：柏林见面会预告")
    assert review["DTSTART"].dt.astimezone(SHANGHAI) == at(12, 19)  # 13:00 in Berlin is 19:00 in Shanghai
    local = by_summary(person(built, "lin-fei"), "撰稿截止：微博：夏日夜跑：微博版")
    assert local["DTSTART"].params["TZID"] == "Asia/Shanghai"
    day = by_summary(person(built, "zhou-lan"), "撰稿截止：微信公众号：夏日夜跑：长文")
    assert "TZID" not in day["DTSTART"].params
    assert (day["DTSTART"].dt, day["DTEND"].dt) == (date(2027, 6, 20), date(2027, 6, 21))  # all day, exclusive end
    assert "DTSTART;VALUE=DATE:20270620" in person(built, "zhou-lan").decode()


def test_status_drafts_tentative_cancelled_kept_idea_absent(built):
    lin = person(built, "lin-fei")
    for event in vevents(lin):
        summary = str(event["SUMMARY"])
        expected = "TENTATIVE" if "【草稿】" in summary else "CANCELLED" if "【已取消】" in summary else "CONFIRMED"
        assert str(event["STATUS"]) == expected, summary
    for data in built.values():
        assert "还没想好" not in data.decode()  # the idea, in no calendar at all
    # drafts are the team's: in the person's calendar, not in the ones the build shows readers
    assert "跑友问答" in lin.decode()
    for path in ("calendar/all.ics", "calendar/weibo.ics"):
        assert "跑友问答" not in built[path].decode(), path


def test_reminders_ring_before_what_is_still_to_do(built):
    def triggers(member: str, summary: str) -> list[timedelta]:
        event = by_summary(person(built, member), summary)
        return [alarm["TRIGGER"].dt for alarm in event.walk("VALARM")]

    assert triggers("lin-fei", "发布：微博：夏日夜跑：微博版") == [timedelta(hours=-1)]
    assert triggers("lin-fei", "【草稿】撰稿截止：微博：夏日夜跑：跑友问答") == [timedelta(hours=-1)]
    assert triggers("zhao-kai", "【草稿】审核截止：微博：夏日夜跑：跑友问答") == [timedelta(hours=-1)]
    # all day: 10:00 the day before (a DATE's trigger counts from its midnight)
    assert triggers("zhou-lan", "发布：微信公众号：夏日夜跑：长文") == [timedelta(hours=-14)]
    assert triggers("zhou-lan", "撰稿截止：微信公众号：夏日夜跑：长文") == []  # approved: the draft is done
    assert triggers("lin-fei", "【草稿】选题确认截止：微博：夏日夜跑：跑友问答") == []  # a draft is past 选题确认
    assert triggers("zhao-kai", "发布：微信公众号：第一家门店的故事") == []  # published
    assert triggers("zhao-kai", "发布：微博：第一家门店：老照片") == [timedelta(hours=-1)]  # overdue: still to do
    for event in vevents(person(built, "lin-fei")):
        if str(event["STATUS"]) == "CANCELLED":
            assert not event.walk("VALARM"), str(event["SUMMARY"])
    for alarm in parse(person(built, "lin-fei")).walk("VALARM"):
        assert str(alarm["ACTION"]) == "DISPLAY" and str(alarm["DESCRIPTION"])


def test_description_says_entry_channel_status_people_and_links(built):
    overdue = str(by_summary(person(built, "zhao-kai"), "发布：微博：第一家门店：老照片")["DESCRIPTION"])
    for line in ("内容：第一家门店", "渠道：微博", "状态：应发未发", "负责人：赵凯", "审核人：周岚"):
        assert line in overdue.split("\n"), line
    assert overdue.endswith(f"详情：{SITE}brand-stories/first-store/")
    published = by_summary(person(built, "zhao-kai"), "发布：微信公众号：第一家门店的故事")
    assert "已发布的帖子：https://mp.weixin.qq.com/s/first-store" in str(published["DESCRIPTION"])
    assert "状态：已发布" in str(published["DESCRIPTION"])
    assert str(published["URL"]) == f"{SITE}brand-stories/first-store/"
    review = str(by_summary(person(built, "lin-fei"), "审核截止：微博：柏林见面会预告")["DESCRIPTION"])
    assert "发布时间：2027-06-12 19:00（Europe/Berlin）" in review.split("\n")
    assert "负责人：赵凯" in review and "审核人：林菲" in review
    draft = str(by_summary(person(built, "lin-fei"), "【草稿】发布：微博：夏日夜跑：跑友问答")["DESCRIPTION"])
    assert "状态：草稿" in draft.split("\n")


def test_uids_are_plain_unique_and_not_the_slots(built):
    public = {str(e["UID"]) for e in vevents(built["calendar/all.ics"])}
    seen: list[str] = []
    for member in NAMES:
        seen += [str(e["UID"]) for e in vevents(person(built, member))]
    assert len(seen) == len(set(seen)), "one UID in two places"
    assert all(u.isascii() and u.endswith("@people.example.com") for u in seen)
    assert {u.split("-")[0] for u in seen} == {"stage", "work"}
    assert not public & set(seen)  # a person's task is not the post in all.ics


def test_a_member_with_no_work_gets_an_empty_valid_calendar():
    files = build(BASIC)  # its team owns no slot
    for member in ("li-na", "wang-lei"):
        data = files[f"calendar/people/{member}.ics"]
        assert vevents(data) == []
        assert parse(data).walk("VTIMEZONE"), member  # X-WR-TIMEZONE names a zone the file has


def test_team_calendars_are_the_same_with_or_without_drafts(built):
    with_drafts = build(PEOPLE, now=NOW, drafts=True)
    for member in NAMES:
        assert person(with_drafts, member) == person(built, member), member
    assert build(PEOPLE, now=NOW) == built  # deterministic


# --- moving a slot -----------------------------------------------------------------------------


def test_moving_a_slot_moves_its_deadlines_and_keeps_every_uid(built, tmp_path: Path):
    plan = copy_plan(PEOPLE, tmp_path)
    story = plan / "content/user-stories/summer-run.yaml"
    edit(story, "at: 2027-06-20 12:00", "at: 2027-06-21 15:00")
    edit(story, "at: 2027-06-22\n", "at: 2027-06-29\n")
    moved = build(plan, now=NOW)
    for member in NAMES:
        before = {str(e["UID"]): str(e["SUMMARY"]) for e in vevents(person(built, member))}
        after = {str(e["UID"]): str(e["SUMMARY"]) for e in vevents(person(moved, member))}
        assert after == before, member
    for member, summary, start in (
        ("lin-fei", "选题确认截止：微博：夏日夜跑：微博版", at(16, 15)),
        ("lin-fei", "撰稿截止：微博：夏日夜跑：微博版", at(19, 15)),
        ("lin-fei", "发布：微博：夏日夜跑：微博版", at(21, 15)),
        ("zhao-kai", "审核截止：微博：夏日夜跑：微博版", at(21, 9)),
        ("zhou-lan", "选题确认截止：微信公众号：夏日夜跑：长文", date(2027, 6, 24)),
        ("zhou-lan", "撰稿截止：微信公众号：夏日夜跑：长文", date(2027, 6, 27)),
        ("zhao-kai", "审核截止：微信公众号：夏日夜跑：长文", date(2027, 6, 28)),
        ("zhou-lan", "发布：微信公众号：夏日夜跑：长文", date(2027, 6, 29)),
    ):
        assert by_summary(person(moved, member), summary)["DTSTART"].dt == start, summary
    # what did not move is byte for byte the same but for the build's stamps
    unchanged = by_summary(person(moved, "zhao-kai"), "发布：微博：柏林见面会预告")
    assert unchanged.to_ical() == by_summary(person(built, "zhao-kai"), "发布：微博：柏林见面会预告").to_ical()


def test_reassigning_a_slot_moves_its_work_to_the_new_owner(built, tmp_path: Path):
    plan = copy_plan(PEOPLE, tmp_path)
    edit(plan / "content/user-stories/summer-run.yaml", "    owner: zhou-lan\n", "    owner: lin-fei\n")
    moved = build(plan, now=NOW)
    zhou = {str(e["UID"]) for e in vevents(person(built, "zhou-lan"))}
    lin = {str(e["UID"]) for e in vevents(person(moved, "lin-fei"))}
    taken = {str(e["UID"]) for e in vevents(person(built, "zhou-lan")) if "长文" in str(e["SUMMARY"])}
    assert len(taken) == 3 and taken <= lin  # the same UIDs, in the new owner's calendar
    assert {str(e["UID"]) for e in vevents(person(moved, "zhou-lan"))} == zhou - taken


# --- readers ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def people_files(built, example) -> dict[str, bytes]:
    """Every calendar of the fixture (its all.ics and channels say 应发未发 and owners too) and
    every person's calendar of the example plan, by `plan:path`."""
    found = {f"people:{p}": d for p, d in built.items()}
    found |= {f"example:{p}": d for p, d in example.items() if p.startswith("calendar/people/")}
    return found


def _essentials(events: list[dict]) -> dict[str, tuple]:
    return {e["uid"]: (e["summary"], e["start"], e["end"], e["status"], e["alarms"]) for e in events}


def test_the_example_plan_gives_every_member_a_calendar(example):
    members = ("zhou-lan", "chen-yu", "wang-xiaotong", "lin-fei", "zhao-kai", "sun-miao", "he-jia")
    assert {p for p in example if p.startswith("calendar/people/")} == {f"calendar/people/{m}.ics" for m in members}
    assert all(vevents(example[f"calendar/people/{m}.ics"]) for m in members)  # everyone has work there
    lin = vevents(example["calendar/people/lin-fei.ics"])
    assert any("撰稿截止" in str(e["SUMMARY"]) for e in lin) and any(str(e["SUMMARY"]).startswith("发布：") for e in lin)


def test_icalendar_ical_and_vobject_read_every_persons_calendar_alike(people_files):
    for path, data in people_files.items():
        reference = _essentials(icalendar_events(data))
        assert len(reference) == data.count(b"BEGIN:VEVENT"), path
        for reader in READERS:
            assert _essentials(reader_events(reader, data)) == reference, f"{reader}: {path}"
    zhao = {e["summary"]: e for e in reader_events("ical", people_files["people:calendar/people/zhao-kai.ics"])}
    berlin = zhao["发布：微博：柏林见面会预告"]  # 19:00 in Berlin, summer time
    assert (berlin["start"], berlin["end"], berlin["alarms"]) == ("2027-06-12T17:00:00Z", "2027-06-12T17:30:00Z", 1)


def test_libical_reads_every_persons_calendar_without_errors(people_files, tmp_path: Path):
    for path, events in libical_events(people_files, tmp_path).items():
        reference = _essentials(icalendar_events(people_files[path]))
        assert _essentials(events) == reference, path
        assert all(e["stamp"] == "2027-06-10T02:00:00Z" for e in events), path


def test_radicale_stores_and_serves_every_persons_calendar(people_files, tmp_path: Path):
    # Radicale stores each event as a file: the example plan's ~2,000 would take it
    # ~10 s, so it gets the fixture's calendars and one of the example's people.
    chosen = {p: d for p, d in people_files.items() if p.startswith("people:") or p.endswith("/he-jia.ics")}
    assert len(chosen) > len(NAMES) + 1
    with radicale_server(tmp_path) as server:
        for index, (path, data) in enumerate(sorted(chosen.items())):
            name = f"p{index:02d}"
            expected = {str(e["UID"]): str(e["SUMMARY"]) for e in vevents(data)}
            put = server.put_calendar(name, data)
            assert put.status_code in (200, 201), f"{path}: {put.status_code} {put.text[:300]}"
            report = server.query_events(name)
            assert report.status_code == 207, path
            served = []
            for found in ET.fromstring(report.content).iter("{urn:ietf:params:xml:ns:caldav}calendar-data"):
                served += [str(e["UID"]) for e in parse((found.text or "").encode()).walk("VEVENT")]
            assert sorted(served) == sorted(expected), path
            again = server.get(name)
            assert again.status_code == 200, path
            assert {str(e["UID"]): str(e["SUMMARY"]) for e in vevents(again.content)} == expected, path
