"""A sheet's header row: which column is which, in either language, in any order.

Import reads the headers export wrote in the plan's language, the other
language's (a colleague's copy), and the column ids; a header's trailing
aside (`时间（Asia/Shanghai）`, `发布键（请勿修改）`) is not part of its name,
but the time's says the zone its cells are in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.plan.model import Plan
from generator.plan.problems import Severity
from generator.plan.schema import LANGUAGES
from generator.sheets.book import Cell, Sheet
from generator.sheets.cells import as_text, closest
from generator.sheets.columns import plan_columns
from generator.sheets.problems import SheetProblem, at_cell
from generator.words import label

_ASIDE = re.compile(r"\s*[（(]([^（）()]*)[）)]\s*$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


def _normal(header: str) -> tuple[str, str]:
    """A header without its trailing aside, folded, and the aside."""
    text = header.strip()
    found = _ASIDE.search(text)
    if not found:
        return text.casefold(), ""
    return text[: found.start()].strip().casefold(), found.group(1).strip()


@dataclass(frozen=True)
class Headers:
    plan: Plan
    file: str

    def names(self) -> dict[str, str]:
        """Each header as written, normalised -> its column id; the plan's language first."""
        language = self.plan.site.language
        found: dict[str, str] = {}
        for lang in (language, *(other for other in LANGUAGES if other != language)):
            for column in plan_columns(self.plan, lang):
                found.setdefault(_normal(column.header)[0], column.id)
        for column in plan_columns(self.plan):
            found.setdefault(column.id.casefold(), column.id)
        return found

    def read(self, sheet: Sheet, quiet: bool = False) -> tuple[dict[str, Cell], list[SheetProblem]]:
        """The columns this sheet has, by id (each header cell), and what is wrong with them:
        an unknown header (a warning: the column is not read), one header twice, a time in
        another zone than the plan's. `quiet` reads the hidden copy, where nothing is said."""
        names, zone = self.names(), self.plan.site.timezone
        known = [c.header for c in plan_columns(self.plan)]
        columns: dict[str, Cell] = {}
        problems: list[SheetProblem] = []
        for cell in sheet.rows[0]:
            text = as_text(cell.value).strip()
            base, aside = _normal(text)
            cid = names.get(base)
            if quiet:
                if cid is not None:
                    columns.setdefault(cid, cell)
            elif cid is None:
                problems.append(at_cell(self.file, sheet.name, cell, "sheet.unknown_column", Severity.WARNING,
                                        value=text, hint=closest(text, known)))
            elif cid in columns:
                problems.append(at_cell(self.file, sheet.name, cell, "sheet.duplicate_column", value=text,
                                        first=columns[cid].ref))
            else:
                if cid == "time" and aside and aside != zone and "/" in aside:
                    problems.append(at_cell(self.file, sheet.name, cell, "sheet.zone", zone=aside, plan_zone=zone))
                columns[cid] = cell
        return columns, problems


def is_ours(name: str | None) -> bool:
    """全部 or a month: a sheet export wrote, which must have its key column (a CSV has one sheet)."""
    return name is None or bool(_MONTH.match(name)) or name in {label(lang, "sheets.all") for lang in LANGUAGES}


def is_hidden(name: str | None, which: str) -> bool:
    """The drop-down lists (`sheets.lists`) or the copy as exported (`sheets.base`), in either language."""
    return name in {label(lang, which) for lang in LANGUAGES}
