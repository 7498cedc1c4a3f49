"""From checked values to the model: zones applied, defaults filled, identities made.

Runs only on a plan whose files all converted and whose references resolve.
It takes what `check` read (`read.PlanFiles`): converted values that carry
where they were written, so no YAML node reaches it. What it can still find
once zones are known (a weekly event starting off its days, an `except` date
that is no occurrence, a slot id used twice) it reports as located problems.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from generator.plan.model import (
    DEFAULT_WORKFLOW,
    Actual,
    REBUILD_EVERY,
    STAGE_DONE,
    Author,
    Deadline,
    BrandStory,
    Campaign,
    Channel,
    Community,
    Copy,
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
    Stage,
    Status,
    Tier,
    Tutorial,
    UserStory,
)
from generator.plan.problems import Problem, Severity, problem
from generator.plan.read import EntryFile, PlanFiles
from generator.plan.recurrence import dates as recurrence_dates
from generator.plan.specs import NO_ITEMS, Fields, Items
from generator.plan.zones import DEFAULT_ZONE, localize


def assemble(files: PlanFiles) -> tuple[Plan, list[Problem]]:
    """The model of a plan that checked, and what is found only once zones are applied."""
    problems: list[Problem] = []
    site = _site(files.site, _by_kpi(files.actuals))
    channels = tuple(_channel(c) for c in files.channels)
    key_dates = tuple(_key_date(k) for k in files.key_dates)
    built = tuple(_entry(e, site, problems) for e in files.entries)
    return Plan.build(site, channels, built, key_dates), problems


def _by_kpi(actuals: tuple[tuple[str, Actual], ...]) -> dict[str, tuple[Actual, ...]]:
    """Each KPI's measurements, oldest first (check refused two on one day)."""
    grouped: dict[str, list[Actual]] = {}
    for ref, actual in actuals:
        grouped.setdefault(ref, []).append(actual)
    return {ref: tuple(sorted(found, key=lambda a: a.date)) for ref, found in grouped.items()}


def _kpi(goal: str, k: Fields, measured: dict[str, tuple[Actual, ...]]) -> Kpi:
    """A KPI; its latest measurement, when actuals.csv has any, replaces site.yaml's `actual`."""
    actuals = measured.get(f"{goal}.{k['id']}", ())
    latest = actuals[-1] if actuals else None
    return Kpi(
        id=k["id"],
        name=k["name"],
        unit=k["unit"],
        baseline=k["baseline"],
        target=k["target"],
        actual=latest.value if latest else k.get("actual"),
        due=k.get("due"),
        goal=goal,
        actuals=actuals,
        as_of=latest.date if latest else None,
    )


def _site(v: Fields, measured: dict[str, tuple[Actual, ...]]) -> Site:
    community = v.get("community", {})
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
                kpis=tuple(_kpi(g["id"], k, measured) for k in _list(g, "kpis")),
            )
            for g in _list(v, "goals")
        ),
        tiers=tuple(
            Tier(t["id"], t["name"], t.get("description", ""), t.get("strategy", ""), t.source)
            for t in _list(v, "tiers")
        ),
        team=tuple(Member(m["id"], m["name"], m["role"], m.get("email")) for m in _list(v, "team")),
        lint=_lint(v.get("lint", {})),
        workflow=tuple(_stage(s) for s in _list(v, "workflow")) if "workflow" in v else DEFAULT_WORKFLOW,
        rebuild_every=v.get("rebuild_every", REBUILD_EVERY),
    )


def _stage(v: Fields) -> Stage:
    done = v.get("done")
    return Stage(
        id=v["id"],
        before=v["before"],
        who=v.get("who", "owner"),
        done=Status(done) if done else STAGE_DONE[v["id"]],  # the schema's rule saw to one of them
        name=v["name"],
        source=v.source,
    )


def _list(v: Fields, key: str) -> tuple[Any, ...]:
    """A list field's values (the model keeps plain tuples), empty when not given."""
    items: Items = v.get(key, NO_ITEMS)
    return items.values


def _lint(v: Fields | dict[str, Any]) -> dict[str, dict[str, float] | None]:
    """Each lint check written: None for off, else its tuning values (none for `on`)."""
    return {check: None if setting is None else dict(setting.items()) for check, setting in v.items()}


