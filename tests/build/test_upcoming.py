"""`next`: the next moment the build's output changes, checked against the
output itself. Every page (as Markdown), calendar and feed is rendered at each
moment `next` names and one second before it: nothing changes between two
of them, and something changes at each (the build's stamps aside: a
calendar's DTSTAMP, LAST-MODIFIED and SEQUENCE, an empty feed's `updated`)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from conftest import PLANS

from generator import calendars, feeds
from generator.build.prepare import checked
from generator.build.upcoming import changes, next_change
from generator.plan.check import check_plan
from generator.site import pages

PLAN = PLANS / "ontime-basic"
SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = datetime(2027, 6, 10, 20, 0, tzinfo=SHANGHAI)  # 晚八点推送, on WeChat
SECOND = timedelta(seconds=1)
_STAMPS = re.compile(rb"^(DTSTAMP|LAST-MODIFIED|SEQUENCE):.*\r\n", re.M)
_EMPTY_FEED_TIME = re.compile(rb"<(updated|lastBuildDate)>[^<]*</\1>")


def _build(now: datetime, public: bool = False):  # type: ignore[no-untyped-def]
    """What a build at `now` writes, by path (pages as Markdown), and its `next`."""
    result = check_plan(PLAN)
    as_written = result.plan
    assert as_written is not None
    _, view, findings = checked(result, now, drafts=False, public=public)
    assert view is not None
    files = {o.path: o.data for o in pages.render(view.plan, view, findings)}
    files |= {o.path: _STAMPS.sub(b"", o.data) for o in calendars.render(view.plan, view)}
    for output in feeds.render(view.plan, view):
        empty = b"<item>" not in output.data and b"<entry>" not in output.data
        files[output.path] = _EMPTY_FEED_TIME.sub(b"", output.data) if empty else output.data
    return files, next_change(as_written, view)


def _changed(before: dict[str, bytes], after: dict[str, bytes]) -> list[str]:
    return sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))


@pytest.mark.parametrize("now", [DUE - timedelta(hours=1), DUE - SECOND, datetime(2027, 6, 10, 19, 45, tzinfo=SHANGHAI)])
def test_next_names_the_post_and_its_time(now: datetime) -> None:
    _, upcoming = _build(now)
    assert upcoming.at == DUE and upcoming.at.utcoffset() == timedelta(hours=8)
    line = upcoming.line("zh")
    assert line.startswith("2027-06-10T20:00:00+08:00 ")
    assert "“晚八点推送”（微信公众号）到期" in line


def test_at_its_time_the_post_is_no_longer_next() -> None:
    _, upcoming = _build(DUE)
    assert upcoming.at == datetime(2027, 6, 11, 0, 0, tzinfo=SHANGHAI)  # the day turns next
    assert "晚八点推送" not in upcoming.line("zh")


def test_the_feed_gains_the_post_exactly_when_a_build_passes_its_time() -> None:
    before, _ = _build(DUE - SECOND)
    after, _ = _build(DUE)
    for feed in ("feeds/all.rss.xml", "feeds/wechat.rss.xml"):
        assert "晚八点推送".encode() not in before[feed]
        assert "晚八点推送".encode() in after[feed], feed
    assert "feeds/weibo.rss.xml" not in _changed(before, after)  # another channel's feed stays as it was


def _walk(start: datetime, until: datetime, public: bool) -> list[str]:
    """From `start`, moment by moment as `next` names them: what changed at each."""
    seen: list[str] = []
    now = start
    files, upcoming = _build(now, public)
    while upcoming.at is not None and upcoming.at <= until:
        just_before, _ = _build(upcoming.at - SECOND, public)
        assert _changed(files, just_before) == [], f"changed before {upcoming.at}, which next did not name"
        at, (files, following) = upcoming.at, _build(upcoming.at, public)
        changed = _changed(just_before, files)
        assert changed, f"next named {at} ({upcoming.line('zh')}) and nothing changed"
        seen.append(f"{at.isoformat()} {' '.join(changed)}")
        assert following.at is None or following.at > at
        upcoming = following
    return seen


def test_the_team_build_changes_only_when_next_says_and_each_time_it_says() -> None:
    seen = _walk(datetime(2027, 6, 9, 9, 0, tzinfo=SHANGHAI), datetime(2027, 6, 14, 0, 0, tzinfo=SHANGHAI), False)
    moments = [line.split(" ", 1)[0] for line in seen]
    assert "2027-06-10T20:00:00+08:00" in moments  # the WeChat post
    assert "2027-06-11T12:00:01+08:00" in moments  # the late draft, more than 2 days past due (lint)
    assert "2027-06-11T21:00:00+08:00" in moments  # the meetup is over
    assert "2027-06-12T09:00:00+08:00" in moments  # the Weibo post marked published
    at_eight = next(line for line in seen if line.startswith("2027-06-10T20:00:00"))
    assert "feeds/wechat.rss.xml" in at_eight and "calendar/wechat.ics" in at_eight


def test_the_readers_build_changes_only_when_next_says_until_nothing_is_ahead() -> None:
    # days turn for `next` from four weeks before the plan's first month: "coming up" reaches it then
    early, _ = _build(datetime(2027, 4, 1, 9, 0, tzinfo=SHANGHAI), public=True)
    assert _.at == datetime(2027, 5, 4, 0, 0, tzinfo=SHANGHAI)
    start = datetime(2027, 5, 4, 9, 0, tzinfo=SHANGHAI)
    seen = _walk(start, datetime(2028, 1, 1, tzinfo=SHANGHAI), True)
    # two weeks past the plan's last day (19 June: today/ and the weeks look back that far), the site stands still
    assert seen[-1].startswith("2027-07-03T00:00:00+08:00")
    files, upcoming = _build(datetime(2027, 7, 3, 0, 0, tzinfo=SHANGHAI), public=True)
    assert upcoming.at is None
    assert upcoming.line("zh") == "计划中 2027-07-03T00:00:00+08:00 之后没有会改变网站的时刻"
    later, _ = _build(datetime(2027, 9, 1, 9, 0, tzinfo=SHANGHAI), public=True)
    feeds_and_calendars = [p for p in _changed(files, later) if p.startswith(("feeds/", "calendar/"))]
    assert [p for p in feeds_and_calendars if not p.endswith(".md")] == []


def test_a_stage_that_is_done_is_no_change_and_one_that_is_not_is() -> None:
    """The WeChat post is approved: its draft and review stages are done, so their deadlines
    change nothing; the late draft's are passed; only the team's build counts stages at all."""
    result = check_plan(PLAN)
    _, view, _ = checked(result, datetime(2027, 6, 1, 9, 0, tzinfo=SHANGHAI), drafts=False)
    found = [(c.at, c.text("zh")) for c in changes(result.plan, view) if c.key == "next.stage"]
    assert found == [
        (datetime(2027, 6, 6, 12, 0, tzinfo=SHANGHAI), "“周三中午的微博”（微博）的撰稿截止"),
        (datetime(2027, 6, 8, 12, 0, tzinfo=SHANGHAI), "“周三中午的微博”（微博）的审核截止"),
    ]
    _, public, _ = checked(check_plan(PLAN), datetime(2027, 6, 1, 9, 0, tzinfo=SHANGHAI), drafts=False, public=True)
    assert [c for c in changes(result.plan, public) if c.key in ("next.stage", "next.missed")] == []
