"""How a written moment is read in a zone: shared by the checker's rules and assembling."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from generator.plan.model import Moment

DEFAULT_ZONE = "Asia/Shanghai"  # the site's zone when site.yaml names none


def localize(value: Moment, zone: str) -> Moment:
    """A date stays a date; a naive time is read in `zone`; an offset is moved into `zone`."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=ZoneInfo(zone))
    return value.astimezone(ZoneInfo(zone))
