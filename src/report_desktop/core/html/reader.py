"""Read a report back from a web page: a saved .html file or HTML from the clipboard.

The page is decoded as a browser would (charset.py); its paragraphs and tables go through
the Word importer's structure finder (``docx.structure.from_blocks``: title, six headings,
signature) and its tables, placed on the grid as the page shows them (table_cells.py, which
also puts back the merges a CMS editor dropped), through the same label finder as Word and
Excel (``core.tabular``).
"""
from __future__ import annotations

import re
from pathlib import Path

from .. import schema
from ..docx.structure import from_blocks
from ..files import ReportFileError, read_limited
from ..report import Report
from ..tabular.label_search import Grid
from ..tabular.meta import parse_date, parse_title
from . import mht
from .charset import decode_page
from .parse import HtmlTable, parse
from .table_cells import placed
from .writer import LEVEL_META

MAX_BYTES = 8 * 1024 * 1024     # Word's own HTML of a long report is ~2 MB
# Lines a website puts between an article's title and its text.
_CHROME = re.compile(r"发布时间|发布日期|信息来源|来源[:：]|字体[:：]|浏览次数|阅读次数|访问量|【打印】|【关闭】")
_SECTION_ONE = re.compile(r"^\s*一\s*[、.．]")


def read(path: str | Path) -> Report:
    path = Path(path)
    source = f"文件“{path.name}”"
    raw = read_limited(path, MAX_BYTES, source)
    if mht.is_mht(raw):
        html = mht.html_of(raw)
        if html is None:
            raise ReportFileError(f"{source}是网页存档（MHT），但其中没有网页内容，无法读取。")
        raw = html
    page = decode_page(raw, source)
    try:
        rep = from_html(page.text, source)
    except ReportFileError as exc:
        if page.garbled:      # the reason is the encoding, not what the page lacks
            raise ReportFileError(page.problem(source)) from exc
        raise
    rep.notes += page.notes(source)
    return rep


def from_html(text: str, source: str = "剪贴板中的网页") -> Report:
    """The report a page holds; ReportFileError (Chinese, naming ``source``) when it holds none."""
    if len(text) > MAX_BYTES:
        raise ReportFileError(f"{source}过大（超过 {MAX_BYTES // 1024 // 1024} MB），不像是年度报告的网页，未读取。")
    page = parse(text, source)
    if not page.blocks:
        raise ReportFileError(f"{source}中没有文字或表格，无法读取报告。")
    rep = from_blocks(_article(page.blocks), source, _grid)
    level = page.meta.get(LEVEL_META)
    if level in schema.LEVELS:
        rep.level = level
    return rep


def _article(blocks: list[str | HtmlTable]) -> list[str | HtmlTable]:
    """The report without the website around it: a saved page has menus and a breadcrumb
    before the title, a line of 发布时间/来源 after it, and a footer after the signature."""
    texts = {i: b for i, b in enumerate(blocks) if isinstance(b, str)}   # in page order
    tables = [i for i, b in enumerate(blocks) if isinstance(b, HtmlTable)]
    body = min([i for i, t in texts.items() if _SECTION_ONE.match(t)] + tables[:1] + [len(blocks)])
    titles = [(i, found) for i, t in texts.items()
              if i < body and (found := parse_title(t.replace("\n", "")))]
    start, title = titles[-1] if titles else (0, None)   # the article's own title comes last
    if start and title is not None and not title[0]:
        start = max(i for i in texts if i < start)   # a two-line title: the unit above it
    end = next((i for i in reversed(texts) if i > (tables[-1] if tables else -1)
                and parse_date(texts[i].split("\n")[-1])), len(blocks) - 1)
    return [b for i, b in enumerate(blocks[start:end + 1], start)
            if not (start < i < body and isinstance(b, str) and _CHROME.search(b))]


def _grid(name: str, tables: list[HtmlTable]) -> Grid:
    """A section's tables stacked one below the other, one empty row apart (as for Word)."""
    cells: dict[tuple[int, int], object] = {}
    top = 1
    for table in tables:
        for (r, c), text in placed(table).items():
            cells[top + r, c + 1] = text
        top += len(table.rows) + 1
    return Grid(name, cells)
