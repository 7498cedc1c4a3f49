"""From a spreadsheet read back to the changes it makes to the plan, or the problems that refuse it.

Rows are matched to slots by their key; a cell changes its slot when it
differs from the cell export would write for that slot today. Every sheet
with a key column is read (全部 and the month sheets): a slot edited on one
sheet and left as it was on another takes the edit, two different edits of
one cell are refused. A row without a key adds a slot to the entry it
names. Nothing is removed: a row left out of a sheet changes nothing.

What import writes (`Change.field`): channel, at (the time), title, status,
owner, reviewer, url, the copy's title, text, tags and link, and a stage's
`due` when its deadline is not the one computed from the time. Kind and
entry identify a new row's entry and cannot move a slot; tiers and campaign
are the entry's, shown for reading: a change to them is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from generator.plan.assemble import computed_deadline, effective_status
from generator.plan.model import Entry, Kind, Moment, Plan, Slot, Status
from generator.plan.problems import Severity
from generator.sheets.book import Book, Cell, Sheet
from generator.sheets.cells import (
    Reading,
    Value,
    as_text,
    closest,
    read_choice,
    read_moment,
    read_tags,
    read_text,
    shown,
)
from generator.sheets.columns import Column, Choices, plan_choices, plan_columns, slot_values
from generator.sheets.headers import Headers, is_hidden, is_ours
from generator.sheets.problems import SheetProblem, at_cell
from generator.words import label

_WRITTEN = ("channel", "title", "status", "owner", "reviewer", "url", "copy.title", "copy.text", "copy.tags", "copy.link")
_ENTRY_ONLY = ("tiers", "campaign")


@dataclass(frozen=True, slots=True)
class Change:
    """One cell's edit of one slot: what import writes, and what the dry run says."""

    path: str  # the entry's file, relative to the plan's root
    index: int  # the slot's place in the entry's `publish` list
    field: str  # at, channel, title, status, owner, reviewer, url, due.<stage>, copy.<key>
    value: object  # a date, an aware datetime (in the slot's zone), a text, topic words; None removes it
    place: str  # 全部!F12
    column: str  # the column's header
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Addition:
    """A row without a key: a new slot at the end of its entry's `publish`."""

    path: str
    fields: tuple[tuple[str, object], ...]  # in the order they are written; due and copy hold pairs
    place: str
    what: str


@dataclass(frozen=True)
class Changes:
    changes: tuple[Change, ...]
    additions: tuple[Addition, ...]
    problems: tuple[SheetProblem, ...]

    @property
    def refused(self) -> bool:
        return any(p.is_error for p in self.problems)


def read_changes(plan: Plan, book: Book, file: str) -> Changes:
    reader = _Import(plan, file)
    for sheet in book.sheets:
        if is_hidden(sheet.name, "sheets.base"):
            reader.exported_rows(sheet)
    for sheet in book.sheets:
        if not is_hidden(sheet.name, "sheets.base"):
            reader.sheet(sheet)
    return reader.result()


@dataclass(frozen=True, slots=True)
class _Edit:
    value: Value
    sheet: str | None
    cell: Cell


