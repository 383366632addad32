"""Where every label and number of 表二、表三、表四 sits on a grid, derived from schema.py.

The official tables are drawn in three places — the window's grids, the Word file and
the Excel file — and all three draw these boxes; widths, fonts and colours are theirs.
Positions are 0-based; a box spans ``rows`` × ``cols`` grid cells (a merge).
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from . import schema

class Kind(StrEnum):
    """What a box is (HEADER, LABEL, VALUE), how a document styles it (its role: ITEM too),
    and what a slot of the window's grid is (core/table_slots.py: VALUE split into INPUT, TOTAL)."""
    HEADER = "header"   # a column header of the official table
    LABEL = "label"     # a row label
    VALUE = "value"     # a number: an input cell or a total
    ITEM = "item"       # role of a row label printed left-aligned, as a line of text
    INPUT = "input"     # a grid slot: a number the clerk types
    TOTAL = "total"     # a grid slot: a number computed by Report.set


HEADER, LABEL, VALUE, ITEM = Kind.HEADER, Kind.LABEL, Kind.VALUE, Kind.ITEM


@dataclass(frozen=True)
class Box:
    row: int
    col: int
    kind: Kind
    text: str = ""
    cell_id: str | None = None
    rows: int = 1
    cols: int = 1
    hint: str = ""     # 填报说明 of the row, for a label of one row
    level: int = 0     # label column (表三: 0 band 三、…, 1 group （三）…, 2 item 1.…)

    @property
    def left_aligned(self) -> bool:
        """Labels that read as a line of text (an item, or a label spanning columns)
        are left-aligned; labels merged down several rows and 表二's are centred."""
        return self.kind == LABEL and self.rows == 1 and (self.cols > 1 or self.level == 2)

    @property
    def role(self) -> Kind:
        """How a document styles the box: header, label (centred), item (left) or value."""
        return ITEM if self.left_aligned else self.kind


@dataclass(frozen=True)
class Table:
    id: str
    n_rows: int
    n_cols: int
    header_rows: int     # leading rows that repeat on every printed page
    label_cols: int
    boxes: tuple[Box, ...]

    def position(self, cell_id: str) -> tuple[int, int]:
        return next((b.row, b.col) for b in self.boxes if b.cell_id == cell_id)


def _active() -> Table:
    """表二: four blocks, each a heading row, a header row and its rows; 4 columns."""
    boxes, r, data_cols = [], 0, 3
    for block in schema.ACTIVE_BLOCKS:
        span = data_cols // len(block.columns)
        assert span * len(block.columns) == data_cols, block.heading
        boxes.append(Box(r, 0, HEADER, block.heading, cols=1 + data_cols))
        boxes.append(Box(r + 1, 0, HEADER, schema.ACTIVE_LABEL))
        boxes += [Box(r + 1, 1 + i * span, HEADER, label, cols=span)
                  for i, label in enumerate(block.columns)]
        r += 2
        for row in block.rows:
            boxes.append(Box(r, 0, LABEL, row.label, hint=row.hint))
            boxes += [Box(r, 1 + i * span, VALUE, cell_id=cid, cols=span)
                      for i, cid in enumerate(row.cells)]
            r += 1
    return Table("active", r, 1 + data_cols, 0, 1, tuple(boxes))


def _row_labels(top: int, depth: int) -> list[Box]:
    """表三's label columns: a label spans down the rows that share it, and across the
    label columns its rows leave empty to its right."""
    rows = schema.APPLICATION_ROWS
    paths = [(r.band, r.group, r.item) for r in rows]
    boxes = []
    for level in range(depth):
        i = 0
        while i < len(rows):
            j = i + 1
            while j < len(rows) and paths[j][:level + 1] == paths[i][:level + 1]:
                j += 1
            label = paths[i][level]
            if label is not None:
                deeper = any(x is not None for x in paths[i][level + 1:])
                boxes.append(Box(top + i, level, LABEL, label, rows=j - i,
                                 cols=1 if deeper else depth - level,
                                 hint=rows[i].hint if j - i == 1 else "", level=level))
            i = j
    return boxes


def _applications() -> Table:
    """表三: the 勾稽 note over 3 × 3, 3 header rows, 25 rows, 3 label + 7 data columns."""
    cols = schema.APPLICATION_COLUMNS
    keys = [c.key for c in cols]
    depth = top = 3
    first_org = depth + keys.index(schema.ORG_COLUMNS[0])
    boxes = [Box(0, 0, HEADER, schema.APPLICATIONS_NOTE, rows=top, cols=depth),
             Box(0, depth, HEADER, schema.APPLICANT_HEADER, cols=len(cols)),
             Box(1, first_org, HEADER, schema.ORG_HEADER, cols=len(schema.ORG_COLUMNS))]
    for i, col in enumerate(cols):
        if col.key in schema.ORG_COLUMNS:
            boxes.append(Box(2, depth + i, HEADER, col.label))
        else:
            boxes.append(Box(1, depth + i, HEADER, col.label, rows=2))
    boxes += _row_labels(top, depth)
    for i, row in enumerate(schema.APPLICATION_ROWS):
        boxes += [Box(top + i, depth + j, VALUE, cell_id=schema.application_cell(row.key, c.key))
                  for j, c in enumerate(cols)]
    return Table("applications", top + len(schema.APPLICATION_ROWS), depth + len(cols),
                 top, depth, tuple(boxes))


def _review() -> Table:
    """表四: 行政复议 (5 columns) and 行政诉讼 (2 × 5), 3 header rows, one row of numbers."""
    parts = schema.REVIEW_PARTS
    n = len(parts)
    boxes, col = [], 0
    blocks = list(schema.REVIEW_BLOCKS)
    while blocks:
        block = blocks[0]
        group = [b for b in blocks if b.parent == block.parent] if block.parent else [block]
        if block.parent is None:
            boxes.append(Box(0, col, HEADER, block.label, cols=n))
            boxes += [Box(1, col + k, HEADER, p.label, rows=2) for k, p in enumerate(parts)]
        else:
            boxes.append(Box(0, col, HEADER, block.parent, cols=n * len(group)))
            for g, b in enumerate(group):
                boxes.append(Box(1, col + g * n, HEADER, b.label, cols=n))
                boxes += [Box(2, col + g * n + k, HEADER, p.label) for k, p in enumerate(parts)]
        for g, b in enumerate(group):
            boxes += [Box(3, col + g * n + k, VALUE, cell_id=schema.review_cell(b.key, p.key))
                      for k, p in enumerate(parts)]
        col += n * len(group)
        blocks = blocks[len(group):]
    return Table("review_litigation", 4, col, 3, 0, tuple(boxes))


@lru_cache(maxsize=None)
def table(table_id: str) -> Table:
    """The layout of a schema table id: 'active', 'applications' or 'review_litigation'."""
    return {"active": _active, "applications": _applications,
            "review_litigation": _review}[table_id]()


TABLE_IDS = ("active", "applications", "review_litigation")
