"""The plan format (`plan-format.md`) declared once, as specs.

The checker converts with these; the editor JSON Schema is generated from them.
Rules that tie fields together (end after start, until xor count) live here
beside the fields they tie; "end before start" is checked here and only here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from generator.plan.specs import (
    Choice,
    Color,
    Context,
    DateSpec,
    Email,
    Field,
    Fields,
    Id,
    ImagePath,
    ListOf,
    MapOf,
    MomentSpec,
    Number,
    Record,
    Ref,
    Reminder,
    Switch,
    Text,
    Topic,
    Url,
    Zone,
)
from generator.plan.specs import hints
from generator.plan.platforms import platforms
from generator.plan.yamlfile import Mapping, Node
from generator.plan.zones import localize

# The lint's checks and their tuning: `lint:` in site.yaml is part of the
# format, so its keys are declared here, where the checker can see them.
LINT_DEFAULTS: dict[str, dict[str, float]] = {
    "cadence": {},
    "silence": {"max_gap_days": 14},
    "channel-colors": {},
    "diversity": {"max_share": 0.8, "min_slots": 8},
    "tier-coverage": {},
    "campaign-tiers": {},
    "embargo": {},
    "event-promotion": {},
    "event-overlap": {},
    "campaign-channels": {},
    "key-dates": {"window_days": 7},
    "review-overdue": {},
    "owner-overlap": {},
    "missed": {"grace_days": 2},
    "stage-overdue": {},
    "capacity": {"max_per_day": 3},
    "future-published": {},
    "copy-length": {},
    "copy-identical": {},
    "actual-future": {},
}


STATUSES = ("idea", "draft", "review", "approved", "published", "cancelled")
ROLES = ("planner", "editor", "support", "manager")
STAGE_WHO = ("owner", "reviewer")
STAGE_DONE = ("draft", "review", "approved")
CHANNEL_KINDS = ("social", "messaging", "forum", "video", "live", "offline")
CIRCLES = ("phone", "accessories", "smart-hardware", "lifestyle")
THEMES = ("history", "innovation", "responsibility", "culture")
EVENT_KINDS = ("launch", "festival", "experience", "qa", "discussion", "livestream", "meetup", "contest", "other")
FORMATS = ("online", "offline", "hybrid")
FREQUENCIES = ("daily", "weekly", "monthly")
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
KEY_DATE_KINDS = ("holiday", "commerce", "brand")
LANGUAGES = ("zh", "en")
RESERVED_CHANNEL_IDS = ("all", "events")
PLATFORMS = tuple(platforms())

TEXT = Text()
MARKDOWN = Text(multiline=True)


def _node(record: Mapping, key: str) -> Node:
    return record.get(key) or record


def span_rule(start_key: str, end_key: str) -> Any:
    """`end` is never before `start`, and both are dates or both date-times.

    The one check of "end before start", for events, campaigns and key dates."""

    def rule(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
        start, end = values.get(start_key), values.get(end_key)
        if start is None or end is None:
            return
        if isinstance(start, datetime) != isinstance(end, datetime):
            ctx.error(_node(node, end_key), "span.mixed", start=start_key, end=end_key)
            return
        if isinstance(start, datetime) and (start.tzinfo is None) != (end.tzinfo is None):
            _zoned_span_rule(start, end, values, node, ctx, end_key)
        elif end < start:
            ctx.error(_node(node, end_key), "span.end_before_start", start=_show(start), end=_show(end))

    return rule


def _zoned_span_rule(
    start: datetime, end: datetime, values: dict[str, Any], node: Mapping, ctx: Context, end_key: str
) -> None:
    """One time written with an offset, one without: compared in the event's zone.

    Said only about an otherwise sound plan (the zone may be what is wrong), and
    shown as the zoned times, with their offset."""
    zone = values.get("timezone", ctx.zone)
    if zone is None:
        return  # site.yaml did not convert: there is an error already
    start, end = localize(start, zone), localize(end, zone)
    if end < start:
        ctx.error_if_sound(_node(node, end_key), "span.end_before_start", start=str(start), end=str(end))


def _show(value: date | datetime) -> str:
    """A span's ends as written, to the minute: both dates, or both times on the same footing."""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _base_url_rule(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    """Every page's URL is `base_url` and a path: a query or a fragment cannot prefix one."""
    base = values.get("base_url")
    if base and (urlsplit(base).query or urlsplit(base).fragment or base.endswith(("?", "#"))):
        ctx.error(_node(node, "base_url"), "base_url.not_a_prefix", value=base)


def _until_rule(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    """A repeat's `until` before its event's `start` would make an event that never happens."""
    repeat, start = values.get("repeat"), values.get("start")
    until = repeat.get("until") if isinstance(repeat, Fields) else None
    if until is None or start is None:
        return
    first = start.date() if isinstance(start, datetime) else start
    if until < first:
        ctx.error(_node(_repeat_node(node), "until"), "repeat.until_before_start", until=until, start=first)


def _repeat_node(node: Mapping) -> Mapping:
    inner = node.get("repeat")
    return inner if isinstance(inner, Mapping) else node


def _repeat_rule(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    if "until" in values and "count" in values:
        ctx.error(_node(node, "count"), "repeat.until_and_count")
    elif "until" not in values and "count" not in values and node.get("until") is None and node.get("count") is None:
        ctx.error(node, "repeat.neither")
    if "byday" in values and values.get("freq") not in (None, "weekly"):
        ctx.error(_node(node, "byday"), "repeat.byday_not_weekly")


def _event_rule(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    if "except" in values and node.get("repeat") is None:
        ctx.error(_node(node, "except"), "event.except_without_repeat")
    location = values.get("location")
    if values.get("format") in ("offline", "hybrid") and node.get("location") is None:
        ctx.error(_node(node, "format"), "event.location_required", format=values["format"])
    elif isinstance(location, Fields) and not location and values.get("format") != "online":
        ctx.error(_node(node, "location"), "event.location_required", format=values.get("format", ""))


def _campaign_dates_rule(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    span_rule("start", "end")(values, node, ctx)


SLOT = Record(
    {
        "channel": Field(Ref(target="channel"), required=True),
        "at": Field(MomentSpec(), required=True),
        "title": Field(TEXT),
        "summary": Field(TEXT),
        "status": Field(Choice(STATUSES, vocabulary="status")),
        "id": Field(Id()),
        "owner": Field(Ref(target="member")),
        "reviewer": Field(Ref(target="member")),
        "url": Field(Url()),
        "due": Field(MapOf(Ref(target="stage"), MomentSpec())),
        "copy": Field(
            Record(
                {
                    "title": Field(TEXT),
                    "text": Field(MARKDOWN),  # plain text, its line breaks kept
                    "tags": Field(ListOf(Topic(), unique=True)),
                    "link": Field(Url()),
                },
                description="the post as it goes out on the channel's platform",
            )
        ),
    },
    description="a publication slot",
)

ENTRY_FIELDS: dict[str, Field] = {
    "title": Field(TEXT, required=True),
    "summary": Field(TEXT),
    "body": Field(MARKDOWN),
    "brief": Field(MARKDOWN),
    "status": Field(Choice(STATUSES, vocabulary="status")),
    "owner": Field(Ref(target="member")),
    "reviewer": Field(Ref(target="member")),
    "tags": Field(ListOf(TEXT, unique=True)),
    "tiers": Field(ListOf(Ref(target="tier"), unique=True)),
    "products": Field(ListOf(Ref(target="product"), unique=True)),
    "campaign": Field(Ref(target="campaign")),
    "image": Field(ImagePath()),
    "publish": Field(ListOf(SLOT)),
}

PRODUCT = Record(
    {
        **ENTRY_FIELDS,
        "circle": Field(Choice(CIRCLES, vocabulary="circle"), required=True),
        "launch": Field(MomentSpec()),
        "price": Field(Number(minimum=0)),
        "features": Field(ListOf(TEXT)),
        "links": Field(ListOf(Record({"title": Field(TEXT, required=True), "url": Field(Url(), required=True)}))),
        "tutorials": Field(
            ListOf(Record({"title": Field(TEXT, required=True), "body": Field(MARKDOWN, required=True)}))
        ),
        "faq": Field(ListOf(Record({"q": Field(TEXT, required=True), "a": Field(MARKDOWN, required=True)}))),
    }
)

USER_STORY = Record(
    {
        **ENTRY_FIELDS,
        "author": Field(
            Record(
                {
                    "name": Field(TEXT, required=True),
                    "tier": Field(Ref(target="tier")),
                    "city": Field(TEXT),
                }
            )
        ),
        "quote": Field(MARKDOWN),
    }
)

BRAND_STORY = Record(
    {
        **ENTRY_FIELDS,
        "theme": Field(Choice(THEMES, vocabulary="theme"), required=True),
        "year": Field(Number(integer=True, minimum=1)),
    }
)

REPEAT = Record(
    {
        "freq": Field(Choice(FREQUENCIES), required=True),
        "interval": Field(Number(integer=True, minimum=1)),
        "byday": Field(ListOf(Choice(WEEKDAYS, vocabulary="date.weekday", said=hints.weekday), unique=True)),
        "until": Field(DateSpec()),
        "count": Field(Number(integer=True, minimum=1)),
    },
    rules=(_repeat_rule,),
)

EVENT = Record(
    {
        **ENTRY_FIELDS,
        "kind": Field(Choice(EVENT_KINDS, vocabulary="event-kind"), required=True),
        "format": Field(Choice(FORMATS, vocabulary="format"), required=True),
        "start": Field(MomentSpec(), required=True),
        "end": Field(MomentSpec()),
        "timezone": Field(Zone()),
        "location": Field(Record({"venue": Field(TEXT), "city": Field(TEXT), "address": Field(TEXT)})),
        "url": Field(Url()),
        "capacity": Field(Number(integer=True, minimum=1)),
        "repeat": Field(REPEAT),
        "except": Field(ListOf(DateSpec(), unique=True)),
        "reminders": Field(ListOf(Reminder())),
    },
    rules=(span_rule("start", "end"), _event_rule, _until_rule),
)

CAMPAIGN = Record(
    {
        **ENTRY_FIELDS,
        "start": Field(DateSpec(), required=True),
        "end": Field(DateSpec(), required=True),
        "goals": Field(ListOf(Ref(target="goal"), unique=True)),
        "channels": Field(ListOf(Ref(target="channel"), unique=True)),
    },
    rules=(_campaign_dates_rule,),
)

KPI = Record(
    {
        "id": Field(Id(), required=True),
        "name": Field(TEXT, required=True),
        "unit": Field(TEXT, required=True),
        "baseline": Field(Number(), required=True),
        "target": Field(Number(), required=True),
        "actual": Field(Number()),
        "due": Field(DateSpec()),
    }
)

LINT = Record(
    {
        check: Field(Switch(Record({name: Field(Number(minimum=0)) for name in params})))
        for check, params in LINT_DEFAULTS.items()
    },
    description="plan lint: turn a check off, or tune it",
)

def _stage_rule(values: dict[str, Any], node: Mapping, ctx: Context) -> None:
    """`done` may be left out only for the stages whose id says it: draft and review."""
    if "done" not in values and node.get("done") is None and values.get("id") not in ("draft", "review"):
        if "id" in values:
            ctx.error(node, "stage.done_missing", id=values["id"])


STAGE = Record(
    {
        "id": Field(Id(), required=True),
        "name": Field(TEXT, required=True),
        "before": Field(Reminder(units="dh", code="before.invalid"), required=True),
        "who": Field(Choice(STAGE_WHO)),
        "done": Field(Choice(STAGE_DONE, vocabulary="status")),
    },
    rules=(_stage_rule,),
    description="a stage of the work before each publication",
)

SITE = Record(
    {
        "title": Field(TEXT, required=True),
        "description": Field(TEXT),
        "base_url": Field(Url(), required=True),
        "language": Field(Choice(LANGUAGES)),
        "timezone": Field(Zone()),
        "community": Field(
            Record({"name": Field(TEXT), "positioning": Field(TEXT), "description": Field(MARKDOWN)})
        ),
        "goals": Field(
            ListOf(
                Record(
                    {
                        "id": Field(Id(), required=True),
                        "title": Field(TEXT, required=True),
                        "description": Field(TEXT),
                        "kpis": Field(ListOf(KPI)),
                    }
                )
            )
        ),
        "tiers": Field(
            ListOf(
                Record(
                    {
                        "id": Field(Id(), required=True),
                        "name": Field(TEXT, required=True),
                        "description": Field(TEXT),
                        "strategy": Field(TEXT),
                    }
                )
            )
        ),
        "lint": Field(LINT),
        "workflow": Field(ListOf(STAGE)),
        "rebuild_every": Field(Reminder(units="mh", code="rebuild_every.invalid")),
        "team": Field(
            ListOf(
                Record(
                    {
                        "id": Field(Id(), required=True),
                        "name": Field(TEXT, required=True),
                        "role": Field(Choice(ROLES, vocabulary="role"), required=True),
                        "email": Field(Email()),
                    }
                )
            )
        ),
    },
    rules=(_base_url_rule,),
)

CHANNEL = Record(
    {
        "id": Field(Id(), required=True),
        "name": Field(TEXT, required=True),
        "url": Field(Url()),
        "kind": Field(Choice(CHANNEL_KINDS, vocabulary="channel-kind")),
        "cadence": Field(Number(minimum=0)),
        "color": Field(Color()),
        "platform": Field(Choice(PLATFORMS, vocabulary="platform")),
    }
)

CHANNELS = ListOf(CHANNEL)

KEY_DATE = Record(
    {
        "date": Field(DateSpec(), required=True),
        "end": Field(DateSpec()),
        "title": Field(TEXT, required=True),
        "kind": Field(Choice(KEY_DATE_KINDS, vocabulary="legend"), required=True),
        "id": Field(Id()),
    },
    rules=(span_rule("date", "end"),),
)

KEY_DATES = ListOf(KEY_DATE)

ENTRY_SCHEMAS = {
    "products": PRODUCT,
    "user-stories": USER_STORY,
    "brand-stories": BRAND_STORY,
    "events": EVENT,
    "campaigns": CAMPAIGN,
}
