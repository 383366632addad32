"""``w:altChunk``: a part of another format that Word imports when it opens the file.

Web systems' "导出Word" often write the whole report as one HTML page inside an otherwise
empty .docx; Word and WPS show it as if typed.  An HTML (or XHTML, or MHT) chunk is read
as the web page reader decodes and parses one, with its limits; plain text line by line.  A chunk we cannot read
(RTF, a nested Word file) is refused with what to do, never skipped in silence.
"""
from __future__ import annotations

from docx.document import Document
from docx.oxml.ns import qn
from lxml.etree import _Element

from ..files import ReportFileError
from ..html import mht
from ..html.parse import HtmlTable, parse
from ..html.charset import decode

_RID = qn("r:id")
_HTML = {"text/html", "application/xhtml+xml", "application/html"}
_MHT = {"message/rfc822", "multipart/related", "application/x-mimearchive"}
_TEXT = {"text/plain"}
_RESAVE = "请在 Word/WPS 中打开后另存为 .docx（Word 会把嵌入的内容转换成正文）再导入。"


def blocks(chunk: _Element, document: Document, source: str) -> list[str | HtmlTable]:
    """Paragraph strings and HtmlTables of the chunk ``w:altChunk`` points to."""
    rel = document.part.rels.get(chunk.get(_RID) or "")
    if rel is None or rel.is_external:
        raise ReportFileError(f"{source}中嵌入的内容（altChunk）缺失或指向外部文件，无法读取。{_RESAVE}")
    part = rel.target_part
    kind = part.content_type.split(";")[0].strip().lower()
    data = part.blob
    if kind in _MHT or (kind not in _HTML | _TEXT and mht.is_mht(data)):
        html = mht.html_of(data)
        if html is None:
            raise ReportFileError(f"{source}中嵌入的网页存档（MHT）里没有网页内容，无法读取。{_RESAVE}")
        data, kind = html, "text/html"
    if kind in _TEXT:
        text = decode(data, source)
        return [line for line in text.splitlines() if line.strip()]
    if kind in _HTML or data.lstrip()[:1] == b"<":
        return parse(decode(data, source), source).blocks
    what = "RTF 文档" if "rtf" in kind else "Word 文档" if "word" in kind else f"“{kind}”格式的内容"
    raise ReportFileError(f"{source}的正文是嵌入的{what}（altChunk），本程序无法直接读取。{_RESAVE}")
