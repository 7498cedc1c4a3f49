"""Two checked plans compared thing by thing (history/compare.py): what is new,
removed, cancelled, restored, moved or reassigned, by the format's identities.

No git here: each test loads the history-week plan, edits its files as an
editor would, loads it again, and compares the two models.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from conftest import edit, load_plan
from generator.history import ChangeKind, Subject, compare
from generator.history.model import Change

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _summary(changes: tuple[Change, ...]) -> list[tuple[str, str, str]]:
    return [(c.kind.value, c.subject.value, c.key) for c in changes]


def test_an_unchanged_plan_has_no_change(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    assert compare(load_plan(root), load_plan(root)) == ()


def test_a_moved_slot_keeps_its_identity_and_says_old_and_new_time(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/user-stories/tea-farmer.yaml", "at: 2027-06-16 20:00", "at: 2027-06-18 20:00")
    (change,) = compare(old, load_plan(root))
    assert (change.kind, change.subject, change.key) == (ChangeKind.MOVED, Subject.SLOT, "user-stories/tea-farmer/wechat/#1")
    assert change.old.when.start == datetime(2027, 6, 16, 20, 0, tzinfo=SHANGHAI)
    assert change.new.when.start == datetime(2027, 6, 18, 20, 0, tzinfo=SHANGHAI)
    assert (change.channel, change.channel_name, change.entry_title) == ("wechat", "微信公众号", "茶农阿坤的一天")


def test_the_same_instant_in_another_offset_is_no_move(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/user-stories/tea-farmer.yaml", "at: 2027-06-16 20:00", "at: 2027-06-16T12:00Z")
    assert compare(old, load_plan(root)) == ()


def test_a_cancelled_event_is_one_change_not_one_per_slot(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/events/summer-meetup.yaml", "format: offline\n", "format: offline\nstatus: cancelled\n")
    cancelled = load_plan(root)
    (change,) = compare(old, cancelled)
    assert (change.kind, change.subject, change.key) == (ChangeKind.CANCELLED, Subject.ENTRY, "events/summer-meetup")
    assert change.new.when.start == datetime(2027, 6, 26, 14, 0, tzinfo=SHANGHAI)
    assert change.new.when.end == datetime(2027, 6, 26, 17, 0, tzinfo=SHANGHAI)
    # taking the cancellation back is a change of its own, and again one for the event and its slot
    edit(root / "content/events/summer-meetup.yaml", "status: cancelled\n", "")
    assert _summary(compare(cancelled, load_plan(root))) == [("restored", "entry", "events/summer-meetup")]


def test_a_post_that_changes_hands_is_reassigned_with_both_names(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/user-stories/city-walk.yaml", "    title: 城市漫步摄影 · 九宫格\n",
         "    title: 城市漫步摄影 · 九宫格\n    owner: wu\n")
    (change,) = compare(old, load_plan(root))
    assert (change.kind, change.subject) == (ChangeKind.REASSIGNED, Subject.SLOT)
    assert (change.old.owner.id, change.old.owner.name) == ("lin", "林晓")
    assert (change.new.owner.id, change.new.owner.name) == ("wu", "吴言")


def test_an_entry_that_changes_hands_carries_its_slots(plan_copy) -> None:  # type: ignore[no-untyped-def]
    """The slots that follow their entry's owner are the entry's reassignment, said once."""
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/user-stories/tea-farmer.yaml", "owner: lin\n", "owner: wu\n")
    assert _summary(compare(old, load_plan(root))) == [("reassigned", "entry", "user-stories/tea-farmer")]


def test_new_and_removed_entries_and_slots(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    (root / "content/brand-stories/old-story.yaml").unlink()
    (root / "content/user-stories/new-recipe.yaml").write_text(
        "title: 新品茶饮教程\nowner: wu\npublish:\n  - channel: wechat\n    at: 2027-06-21 20:00\n", encoding="utf-8"
    )
    edit(root / "content/user-stories/tea-farmer.yaml", "  - channel: weibo\n    at: 2027-06-17 12:00\n",
         "  - channel: weibo\n    at: 2027-06-17 12:00\n  - channel: weibo\n    at: 2027-06-24 12:00\n")
    changes = compare(old, load_plan(root))
    assert sorted(_summary(changes)) == [
        ("new", "entry", "user-stories/new-recipe"),
        ("new", "slot", "user-stories/tea-farmer/weibo/#2"),
        ("removed", "entry", "brand-stories/old-story"),
    ]
    removed = next(c for c in changes if c.kind is ChangeKind.REMOVED)
    assert removed.new is None and removed.old.owner.name == "周舟" and removed.title == "青禾的第一间茶室"
    assert removed.source == "content/brand-stories/old-story.yaml"


def test_a_moved_and_reassigned_slot_is_two_changes(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/user-stories/tea-farmer.yaml", "    at: 2027-06-17 12:00\n",
         "    at: 2027-06-18 12:00\n    owner: zhou\n")
    assert sorted(_summary(compare(old, load_plan(root)))) == [
        ("moved", "slot", "user-stories/tea-farmer/weibo/#1"),
        ("reassigned", "slot", "user-stories/tea-farmer/weibo/#1"),
    ]


def test_a_moved_event_and_key_date(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/events/summer-meetup.yaml", "end: 2027-06-26 17:00", "end: 2027-06-26 18:00")
    edit(root / "calendar/key-dates.yaml", "- date: 2027-06-20\n", "- date: 2027-06-21\n")
    changes = compare(old, load_plan(root))
    assert sorted(_summary(changes)) == [
        ("moved", "entry", "events/summer-meetup"),
        # a key date without an id is known by its date and title: moving it is a new one
        ("new", "key-date", "2027-06-21/父亲节"),
        ("removed", "key-date", "2027-06-20/父亲节"),
    ]


def test_a_key_date_with_an_id_moves(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    edit(root / "calendar/key-dates.yaml", "- date: 2027-06-18\n", "- id: six-eighteen\n  date: 2027-06-18\n")
    old = load_plan(root)
    edit(root / "calendar/key-dates.yaml", "  date: 2027-06-18\n", "  date: 2027-06-18\n  end: 2027-06-19\n")
    (change,) = compare(old, load_plan(root))
    assert (change.kind, change.subject, change.key) == (ChangeKind.MOVED, Subject.KEY_DATE, "six-eighteen")
    assert (change.old.when.start, change.old.when.end) == (date(2027, 6, 18), date(2027, 6, 18))
    assert change.new.when.end == date(2027, 6, 19)


def test_a_cancelled_slot_is_not_also_moved(plan_copy) -> None:  # type: ignore[no-untyped-def]
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/user-stories/tea-farmer.yaml", "    at: 2027-06-17 12:00\n",
         "    at: 2027-06-19 12:00\n    status: cancelled\n")
    assert _summary(compare(old, load_plan(root))) == [("cancelled", "slot", "user-stories/tea-farmer/weibo/#1")]


def test_readers_see_no_reassignment_and_nothing_of_drafts(plan_copy) -> None:  # type: ignore[no-untyped-def]
    """`team_only`: what the readers' build leaves out (`History.shown`)."""
    root = plan_copy("history-week")
    old = load_plan(root)
    edit(root / "content/user-stories/tea-farmer.yaml", "owner: lin\n", "owner: wu\n")
    # city-walk is in review: a draft, before and after its move
    edit(root / "content/user-stories/city-walk.yaml", "at: 2027-06-19 10:00", "at: 2027-06-20 10:00")
    edit(root / "content/user-stories/tea-farmer.yaml", "at: 2027-06-16 20:00", "at: 2027-06-18 20:00")
    changes = {(c.kind.value, c.key): c.team_only for c in compare(old, load_plan(root))}
    assert changes == {
        ("reassigned", "user-stories/tea-farmer"): True,
        ("moved", "user-stories/city-walk/weibo/#1"): True,
        ("moved", "user-stories/tea-farmer/wechat/#1"): False,
    }
