"""The spreadsheet of a plan: its columns, its drop-down lists and one row per slot.

Pure: the xlsx and csv writers lay this out, and import compares each cell
it reads with the value this module gives the same slot, so "unchanged" is
decided by the very function that exported the cell.

What a cell holds, and why:
- kind, status: the words of the plan's language (活动, 已批准);
- channel, owner, reviewer: the name (微信公众号, 周岚), or `name（id）`
  when two share a name; import also takes the id;
- time, stage deadlines: a date (all day) or a date-time, local in the
  plan's zone (a spreadsheet's date-times have no zone);
- status: the slot's own status as written, else its entry's: what a
  manager sets. Not the status as of now (that depends on the clock: a
  future post reads as approved until its time has come).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from types import MappingProxyType
from zoneinfo import ZoneInfo

from generator.plan.model import Entry, Kind, Moment, Plan, Slot, Stage, Status, starts_at
from generator.plan.schema import LANGUAGES, STATUSES
from generator.sheets.book import CellValue
from generator.words import aside, label, listing

LISTS = ("kind", "channel", "status", "member")
"""The drop-down lists, in the order of the hidden sheet that holds them."""


@dataclass(frozen=True, slots=True)
class Column:
    id: str  # kind, entry, key, channel, time, title, status, owner, reviewer, due:<stage>, copy.title, ...
    header: str  # in the plan's language, as the sheet shows it
    note: str  # what the header's note says
    imported: bool  # read back by import (else only exported: a change is refused)
    choices: str = ""  # the drop-down list it takes its values from (`LISTS`)
    width: int = 14
    wrap: bool = False


@dataclass(frozen=True)
class Choices:
    """Each list's options as (id, text shown): the text is what a cell holds."""

    options: Mapping[str, tuple[tuple[str, str], ...]]
    names: Mapping[str, Mapping[str, str]]  # list -> plain name or label (any language) -> id, when unique

    def text(self, name: str, option_id: str | None) -> str | None:
        if option_id is None:
            return None
        return next((text for i, text in self.options[name] if i == option_id), option_id)

    def lookup(self, name: str, written: str) -> str | None:
        """The id a cell names: its option text, its id, or a name that only it has."""
        written = written.strip()
        for option_id, text in self.options[name]:
            if written in (text, option_id):
                return option_id
        return self.names[name].get(written.casefold())


@dataclass(frozen=True, slots=True)
class Row:
    key: str
    month: str  # yyyy-mm of its time in the plan's zone: the month sheet it is on
    values: tuple[CellValue, ...]  # one per column


@dataclass(frozen=True)
class Layout:
    """Everything a writer lays out, in the plan's language."""

    language: str
    zone: str
    columns: tuple[Column, ...]
    choices: Choices
    rows: tuple[Row, ...]  # by time, then key
    all_sheet: str
    lists_sheet: str
    base_sheet: str  # the rows as exported, hidden: import tells an edit from a stale cell by it

    def months(self) -> tuple[str, ...]:
        return tuple(sorted({row.month for row in self.rows}))


def layout(plan: Plan) -> Layout:
    language, zone = plan.site.language, plan.site.timezone
    columns = plan_columns(plan)
    choices = plan_choices(plan)
    found = []
    for entry in plan.entries:
        for slot in entry.slots:
            values = slot_values(plan, entry, slot, choices)
            at = values["time"]
            month = f"{at.year:04d}-{at.month:02d}" if isinstance(at, date) else ""
            found.append((starts_at(slot.at, slot.zone), slot.key, Row(slot.key, month, tuple(values[c.id] for c in columns))))
    rows = tuple(row for _, _, row in sorted(found, key=lambda f: (f[0], f[1])))
    return Layout(
        language, zone, columns, choices, rows,
        label(language, "sheets.all"), label(language, "sheets.lists"), label(language, "sheets.base"),
    )


def plan_columns(plan: Plan, language: str | None = None) -> tuple[Column, ...]:
    """The contract's columns, in its order, then what this tool adds (the copy's link).

    In the plan's language, or in `language` (import knows the headers of both)."""
    lang, zone = language or plan.site.language, plan.site.timezone

    def column(cid: str, imported: bool = True, choices: str = "", width: int = 14, wrap: bool = False,
               note: str = "") -> Column:
        header = label(lang, f"sheets.column.{cid}")
        if not imported:
            note = label(lang, "sheets.note.read_only")
        return Column(cid, header, note, imported, choices, width, wrap)

    stages = tuple(
        Column(f"due:{stage.id}", due_header(lang, stage), label(lang, "sheets.note.due"), True, "", 17)
        for stage in plan.site.workflow
    )
    return (
        column("kind", choices="kind", width=10, note=label(lang, "sheets.note.kind")),
        column("entry", width=24, note=label(lang, "sheets.note.entry")),
        Column(
            "key", key_header(lang), label(lang, "sheets.note.key"), True, "", 42
        ),
        column("channel", choices="channel", width=14),
        Column("time", time_header(lang, zone), label(lang, "sheets.note.time", zone=zone), True, "", 17),
        column("title", width=40),
        column("status", choices="status", width=10, note=label(lang, "sheets.note.status")),
        column("owner", choices="member", width=10, note=label(lang, "sheets.note.owner")),
        column("reviewer", choices="member", width=10, note=label(lang, "sheets.note.reviewer")),
        *stages,
        column("copy.title", width=30),
        column("copy.text", width=50, wrap=True),
        column("copy.tags", width=20, note=label(lang, "sheets.note.tags")),
        column("url", width=30),
        column("tiers", imported=False, width=20),
        column("campaign", imported=False, width=20),
        column("copy.link", width=30),
    )


