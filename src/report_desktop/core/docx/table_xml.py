"""表二、表三、表四 written as WordprocessingML from the shared layout (core/layout.py).

Each table is boxes on a grid (row, column, spans, text or cell id); this module adds
column widths and the renderer then writes every grid row with ``w:gridSpan`` for horizontal and
``w:vMerge`` for vertical merges, the text only in the first cell of a merge.  Building
the XML directly avoids python-docx's merge traps (concatenated paragraphs, O(n²) cell
look-ups) and gives exact widths (``w:tcW``) in a fixed-layout table.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .. import layout
from ..chinese import em_width
from ..values import to_text
from . import ooxml, styles
from .font_sets import FontSet

HEADER, LABEL, ITEM, NUMBER = layout.HEADER, layout.LABEL, layout.ITEM, layout.VALUE
CELL_MARGIN_TWIPS = 57        # 1 mm left and right inside a cell
MIN_NUMBER_PT = 5.0
GROUP_ROWS = 10               # a merged row label over at most this many rows stays whole
# 表三's label columns (三、 band, （一）… group, 1. item) get what the 7 data columns
# (five digits at 五号 each) leave: the band column holds 3 characters a line (its label
# takes 3 lines, as tall as the two rows it begins with), the item column 13.
APPLICATION_DATA_WIDTH = 600
APPLICATION_LABEL_WIDTHS = (770, 1000)


@dataclass(frozen=True)
class WordTable:
    table: layout.Table
    widths: tuple[int, ...]        # grid column widths, twips, summing to the text width
    keep_rows: int | None = None   # leading rows kept with the next (None: whole table)


def _split(total: int, weights: list[int]) -> tuple[int, ...]:
    """Integer widths in proportion to ``weights`` that add up to ``total`` exactly."""
    scale = sum(weights)
    out = [total * w // scale for w in weights]
    out[-1] += total - sum(out)
    return tuple(out)


def active_layout() -> WordTable:
    """表二: four equal columns, kept on one page."""
    t = layout.table("active")
    return WordTable(t, _split(styles.TEXT_WIDTH_TWIPS, [1] * t.n_cols))


def applications_layout() -> WordTable:
    """表三: label columns get what the 7 data columns (five digits at 五号) leave."""
    t = layout.table("applications")
    data = (APPLICATION_DATA_WIDTH,) * (t.n_cols - t.label_cols)
    item = styles.TEXT_WIDTH_TWIPS - sum(APPLICATION_LABEL_WIDTHS) - sum(data)
    # It spans pages: keep the heading with the header and the first two rows only.
    return WordTable(t, APPLICATION_LABEL_WIDTHS + (item,) + data, keep_rows=t.header_rows + 2)


def review_layout() -> WordTable:
    """表四: 15 equal columns, kept on one page."""
    t = layout.table("review_litigation")
    return WordTable(t, _split(styles.TEXT_WIDTH_TWIPS, [1] * t.n_cols))


LAYOUTS = {"active": active_layout, "applications": applications_layout,
           "review_litigation": review_layout}

# --------------------------------------------------------------------------- rendering


def number_size(text: str, width_twips: int, size_pt: float = styles.TABLE_PT) -> float:
    """Font size at which ``text`` (digits ½ em) fits one line of a cell."""
    avail_pt = (width_twips - 2 * CELL_MARGIN_TWIPS) / 20 - 1
    ems = em_width(text) or 0.5
    if ems * size_pt <= avail_pt:
        return size_pt
    return max(MIN_NUMBER_PT, int(avail_pt / ems * 2) / 2)


def _paragraph(text: str, role: str, fonts: FontSet, size: float, keep: bool) -> str:
    jc = "left" if role == ITEM else "center"
    keep_next = "<w:keepNext/>" if keep else ""
    half = int(round(size * 2))
    latin, east_asia = quoteattr(ooxml.LATIN), quoteattr(fonts.table)
    rpr = (f'<w:rPr><w:rFonts w:ascii={latin} w:hAnsi={latin} '
           f'w:eastAsia={east_asia} w:cs={latin} w:hint="eastAsia"/>'
           f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/></w:rPr>')
    text = ooxml.clean(text)
    run = f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    # The paragraph mark takes font and size from the 表格文字 style (same as the runs).
    return (f'<w:p><w:pPr><w:pStyle w:val="{styles.TABLE_TEXT.id}"/>{keep_next}'
            f'<w:jc w:val="{jc}"/></w:pPr>{run}</w:p>')


def _cell(width: int, cols: int, vmerge: str | None, body: str) -> str:
    span = f'<w:gridSpan w:val="{cols}"/>' if cols > 1 else ""
    vm = {None: "", "restart": '<w:vMerge w:val="restart"/>', "continue": "<w:vMerge/>"}[vmerge]
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span}{vm}'
            f'<w:vAlign w:val="center"/></w:tcPr>{body}</w:tc>')


def group_rows(spec: WordTable) -> frozenset[int]:
    """Rows kept with the next one so that no row label merged down over several rows is
    cut by a page break where that can be avoided: a group such as （三）不予公开 and its
    eight items stays whole; a taller one (the 三、 band spans twenty rows: keeping it
    whole would leave most of a page empty) keeps the rows its label needs, so the label
    is printed whole before a break."""
    out: set[int] = set()
    heights = None
    for box in spec.table.boxes:
        if box.kind != layout.LABEL or box.rows < 2:
            continue
        if box.rows <= GROUP_ROWS:
            out.update(range(box.row, box.row + box.rows - 1))
            continue
        heights = heights or row_lines(spec)
        need = label_lines(box.text, sum(spec.widths[box.col:box.col + box.cols]))
        last = box.row
        while need > heights[last] and last < box.row + box.rows - 1:
            need -= heights[last]
            last += 1
        out.update(range(box.row, last))
    return frozenset(out)


def row_lines(spec: WordTable) -> list[int]:
    """Lines of text in each row: the most any one-row box of the row needs."""
    lines = [1] * spec.table.n_rows
    for box in spec.table.boxes:
        if box.rows == 1 and box.kind != NUMBER:
            width = sum(spec.widths[box.col:box.col + box.cols])
            lines[box.row] = max(lines[box.row], label_lines(box.text, width))
    return lines


def label_lines(text: str, width_twips: int, size_pt: float = styles.TABLE_PT) -> int:
    """Lines a label takes in a cell (full-width characters do not break mid-character)."""
    avail_pt = (width_twips - 2 * CELL_MARGIN_TWIPS) / 20
    per_line = max(1, int(avail_pt // size_pt))
    return max(1, math.ceil(em_width(text) / per_line))


def table_xml(spec: WordTable, report, fonts: FontSet) -> str:
    """The ``w:tbl`` of a layout filled with the report's values (as ``to_text`` prints them)."""
    t = spec.table
    starts: dict[tuple[int, int], layout.Box] = {}
    cover: dict[tuple[int, int], layout.Box] = {}
    for box in t.boxes:
        starts[box.row, box.col] = box
        for r in range(box.row, box.row + box.rows):
            for c in range(box.col, box.col + box.cols):
                if (r, c) in cover:
                    raise ValueError(f"boxes overlap at {(r, c)}")
                cover[r, c] = box
    widths = spec.widths
    grouped = group_rows(spec)
    rows = []
    for r in range(t.n_rows):
        header = "<w:tblHeader/>" if r < t.header_rows else ""
        keep = r < min(t.n_rows - 1, spec.keep_rows or t.n_rows) or r in grouped
        cells, c = [], 0
        while c < len(widths):
            box = cover.get((r, c))
            if box is None:
                raise ValueError(f"no box covers {(r, c)}")
            width = sum(widths[box.col:box.col + box.cols])
            if starts.get((r, c)) is box:
                text = to_text(report.cells[box.cell_id]) if box.cell_id else box.text
                role = box.role
                size = number_size(text, width) if role == NUMBER else styles.TABLE_PT
                vmerge = "restart" if box.rows > 1 else None
                body = _paragraph(text, role, fonts, size, keep)
                cells.append(_cell(width, box.cols, vmerge, body))
            else:
                cells.append(_cell(width, box.cols, "continue",
                                   _paragraph("", box.role, fonts, styles.TABLE_PT, keep)))
            c += box.cols
        rows.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>{''.join(cells)}</w:tr>")
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    m = CELL_MARGIN_TWIPS
    return (f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
            '<w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="{m}" w:type="dxa"/><w:right w:w="{m}" w:type="dxa"/>'
            '</w:tblCellMar><w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" '
            'w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr>'
            f'<w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>')


def add_table(doc, table_id: str, report, fonts: FontSet):
    """Append the statistics table ``table_id`` (a schema table id) to the document body."""
    tbl = parse_xml(table_xml(LAYOUTS[table_id](), report, fonts))
    doc.element.body.sectPr.addprevious(tbl)
    return tbl
