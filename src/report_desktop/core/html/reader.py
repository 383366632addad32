"""Read a report back from a web page: a saved .html file or HTML from the clipboard.

The page's paragraphs and tables go through the Word importer's structure finder
(``docx.reader.from_blocks``: title, six headings, signature) and its tables through the
same label finder as Word and Excel (``core.tabular``).  A table whose merges a CMS
editor dropped — every cell pushed to the left, the row padded with empty cells at its
end, as the sample published page shows — is put back on the official grid when its
rows hold exactly the cells the official layout starts on each row.
"""
from __future__ import annotations

import codecs
import re
from pathlib import Path

from .. import layout, schema
from ..files import ReportFileError, read_limited
from ..report import Report
from ..tabular.grid import Grid
from ..tabular.meta import parse_date, parse_title
from .parse import HtmlTable, parse
from .writer import LEVEL_META

MAX_BYTES = 8 * 1024 * 1024     # Word's own HTML of a long report is ~2 MB
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
# Lines a website puts between an article's title and its text.
_CHROME = re.compile(r"发布时间|发布日期|信息来源|来源[:：]|字体[:：]|浏览次数|阅读次数|访问量|【打印】|【关闭】")
_SECTION_ONE = re.compile(r"^\s*一\s*[、.．]")
_CHINESE = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "windows-936"}


def read(path: str | Path) -> Report:
    path = Path(path)
    source = f"文件“{path.name}”"
    return from_html(decode(read_limited(path, MAX_BYTES, source), source), source)


def decode(raw: bytes, source: str) -> str:
    """Bytes as a browser would take them: BOM, then <meta charset>, then UTF-8, then GB18030
    (Chinese government sites still serve GB2312 pages)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(enc, errors="replace")
    m = _CHARSET.search(raw[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if declared in _CHINESE:
        declared = "gb18030"
    if declared and not declared.startswith("utf"):
        try:
            return raw.decode(declared, errors="replace")
        except LookupError:
            pass
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030", errors="replace")


def from_html(text: str, source: str = "剪贴板中的网页") -> Report:
    """The report a page holds; ReportFileError (Chinese, naming ``source``) when it holds none."""
    from ..docx.reader import from_blocks     # python-docx is only needed from here on
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


def _article(blocks: list) -> list:
    """The report without the website around it: a saved page has menus and a breadcrumb
    before the title, a line of 发布时间/来源 after it, and a footer after the signature."""
    texts = [i for i, b in enumerate(blocks) if isinstance(b, str)]
    tables = [i for i, b in enumerate(blocks) if isinstance(b, HtmlTable)]
    body = min([i for i in texts if _SECTION_ONE.match(blocks[i])] + tables[:1] + [len(blocks)])
    titles = [i for i in texts if i < body and parse_title(blocks[i].replace("\n", ""))]
    start = titles[-1] if titles else 0          # the article's own title comes last
    if start and not parse_title(blocks[start].replace("\n", ""))[0]:
        start = max(i for i in texts if i < start)   # a two-line title: the unit above it
    end = next((i for i in reversed(texts) if i > (tables[-1] if tables else -1)
                and parse_date(blocks[i].split("\n")[-1])), len(blocks) - 1)
    return [b for i, b in enumerate(blocks[start:end + 1], start)
            if not (start < i < body and isinstance(b, str) and _CHROME.search(b))]


def _placed(table: HtmlTable) -> dict[tuple[int, int], str]:
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


def _grid(name: str, tables: list[HtmlTable]) -> Grid:
    """A section's tables stacked one below the other, one empty row apart (as for Word)."""
    cells: dict[tuple[int, int], object] = {}
    top = 1
    for table in tables:
        for (r, c), text in _placed(table).items():
            cells[top + r, c + 1] = text
        top += len(table.rows) + 1
    return Grid(name, cells)
