"""The report model: one unit's annual report for one year.

Cell values live in a flat dict keyed by schema cell id.  Totals are computed from their
parts whenever a part is edited; totals read from a file are kept as given so that a
published report with wrong totals can be imported and flagged, never silently fixed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from . import schema
from .unitname import display
from .values import Value, is_number, same

# The statistics years a report may carry: every reader, the command line and the window's
# year boxes use this one range.
FIRST_YEAR, LAST_YEAR = 2000, 2200
YEARS = range(FIRST_YEAR, LAST_YEAR + 1)

if TYPE_CHECKING:
    from .register.model import Register

# Sums that each total cell takes part in, derived once from the schema.
_SUMS_OF_PART: dict[str, list[schema.Sum]] = {}
for _s in schema.SUMS:
    for _p in _s.parts:
        _SUMS_OF_PART.setdefault(_p, []).append(_s)


def _zero(cell_id: str) -> Value:
    return Decimal(0) if schema.CELLS[cell_id].kind == schema.AMOUNT else 0


def _sum(rep: "Report", parts) -> Value:
    """A total's value: the sum of its parts, or blank while any part is blank or unusable
    (a blank part is "not looked at yet", so a 0 here would be a fake)."""
    values = [rep.cells[p] for p in parts]
    numbers = [v for v in values if is_number(v)]
    return sum(numbers, 0) if len(numbers) == len(values) else None


@dataclass
class Report:
    unit: str = ""
    year: int = 0
    report_date: dt.date | None = None
    level: str | None = None
    texts: dict[str, str] = field(default_factory=lambda: {k: "" for k in schema.TEXTS})
    cells: dict[str, Value] = field(default_factory=lambda: dict.fromkeys(schema.CELL_IDS))
    # Departures from the 2021 layout found when the report was read (reported as H8).
    deviations: list[str] = field(default_factory=list)
    # The applications and cases 表三/表四 were counted from (immutable; None: no register).
    register: "Register | None" = None
    # The 上级's own deadline as the clerk wrote it ("元月第三周星期五"; core/deadline.py)
    # and the day the report was actually published (rules S15, S16).
    local_deadline: str = ""
    published_date: dt.date | None = None
    # What the importer did or could not do that the clerk should know (修订痕迹 accepted,
    # formulas evaluated, ...): shown once after import, never stored, not a rule finding.
    notes: list[str] = field(default_factory=list, compare=False)

    def __setattr__(self, name: str, value: object) -> None:
        # The unit is kept as people read it, whichever way it came in (a reader, the
        # window, the store): invisible characters and stray spaces go (unitname.display).
        if name == "unit" and isinstance(value, str):
            value = display(value)
        object.__setattr__(self, name, value)

    @classmethod
    def blank(cls, unit: str = "", year: int = 0, level: str | None = None) -> "Report":
        """A new report: every cell blank until the clerk fills it (0 means "did not
        happen", blank means "not filled yet")."""
        return cls(unit=unit, year=year, level=level)

    @property
    def title(self) -> str:
        return schema.report_title(self.unit, self.year)

    def get(self, cell_id: str) -> Value:
        return self.cells[cell_id]

    def number(self, cell_id: str) -> int | Decimal:
        """The value as a number, 0 for blank or unusable input."""
        v = self.cells[cell_id]
        return v if is_number(v) else 0

    def row(self, table_row: str) -> list[Value]:
        """Cells of an applications row key, in column order."""
        return [self.cells[schema.application_cell(table_row, c.key)]
                for c in schema.APPLICATION_COLUMNS]

    def set(self, cell_id: str, value: Value) -> dict[str, Value]:
        """Set an input cell and recompute the totals that depend on it.

        Returns every cell that changed (the cell itself and its totals), so a store
        can write exactly those.
        """
        if cell_id not in schema.CELLS:
            raise KeyError(cell_id)
        if cell_id in schema.TOTAL_IDS:
            raise ValueError(f"{cell_id} is a total and is computed, not typed")
        changed: dict[str, Value] = {}
        old = self.cells[cell_id]
        # "12.5" → "12.50" is a change: amounts are kept exactly as typed.
        if not same(old, value):
            self.cells[cell_id] = value
            changed[cell_id] = value
        pending = [cell_id]
        while pending:
            part = pending.pop(0)
            for s in _SUMS_OF_PART.get(part, ()):
                total = _sum(self, s.parts)
                if not same(self.cells[s.total], total):
                    self.cells[s.total] = total
                    changed[s.total] = total
                pending.append(s.total)
        return changed

    def recompute_totals(self, only_blank: bool = False) -> None:
        """Compute every total from its parts (only the blank ones if asked)."""
        for s in schema.SUMS:
            if only_blank and self.cells[s.total] is not None:
                continue
            self.cells[s.total] = _sum(self, s.parts)

    def partial_total(self, total_id: str) -> tuple[Value, int]:
        """(sum of the filled input cells under a blank total, how many are still blank),
        for showing a total as partial; (value, 0) when the total is complete."""
        if self.cells[total_id] is not None:
            return self.cells[total_id], 0
        inputs = _inputs_under(total_id)
        filled = [v for v in (self.cells[c] for c in inputs) if is_number(v)]
        return (sum(filled, 0) if filled else None), len(inputs) - len(filled)

    def blank_inputs(self, table: str | None = None) -> list[str]:
        """Input cells not filled yet (of one table id, or all), in schema order."""
        return [c for c in schema.INPUT_IDS
                if self.cells[c] is None and (table is None or c.startswith(f"{table}."))]

    def zeros_for_blanks(self, table: str | None = None) -> dict[str, Value]:
        """未发生的填0: a 0 for every blank input cell (of one table, or all)."""
        return {c: _zero(c) for c in self.blank_inputs(table)}

    def copy(self) -> "Report":
        return Report(self.unit, self.year, self.report_date, self.level,
                      dict(self.texts), dict(self.cells), list(self.deviations), self.register,
                      self.local_deadline, self.published_date, list(self.notes))


def _inputs_under(total_id: str) -> list[str]:
    """The input cells a total is ultimately the sum of (through nested totals)."""
    out: list[str] = []
    pending, seen = [total_id], set()
    while pending:
        cid = pending.pop()
        for s in _PARTS_OF_TOTAL.get(cid, ()):
            for p in s:
                if p in seen:
                    continue
                seen.add(p)
                (pending if p in schema.TOTAL_IDS else out).append(p)
    return out


_PARTS_OF_TOTAL: dict[str, list[tuple[str, ...]]] = {}
for _s in schema.SUMS:
    _PARTS_OF_TOTAL.setdefault(_s.total, []).append(tuple(_s.parts))
