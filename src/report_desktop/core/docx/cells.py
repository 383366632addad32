"""WordprocessingML read as Word shows it with all revisions accepted, in one pass.

What Word displays is read, whatever wraps it: tracked insertions and moves-to are in,
deletions and moves-from out (also deleted rows and cells); content controls (``w:sdt``,
showing their placeholder only as blank), smart tags, custom XML, simple fields and
hyperlinks are read through to their text, at run, paragraph, cell, row and table level.
Text boxes are read after the paragraph anchoring them (a drawing's fallback copy once).

Tables become grids straight from their XML.  A horizontal merge (``w:gridSpan``) is one
``w:tc``: its text goes at its first column.  A vertical merge continues in ``w:tc``
elements marked ``vMerge`` (not "restart"): they add nothing.  python-docx's
``row.cells`` finds each continued cell's origin by walking up the table (cubic in a long
merge: three tables of 900 merged rows took 212 s) and expands every span into a list;
its element accessors cost ~100 µs a cell.  Here a cell costs a few µs and the budget
counts them.
"""
from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn
from lxml.etree import _Element

from ..budget import Budget
from ..tabular.label_search import Grid

_TBL, _TR, _TC, _TCPR, _TRPR = qn("w:tbl"), qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:trPr")
_SPAN, _VMERGE, _BEFORE, _VAL = qn("w:gridSpan"), qn("w:vMerge"), qn("w:gridBefore"), qn("w:val")
_P, _R, _T, _PPR, _RPR = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
_BR, _TYPE = qn("w:br"), qn("w:type")
_SDT, _SDTPR, _SDTCONTENT = qn("w:sdt"), qn("w:sdtPr"), qn("w:sdtContent")
_PLACEHOLDER = qn("w:showingPlcHdr")
_TXBX, ALT_CHUNK = qn("w:txbxContent"), qn("w:altChunk")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_RUN_TEXT = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
# Wrappers whose children are read as if they stood in the wrapper's place.
_THROUGH = frozenset(qn(f"w:{t}") for t in ("ins", "moveTo", "hyperlink", "smartTag",
                                              "customXml", "fldSimple", "dir", "bdo"))
# Tracked removals: Word shows them struck through; accepted, they are gone.
_REMOVED = frozenset(qn(f"w:{t}") for t in ("del", "moveFrom"))
_CELL_DEL, _ROW_DEL = qn("w:cellDel"), qn("w:del")
# Any of these anywhere means the file carries tracked changes of its text.
REVISIONS = tuple(qn(f"w:{t}") for t in ("ins", "del", "moveTo", "moveFrom", "cellIns",
                                          "cellDel"))
STRIP = " \t\r\n\u3000\u00a0"
MAX_DEPTH = 32   # wrappers and nested tables followed this deep; deeper is not a report


def _tag(el: _Element) -> str:
    return el.tag if isinstance(el.tag, str) else ""


def has_revisions(body: _Element) -> bool:
    return next(body.iter(*REVISIONS), None) is not None


def mark_deleted(p: _Element) -> bool:
    """True when the paragraph mark itself is a tracked deletion: accepted, the paragraph
    runs on into the next one."""
    ppr = p.find(_PPR)
    rpr = ppr.find(_RPR) if ppr is not None else None
    return rpr is not None and rpr.find(_ROW_DEL) is not None


def _shown(sdt: _Element) -> _Element | None:
    """The content of a content control; None while it shows only its placeholder text
    (a control around a cell or row keeps its place in the table)."""
    content = sdt.find(_SDTCONTENT)
    pr = sdt.find(_SDTPR)
    if content is not None and pr is not None and pr.find(_PLACEHOLDER) is not None \
            and content.find(_TC) is None and content.find(_TR) is None:
        return None
    return content


def children(parent: _Element, depth: int = 0) -> Iterator[_Element]:
    """``parent``'s children as Word shows them: wrappers opened, removals dropped."""
    if depth > MAX_DEPTH:
        return
    for child in parent.iterchildren():
        tag = _tag(child)
        if tag in _THROUGH:
            yield from children(child, depth + 1)
        elif tag == _SDT:
            content = _shown(child)
            if content is not None:
                yield from children(content, depth + 1)
        elif tag and tag not in _REMOVED:
            yield child


