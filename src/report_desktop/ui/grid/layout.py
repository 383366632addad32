"""Where every label and cell of the three statistics tables sits on a grid.

Derived from ``core.schema`` only, so the grid looks like the official tables: header
rows with their merges are ordinary (read-only) rows of the grid, label columns carry
the merged label hierarchy of 表三.  Qt-free: the model and the view read these specs.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ...core import schema

HEADER = "header"   # a header cell of the official table
LABEL = "label"     # a row label
INPUT = "input"     # a number the clerk types
TOTAL = "total"     # a number computed by Report.set


@dataclass(frozen=True)
class Slot:
    kind: str
    text: str = ""
    cell_id: str | None = None
    hint: str = ""
    rows: int = 1
    cols: int = 1
    centred: bool = False


@dataclass
class GridSpec:
    key: str                              # table id: active, applications, review_litigation
    n_rows: int
    n_cols: int
    widths: tuple[int | None, ...]        # fixed pixel width, or None to share the rest
    slots: dict[tuple[int, int], Slot] = field(default_factory=dict)
    _cover: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    _where: dict[str, tuple[int, int]] = field(default_factory=dict)

    def put(self, row: int, col: int, slot: Slot) -> None:
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

    def spans(self):
        for (r, c), s in self.slots.items():
            if s.rows > 1 or s.cols > 1:
                yield r, c, s.rows, s.cols


def _value(cell_id: str) -> Slot:
    cell = schema.CELLS[cell_id]
    return Slot(TOTAL if cell.is_total else INPUT, cell_id=cell_id, hint=cell.hint)


def _active() -> GridSpec:
    n_rows = sum(2 + len(b.rows) for b in schema.ACTIVE_BLOCKS)
    spec = GridSpec("active", n_rows, 4, (None, None, None, None))
    r = 0
    for block in schema.ACTIVE_BLOCKS:
        spec.put(r, 0, Slot(HEADER, block.heading, cols=4, centred=True))
        spec.put(r + 1, 0, Slot(HEADER, schema.ACTIVE_LABEL, centred=True))
        wide = 3 // len(block.columns)
        for i, label in enumerate(block.columns):
            spec.put(r + 1, 1 + i, Slot(HEADER, label, cols=wide, centred=True))
        r += 2
        for row in block.rows:
            spec.put(r, 0, Slot(LABEL, row.label, hint=row.hint, centred=True))
            for i, cid in enumerate(row.cells):
                spec.put(r, 1 + i, _with_span(_value(cid), cols=wide))
            r += 1
    return spec


def _with_span(slot: Slot, rows: int = 1, cols: int = 1) -> Slot:
    return Slot(slot.kind, slot.text, slot.cell_id, slot.hint, rows, cols, slot.centred)


APPLICATION_HEADER_ROWS = 3
_LABEL_COLS = 3


def _applications() -> GridSpec:
    rows = schema.APPLICATION_ROWS
    cols = schema.APPLICATION_COLUMNS
    n_cols = _LABEL_COLS + len(cols)
    spec = GridSpec("applications", APPLICATION_HEADER_ROWS + len(rows), n_cols,
                    (46, 150, 330) + (None,) * len(cols))
    # Header: the 勾稽 note over 3×3, 申请人情况 over everything, 法人或其他组织 over five.
    spec.put(0, 0, Slot(HEADER, schema.APPLICATIONS_NOTE, rows=3, cols=3, centred=True))
    spec.put(0, 3, Slot(HEADER, schema.APPLICANT_HEADER, cols=len(cols), centred=True))
    first_org = _LABEL_COLS + [c.key for c in cols].index(schema.ORG_COLUMNS[0])
    for i, col in enumerate(cols):
        c = _LABEL_COLS + i
        if col.key in schema.ORG_COLUMNS:
            spec.put(2, c, Slot(HEADER, col.label, centred=True))
        else:
            spec.put(1, c, Slot(HEADER, col.label, rows=2, centred=True))
    spec.put(1, first_org, Slot(HEADER, schema.ORG_HEADER, cols=len(schema.ORG_COLUMNS),
                                centred=True))
    # Labels: merge equal bands and groups down the rows, as the official table does.
    top = APPLICATION_HEADER_ROWS
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.group is None:
            spec.put(top + i, 0, Slot(LABEL, row.band, hint=row.hint, cols=3))
            i += 1
            continue
        j = i
        while j < len(rows) and rows[j].band == row.band and rows[j].group is not None:
            j += 1
        spec.put(top + i, 0, Slot(LABEL, row.band, rows=j - i, centred=True))
        k = i
        while k < j:
            group = rows[k].group
            if rows[k].item is None:
                spec.put(top + k, 1, Slot(LABEL, group, hint=rows[k].hint, cols=2))
                k += 1
                continue
            m = k
            while m < j and rows[m].group == group:
                spec.put(top + m, 2, Slot(LABEL, rows[m].item, hint=rows[m].hint))
                m += 1
            spec.put(top + k, 1, Slot(LABEL, group, rows=m - k))
            k = m
        i = j
    for r, row in enumerate(rows):
        for c, col in enumerate(cols):
            spec.put(top + r, _LABEL_COLS + c, _value(schema.application_cell(row.key, col.key)))
    return spec


def _review() -> GridSpec:
    parts = schema.REVIEW_PARTS
    n = len(parts)
    blocks = schema.REVIEW_BLOCKS
    spec = GridSpec("review_litigation", 4, n * len(blocks), (None,) * (n * len(blocks)))
    c = 0
    for block in blocks:
        if block.parent is None:
            spec.put(0, c, Slot(HEADER, block.label, cols=n, centred=True))
            for i, part in enumerate(parts):
                spec.put(1, c + i, Slot(HEADER, part.label, rows=2, centred=True))
        else:
            if spec.slot(0, c) is None and spec.anchor(0, c) is None:
                width = n * sum(1 for b in blocks if b.parent == block.parent)
                spec.put(0, c, Slot(HEADER, block.parent, cols=width, centred=True))
            spec.put(1, c, Slot(HEADER, block.label, cols=n, centred=True))
            for i, part in enumerate(parts):
                spec.put(2, c + i, Slot(HEADER, part.label, centred=True))
        for i, part in enumerate(parts):
            spec.put(3, c + i, _value(schema.review_cell(block.key, part.key)))
        c += n
    return spec


@lru_cache(maxsize=None)
def spec_for(table: str) -> GridSpec:
    return {"active": _active, "applications": _applications,
            "review_litigation": _review}[table]()
