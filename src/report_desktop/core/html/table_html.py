"""表二、表三、表四 as HTML tables drawn from the shared layout (core/layout.py).

Every merge of the official table is a rowspan/colspan; labels are ``<th>`` with ``scope``
(which survives CMS editors that strip ``id``) and an ``id`` that each number's ``headers``
lists, so a screen reader names a number's row and column labels.
"""
from __future__ import annotations

from functools import lru_cache
from html import escape

from .. import layout, schema
from ..values import to_text

# The heading above each table already shows its name: the caption names the table for
# screen readers only (visually hidden, inline: site editors keep style, not classes or ids).
HIDDEN_CAPTION = ("position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;"
                  "overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap")
CAPTIONS = {s.table: s.heading.split("、", 1)[1] for s in schema.SECTIONS if s.table}
# Narrower than this a table scrolls sideways inside its own container (phones).
MIN_WIDTH_PX = {"active": 0, "applications": 760, "review_litigation": 840}

# 表四's 15 columns hold a four-character header (结果维持) on one line at 960 px only with
# narrow padding; 表三's data headers get four characters a line (商业企业), not 自然/人.
PADDING = {"active": "4px 6px", "applications": "4px 4px", "review_litigation": "4px 2px"}
DATA_HEADER_WIDTH = {"applications": "4.2em"}
_STYLE = {
    layout.HEADER: "text-align:center;font-weight:bold;background:#f2f2f2",
    layout.LABEL: "text-align:center;font-weight:normal",
    layout.ITEM: "text-align:left;font-weight:normal",
    layout.VALUE: "text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums",
    "note": "text-align:left;font-size:0.9em",
}


def _style(t: layout.Table, box: layout.Box, role: str) -> str:
    style = f"border:1px solid #333;padding:{PADDING[t.id]};vertical-align:middle;{_STYLE[role]}"
    width = DATA_HEADER_WIDTH.get(t.id)
    if width and box.kind == layout.HEADER and box.cols == 1 and box.col >= t.label_cols:
        style += f";width:{width}"
    return style


def _cover(t: layout.Table) -> dict[tuple[int, int], layout.Box]:
    cover = {}
    for box in t.boxes:
        for r in range(box.row, box.row + box.rows):
            for c in range(box.col, box.col + box.cols):
                cover[r, c] = box
    return cover


def _id(t: layout.Table, box: layout.Box) -> str:
    return f"{t.id}-{box.row}-{box.col}"


def column_headers(t: layout.Table, cover) -> dict[tuple[int, int], list[layout.Box]]:
    """For each data position, the band of column headers nearest above it (so 表二's
    blocks stay apart), top to bottom.  Boxes are kept by identity: comparing them compares
    every field."""
    out = {}
    for c in range(t.n_cols):
        band: dict[int, layout.Box] = {}
        in_data = False
        for r in range(t.n_rows):
            b = cover.get((r, c))
            if b is not None and b.kind == layout.HEADER:
                if in_data:
                    band, in_data = {}, False
                band[id(b)] = b
            else:
                in_data = True
                out[r, c] = list(band.values())
    return out


def headers_of(t: layout.Table, cover, box: layout.Box, above=None) -> list[layout.Box]:
    """The labels a number belongs to: its column headers, then the row labels left of it."""
    above = above if above is not None else column_headers(t, cover)
    out: dict[int, layout.Box] = {}
    for c in range(box.col, box.col + box.cols):
        for b in above.get((box.row, c), ()):
            out.setdefault(id(b), b)
    left: dict[int, layout.Box] = {}
    for c in range(box.col - 1, -1, -1):
        b = cover.get((box.row, c))
        if b is not None and b.kind == layout.LABEL:
            left[id(b)] = b
    return list(out.values()) + list(reversed(left.values()))


def _cell(t: layout.Table, cover, above, box: layout.Box) -> tuple[str, str | None, str]:
    """(markup before the text, cell id or None, markup after) of one box."""
    span = (f' rowspan="{box.rows}"' if box.rows > 1 else "") + \
           (f' colspan="{box.cols}"' if box.cols > 1 else "")
    if box.kind == layout.VALUE:
        ids = " ".join(_id(t, h) for h in headers_of(t, cover, box, above))
        return (f'<td{span} headers="{ids}" style="{_style(t, box, layout.VALUE)}">',
                box.cell_id, "</td>")
    if box.text == schema.APPLICATIONS_NOTE:   # a note in the corner, not a header of anything
        return f'<td{span} style="{_style(t, box, "note")}">{escape(box.text)}', None, "</td>"
    scope = "col" if box.kind == layout.HEADER else "row"
    return (f'<th{span} id="{_id(t, box)}" scope="{scope}" style="{_style(t, box, box.role)}">'
            f"{escape(box.text)}", None, "</th>")


@lru_cache(maxsize=None)
def _template(table_id: str) -> tuple[tuple[str, str | None], ...]:
    """The table's markup as (static text, cell id whose value follows it or None) pairs:
    the layout never changes, so it is built once and only the numbers are filled in."""
    t = layout.table(table_id)
    cover = _cover(t)
    above = column_headers(t, cover)
    starts: dict[int, list[layout.Box]] = {}
    for box in sorted(t.boxes, key=lambda b: (b.row, b.col)):
        starts.setdefault(box.row, []).append(box)
    min_width = MIN_WIDTH_PX[table_id]
    width = f"min-width:{min_width}px;" if min_width else ""
    parts: list[tuple[str, str | None]] = []
    text = ('<div style="overflow-x:auto;max-width:100%;margin:0.5em 0 1em">'
            f'<table style="border-collapse:collapse;width:100%;{width}font-size:14px;'
            'line-height:1.5;background:#fff">'
            f'<caption style="{HIDDEN_CAPTION}">{escape(CAPTIONS[table_id])}</caption>')
    for r in range(t.n_rows):
        if r == 0:
            text += "<thead>" if t.header_rows else "<tbody>"
        elif r == t.header_rows:
            text += "</thead><tbody>"
        text += "<tr>"
        for box in starts.get(r, []):
            before, cell_id, after = _cell(t, cover, above, box)
            text += before
            if cell_id is not None:
                parts.append((text, cell_id))
                text = ""
            text += after
        text += "</tr>"
    parts.append((text + "</tbody></table></div>", None))
    return tuple(parts)


def table_html(table_id: str, report) -> str:
    """One table in its own sideways-scrolling container."""
    cells = report.cells
    return "".join(text + (escape(to_text(cells[cid])) if cid else "")
                   for text, cid in _template(table_id))


def table_tsv(table_id: str, report) -> list[str]:
    """The table as tab-separated lines: a merge's text in its first cell, so pasting into
    Excel or WPS puts every label and number in its own cell, at its official position."""
    t = layout.table(table_id)
    grid = [[""] * t.n_cols for _ in range(t.n_rows)]
    for b in t.boxes:
        text = to_text(report.cells[b.cell_id]) if b.cell_id else b.text
        grid[b.row][b.col] = " ".join(text.split())
    return ["\t".join(row) for row in grid]
