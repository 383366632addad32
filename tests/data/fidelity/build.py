"""Builders for the fidelity corpus: a report laid out as Word, Excel and web pages do it,
written by python-docx, lxml and openpyxl directly (never by the program's own writers),
so each shape is what another program would have saved.

The official tables come from the shared layout (core/layout.py: where every label and
number sits); everything else is built here.  Output is byte-for-byte repeatable: zip
entries and document properties carry fixed dates.
"""
from __future__ import annotations

import copy
import datetime as dt
import html
import io
import re
import zipfile
from decimal import Decimal

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from report_desktop.core import jsonio, layout, schema
from report_desktop.core.report import Report
from report_desktop.core.values import to_text

FIXED = (2025, 1, 20, 9, 0, 0)
W = nsdecls("w")
TABLES = {"二": "active", "三": "applications", "四": "review_litigation"}


# ------------------------------------------------------------------ the report

def base_report() -> Report:
    """A township's report with a different number in every input cell, so a number
    read one column off is caught."""
    texts = {
        "preamble": "本报告根据《中华人民共和国政府信息公开条例》要求编制。\n"
                    "本报告中所列数据的统计期限自2024年1月1日起至2024年12月31日止。",
        "overview": "（一）主动公开情况。全年主动公开政府信息120条。\n"
                    "（二）依申请公开情况。全年共收到政府信息公开申请。",
        "problems": "一是公开内容不够全面。\n二是更新不够及时。",
        "other": "本年度未收取信息处理费。",
    }
    data = {"format": schema.FORMAT_ID, "unit": "青山县白水镇人民政府", "year": 2024,
            "report_date": "2025-01-20", "text": texts}
    rep = jsonio.from_dict(data)
    n = 0
    for cid in schema.INPUT_IDS:
        n += 1
        kind = schema.CELLS[cid].kind
        rep.cells[cid] = (n % 17) + 1 if kind == schema.COUNT else Decimal("1.25")
    rep.recompute_totals()
    return rep


def expected(rep: Report) -> str:
    return jsonio.dumps(rep)


def value_text(rep: Report, cid: str | None) -> str:
    return to_text(rep.cells[cid]) if cid else ""


# ------------------------------------------------------------------ Word

def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{html.escape(text, quote=False)}</w:t></w:r>'


def paragraph(text: str, inner: str | None = None) -> object:
    return parse_xml(f"<w:p {W}>{inner if inner is not None else _run(text)}</w:p>")


def table_xml(table_id: str, rep: Report) -> object:
    """A ``w:tbl`` of an official table: merges as gridSpan and vMerge, every number in
    its own cell (``w:tc`` elements carry ``cell``/``box`` attributes removed later)."""
    t = layout.table(table_id)
    cover = {}
    for b in t.boxes:
        for r in range(b.row, b.row + b.rows):
            for c in range(b.col, b.col + b.cols):
                cover[r, c] = b
    rows = []
    for r in range(t.n_rows):
        cells, c = [], 0
        while c < t.n_cols:
            b = cover.get((r, c))
            if b is None:
                cells.append(f"<w:tc><w:p/></w:tc>")
                c += 1
                continue
            span = f'<w:gridSpan w:val="{b.cols}"/>' if b.cols > 1 else ""
            merge = "" if b.rows == 1 else ('<w:vMerge w:val="restart"/>' if b.row == r else "<w:vMerge/>")
            text = (b.text or value_text(rep, b.cell_id)) if b.row == r else ""
            body = f"<w:p>{_run(text) if text else ''}</w:p>"
            cells.append(f"<w:tc><w:tcPr>{span}{merge}</w:tcPr>{body}</w:tc>")
            c += b.cols
        rows.append("<w:tr>" + "".join(cells) + "</w:tr>")
    grid = "".join('<w:gridCol w:w="800"/>' for _ in range(t.n_cols))
    return parse_xml(f'<w:tbl {W}><w:tblPr><w:tblBorders><w:insideH w:val="single"/>'
                     f"</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>")


def cell(tbl, table_id: str, cid: str):
    """The ``w:tc`` holding cell ``cid`` of an official table built by table_xml."""
    t = layout.table(table_id)
    box = next(b for b in t.boxes if b.cell_id == cid)
    tr = tbl.findall(qn("w:tr"))[box.row]
    col = 0
    for tc in tr.findall(qn("w:tc")):
        if col == box.col:
            return tc
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        col += int(span.get(qn("w:val"))) if span is not None else 1
    raise KeyError(cid)


def row_of(tbl, table_id: str, label: str):
    t = layout.table(table_id)
    box = next(b for b in t.boxes if b.text == label)
    return tbl.findall(qn("w:tr"))[box.row]


class WordDoc:
    """A report as a Word user types it: title, preamble, six headings with their text or
    table, and the signature; ``parts`` keeps each element for the shapes to alter."""

    def __init__(self, rep: Report):
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self.rep = rep
        self.texts: dict[str, list] = {}
        self.tables: dict[str, object] = {}
        self.add(paragraph(f"{rep.unit}{rep.year}年政府信息公开工作年度报告"))
        self.texts["preamble"] = [self.add(paragraph(x)) for x in rep.texts["preamble"].split("\n")]
        for s in schema.SECTIONS:
            self.add(paragraph(s.heading))
            if s.text:
                self.texts[s.text] = [self.add(paragraph(x)) for x in rep.texts[s.text].split("\n")]
            else:
                self.tables[s.table] = self.add(table_xml(s.table, rep))
        self.add(paragraph(rep.unit))
        d = rep.report_date
        self.add(paragraph(f"{d.year}年{d.month}月{d.day}日"))

    def add(self, el):
        self.body.insert(len(self.body) - 1, el)     # before the final sectPr
        return el

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return normalised_zip(out.getvalue())


