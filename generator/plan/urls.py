"""Every output path and URL of the build, in one place.

These paths are a promise to subscribers (see `plan-format.md`, "Outputs"):
change them only by adding.
"""

from __future__ import annotations

from generator.plan.model import Kind, Site

ALL = "all"  # the reserved channel id of the site-wide calendar and feeds
EVENTS = "events"  # the reserved channel id of the events-only calendar


def entry_dir(kind: Kind, entry_id: str) -> str:
    """Site-relative directory URL of an entry's page, e.g. `products/x/`."""
    return f"{kind.value}/{entry_id}/"


def channel_dir(channel_id: str) -> str:
    return f"channels/{channel_id}/"


def tier_dir(tier_id: str) -> str:
    return f"tiers/{tier_id}/"


def calendar_file(name: str) -> str:
    """`name` is `all`, `events` or a channel id."""
    return f"calendar/{name}.ics"


def event_ics_file(event_id: str) -> str:
    """The single-event calendar offered on an event's page ("add to my calendar")."""
    return f"{Kind.EVENT.value}/{event_id}/{event_id}.ics"


def team_dir(member_id: str | None = None) -> str:
    """`team/`: the team's work; `team/<member>/`: one person's."""
    return f"team/{member_id}/" if member_id else "team/"


def person_calendar_file(member_id: str) -> str:
    """One person's deadlines and publications (a team output, never public)."""
    return f"calendar/people/{member_id}.ics"


def rss_file(name: str) -> str:
    return f"feeds/{name}.rss.xml"


def atom_file(name: str) -> str:
    return f"feeds/{name}.atom.xml"


def json_feed_file(name: str) -> str:
    return f"feeds/{name}.json"


def absolute(site: Site, path: str) -> str:
    """An absolute URL for a site-relative path; respects a base_url with a path."""
    return site.base_url + path.lstrip("/")


def webcal(url: str) -> str:
    """The `webcal://` form of an http(s) URL, which calendar apps open as a subscription."""
    return "webcal://" + url.split("://", 1)[1]


# --- site pages (added for the website) ---------------------------------------


def section_dir(section: str, page: int = 1) -> str:
    """An index page: `products/`, `channels/`, `tiers/`; later pages of a long
    index at `products/page/2/` (ids never contain `/`, so no entry collides)."""
    return f"{section}/" if page == 1 else f"{section}/page/{page}/"


def calendar_page_dir() -> str:
    return "calendar/"


def calendar_month_dir(year: int, month: int) -> str:
    """One month of the calendar (its grid and its agenda): `calendar/2027-04/`.
    Never a channel's calendar: those are files (`calendar/<id>.ics`)."""
    return f"calendar/{year:04d}-{month:02d}/"


def calendar_week_dir(year: int | None = None, week: int | None = None) -> str:
    """One ISO week of the whole team's work: `calendar/2027-w23/` (`year` is
    the ISO year, Monday-based weeks); without a week, `calendar/week/`, the
    week of the build's now (a stable link for every page to give)."""
    if year is None or week is None:
        return "calendar/week/"
    return f"calendar/{year:04d}-w{week:02d}/"


def filter_choices_file() -> str:
    """The calendar views' filter choices (channels, team, statuses, tiers), as a script every page loads."""
    return "assets/javascripts/plan-choices.js"


def subscribe_dir() -> str:
    """How to subscribe to the calendars, in the plan's language."""
    return "calendar/subscribe/"


def image_file(path: str) -> str:
    """An entry's image (`image:` is a path under `content/`), published under `media/`."""
    return "media/" + path.lstrip("/")


# --- what changed (issue #17) -------------------------------------------------

CHANGES = "changes"  # the change feed's name: feeds/changes.atom.xml


def changes_dir() -> str:
    """`changes/`: this week's changes to the plan (本周变动)."""
    return "changes/"


# --- the report (KPI actuals, monthly summaries): team outputs ---------------------


def report_dir(year: int | None = None, month: int | None = None) -> str:
    """`report/`: every KPI's chart and the months; `report/2027-06/`: one month's 绩效总结."""
    if year is None or month is None:
        return "report/"
    return f"report/{year:04d}-{month:02d}/"


def kpi_chart_file(ref: str) -> str:
    """A KPI's chart (`goal-id.kpi-id`: ids never hold a dot, so no two collide)."""
    return f"report/charts/{ref}.svg"


def kpi_anchor(ref: str) -> str:
    """Where a KPI's chart is on the report page: `report/#kpi-loyalty.member-activity`."""
    return f"{report_dir()}#kpi-{ref}"
