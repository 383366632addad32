"""Generate the fidelity corpus: every document shape the importers must read as Word,
WPS, Excel or a browser shows it (issue 22), each with what reading it must give.

    PYTHONPATH=src python3 tests/data/fidelity/make_corpus.py [OUTDIR]

writes the shapes (``files/``), their expected reports in the interchange JSON
(``expected/``) and ``corpus.json``: for each file the expected JSON, the import notes
it must bring (substrings, one per note), its format deviations, or the refusal it must
meet.  The expected reports are written from what each shape SHOWS, never by reading
the file.  tests/core/test_fidelity.py reads every file and compares, and checks that this
script regenerates the committed corpus byte for byte.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import build  # noqa: E402
import shapes_xlsx  # noqa: E402
from build import WordDoc, base_report, cell, deep, paragraph, row_of, set_runs, set_text  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from report_desktop.core import jsonio  # noqa: E402

A = "applications."
TRACKED = "文件含修订痕迹，已按接受全部修订读取"
R = build._run   # noqa: SLF001
W = build.W


def _docx(name, doc: WordDoc, rep, notes=(), deviations=()):
    return name, doc.save(), rep, list(notes), list(deviations), None


# ------------------------------------------------------------------ Word shapes

def plain():
    rep = base_report()
    return _docx("plain.docx", WordDoc(rep), rep)


def tracked_cell():
    """Word shows 13 where 99 was deleted and 13 inserted."""
    rep = base_report()
    doc = WordDoc(rep)
    shown = rep.cells[A + "new.natural_person"]
    set_text(cell(doc.tables["applications"], "applications", A + "new.natural_person"),
             f"<w:del w:id='1' w:author='x'><w:r><w:delText>99</w:delText></w:r></w:del>"
             f"<w:ins w:id='2' w:author='x'>{R(str(shown))}</w:ins>")
    return _docx("tracked_cell.docx", doc, rep, [TRACKED])


def tracked_paragraphs():
    """An inserted sentence is in, a deleted paragraph out; a deleted paragraph mark joins
    two paragraphs."""
    rep = base_report()
    doc = WordDoc(rep)
    first = doc.texts["overview"][0]
    inserted = parse_xml(f"<w:p {W}><w:pPr><w:rPr><w:ins w:id='3' w:author='x'/></w:rPr></w:pPr>"
                         f"<w:ins w:id='4' w:author='x'>{R('全年新增政务公开制度一项。')}</w:ins></w:p>")
    deleted = parse_xml(f"<w:p {W}><w:pPr><w:rPr><w:del w:id='5' w:author='x'/></w:rPr></w:pPr>"
                        f"<w:del w:id='6' w:author='x'><w:r><w:delText>这一段已删除。</w:delText></w:r>"
                        "</w:del></w:p>")
    first.addnext(inserted)
    inserted.addnext(deleted)
    problems = doc.texts["problems"][0]
    joined = parse_xml(f"<w:p {W}><w:pPr><w:rPr><w:del w:id='7' w:author='x'/></w:rPr></w:pPr>"
                       f"{R('二是更新')}</w:p>")
    problems.addnext(joined)
    set_runs(doc.texts["problems"][1], R("不够及时。"))
    lines = rep.texts["overview"].split("\n")
    rep.texts["overview"] = "\n".join([lines[0], "全年新增政务公开制度一项。", *lines[1:]])
    return _docx("tracked_paragraphs.docx", doc, rep, [TRACKED])


def tracked_move():
    """A number moved into its cell (w:moveTo), a sentence moved between paragraphs."""
    rep = base_report()
    doc = WordDoc(rep)
    tc = cell(doc.tables["active"], "active", "active.licensing")
    set_text(tc, f"<w:moveTo w:id='8' w:author='x'>{R(str(rep.cells['active.licensing']))}</w:moveTo>")
    p1, p2 = doc.texts["problems"]
    set_runs(p1, R("一是公开内容不够全面。") + f"<w:moveFrom w:id='9' w:author='x'>{R('（已移动）')}</w:moveFrom>")
    set_runs(p2, R("二是更新不够及时。") + f"<w:moveTo w:id='10' w:author='x'>{R('（已移动）')}</w:moveTo>")
    rep.texts["problems"] = "一是公开内容不够全面。\n二是更新不够及时。（已移动）"
    return _docx("tracked_move.docx", doc, rep, [TRACKED])


def tracked_deleted_row():
    """A tracked-deleted copy of a 表二 row, other numbers, before the real row."""
    rep = base_report()
    doc = WordDoc(rep)
    tr = row_of(doc.tables["active"], "active", "行政规范性文件")
    copy = deep(tr)
    for t in copy.iter(qn("w:t")):
        if t.text and t.text.isdigit():
            t.text = "99"
    copy.insert(0, parse_xml(f"<w:trPr {W}><w:del w:id='11' w:author='x'/></w:trPr>"))
    tr.addprevious(copy)
    return _docx("tracked_deleted_row.docx", doc, rep, [TRACKED])


def tracked_cells_and_rows():
    """A tracked-deleted extra cell in a 表三 row (it must not shift the row), and a 表二
    row that is itself a tracked insertion (it is read)."""
    rep = base_report()
    doc = WordDoc(rep)
    tc = cell(doc.tables["applications"], "applications", A + "carried_over.natural_person")
    extra = deep(tc)
    for t in extra.iter(qn("w:t")):
        t.text = "77"
    extra.find(qn("w:tcPr")).append(parse_xml(f"<w:cellDel {W} w:id='12' w:author='x'/>"))
    tc.addprevious(extra)
    tr = row_of(doc.tables["active"], "active", "规章")
    tr.insert(0, parse_xml(f"<w:trPr {W}><w:ins w:id='13' w:author='x'/></w:trPr>"))
    return _docx("tracked_cells_and_rows.docx", doc, rep, [TRACKED])


def table_without_numbers():
    """表四 with its labels but its numbers row deleted for good: named, not silently blank."""
    rep = base_report()
    doc = WordDoc(rep)
    tbl = doc.tables["review_litigation"]
    rows = tbl.findall(qn("w:tr"))
    tbl.remove(rows[-1])
    for cid in rep.cells:
        if cid.startswith("review_litigation."):
            rep.cells[cid] = None
    return _docx("table_without_numbers.docx", doc, rep, ["找到了项目名称，但一个数字也没有读出"])


def _wrap(el, kind: str):
    """``el`` moved into a w:sdt (content control) or another wrapper, in place."""
    if kind == "sdt":
        wrapper = parse_xml(f"<w:sdt {W}><w:sdtPr><w:alias w:val='数字'/></w:sdtPr><w:sdtContent/></w:sdt>")
        inner = wrapper.find(qn("w:sdtContent"))
    else:
        wrapper = parse_xml(f"<w:{kind} {W} w:element='x'/>") if kind != "smartTag" else \
            parse_xml(f"<w:smartTag {W} w:uri='urn:x' w:element='num'/>")
        inner = wrapper
    el.addprevious(wrapper)
    inner.append(el)
    return wrapper


def sdt_cell():
    """A content control around one cell must not shift the row's numbers."""
    rep = base_report()
    doc = WordDoc(rep)
    _wrap(cell(doc.tables["applications"], "applications", A + "new.natural_person"), "sdt")
    return _docx("sdt_cell.docx", doc, rep)


