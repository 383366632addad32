"""Word tables as grids of text, read straight from their XML in one pass.

A horizontal merge (``w:gridSpan``) is one ``w:tc``: its text goes at its first column.
A vertical merge continues in ``w:tc`` elements marked ``vMerge`` (not "restart"): they
add nothing.  python-docx's ``row.cells`` finds each continued cell's origin by walking
up the table (cubic in a long merge: three tables of 900 merged rows took 212 s) and
expands every span into a list (a span of 10^8 columns: 23 s, 950 MB); its element
accessors cost ~100 µs a cell.  Here a cell costs a few µs and the budget counts them.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from ..budget import Budget
from ..tabular.grid import Grid

_TR, _TC, _TCPR, _TRPR = qn("w:tr"), qn("w:tc"), qn("w:tcPr"), qn("w:trPr")
_SPAN, _VMERGE, _BEFORE, _VAL = qn("w:gridSpan"), qn("w:vMerge"), qn("w:gridBefore"), qn("w:val")
_P, _R, _T, _LINK = qn("w:p"), qn("w:r"), qn("w:t"), qn("w:hyperlink")
_BR, _TYPE = qn("w:br"), qn("w:type")
_RUN_TEXT = {qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-"}
STRIP = " \t\r\n\u3000\u00a0"


def _number(parent, tag: str, default: int) -> int:
    """The w:val of ``parent``'s child ``tag`` as a count of grid columns."""
    el = parent.find(tag) if parent is not None else None
    val = el.get(_VAL) if el is not None else None
    return int(val) if val is not None and val.isascii() and val.isdigit() else default


def _continues(tcpr) -> bool:
    el = tcpr.find(_VMERGE) if tcpr is not None else None
    return el is not None and el.get(_VAL, "continue") != "restart"


def _run_text(r, out: list[str]) -> None:
    for child in r:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == _BR:
            if child.get(_TYPE, "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag in _RUN_TEXT:
            out.append(_RUN_TEXT[tag])


def paragraph_text(p) -> str:
    """Exactly python-docx's ``Paragraph.text`` (runs and hyperlinks' runs; tabs, line
    breaks, non-breaking hyphens), without its per-call XPath compilation (~120 µs a
    paragraph: 31,000 one-word paragraphs took 4 s)."""
    out: list[str] = []
    for child in p:
        if child.tag == _R:
            _run_text(child, out)
        elif child.tag == _LINK:
            for r in child.iterchildren(_R):
                _run_text(r, out)
    return "".join(out)


def cell_text(tc) -> str:
    return "\n".join(paragraph_text(p) for p in tc.iterchildren(_P))


def grid(name: str, tables: list, budget: Budget) -> Grid:
    """One grid of the ``w:tbl`` elements ``tables`` stacked, a blank row between them."""
    cells: dict[tuple[int, int], object] = {}
    top = 1
    for tbl in tables:
        trs = list(tbl.iterchildren(_TR))
        budget.add_rows(len(trs))
        for r, tr in enumerate(trs):
            c = 1 + _number(tr.find(_TRPR), _BEFORE, 0)
            budget.check_columns(c)
            tcs = list(tr.iterchildren(_TC))
            budget.add_cells(len(tcs))
            for tc in tcs:
                tcpr = tc.find(_TCPR)
                if not _continues(tcpr):
                    text = cell_text(tc).strip(STRIP)
                    if text:
                        cells[top + r, c] = text
                c += max(_number(tcpr, _SPAN, 1), 1)
                budget.check_columns(c - 1)
        top += len(trs) + 1
    return Grid(name, cells)
