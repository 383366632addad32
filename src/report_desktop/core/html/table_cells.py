"""Where each cell of an HTML table stands on the grid: merges honoured, and a table whose
merges a CMS editor dropped — every cell pushed to the left, the row padded with empty cells
at its end — put back on the official layout when its rows hold exactly the cells that
layout starts on each row.  Used for a web page and for a page embedded in a Word file."""
from __future__ import annotations

from .. import layout
from .parse import HtmlTable


def placed(table: HtmlTable) -> dict[tuple[int, int], str]:
    """Text of each cell at its grid position (the HTML table model), merges honoured."""
    if not table.merged:
        official = _unflattened(table)
        if official is not None:
            return official
    taken: set[tuple[int, int]] = set()
    cells = {}
    n = len(table.rows)
    for y, row in enumerate(table.rows):
        x = 0
        for cell in row:
            while (y, x) in taken:
                x += 1
            rows = min(cell.rows, n - y)    # parse.MAX_SLOTS bounds these
            taken.update((y + dy, x + dx) for dy in range(rows) for dx in range(cell.cols))
            if cell.text:
                cells[y, x] = cell.text
            x += cell.cols
    return cells


def _starts(table_id: str) -> list[list[layout.Box]]:
    t = layout.table(table_id)
    rows: list[list[layout.Box]] = [[] for _ in range(t.n_rows)]
    for box in sorted(t.boxes, key=lambda b: (b.row, b.col)):
        rows[box.row].append(box)
    return rows


def _unflattened(table: HtmlTable) -> dict[tuple[int, int], str] | None:
    """A table that lost its merges, put back where the official layout has its cells.

    It fits an official table when it has as many rows and each row holds exactly the
    cells that start on that row, followed only by empty padding; otherwise None.
    """
    for table_id in layout.TABLE_IDS:
        starts = _starts(table_id)
        if len(starts) != len(table.rows):
            continue
        if all(len(row) >= len(boxes) and not any(c.text for c in row[len(boxes):])
               for row, boxes in zip(table.rows, starts)):
            return {(b.row, b.col): c.text for row, boxes in zip(table.rows, starts)
                    for c, b in zip(row, boxes) if c.text}
    return None
