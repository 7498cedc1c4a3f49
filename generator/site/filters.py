"""What a calendar view can be filtered by in the browser: channel, owner,
status and tier.

Every filterable line of a calendar view (a month grid's chip, an agenda's
row, a schedule's row, a week's row) carries its `Facets` as data attributes,
computed here. The choices (the plan's channels, team, statuses and tiers, in
the plan's language) are the same on every page, so they are written once,
as data, in `urls.filter_choices_file()`; a page carries only where its bar
goes (`FilterBar`). `theme/assets/javascripts/plan-filter.js` builds the bar
from that data and compares: it decides nothing about a post (a post's
status, overdue included, is the one `progress` gave it, read through
`View`). Written into each page, the choices were 1.5 MB of a 1,000-entry
plan's entry pages.

Key dates carry no facets: they are nobody's work, and stay in view as the
calendar's landmarks whatever is chosen.

Owners, reviewers, tiers and drafts are the team's: a `--public` build drops
the owner and tier choices and facets here (`choices`, `_facets`), and
nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.plan import urls
from generator.plan.model import Deadline, Slot, Status
from generator.plan.outputs import Output
from generator.site.items import KEY_DATE, Item

if TYPE_CHECKING:  # `view` builds schedule rows with these facets: imported for types only
    from generator.site.view import Context

OVERDUE = "overdue"  # the filter's value for a slot that is due and still approved (应发未发)
# the statuses in the filter, most urgent first; the build drops those it never shows
STATUS_ORDER = (
    OVERDUE, Status.PUBLISHED.value, Status.APPROVED.value, Status.REVIEW.value,
    Status.DRAFT.value, Status.IDEA.value, Status.CANCELLED.value,
)
CHANNEL, OWNER, STATUS, TIER = "channel", "owner", "status", "tier"


@dataclass(frozen=True, slots=True)
class Facets:
    """What one line of a calendar view is, for the filter (ids, not names)."""

    channel: str = ""  # a channel id; "" for what is on no channel (events, campaigns)
    owner: str = ""  # the member id of whoever does it; "" for nobody
    status: str = ""  # a status value, or OVERDUE
    tiers: str = ""  # tier ids, space-separated (ids never hold a space)


@dataclass(frozen=True, slots=True)
class FilterBar:
    """Where a page's filter goes, and the choices it leaves out (a channel's
    own page has no channel to choose: one chosen elsewhere would empty it)."""

    without: tuple[str, ...] = ()


def slot_status(ctx: Context, slot: Slot) -> str:
    """A slot's status as the filter knows it: overdue when `View` says so."""
    return OVERDUE if ctx.view.overdue(slot) else slot.status.value


def slot_facets(ctx: Context, slot: Slot, tiers: tuple[str, ...]) -> Facets:
    return _facets(ctx, slot.channel, slot.owner, slot_status(ctx, slot), tiers)


def _facets(ctx: Context, channel: str, owner: str | None, status: str, tiers: tuple[str, ...]) -> Facets:
    """Owners and tiers are the team's: a readers' page carries neither."""
    if not ctx.view.team:
        return Facets(channel, "", status, "")
    return Facets(channel, owner or "", status, " ".join(tiers))


def deadline_facets(ctx: Context, slot: Slot, deadline: Deadline, tiers: tuple[str, ...]) -> Facets:
    """A stage's deadline is the work of the person who does that stage (the
    reviewer for a review): choosing someone shows what they have to do."""
    return _facets(ctx, slot.channel, deadline.person, slot_status(ctx, slot), tiers)


def item_facets(ctx: Context, item: Item) -> Facets | None:
    if item.kind == KEY_DATE:
        return None
    if item.slot is not None:
        return slot_facets(ctx, item.slot, item.tiers)
    return _facets(ctx, item.channel or "", item.owner, item.status.value, item.tiers)


def rest_facets(facets: Iterable[Facets | None]) -> str:
    """Several lines' facets in one attribute: `channel|owner|status|tiers`
    each, `;` between; a landmark (no facets) is `-` (ids hold neither)."""
    return ";".join("|".join((f.channel, f.owner, f.status, f.tiers)) if f else "-" for f in facets)


def status_word(ctx: Context, status: str) -> str:
    """A status as this build's audience says it: approval is a step of the
    team's, so readers see an approved post as scheduled (已排期)."""
    if status == Status.APPROVED.value and not ctx.view.team:
        return ctx.t("status.scheduled")
    return ctx.t(f"status.{status}")


def filter_bar(channels: bool = True) -> FilterBar:
    return FilterBar(() if channels else (CHANNEL,))


def choices(ctx: Context) -> dict[str, object]:
    """Every choice of the filter and the bar's words, in the plan's language
    and order (the same on every page: a choice carried from page to page
    means the same everywhere)."""
    plan = ctx.plan
    selects: list[tuple[str, str, list[tuple[str, str]]]] = []
    if plan.channels:
        selects.append((CHANNEL, ctx.t("filter.channel"), [(c.id, c.name) for c in plan.channels]))
    if plan.site.team and ctx.view.team:
        selects.append((OWNER, ctx.t("filter.owner"), [(m.id, m.name) for m in plan.site.team]))
    statuses = [s for s in STATUS_ORDER if (ctx.view.team if s == OVERDUE else ctx.view.shows(Status(s)))]
    selects.append((STATUS, ctx.t("filter.status"), [(s, status_word(ctx, s)) for s in statuses]))
    if plan.site.tiers and ctx.view.team:
        selects.append((TIER, ctx.t("filter.tier"), [(x.id, x.name) for x in plan.site.tiers]))
    return {
        "label": ctx.t("filter"),
        "every": ctx.t("filter.all"),
        "reset": ctx.t("filter.reset"),
        "count": ctx.labels["filter.count"],  # "{shown}", "{total}": filled in by the script
        "more": ctx.labels["calendar.more"],  # a month grid's "+{n}"
        "selects": [{"name": name, "label": text, "options": [list(o) for o in options]}
                    for name, text, options in selects],
    }


def render_choices(ctx: Context) -> Output:
    """The choices as a script that only sets data (a `<script>` loads on a
    page opened from disk, where a request for JSON is refused)."""
    data = json.dumps(choices(ctx), ensure_ascii=False, separators=(",", ":"))
    text = f"/* The filter's choices for this plan, written by the build (generator/site/filters.py). */\nwindow.planFilterChoices = {data};\n"
    return Output(urls.filter_choices_file(), text.encode())
