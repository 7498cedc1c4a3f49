"""The `.csv` file: UTF-8 with its mark out; in, whatever encoding and delimiter the
spreadsheet that saved it used, the encoding said when it was not UTF-8."""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from conftest import PLANS, load_plan
from generator.sheets import export
from generator.sheets.book import Unreadable
from generator.sheets.csvfile import cell_text, read_csv

NOW = dt.datetime(2027, 6, 10, tzinfo=dt.timezone.utc)


def test_out_in_utf8_with_its_mark_crlf_and_dates_as_text() -> None:
    data = export(load_plan(PLANS / "sheets-basic"), ".csv", NOW)
    assert data.startswith(codecs.BOM_UTF8)
    text = data[3:].decode("utf-8")
    assert text.startswith("Kind,Entry,Slot key (do not edit),Channel,Time (Europe/Lisbon),Title,")
    assert text.count("\r\n") == 10  # a header and nine posts; a cell's own line breaks are LF, as Excel's
    assert ",2027-07-03," in text and ",2027-07-01 10:00," in text
    assert '"The lamp is out.\nOrder today."' in text  # a cell's line breaks kept in its quotes
    assert cell_text(dt.datetime(2027, 7, 1, 10, 0, 30)) == "2027-07-01 10:00:30"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("条目,标题\r\nxiaomi-19,\"一\r\n二\"\r\n".encode("utf-8"), ""),
        (codecs.BOM_UTF8 + "条目,标题\nxiaomi-19,\"一\n二\"\n".encode("utf-8"), ""),
        ("条目,标题\r\nxiaomi-19,\"一\r\n二\"\r\n".encode("gb18030"), "GB18030"),
        ("条目\t标题\r\nxiaomi-19\t\"一\r\n二\"\r\n".encode("utf-16"), "UTF-16"),
        ("条目;标题\r\nxiaomi-19;\"一\r\n二\"\r\n".encode("utf-8"), ""),
    ],
    ids=["utf-8", "utf-8 with its mark", "gb18030 of older excel", "excel's unicode text", "semicolons"],
)
def test_in_whatever_wrote_it(data: bytes, encoding: str) -> None:
    book = read_csv(data)
    assert book.encoding == encoding
    (sheet,) = book.sheets
    assert sheet.name is None
    assert [[c.value.replace("\r\n", "\n") for c in row] for row in sheet.rows] == [["条目", "标题"], ["xiaomi-19", "一\n二"]]
    assert [c.ref for c in sheet.rows[1]] == ["A2", "B2"]


def test_bytes_that_are_no_text_are_unreadable() -> None:
    with pytest.raises(Unreadable):
        read_csv(codecs.BOM_UTF8 + b"\xff\xfe\xfa")
