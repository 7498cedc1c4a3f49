"""`build.py new KIND ID`: a new entry with every field, commented.

The file checks clean as written: it starts as an `idea` (shown nowhere
until approved), required fields hold example values, and optional fields
are present as comments to uncomment. References use ids the plan defines.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from generator.plan.model import Kind, Plan
from generator.plan.zones import DEFAULT_ZONE
from generator.words import field_help as describe
from generator.words import label

KIND_NAMES = {
    "product": Kind.PRODUCT,
    "user-story": Kind.USER_STORY,
    "brand-story": Kind.BRAND_STORY,
    "event": Kind.EVENT,
    "campaign": Kind.CAMPAIGN,
    **{kind.value: kind for kind in Kind},
}


def scaffold(
    kind: Kind, plan: Plan | None, today: date, language: str,
    defined: Mapping[str, tuple[str, ...]] | None = None,
) -> str:
    """The YAML text of a new entry of `kind`. `defined` holds the ids the plan's
    files define when the plan has errors (no `plan`): the scaffold still names
    the plan's own channel and people, never a placeholder that fails `check`."""
    ids = _Ids(plan, defined or {})
    day = today + timedelta(days=30)  # practitioners plan at least a month ahead
    lines = [f"# yaml-language-server: $schema=../../schema/{kind.value}.schema.json"]
    title = label(language, f"new.title.{kind.value}")

    def field(key: str, value: str, optional: bool = True) -> None:
        comment = describe(key, language)
        if comment:
            lines.append(f"# {comment}")
        lines.append(("# " if optional else "") + f"{key}: {value}")

    field("title", title, optional=False)
    for key, value, optional in _kind_fields(kind, day, ids, plan, language):
        field(key, value, optional)
    field("summary", "…")
    field("status", "idea", optional=False)
    field("owner", ids.first("member"))
    field("reviewer", ids.last("member"))
    field("tags", "[]")
    field("tiers", f"[{ids.first('tier')}]")
    if kind is not Kind.PRODUCT:
        field("products", f"[{ids.first('product')}]")
    if kind is not Kind.CAMPAIGN:
        field("campaign", ids.first("campaign"))
    field("image", "images/example.png")
    lines.append(f"# {describe('body', language)}")
    lines.append("body: |")
    lines.append("  " + label(language, "new.body"))
    lines.append(f"# {describe('publish', language)}")
    lines.append("publish:")
    lines.append(f"  - channel: {ids.first('channel')}  # {describe('channel', language)}")
    lines.append(f"    at: {(day - timedelta(days=7)).isoformat()} 20:00  # {describe('at', language)}")
    for key in ("title", "summary", "status", "id"):
        lines.append(f"    # {key}:  # {describe('publish.' + key, language)}")
    lines.append(f"    # owner: {ids.first('member')}  # {describe('publish.owner', language)}")
    lines.append(f"    # reviewer: {ids.last('member')}  # {describe('publish.reviewer', language)}")
    lines.append(f"    # url: https://example.com/post  # {describe('publish.url', language)}")
    stage = ids.first("stage")
    lines.append(f"    # due: {{{stage}: {(day - timedelta(days=12)).isoformat()}}}  # {describe('publish.due', language)}")
    return "\n".join(lines) + "\n"


def _kind_fields(kind: Kind, day: date, ids: _Ids, plan: Plan | None, language: str) -> list[tuple[str, str, bool]]:
    if kind is Kind.PRODUCT:
        return [
            ("circle", "phone", False),
            ("launch", f"{day.isoformat()} 19:30", True),
            ("price", "1999", True),
            ("features", "[]", True),
            ("links", "[{title: 官网, url: 'https://example.com/'}]", True),
            ("tutorials", "[{title: 首次使用, body: 打开包装盒……}]", True),
            ("faq", "[{q: 问题, a: 回答}]", True),
        ]
    if kind is Kind.USER_STORY:
        author = f"{{name: {label(language, 'new.author')}, tier: {ids.first('tier')}, city: {_city(plan, language)}}}"
        return [("author", author, True), ("quote", label(language, "new.quote"), True)]
    if kind is Kind.BRAND_STORY:
        return [("theme", "culture", False), ("year", str(day.year), True)]
    if kind is Kind.EVENT:
        return [
            ("kind", "meetup", False),
            ("format", "online", False),
            ("start", f"{day.isoformat()} 20:00", False),
            ("end", f"{day.isoformat()} 21:00", True),
            ("timezone", plan.site.timezone if plan else DEFAULT_ZONE, True),
            ("location", _location(plan, language), True),
            ("url", "https://example.com/", True),
            ("capacity", "100", True),
            ("repeat", f"{{freq: weekly, byday: [WE], until: {(day + timedelta(days=60)).isoformat()}}}", True),
            ("except", f"[{(day + timedelta(days=14)).isoformat()}]", True),
            ("reminders", "[1d, 1h]", True),
        ]
    end = day + timedelta(days=30)
    return [
        ("start", day.isoformat(), False),
        ("end", end.isoformat(), False),
        ("goals", f"[{ids.first('goal')}]", True),
        ("channels", f"[{ids.first('channel')}]", True),
    ]


def _location(plan: Plan | None, language: str) -> str:
    """The plan's own first place (its team's venue, not another brand's), else a neutral one."""
    for event in plan.of_kind(Kind.EVENT) if plan else ():
        place = getattr(event.details, "location", None)
        if place and (place.venue or place.city):
            parts = [f"{key}: {value}" for key, value in (("venue", place.venue), ("city", place.city),
                                                          ("address", place.address)) if value]
            return "{" + ", ".join(parts) + "}"
    return "{" + f"venue: {label(language, 'new.venue')}, city: {label(language, 'new.city')}, " \
        f"address: {label(language, 'new.address')}" + "}"


def _city(plan: Plan | None, language: str) -> str:
    for event in plan.of_kind(Kind.EVENT) if plan else ():
        place = getattr(event.details, "location", None)
        if place and place.city:
            return place.city
    return label(language, "new.city")


class _Ids:
    """The first id of each kind the plan defines, for example values that resolve."""

    def __init__(self, plan: Plan | None, defined: Mapping[str, tuple[str, ...]]) -> None:
        self.plan = plan
        self.defined = defined

    def first(self, target: str) -> str:
        options = self._options(target)
        return options[0] if options else f"{target}-id"

    def last(self, target: str) -> str:
        """Another id than `first` where the plan has two (a reviewer who is not the owner)."""
        options = self._options(target)
        return options[-1] if options else f"{target}-id"

    def _options(self, target: str) -> list[str]:
        plan = self.plan
        if plan is None:
            found = list(self.defined.get(target, ()))
            return found or (["draft"] if target == "stage" else [])
        return {
            "member": [m.id for m in plan.site.team],
            "tier": [t.id for t in plan.site.tiers],
            "goal": [g.id for g in plan.site.goals],
            "channel": [c.id for c in plan.channels],
            "product": [e.id for e in plan.of_kind(Kind.PRODUCT)],
            "campaign": [e.id for e in plan.of_kind(Kind.CAMPAIGN)],
            "stage": [s.id for s in plan.site.workflow],
        }[target]
