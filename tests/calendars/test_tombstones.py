"""What was deleted or handed on this week stays, cancelled, where a subscriber's
calendar held it (calendars/tombstones.py).

The plan is tests/plans/history-week, committed into a real git repository
made here with dated commits (support_history.py). A subscriber's client last
read the calendars on Monday 2027-06-07; then, during the week:

| when (+08:00) | change                                                                 |
|---------------|------------------------------------------------------------------------|
| 06-10 10:00   | 城市漫步摄影's post on 微博 handed from 林晓 (lin) to 吴言 (wu)           |
| 06-12 09:30   | the entry 青禾的第一间茶室 (its post on 微信公众号) deleted from the YAML  |
| 06-13 10:00   | 茶农阿坤的一天's post on 微博 deleted; its reviewer 周舟 (zhou) -> 吴言     |
| 06-13 11:00   | the key date 父亲节 deleted                                              |
| 06-13 12:00   | the event 夏日用户见面会 (and its post on 微博) deleted                   |
| 06-13 13:00   | 城市漫步摄影 left without a reviewer (周舟's review: nobody's now)        |

and the calendars are built again on Monday 2027-06-14 09:00. Each file is read
back by icalendar, the strict `ical` library, vobject and libical, and loaded
into Radicale as a syncing client would: the old events first, then the new.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path

import pytest
import requests
import vobject
from ical.calendar_stream import IcsCalendarStream

from conftest import PLANS, edit, load_plan, run_cli
from generator import calendars
from generator.build import pipeline
from generator.plan.visibility import view
from support_calendars import libical_read, parse, radicale_server, vevents
from support_history import BEFORE_THE_WEEK, commit, git

READ_BEFORE = datetime.fromisoformat("2027-06-07T09:00+08:00")  # the subscriber's last look
NOW = datetime.fromisoformat("2027-06-14T09:00+08:00")

CITY_WALK = "城市漫步摄影 · 九宫格"  # handed from lin to wu
OLD_STORY = "青禾的第一间茶室"  # its entry deleted
TEA_WEIBO = "微博：茶农阿坤的一天"  # the slot deleted (the entry stays, with its wechat post)
TEA_WECHAT = "微信公众号：茶农阿坤的一天"


def make_history(target: Path, language: str = "zh") -> Path:
    shutil.copytree(PLANS / "history-week", target)
    edit(target / "content" / "site.yaml", "language: zh", f"language: {language}")
    git(target, "init", "-q", "-b", "main")
    commit(target, "The plan for June", BEFORE_THE_WEEK)
    return target


def make_changes(root: Path) -> None:
    content = root / "content"
    edit(content / "user-stories" / "city-walk.yaml", "    title: 城市漫步摄影 · 九宫格\n",
         "    title: 城市漫步摄影 · 九宫格\n    owner: wu\n")
    commit(root, "城市漫步交给吴言", "2027-06-10T10:00:00+08:00")
    (content / "brand-stories" / "old-story.yaml").unlink()
    commit(root, "撤下茶室的故事", "2027-06-12T09:30:00+08:00")
    edit(content / "user-stories" / "tea-farmer.yaml", "  - channel: weibo\n    at: 2027-06-17 12:00\n", "")
    edit(content / "user-stories" / "tea-farmer.yaml", "reviewer: zhou", "reviewer: wu")
    commit(root, "茶农阿坤：不发微博，改由吴言审核", "2027-06-13T10:00:00+08:00")
    edit(root / "calendar" / "key-dates.yaml", "- date: 2027-06-20\n  title: 父亲节\n  kind: holiday\n", "")
    commit(root, "不标父亲节", "2027-06-13T11:00:00+08:00")
    (content / "events" / "summer-meetup.yaml").unlink()
    commit(root, "见面会不办了", "2027-06-13T12:00:00+08:00")
    edit(content / "user-stories" / "city-walk.yaml", "reviewer: zhou\n", "")
    commit(root, "城市漫步：先不定审核人", "2027-06-13T13:00:00+08:00")


def build(root: Path, now: datetime, drafts: bool = False, public: bool = False) -> dict[str, bytes]:
    """The calendars as the build makes them: this week's tombstones from git (`pipeline.week`)."""
    plan = load_plan(root)
    shown = view(plan, now, drafts, public)
    gone = pipeline.week(root, plan, shown).gone
    return {o.path: o.data for o in calendars.render(shown.plan, shown, gone)}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The repository, the calendars the subscriber last read, and this Monday's."""
    root = make_history(tmp_path_factory.mktemp("tombstones") / "plan")
    before = build(root, READ_BEFORE, drafts=True)
    make_changes(root)
    return root, before, build(root, NOW, drafts=True)


