"""表二、表三、表四, laid out by walking schema.py and written as WordprocessingML.

Each table is first described as boxes on a grid (row, column, spans, text or cell id);
the renderer then writes every grid row with ``w:gridSpan`` for horizontal and
``w:vMerge`` for vertical merges, the text only in the first cell of a merge.  Building
the XML directly avoids python-docx's merge traps (concatenated paragraphs, O(n²) cell
look-ups) and gives exact widths (``w:tcW``) in a fixed-layout table.
"""
from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from .. import schema
from ..values import to_text
from . import ooxml, styles
from .styles import FontSet

HEADER, LABEL, ITEM, NUMBER = "header", "label", "item", "number"
CELL_MARGIN_TWIPS = 57        # 1 mm left and right inside a cell
MIN_NUMBER_PT = 5.0
# 表三's label columns (三、 band, （一）… group, 1. item) get what the 7 data columns
# (five digits at 五号 each) leave: the item column then holds 13 characters a line.
APPLICATION_DATA_WIDTH = 600
APPLICATION_LABEL_WIDTHS = (700, 1000)


@dataclass(frozen=True)
class Box:
    row: int
    col: int
    text: str = ""
    rows: int = 1
    cols: int = 1
    role: str = LABEL
    cell_id: str | None = None


@dataclass(frozen=True)
class Layout:
    widths: tuple[int, ...]   # grid column widths, twips, summing to the text width
    n_rows: int
    header_rows: int          # rows repeated at the top of each page
    boxes: tuple[Box, ...]
    keep_rows: int | None = None   # leading rows kept with the next (None: whole table)


