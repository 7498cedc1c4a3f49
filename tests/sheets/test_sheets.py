"""The round trip a manager makes, through the real command line: export, edit in a
spreadsheet (openpyxl, LibreOffice, a CSV from an older Excel), import as a dry run,
import --apply; the YAML changes by exactly the edits, byte for byte elsewhere, the
plan checks, and export gives the cells the manager left."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import PLANS, run_cli
from support_sheets import (
    CSV_UTF8,
    NOW,
    add_row,
    by_key,
    csv_bytes,
    csv_rows,
    example_plan,
    header_like,
    plan_files,
    row_of,
    set_cell,
    sheet_rows,
    soffice,
)

XIAOMI_19 = "content/products/xiaomi-19.yaml"
LIVESTREAM = "content/events/band-618-livestream.yaml"
REWRITTEN = "events/band-618-livestream/weibo/#1"  # its copy, a block of three lines
NEW_COPY = "6 月 17 日晚 8 点，手环 11 专场直播📺\n首发价和 500 份表带礼包，一场讲完。"
MOVED = "products/xiaomi-19/weibo/#2"
HANDED = "products/xiaomi-19/bilibili/#1"


def _example_edits(path: Path, out: Path) -> dict[str, str]:
    """The four edits of the issue on the example plan; the cells they are in."""
    book = load_workbook(path)
    ws = book["全部"]
    time = header_like(ws, "时间")
    cells = {
        "moved": set_cell(ws, MOVED, time, dt.datetime(2027, 10, 2, 11, 0)),
        "owner": set_cell(ws, HANDED, "负责人", "林菲"),
        "copy": set_cell(ws, HANDED, "文案标题", "十个细节"),
    }
    set_cell(ws, HANDED, "文案正文", "第一行\n第二行")
    set_cell(ws, HANDED, "文案话题", "小米19、上手")
    cells["rewritten"] = set_cell(ws, REWRITTEN, "文案正文", NEW_COPY)
    row = add_row(ws, {"类型": "产品", "条目": "xiaomi-19", "渠道": "微信公众号", time: dt.datetime(2027, 12, 30, 20, 0),
                       "标题": "年终回顾"})
    cells["added"] = f"A{row}"
    book.save(out)
    return cells


def _example_expected(original: bytes) -> bytes:
    text = original.decode("utf-8")
    for old, new in (
        ("    owner: wang-xiaotong\n    title: 【上手】小米 19 的十个细节\n",
         "    owner: lin-fei\n    title: 【上手】小米 19 的十个细节\n    copy:\n      title: 十个细节\n"
         "      text: |\n        第一行\n        第二行\n      tags: [小米19, 上手]\n"),
        ("    at: 2027-10-01 10:00\n    title: 国庆首销今日开启\n", "    at: 2027-10-02 11:00\n    title: 国庆首销今日开启\n"),
    ):
        assert text.count(old) == 1
        text = text.replace(old, new)
    return (text + "  - channel: wechat\n    at: 2027-12-30 20:00\n    title: 年终回顾\n").encode("utf-8")


def _expected(before: dict[str, bytes]) -> dict[str, bytes]:
    old = (
        "        6 月 17 日晚 8 点，小米手环 11 专场直播📺\n        首发价、米粉专享表带、500 份表带礼包，一场讲完。\n"
        "        定好闹钟，抖音和小米社区直播间同步开播！\n"
    )
    text = before[LIVESTREAM].decode("utf-8")
    assert text.count(old) == 1
    new = "".join(f"        {line}\n" for line in NEW_COPY.split("\n"))
    return {XIAOMI_19: _example_expected(before[XIAOMI_19]), LIVESTREAM: text.replace(old, new).encode("utf-8")}


def _assert_only_the_edits(root: Path, before: dict[str, bytes], expected: dict[str, bytes]) -> None:
    after = plan_files(root)
    assert after.keys() == before.keys()
    for path, data in after.items():
        assert data == expected.get(path, before[path]), path


def test_the_example_plan_round_trips_through_an_edited_xlsx(tmp_path: Path) -> None:
    root = example_plan(tmp_path)
    before = plan_files(root)
    sheet = tmp_path / "plan.xlsx"
    exported = run_cli("export", str(sheet), "--root", str(root), "--now", NOW)
    assert exported.returncode == 0, exported.stderr
    assert "plan.xlsx" in exported.stdout and "525 次发布" in exported.stdout
    edited = tmp_path / "edited.xlsx"
    cells = _example_edits(sheet, edited)

    dry = run_cli("import", str(edited), "--root", str(root))
    assert dry.returncode == 0, dry.stderr
    assert plan_files(root) == before  # a dry run writes nothing
    lines = dry.stdout.splitlines()
    assert XIAOMI_19 in lines
    assert f"  全部!{cells['moved']} 时间（Asia/Shanghai）：2027-10-01 10:00 → 2027-10-02 11:00" in lines
    assert f"  全部!{cells['owner']} 负责人：王晓彤 → 林菲" in lines
    assert f"  全部!{cells['copy']} 文案标题：（空） → 十个细节" in lines
    assert any(line.startswith(f"  全部!{cells['added']} 新增发布：products/xiaomi-19 微信公众号") for line in lines)
    assert "+    owner: lin-fei" in lines and "-    owner: wang-xiaotong" in lines
    assert LIVESTREAM in lines and f"  全部!{cells['rewritten']} 文案正文：" + "6 月 17 日晚 8 点，小米手环 11 专场直播📺⏎" in dry.stdout
    assert "--apply" in lines[-1]

    applied = run_cli("import", str(edited), "--root", str(root), "--apply")
    assert applied.returncode == 0, applied.stderr
    _assert_only_the_edits(root, before, _expected(before))
    check = run_cli("check", "--root", str(root), "--now", NOW)
    assert check.returncode == 0, check.stderr

    again = tmp_path / "again.xlsx"
    assert run_cli("export", str(again), "--root", str(root), "--now", NOW).returncode == 0
    _assert_same_cells(sheet_rows(edited, "全部"), sheet_rows(again, "全部"), MOVED, dt.timedelta(hours=25),
                       ("选题确认截止", "撰稿截止", "审核截止"))
    # and importing the same sheet again changes nothing (the new row is there already)
    twice = run_cli("import", str(edited), "--root", str(root), "--apply")
    assert twice.returncode == 0 and "没有要写入的修改" in twice.stdout
    assert "计划中已有这次发布（products/xiaomi-19/wechat/#7）" in twice.stderr


def _assert_same_cells(
    edited: list[tuple], again: list[tuple], moved: str, delta: dt.timedelta, computed: tuple[str, ...]
) -> None:
    """The sheet exported after the import holds the cells the manager left: a new row gets
    its key, and the deadlines of a moved post that are computed from its time move with it
    (a deadline written as the post's `due` stays)."""
    header = edited[0]
    assert again[0] == header
    deadlines = [header.index(name) for name in computed]
    left, made = by_key(edited), by_key(again)
    new_rows = [row for key, row in left.items() if key is None]
    assert len(made) == len(left) - (1 if None in left else 0) + len(new_rows)
    for key, row in left.items():
        if key is None:
            continue
        expected = list(row)
        if key == moved:
            for i in deadlines:
                expected[i] = row[i] + delta
        assert list(made[key]) == expected, key
    for row in new_rows:
        found = [r for k, r in made.items() if k not in left and r[:2] == row[:2] and r[3:6] == row[3:6]]
        assert len(found) == 1, row


def test_a_sheet_saved_by_libreoffice_imports_the_same_edits(tmp_path: Path) -> None:
    root = example_plan(tmp_path)
    before = plan_files(root)
    sheet = tmp_path / "plan.xlsx"
    assert run_cli("export", str(sheet), "--root", str(root)).returncode == 0
    # LibreOffice opens the untouched export and saves it: nothing reads as an edit
    untouched = soffice(sheet, "xlsx", tmp_path / "lo-untouched", tmp_path / "home")
    plain = run_cli("import", str(untouched), "--root", str(root))
    assert plain.returncode == 0 and "没有要写入的修改" in plain.stdout, plain.stdout + plain.stderr
    # LibreOffice reads our dates as dates: its CSV of the sheet is our own CSV export
    assert run_cli("export", str(tmp_path / "plan.csv"), "--root", str(root)).returncode == 0
    ours = csv_rows((tmp_path / "plan.csv").read_bytes())
    theirs = csv_rows(soffice(sheet, CSV_UTF8, tmp_path / "lo-csv", tmp_path / "home").read_bytes(), "utf-8")
    assert theirs == ours

    edited = tmp_path / "edited.xlsx"
    _example_edits(sheet, edited)
    saved = soffice(edited, "xlsx", tmp_path / "lo", tmp_path / "home")
    result = run_cli("import", str(saved), "--root", str(root), "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    expected = _expected(before)
    _assert_only_the_edits(root, before, expected)

    fresh = example_plan(tmp_path / "fresh")
    as_csv = soffice(edited, CSV_UTF8, tmp_path / "lo-edited-csv", tmp_path / "home")
    result = run_cli("import", str(as_csv), "--root", str(fresh), "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_only_the_edits(fresh, before, expected)


def test_a_csv_in_gb18030_as_older_excel_writes_it_is_read_and_said(tmp_path: Path) -> None:
    root = example_plan(tmp_path)
    before = plan_files(root)
    sheet = tmp_path / "plan.csv"
    assert run_cli("export", str(sheet), "--root", str(root)).returncode == 0
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with its mark: Excel opens Chinese as Chinese
    rows = csv_rows(data)
    header = rows[0]
    col = {h: i for i, h in enumerate(header)}
    time = next(h for h in header if h.startswith("时间"))
    for row in rows:
        if row[col["发布键（请勿修改）"]] == MOVED:
            row[col[time]] = "2027/10/2 11:00"  # as Excel shows and saves a date-time
        if row[col["发布键（请勿修改）"]] == HANDED:
            row[col["负责人"]] = "林菲"
            row[col["文案标题"]], row[col["文案正文"]], row[col["文案话题"]] = "十个细节", "第一行\r\n第二行", "小米19，上手"
        if row[col["发布键（请勿修改）"]] == REWRITTEN:
            row[col["文案正文"]] = NEW_COPY.replace("\n", "\r\n")
    new = [""] * len(header)
    new[col["类型"]], new[col["条目"]], new[col["渠道"]], new[col[time]], new[col["标题"]] = (
        "产品", "xiaomi-19", "微信公众号", "2027-12-30 20:00", "年终回顾"
    )
    rows.append(new)
    old_excel = tmp_path / "excel.csv"
    old_excel.write_bytes(csv_bytes(rows, "gb18030"))
    result = run_cli("import", str(old_excel), "--root", str(root), "--apply")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "excel.csv：不是 UTF-8 编码，已按 GB18030 读取" in result.stderr
    _assert_only_the_edits(root, before, _expected(before))


# --- a plan the project has never seen: in English, laid out its own way ---------------------

LAMP = "content/products/lamp.yaml"
TOKYO = "content/events/tokyo-meetup.yaml"
REPAIR = "content/user-stories/lamp-repair.yaml"


def _lantern_edits(path: Path, out: Path) -> None:
    book = load_workbook(path)
    ws = book["All"]
    time = header_like(ws, "Time")
    set_cell(ws, "products/lamp/mastodon/#1", time, dt.datetime(2027, 7, 2, 13, 30))  # written with an offset
    set_cell(ws, "products/lamp/blog/#1", "Owner", "Kenji Mori")  # the entry's owner until now
    set_cell(ws, "products/lamp/blog/#1", "Copy text", "The lamp is out.\nOrder now, it ships in July.")
    set_cell(ws, "user-stories/lamp-repair/blog/#1", "Title", "How Rita fixed my lamp")  # a CRLF file
    set_cell(ws, "products/lamp/news-en/#1", "Owner", "Rita")  # after the slot's last line, a comment
    add_row(ws, {"Kind": "Event", "Entry": "tokyo-meetup", "Channel": "news-en (Newsletter)",
                 time: dt.datetime(2027, 7, 8, 10, 0), "Title": "See you Saturday"})
    book.save(out)


def _lantern_expected(before: dict[str, bytes]) -> dict[str, bytes]:
    def edited(path: str, *pairs: tuple[str, str]) -> bytes:
        text = before[path].decode("utf-8")
        for old, new in pairs:
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        return text.encode("utf-8")

    return {
        LAMP: edited(
            LAMP,
            ('        title: "Lantern Lamp: it is here"\n', '        title: "Lantern Lamp: it is here"\n        owner: kenji\n'),
            ("                Order today.\n", "                Order now, it ships in July.\n"),
            ("        at: 2027-07-01T12:00+01:00\n", "        at: 2027-07-02T13:30+01:00\n"),
            ("        status: draft\n        # the English", "        status: draft\n        owner: rita\n        # the English"),
        ),
        TOKYO: before[TOKYO] + b"- channel: news-en\n  at: 2027-07-08 18:00\n  title: See you Saturday\n",
        REPAIR: edited(REPAIR, ("    at: 2027-08-02 11:30\r\n", "    at: 2027-08-02 11:30\r\n    title: How Rita fixed my lamp\r\n")),
    }


@pytest.mark.parametrize("through", ["openpyxl", "libreoffice"])
def test_a_plan_never_seen_round_trips_keeping_its_layout_and_comments(tmp_path: Path, through: str) -> None:
    root = tmp_path / "lantern"
    shutil.copytree(PLANS / "sheets-basic", root)
    before = plan_files(root)
    sheet = tmp_path / "lantern.xlsx"
    assert run_cli("export", str(sheet), "--root", str(root)).returncode == 0
    edited = tmp_path / "edited.xlsx"
    _lantern_edits(sheet, edited)
    if through == "libreoffice":
        edited = soffice(edited, "xlsx", tmp_path / "lo", tmp_path / "home")
    dry = run_cli("import", str(edited), "--root", str(root))
    assert dry.returncode == 0, dry.stdout + dry.stderr
    assert "All!" in dry.stdout and "Time (Europe/Lisbon): 2027-07-01 12:00 -> 2027-07-02 13:30" in dry.stdout
    assert plan_files(root) == before
    applied = run_cli("import", str(edited), "--root", str(root), "--apply")
    assert applied.returncode == 0, applied.stdout + applied.stderr
    assert "Wrote 3 files (6 changes); the plan checks" in applied.stdout
    _assert_only_the_edits(root, before, _lantern_expected(before))
    assert run_cli("check", "--root", str(root), "--now", NOW).returncode == 0
    again = tmp_path / "again.xlsx"
    assert run_cli("export", str(again), "--root", str(root)).returncode == 0
    _assert_same_cells(sheet_rows(edited, "All"), sheet_rows(again, "All"), "products/lamp/mastodon/#1",
                       dt.timedelta(days=1, hours=1, minutes=30), ("Outline due",))  # Proofread's is its `due`


# --- broken sheets: each refused at its cell, and nothing written -----------------------------


KEY = "发布键（请勿修改）"


def _two_rows_with_one_key(ws, time: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    first, second = sorted((row_of(ws, MOVED), row_of(ws, HANDED)))
    ws[f"C{first}"].value = ws[f"C{second}"].value = MOVED
    return f"C{second}", f"发布键 “{MOVED}” 在第 {first} 行已经出现"


def _new_row(ws, time: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    row = add_row(ws, {"类型": "产品", "条目": "xiaomi-91", "渠道": "微博", time: dt.datetime(2027, 12, 1, 9)})
    return f"B{row}", "计划中没有产品 “xiaomi-91”，你是不是想写 “xiaomi-19”？"


BROKEN = {
    "unknown channel": lambda ws, t: (set_cell(ws, MOVED, "渠道", "微薄"), "未知的渠道 “微薄”，你是不是想写 “微博”？"),
    "not a date": lambda ws, t: (set_cell(ws, MOVED, t, "下周三晚上"), "“下周三晚上” 不是日期或时间"),
    "impossible date": lambda ws, t: (
        set_cell(ws, MOVED, t, "2027-02-30 20:00"), "日期或时间 “2027-02-30 20:00” 不存在"
    ),
    "unknown key": lambda ws, t: (
        set_cell(ws, MOVED, KEY, "product/xiaomi-19/weibo/#2"),
        f"计划中没有发布键 “product/xiaomi-19/weibo/#2”，你是不是想写 “{MOVED}”？",
    ),
    "two rows with one key": _two_rows_with_one_key,
    "unknown owner": lambda ws, t: (set_cell(ws, MOVED, "负责人", "林非"), "未知的团队成员 “林非”，你是不是想写 “林菲”？"),
    "unknown status": lambda ws, t: (set_cell(ws, MOVED, "状态", "已发部"), "未知的状态 “已发部”，你是不是想写 “已发布”？"),
    "unknown entry": _new_row,
    "an entry's column": lambda ws, t: (set_cell(ws, MOVED, "用户分层", "忠诚用户"), "“用户分层” 列只导出、不导入"),
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("broken")
    root = example_plan(folder)
    sheet = folder / "plan.xlsx"
    assert run_cli("export", str(sheet), "--root", str(root)).returncode == 0
    return root, sheet, plan_files(root)


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_sheet_is_refused_at_its_cell_and_nothing_is_written(
    exported: tuple[Path, Path, dict[str, bytes]], tmp_path: Path, case: str
) -> None:
    root, sheet, before = exported
    book = load_workbook(sheet)
    ws = book["全部"]
    time = header_like(ws, "时间")
    set_cell(ws, HANDED, "负责人", "林菲")  # a good edit beside the broken one
    cell, said = BROKEN[case](ws, time)
    broken = tmp_path / "plan.xlsx"
    book.save(broken)
    result = run_cli("import", str(broken), "--root", str(root), "--apply")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(lines) == 1 and lines[0].startswith(f"{broken}:全部!{cell}: error: "), result.stderr
    assert said in lines[0], lines[0]
    assert "没有写入任何文件" in result.stdout and "Traceback" not in result.stderr
    assert plan_files(root) == before


def test_every_problem_of_a_sheet_is_said_in_one_run(exported: tuple[Path, Path, dict[str, bytes]], tmp_path: Path) -> None:
    root, sheet, before = exported
    book = load_workbook(sheet)
    ws = book["全部"]
    time = header_like(ws, "时间")
    cells = [BROKEN[case](ws, time)[0] for case in ("unknown channel", "unknown owner", "unknown status")]
    broken = tmp_path / "plan.xlsx"
    book.save(broken)
    result = run_cli("import", str(broken), "--root", str(root))
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in errors] == [f"{broken}:全部!{c}" for c in sorted(cells)]
    assert "有 3 个错误" in result.stdout
    assert plan_files(root) == before


def test_edits_that_would_break_the_plan_are_refused_with_the_plans_own_error(
    exported: tuple[Path, Path, dict[str, bytes]], tmp_path: Path
) -> None:
    root, sheet, before = exported
    book = load_workbook(sheet)
    # the forum's launch post has the id launch-news, and so has the one on weibo
    set_cell(book["全部"], "products/xiaomi-19/forum/launch-news", "渠道", "微博")
    broken = tmp_path / "plan.xlsx"
    book.save(broken)
    result = run_cli("import", str(broken), "--root", str(root), "--apply")
    assert result.returncode == 1
    assert "按表格修改后，计划会有以下错误" in result.stderr
    assert "content/products/xiaomi-19.yaml:" in result.stderr and "重复的发布 id “launch-news”" in result.stderr
    assert plan_files(root) == before