def events_of(data: bytes) -> dict[str, dict]:
    """UID -> what icalendar reads of it (each UID once in a file)."""
    found = {}
    for event in vevents(data):
        uid = str(event["UID"])
        assert uid not in found, f"{uid} twice in one file"
        found[uid] = {"summary": str(event["SUMMARY"]), "status": str(event["STATUS"]),
                      "sequence": int(event["SEQUENCE"]), "start": event["DTSTART"].dt,
                      "description": str(event.get("DESCRIPTION", "")), "alarms": len(event.walk("VALARM"))}
    return found


def uid_of(data: bytes, text: str) -> str:
    found = [uid for uid, e in events_of(data).items() if text in e["summary"]]
    assert len(found) == 1, f"{len(found)} events with {text!r}"
    return found[0]


# --- a slot handed on --------------------------------------------------------------------


def test_the_old_owner_keeps_the_post_cancelled_saying_who_has_it_now(repo):
    _, before, after = repo
    was = events_of(before["calendar/people/lin.ics"])
    uid = uid_of(before["calendar/people/lin.ics"], f"发布：微博：{CITY_WALK}")
    assert was[uid]["status"] == "TENTATIVE"  # in review: a draft, marked
    now = events_of(after["calendar/people/lin.ics"])[uid]
    assert now["status"] == "CANCELLED"
    assert now["sequence"] > was[uid]["sequence"]
    assert now["summary"] == f"【已转交给 吴言】发布：微博：{CITY_WALK}"
    assert now["description"].startswith("已转交给 吴言")
    assert now["start"] == was[uid]["start"]  # its last known time
    assert now["alarms"] == 0  # a handed-on task must not ring


def test_the_new_owner_has_the_same_uid_live(repo):
    _, before, after = repo
    uid = uid_of(before["calendar/people/lin.ics"], f"发布：微博：{CITY_WALK}")
    theirs = events_of(after["calendar/people/wu.ics"])[uid]
    assert theirs["status"] == "TENTATIVE"
    assert theirs["summary"] == f"【审核中】发布：微博：{CITY_WALK}"
    assert uid not in events_of(before["calendar/people/wu.ics"])


def test_a_stage_handed_on_stays_cancelled_with_the_one_who_had_it(repo):
    """The reviewer changed: 周舟's review deadline of the wechat post is now 吴言's."""
    _, before, after = repo
    uid = uid_of(before["calendar/people/zhou.ics"], f"审核截止：{TEA_WECHAT}")
    gone = events_of(after["calendar/people/zhou.ics"])[uid]
    assert (gone["status"], gone["summary"]) == ("CANCELLED", f"【已转交给 吴言】审核截止：{TEA_WECHAT}")
    assert events_of(after["calendar/people/wu.ics"])[uid]["status"] == "CONFIRMED"
    # the owner did not change: the post itself stays lin's, live
    post = uid_of(after["calendar/people/lin.ics"], f"发布：{TEA_WECHAT}")
    assert events_of(after["calendar/people/lin.ics"])[post]["status"] == "CONFIRMED"


def test_a_stage_left_to_nobody_says_so(repo):
    _, before, after = repo
    uid = uid_of(before["calendar/people/zhou.ics"], f"审核截止：微博：{CITY_WALK}")
    gone = events_of(after["calendar/people/zhou.ics"])[uid]
    assert (gone["status"], gone["summary"]) == ("CANCELLED", f"【已不再指派给你】审核截止：微博：{CITY_WALK}")


# --- deleted from the YAML -----------------------------------------------------------------


@pytest.mark.parametrize("path", ["calendar/all.ics", "calendar/wechat.ics"])
def test_a_deleted_entry_leaves_a_tombstone_in_every_calendar_that_held_its_post(repo, path):
    _, before, after = repo
    uid = uid_of(before[path], OLD_STORY)
    was, now = events_of(before[path])[uid], events_of(after[path])[uid]
    assert (was["status"], now["status"]) == ("CONFIRMED", "CANCELLED")
    assert now["summary"] == f"【已从计划中删除】微信公众号：{OLD_STORY}"
    assert now["sequence"] > was["sequence"] and now["start"] == was["start"]
    assert "/brand-stories/old-story/" not in now["description"]  # its page is gone: no link to a 404


