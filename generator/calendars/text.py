"""RFC 5545 content lines: values escaped, formatted and folded.

The VEVENTs are written here line by line rather than through icalendar's
component objects: a property object per value and icalendar's folding were
most of the time of the calendars (thousands of VEVENTs per plan). The rare
structured values (RRULE, durations) still go through icalendar's own types,
and every file is read back by four independent parsers in the tests.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from icalendar.prop import vDuration, vRecur

_NEWLINES = re.compile(r"\r\n|\r|\n")
_LINE_OCTETS = 75  # RFC 5545 3.1: longer lines are folded


def line(name: str, value: str) -> bytes:
    """One content line, `value` already in its iCalendar form, folded."""
    return fold(f"{name}:{value}")


def text_line(name: str, value: str) -> bytes:
    return fold(f"{name}:{escape(value)}")


def moment_line(name: str, value: date | datetime, tzid: str | None) -> bytes:
    """DTSTART-like: a DATE, a local time with its TZID, or UTC (`tzid` None)."""
    if not isinstance(value, datetime):
        return fold(f"{name};VALUE=DATE:{value:%Y%m%d}")
    if tzid is None:
        return fold(f"{name}:{value.astimezone(UTC):%Y%m%dT%H%M%SZ}")
    return fold(f"{name};TZID={tzid}:{value:%Y%m%dT%H%M%S}")


def moments_line(name: str, values: Iterable[date | datetime], tzid: str | None) -> bytes:
    """EXDATE-like: several values of one kind in one property."""
    values = list(values)
    if not isinstance(values[0], datetime):
        return fold(f"{name};VALUE=DATE:" + ",".join(f"{v:%Y%m%d}" for v in values))
    if tzid is None:
        return fold(f"{name}:" + ",".join(f"{v.astimezone(UTC):%Y%m%dT%H%M%SZ}" for v in values))
    return fold(f"{name};TZID={tzid}:" + ",".join(f"{v:%Y%m%dT%H%M%S}" for v in values))


def utc(value: datetime) -> str:
    return f"{value.astimezone(UTC):%Y%m%dT%H%M%SZ}"


def duration(value: timedelta) -> str:
    return vDuration(value).to_ical().decode("ascii")


def recurrence(rule: dict[str, object]) -> str:
    return vRecur(rule).to_ical().decode("ascii")


def escape(value: str) -> str:
    """RFC 5545 3.3.11: backslash, semicolon, comma and newline escaped; no
    control characters. (icalendar's own escaper reads a literal `\\N` as the
    RFC's newline before escaping backslashes, so text is escaped here.)"""
    value = _NEWLINES.sub("\n", value).replace("\t", " ")
    # Most text is printable but for its line breaks: only the rest is filtered
    # character by character (a multi-line DESCRIPTION per event made it most of the time).
    if not value.replace("\n", "").isprintable():
        value = "".join(ch for ch in value if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cs"))
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def fold(content: str) -> bytes:
    """UTF-8, folded at 75 octets (a continuation's leading space counts),
    never inside a character's bytes; CRLF-terminated."""
    data = content.encode("utf-8")
    if len(data) <= _LINE_OCTETS:
        return data + b"\r\n"
    parts = []
    start, limit = 0, _LINE_OCTETS
    while len(data) - start > limit:
        end = start + limit
        while data[end] & 0xC0 == 0x80:  # a continuation byte: step back to the character's start
            end -= 1
        parts.append(data[start:end])
        start, limit = end, _LINE_OCTETS - 1
    parts.append(data[start:])
    return b"\r\n ".join(parts) + b"\r\n"
