"""The legend: what each colour and each shape on a calendar means.

Colour says one thing, the channel (`plan.colours`): the legend lists each
channel drawn as its chips are, with the same custom properties
(`view.channel_style`). Everything that is not a publication is grey and told
apart by its shape and its label (plan-colours.css gives each kind's chip its
mark): the legend lists the kinds with those marks. Shown on the calendar's
overview, its month and week pages and a campaign's timeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.plan import urls
from generator.site.items import KEY_DATE, ORDER, SLOT, Item
from generator.site.view import Context, channel_style

KEY_DATE_FLAVORS = ("holiday", "commerce", "brand")


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """A kind (or a status) with the mark and the label its chips carry."""

    kind: str  # css modifier, as on chips
    flavor: str  # key dates: holiday, commerce or brand
    text: str


@dataclass(frozen=True, slots=True)
class LegendChannel:
    name: str
    href: str
    style: str  # its colours, as on its chips
    tip: str  # "微博的发布" : what the colour means, for the tooltip


@dataclass(frozen=True, slots=True)
class Legend:
    channels: tuple[LegendChannel, ...]
    kinds: tuple[LegendEntry, ...]


def legend(ctx: Context, items: Iterable[Item] | None = None) -> Legend:
    """Every channel of the plan, or only those `items` publish on (a
    campaign's timeline); every kind, and the statuses a chip marks."""
    used = None if items is None else {i.channel for i in items if i.kind == SLOT}
    channels = tuple(
        LegendChannel(c.name, urls.channel_dir(c.id), channel_style(ctx, c.id), ctx.t("legend.channel.tip", name=c.name))
        for c in ctx.plan.channels
        if used is None or c.id in used
    )
    kinds = [(k, "") for k in ORDER if k != KEY_DATE] + [(KEY_DATE, f) for f in KEY_DATE_FLAVORS]
    entries = [LegendEntry(k, f, ctx.t(f"legend.{f or k}")) for k, f in kinds]
    entries.append(LegendEntry("cancelled", "", ctx.t("legend.cancelled")))
    if ctx.view.drafts:
        entries.append(LegendEntry("draft", "", ctx.t("legend.draft")))
    return Legend(channels, tuple(entries))
