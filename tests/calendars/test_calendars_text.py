"""Content lines as RFC 5545 wants them, for any text an editor may write."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.calendars import text


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_a_folded_line_unfolds_to_what_was_written_and_no_line_passes_75_octets(value: str) -> None:
    folded = text.text_line("SUMMARY", value)
    assert folded.endswith(b"\r\n")
    lines = folded[:-2].split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    assert all(line.startswith(b" ") for line in lines[1:])
    unfolded = b"".join([lines[0], *(line[1:] for line in lines[1:])]).decode("utf-8")  # a cut character fails here
    assert unfolded == "SUMMARY:" + text.escape(value)
    assert "\r" not in unfolded and "\n" not in unfolded


def test_four_byte_characters_are_never_cut() -> None:
    folded = text.text_line("DESCRIPTION", "🎉" * 60)
    for line in folded.split(b"\r\n")[:-1]:
        line.decode("utf-8")
        assert len(line) <= 75


def test_text_escapes_what_the_rfc_reserves_and_drops_control_characters() -> None:
    assert text.escape("a\\N;b,c\r\nd\te\x07") == "a\\\\N\\;b\\,c\\nd e"


def test_moments_carry_their_zone_or_are_utc_or_dates() -> None:
    shanghai = datetime(2027, 4, 1, 19, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert text.moment_line("DTSTART", shanghai, "Asia/Shanghai") == b"DTSTART;TZID=Asia/Shanghai:20270401T193000\r\n"
    assert text.moment_line("DTSTART", shanghai, None) == b"DTSTART:20270401T113000Z\r\n"
    assert text.moment_line("DTSTART", date(2027, 4, 1), "Asia/Shanghai") == b"DTSTART;VALUE=DATE:20270401\r\n"
    assert text.moments_line("EXDATE", [shanghai, shanghai + timedelta(days=7)], "Asia/Shanghai") == (
        b"EXDATE;TZID=Asia/Shanghai:20270401T193000,20270408T193000\r\n"
    )
    assert text.utc(datetime(2027, 1, 1, 8, tzinfo=ZoneInfo("Asia/Shanghai"))) == "20270101T000000Z"
    assert text.duration(-timedelta(hours=1)) == "-PT1H" and text.duration(-timedelta(days=1)) == "-P1D"
    assert text.recurrence({"FREQ": "WEEKLY", "BYDAY": ["MO"], "UNTIL": datetime(2027, 6, 1, tzinfo=UTC)}) == (
        "FREQ=WEEKLY;UNTIL=20270601T000000Z;BYDAY=MO"
    )