@dataclass
class _Import:
    plan: Plan
    file: str
    columns: tuple[Column, ...] = ()
    choices: Choices = field(init=False)
    slots: dict[str, tuple[Entry, Slot, int]] = field(default_factory=dict)
    current: dict[str, dict[str, Value]] = field(default_factory=dict)  # key -> the plan's cells today
    base: dict[str, dict[str, Value]] = field(default_factory=dict)  # key -> the cells as exported
    edited: dict[str, dict[str, _Edit]] = field(default_factory=dict)  # key -> column id -> its edit
    additions: list[Addition] = field(default_factory=list)
    problems: list[SheetProblem] = field(default_factory=list)
    sheets: list[str | None] = field(default_factory=list)  # in the book's order: problems are said in it

    def __post_init__(self) -> None:
        self.columns = plan_columns(self.plan)
        self.choices = plan_choices(self.plan)
        for entry in self.plan.entries:
            for index, slot in enumerate(entry.slots):  # a plan that checks has one slot per `publish` item
                self.slots[slot.key] = (entry, slot, index)

    @property
    def language(self) -> str:
        return self.plan.site.language

    def header(self, cid: str) -> str:
        return next(c.header for c in self.columns if c.id == cid)

    def place(self, sheet: str | None, cell: Cell) -> str:
        return f"{sheet}!{cell.ref}" if sheet is not None else cell.ref

    def refuse(self, sheet: str | None, cell: Cell, code: str, **args: object) -> None:
        self.problems.append(at_cell(self.file, sheet, cell, code, **args))

    # --- one sheet ------------------------------------------------------------------------

    def sheet(self, sheet: Sheet) -> None:
        self.sheets.append(sheet.name)
        if not sheet.rows or is_hidden(sheet.name, "sheets.lists"):
            return  # the drop-down lists export wrote
        columns, problems = Headers(self.plan, self.file).read(sheet)
        self.problems += problems
        if "key" not in columns:
            first = sheet.rows[0][0]
            key = label(self.language, "sheets.column.key")
            if is_ours(sheet.name):
                self.refuse(sheet.name, first, "sheet.no_key_column", header=key)
            else:
                self.problems.append(
                    at_cell(self.file, sheet.name, first, "sheet.not_read", Severity.WARNING, header=key)
                )
            return
        seen: dict[str, int] = {}
        for row in sheet.rows[1:]:
            number = row[0].row
            given = {c.column: c for c in row}
            cells = {cid: given.get(h.column, Cell(None, number, h.column)) for cid, h in columns.items()}
            if all(c.empty for c in cells.values()):
                continue
            key_cell = cells["key"]
            if key_cell.empty:
                self._addition(sheet.name, cells, columns)
                continue
            key = as_text(key_cell.value).strip()
            if key in seen:
                self.refuse(sheet.name, key_cell, "sheet.duplicate_key", value=key, first=seen[key])
                continue
            seen[key] = number
            if key not in self.slots:
                self.refuse(sheet.name, key_cell, "sheet.unknown_key", value=key, hint=closest(key, sorted(self.slots)))
                continue
            self._row(sheet.name, key, cells)

    def _read(self, sheet: str | None, cid: str, cell: Cell) -> tuple[Value, list[SheetProblem]]:
        at = Reading(self.file, sheet, self.plan.site.timezone)
        readers: dict[str, Callable[[], tuple[Value, list[SheetProblem]]]] = {
            "kind": lambda: read_choice(at, cell, self.choices, "kind"),
            "channel": lambda: read_choice(at, cell, self.choices, "channel"),
            "status": lambda: read_choice(at, cell, self.choices, "status"),
            "owner": lambda: read_choice(at, cell, self.choices, "member"),
            "reviewer": lambda: read_choice(at, cell, self.choices, "member"),
            "time": lambda: read_moment(at, cell),
            "copy.text": lambda: read_text(at, cell, multiline=True),
            "copy.tags": lambda: read_tags(at, cell),
            "url": lambda: read_text(at, cell, url=True),
            "copy.link": lambda: read_text(at, cell, url=True),
            "tiers": lambda: (as_text(cell.value).strip() or None, []),
            "campaign": lambda: (as_text(cell.value).strip() or None, []),
        }
        if cid.startswith("due:"):
            return read_moment(at, cell)
        return readers.get(cid, lambda: read_text(at, cell))()

    def _exported(self, key: str) -> dict[str, Value]:
        """Each column's value as export writes it for this slot, read back as a cell is."""
        if key not in self.current:
            entry, slot, _ = self.slots[key]
            values = slot_values(self.plan, entry, slot, self.choices)
            self.current[key] = {cid: self._read(None, cid, Cell(value, 1, 1))[0] for cid, value in values.items()}
        return self.current[key]

    def exported_rows(self, sheet: Sheet) -> None:
        """The hidden copy of the rows as exported: what an edit is told from."""
        if not sheet.rows:
            return
        columns, _ = Headers(self.plan, self.file).read(sheet, quiet=True)
        if "key" not in columns:
            return
        for row in sheet.rows[1:]:
            given = {c.column: c for c in row}
            cells = {cid: given.get(h.column, Cell(None, row[0].row, h.column)) for cid, h in columns.items()}
            key = as_text(cells["key"].value).strip()
            if key in self.slots:
                self.base[key] = {cid: self._read(None, cid, cell)[0] for cid, cell in cells.items()}

    def _row(self, sheet: str | None, key: str, cells: dict[str, Cell]) -> None:
        exported = self._exported(key)
        base = self.base.get(key, exported)  # a CSV file, or a sheet that lost its hidden copy: the plan today
        for cid, cell in cells.items():
            if cid == "key":
                continue
            value, problems = self._read(sheet, cid, cell)
            if problems:
                self.problems += problems
                continue
            was = base.get(cid, exported.get(cid))
            if value == was:
                continue  # not edited (a month sheet left as it was, a sheet imported twice)
            if value == exported.get(cid):
                continue  # edited to what the plan already says
            if was != exported.get(cid):
                self.refuse(sheet, cell, "sheet.stale", now=self._shown(cid, exported.get(cid)),
                           then=self._shown(cid, was))
                continue
            edits = self.edited.setdefault(key, {})
            if cid in edits and edits[cid].value != value:
                first = edits[cid]
                self.refuse(sheet, cell, "sheet.conflict", other=self.place(first.sheet, first.cell),
                           value=self._shown(cid, value), theirs=self._shown(cid, first.value))
                continue
            edits.setdefault(cid, _Edit(value, sheet, cell))

    def _shown(self, cid: str, value: Value) -> str:
        names = {"channel": "channel", "status": "status", "owner": "member", "reviewer": "member", "kind": "kind"}
        return shown(value, self.choices, names.get(cid, ""), self.language)

    # --- what the edits of slots come to ---------------------------------------------------

    def result(self) -> Changes:
        changes: list[Change] = []
        order = {c.id: i for i, c in enumerate(self.columns)}
        for key, edits in self.edited.items():
            changes += self._slot_changes(key, dict(sorted(edits.items(), key=lambda e: order[e[0]])))
        changes.sort(key=lambda c: (c.path, c.index, order.get(_column_of(c.field), 99)))
        sheets = {name: i for i, name in enumerate(self.sheets)}
        problems = sorted(self.problems, key=lambda p: (sheets.get(p.sheet, -1), p.found.line, p.found.column))
        return Changes(tuple(changes), tuple(self.additions), tuple(problems))

    def _slot_changes(self, key: str, edits: dict[str, _Edit]) -> list[Change]:
        entry, slot, index = self.slots[key]
        exported = self._exported(key)
        path = entry.source.path
        found: list[Change] = []

        def change(cid: str, name: str, value: object) -> None:
            edit = edits[cid]
            found.append(Change(path, index, name, value, self.place(edit.sheet, edit.cell), self.header(cid),
                                self._shown(cid, exported.get(cid)), self._shown(cid, edit.value)))

        at: Moment = slot.at
        for cid, edit in edits.items():
            value, sheet, cell = edit.value, edit.sheet, edit.cell
            if cid in ("kind", "entry"):
                self.refuse(sheet, cell, "sheet.moved", entry=entry.key, header=self.header(cid),
                           value=self._shown(cid, exported.get(cid)))
            elif cid in _ENTRY_ONLY:
                self.refuse(sheet, cell, "sheet.read_only", header=self.header(cid), entry_file=path,
                           value=self._shown(cid, exported.get(cid)) if exported.get(cid) else "")
            elif cid in ("channel", "time") and value is None:
                self.refuse(sheet, cell, "sheet.required", header=self.header(cid))
            elif cid == "time":
                at = self._in_zone(value, slot.zone)
                change(cid, "at", at)
            elif cid in _WRITTEN:
                change(cid, cid, value)
        for deadline in slot.deadlines:
            cid = f"due:{deadline.stage.id}"
            if cid not in edits:
                continue  # as exported: a computed deadline moves with the slot, a given one stays
            value = edits[cid].value
            computed = computed_deadline(deadline.stage, at)
            if value is None or value == self._in_sheet(computed):
                if deadline.given:  # back to the one computed from the time
                    change(cid, f"due.{deadline.stage.id}", None)
            else:
                change(cid, f"due.{deadline.stage.id}", self._in_zone(value, slot.zone))
        status = next((c.value for c in found if c.field == "status"), ...)
        url = next((c.value for c in found if c.field == "url"), ...)
        written = slot.written if status is ... else (Status(status) if status else None)
        self._url_needs_published(
            entry, written, slot.url if url is ... else url, edits.get("url", edits.get("status"))
        )
        return found

    def _url_needs_published(
        self, entry: Entry, written: Status | None, url: object, edit: _Edit | None
    ) -> None:
        """A post's URL is only for a published post: said at the cell that made it so."""
        status = effective_status(entry.status, written)
        if url and status is not Status.PUBLISHED and edit is not None:
            self.refuse(edit.sheet, edit.cell, "slot.url_not_published", status=status.value)

    def _in_zone(self, value: Value, zone: str) -> Moment:
        """A cell's time, local in the plan's zone, as the moment it is in the slot's zone."""
        if isinstance(value, datetime):
            return value.replace(tzinfo=ZoneInfo(self.plan.site.timezone)).astimezone(ZoneInfo(zone))
        assert isinstance(value, date)
        return value

    def _in_sheet(self, value: Moment) -> date | datetime:
        if isinstance(value, datetime):
            return value.astimezone(ZoneInfo(self.plan.site.timezone)).replace(tzinfo=None)
        return value

    # --- a new row --------------------------------------------------------------------------

    def _addition(self, sheet: str | None, cells: dict[str, Cell], columns: dict[str, Cell]) -> None:
        values: dict[str, Value] = {}
        failed = False
        for cid, cell in cells.items():
            value, problems = self._read(sheet, cid, cell)
            self.problems += problems
            failed = failed or bool(problems)
            values[cid] = value
        if failed:
            return
        entry = self._entry_of(sheet, cells, values)
        missing = [cid for cid in ("channel", "time") if values.get(cid) is None]
        for cid in missing:
            self.refuse(sheet, cells.get(cid, cells["key"]), "sheet.required", header=self.header(cid))
        if entry is None or missing:
            return
        zone = entry.details.span.zone if entry.kind is Kind.EVENT else self.plan.site.timezone
        at = self._in_zone(values["time"], zone)
        title = values.get("title") or entry.title
        there = next((s for s in entry.slots if (s.channel, s.at, s.title) == (values["channel"], at, title)), None)
        if there is not None:  # a sheet imported twice adds nothing twice
            self.problems.append(
                at_cell(self.file, sheet, cells["key"], "sheet.already", Severity.WARNING, key=there.key)
            )
            return
        fields: list[tuple[str, object]] = [("channel", values["channel"]), ("at", at)]
        given = {
            "title": entry.title, "status": entry.status.value, "owner": entry.owner, "reviewer": entry.reviewer,
        }
        for name, default in given.items():
            if values.get(name) is not None and values[name] != default:
                fields.append((name, values[name]))
        if values.get("url"):
            fields.append(("url", values["url"]))
        due = []
        for stage in self.plan.site.workflow:
            value = values.get(f"due:{stage.id}")
            if value is not None and value != self._in_sheet(computed_deadline(stage, at)):
                due.append((stage.id, self._in_zone(value, zone)))
        if due:
            fields.append(("due", tuple(due)))
        copy = tuple((k, values[f"copy.{k}"]) for k in ("title", "text", "tags", "link") if values.get(f"copy.{k}"))
        if copy:
            fields.append(("copy", copy))
        status = values.get("status")
        self._url_needs_published(
            entry, Status(status) if isinstance(status, str) else None, values.get("url"),
            _Edit(values.get("url"), sheet, cells["url"]) if "url" in cells else None,
        )
        first = min(cells.values(), key=lambda c: c.column)
        what = " ".join(
            self._shown(cid, values.get(cid)) for cid in ("channel", "time", "title") if values.get(cid) is not None
        )
        self.additions.append(Addition(entry.source.path, tuple(fields), self.place(sheet, first), f"{entry.key} {what}"))

    def _entry_of(self, sheet: str | None, cells: dict[str, Cell], values: dict[str, Value]) -> Entry | None:
        """The entry a new row names: its id, with its kind when the id alone does not say."""
        entry_id, kind = values.get("entry"), values.get("kind")
        if not entry_id:
            self.refuse(sheet, cells.get("entry", cells["key"]), "sheet.required", header=self.header("entry"))
            return None
        named = [e for e in self.plan.entries if e.id == entry_id and (kind is None or e.kind.value == kind)]
        if len(named) == 1:
            return named[0]
        if named:
            kinds = tuple(label(self.language, f"kind.{e.kind.value}") for e in named)
            self.refuse(sheet, cells["entry"], "sheet.ambiguous_entry", value=entry_id, kinds=kinds)
            return None
        pool = sorted(e.id for e in self.plan.entries if kind is None or e.kind.value == kind)
        what = label(self.language, f"kind.{kind}" if kind else "sheets.column.entry").lower()
        self.refuse(sheet, cells["entry"], "sheet.unknown_entry", value=entry_id, kind=what,
                   hint=closest(str(entry_id), pool))
        return None


def _column_of(name: str) -> str:
    """The column a written field comes from (`due.draft` from `due:draft`, `at` from `time`)."""
    if name == "at":
        return "time"
    if name.startswith("due."):
        return "due:" + name[4:]
    return name
