"""A web page (a saved .html file or HTML from the clipboard) as paragraphs and tables.

Built on libxml2's HTML parser (lxml, already here for python-docx) driven as a stream of
events into ``PageParser``: it runs nothing, loads nothing (no network, no entities beyond
HTML's own character references), closes implied tags as browsers do, and works in linear
time where the standard library's ``html.parser`` goes quadratic on input like ``<a<a<a…``.
Hostile input meets fixed budgets (elements, nesting, table cells and the grid positions
their spans cover); past one, reading stops with a Chinese message naming the source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NoReturn

from lxml import etree

from ..files import ReportFileError

MAX_ELEMENTS = 300_000   # elements and comments; Word's HTML of a report has ~20,000, ours of
                         # 100,000 lines of text ~100,000
MAX_DEPTH = 256          # open elements at once
MAX_CELLS = 20_000       # table cells in the whole page (the three tables have ~400)
MAX_SLOTS = 200_000      # grid positions covered by all cells, spans included
MAX_COLSPAN, MAX_ROWSPAN = 1000, 65534   # the HTML standard's own limits

_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_HIDDEN = frozenset("script style template noscript title textarea select iframe object svg "
                    "math button".split())
_BLOCK = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote section article "
                   "header footer nav aside main pre address center figure figcaption form "
                   "fieldset hr br".split())
_SPACE = re.compile(r"[ \t\n\r\f]+")
_EDGE = " \t\r\u3000\u00a0"


@dataclass
class HtmlCell:
    text: str
    rows: int = 1
    cols: int = 1


@dataclass
class HtmlTable:
    rows: list[list[HtmlCell]] = field(default_factory=list)

    @property
    def merged(self) -> bool:
        return any(c.rows > 1 or c.cols > 1 for row in self.rows for c in row)


def tidy(pieces: list[str]) -> str:
    """Lines of collapsed text, trimmed, blank ones dropped; no-break spaces as spaces."""
    out = []
    for line in "".join(pieces).split("\n"):
        line = line.strip(_EDGE).replace("\u00a0", " ")
        if line:
            out.append(line)
    return "\n".join(out)


def _local(tag: str) -> str:
    """``h:table`` (XHTML with a namespace prefix, as some exporters write it) is a table."""
    return tag.rsplit(":", 1)[-1].lower()


def _span(value: str | None, limit: int) -> int:
    try:
        n = int((value or "1").strip())
    except ValueError:
        return 1
    return min(max(n, 1), limit)


class PageParser:
    """lxml parser target: ``blocks`` holds paragraph strings and HtmlTables in page order."""

    def __init__(self, source: str):
        self.source = source
        self.blocks: list[str | HtmlTable] = []
        self.meta: dict[str, str] = {}
        self._text: list[str] = []
        self._stack: list[str] = []
        self._hidden = 0
        self._caption = 0
        self._nested = 0               # tables inside a cell: read as the cell's text
        self._table: HtmlTable | None = None
        self._row: list[HtmlCell] | None = None
        self._cell: list[str] | None = None
        self._span = (1, 1)
        self._elements = self._cells = self._slots = 0

    # -- budgets -------------------------------------------------------------------------
    def _refuse(self, why: str) -> NoReturn:
        raise ReportFileError(f"{self.source}{why}，不像是年度报告的网页，未读取。")

    # -- text ----------------------------------------------------------------------------
    def data(self, data: str) -> None:
        if self._hidden or self._caption:
            return
        data = _SPACE.sub(" ", data)
        (self._cell if self._cell is not None else self._text).append(data)

    def _flush(self) -> None:
        text = tidy(self._text)
        self._text = []
        if text:
            self.blocks.append(text)

    def _break(self) -> None:
        if self._cell is not None:
            self._cell.append("\n")
        elif self._table is None:
            self._flush()

    # -- tags ------------------------------------------------------------------------------
    def _count(self) -> None:
        self._elements += 1
        if self._elements > MAX_ELEMENTS:
            self._refuse(f"的元素超过 {MAX_ELEMENTS} 个")

    def comment(self, _text: str) -> None:
        self._count()

    def start(self, tag: object, attrs: dict[str, str]) -> None:
        if not isinstance(tag, str):
            return
        tag = _local(tag)
        self._count()
        if tag == "meta":
            if attrs.get("name") and attrs.get("content") is not None:
                self.meta[attrs["name"].lower()] = attrs["content"]
        if tag not in _VOID:
            self._stack.append(tag)
            if len(self._stack) > MAX_DEPTH:
                self._refuse(f"的元素嵌套超过 {MAX_DEPTH} 层")
        if tag in _HIDDEN:
            self._hidden += 1
        elif self._hidden:
            return
        if tag in _BLOCK:
            self._break()
        elif tag == "table":
            self._open_table()
        elif self._nested:
            if tag in ("td", "th", "tr"):
                self._break()
        elif tag == "caption" and self._table is not None:
            self._caption += 1
        elif tag == "tr" and self._table is not None:
            self._end_row()
            self._row = []
        elif tag in ("td", "th") and self._table is not None:
            self._open_cell(attrs)

    def _open_table(self) -> None:
        if self._cell is not None or self._nested:
            self._nested += 1
            self._break()
            return
        self._flush()
        if self._table is not None:      # a table in a table's stray text: keep the first
            self._nested += 1
            return
        self._table = HtmlTable()

    def _budget(self, table: HtmlTable) -> None:
        """Grid positions the table's cells cover (a rowspan ends with the table)."""
        n = len(table.rows)
        self._slots += sum(min(c.rows, n - y) * c.cols
                           for y, row in enumerate(table.rows) for c in row)
        if self._slots > MAX_SLOTS:
            self._refuse(f"的表格合并范围超过 {MAX_SLOTS} 格")

    def _open_cell(self, attrs: dict[str, str]) -> None:
        self._end_cell()
        if self._row is None:
            self._row = []
        self._cells += 1
        if self._cells > MAX_CELLS:
            self._refuse(f"的表格单元格超过 {MAX_CELLS} 个")
        self._span = (_span(attrs.get("rowspan"), MAX_ROWSPAN),
                      _span(attrs.get("colspan"), MAX_COLSPAN))
        self._cell = []

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append(HtmlCell(tidy(self._cell), *self._span))
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None and self._table is not None:
            self._table.rows.append(self._row)
        self._row = None

    def end(self, tag: object) -> None:
        if not isinstance(tag, str):
            return
        tag = _local(tag)
        if tag not in self._stack:
            return                       # a stray end tag
        while self._stack:
            name = self._stack.pop()
            self._ended(name)
            if name == tag:
                return

    def _ended(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden -= 1
            return
        if self._hidden:
            return
        if tag in _BLOCK:
            self._break()
        elif tag == "table":
            if self._nested:
                self._nested -= 1
                self._break()
            elif self._table is not None:
                self._end_row()
                self._budget(self._table)
                if self._table.rows:
                    self.blocks.append(self._table)
                self._table = None
        elif self._nested:
            return
        elif tag == "caption" and self._caption:
            self._caption -= 1
        elif tag == "tr":
            self._end_row()
        elif tag in ("td", "th"):
            self._end_cell()

    def close(self) -> "PageParser":
        while self._stack:
            self._ended(self._stack.pop())
        self._flush()
        return self


def parse(text: str, source: str) -> PageParser:
    if not text.strip():
        return PageParser(source).close()
    page = PageParser(source)
    parser = etree.HTMLParser(target=page, no_network=True, remove_pis=True,
                              remove_comments=False, recover=True)
    try:
        parser.feed(text)
        parser.close()           # ends in page.close()
        return page
    except ReportFileError:
        raise
    except etree.LxmlError:
        raise ReportFileError(f"{source}无法作为网页读取：内容已损坏。") from None