@pytest.mark.parametrize("path", ["calendar/all.ics", "calendar/weibo.ics"])
def test_a_deleted_slot_leaves_a_tombstone(repo, path):
    _, before, after = repo
    uid = uid_of(before[path], TEA_WEIBO)
    now = events_of(after[path])[uid]
    assert (now["status"], now["summary"]) == ("CANCELLED", f"【已从计划中删除】{TEA_WEIBO}")
    # the entry's page is still there: the tombstone may link to it
    assert "/user-stories/tea-farmer/" in now["description"]


def test_a_deleted_key_date_leaves_a_tombstone_in_all_ics(repo):
    _, before, after = repo
    uid = uid_of(before["calendar/all.ics"], "父亲节")
    now = events_of(after["calendar/all.ics"])[uid]
    assert (now["status"], now["summary"]) == ("CANCELLED", "【已从计划中删除】父亲节")
    assert now["start"] == events_of(before["calendar/all.ics"])[uid]["start"]


@pytest.mark.parametrize("path", ["calendar/all.ics", "calendar/events.ics"])
def test_a_deleted_event_leaves_a_tombstone(repo, path):
    _, before, after = repo
    uid = uid_of(before[path], "夏日用户见面会")
    was, now = events_of(before[path])[uid], events_of(after[path])[uid]
    assert (now["status"], now["summary"]) == ("CANCELLED", "【已从计划中删除】夏日用户见面会")
    assert now["start"] == was["start"] and now["sequence"] > was["sequence"]


def test_people_who_held_work_of_a_deleted_slot_see_it_go(repo):
    _, before, after = repo
    for member, what in (("lin", f"发布：{TEA_WEIBO}"), ("lin", f"撰稿截止：{TEA_WEIBO}"),
                         ("zhou", f"审核截止：{TEA_WEIBO}"), ("zhou", f"发布：微信公众号：{OLD_STORY}"),
                         ("lin", f"审核截止：微信公众号：{OLD_STORY}")):
        path = f"calendar/people/{member}.ics"
        uid = uid_of(before[path], what)
        now = events_of(after[path])[uid]
        assert now["status"] == "CANCELLED" and now["summary"].startswith("【已从计划中删除】"), (member, what)


def test_nothing_else_is_a_tombstone_and_no_uid_is_lost(repo):
    """Every UID a file held is still in it (live or cancelled); only the changed things are tombstones."""
    _, before, after = repo
    for path, data in before.items():
        if not path.endswith(".ics") or path.startswith("calendar/events/") or path.startswith("events/"):
            continue
        old, new = events_of(data), events_of(after[path])
        assert set(old) <= set(new), path
    tombstones = sorted(
        (path, e["summary"]) for path, data in after.items() for e in events_of(data).values()
        if e["summary"].startswith(("【已转交给", "【已从计划中删除】", "【已不再指派给你】"))
    )
    assert tombstones == [
        ("calendar/all.ics", "【已从计划中删除】夏日用户见面会"),
        ("calendar/all.ics", "【已从计划中删除】微信公众号：青禾的第一间茶室"),
        ("calendar/all.ics", "【已从计划中删除】微博：夏日见面会报名开启"),
        ("calendar/all.ics", "【已从计划中删除】微博：茶农阿坤的一天"),
        ("calendar/all.ics", "【已从计划中删除】父亲节"),
        ("calendar/events.ics", "【已从计划中删除】夏日用户见面会"),
        ("calendar/people/lin.ics", "【已从计划中删除】发布：微博：茶农阿坤的一天"),
        ("calendar/people/lin.ics", "【已从计划中删除】审核截止：微信公众号：青禾的第一间茶室"),
        ("calendar/people/lin.ics", "【已从计划中删除】审核截止：微博：夏日见面会报名开启"),
        ("calendar/people/lin.ics", "【已从计划中删除】撰稿截止：微博：茶农阿坤的一天"),
        ("calendar/people/lin.ics", "【已转交给 吴言】发布：微博：城市漫步摄影 · 九宫格"),
        ("calendar/people/lin.ics", "【已转交给 吴言】撰稿截止：微博：城市漫步摄影 · 九宫格"),
        ("calendar/people/zhou.ics", "【已不再指派给你】审核截止：微博：城市漫步摄影 · 九宫格"),
        ("calendar/people/zhou.ics", "【已从计划中删除】发布：微信公众号：青禾的第一间茶室"),
        ("calendar/people/zhou.ics", "【已从计划中删除】发布：微博：夏日见面会报名开启"),
        ("calendar/people/zhou.ics", "【已从计划中删除】审核截止：微博：茶农阿坤的一天"),
        ("calendar/people/zhou.ics", "【已从计划中删除】撰稿截止：微信公众号：青禾的第一间茶室"),
        ("calendar/people/zhou.ics", "【已从计划中删除】撰稿截止：微博：夏日见面会报名开启"),
        ("calendar/people/zhou.ics", "【已转交给 吴言】审核截止：微信公众号：茶农阿坤的一天"),
        ("calendar/wechat.ics", "【已从计划中删除】微信公众号：青禾的第一间茶室"),
        ("calendar/weibo.ics", "【已从计划中删除】微博：夏日见面会报名开启"),
        ("calendar/weibo.ics", "【已从计划中删除】微博：茶农阿坤的一天"),
    ]


