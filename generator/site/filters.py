"""What a calendar view can be filtered by in the browser: channel, owner,
status and tier.

Every filterable line of a calendar view (a month grid's chip, an agenda's
row, a schedule's row, a week's row) carries its `Facets` as data attributes,
computed here, and the page carries a `FilterBar` whose choices are the plan's
channels, team, statuses and tiers in the plan's language.
`theme/assets/javascripts/plan-filter.js` only compares the two: it decides
nothing about a post (a post's status, overdue included, is the one
`progress` gave it, read through `View`).

Key dates carry no facets: they are nobody's work, and stay in view as the
calendar's landmarks whatever is chosen.

Owners, reviewers, tiers and drafts are the team's: a `--public` build drops
the owner and tier filters and facets here (`filter_bar`, `_facets`), and
nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.plan.model import Deadline, Slot, Status
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
class FilterOption:
    value: str
    text: str


@dataclass(frozen=True, slots=True)
class FilterSelect:
    name: str  # CHANNEL, OWNER, STATUS or TIER: the facet it compares, and its key in the URL
    label: str
    options: tuple[FilterOption, ...]


@dataclass(frozen=True, slots=True)
class FilterBar:
    label: str
    selects: tuple[FilterSelect, ...]
    every: str  # the option that filters nothing ("all")
    reset: str
    count: str  # "{shown} of {total} shown": filled in by the script
    more: str  # a month grid's "+{n}": filled in by the script when it hides chips


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


def filter_bar(ctx: Context, channels: bool = True) -> FilterBar:
    """The same choices on every page, so a choice carried from page to page
    means the same everywhere. A channel's own page has no channel choice
    (`channels=False`): a channel chosen elsewhere would empty it."""
    plan = ctx.plan
    selects = []
    if channels and plan.channels:
        selects.append(FilterSelect(CHANNEL, ctx.t("filter.channel"),
                                    tuple(FilterOption(c.id, c.name) for c in plan.channels)))
    if plan.site.team and ctx.view.team:
        selects.append(FilterSelect(OWNER, ctx.t("filter.owner"),
                                    tuple(FilterOption(m.id, m.name) for m in plan.site.team)))
    statuses = [s for s in STATUS_ORDER if (ctx.view.team if s == OVERDUE else ctx.view.shows(Status(s)))]
    selects.append(FilterSelect(STATUS, ctx.t("filter.status"),
                                tuple(FilterOption(s, ctx.t(f"status.{s}")) for s in statuses)))
    if plan.site.tiers and ctx.view.team:
        selects.append(FilterSelect(TIER, ctx.t("filter.tier"),
                                    tuple(FilterOption(x.id, x.name) for x in plan.site.tiers)))
    return FilterBar(
        label=ctx.t("filter"),
        selects=tuple(selects),
        every=ctx.t("filter.all"),
        reset=ctx.t("filter.reset"),
        count=ctx.labels["filter.count"],
        more=ctx.labels["calendar.more"],
    )
