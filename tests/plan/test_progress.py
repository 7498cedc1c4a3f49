"""Where each post's work stands: stage deadlines from the workflow, and the status rule said once.

The plans are the checker's minimal plan with a workflow and people written
into its files, as a planner would write them.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import edit, load_plan
from generator.plan import progress
from generator.plan.model import Kind, Plan, Slot, Status
from generator.plan.visibility import view

SHANGHAI = ZoneInfo("Asia/Shanghai")
WORKFLOW = """workflow:
  - id: brief
    name: 选题
    before: 7d
    done: draft
  - id: draft
    name: 撰稿
    before: 36h
  - id: review
    name: 审核
    before: 2h
    who: reviewer
team:
"""


@pytest.fixture
def root(plan_copy) -> Path:  # type: ignore[no-untyped-def]
    root = plan_copy("check-minimal")
    edit(root / "content/site.yaml", "team:\n", WORKFLOW)
    edit(root / "content/products/band-9.yaml", "owner: han-mei\n", "owner: han-mei\nreviewer: li-lei\n")
    return root


def _slot(plan: Plan, kind: Kind, entry_id: str, index: int = 0) -> Slot:
    entry = plan.entry(kind, entry_id)
    assert entry is not None
    return entry.slots[index]


def _deadlines(slot: Slot) -> dict[str, tuple[object, str | None]]:
    return {d.stage.id: (d.at, d.person) for d in slot.deadlines}


def test_a_timed_slots_deadlines_count_back_from_its_moment_and_go_to_who_does_them(root: Path) -> None:
    slot = _slot(load_plan(root), Kind.PRODUCT, "band-9")
    at = datetime(2027, 3, 1, 20, 0, tzinfo=SHANGHAI)
    assert slot.at == at
    assert (slot.owner, slot.reviewer) == ("han-mei", "li-lei")  # the entry's, by default
    assert _deadlines(slot) == {
        "brief": (at - timedelta(days=7), "han-mei"),
        "draft": (at - timedelta(hours=36), "han-mei"),
        "review": (at - timedelta(hours=2), "li-lei"),
    }
    assert [d.stage.done for d in slot.deadlines] == [Status.DRAFT, Status.REVIEW, Status.APPROVED]


def test_a_date_slots_deadlines_are_dates_whole_days_back(root: Path) -> None:
    edit(root / "content/user-stories/hiking.yaml", "title: 川西徒步的七天\n", "title: 川西徒步的七天\nowner: li-lei\n")
    slot = _slot(load_plan(root), Kind.USER_STORY, "hiking")
    assert slot.at == date(2027, 3, 10)
    # 36h before a day is two days before it: a date slot has no hour to count back from
    assert _deadlines(slot) == {
        "brief": (date(2027, 3, 3), "li-lei"),
        "draft": (date(2027, 3, 8), "li-lei"),
        "review": (date(2027, 3, 9), None),  # nobody reviews this one
    }


def test_a_slot_names_its_own_people_and_moves_a_stage_with_due(root: Path) -> None:
    edit(
        root / "content/products/band-9.yaml",
        "    id: launch-post\n",
        "    id: launch-post\n    owner: li-lei\n    reviewer: han-mei\n    due: {draft: 2027-02-25 18:00, brief: 2027-02-20}\n",
    )
    slot = _slot(load_plan(root), Kind.PRODUCT, "band-9")
    at = datetime(2027, 3, 1, 20, 0, tzinfo=SHANGHAI)
    assert _deadlines(slot) == {
        "brief": (date(2027, 2, 20), "li-lei"),
        "draft": (datetime(2027, 2, 25, 18, 0, tzinfo=SHANGHAI), "li-lei"),
        "review": (at - timedelta(hours=2), "han-mei"),
    }
    assert [d.given for d in slot.deadlines] == [True, True, False]


def test_moving_a_slot_moves_its_deadlines_and_keeps_their_keys(root: Path) -> None:
    before = _slot(load_plan(root), Kind.PRODUCT, "band-9")
    edit(root / "content/products/band-9.yaml", "    at: 2027-03-01 20:00\n", "    at: 2027-03-04 09:30\n")
    after = _slot(load_plan(root), Kind.PRODUCT, "band-9")
    assert after.key == before.key
    assert [d.key for d in after.deadlines] == [d.key for d in before.deadlines]
    assert len({d.key for d in after.deadlines}) == 3
    for old, new in zip(before.deadlines, after.deadlines):
        assert new.at - old.at == after.at - before.at


def test_without_a_workflow_the_stages_are_draft_and_review(plan_copy) -> None:  # type: ignore[no-untyped-def]
    plan = load_plan(plan_copy("check-minimal"))
    slot = _slot(plan, Kind.PRODUCT, "band-9")
    at = datetime(2027, 3, 1, 20, 0, tzinfo=SHANGHAI)
    assert [(d.stage.id, d.at, d.stage.who, d.stage.done) for d in slot.deadlines] == [
        ("draft", at - timedelta(days=3), "owner", Status.REVIEW),
        ("review", at - timedelta(days=1), "reviewer", Status.APPROVED),
    ]


# --- the status rule ---------------------------------------------------------------------

def _published_plan(root: Path) -> Plan:
    edit(root / "content/products/band-9.yaml", "owner: han-mei\n", "owner: han-mei\nstatus: published\n")
    edit(
        root / "content/products/band-9.yaml",
        "    id: launch-post\n",
        "    id: launch-post\n  - channel: wechat\n    at: 2027-04-01 20:00\n  - channel: wechat\n    at: 2027-05-01 20:00\n"
        "    status: approved\n",
    )
    return load_plan(root)


def test_a_published_entrys_posts_are_published_only_once_their_time_has_come(root: Path) -> None:
    plan = _published_plan(root)
    on_launch = datetime(2027, 3, 1, 20, 0, tzinfo=SHANGHAI)
    early = view(plan, on_launch - timedelta(minutes=1), drafts=False).plan
    assert [s.status for s in early.entry(Kind.PRODUCT, "band-9").slots] == [Status.APPROVED] * 3
    shown = view(plan, on_launch, drafts=False).plan
    assert [s.status for s in shown.entry(Kind.PRODUCT, "band-9").slots] == [
        Status.PUBLISHED,  # its time has come
        Status.APPROVED,  # scheduled: April is still to come
        Status.APPROVED,  # written so
    ]
    # the plan as checked says what was written; only a build's view applies the rule
    assert plan.entry(Kind.PRODUCT, "band-9").slots[1].status is Status.PUBLISHED


def test_a_due_post_still_approved_is_overdue_and_a_published_one_is_not(root: Path) -> None:
    plan = _published_plan(root)
    may = datetime(2027, 5, 1, 20, 0, tzinfo=SHANGHAI)
    shown = view(plan, may, drafts=False)
    march, april, written_approved = shown.plan.entry(Kind.PRODUCT, "band-9").slots
    assert [shown.overdue(s) for s in (march, april, written_approved)] == [False, False, True]
    assert not view(plan, may - timedelta(seconds=1), drafts=False).overdue(written_approved)


def test_a_stage_is_late_once_its_deadline_has_come_and_the_slot_is_short_of_its_done(root: Path) -> None:
    edit(root / "content/products/band-9.yaml", "    id: launch-post\n", "    id: launch-post\n    status: draft\n")
    slot = _slot(load_plan(root), Kind.PRODUCT, "band-9")
    brief, draft, review = slot.deadlines
    at_draft = draft.at
    assert isinstance(at_draft, datetime)
    assert progress.is_done(slot, brief)  # brief is done once the slot is a draft
    assert not progress.is_late(slot, draft, at_draft - timedelta(seconds=1))
    assert progress.is_late(slot, draft, at_draft)
    assert progress.is_late(slot, review, slot.at)


def test_the_rule_leaves_a_plan_with_nothing_to_change_as_it_is(plan_copy) -> None:  # type: ignore[no-untyped-def]
    plan = load_plan(plan_copy("check-minimal"))
    assert progress.as_of(plan, datetime(2030, 1, 1, tzinfo=SHANGHAI)) is plan