# --- the window, no history, determinism, the readers' build --------------------------------


def test_after_the_window_the_tombstones_go(repo):
    root, _, _ = repo
    later = build(root, datetime.fromisoformat("2027-06-21T09:00+08:00"), drafts=True)  # 06-10 is 11 days back
    for path, data in later.items():
        summaries = [e["summary"] for e in events_of(data).values()]
        assert not any(s.startswith(("【已转交给", "【已从计划中删除】")) for s in summaries), path


def test_the_same_plan_history_and_now_give_the_same_bytes(repo):
    root, _, after = repo
    assert build(root, NOW, drafts=True) == after


def test_without_the_history_the_calendars_are_as_before(repo, tmp_path: Path):
    """Not a repository, or a shallow clone: no tombstone, and not a byte different from a build without history."""
    root, _, after = repo
    plain = tmp_path / "plain"
    shutil.copytree(root, plain, ignore=shutil.ignore_patterns(".git"))
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{root}", str(shallow)], check=True)
    for folder in (plain, shallow):
        plan = load_plan(folder)
        shown = view(plan, NOW, True)
        assert not pipeline.week(folder, plan, shown).history.known
        without = {o.path: o.data for o in calendars.render(shown.plan, shown)}
        assert build(folder, NOW, drafts=True) == without
    assert without != after


