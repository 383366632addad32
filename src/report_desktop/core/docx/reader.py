"""Import a published report from Word (.docx), made by anyone in Word or WPS.

The body is walked in order and handed to the structure finder (structure.py: title,
six sections by their headings, preamble, signature, the tables by their labels); each
section's tables are stacked into one grid built straight from the table XML (cells.py),
within the file's reading budget (core/budget.py).

What is read is what Word shows (cells.py): tracked changes accepted (and the clerk told),
content controls and other wrappers opened, text boxes and tables laid out inside a
layout table found; a page embedded as ``w:altChunk`` is read as a web page is
(altchunk.py, its tables placed by core/html/table_cells.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import TypeAlias

import docx
from docx.document import Document
from docx.oxml.ns import qn
from lxml.etree import _Element

from ..budget import Budget, Clocked
from ..files import ReportFileError, raised_by_us
from ..html.parse import HtmlTable
from ..html.table_cells import placed as html_placed
from ..report import Report
from ..safezip import open_package
from ..tabular.label_search import Grid
from . import altchunk, cells
from .structure import from_blocks

_TBL = qn("w:tbl")
# What the body holds, in order: paragraph texts, and tables as Word's ``w:tbl`` elements
# or an embedded page's HtmlTables.
Block: TypeAlias = str | HtmlTable | _Element

TRACKED_NOTE = "文件含修订痕迹，已按接受全部修订读取"


def read(path: str | Path) -> Report:
    path = Path(path)
    source = f"文件“{path.name}”"
    budget = Budget(source)
    data, zf = open_package(path, ".docx")
    zf.close()
    try:
        document = docx.Document(Clocked(data, budget))
        body = document.element.body
    except ReportFileError:
        raise
    except Exception as exc:   # noqa: BLE001 - python-docx/lxml raise many kinds on malformed parts
        if raised_by_us(exc):
            raise
        raise ReportFileError(f"{source}无法作为 Word 文档打开：内容已损坏或不是标准的 .docx。"
                              "请在 Word/WPS 中打开后另存为 .docx 再导入。") from None
    budget.clock()
    rep = from_blocks(_blocks(body, document, budget, source), source,
                      lambda name, tables: _stacked(name, tables, budget))
    if cells.has_revisions(body):
        rep.notes.insert(0, TRACKED_NOTE)
    return rep


def _blocks(body: _Element, document: Document, budget: Budget, source: str) -> list[Block]:
    """Paragraph texts (str) and tables (``w:tbl`` elements, or an embedded page's
    HtmlTables) in the order Word shows them, revisions accepted."""
    out: list[Block] = []
    carry = ""      # a paragraph whose mark is a tracked deletion runs on into the next
    for el in cells.blocks(body):
        budget.add_paragraph()
        if el.tag == cells.ALT_CHUNK:
            for block in altchunk.blocks(el, document, source):
                budget.add_paragraph()
                out.append(block)
        elif el.tag == _TBL:
            out.append(el)
        elif cells.mark_deleted(el):
            carry += cells.paragraph_text(el)
        else:
            out.append(carry + cells.paragraph_text(el))
            carry = ""
    if carry:
        out.append(carry)
    return out


def _stacked(name: str, tables: list[HtmlTable | _Element], budget: Budget) -> Grid:
    """One grid of a section's tables (Word's, or an embedded web page's) stacked one
    below the other, a blank row between them."""
    found: dict[tuple[int, int], object] = {}
    top = 1
    for table in tables:
        placed: dict[tuple[int, int], str]
        if isinstance(table, HtmlTable):
            placed, n = html_placed(table), len(table.rows)
        else:
            placed, n = cells.placed(table, budget)
        for (r, c), text in placed.items():
            found[top + r, c + 1] = text
        top += n + 1
    return Grid(name, found)


