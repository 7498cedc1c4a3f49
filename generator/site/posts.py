"""Copy ready to post: each slot's copy as its platform takes it, and `today/`
(今日发布), the day's posts in time order, for the editor who works down them.

Copy is pasted by hand (WeChat, Weibo, Bilibili, Douyin and Xiaohongshu have
no posting API a team can use), so each field is shown whole, as it is posted
(the topic words in the platform's own form, `#话题#` on Weibo), each with a
copy button (`theme/assets/javascripts/plan-copy.js`). A team output
(`View.team`): drafts included, each post with its status and its owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from generator.plan import urls
from generator.plan.model import Slot, Status, is_all_day, starts_at
from generator.plan.outputs import Output
from generator.plan.platforms import Platform, platforms
from generator.site.time import clock, date_text, day_of, in_zone
from generator.site.view import Badge, Context, Link, entry_link, member_name, page, safe_url, slot_badges

TODAY_DIR = "today/"
TODAY_META = {"hide": ["toc"], "search": {"exclude": True}}  # the posts' own pages are what search finds


@dataclass(frozen=True, slots=True)
class CopyField:
    """One field to paste: its label, its text exactly as posted, an id for its button."""

    label: str
    text: str
    anchor: str
    multiline: bool = False


@dataclass(frozen=True, slots=True)
class CopyView:
    platform: str  # the platform's name in the plan's language
    fields: tuple[CopyField, ...]


@dataclass(frozen=True, slots=True)
class PostView:
    """A post of the day: when, where, what, who, how far along, and its copy."""

    time: str
    channel: str
    title: str
    entry: Link
    owner: str
    badges: tuple[Badge, ...]
    copy: CopyView | None
    url: str | None  # the post as published


@dataclass(frozen=True, slots=True)
class DayView:
    heading: str
    anchor: str
    posts: tuple[PostView, ...]


def platform_of(ctx: Context, slot: Slot) -> Platform:
    channel = ctx.plan.channel_by_id.get(slot.channel)
    known = platforms()
    return known.get(channel.platform if channel else "other") or known["other"]


def copy_view(ctx: Context, slot: Slot, anchor: str) -> CopyView | None:
    """The slot's copy, field by field as its platform takes it; None without copy.

    The link defaults to the entry's page, as the format says; the text holds
    its topic words where the platform writes them in it (Weibo, Douyin,
    Xiaohongshu), else they are a field of their own."""
    copy = slot.copy
    if copy is None:
        return None
    platform = platform_of(ctx, slot)
    entry = ctx.plan.entry(slot.entry_kind, slot.entry_id)
    link = copy.link or (urls.absolute(ctx.plan.site, urls.entry_dir(entry.kind, entry.id)) if entry else "")
    fields = [
        CopyField(ctx.t("copy.title"), copy.title, f"{anchor}-title") if copy.title else None,
        CopyField(ctx.t("copy.text"), platform.posted_text(copy.text, copy.tags), f"{anchor}-text", True)
        if copy.text or (copy.tags and platform.tags_in_text) else None,
        CopyField(ctx.t("copy.tags"), " ".join(platform.tag(t) for t in copy.tags), f"{anchor}-tags")
        if copy.tags and not platform.tags_in_text else None,
        CopyField(ctx.t("copy.link"), link, f"{anchor}-link") if link else None,
    ]
    return CopyView(ctx.t(f"platform.{platform.id}"), tuple(f for f in fields if f is not None))


def render_today(ctx: Context) -> Output:
    """Today's posts and tomorrow's, in the plan's zone from the build's now."""
    today = in_zone(ctx.view.now, ctx.zone).date()
    days = tuple(_day(ctx, today + timedelta(days=n), n) for n in (0, 1))
    return page(ctx, TODAY_DIR, "today.md.j2", {"title": ctx.t("today"), **TODAY_META}, days=days)


def _day(ctx: Context, day: date, offset: int) -> DayView:
    slots = sorted(
        (
            s
            for e in ctx.plan.entries
            for s in e.slots
            if s.status not in (Status.IDEA, Status.CANCELLED) and day_of(s.at, ctx.zone) == day
        ),
        key=lambda s: (starts_at(s.at, s.zone), s.key),
    )
    heading = f"{ctx.t('today.today' if offset == 0 else 'today.tomorrow')} · {date_text(day, ctx.language)}"
    return DayView(heading, f"d-{day.isoformat()}", tuple(_post(ctx, slot, f"p{offset}-{i}") for i, slot in enumerate(slots)))


def _post(ctx: Context, slot: Slot, anchor: str) -> PostView:
    entry = ctx.plan.entry(slot.entry_kind, slot.entry_id)
    channel = ctx.plan.channel_by_id.get(slot.channel)
    return PostView(
        time=ctx.t("calendar.all-day") if is_all_day(slot.at) else clock(in_zone(starts_at(slot.at, slot.zone), ctx.zone)),
        channel=channel.name if channel else slot.channel,
        title=slot.title,
        entry=entry_link(ctx, entry) if entry else Link(slot.title),
        owner=member_name(ctx, slot.owner),
        badges=slot_badges(ctx, slot),
        copy=copy_view(ctx, slot, anchor),
        url=safe_url(slot.url) if slot.status is Status.PUBLISHED and slot.url else None,
    )

