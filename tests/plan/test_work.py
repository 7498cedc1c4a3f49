"""Who does what by when (plan/work.py), as the team pages and the digest read it."""

from __future__ import annotations

from datetime import datetime

from conftest import PLANS, load_plan
from generator.plan.progress import as_of
from generator.plan.work import DONE, PENDING, work

NOW = datetime.fromisoformat("2027-06-14T09:00+08:00")


def test_each_member_has_their_stages_and_posts_in_time_order() -> None:
    plan = as_of(load_plan(PLANS / "history-week"), NOW)
    tasks = work(plan)
    said = {
        member: [(t.slot.key, t.deadline.stage.id if t.deadline else "post", t.state(NOW)) for t in found]
        for member, found in tasks.items()
    }
    # city-walk is in review: its draft stage is done, its review stage is its reviewer's (周舟) to do
    assert ("user-stories/city-walk/weibo/#1", "draft", DONE) in said["lin"]
    assert ("user-stories/city-walk/weibo/#1", "review", PENDING) in said["zhou"]
    assert ("user-stories/city-walk/weibo/#1", "post", PENDING) in said["lin"]
    assert said["wu"] == []
    for found in tasks.values():
        assert [t.begins() for t in found] == sorted(t.begins() for t in found)
