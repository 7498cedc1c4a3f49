"""Identity and change over time: what a subscriber's calendar app sees between builds.

Each test copies a fixture plan, edits its YAML as an editor would, rebuilds,
and compares what came out before and after.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from support_calendars import BASIC, BERLIN, NOW, build, by_summary, copy_plan, edit, parse, uids, vevents

SHANGHAI = ZoneInfo("Asia/Shanghai")


def blocks(data: bytes) -> dict[str, bytes]:
    """Each VEVENT's exact bytes, by UID."""
    found = {}
    for block in re.findall(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S):
        (uid,) = [str(e["UID"]) for e in parse(b"BEGIN:VCALENDAR\r\n" + block + b"END:VCALENDAR\r\n").walk("VEVENT")]
        found[uid] = block
    return found


def uid_of(data: bytes, summary: str) -> str:
    return str(by_summary(data, summary)["UID"])


def test_uids_are_unique_and_shared_by_every_file_that_holds_the_thing():
    files = build(BASIC)
    everything = set(uids(files["calendar/all.ics"]))
    for path, data in files.items():
        found = uids(data)
        assert len(found) == len(set(found)), f"{path}: a UID twice"
        if not path.startswith("calendar/people/"):  # a person's tasks have UIDs of their own (test_people)
            assert set(found) <= everything, f"{path}: holds something all.ics does not"
        assert all(u.isascii() and u.endswith("@plan.example.com") for u in found), path
    for paths, summary in (
        (("calendar/events.ics", "events/sf-meetup/sf-meetup.ics", "calendar/all.ics"), "Bay Area"),
        (("calendar/wechat.ics", "calendar/all.ics"), "博览会预告"),
    ):
        assert len({uid_of(files[path], summary) for path in paths}) == 1, summary


def test_two_plans_on_one_host_never_share_a_uid(tmp_path: Path):
    other = copy_plan(BASIC, tmp_path)
    edit(other / "content/site.yaml", "https://plan.example.com/xinghuo/", "https://plan.example.com/other/")
    assert not set(uids(build(BASIC)["calendar/all.ics"])) & set(uids(build(other)["calendar/all.ics"]))


def test_moving_an_event_or_a_slot_keeps_its_uid(tmp_path: Path):
    before = build(BASIC)
    plan = copy_plan(BASIC, tmp_path)
    edit(plan / "content/events/sf-meetup.yaml", "start: 2027-06-10 18:00", "start: 2027-06-17 09:00")
    edit(plan / "content/events/sf-meetup.yaml", "end: 2027-06-10 20:30", "end: 2027-06-17 10:00")
    edit(plan / "content/events/expo.yaml", "start: 2027-05-20\nend: 2027-05-22", "start: 2027-09-20\nend: 2027-09-23")
    edit(plan / "content/events/weekly-qa.yaml", "until: 2027-03-30", "until: 2027-04-27")
    edit(plan / "content/user-stories/hiking-with-x1.yaml", "at: 2027-03-20 20:00", "at: 2027-04-02 08:00")
    after = build(plan)

    assert sorted(uids(before["calendar/all.ics"])) == sorted(uids(after["calendar/all.ics"]))
    for path, summary, moved_by in (
        ("calendar/events.ics", "Bay Area", "DTSTART"),
        ("calendar/events.ics", "星火科技博览会", "DTSTART"),
        ("calendar/events.ics", "每周产品答疑", "RRULE"),
        ("calendar/wechat.ics", "带着 X1 去徒步", "DTSTART"),
    ):
        old, new = by_summary(before[path], summary), by_summary(after[path], summary)
        assert old[moved_by].to_ical() != new[moved_by].to_ical(), f"{summary} did not move"
        assert str(old["UID"]) == str(new["UID"]), summary
    moved = by_summary(after["calendar/events.ics"], "Bay Area")
    assert moved["DTSTART"].dt == datetime(2027, 6, 17, 9, 0, tzinfo=ZoneInfo("America/Los_Angeles"))


def test_an_edit_changes_no_other_entry(tmp_path: Path):
    before = build(BASIC)
    plan = copy_plan(BASIC, tmp_path)
    edit(plan / "content/events/expo.yaml", "title: 星火科技博览会", "title: 星火科技博览会 2027")
    after = build(plan)

    old, new = blocks(before["calendar/all.ics"]), blocks(after["calendar/all.ics"])
    assert old.keys() == new.keys()
    changed = {uid for uid in old if old[uid] != new[uid]}
    expo = {str(e["UID"]) for e in vevents(after["calendar/all.ics"]) if "博览会 2027" in str(e["SUMMARY"])}
    assert len(expo) == 2  # the event and its weibo slot, which shows the entry's title
    assert changed == expo


def test_adding_and_removing_entries_keeps_every_other_uid(tmp_path: Path):
    before = set(uids(build(BASIC)["calendar/all.ics"]))
    plan = copy_plan(BASIC, tmp_path)
    (plan / "content/events/extra-meetup.yaml").write_text(
        "title: 临时加场\nkind: meetup\nformat: online\nstart: 2027-02-20 19:00\n", encoding="utf-8"
    )
    (plan / "content/events/night-live.yaml").unlink()
    after_files = build(plan)
    after = set(uids(after_files["calendar/all.ics"]))
    added = uid_of(after_files["calendar/all.ics"], "临时加场")
    assert after - before == {added}
    assert len(before - after) == 1  # the removed event only


def test_same_plan_same_now_gives_identical_bytes(tmp_path: Path):
    first = build(BASIC)
    again = build(BASIC)
    elsewhere = build(copy_plan(BASIC, tmp_path))
    assert first == again == elsewhere
    assert build(BERLIN, now=NOW, drafts=True) == build(BERLIN, now=NOW, drafts=True)


def test_a_later_build_raises_sequence_and_changes_nothing_else():
    earlier = build(BASIC, now=NOW)
    later = build(BASIC, now=NOW + timedelta(days=1, minutes=7))
    stamps = re.compile(rb"^(DTSTAMP|LAST-MODIFIED|SEQUENCE):.*\r\n", flags=re.M)
    for path in earlier:
        assert stamps.sub(b"", earlier[path]) == stamps.sub(b"", later[path]), path
    before = {str(e["UID"]): e for e in vevents(earlier["calendar/all.ics"])}
    for event in vevents(later["calendar/all.ics"]):
        old = before[str(event["UID"])]
        assert int(event["SEQUENCE"]) > int(old["SEQUENCE"])
        assert event["DTSTAMP"].dt == event["LAST-MODIFIED"].dt == (NOW + timedelta(days=1, minutes=7)).astimezone(
            event["DTSTAMP"].dt.tzinfo
        )


def test_sequence_never_goes_down_when_an_event_changes(tmp_path: Path):
    """Edit an event, then revert the edit, building a day later each time."""
    plan = copy_plan(BASIC, tmp_path)
    file = plan / "content/events/night-live.yaml"

    def sequence(days_later: int) -> int:
        files = build(plan, now=NOW + timedelta(days=days_later))
        return int(by_summary(files["calendar/events.ics"], "五一零点直播")["SEQUENCE"])

    seen = [sequence(0)]
    edit(file, "start: 2027-04-30 22:00", "start: 2027-04-30 21:00")
    seen.append(sequence(1))
    edit(file, "start: 2027-04-30 21:00", "start: 2027-04-30 22:00")
    seen.append(sequence(2))
    assert seen == sorted(seen) and len(set(seen)) == 3
