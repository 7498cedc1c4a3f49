"""What an editor probably meant when a value is not in the format's form.

A Chinese team writes dates, leads and zones as it speaks them (`5月5日`,
`10天`, `北京时间`); the checker still refuses them (the format has one
spelling, so calendars and diffs stay unambiguous) but says the spelling to
type. Each function returns the value in the format's form, or "".
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

# How a lead or a reminder's unit is said, by the format's unit letter.
_UNIT_WORDS = {
    "d": ("天", "日", "d", "day", "days"),
    "h": ("小时", "个小时", "钟头", "个钟头", "时", "h", "hr", "hrs", "hour", "hours"),
    "m": ("分钟", "分", "m", "min", "mins", "minute", "minutes"),
}
_AMOUNT = re.compile(r"^\s*(\d{1,5})\s*(\S*?)\s*$")


def duration(value: str, units: str) -> str:
    """`10天` -> `10d`, `1小时` -> `1h`, `30分钟` -> `30m`, `2 H` -> `2h` (units this field takes only)."""
    found = _AMOUNT.match(value.replace("　", " "))
    if not found or int(found.group(1)) < 1:
        return ""
    said = found.group(2).lower()
    for unit in units:
        if said in _UNIT_WORDS[unit]:
            return f"{int(found.group(1))}{unit}"
    return ""


# The zone a team in China means when it names its clock instead of a zone.
_ZONE_WORDS = {
    "Asia/Shanghai": (
        "北京时间", "北京", "中国", "中国时间", "中国标准时间", "上海", "东八区", "东8区", "utc+8", "utc+08",
        "utc+8:00", "utc+08:00", "gmt+8", "gmt+08:00", "+8", "+08", "+08:00", "+0800", "cst", "prc", "china",
        "beijing", "shanghai", "asia/beijing",
    ),
    "Asia/Hong_Kong": ("香港", "香港时间", "hong kong", "hongkong"),
    "Asia/Taipei": ("台北", "台湾", "台北时间"),
    "Asia/Tokyo": ("东京", "日本", "日本时间", "tokyo", "jst"),
    "Asia/Singapore": ("新加坡", "singapore"),
    "UTC": ("utc", "gmt", "utc+0", "世界时", "协调世界时"),
}


def zone(value: str) -> str:
    said = "".join(value.split()).lower()
    return next((z for z, words in _ZONE_WORDS.items() if said in ("".join(w.split()) for w in words)), "")


_SPOKEN_DATE = re.compile(
    r"^\s*(?:(\d{4})\s*[年/.\-]\s*)?(\d{1,2})\s*[月/.\-]\s*(\d{1,2})\s*[日号]?\s*"
    r"(?:\s(\d{1,2})[:：](\d{2}))?\s*$"
)
_YEARS = re.compile(r"(?<!\d)(20\d\d)-\d\d-\d\d(?!\d)")


def written_date(value: str, file: Path | None) -> str:
    """`2027年5月5日`, `2027/5/5` -> `2027-05-05` (with `20:00` kept); without a year,
    the year of the file's own dates when they all have one (else "": say the form)."""
    found = _SPOKEN_DATE.match(value)
    if not found:
        return ""
    year, month, day, hour, minute = found.groups()
    if year is None:
        years = _years_in(file)
        if len(years) != 1:
            return ""
        year = years.pop()
    try:
        shown = date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return ""
    if hour is not None:
        if int(hour) > 23 or int(minute) > 59:
            return ""
        shown += f" {int(hour):02d}:{minute}"
    return shown


def missing_year(value: str) -> bool:
    found = _SPOKEN_DATE.match(value)
    return bool(found) and found.group(1) is None


def _years_in(file: Path | None) -> set[str]:
    try:
        return set(_YEARS.findall(file.read_text(encoding="utf-8"))) if file else set()
    except (OSError, UnicodeDecodeError):
        return set()


# How a weekday is said: 周三, 星期三, 礼拜三, Wed, Wednesday -> WE.
_WEEKDAY_WORDS = {
    "MO": ("一", "mon", "monday"), "TU": ("二", "tue", "tues", "tuesday"), "WE": ("三", "wed", "wednesday"),
    "TH": ("四", "thu", "thur", "thurs", "thursday"), "FR": ("五", "fri", "friday"),
    "SA": ("六", "sat", "saturday"), "SU": ("日", "天", "sun", "sunday"),
}


def weekday(value: str) -> str:
    said = "".join(value.split()).lower()
    for prefix in ("星期", "礼拜", "周"):
        if said.startswith(prefix) and len(said) == len(prefix) + 1:
            said = said[len(prefix):]
    return next((day for day, words in _WEEKDAY_WORDS.items() if said in words), "")