def test_the_readers_build_names_nobody_in_a_tombstone(repo, tmp_path: Path):
    root, _, _ = repo
    out = tmp_path / "site"
    done = run_cli("--root", str(root), "--now", NOW.isoformat(), "--public", "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert not (out / "calendar" / "people").exists()
    everything = (out / "calendar" / "all.ics").read_bytes()
    gone = events_of(everything)[uid_of(everything, OLD_STORY)]
    assert gone["status"] == "CANCELLED"
    for name in ("周舟", "林晓", "吴言", "负责人", "审核人"):
        assert name not in everything.decode(), name
    # a draft readers never saw leaves no tombstone for them either
    assert CITY_WALK not in everything.decode()


def test_the_full_build_writes_the_tombstones(repo, tmp_path: Path):
    root, _, after = repo
    out = tmp_path / "site"
    done = run_cli("--root", str(root), "--now", NOW.isoformat(), "--drafts", "--out", str(out))
    assert done.returncode == 0, done.stderr
    for path in ("calendar/all.ics", "calendar/wechat.ics", "calendar/people/lin.ics"):
        assert (out / path).read_bytes() == after[path], path


def test_an_english_plan_says_it_in_english(tmp_path: Path):
    root = make_history(tmp_path / "plan", language="en")
    make_changes(root)
    after = build(root, NOW, drafts=True)
    said = {path: [e["summary"] for e in events_of(data).values()] for path, data in after.items()}
    assert f"[Handed over to 吴言] Publish: 微博: {CITY_WALK}" in said["calendar/people/lin.ics"]
    assert f"[No longer assigned to you] Review due: 微博: {CITY_WALK}" in said["calendar/people/zhou.ics"]
    assert f"[Removed from the plan] 微信公众号: {OLD_STORY}" in said["calendar/all.ics"]


# --- every reader, and a CalDAV server -----------------------------------------------------


def _tombstone_uids(before: dict[str, bytes], after: dict[str, bytes]) -> dict[str, str]:
    """path -> the UID of one tombstone there."""
    return {
        "calendar/all.ics": uid_of(before["calendar/all.ics"], OLD_STORY),
        "calendar/weibo.ics": uid_of(before["calendar/weibo.ics"], TEA_WEIBO),
        "calendar/people/lin.ics": uid_of(before["calendar/people/lin.ics"], f"发布：微博：{CITY_WALK}"),
        "calendar/people/zhou.ics": uid_of(before["calendar/people/zhou.ics"], f"审核截止：{TEA_WECHAT}"),
    }


def test_every_reader_reads_the_tombstones_cancelled_with_a_higher_sequence(repo, tmp_path: Path):
    _, before, after = repo
    chosen = _tombstone_uids(before, after)
    old_sequence = {path: events_of(before[path])[uid]["sequence"] for path, uid in chosen.items()}
    for path, uid in chosen.items():
        data = after[path]
        ical = {e.uid: e for e in IcsCalendarStream.calendar_from_ics(data.decode()).events}[uid]
        assert ical.status.value == "CANCELLED" and ical.sequence > old_sequence[path], path
        vob = {e.uid.value: e for e in vobject.readOne(data.decode(), validate=True).vevent_list}[uid]
        assert vob.status.value == "CANCELLED" and int(vob.sequence.value) > old_sequence[path], path
    read = libical_read({path: after[path] for path in chosen}, tmp_path)
    for path, uid in chosen.items():
        result = read[path]
        assert result["parse_errors"] == [] and result["restrictions_ok"], (path, result["restriction_errors"])
        event = next(e for e in result["events"] if e["uid"] == uid)
        assert event["status"] == "cancelled" and event["sequence"] > old_sequence[path], path
        assert event["alarms"] == 0


def _report(server, name: str) -> dict[str, tuple[str, bytes]]:
    """UID -> (href, calendar data) of each object in a collection (each UID in one object)."""
    answer = server.query_events(name)
    assert answer.status_code == 207
    found: dict[str, tuple[str, bytes]] = {}
    for response in ET.fromstring(answer.content).iter("{DAV:}response"):
        href = response.findtext("{DAV:}href") or ""
        data = (response.findtext(".//{urn:ietf:params:xml:ns:caldav}calendar-data") or "").encode()
        for event in parse(data).walk("VEVENT"):
            assert str(event["UID"]) not in found, f"{event['UID']} twice on the server"
            found[str(event["UID"])] = (href, data)
    return found


def test_radicale_holds_each_tombstone_once_cancelled_after_the_update(repo, tmp_path: Path):
    """Uploaded as a client holds it, then updated: as the whole new calendar, and event by event."""
    _, before, after = repo
    chosen = _tombstone_uids(before, after)
    with radicale_server(tmp_path) as server:
        for index, (path, uid) in enumerate(sorted(chosen.items())):
            whole, single = f"whole{index}", f"single{index}"
            for name in (whole, single):
                assert server.put_calendar(name, before[path]).status_code in (200, 201), path
            assert server.put_calendar(whole, after[path]).status_code in (200, 201), path
            stored = _report(server, whole)
            assert set(stored) == set(events_of(after[path])), path
            assert str(parse(stored[uid][1]).walk("VEVENT")[0]["STATUS"]) == "CANCELLED", path
            # a syncing client writes the changed event over the object that held it
            href, _ = _report(server, single)[uid]
            event = next(e for e in parse(after[path]).walk("VEVENT") if str(e["UID"]) == uid)
            one = parse(after[path])
            one.subcomponents = [c for c in one.subcomponents if c.name == "VTIMEZONE"] + [event]
            put = requests.put(server.base + href, data=one.to_ical(), auth=(server.user, ""), timeout=30,
                               headers={"Content-Type": "text/calendar; charset=utf-8"})
            assert put.status_code in (200, 201, 204), (path, put.status_code, put.text[:300])
            stored = _report(server, single)
            assert set(stored) == set(events_of(before[path])), path  # nothing duplicated
            assert str(parse(stored[uid][1]).walk("VEVENT")[0]["STATUS"]) == "CANCELLED", path
