"""The three statistics tables as grids of slots: what the window's grid shows and what a
pasted block is planned against (paste.py).

From the layout the Word and Excel files share (core/layout.py), so the grid looks like
the official tables: header rows with their merges are ordinary (read-only) rows of the
grid, label columns carry the merged label hierarchy of 表三.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Iterator

from . import layout, schema

# A slot's kind (layout.Kind): a header cell, a row label, a number typed or computed.
HEADER, LABEL, INPUT, TOTAL = layout.HEADER, layout.LABEL, layout.Kind.INPUT, layout.Kind.TOTAL
NUMBERS = (INPUT, TOTAL)


@dataclass(frozen=True)
class Slot(layout.Box):
    """A layout box as the window's grid shows it: the one difference is that a number's
    ``kind`` says whether the clerk types it (INPUT) or the report computes it (TOTAL)."""

    @property
    def centred(self) -> bool:
        """Headers, and labels merged down or in 表二, are centred (numbers are right-aligned)."""
        return self.kind not in NUMBERS and not self.left_aligned


@dataclass
class GridSpec:
    key: str                              # table id: active, applications, review_litigation
    n_rows: int
    n_cols: int
    slots: dict[tuple[int, int], Slot] = field(default_factory=dict)
    _cover: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    _where: dict[str, tuple[int, int]] = field(default_factory=dict)

    def put(self, slot: Slot) -> None:
        row, col = slot.row, slot.col
        self.slots[(row, col)] = slot
        for r in range(row, row + slot.rows):
            for c in range(col, col + slot.cols):
                self._cover[(r, c)] = (row, col)
        if slot.cell_id:
            self._where[slot.cell_id] = (row, col)

    def slot(self, row: int, col: int) -> Slot | None:
        """The slot anchored at (row, col); None for a position inside a merge."""
        return self.slots.get((row, col))

    def anchor(self, row: int, col: int) -> tuple[int, int] | None:
        """The top-left position of the slot covering (row, col)."""
        return self._cover.get((row, col))

    def position(self, cell_id: str) -> tuple[int, int] | None:
        return self._where.get(cell_id)

    def cell_ids(self) -> tuple[str, ...]:
        return tuple(self._where)

    def spans(self) -> Iterator[tuple[int, int, int, int]]:
        for (r, c), s in self.slots.items():
            if s.rows > 1 or s.cols > 1:
                yield r, c, s.rows, s.cols


def _slot(box: layout.Box) -> Slot:
    own = {f.name: getattr(box, f.name) for f in fields(box)}
    if box.kind == layout.VALUE:
        assert box.cell_id is not None
        cell = schema.CELLS[box.cell_id]
        own.update(kind=TOTAL if cell.is_total else INPUT, hint=cell.hint)
    return Slot(**own)


@lru_cache(maxsize=None)
def spec_for(table: str) -> GridSpec:
    """The grid of a schema table id, from the layout the Word and Excel files share."""
    t = layout.table(table)
    spec = GridSpec(table, t.n_rows, t.n_cols)
    for box in t.boxes:
        spec.put(_slot(box))
    return spec


def total_advice(spec: GridSpec, row: int, col: int) -> str:
    """What typing on a computed cell is told: which cells to fill instead (a row's
    总计 sums the columns to its left, （七）总计 the rows above it)."""
    left = any((s := spec.slot(row, c)) is not None and s.kind == INPUT for c in range(col))
    if left:
        return "总计由程序计算，请填写左边各列。"
    label = next((s.text for c in range(col) if (s := spec.slot(row, c)) is not None and s.text), "")
    return f"{label or '合计'}由程序计算，请填写上面各行。"
