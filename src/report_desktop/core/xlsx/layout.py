"""Where every label and cell of 表二、表三、表四 goes on a worksheet, from schema.py.

Each table is a list of boxes on a grid (1-based rows and columns, spans, the label text
or the schema cell id); the writer only styles and merges them.  Row 1 of each sheet is
the section heading; the table starts on row 2.
"""
from __future__ import annotations

from dataclasses import dataclass

from .. import schema

HEADER, LABEL, ITEM, NUMBER, TITLE = "header", "label", "item", "number", "title"


@dataclass(frozen=True)
class Box:
    row: int
    col: int
    text: str | None = None
    rows: int = 1
    cols: int = 1
    role: str = LABEL
    cell_id: str | None = None


@dataclass(frozen=True)
class Sheet:
    name: str
    heading: str
    widths: tuple[float, ...]     # column widths in Excel character units
    boxes: tuple[Box, ...]
    header_rows: tuple[int, int]  # rows repeated on every printed page
    landscape: bool


def _heading(table: str) -> str:
    return next(s.heading for s in schema.SECTIONS if s.table == table)


def active_sheet() -> Sheet:
    boxes, r, data_cols = [], 2, 3
    for block in schema.ACTIVE_BLOCKS:
        span = data_cols // len(block.columns)
        boxes.append(Box(r, 1, block.heading, cols=1 + data_cols, role=HEADER))
        boxes.append(Box(r + 1, 1, schema.ACTIVE_LABEL, role=HEADER))
        for i, label in enumerate(block.columns):
            boxes.append(Box(r + 1, 2 + i * span, label, cols=span, role=HEADER))
        r += 2
        for row in block.rows:
            boxes.append(Box(r, 1, row.label))
            for i, cid in enumerate(row.cells):
                boxes.append(Box(r, 2 + i * span, cols=span, role=NUMBER, cell_id=cid))
            r += 1
    return Sheet("表二 主动公开", _heading("active"), (22, 17, 17, 17), tuple(boxes),
                 (1, 1), False)


def _label_boxes(top: int) -> list[Box]:
    """表三's three label columns: a label spans the rows that share it, and the columns
    its rows leave empty to its right."""
    rows = [(r.band, r.group, r.item) for r in schema.APPLICATION_ROWS]
    boxes = []
    for level in range(3):
        i = 0
        while i < len(rows):
            label = rows[i][level]
            j = i + 1
            while j < len(rows) and rows[j][:level + 1] == rows[i][:level + 1]:
                j += 1
            if label is not None:
                deeper = any(x is not None for x in rows[i][level + 1:])
                cols = 1 if deeper else 3 - level
                role = ITEM if level == 2 or cols > 1 else LABEL
                boxes.append(Box(top + i, 1 + level, label, rows=j - i, cols=cols, role=role))
            i = j
    return boxes


def applications_sheet() -> Sheet:
    cols = schema.APPLICATION_COLUMNS
    keys = [c.key for c in cols]
    first_org = keys.index(schema.ORG_COLUMNS[0])
    boxes = [Box(2, 1, schema.APPLICATIONS_NOTE, rows=3, cols=3, role=HEADER),
             Box(2, 4, schema.APPLICANT_HEADER, cols=len(cols), role=HEADER),
             Box(3, 4 + first_org, schema.ORG_HEADER, cols=len(schema.ORG_COLUMNS), role=HEADER)]
    for i, col in enumerate(cols):
        if col.key in schema.ORG_COLUMNS:
            boxes.append(Box(4, 4 + i, col.label, role=HEADER))
        else:
            boxes.append(Box(3, 4 + i, col.label, rows=2, role=HEADER))
    top = 5
    boxes += _label_boxes(top)
    for i, row in enumerate(schema.APPLICATION_ROWS):
        for j, col in enumerate(cols):
            boxes.append(Box(top + i, 4 + j, role=NUMBER,
                             cell_id=schema.application_cell(row.key, col.key)))
    widths = (9, 14, 40) + (9.5,) * len(cols)
    return Sheet("表三 依申请公开", _heading("applications"), widths, tuple(boxes), (2, 4), True)


def review_sheet() -> Sheet:
    parts = schema.REVIEW_PARTS
    n = len(parts)
    boxes, col = [], 1
    blocks = list(schema.REVIEW_BLOCKS)
    while blocks:
        block = blocks[0]
        group = [b for b in blocks if b.parent == block.parent] if block.parent else [block]
        if block.parent is None:
            boxes.append(Box(2, col, block.label, cols=n, role=HEADER))
            boxes += [Box(3, col + k, p.label, rows=2, role=HEADER) for k, p in enumerate(parts)]
        else:
            boxes.append(Box(2, col, block.parent, cols=n * len(group), role=HEADER))
            for g, b in enumerate(group):
                boxes.append(Box(3, col + g * n, b.label, cols=n, role=HEADER))
                boxes += [Box(4, col + g * n + k, p.label, role=HEADER) for k, p in enumerate(parts)]
        for g, b in enumerate(group):
            boxes += [Box(5, col + g * n + k, role=NUMBER, cell_id=schema.review_cell(b.key, p.key))
                      for k, p in enumerate(parts)]
        col += n * len(group)
        blocks = blocks[len(group):]
    return Sheet("表四 复议诉讼", _heading("review_litigation"), (7.5,) * (col - 1),
                 tuple(boxes), (2, 4), True)


def sheets() -> tuple[Sheet, ...]:
    return active_sheet(), applications_sheet(), review_sheet()
