"""The report model: one unit's annual report for one year.

Cell values live in a flat dict keyed by schema cell id.  Totals are computed from their
parts whenever a part is edited; totals read from a file are kept as given so that a
published report with wrong totals can be imported and flagged, never silently fixed.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from . import schema
from .values import Value, is_number, same

# Sums that each total cell takes part in, derived once from the schema.
_SUMS_OF_PART: dict[str, list[schema.Sum]] = {}
for _s in schema.SUMS:
    for _p in _s.parts:
        _SUMS_OF_PART.setdefault(_p, []).append(_s)


def _zero(cell_id: str) -> Value:
    return Decimal(0) if schema.CELLS[cell_id].kind == schema.AMOUNT else 0


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

    @classmethod
    def blank(cls, unit: str = "", year: int = 0, level: str | None = None) -> "Report":
        """A new report: every cell 0, as the format wants."""
        rep = cls(unit=unit, year=year, level=level)
        rep.cells = {cid: _zero(cid) for cid in schema.CELL_IDS}
        return rep

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
                total = sum((self.number(p) for p in s.parts), 0)
                if self.cells[s.total] != total:
                    self.cells[s.total] = total
                    changed[s.total] = total
                pending.append(s.total)
        return changed

    def recompute_totals(self, only_blank: bool = False) -> None:
        """Compute every total from its parts (only the blank ones if asked)."""
        for s in schema.SUMS:
            if only_blank and self.cells[s.total] is not None:
                continue
            self.cells[s.total] = sum((self.number(p) for p in s.parts), 0)

    def copy(self) -> "Report":
        return Report(self.unit, self.year, self.report_date, self.level,
                      dict(self.texts), dict(self.cells), list(self.deviations))