def _channel(v: Fields) -> Channel:
    return Channel(
        v["id"], v["name"], v.get("url"), v.get("kind"), v.get("cadence"), v.get("color"), v.source,
        platform=v.get("platform", "other"), field_sources=v.sources,
    )


def _key_date(v: Fields) -> KeyDate:
    own = v.get("id")
    key = own or f"{v['date'].isoformat()}/{v['title']}"
    return KeyDate(v["date"], v.get("end", v["date"]), v["title"], v["kind"], key, own, v.source)


def _entry(file: EntryFile, site: Site, problems: list[Problem]) -> Entry:
    v = file.values
    if v is None:  # check hands over only a plan whose every file converted
        raise ValueError(f"{file.path} did not convert")
    kind = Kind(file.kind)
    zone = v.get("timezone", site.timezone) if kind is Kind.EVENT else site.timezone
    status = Status(v.get("status", "approved"))
    title = v["title"]
    summary = v.get("summary", "")
    details = _details(kind, v, zone, problems)
    people = _People(v.get("owner"), v.get("reviewer"))
    slots = _slots(kind, file.id, _list(v, "publish"), zone, _Defaults(status, title, summary, people), site, problems)
    return Entry(
        kind=kind,
        id=file.id,
        title=title,
        details=details,
        summary=summary,
        body=v.get("body", ""),
        brief=v.get("brief", ""),
        status=status,
        owner=v.get("owner"),
        reviewer=v.get("reviewer"),
        tags=_list(v, "tags"),
        tiers=_list(v, "tiers"),
        products=_list(v, "products"),
        campaign=v.get("campaign"),
        image=v.get("image"),
        slots=slots,
        source=Source(file.path),
        field_sources=v.sources,
    )


