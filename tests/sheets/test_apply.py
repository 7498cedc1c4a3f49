"""Changes written into YAML: each edit where it belongs, in the file's own style, and
every line it does not reach byte for byte as it was, comments included."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from generator.sheets.apply import apply
from generator.sheets.changes import Addition, Change

PATH = "content/products/lamp.yaml"
LISBON = ZoneInfo("Europe/Lisbon")


def _change(index: int, field: str, value: object) -> Change:
    return Change(PATH, index, field, value, "All!E2", "Time", "", "")


def _apply(text: str, *changes: Change, added: tuple[Addition, ...] = (), encoding: str = "utf-8") -> str:
    return apply({PATH: text.encode(encoding)}, changes, added)[PATH].decode(encoding)


SLOTS = """\
title: Lamp   # the product
publish:
  - channel: blog
    at: 2027-07-01 10:00   # launch
    title: 'Lamp: out'
    # then the social posts
  - channel: mastodon
    at: 2027-07-01T12:00+01:00
    due: {proof: 2027-06-30 18:00}
    # the last comment of the slots
# and of the file
"""


def test_a_value_replaced_keeps_its_line_comment_and_quotes() -> None:
    out = _apply(SLOTS, _change(0, "at", dt.datetime(2027, 7, 2, 9, 30, tzinfo=LISBON)), _change(0, "title", "Lamp: here"))
    assert out == SLOTS.replace("at: 2027-07-01 10:00   # launch", "at: 2027-07-02 09:30   # launch").replace(
        "'Lamp: out'", "'Lamp: here'"
    )


def test_a_moment_is_written_as_the_one_it_replaces_was() -> None:
    out = _apply(SLOTS, _change(1, "at", dt.datetime(2027, 7, 2, 13, 30, tzinfo=LISBON)))
    assert "    at: 2027-07-02T13:30+01:00\n" in out
    out = _apply(SLOTS, _change(1, "at", dt.date(2027, 7, 2)))
    assert "    at: 2027-07-02\n" in out


def test_a_new_key_goes_where_the_format_lists_it_and_comments_stay_below() -> None:
    out = _apply(SLOTS, _change(0, "owner", "kenji"), _change(1, "status", "draft"))
    assert out == SLOTS.replace("    title: 'Lamp: out'\n", "    title: 'Lamp: out'\n    owner: kenji\n").replace(
        "    at: 2027-07-01T12:00+01:00\n", "    at: 2027-07-01T12:00+01:00\n    status: draft\n"
    )


def test_a_key_after_the_last_line_comes_before_the_comments_that_follow() -> None:
    out = _apply(SLOTS, _change(1, "copy.title", "Out now"))
    assert out == SLOTS.replace(
        "    due: {proof: 2027-06-30 18:00}\n", "    due: {proof: 2027-06-30 18:00}\n    copy:\n      title: Out now\n"
    )


def test_a_deadline_added_and_one_given_back_to_its_computed_time() -> None:
    at = dt.datetime(2027, 6, 25, 10, 0, tzinfo=LISBON)
    out = _apply(SLOTS, _change(0, "due.outline", at), _change(1, "due.proof", None))
    assert "    title: 'Lamp: out'\n    due: {outline: 2027-06-25 10:00}\n    # then the social posts\n" in out
    assert "due: {proof" not in out
    assert out.endswith("    at: 2027-07-01T12:00+01:00\n    # the last comment of the slots\n# and of the file\n")


def test_copy_text_is_a_block_and_tags_a_flow_list() -> None:
    out = _apply(SLOTS, _change(0, "copy.text", "Line one.\nLine two."), _change(0, "copy.tags", ("lamp", "launch")))
    assert "    title: 'Lamp: out'\n    copy:\n      text: |\n        Line one.\n        Line two.\n" in out
    assert "      tags: [lamp, launch]\n    # then the social posts\n" in out
    removed = _apply(out, _change(0, "copy.text", None), _change(0, "copy.tags", None))
    assert removed == SLOTS


def test_a_new_slot_goes_after_the_last_one_and_its_comments_before_the_files() -> None:
    added = Addition(PATH, (("channel", "blog"), ("at", dt.date(2027, 7, 9)), ("title", "More")), "All!A9", "")
    out = _apply(SLOTS, added=(added,))
    assert out == SLOTS.replace(
        "    # the last comment of the slots\n",
        "    # the last comment of the slots\n  - channel: blog\n    at: 2027-07-09\n    title: More\n",
    )


def test_a_first_slot_makes_the_publish_list() -> None:
    added = Addition(PATH, (("channel", "blog"), ("at", dt.datetime(2027, 7, 9, 8, 0, tzinfo=LISBON))), "A2", "")
    assert _apply("title: Lamp\n", added=(added,)) == "title: Lamp\npublish:\n  - channel: blog\n    at: 2027-07-09 08:00\n"
    assert _apply("title: Lamp\npublish: []\n", added=(added,)) == (
        "title: Lamp\npublish:\n  - channel: blog\n    at: 2027-07-09 08:00\n"
    )


def test_the_files_own_indentation_line_ends_and_mark_are_kept() -> None:
    text = "\ufefftitle: Lamp\r\npublish:\r\n    -   channel: blog\r\n        at: 2027-07-01\r\n"
    data = apply({PATH: text.encode("utf-8")}, [_change(0, "title", "Lamp day")], [])[PATH]
    assert data == text.replace("at: 2027-07-01\r\n", "at: 2027-07-01\r\n        title: Lamp day\r\n").encode("utf-8")
    margin = "title: Lamp\npublish:\n- channel: blog\n  at: 2027-07-01\n"
    assert _apply(margin, _change(0, "owner", "rita")) == margin + "  owner: rita\n"
