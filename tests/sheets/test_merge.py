"""The three-way merge of lines: the file's own lines where the edit did not reach."""

from __future__ import annotations

from generator.sheets.merge import differing_lines, merge

ORIGINAL = "a:   1\nlist:\n- x\n- y\nb: 2   # two\nc: 3\n"
ROUNDTRIP = "a: 1\nlist:\n  - x\n  - y\nb: 2   # two\nc: 3\n"  # how a dumper lays the file out


def test_lines_the_edit_did_not_touch_stay_as_the_file_has_them() -> None:
    edited = ROUNDTRIP.replace("c: 3", "c: 4")
    assert merge(ORIGINAL, ROUNDTRIP, edited) == ORIGINAL.replace("c: 3", "c: 4")


def test_a_stretch_both_changed_is_the_edits_between_the_lines_all_three_share() -> None:
    edited = ROUNDTRIP.replace("  - y\n", "  - y\n  - z\n")
    # `list:` and `b:` are the same in all three: what lies between them is the edit's
    assert merge(ORIGINAL, ROUNDTRIP, edited) == "a:   1\nlist:\n  - x\n  - y\n  - z\nb: 2   # two\nc: 3\n"


def test_lines_added_after_a_shared_line_and_at_the_end() -> None:
    edited = ROUNDTRIP.replace("b: 2   # two\n", "b: 2   # two\n# new\n") + "d: 5\n"
    assert merge(ORIGINAL, ROUNDTRIP, edited) == ORIGINAL.replace("b: 2   # two\n", "b: 2   # two\n# new\n") + "d: 5\n"


def test_how_far_a_dump_is_from_its_file() -> None:
    assert differing_lines(ORIGINAL, ORIGINAL) == 0
    assert differing_lines(ORIGINAL, ROUNDTRIP) == 3