def key_header(language: str) -> str:
    return label(language, "sheets.column.key") + aside(language, label(language, "sheets.column.key.aside"))


def time_header(language: str, zone: str) -> str:
    return label(language, "sheets.column.time") + aside(language, zone)


def stage_name(language: str, stage: Stage) -> str:
    return stage.name or label(language, f"stage.{stage.id}")


def due_header(language: str, stage: Stage) -> str:
    return label(language, "sheets.column.due", stage=stage_name(language, stage))


def plan_choices(plan: Plan) -> Choices:
    lang = plan.site.language
    kinds = tuple((k.value, label(lang, f"kind.{k.value}")) for k in Kind)
    statuses = tuple((s, label(lang, f"status.{s}")) for s in STATUSES)
    channels = _named(lang, tuple((c.id, c.name) for c in plan.channels))
    members = _named(lang, tuple((m.id, m.name) for m in plan.site.team))
    # the words of both languages: a sheet may come back from a colleague who reads the other
    other_kinds = {label(o, f"kind.{k.value}"): k.value for o in LANGUAGES for k in Kind}
    other_statuses = {label(o, f"status.{s}"): s for o in LANGUAGES for s in STATUSES}
    return Choices(
        MappingProxyType({"kind": kinds, "channel": channels, "status": statuses, "member": members}),
        MappingProxyType(
            {
                "kind": _unique(other_kinds.items()),
                "status": _unique(other_statuses.items()),
                "channel": _unique((c.name, c.id) for c in plan.channels),
                "member": _unique((m.name, m.id) for m in plan.site.team),
            }
        ),
    )


def _named(language: str, items: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """An option reads as its name, or as `name（id）` where the name alone would not say which."""
    names = [name.strip() for _, name in items]
    ids = {i for i, _ in items}
    return tuple(
        (i, name.strip() if names.count(name.strip()) == 1 and name.strip() not in ids - {i} and name.strip()
         else label(language, "punct.named", id=i, name=name.strip()))
        for i, name in items
    )


def _unique(pairs) -> Mapping[str, str]:  # type: ignore[no-untyped-def]
    found: dict[str, set[str]] = {}
    for name, option_id in pairs:
        found.setdefault(name.strip().casefold(), set()).add(option_id)
    return MappingProxyType({name: next(iter(ids)) for name, ids in found.items() if len(ids) == 1})


def written_status(entry: Entry, slot: Slot) -> Status:
    """The slot's own status as written, else its entry's: the value its row edits."""
    return slot.written if slot.written is not None else entry.status


def sheet_moment(value: Moment, zone: str) -> date | datetime:
    """A date stays a date; a moment becomes the naive local time in `zone` that a cell holds."""
    if isinstance(value, datetime):
        return value.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
    return value


def slot_values(plan: Plan, entry: Entry, slot: Slot, choices: Choices) -> dict[str, CellValue]:
    """Every column's value for one slot, by column id."""
    lang, zone = plan.site.language, plan.site.timezone
    copy = slot.copy
    campaign = plan.entry(Kind.CAMPAIGN, entry.campaign) if entry.campaign else None
    tier_names = {t.id: t.name for t in plan.site.tiers}
    values: dict[str, CellValue] = {
        "kind": choices.text("kind", entry.kind.value),
        "entry": entry.id,
        "key": slot.key,
        "channel": choices.text("channel", slot.channel),
        "time": sheet_moment(slot.at, zone),
        "title": slot.title or None,
        "status": choices.text("status", written_status(entry, slot).value),
        "owner": choices.text("member", slot.owner),
        "reviewer": choices.text("member", slot.reviewer),
        "copy.title": (copy.title or None) if copy else None,
        "copy.text": (copy.text or None) if copy else None,
        "copy.tags": (listing(lang, copy.tags) or None) if copy else None,
        "url": slot.url,
        "tiers": listing(lang, (tier_names.get(t, t) for t in entry.tiers)) or None,
        "campaign": (campaign.title if campaign else entry.campaign) or None,
        "copy.link": copy.link if copy else None,
    }
    for deadline in slot.deadlines:
        values[f"due:{deadline.stage.id}"] = sheet_moment(deadline.at, zone)
    return values