def _run_text(r: _Element, out: list[str]) -> None:
    for child in r:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _BR:
            if child.get(_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag in _RUN_TEXT:
            out.append(_RUN_TEXT[tag])


def paragraph_text(p: _Element) -> str:
    """The paragraph's text as Word shows it with revisions accepted: python-docx's
    ``Paragraph.text`` (tabs, line breaks, non-breaking hyphens) plus what wrappers hold,
    without its per-call XPath compilation (~120 µs a paragraph)."""
    out: list[str] = []
    for child in p:
        tag = child.tag
        if tag == _R:                       # the common case, without a generator
            _run_text(child, out)
        elif tag in _THROUGH or tag == _SDT:
            content = _shown(child) if tag == _SDT else child
            for run in children(content, 1) if content is not None else ():
                if run.tag == _R:
                    _run_text(run, out)
    return "".join(out)


def text_boxes(p: _Element) -> list[_Element]:
    """The outermost text boxes anchored in ``p`` (a drawing's VML fallback, and a box in
    deleted text, left out)."""
    out: list[_Element] = []
    for box in p.iter(_TXBX):
        up = box.getparent()
        while up is not None and up is not p and up.tag not in (_TXBX, _FALLBACK) \
                and up.tag not in _REMOVED:
            up = up.getparent()
        if up is p:
            out.append(box)
    return out


def is_layout(tbl: _Element) -> bool:
    """A table holding tables: a page laid out in a grid, not a table of figures."""
    return next(tbl.iterdescendants(_TBL), None) is not None


def blocks(parent: _Element, depth: int = 0) -> Iterator[_Element]:
    """Paragraph, table and ``w:altChunk`` elements under ``parent`` in reading order;
    a layout table's cells and text boxes are opened."""
    for child in children(parent, depth):
        tag = child.tag
        if tag == _P:
            yield child
            for box in text_boxes(child):
                if depth < MAX_DEPTH:
                    yield from blocks(box, depth + 1)
        elif tag == _TBL:
            if depth < MAX_DEPTH and is_layout(child):
                for tr in rows(child):
                    for tc in row_cells(tr):
                        yield from blocks(tc, depth + 1)
            else:
                yield child
        elif tag == ALT_CHUNK:
            yield child


def rows(tbl: _Element) -> list[_Element]:
    """The table's rows, deleted ones left out."""
    out: list[_Element] = []
    for tr in children(tbl):
        if tr.tag != _TR:
            continue
        trpr = tr.find(_TRPR)
        if trpr is not None and trpr.find(_ROW_DEL) is not None:
            continue
        out.append(tr)
    return out


def row_cells(tr: _Element) -> list[_Element]:
    out: list[_Element] = []
    for tc in children(tr):
        if tc.tag != _TC:
            continue
        tcpr = tc.find(_TCPR)
        if tcpr is not None and tcpr.find(_CELL_DEL) is not None:
            continue
        out.append(tc)
    return out


def _number(parent: _Element | None, tag: str, default: int) -> int:
    """The w:val of ``parent``'s child ``tag`` as a count of grid columns."""
    el = parent.find(tag) if parent is not None else None
    val = el.get(_VAL) if el is not None else None
    return int(val) if val is not None and val.isascii() and val.isdigit() else default


def _continues(tcpr: _Element | None) -> bool:
    el = tcpr.find(_VMERGE) if tcpr is not None else None
    return el is not None and el.get(_VAL, "continue") != "restart"


def cell_text(tc: _Element) -> str:
    """A cell's paragraphs (and any table or text box inside it), one line each."""
    lines = []
    for el in blocks(tc, MAX_DEPTH // 2):
        if el.tag == _P:
            lines.append(paragraph_text(el))
        else:
            lines += [cell_text(c) for tr in rows(el) for c in row_cells(tr)]
    return "\n".join(lines)


def placed(tbl: _Element, budget: Budget) -> tuple[dict[tuple[int, int], str], int]:
    """(text of each cell at its 0-based grid position, number of rows) of a ``w:tbl``."""
    cells: dict[tuple[int, int], str] = {}
    trs = rows(tbl)
    budget.add_rows(len(trs))
    for r, tr in enumerate(trs):
        c = _number(tr.find(_TRPR), _BEFORE, 0)
        budget.check_columns(c + 1)
        tcs = row_cells(tr)
        budget.add_cells(len(tcs))
        for tc in tcs:
            tcpr = tc.find(_TCPR)
            if not _continues(tcpr):
                text = cell_text(tc).strip(STRIP)
                if text:
                    cells[r, c] = text
            c += max(_number(tcpr, _SPAN, 1), 1)
            budget.check_columns(c)
    return cells, len(trs)


def grid(name: str, tables: list[_Element], budget: Budget) -> Grid:
    """One grid of the ``w:tbl`` elements ``tables`` stacked, a blank row between them."""
    cells: dict[tuple[int, int], object] = {}
    top = 1
    for tbl in tables:
        placed_cells, n = placed(tbl, budget)
        for (r, c), text in placed_cells.items():
            cells[top + r, c + 1] = text
        top += n + 1
    return Grid(name, cells)