def _details(kind: Kind, v: Fields, zone: str, problems: list[Problem]) -> Any:
    if kind is Kind.PRODUCT:
        return Product(
            circle=v["circle"],
            launch=localize(v["launch"], zone) if "launch" in v else None,
            price=v.get("price"),
            features=_list(v, "features"),
            links=tuple(Link(x["title"], x["url"]) for x in _list(v, "links")),
            tutorials=tuple(Tutorial(x["title"], x["body"]) for x in _list(v, "tutorials")),
            faq=tuple(Faq(x["q"], x["a"]) for x in _list(v, "faq")),
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
        return Campaign(v["start"], v["end"], _list(v, "goals"), _list(v, "channels"))
    return _event(v, zone, problems)


def _event(v: Fields, zone: str, problems: list[Problem]) -> Event:
    start = localize(v["start"], zone)
    if "end" in v:
        end = localize(v["end"], zone)  # never before start: the span rule of `schema` saw to it
    else:
        end = start + timedelta(hours=1) if isinstance(start, datetime) else start
    location = v.get("location")
    repeat: Fields | None = v.get("repeat")
    recurrence = (
        Recurrence(
            freq=repeat["freq"],
            interval=repeat.get("interval", 1),
            byday=_list(repeat, "byday"),
            until=repeat.get("until"),
            count=repeat.get("count"),
        )
        if repeat
        else None
    )
    if repeat and recurrence and recurrence.byday and _weekday_code(start) not in recurrence.byday:
        at = repeat.at("byday")
        problems.append(
            problem(at.path, at.line, at.column, "repeat.byday_misses_start", day=_weekday_code(start), start=_day(start))
        )
    exceptions: Items = v.get("except", NO_ITEMS)
    if recurrence and exceptions:
        _warn_stray_exceptions(start, recurrence, exceptions, problems)
    return Event(
        kind=v["kind"],
        format=v["format"],
        span=Span(start, end, zone),
        location=Location(location.get("venue"), location.get("city"), location.get("address")) if location else None,
        url=v.get("url"),
        capacity=v.get("capacity"),
        repeat=recurrence,
        exceptions=tuple(sorted(exceptions)),
        reminders=_list(v, "reminders"),
    )


def _weekday_code(value: Moment) -> str:
    return ("MO", "TU", "WE", "TH", "FR", "SA", "SU")[value.weekday()]


def _day(value: Moment) -> str:
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def _warn_stray_exceptions(start: Moment, recurrence: Recurrence, exceptions: Items, problems: list[Problem]) -> None:
    occurs = set(recurrence_dates(recurrence, start))
    for day, at in exceptions.located():
        if day not in occurs:
            problems.append(problem(at.path, at.line, at.column, "except.not_occurrence", Severity.WARNING, value=day))


@dataclass(frozen=True, slots=True)
class _People:
    owner: str | None
    reviewer: str | None


@dataclass(frozen=True, slots=True)
class _Defaults:
    """What a slot takes from its entry when it does not say."""

    status: Status
    title: str
    summary: str
    people: _People


def _slots(
    kind: Kind,
    entry_id: str,
    publish: tuple[Fields, ...],
    zone: str,
    entry: _Defaults,
    site: Site,
    problems: list[Problem],
) -> tuple[Slot, ...]:
    slots: list[Slot] = []
    seen: set[str] = set()
    positions: dict[str, int] = {}
    for raw in publish:
        channel = raw["channel"]
        positions[channel] = positions.get(channel, 0) + 1
        own = raw.get("id")
        key = f"{kind.value}/{entry_id}/{channel}/{own if own else '#' + str(positions[channel])}"
        if key in seen:
            at = raw.at("id")
            problems.append(problem(at.path, at.line, at.column, "slot.duplicate_id", value=own, channel=channel))
            continue
        seen.add(key)
        written = Status(raw["status"]) if "status" in raw else None
        status = effective_status(entry.status, written)
        if "url" in raw and status is not Status.PUBLISHED:
            at = raw.at("url")
            problems.append(problem(at.path, at.line, at.column, "slot.url_not_published", status=status.value))
        at = localize(raw["at"], zone)
        people = _People(raw.get("owner", entry.people.owner), raw.get("reviewer", entry.people.reviewer))
        slots.append(
            Slot(
                entry_kind=kind,
                entry_id=entry_id,
                channel=channel,
                at=at,
                zone=zone,
                title=raw.get("title", entry.title),
                summary=raw.get("summary", entry.summary),
                status=status,
                key=key,
                own_id=own,
                source=raw.source,
                owner=people.owner,
                reviewer=people.reviewer,
                url=raw.get("url"),
                deadlines=_deadlines(key, at, zone, site.workflow, people, raw.get("due"), problems),
                written=written,
                copy=_copy(raw.get("copy")),
            )
        )
    return tuple(slots)


def _copy(v: Fields | None) -> Copy | None:
    if v is None:
        return None
    return Copy(
        title=v.get("title", ""),
        text=v.get("text", "").strip("\n"),
        tags=_list(v, "tags"),
        link=v.get("link"),
        source=v.source,
        field_sources=v.sources,
    )


def _deadlines(
    key: str,
    at: Moment,
    zone: str,
    workflow: tuple[Stage, ...],
    people: _People,
    due: Fields | None,
    problems: list[Problem],
) -> tuple[Deadline, ...]:
    """Each stage's deadline: `computed_deadline`, unless `due` names it."""
    found = []
    for stage in workflow:
        given = due is not None and stage.id in due
        if given:
            moment = localize(due[stage.id], zone)
            if isinstance(at, datetime) and isinstance(moment, datetime) and moment > at:
                where = due.at(stage.id)
                problems.append(
                    problem(where.path, where.line, where.column, "due.after_slot", Severity.WARNING, stage=stage.id)
                )
        else:
            moment = computed_deadline(stage, at)
        person = people.reviewer if stage.who == "reviewer" else people.owner
        found.append(Deadline(stage, moment, zone, person, f"{key}/{stage.id}", given))
    return tuple(found)


def computed_deadline(stage: Stage, at: Moment) -> Moment:
    """A stage's deadline when `due` does not name it: the slot's time less the stage's lead.

    For a date slot a lead in hours reaches back whole days (12h before a day
    is the day before): a date slot has no hour to count back from."""
    if isinstance(at, datetime):
        return at - stage.before
    return at - timedelta(days=math.ceil(stage.before / timedelta(days=1)))


def effective_status(entry: Status, slot: Status | None) -> Status:
    """A cancelled entry cancels its slots; a slot is only as public as its entry."""
    if slot is None or entry.is_cancelled:
        return entry
    if slot.is_cancelled:
        return slot
    if entry.is_draft and not slot.is_draft:
        return entry
    return slot
