"""Where every label and cell of 表二、表三、表四 goes on a worksheet.

The boxes come from the shared layout (core/layout.py); this module shifts them to
1-based worksheet positions below the section heading (row 1), and adds column widths,
cell roles for styling and print settings.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from .. import layout, schema

HEADER, LABEL, ITEM, NUMBER = layout.HEADER, layout.LABEL, layout.ITEM, layout.VALUE
_TOP = 2   # the table starts below the heading row


@dataclass(frozen=True)
class SheetLayout:
    name: str
    heading: str
    widths: tuple[float, ...]     # column widths in Excel character units
    boxes: tuple[layout.Box, ...]   # the shared layout's, at worksheet positions
    header_rows: tuple[int, int]  # rows repeated on every printed page
    landscape: bool


def _sheet(table_id: str, name: str, widths: tuple[float, ...], landscape: bool) -> SheetLayout:
    t = layout.table(table_id)
    assert len(widths) == t.n_cols, table_id
    boxes = tuple(replace(b, row=b.row + _TOP, col=b.col + 1) for b in t.boxes)
    heading = next(s.heading for s in schema.SECTIONS if s.table == table_id)
    repeat = (_TOP, _TOP + t.header_rows - 1) if t.header_rows else (1, 1)
    return SheetLayout(name, heading, widths, boxes, repeat, landscape)


def sheets() -> tuple[SheetLayout, ...]:
    n_data = len(schema.APPLICATION_COLUMNS)
    n_review = len(schema.REVIEW_BLOCKS) * len(schema.REVIEW_PARTS)
    return (_sheet("active", "表二 主动公开", (22, 17, 17, 17), False),
            _sheet("applications", "表三 依申请公开", (9, 14, 40) + (9.5,) * n_data, True),
            _sheet("review_litigation", "表四 复议诉讼", (7.5,) * n_review, True))