def _split(total: int, weights: list[int]) -> tuple[int, ...]:
    """Integer widths in proportion to ``weights`` that add up to ``total`` exactly."""
    scale = sum(weights)
    out = [total * w // scale for w in weights]
    out[-1] += total - sum(out)
    return tuple(out)


# --------------------------------------------------------------------------- layouts

def active_layout() -> Layout:
    """表二: four 4-column blocks, each a heading row, a header row and its rows."""
    boxes, r = [], 0
    data_cols = 3
    for block in schema.ACTIVE_BLOCKS:
        span = data_cols // len(block.columns)
        assert span * len(block.columns) == data_cols, block.heading
        boxes.append(Box(r, 0, block.heading, cols=1 + data_cols, role=HEADER))
        r += 1
        boxes.append(Box(r, 0, schema.ACTIVE_LABEL, role=HEADER))
        for i, label in enumerate(block.columns):
            boxes.append(Box(r, 1 + i * span, label, cols=span, role=HEADER))
        r += 1
        for row in block.rows:
            boxes.append(Box(r, 0, row.label))
            for i, cid in enumerate(row.cells):
                boxes.append(Box(r, 1 + i * span, cols=span, role=NUMBER, cell_id=cid))
            r += 1
    return Layout(_split(styles.TEXT_WIDTH_TWIPS, [1] * 4), r, 0, tuple(boxes))


def _label_boxes(rows: list[tuple[str | None, ...]], top: int, depth: int) -> list[Box]:
    """Hierarchical row labels: a label spans down over the rows that share it and
    across the label columns its row leaves empty."""
    boxes = []
    for level in range(depth):
        i = 0
        while i < len(rows):
            label = rows[i][level]
            if label is None:
                i += 1
                continue
            j = i + 1
            while j < len(rows) and rows[j][:level + 1] == rows[i][:level + 1]:
                j += 1
            deeper = [x for x in rows[i][level + 1:] if x is not None]
            cols = 1 if deeper else depth - level
            vertical = j - i > 1
            role = LABEL if vertical or level == 0 and cols == 1 else ITEM
            boxes.append(Box(top + i, level, label, rows=j - i, cols=cols, role=role))
            i = j
    return boxes


def applications_layout() -> Layout:
    """表三: 3 header rows under the 勾稽 note, 25 rows with 3 label columns, 7 data columns."""
    cols = schema.APPLICATION_COLUMNS
    keys = [c.key for c in cols]
    first_org = keys.index(schema.ORG_COLUMNS[0])
    assert keys[first_org:first_org + len(schema.ORG_COLUMNS)] == list(schema.ORG_COLUMNS)
    depth, top = 3, 3
    boxes = [Box(0, 0, schema.APPLICATIONS_NOTE, rows=top, cols=depth, role=HEADER),
             Box(0, depth, schema.APPLICANT_HEADER, cols=len(cols), role=HEADER),
             Box(1, depth + first_org, schema.ORG_HEADER, cols=len(schema.ORG_COLUMNS),
                 role=HEADER)]
    for i, col in enumerate(cols):
        if col.key in schema.ORG_COLUMNS:
            boxes.append(Box(2, depth + i, col.label, role=HEADER))
        else:
            boxes.append(Box(1, depth + i, col.label, rows=2, role=HEADER))
    rows = [(r.band, r.group, r.item) for r in schema.APPLICATION_ROWS]
    boxes += _label_boxes(rows, top, depth)
    for i, row in enumerate(schema.APPLICATION_ROWS):
        for j, col in enumerate(cols):
            boxes.append(Box(top + i, depth + j, role=NUMBER,
                             cell_id=schema.application_cell(row.key, col.key)))
    data = (APPLICATION_DATA_WIDTH,) * len(cols)
    item = styles.TEXT_WIDTH_TWIPS - sum(APPLICATION_LABEL_WIDTHS) - sum(data)
    widths = APPLICATION_LABEL_WIDTHS + (item,) + data
    # It spans pages: keep the heading with the header and the first two rows only.
    return Layout(widths, top + len(rows), top, tuple(boxes), keep_rows=top + 2)


def review_layout() -> Layout:
    """表四: 行政复议 (5 columns) and 行政诉讼 (2 × 5), 3 header rows, one row of numbers."""
    parts = schema.REVIEW_PARTS
    n = len(parts)
    boxes, col, i = [], 0, 0
    blocks = schema.REVIEW_BLOCKS
    while i < len(blocks):
        block = blocks[i]
        if block.parent is None:
            boxes.append(Box(0, col, block.label, cols=n, role=HEADER))
            boxes += [Box(1, col + k, p.label, rows=2, role=HEADER) for k, p in enumerate(parts)]
            group = [block]
        else:
            group = [b for b in blocks[i:] if b.parent == block.parent]
            boxes.append(Box(0, col, block.parent, cols=n * len(group), role=HEADER))
            for g, b in enumerate(group):
                boxes.append(Box(1, col + g * n, b.label, cols=n, role=HEADER))
                boxes += [Box(2, col + g * n + k, p.label, role=HEADER)
                          for k, p in enumerate(parts)]
        for g, b in enumerate(group):
            boxes += [Box(3, col + g * n + k, role=NUMBER,
                          cell_id=schema.review_cell(b.key, p.key)) for k, p in enumerate(parts)]
        col += n * len(group)
        i += len(group)
    return Layout(_split(styles.TEXT_WIDTH_TWIPS, [1] * col), 4, 3, tuple(boxes))


LAYOUTS = {"active": active_layout, "applications": applications_layout,
           "review_litigation": review_layout}

# --------------------------------------------------------------------------- rendering


def number_size(text: str, width_twips: int, size_pt: float = styles.TABLE_PT) -> float:
    """Font size at which ``text`` (digits ½ em) fits one line of a cell."""
    avail_pt = (width_twips - 2 * CELL_MARGIN_TWIPS) / 20 - 1
    ems = ooxml.em_width(text) or 0.5
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


def table_xml(layout: Layout, report, fonts: FontSet) -> str:
    """The ``w:tbl`` of a layout filled with the report's values (as ``to_text`` prints them)."""
    starts: dict[tuple[int, int], Box] = {}
    cover: dict[tuple[int, int], Box] = {}
    for box in layout.boxes:
        starts[box.row, box.col] = box
        for r in range(box.row, box.row + box.rows):
            for c in range(box.col, box.col + box.cols):
                if (r, c) in cover:
                    raise ValueError(f"boxes overlap at {(r, c)}")
                cover[r, c] = box
    widths = layout.widths
    rows = []
    for r in range(layout.n_rows):
        header = "<w:tblHeader/>" if r < layout.header_rows else ""
        keep = r < min(layout.n_rows - 1, layout.keep_rows or layout.n_rows)
        cells, c = [], 0
        while c < len(widths):
            box = cover.get((r, c))
            if box is None:
                raise ValueError(f"no box covers {(r, c)}")
            width = sum(widths[box.col:box.col + box.cols])
            if starts.get((r, c)) is box:
                text = to_text(report.cells[box.cell_id]) if box.cell_id else box.text
                size = number_size(text, width) if box.role == NUMBER else styles.TABLE_PT
                vmerge = "restart" if box.rows > 1 else None
                body = _paragraph(text, box.role, fonts, size, keep)
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
