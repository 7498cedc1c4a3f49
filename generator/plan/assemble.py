"""From checked values to the model: zones applied, defaults filled, identities made.

Runs only on a plan whose files all converted and whose references resolve;
what it can still find (an end before its start once zones are known, an
`except` date that is no occurrence) it reports as located problems.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from generator.plan.model import (
    Author,
    BrandStory,
    Campaign,
    Channel,
    Community,
    Entry,
    Event,
    Faq,
    Goal,
    KeyDate,
    Kind,
    Kpi,
    Link,
    Location,
    Member,
    Moment,
    Plan,
    Product,
    Recurrence,
    Site,
    Slot,
    Source,
    Span,
    Status,
    Tier,
    Tutorial,
    UserStory,
)
from generator.plan.problems import Problem, Severity, problem
from generator.plan.recurrence import dates as recurrence_dates
from generator.plan.specs import parse_date
from generator.plan.yamlfile import Mapping, Node, Sequence

if TYPE_CHECKING:
    from generator.plan.check import EntryFile

DEFAULT_ZONE = "Asia/Shanghai"


def localize(value: Moment, zone: str) -> Moment:
    """A date stays a date; a naive time is read in `zone`; an offset is moved into `zone`."""
    if not isinstance(value, datetime):
        return value
    if value.tzinfo is None:
        return value.replace(tzinfo=ZoneInfo(zone))
    return value.astimezone(ZoneInfo(zone))


def assemble(
    site_values: dict[str, Any],
    channel_values: tuple[dict[str, Any], ...],
    key_date_values: tuple[dict[str, Any], ...],
    entries: list[EntryFile],
    slot_nodes: dict[str, tuple[Node, ...]],
    channel_nodes: Node | None = None,
    key_date_nodes: Node | None = None,
    site_node: Node | None = None,
) -> tuple[Plan, list[Problem]]:
    problems: list[Problem] = []
    site = _site(site_values, site_node)
    channels = tuple(_channel(c, n) for c, n in zip(channel_values, _items(channel_nodes)))
    key_dates = tuple(_key_date(k, n) for k, n in zip(key_date_values, _items(key_date_nodes)))
    built = tuple(_entry(e, site, slot_nodes.get(e.path, ()), problems) for e in entries)
    return Plan.build(site, channels, built, key_dates), problems


def _site(v: dict[str, Any], node: Node | None) -> Site:
    community = v.get("community", {})
    tier_nodes = _items(node.get("tiers")) if isinstance(node, Mapping) else ()
    base_url = v["base_url"]
    return Site(
        title=v["title"],
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        description=v.get("description", ""),
        language=v.get("language", "zh"),
        timezone=v.get("timezone", DEFAULT_ZONE),
        community=Community(
            name=community.get("name", ""),
            positioning=community.get("positioning", ""),
            description=community.get("description", ""),
        ),
        goals=tuple(
            Goal(
                id=g["id"],
                title=g["title"],
                description=g.get("description", ""),
                kpis=tuple(
                    Kpi(
                        id=k["id"],
                        name=k["name"],
                        unit=k["unit"],
                        baseline=k["baseline"],
                        target=k["target"],
                        actual=k.get("actual"),
                        due=k.get("due"),
                    )
                    for k in g.get("kpis", ())
                ),
            )
            for g in v.get("goals", ())
        ),
        tiers=tuple(
            Tier(t["id"], t["name"], t.get("description", ""), t.get("strategy", ""), _source(n))
            for t, n in zip(v.get("tiers", ()), tier_nodes)
        ),
        team=tuple(Member(m["id"], m["name"], m["role"], m.get("email")) for m in v.get("team", ())),
        lint=v.get("lint", {}),
    )


def _items(node: Node | None) -> tuple[Node, ...]:
    return node.items if isinstance(node, Sequence) else ()


def _source(node: Node) -> Source:
    return Source(node.path, node.line, node.column)


def _channel(v: dict[str, Any], node: Node) -> Channel:
    return Channel(
        v["id"], v["name"], v.get("url"), v.get("kind"), v.get("cadence"), v.get("color"), _source(node)
    )


def _key_date(v: dict[str, Any], node: Node) -> KeyDate:
    own = v.get("id")
    key = own or f"{v['date'].isoformat()}/{v['title']}"
    return KeyDate(v["date"], v.get("end", v["date"]), v["title"], v["kind"], key, own, _source(node))


def _entry(file: EntryFile, site: Site, slot_nodes: tuple[Node, ...], problems: list[Problem]) -> Entry:
    v = file.values
    kind = Kind(file.kind)
    zone = v.get("timezone", site.timezone) if kind is Kind.EVENT else site.timezone
    status = Status(v.get("status", "approved"))
    title = v["title"]
    summary = v.get("summary", "")
    details = _details(kind, v, zone, file, problems)
    slots = _slots(kind, file, v.get("publish", ()), zone, status, title, summary, slot_nodes, problems)
    return Entry(
        kind=kind,
        id=file.id,
        title=title,
        details=details,
        summary=summary,
        body=v.get("body", ""),
        status=status,
        owner=v.get("owner"),
        tags=v.get("tags", ()),
        tiers=v.get("tiers", ()),
        products=v.get("products", ()),
        campaign=v.get("campaign"),
        image=v.get("image"),
        slots=slots,
        source=Source(file.path),
        field_sources=_field_sources(file.root),
    )


def _field_sources(root: Node | None) -> dict[str, Source]:
    if not isinstance(root, Mapping):
        return {}
    return {key.value: _source(value) for key, value in root.pairs}


def _details(kind: Kind, v: dict[str, Any], zone: str, file: EntryFile, problems: list[Problem]) -> Any:
    if kind is Kind.PRODUCT:
        return Product(
            circle=v["circle"],
            launch=localize(v["launch"], zone) if "launch" in v else None,
            price=v.get("price"),
            features=v.get("features", ()),
            links=tuple(Link(x["title"], x["url"]) for x in v.get("links", ())),
            tutorials=tuple(Tutorial(x["title"], x["body"]) for x in v.get("tutorials", ())),
            faq=tuple(Faq(x["q"], x["a"]) for x in v.get("faq", ())),
        )
    if kind is Kind.USER_STORY:
        author = v.get("author")
        return UserStory(
            author=Author(author["name"], author.get("tier"), author.get("city")) if author else None,
            quote=v.get("quote", ""),
        )
    if kind is Kind.BRAND_STORY:
        return BrandStory(v["theme"], v.get("year"))
    if kind is Kind.CAMPAIGN:
        return Campaign(v["start"], v["end"], v.get("goals", ()), v.get("channels", ()))
    return _event(v, zone, file, problems)


def _event(v: dict[str, Any], zone: str, file: EntryFile, problems: list[Problem]) -> Event:
    start = localize(v["start"], zone)
    if "end" in v:
        end = localize(v["end"], zone)
    else:
        end = start + timedelta(hours=1) if isinstance(start, datetime) else start
    root = file.root
    if isinstance(start, datetime) and isinstance(end, datetime) and end < start:
        at = _located(root, "end")
        problems.append(problem(at.path, at.line, at.column, "span.end_before_start", start=str(start), end=str(end)))
    location = v.get("location")
    repeat = v.get("repeat")
    recurrence = (
        Recurrence(
            freq=repeat["freq"],
            interval=repeat.get("interval", 1),
            byday=repeat.get("byday", ()),
            until=repeat.get("until"),
            count=repeat.get("count"),
        )
        if repeat
        else None
    )
    if recurrence and recurrence.byday and _weekday_code(start) not in recurrence.byday:
        at = _located(_located(root, "repeat"), "byday")
        problems.append(
            problem(at.path, at.line, at.column, "repeat.byday_misses_start", day=_weekday_code(start), start=_day(start))
        )
    exceptions = tuple(sorted(v.get("except", ())))
    if recurrence and exceptions:
        _warn_stray_exceptions(start, recurrence, exceptions, root, problems)
    return Event(
        kind=v["kind"],
        format=v["format"],
        span=Span(start, end, zone),
        location=Location(location.get("venue"), location.get("city"), location.get("address")) if location else None,
        url=v.get("url"),
        capacity=v.get("capacity"),
        repeat=recurrence,
        exceptions=exceptions,
        reminders=v.get("reminders", ()),
    )


def _weekday_code(value: Moment) -> str:
    return ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[value.weekday()]


def _day(value: Moment) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _warn_stray_exceptions(
    start: Moment, recurrence: Recurrence, exceptions: tuple[date, ...], root: Node, problems: list[Problem]
) -> None:
    occurs = set(recurrence_dates(recurrence, start))
    except_node = root.get("except") if isinstance(root, Mapping) else None
    for node in getattr(except_node, "items", ()):
        day = parse_date(getattr(node, "value", "").strip())
        if isinstance(day, date) and day not in occurs:
            problems.append(
                problem(node.path, node.line, node.column, "except.not_occurrence", Severity.WARNING, value=day)
            )


def _slots(
    kind: Kind,
    file: EntryFile,
    publish: tuple[dict[str, Any], ...],
    zone: str,
    entry_status: Status,
    title: str,
    summary: str,
    nodes: tuple[Node, ...],
    problems: list[Problem],
) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    seen: set[str] = set()
    positions: dict[str, int] = {}
    for index, raw in enumerate(publish):
        channel = raw["channel"]
        positions[channel] = positions.get(channel, 0) + 1
        own = raw.get("id")
        key = f"{kind.value}/{file.id}/{channel}/{own if own else '#' + str(positions[channel])}"
        node = nodes[index] if index < len(nodes) else file.root
        if key in seen:
            at = _located(node, "id")
            problems.append(problem(at.path, at.line, at.column, "slot.duplicate_id", value=own, channel=channel))
            continue
        seen.add(key)
        slots.append(
            Slot(
                entry_kind=kind,
                entry_id=file.id,
                channel=channel,
                at=localize(raw["at"], zone),
                zone=zone,
                title=raw.get("title", title),
                summary=raw.get("summary", summary),
                status=effective_status(entry_status, Status(raw["status"]) if "status" in raw else None),
                key=key,
                own_id=own,
                source=Source(file.path, node.line, node.column),
            )
        )
    return tuple(slots)


def effective_status(entry: Status, slot: Status | None) -> Status:
    """A cancelled entry cancels its slots; a slot is only as public as its entry."""
    if slot is None or entry.is_cancelled:
        return entry
    if slot.is_cancelled:
        return slot
    if entry.is_draft and not slot.is_draft:
        return entry
    return slot


def _located(root: Node, key: str) -> Node:
    if isinstance(root, Mapping):
        return root.get(key) or root
    return root
