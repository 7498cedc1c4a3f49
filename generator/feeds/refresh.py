"""How often a feed reader should come back: RSS's `<ttl>` and the syndication
module's `sy:updatePeriod` / `sy:updateFrequency`, from the plan's
`rebuild_every` (how often the team's CI rebuilds the site).

A feed fetched more often than the site is rebuilt finds nothing new; one
fetched less often learns of a post late. feedgen's own syndication extension
writes `sy:UpdatePeriod` with a capital U, which no reader looks for (the
module spells it `updatePeriod`), so the two elements are written here.
"""

from __future__ import annotations

from datetime import timedelta

from feedgen.ext.base import BaseExtension
from feedgen.util import xml_elem

SYNDICATION = "http://purl.org/rss/1.0/modules/syndication/"


def ttl_minutes(every: timedelta) -> int:
    """RSS `<ttl>`: minutes, at least one."""
    return max(1, int(every.total_seconds() // 60))


def update_period(every: timedelta) -> tuple[str, int]:
    """`sy:updatePeriod` and `sy:updateFrequency`: how many times per hour (or
    per day, for intervals of an hour or more) the feed changes at most.

    A frequency is a whole number: an interval that does not divide the period
    rounds down, so a reader never comes back sooner than a rebuild."""
    minutes = ttl_minutes(every)
    if minutes < 60:
        return "hourly", max(1, 60 // minutes)
    return "daily", max(1, (24 * 60) // minutes)


class Syndication(BaseExtension):
    """feedgen extension: the syndication module's two elements on an RSS channel."""

    def __init__(self) -> None:
        self.every = timedelta(minutes=30)

    def extend_ns(self) -> dict[str, str]:
        return {"sy": SYNDICATION}

    def extend_rss(self, rss_feed):  # type: ignore[no-untyped-def]
        channel = rss_feed[0]
        period, frequency = update_period(self.every)
        xml_elem(f"{{{SYNDICATION}}}updatePeriod", channel).text = period
        xml_elem(f"{{{SYNDICATION}}}updateFrequency", channel).text = str(frequency)
        return rss_feed


def hint(fg, every: timedelta) -> None:  # type: ignore[no-untyped-def]
    """Adds the refresh hints of an RSS feed being made by feedgen `fg`."""
    fg.ttl(ttl_minutes(every))
    fg.register_extension("sy", Syndication, atom=False, rss=True)
    fg.sy.every = every