def set_text(tc, inner: str) -> None:
    """Replace a cell's paragraphs with one paragraph holding ``inner`` (run markup)."""
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    tc.append(parse_xml(f"<w:p {W}>{inner}</w:p>"))


def set_runs(p, inner: str) -> None:
    """Replace a paragraph's content (not its properties) with ``inner`` (run markup)."""
    for child in list(p):
        if child.tag != qn("w:pPr"):
            p.remove(child)
    for el in parse_xml(f"<w:p {W}>{inner}</w:p>"):
        p.append(el)


# ------------------------------------------------------------------ web pages

def table_html(table_id: str, rep: Report, prefix: str = "") -> str:
    t = layout.table(table_id)
    starts: dict[int, list] = {}
    for b in sorted(t.boxes, key=lambda b: (b.row, b.col)):
        starts.setdefault(b.row, []).append(b)
    p = prefix
    out = [f"<{p}table border=\"1\">"]
    for r in range(t.n_rows):
        out.append(f"<{p}tr>")
        for b in starts.get(r, []):
            span = (f' rowspan="{b.rows}"' if b.rows > 1 else "") + \
                   (f' colspan="{b.cols}"' if b.cols > 1 else "")
            text = html.escape(b.text or value_text(rep, b.cell_id))
            out.append(f"<{p}td{span}>{text}</{p}td>")
        out.append(f"</{p}tr>")
    out.append(f"</{p}table>")
    return "".join(out)


def page(rep: Report, head: str = '<meta charset="utf-8">', prefix: str = "",
         doctype: str = "<!DOCTYPE html>") -> str:
    """The report as a web system exports it."""
    p = prefix
    lines = [f"<{p}p>{html.escape(rep.unit)}{rep.year}年政府信息公开工作年度报告</{p}p>"]
    lines += [f"<{p}p>{html.escape(x)}</{p}p>" for x in rep.texts["preamble"].split("\n")]
    for s in schema.SECTIONS:
        lines.append(f"<{p}p>{html.escape(s.heading)}</{p}p>")
        if s.text:
            lines += [f"<{p}p>{html.escape(x)}</{p}p>" for x in rep.texts[s.text].split("\n")]
        else:
            lines.append(table_html(s.table, rep, prefix))
    d = rep.report_date
    lines += [f"<{p}p>{html.escape(rep.unit)}</{p}p>", f"<{p}p>{d.year}年{d.month}月{d.day}日</{p}p>"]
    ns = ' xmlns:h="http://www.w3.org/1999/xhtml"' if prefix else ""
    return (f"{doctype}\n<{p}html{ns}><{p}head>{head}<{p}title>年报</{p}title></{p}head><{p}body>"
            + "\n".join(lines) + f"</{p}body></{p}html>\n")


def mht(html_bytes: bytes, charset: str = "utf-8") -> bytes:
    import base64
    body = base64.encodebytes(html_bytes).decode("ascii")
    return ("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n"
            "This is a multi-part message in MIME format.\r\n\r\n------=_NextPart_01\r\n"
            f"Content-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Type: text/html; charset=\"{charset}\"\r\n\r\n{body}\r\n------=_NextPart_01--\r\n"
            ).encode("ascii")


# ------------------------------------------------------------------ zips

def normalised_zip(data: bytes, fix=None) -> bytes:
    """The package rewritten with fixed dates (entries and docProps/core.xml); ``fix(name,
    bytes)`` may change a part on the way."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            part = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                part = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2025-01-20T09:00:00Z", part)
            if fix is not None:
                part = fix(info.filename, part)
            z.writestr(zipfile.ZipInfo(info.filename, FIXED), part, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def add_part(data: bytes, name: str, content: bytes, content_type: str, rel_id: str,
             rel_type: str) -> bytes:
    """A part added to a Word package, with its content type and a relationship from the
    main document."""
    def fix(part_name: str, part: bytes) -> bytes:
        if part_name == "[Content_Types].xml":
            return part.replace(b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/>'
                                             "</Types>".encode())
        if part_name == "word/_rels/document.xml.rels":
            return part.replace(b"</Relationships>", f'<Relationship Id="{rel_id}" Type="{rel_type}" '
                                f'Target="{name.split("/", 1)[1]}"/></Relationships>'.encode())
        return part
    out = normalised_zip(data, fix)
    z = zipfile.ZipFile(io.BytesIO(out))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as w:
        for info in z.infolist():
            w.writestr(zipfile.ZipInfo(info.filename, FIXED), z.read(info.filename), zipfile.ZIP_DEFLATED)
        w.writestr(zipfile.ZipInfo(name, FIXED), content, zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def deep(el):
    return copy.deepcopy(el)


def date_text(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"
