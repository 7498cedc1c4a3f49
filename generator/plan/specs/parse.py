"""Reading ids, dates and moments from text: shared by the specs, the command line and scaffolding."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
ID_MAX = 64

DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$"
)


def parse_date(text: str) -> date | None | str:
    """A date, None when the shape is wrong, or "impossible" for 2027-02-30."""
    found = DATE.match(text)
    if not found:
        return None
    try:
        return date(*(int(g) for g in found.groups()))
    except ValueError:
        return "impossible"


def parse_moment(text: str) -> date | datetime | None | str:
    """A date, a datetime (naive, or aware with a fixed offset), None for a wrong
    shape, or "impossible" for a date or time that does not exist."""
    text = text.strip()
    as_date = parse_date(text)
    if as_date is not None:
        return as_date
    found = DATETIME.match(text)
    if not found:
        return None
    year, month, day, hour, minute, second, offset = found.groups()
    try:
        value = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        return "impossible"
    if offset:
        if offset == "Z":
            return value.replace(tzinfo=timezone.utc)
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:])
        if hours > 23 or minutes > 59:
            return "impossible"
        return value.replace(tzinfo=timezone(sign * timedelta(hours=hours, minutes=minutes)))
    return value
