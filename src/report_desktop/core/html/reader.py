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
from dataclasses import dataclass
from pathlib import Path

from .. import layout, schema
from ..files import ReportFileError, read_limited
from ..report import Report
from ..tabular.label_search import Grid
from ..tabular.meta import parse_date, parse_title
from . import mht
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


@dataclass
class Decoded:
    text: str
    declared: str = ""     # the charset the page names ("" for none)
    used: str = ""         # the codec the text was decoded with
    garbled: int = 0       # characters that could not be decoded (U+FFFD)
    overruled: bool = False   # the declared charset was wrong (or unusable) and not used

    def problem(self, source: str) -> str:
        named = f"声明的编码“{self.declared}”" if self.declared else "UTF-8 或 GB18030 编码"
        return (f"{source}的文字编码有误，无法按{named}正确解码（{self.garbled} 处乱码）："
                "请在浏览器中打开该网页，另存为 UTF-8 编码的网页后再导入。")

    def notes(self, source: str) -> list[str]:
        out = []
        if self.overruled and self.declared:
            out.append(f"网页声明的编码“{self.declared}”与内容不符或无法使用，"
                       f"已按 {_SHOWN.get(self.used, self.used)} 读取，请核对文字")
        if self.garbled:
            out.append(f"网页中有 {self.garbled} 处文字无法解码（显示为 �），请核对")
        return out


_SHOWN = {"utf-8": "UTF-8", "gb18030": "GB18030（GBK）"}
# Encodings a web page may declare (the WHATWG list, as Python names them); any other
# declaration (idna, punycode, undefined, unknown names) is treated as none.
_PAGE_CODECS = frozenset(codecs.lookup(n).name for n in (
    "utf-8", "gb18030", "big5", "big5hkscs", "shift_jis", "euc_jp", "iso2022_jp", "euc_kr",
    "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "cp874", "cp866", "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic", "latin_1",
    *(f"iso8859_{i}" for i in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16))))
_LATIN_ALIASES = {"ascii", "us-ascii", "iso-8859-1", "latin1", "latin-1", "iso8859-1"}


def _declared(raw: bytes) -> tuple[str, str | None]:
    """(charset the page declares, Python codec for it or None when unusable)."""
    m = _CHARSET.search(raw[:4096])
    declared = m.group(1).decode("ascii").lower() if m else ""
    if not declared:
        return "", None
    if declared in _CHINESE:
        return declared, "gb18030"
    if declared.startswith(("utf-16", "utf-32", "utf16", "utf32", "ucs")):
        return declared, "utf-8"     # a wide charset in a single-byte <meta>: browsers use UTF-8
    if declared in _LATIN_ALIASES:
        return declared, "cp1252"    # as browsers do
    try:
        codec = codecs.lookup(declared).name
    except (LookupError, ValueError):
        return declared, None
    return declared, codec if codec in _PAGE_CODECS else None


def _strict(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeError:
        return None


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def decode_page(raw: bytes, source: str = "") -> Decoded:
    """Bytes as a browser would take them: BOM, then <meta charset>, then UTF-8, then
    GB18030 (Chinese government sites still serve GB2312 pages).  A declared charset that
    the bytes contradict — undecodable, or no Chinese at all where UTF-8 or GB18030 gives
    Chinese — is overruled by the one that decodes them cleanly."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            text = raw[len(bom):].decode(enc, errors="replace")
            return Decoded(text, used=enc, garbled=text.count("\ufffd"))
    declared, codec = _declared(raw)
    if codec is not None and codec != "utf-8":
        text = raw.decode(codec, errors="replace")
        if "\ufffd" not in text and (_has_chinese(text) or not _sniffed_chinese(raw)):
            return Decoded(text, declared, codec)
    for candidate in ("utf-8", "gb18030"):
        clean = _strict(raw, candidate)
        if clean is not None:
            return Decoded(clean, declared, candidate, overruled=bool(declared) and codec != candidate)
    # Nothing decodes cleanly: keep the reading with the fewest undecodable characters.
    tries = [(raw.decode(c, errors="replace"), c) for c in dict.fromkeys(
        [c for c in (codec, "utf-8", "gb18030") if c])]
    text, used = min(tries, key=lambda t: t[0].count("\ufffd"))
    return Decoded(text, declared, used, text.count("\ufffd"),
                   overruled=bool(declared) and used != codec)


def _sniffed_chinese(raw: bytes) -> bool:
    return any(t is not None and _has_chinese(t) for t in (_strict(raw, "utf-8"),
                                                          _strict(raw, "gb18030")))


def decode(raw: bytes, source: str = "") -> str:
    return decode_page(raw, source).text


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


def _grid(name: str, tables: list[HtmlTable]) -> Grid:
    """A section's tables stacked one below the other, one empty row apart (as for Word)."""
    cells: dict[tuple[int, int], object] = {}
    top = 1
    for table in tables:
        for (r, c), text in placed(table).items():
            cells[top + r, c + 1] = text
        top += len(table.rows) + 1
    return Grid(name, cells)
