"""Hostile and odd .xlsx/.docx files, made from a good file of ours by editing its parts.

Each maker takes the bytes of a good package and returns the bytes of a bad one.  The
corpus is what issue 10 reproduced (each took minutes or gigabytes before the budget)
plus near relatives and near misses just under the budget; ``XLSX_CORPUS``/``DOCX_CORPUS``
map a file name to (maker, words the refusal must contain, or None: the file is within
the budget and is read, or refused only for lacking a unit and year).
"""
from __future__ import annotations

import io
import random
import re
import zipfile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def rebuild(src: bytes, replace: dict[str, bytes] | None = None,
            add: dict[str, bytes] | None = None, drop: tuple[str, ...] = ()) -> bytes:
    """A copy of the zip ``src`` with some parts replaced, added or dropped."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename in drop:
                continue
            zout.writestr(info.filename, (replace or {}).get(info.filename, zin.read(info)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


def part(src: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(src)) as z:
        return z.read(name)


# --------------------------------------------------------------------------- Excel

def _sheet(good: bytes, rows: str, dimension: str = "A1:B2") -> bytes:
    """The first sheet with its data replaced by ``rows`` (sheetData XML)."""
    xml = part(good, "xl/worksheets/sheet1.xml").decode()
    xml = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="{dimension}"/>', xml)
    xml = re.sub(r"<sheetData>.*</sheetData>", f"<sheetData>{rows}</sheetData>", xml, flags=re.S)
    xml = re.sub(r"<mergeCells.*?</mergeCells>", "", xml, flags=re.S)
    return rebuild(good, {"xl/worksheets/sheet1.xml": xml.encode()})


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def xlsx_declared_huge(good: bytes) -> bytes:
    """Declares the whole sheet (A1:XFD1048576) and has one cell in the last row."""
    return _sheet(good, f'<row r="1048576">{_cell("XFD1048576", "x")}</row>',
                  "A1:XFD1048576")


def xlsx_wide_rows(good: bytes) -> bytes:
    """5,000 rows, each with one cell in the last column (XFD): padded to 16,384 cells."""
    return _sheet(good, "".join(f'<row r="{r}"><c r="XFD{r}"><v>1</v></c></row>'
                                for r in range(1, 5001)))


def xlsx_many_cells(good: bytes) -> bytes:
    """400,000 real numeric cells (1.6 million tags; a few MB compressed)."""
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ")
                   + "</row>" for r in range(1, 40_001))
    return _sheet(good, rows)


def _noise(n: int) -> bytes:
    """``n`` letters that hardly compress (so no zip-bomb check is what stops them)."""
    letters = bytes(ord("a") + i % 26 for i in range(256))
    return random.Random(10).randbytes(n).translate(letters)


def xlsx_big_part(good: bytes) -> bytes:
    """A 33 MB sheet part: one long comment, nothing to read, just bytes to parse."""
    xml = part(good, "xl/worksheets/sheet2.xml")
    return rebuild(good, {"xl/worksheets/sheet2.xml": xml.replace(
        b"<sheetData>", b"<sheetData><!--" + _noise(33 << 20) + b"-->", 1)})


def xlsx_shared_strings(good: bytes) -> bytes:
    """8 MB of distinct shared strings (openpyxl loads them all, at ~4× a cell's cost):
    900,000 tags, over the budget once weighted."""
    rnd = random.Random(11)
    items, size = [], 0
    while size < (7 << 20) + (900 << 10):
        s = "".join(rnd.choice("年报单位公开申请") for _ in range(4)) + str(len(items))
        items.append(f"<si><t>{s}</t></si>")
        size += len(items[-1].encode())
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{len(items)}" uniqueCount="{len(items)}">' + "".join(items) + "</sst>")
    types = part(good, "[Content_Types].xml").replace(b"</Types>", (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'))
    rels = part(good, "xl/_rels/workbook.xml.rels").replace(b"</Relationships>", (
        b'<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'))
    return rebuild(good, {"[Content_Types].xml": types, "xl/_rels/workbook.xml.rels": rels},
                   add={"xl/sharedStrings.xml": sst.encode()})


# --------------------------------------------------------------------------- Word

def _body(good: bytes, inner: str) -> bytes:
    """document.xml with ``inner`` put first in the body (before the title: read as tables)."""
    xml = part(good, "word/document.xml").decode()
    i = xml.index("<w:body>") + len("<w:body>")
    return rebuild(good, {"word/document.xml": (xml[:i] + inner + xml[i:]).encode()})


def _tc(text: str = "", props: str = "") -> str:
    run = f"<w:r><w:t>{text}</w:t></w:r>" if text else ""
    return f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{run}</w:p></w:tc>"


def docx_vmerge_chains(good: bytes, tables: int = 3, rows: int = 900) -> bytes:
    """Tables whose first column is one vertical merge of ``rows`` rows."""
    def table():
        restart = '<w:vMerge w:val="restart"/>'
        trs = [f"<w:tr>{_tc('合并', restart)}{_tc('1')}</w:tr>"]
        trs += [f"<w:tr>{_tc('', '<w:vMerge/>')}{_tc(str(r))}</w:tr>" for r in range(rows - 1)]
        return ('<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/>'
                f"</w:tblGrid>{''.join(trs)}</w:tbl>")
    return _body(good, table() * tables)


def docx_grid_span(good: bytes, span: int = 100_000_000) -> bytes:
    """One cell declaring that it spans 100,000,000 grid columns."""
    wide = _tc("宽", f'<w:gridSpan w:val="{span}"/>')
    return _body(good, '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>'
                       f'<w:tr>{wide}{_tc("1")}</w:tr>'
                       "</w:tbl>")


def docx_grid_before(good: bytes) -> bytes:
    """A row that skips 100,000,000 grid columns before its first cell."""
    return _body(good, '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>'
                       '<w:tr><w:trPr><w:gridBefore w:val="100000000"/></w:trPr>'
                       f'{_tc("1")}</w:tr></w:tbl>')


def docx_many_cells(good: bytes) -> bytes:
    """One table of 210,000 cells (7.5 MB of XML)."""
    rows = "".join("<w:tr>" + "".join(_tc(str(r * 20 + c)) for c in range(20)) + "</w:tr>"
                   for r in range(10_500))
    return _body(good, '<w:tbl><w:tblPr/><w:tblGrid>' + '<w:gridCol w:w="100"/>' * 20
                       + "</w:tblGrid>" + rows + "</w:tbl>")


def docx_many_paragraphs(good: bytes) -> bytes:
    """260,000 short paragraphs (17 MB of XML, 2 million tags)."""
    return _body(good, "".join(f"<w:p><w:r><w:t>段{i}</w:t></w:r></w:p>" for i in range(260_000)))


def docx_paragraphs_under_budget(good: bytes) -> bytes:
    """23,000 one-run paragraphs: well under the budget, so all of them are read."""
    return _body(good, "".join(f"<w:p><w:r><w:t>段{i}</w:t></w:r></w:p>" for i in range(23_000)))


def docx_cells_under_budget(good: bytes) -> bytes:
    """A table of 13,000 cells: well under the budget, so all of them are read."""
    rows = "".join("<w:tr>" + "".join(_tc(str(r * 10 + c)) for c in range(10)) + "</w:tr>"
                   for r in range(1_300))
    return _body(good, '<w:tbl><w:tblPr/><w:tblGrid>' + '<w:gridCol w:w="100"/>' * 10
                       + "</w:tblGrid>" + rows + "</w:tbl>")


def xlsx_cells_under_budget(good: bytes) -> bytes:
    """34,000 numeric cells: well under the budget, so all of them are parsed."""
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHI")
                   + "</row>" for r in range(1, 3801))
    return _sheet(good, rows)


def docx_long_text(good: bytes) -> bytes:
    """Just under the XML limit of prose in 2,000 long paragraphs, read as the preamble."""
    rnd = random.Random(12)
    para = "".join(rnd.choice("本单位依法公开政府信息，申请答复办理") for _ in range(1200))
    xml = part(good, "word/document.xml").decode()
    i = xml.index("</w:p>", xml.index("年度报告")) + len("</w:p>")
    more = "".join(f"<w:p><w:r><w:t>{para}{n}</w:t></w:r></w:p>" for n in range(2_000))
    return rebuild(good, {"word/document.xml": (xml[:i] + more + xml[i:]).encode()})


def _with_dtd(xml: bytes) -> bytes:
    """``xml`` with an entity-declaring DTD before its root element."""
    text = xml.decode("utf-8")
    text = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
    root = re.match(r"<([\w:]+)", text).group(1)
    return (f'<!DOCTYPE {root} [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
            + text).encode("utf-8")


def docx_utf32_dtd(good: bytes) -> bytes:
    """document.xml in UTF-32 (with a BOM) carrying a DTD."""
    body = _with_dtd(part(good, "word/document.xml")).decode()
    xml = '<?xml version="1.0" encoding="UTF-32" standalone="yes"?>\n' + body
    return rebuild(good, {"word/document.xml": xml.encode("utf-32")})


def docx_utf32be_dtd(good: bytes) -> bytes:
    """document.xml in UTF-32BE without a BOM, with a DTD."""
    body = _with_dtd(part(good, "word/document.xml")).decode()
    xml = '<?xml version="1.0" encoding="UTF-32BE" standalone="yes"?>\n' + body
    return rebuild(good, {"word/document.xml": xml.encode("utf-32-be")})


def docx_utf16be_dtd(good: bytes) -> bytes:
    """document.xml in UTF-16BE without a BOM, with a DTD."""
    body = _with_dtd(part(good, "word/document.xml")).decode()
    xml = '<?xml version="1.0" encoding="UTF-16BE"?>\n' + body
    return rebuild(good, {"word/document.xml": xml.encode("utf-16-be")})


def docx_svg_main(good: bytes) -> bytes:
    """The main document part named word/doc.svg (with a DTD); word/document.xml a decoy."""
    main = _with_dtd(part(good, "word/document.xml"))
    types = part(good, "[Content_Types].xml").replace(b'"/word/document.xml"', b'"/word/doc.svg"')
    rels = part(good, "_rels/.rels").replace(b'"word/document.xml"', b'"word/doc.svg"')
    moved = rebuild(good, {"[Content_Types].xml": types, "_rels/.rels": rels},
                    add={"word/doc.svg": main}, drop=("word/document.xml",))
    return rebuild(moved, add={"word/document.xml": part(good, "word/document.xml")})


def docx_dtd_in_image_name(good: bytes) -> bytes:
    """A DTD in a part named like a picture (word/media/image1.png)."""
    return rebuild(good, add={"word/media/image1.png": _with_dtd(b"<x/>")})


def xlsx_cells_near_limit(good: bytes) -> bytes:
    """280,000 numeric cells (~1.15 million tags): just under the XML tag budget, which
    is set by our own workbook of 100,000 lines of text.  Benchmarked, not tested."""
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{r}</v></c>' for c in "ABCDEFGHIJ")
                   + "</row>" for r in range(1, 28_001))
    return _sheet(good, rows)


def docx_paragraphs_near_limit(good: bytes) -> bytes:
    """140,000 one-run paragraphs (~1.1 million tags): just under the XML tag budget."""
    return _body(good, "".join(f"<w:p><w:r><w:t>段{i}</w:t></w:r></w:p>" for i in range(140_000)))


# Read (not refused) and slow by design: what the budget lets through at most.
NEAR_LIMIT = {
    "cells-near-limit.xlsx": (xlsx_cells_near_limit, None),
    "paragraphs-near-limit.docx": (docx_paragraphs_near_limit, None),
}

XLSX_CORPUS = {
    "declared-huge.xlsx": (xlsx_declared_huge, "行数过多"),
    "wide-rows.xlsx": (xlsx_wide_rows, "单元格过多"),
    "many-cells.xlsx": (xlsx_many_cells, "XML 标记超过"),
    "big-part.xlsx": (xlsx_big_part, "过大"),
    "shared-strings.xlsx": (xlsx_shared_strings, "XML 标记超过"),
    "cells-under-budget.xlsx": (xlsx_cells_under_budget, None),
}
DOCX_CORPUS = {
    "vmerge.docx": (docx_vmerge_chains, None),
    "gridspan.docx": (docx_grid_span, "跨列"),
    "gridbefore.docx": (docx_grid_before, "跨列"),
    "many-cells.docx": (docx_many_cells, "XML 标记超过"),
    "many-paragraphs.docx": (docx_many_paragraphs, "XML 标记超过"),
    "long-text.docx": (docx_long_text, None),
    "paragraphs-under-budget.docx": (docx_paragraphs_under_budget, None),
    "cells-under-budget.docx": (docx_cells_under_budget, None),
    "utf32-dtd.docx": (docx_utf32_dtd, "DTD"),
    "utf32be-dtd.docx": (docx_utf32be_dtd, "DTD"),
    "utf16be-dtd.docx": (docx_utf16be_dtd, "DTD"),
    "svg-main.docx": (docx_svg_main, "DTD"),
    "dtd-image-name.docx": (docx_dtd_in_image_name, "DTD"),
}
