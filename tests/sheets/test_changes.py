"""What a sheet's cells change in the plan: an edit is a cell that differs from the one
exported, deadlines follow their post unless a cell says otherwise, every sheet is read
and agrees with the others, and what cannot be written is refused at its cell."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import PLANS, edit, load_plan
from generator.sheets import Imported, export, import_sheet
from support_sheets import add_row, set_cell

NOW = dt.datetime(2027, 6, 10, tzinfo=dt.timezone.utc)
TIME = "Time (Europe/Lisbon)"
MASTODON = "products/lamp/mastodon/#1"  # 12:00, its proofreading due 2027-06-30 18:00 (given)
BLOG = "products/lamp/blog/#1"  # 10:00, deadlines computed
TOKYO = "events/tokyo-meetup/blog/#1"  # 09:00 in Tokyo, 01:00 in Lisbon


@pytest.fixture
def lantern(tmp_path: Path) -> Path:
    root = tmp_path / "lantern"
    shutil.copytree(PLANS / "sheets-basic", root)
    return root


def _import(root: Path, change: Callable, exported: bytes | None = None, name: str = "plan.xlsx") -> Imported:  # type: ignore[type-arg]
    plan = load_plan(root)
    book = load_workbook(io.BytesIO(exported or export(plan, ".xlsx", NOW)))
    change(book)
    data = io.BytesIO()
    book.save(data)
    return import_sheet(root, plan, name, data.getvalue())


def _fields(found: Imported) -> list[tuple[str, int, str, object]]:
    return [(c.path.rsplit("/", 1)[-1], c.index, c.field, c.value) for c in found.changes]


def _errors(found: Imported, language: str = "en") -> list[str]:
    return [p.line(language) for p in found.problems if p.is_error]


def _new_text(found: Imported, path: str) -> str:
    return next(o.data for o in found.files if o.path == path).decode("utf-8")


def test_a_moved_post_takes_its_computed_deadlines_along(lantern: Path) -> None:
    found = _import(lantern, lambda b: set_cell(b["All"], BLOG, TIME, dt.datetime(2027, 7, 2, 10, 0)))
    assert _fields(found) == [("lamp.yaml", 0, "at", dt.datetime(2027, 7, 2, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=1))))]
    assert "due" not in _new_text(found, "content/products/lamp.yaml").split("channel: mastodon")[0]


def test_a_deadline_cell_set_to_what_the_time_gives_adds_no_due(lantern: Path) -> None:
    def change(book):  # type: ignore[no-untyped-def]
        ws = book["All"]
        set_cell(ws, BLOG, TIME, dt.datetime(2027, 7, 2, 10, 0))
        set_cell(ws, BLOG, "Outline due", dt.datetime(2027, 6, 27, 10, 0))  # five days before, as computed

    assert [f[2] for f in _fields(_import(lantern, change))] == ["at"]


def test_another_deadline_is_written_as_the_posts_due_in_its_zone(lantern: Path) -> None:
    found = _import(lantern, lambda b: set_cell(b["All"], TOKYO, "Outline due", dt.datetime(2027, 7, 1, 2, 0)))
    text = _new_text(found, "content/events/tokyo-meetup.yaml")
    assert "  title: Meet us in Tokyo\n  due: {outline: 2027-07-01 10:00}\n" in text  # 02:00 in Lisbon


def test_a_given_deadline_cleared_goes_back_to_the_computed_one(lantern: Path) -> None:
    found = _import(lantern, lambda b: set_cell(b["All"], MASTODON, "Proofread due", None))
    assert _fields(found) == [("lamp.yaml", 1, "due.proof", None)]
    assert "due:" not in _new_text(found, "content/products/lamp.yaml")


def test_an_emptied_status_owner_or_title_falls_back_to_the_entrys(lantern: Path) -> None:
    def change(book):  # type: ignore[no-untyped-def]
        ws = book["All"]
        set_cell(ws, "products/lamp/news-pt/#1", "Status", None)
        set_cell(ws, "products/lamp/news-pt/#1", "Owner", None)

    found = _import(lantern, change)
    assert _fields(found) == [("lamp.yaml", 2, "status", None), ("lamp.yaml", 2, "owner", None)]


def test_a_month_sheet_is_read_too_and_two_sheets_must_agree(lantern: Path) -> None:
    found = _import(lantern, lambda b: set_cell(b["2027-07"], BLOG, "Title", "Lamp day"))
    assert _fields(found) == [("lamp.yaml", 0, "title", "Lamp day")]

    def both(book):  # type: ignore[no-untyped-def]
        set_cell(book["All"], BLOG, "Title", "Lamp day")
        return set_cell(book["2027-07"], BLOG, "Title", "Lamp night")

    found = _import(lantern, both)
    (line,) = _errors(found)
    assert line.startswith("plan.xlsx:2027-07!F")
    assert "disagrees with the change at All!F3 ('Lamp night' and 'Lamp day')" in line


def test_a_sheet_imported_twice_changes_nothing_twice(lantern: Path) -> None:
    def change(book):  # type: ignore[no-untyped-def]
        ws = book["All"]
        set_cell(ws, BLOG, "Title", "Lamp day")
        add_row(ws, {"Entry": "lamp", "Channel": "Blog", TIME: dt.datetime(2027, 7, 20, 9, 0), "Title": "A month on"})

    plan = load_plan(lantern)
    book = load_workbook(io.BytesIO(export(plan, ".xlsx", NOW)))
    change(book)
    data = io.BytesIO()
    book.save(data)
    first = import_sheet(lantern, plan, "plan.xlsx", data.getvalue())
    for output in first.files:
        (lantern / output.path).write_bytes(output.data)
    again = import_sheet(lantern, load_plan(lantern), "plan.xlsx", data.getvalue())
    assert again.files == () and not again.refused  # the month sheet still says the old title: not an edit
    (said,) = again.problems
    assert said.line("en") == (
        f"plan.xlsx:All!C{book['All'].max_row}: warning: the plan already has this post (products/lamp/blog/#2): not added again"
    )


def test_a_cell_the_plan_changed_since_the_export_is_not_undone(lantern: Path) -> None:
    exported = export(load_plan(lantern), ".xlsx", NOW)
    edit(lantern / "content/products/lamp.yaml", '"Lantern Lamp: it is here"', '"Lantern Lamp: out now"')

    found = _import(lantern, lambda b: set_cell(b["All"], BLOG, "Owner", "Rita"), exported)
    assert _fields(found) == [("lamp.yaml", 0, "owner", "rita")]  # the new title stays
    found = _import(lantern, lambda b: set_cell(b["All"], BLOG, "Title", "Lamp!"), exported)
    (line,) = _errors(found)
    assert "since the sheet was exported this became 'Lantern Lamp: out now' in the plan" in line


def test_without_its_hidden_copy_a_sheet_is_compared_with_the_plan_today(lantern: Path) -> None:
    def change(book):  # type: ignore[no-untyped-def]
        del book["Exported"]
        set_cell(book["All"], BLOG, "Title", "Lamp day")

    assert _fields(_import(lantern, change)) == [("lamp.yaml", 0, "title", "Lamp day")]


def test_what_the_sheet_cannot_change_is_refused_at_its_cell(lantern: Path) -> None:
    def change(book):  # type: ignore[no-untyped-def]
        ws = book["All"]
        set_cell(ws, BLOG, "Entry", "tokyo-meetup")
        set_cell(ws, BLOG, "Campaign", "Winter")
        set_cell(ws, MASTODON, "Post URL", "https://example.org/lamp")  # an approved post
        set_cell(ws, "products/lamp/news-pt/#1", "Channel", None)

    lines = _errors(_import(lantern, change))
    assert len(lines) == 4
    assert "this row's post belongs to products/lamp and cannot move to another entry here; put 'Entry' back to 'lamp'" in lines[0]
    assert "the column 'Campaign' is exported, not imported (it is the entry's: change it in content/products/lamp.yaml)" in lines[1]
    assert "url is only for a Published (published) slot; this slot is Approved" in lines[2]
    assert "this post needs a Channel" in lines[3]


def test_a_new_row_names_its_entry_and_needs_a_channel_and_a_time(lantern: Path) -> None:
    def change(book):  # type: ignore[no-untyped-def]
        ws = book["All"]
        add_row(ws, {"Entry": "lamp", "Channel": "Mastodon", TIME: dt.date(2027, 7, 15), "Status": "Draft",
                     "Owner": "Tomás Reis", "Copy title": "Soon"})  # the entry's owner: not written again
        add_row(ws, {"Kind": "Product", "Entry": "lamps", "Channel": "Blog", TIME: dt.date(2027, 7, 15)})
        add_row(ws, {"Entry": "origins", TIME: dt.date(2027, 7, 15)})

    found = _import(lantern, change)
    assert _errors(found) == [
        "plan.xlsx:All!B12: error: the plan has no product 'lamps'; did you mean 'lamp'?",
        "plan.xlsx:All!D13: error: this post needs a Channel",
    ]
    change_only_first = lambda book: add_row(book["All"], {  # noqa: E731
        "Entry": "lamp", "Channel": "Mastodon", TIME: dt.date(2027, 7, 15), "Status": "Draft", "Owner": "Tomás Reis",
        "Copy title": "Soon"})
    found = _import(lantern, change_only_first)
    assert _new_text(found, "content/products/lamp.yaml").endswith(
        "        # the English letter goes out with the Portuguese one\n"
        "    -   channel: mastodon\n        at: 2027-07-15\n        status: draft\n        copy:\n            title: Soon\n"
        "# nothing after the lamp's posts\n"
    )


def test_headers_in_another_zone_or_none_known_are_refused(lantern: Path, tmp_path: Path) -> None:
    found = _import(lantern, lambda b: b["All"].cell(1, 5, "Time (Asia/Tokyo)"))
    assert "this sheet's times are in Asia/Tokyo but the plan's zone is Europe/Lisbon" in _errors(found)[0]
    found = import_sheet(lantern, load_plan(lantern), "plan.csv", "Entry,Title\r\nlamp,x\r\n".encode())
    assert _errors(found) == [
        "plan.csv:A1: error: this sheet has no 'Slot key' column, so its rows cannot be matched to the plan's posts:"
        " edit a sheet made by export"
    ]
    found = _import(lantern, lambda b: b["All"].cell(1, 30, "Notes"))
    assert [p.line("en") for p in found.problems] == ["plan.xlsx:All!AD1: warning: unknown column 'Notes', not read"]
    assert not found.refused
    broken = import_sheet(lantern, load_plan(lantern), "plan.xlsx", b"PK\x03\x04 not a workbook")
    assert broken.refused and broken.problems[0].line("en").startswith("plan.xlsx: error: cannot read this file: ")