def sdt_row():
    rep = base_report()
    doc = WordDoc(rep)
    _wrap(row_of(doc.tables["applications"], "applications", "（一）予以公开"), "sdt")
    return _docx("sdt_row.docx", doc, rep)


def sdt_everywhere():
    """Content controls around runs, a paragraph and a whole table; a control still
    showing its placeholder reads as nothing."""
    rep = base_report()
    doc = WordDoc(rep)
    p = doc.texts["overview"][0]
    runs = p.findall(qn("w:r"))
    _wrap(runs[0], "sdt")
    _wrap(doc.texts["problems"][0], "sdt")
    _wrap(doc.tables["review_litigation"], "sdt")
    holder = parse_xml(f"<w:sdt {W}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p>"
                       f"{R('单击或点击此处输入文字。')}</w:p></w:sdtContent></w:sdt>")
    doc.texts["other"][-1].addnext(holder)
    return _docx("sdt_everywhere.docx", doc, rep)


def wrappers():
    """Numbers in a smart tag, custom XML and a simple field; a hyperlink in the text."""
    rep = base_report()
    doc = WordDoc(rep)
    t = doc.tables["active"]
    for cid, kind in (("active.rules.made", "smartTag"), ("active.punishment", "customXml")):
        tc = cell(t, "active", cid)
        _wrap(tc.find(qn("w:p")).find(qn("w:r")), kind)
    tc = cell(t, "active", "active.enforcement")
    set_text(tc, f"<w:fldSimple w:instr=' =3+4 '>{R(str(rep.cells['active.enforcement']))}</w:fldSimple>")
    tc = cell(doc.tables["applications"], "applications", A + "granted.commercial")
    _wrap(tc.find(qn("w:p")).find(qn("w:r")), "customXml")
    p = doc.texts["other"][0]
    link = parse_xml(f'<w:hyperlink {W} w:anchor="x">{R("（详见网站）")}</w:hyperlink>')
    p.append(link)
    rep.texts["other"] += "（详见网站）"
    return _docx("wrappers.docx", doc, rep)


def text_box():
    """A paragraph in a text box (DrawingML, with its VML fallback copy): read once."""
    rep = base_report()
    doc = WordDoc(rep)
    mc = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    wps = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    v = 'xmlns:v="urn:schemas-microsoft-com:vml"'
    content = f"<w:txbxContent><w:p>{R('全年办理网上咨询30件。')}</w:p></w:txbxContent>"
    anchor = parse_xml(
        f"<w:p {W} {mc} {wps} {v}><w:r><mc:AlternateContent><mc:Choice Requires='wps'><w:drawing>"
        f"<wps:wsp><wps:txbx>{content}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback>"
        f"<w:pict><v:shape><v:textbox>{content}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r></w:p>")
    doc.texts["other"][-1].addnext(anchor)
    gone = parse_xml(f"<w:p {W} {v}><w:del w:id='14' w:author='x'><w:r><w:pict><v:shape><v:textbox>"
                     f"<w:txbxContent><w:p>{R('已删除的文本框。')}</w:p></w:txbxContent></v:textbox>"
                     "</v:shape></w:pict></w:r></w:del></w:p>")
    anchor.addnext(gone)
    rep.texts["other"] += "\n全年办理网上咨询30件。"
    return _docx("text_box.docx", doc, rep, [TRACKED])


def layout_table():
    """表二 inside the single cell of a layout table; 表三 beside a caption in a
    two-cell layout table."""
    rep = base_report()
    doc = WordDoc(rep)
    for table_id, before in (("active", ""), ("applications", "<w:tc><w:p/></w:tc>")):
        tbl = doc.tables[table_id]
        outer = parse_xml(f"<w:tbl {W}><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr>{before}"
                          "<w:tc><w:p/></w:tc></w:tr></w:tbl>")
        tbl.addprevious(outer)
        tcs = outer.findall(f"{qn('w:tr')}/{qn('w:tc')}")
        tcs[-1].insert(0, tbl)
    return _docx("layout_table.docx", doc, rep)


def _alt_chunk(name: str, content: bytes, content_type: str, rep) -> bytes:
    doc = build.WordDoc.__new__(WordDoc)
    import docx
    doc.doc = docx.Document()
    body = doc.doc.element.body
    r = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    body.insert(0, parse_xml(f'<w:altChunk {W} {r} r:id="rIdAlt1"/>'))
    return build.add_part(doc.save(), f"word/{name}", content, content_type, "rIdAlt1",
                          "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")


def alt_chunk_html():
    """The whole report as an HTML page inside the .docx (web systems' 导出Word)."""
    rep = base_report()
    data = _alt_chunk("afchunk.htm", build.page(rep).encode("utf-8"), "text/html", rep)
    return "alt_chunk_html.docx", data, rep, [], [], None


def alt_chunk_mht():
    rep = base_report()
    gbk = build.page(rep, head='<meta charset="gb2312">').encode("gb18030")
    data = _alt_chunk("afchunk.mht", build.mht(gbk, "gb2312"), "message/rfc822", rep)
    return "alt_chunk_mht.docx", data, rep, [], [], None


def alt_chunk_rtf():
    """An embedded RTF body: refused with what to do, not skipped in silence."""
    data = _alt_chunk("afchunk.rtf", rb"{\rtf1\ansi report}", "application/rtf", None)
    return "alt_chunk_rtf.docx", data, None, [], [], "正文是嵌入的RTF 文档"


def table_as_text():
    """表二 typed as tab-separated lines: named, not silently blank."""
    rep = base_report()
    doc = WordDoc(rep)
    tbl = doc.tables["active"]
    lines = ["第二十条第（一）项", "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
             "规章\t1\t2\t3", "行政规范性文件\t4\t5\t6"]
    for line in reversed(lines):
        tbl.addnext(paragraph(line))
    tbl.getparent().remove(tbl)
    for cid in rep.cells:
        if cid.startswith("active."):
            rep.cells[cid] = None
    return _docx("table_as_text.docx", doc, rep, ["没有找到可读取的表格"], [
        "表二缺少“第二十条第（一）项”", "表二缺少“规章”行", "表二缺少“行政规范性文件”行",
        "表二缺少“第二十条第（五）项”", "表二缺少“行政许可”行", "表二缺少“第二十条第（六）项”",
        "表二缺少“行政处罚”行", "表二缺少“行政强制”行", "表二缺少“第二十条第（八）项”",
        "表二缺少“行政事业性收费”行"])


# ------------------------------------------------------------------ web pages

def _html(name, text: str | bytes, rep, notes=(), encoding="utf-8"):
    data = text if isinstance(text, bytes) else text.encode(encoding)
    return name, data, rep, list(notes), [], None


def wrong_charset():
    rep = base_report()
    return _html("wrong_charset.html", build.page(rep, '<meta charset="gb2312">'), rep,
                 ["与内容不符"])


def odd_charsets():
    out = []
    for label, head in (("idna", '<meta charset="idna">'),
                        ("undefined", '<meta http-equiv="Content-Type" content="text/html; charset=undefined">'),
                        ("punycode", '<meta charset="punycode">'),
                        ("unknown", '<meta charset="x-no-such-charset">')):
        rep = base_report()
        enc = "gb18030" if label == "punycode" else "utf-8"
        out.append(_html(f"charset_{label}.html", build.page(rep, head), rep, ["与内容不符"], enc))
    return out


def undecodable():
    rep = base_report()
    raw = bytearray(build.page(rep).encode("utf-8"))
    for i in range(len(raw)):
        if raw[i] >= 0xE0:              # the lead byte of every Chinese character
            raw[i] = 0xFF
    return "undecodable.html", bytes(raw), None, [], [], "无法按声明的编码“utf-8”正确解码"


def prefixed_xhtml():
    rep = base_report()
    return _html("prefixed_xhtml.html", build.page(rep, '<h:meta charset="utf-8"/>', prefix="h:",
                                                   doctype='<?xml version="1.0" encoding="utf-8"?>'), rep)


def mht_named_html():
    rep = base_report()
    return _html("mht_named_html.html", build.mht(build.page(rep).encode("utf-8")), rep)


# ------------------------------------------------------------------ names and formats

def refused():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    rep = base_report()
    page = build.page(rep).encode("utf-8")
    plain_docx = plain()[1]
    return [(n, data, None, [], [], why) for n, data, why in (
        ("old_word.doc", ole, "另存为 .docx"),
        ("wps_text.wps", ole, "另存为 .docx"),
        ("wps_sheet.et", ole, "另存为 .xlsx"),
        ("old_sheet.xls", ole, "另存为 .xlsx"),
        ("ole_named.docx", ole, "另存为 .docx"),
        ("ole_named.xlsx", ole, "另存为 .xlsx"),
        ("web_page_named.docx", page, "扩展名改为 .html"),
        ("web_archive_named.docx", build.mht(page), "扩展名改为 .html"),
        ("web_page_named.xls", page, "扩展名改为 .html"),
        ("word_named.doc", plain_docx, "扩展名改为 .docx"),
    )]


def shapes():
    out = [plain(), tracked_cell(), tracked_paragraphs(), tracked_move(), tracked_deleted_row(),
           tracked_cells_and_rows(), table_without_numbers(),
           sdt_cell(), sdt_row(), sdt_everywhere(), wrappers(), text_box(), layout_table(),
           alt_chunk_html(), alt_chunk_mht(), alt_chunk_rtf(), table_as_text(),
           wrong_charset(), *odd_charsets(), undecodable(), prefixed_xhtml(), mht_named_html(),
           *shapes_xlsx.shapes(), *refused()]
    names = [s[0] for s in out]
    assert len(names) == len(set(names)), names
    return out


def write(out_dir: Path) -> None:
    files, wanted = out_dir / "files", out_dir / "expected"
    files.mkdir(parents=True, exist_ok=True)
    wanted.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for name, data, rep, notes, deviations, error in shapes():
        (files / name).write_bytes(data)
        entry = {"notes": notes, "deviations": deviations}
        if rep is not None:
            expected = Path(name).stem + "." + Path(name).suffix.lstrip(".") + ".json"
            (wanted / expected).write_text(jsonio.dumps(rep) + "\n", encoding="utf-8")
            entry["expected"] = expected
        else:
            entry["error"] = error
        manifest[name] = entry
    (out_dir / "corpus.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
