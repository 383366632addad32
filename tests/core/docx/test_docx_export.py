"""Word export: structure, labels, numbers, merges, fonts, layout, files, rendering.

Every table position is computed by walking schema.py the way docs/format.md draws
the tables, independently of the writer's own layout code, and then read back from the
saved .docx with python-docx and lxml.
"""
from __future__ import annotations

import datetime as dt
import os
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from report_desktop.core import formats, schema
from report_desktop.core.docx import writer
from report_desktop.core.docx.font_sets import FONT_SETS
from report_desktop.core.files import ReportFileError
from report_desktop.core.values import Bad, to_text

from tests.render import FONTS_CONF, need
from tests.strategies import distinct
from tests.conftest import DATA


HEADINGS = [s.heading for s in schema.SECTIONS]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --------------------------------------------------------------------------- helpers

def export(report, path: Path, fonts: str = "gb") -> docx.document.Document:
    writer.write(report, path, fonts=fonts)
    return docx.Document(str(path))



def tables_by_section(doc) -> dict[str, object]:
    """The table that directly follows each statistics heading, by schema table id."""
    body = doc.element.body
    out = {}
    for section in schema.SECTIONS:
        if not section.table:
            continue
        heading = next(p for p in body.iter(f"{W}p")
                       if "".join(t.text for t in p.iter(f"{W}t")) == section.heading)
        nxt = heading.getnext()
        assert nxt.tag == f"{W}tbl", f"{section.heading} is not followed by its table"
        out[section.table] = next(t for t in doc.tables if t._tbl is nxt)
    return out


def grid(table) -> list[dict[int, dict]]:
    """Per row: grid column → {span, vmerge, text} of the <w:tc> that starts there."""
    rows = []
    for tr in table._tbl.findall(f"{W}tr"):
        row, col = {}, 0
        for tc in tr.findall(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span_el = pr.find(f"{W}gridSpan") if pr is not None else None
            vm_el = pr.find(f"{W}vMerge") if pr is not None else None
            span = int(span_el.get(f"{W}val")) if span_el is not None else 1
            vmerge = None if vm_el is None else (vm_el.get(f"{W}val") or "continue")
            text = "".join(t.text for t in tc.iter(f"{W}t"))
            row[col] = {"span": span, "vmerge": vmerge, "text": text}
            col += span
        rows.append(row)
    return rows


def merged_rows(g, r: int, c: int) -> int:
    """How many rows the cell starting at (r, c) covers (1 without a vertical merge)."""
    if g[r][c]["vmerge"] != "restart":
        assert g[r][c]["vmerge"] is None
        return 1
    n = 1
    while r + n < len(g) and c in g[r + n] and g[r + n][c]["vmerge"] == "continue":
        n += 1
    return n


# Where each cell id sits, from the official drawings (docs/format.md §3–§5).

def active_positions() -> dict[str, tuple[int, int]]:
    pos, r = {}, 0
    for block in schema.ACTIVE_BLOCKS:
        r += 2                       # 第二十条第（…）项 row, then 信息内容 header row
        for row in block.rows:
            step = 3 // len(row.cells)
            for i, cid in enumerate(row.cells):
                pos[cid] = (r, 1 + i * step)
            r += 1
    return pos


def application_positions() -> dict[str, tuple[int, int]]:
    return {schema.application_cell(row.key, col.key): (3 + i, 3 + j)
            for i, row in enumerate(schema.APPLICATION_ROWS)
            for j, col in enumerate(schema.APPLICATION_COLUMNS)}


def review_positions() -> dict[str, tuple[int, int]]:
    return {schema.review_cell(b.key, p.key): (3, 5 * i + j)
            for i, b in enumerate(schema.REVIEW_BLOCKS)
            for j, p in enumerate(schema.REVIEW_PARTS)}


POSITIONS = {"active": active_positions, "applications": application_positions,
             "review_litigation": review_positions}


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def seed_report():
    from report_desktop.core import jsonio
    return jsonio.read(DATA / "shuozhou-2024.json")


@pytest.fixture(scope="module")
def seed_doc(seed_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("docx") / "seed.docx"
    return export(seed_report, path)


@pytest.fixture(scope="module", params=sorted(FONT_SETS))
def font_doc(request, seed_report, tmp_path_factory):
    path = tmp_path_factory.mktemp("fonts") / f"seed-{request.param}.docx"
    return request.param, export(seed_report, path, fonts=request.param)


# --------------------------------------------------------------------------- structure

def test_headings_verbatim_in_order(seed_doc):
    found = [p.text for p in seed_doc.paragraphs if p.style.name == "一级标题"]
    assert found == HEADINGS


def test_all_six_headings_even_for_an_empty_report(tmp_path):
    from report_desktop.core.report import Report
    doc = export(Report.blank("某县统计局", 2024), tmp_path / "blank.docx")
    assert [p.text for p in doc.paragraphs if p.style.name == "一级标题"] == HEADINGS
    assert len(tables_by_section(doc)) == 3


def test_document_order(seed_doc, seed_report):
    """Title, preamble, 一 + text, 二/三/四 + tables, 五, 六, unit and date."""
    body = seed_doc.element.body
    kinds = []
    for el in body.iterchildren():
        if el.tag == f"{W}tbl":
            kinds.append("TABLE")
        elif el.tag == f"{W}p":
            kinds.append("".join(t.text for t in el.iter(f"{W}t")))
    assert kinds[0] == "朔州市人民政府办公室2024年政府信息公开工作年度报告"
    assert kinds[1].startswith("本年度报告根据")
    idx = [kinds.index(h) for h in HEADINGS]
    assert idx == sorted(idx)
    for h in HEADINGS[1:4]:
        assert kinds[kinds.index(h) + 1] == "TABLE"
    assert kinds[idx[4] + 1].startswith("2024年政府信息公开工作稳步推进")
    assert kinds[idx[5] + 1] == "本年度本单位未收取任何信息公开处理费。"
    assert kinds[-2:] == ["朔州市人民政府办公室", "2025年1月22日"]
    assert kinds.count("TABLE") == 3


def test_title_on_two_lines_for_a_long_unit(seed_doc, seed_report, tmp_path):
    title = seed_doc.paragraphs[0]
    assert title.style.name == "报告标题"
    assert title.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.text == "朔州市人民政府办公室\n2024年政府信息公开工作年度报告"
    assert title.runs[0].font.size == Pt(22)
    short = seed_report.copy()
    short.unit = "某县统计局"
    doc = export(short, tmp_path / "short.docx")
    assert doc.paragraphs[0].text == "某县统计局2024年政府信息公开工作年度报告"
    longer = seed_report.copy()
    longer.unit = "国家税务总局某某省某某市某某区税务局第一税务分局"   # 24 characters
    lines = export(longer, tmp_path / "long.docx").paragraphs[0].text.split("\n")
    assert len(lines) == 3 and "".join(lines[:2]) == longer.unit
    assert lines[2] == "2024年政府信息公开工作年度报告"
    assert all(len(line) <= 20 for line in lines[:2]) and min(map(len, lines[:2])) >= 8


def test_prose_split_into_paragraphs_with_kaiti_subheadings(font_doc, seed_report):
    name, doc = font_doc
    fonts = FONT_SETS[name]
    texts = ["".join(p.text.split()) for p in doc.paragraphs]
    for key in ("preamble", "overview", "problems", "other"):
        for line in seed_report.texts[key].split("\n"):
            assert "".join(line.split()) in texts, line[:20]
    sub = next(p for p in doc.paragraphs if p.text.startswith("(一)主动公开情况。"))
    assert sub.runs[0].text == "(一)主动公开情况。"
    assert sub.runs[0]._r.rPr.rFonts.get(qn("w:eastAsia")) == fonts.heading2
    assert sub.runs[1]._r.rPr.rFonts.get(qn("w:eastAsia")) == fonts.body
    # Every prose paragraph has a two-character first-line indent.
    normal = doc.styles["Normal"].paragraph_format
    assert normal.first_line_indent == Pt(32)
    assert normal.line_spacing == Pt(28.95)


def test_whole_line_subheading_becomes_heading_paragraph(seed_report, tmp_path):
    rep = seed_report.copy()
    rep.texts["overview"] = "（一）主动公开\n　　全年公开信息100条。\n\n（二）依申请公开情况。共收到申请3件。"
    doc = export(rep, tmp_path / "sub.docx")
    paras = [(p.style.name, p.text) for p in doc.paragraphs]
    i = paras.index(("一级标题", "一、总体情况"))
    assert paras[i + 1:i + 4] == [("二级标题", "（一）主动公开"), ("Normal", "全年公开信息100条。"),
                                  ("Normal", "（二）依申请公开情况。共收到申请3件。")]


def test_pasted_control_characters_do_not_break_export(seed_report, tmp_path):
    rep = seed_report.copy()
    rep.unit = "某县\x07统计局"
    rep.texts["problems"] = "第一段\x0b第二段\x01。"
    rep.cells["active.licensing"] = Bad("1\x02", "只能填写数字")
    doc = export(rep, tmp_path / "ctl.docx")
    texts = [p.text for p in doc.paragraphs]
    assert "第一段" in texts and "第二段。" in texts
    assert doc.paragraphs[0].text.startswith("某县统计局")
    assert tables_by_section(doc)["active"].cell(*active_positions()["active.licensing"]).text == "1"


# --------------------------------------------------------------------------- tables

def test_table_labels_verbatim(seed_doc):
    t = tables_by_section(seed_doc)
    a = t["active"]
    r = 0
    for block in schema.ACTIVE_BLOCKS:
        assert a.cell(r, 0).text == block.heading
        assert a.cell(r + 1, 0).text == schema.ACTIVE_LABEL
        step = 3 // len(block.columns)
        for i, label in enumerate(block.columns):
            assert a.cell(r + 1, 1 + i * step).text == label
        for k, row in enumerate(block.rows):
            assert a.cell(r + 2 + k, 0).text == row.label
        r += 2 + len(block.rows)
    assert len(a.rows) == r

    ap = t["applications"]
    assert ap.cell(0, 0).text == schema.APPLICATIONS_NOTE
    assert ap.cell(0, 3).text == schema.APPLICANT_HEADER
    keys = [c.key for c in schema.APPLICATION_COLUMNS]
    assert ap.cell(1, 3 + keys.index(schema.ORG_COLUMNS[0])).text == schema.ORG_HEADER
    for j, col in enumerate(schema.APPLICATION_COLUMNS):
        assert ap.cell(2, 3 + j).text == col.label      # vMerged ones read their top cell
    for i, row in enumerate(schema.APPLICATION_ROWS):
        assert ap.cell(3 + i, 0).text == row.band
        assert ap.cell(3 + i, 1).text == (row.group or row.band)
        assert ap.cell(3 + i, 2).text == (row.item or row.group or row.band)
    assert len(ap.rows) == 3 + 25 and len(ap.columns) == 10

    rv = t["review_litigation"]
    assert len(rv.rows) == 4 and len(rv.columns) == 15
    assert rv.cell(0, 0).text == "行政复议" and rv.cell(0, 5).text == "行政诉讼"
    assert rv.cell(1, 5).text == "未经复议直接起诉" and rv.cell(1, 10).text == "复议后起诉"
    for i, block in enumerate(schema.REVIEW_BLOCKS):
        for j, part in enumerate(schema.REVIEW_PARTS):
            assert rv.cell(2, 5 * i + j).text == part.label   # 复议 parts: vMerged 1–2
        assert rv.cell(0 if block.parent is None else 1, 5 * i).text == block.label


@pytest.mark.parametrize("which", ["seed", "distinct"])
def test_every_number_in_its_cell(which, seed_report, tmp_path):
    rep = seed_report if which == "seed" else distinct(seed_report)
    doc = export(rep, tmp_path / f"{which}.docx")
    tables = tables_by_section(doc)
    seen = set()
    for table_id, positions in POSITIONS.items():
        for cid, (r, c) in positions().items():
            assert tables[table_id].cell(r, c).text == to_text(rep.cells[cid]), cid
            seen.add(cid)
    assert seen == set(schema.CELL_IDS)
    if which == "seed":   # zeros are printed as 0, never blank or “/”
        assert tables["review_litigation"].cell(3, 0).text == "0"


def test_amount_printed_exactly(seed_report, tmp_path):
    rep = seed_report.copy()
    rep.cells["active.fees_10k_yuan"] = Decimal("12.50")
    rep.cells["active.licensing"] = Bad("/", "不能填写“/”")
    doc = export(rep, tmp_path / "amount.docx")
    pos = active_positions()
    a = tables_by_section(doc)["active"]
    assert a.cell(*pos["active.fees_10k_yuan"]).text == "12.50"
    assert a.cell(*pos["active.licensing"]).text == "/"   # as held, flagged by the rules


def test_merges(seed_doc):
    t = tables_by_section(seed_doc)

    g = grid(t["active"])
    r = 0
    for block in schema.ACTIVE_BLOCKS:
        assert list(g[r]) == [0] and g[r][0]["span"] == 4
        span = 3 // len(block.columns)
        assert [g[r + 1][c]["span"] for c in g[r + 1]] == [1] + [span] * len(block.columns)
        for k in range(len(block.rows)):
            assert [g[r + 2 + k][c]["span"] for c in g[r + 2 + k]] == [1] + [span] * len(block.columns)
        r += 2 + len(block.rows)

    g = grid(t["applications"])
    assert g[0][0]["span"] == 3 and merged_rows(g, 0, 0) == 3
    assert g[0][3]["span"] == 7 and merged_rows(g, 0, 3) == 1
    keys = [c.key for c in schema.APPLICATION_COLUMNS]
    org = 3 + keys.index(schema.ORG_COLUMNS[0])
    assert g[1][org]["span"] == 5
    for j, key in enumerate(keys):
        expected = 1 if key in schema.ORG_COLUMNS else 2   # 自然人, 总计 over two rows
        if key not in schema.ORG_COLUMNS:
            assert merged_rows(g, 1, 3 + j) == expected
        else:
            assert g[2][3 + j]["span"] == 1 and g[2][3 + j]["vmerge"] is None
    rows = schema.APPLICATION_ROWS
    first_result = next(i for i, r_ in enumerate(rows) if r_.band == "三、本年度办理结果")
    assert merged_rows(g, 3 + first_result, 0) == 22
    for i, row in enumerate(rows):
        gr = 3 + i
        if row.group is None:
            assert g[gr][0]["span"] == 3, row.band
        elif row.item is None:
            assert g[gr][1]["span"] == 2, row.group
        if row.item and (i == 0 or rows[i - 1].group != row.group):
            n = sum(1 for x in rows if x.group == row.group)
            assert merged_rows(g, gr, 1) == n, row.group
    for group, n in (("（三）不予公开", 8), ("（四）无法提供", 3), ("（五）不予处理", 5),
                     ("（六）其他处理", 3)):
        i = next(i for i, r_ in enumerate(rows) if r_.group == group)
        assert g[3 + i][1]["text"] == group and merged_rows(g, 3 + i, 1) == n

    g = grid(t["review_litigation"])
    assert [(c, g[0][c]["span"]) for c in g[0]] == [(0, 5), (5, 10)]
    assert [(c, g[1][c]["span"]) for c in list(g[1])[5:]] == [(5, 5), (10, 5)]
    for c in range(5):
        assert merged_rows(g, 1, c) == 2
    assert list(g[2]) == list(range(15)) and list(g[3]) == list(range(15))


def test_table_layout_properties(seed_doc):
    for table_id, table in tables_by_section(seed_doc).items():
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblStyle")).get(qn("w:val")) == "TableGrid"
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        widths = [int(gc.get(qn("w:w"))) for gc in tbl.find(qn("w:tblGrid"))]
        assert abs(sum(widths) / 1440 * 25.4 - 156) < 0.1, table_id
        for tr in tbl.findall(qn("w:tr")):
            assert tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
            for tc in tr.findall(qn("w:tc")):
                assert tc.tcPr.find(qn("w:tcW")) is not None
    ap = tables_by_section(seed_doc)["applications"]._tbl
    headers = [tr.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None
               for tr in ap.findall(qn("w:tr"))]
    assert headers == [True] * 3 + [False] * 25


def test_big_number_shrinks_instead_of_wrapping(seed_report, tmp_path):
    rep = seed_report.copy()
    rep.cells["review_litigation.review.upheld"] = 123456789
    doc = export(rep, tmp_path / "big.docx")
    cell = tables_by_section(doc)["review_litigation"].cell(3, 0)
    size = cell.paragraphs[0].runs[0].font.size.pt
    width_pt = int(cell._tc.tcPr.find(qn("w:tcW")).get(qn("w:w"))) / 20
    assert size < 10.5 and 9 * size / 2 <= width_pt - 2 * 57 / 20
    normal = tables_by_section(doc)["review_litigation"].cell(3, 1)
    assert normal.paragraphs[0].runs[0].font.size == Pt(10.5)


# --------------------------------------------------------------------------- fonts

def _xml_parts(doc):
    yield "styles", doc.styles.element
    yield "document", doc.element
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/footer"):
            yield "footer", rel.target_part.element


def test_east_asian_fonts_everywhere(font_doc):
    name, doc = font_doc
    fonts = FONT_SETS[name]
    styles_el = doc.styles.element
    defaults = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:rFonts")).get(qn("w:eastAsia")) == fonts.body
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"

    used = set()
    for _, root in _xml_parts(doc):
        used |= {el.get(qn("w:val")) for el in root.iter(qn("w:pStyle"))}
        for r in root.iter(qn("w:r")):
            rfonts = r.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert rfonts.get(qn("w:eastAsia")), "run without w:eastAsia"
        for rfonts in root.iter(qn("w:rFonts")):
            assert not [a for a in rfonts.attrib if "theme" in a.lower()], rfonts.attrib
    used.add("Normal")
    for style in styles_el.findall(qn("w:style")):
        if style.get(qn("w:styleId")) in used:
            rfonts = style.find(qn("w:rPr")).find(qn("w:rFonts"))
            assert rfonts.get(qn("w:eastAsia")), style.get(qn("w:styleId"))

    def east_asia(p):
        return {r._r.rPr.rFonts.get(qn("w:eastAsia")) for r in p.runs}
    paras = doc.paragraphs
    assert east_asia(paras[0]) == {fonts.title}
    assert all(east_asia(p) == {fonts.heading1} for p in paras if p.style.name == "一级标题")
    assert east_asia(paras[1]) == {fonts.body}
    table_fonts = {r.get(qn("w:eastAsia")) for t in doc.tables for r in t._tbl.iter(qn("w:rFonts"))}
    assert table_fonts == {fonts.table}
    assert doc.styles["一级标题"].font.size == Pt(16)
    assert doc.styles["Normal"].font.size == Pt(16)


def test_no_japanese_fallback_left(seed_doc, tmp_path):
    path = tmp_path / "x.docx"
    seed_doc.save(str(path))
    import zipfile
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        for n in names:
            if n.endswith(".xml") and "theme" not in n:   # a theme lists every script's font
                text = z.read(n).decode("utf-8")
                assert "ja-JP" not in text and "明朝" not in text, n
        theme = z.read("word/theme/theme1.xml").decode("utf-8")
    assert "word/stylesWithEffects.xml" not in names
    assert 'a:ea typeface="仿宋_GB2312"' in theme and 'a:ea typeface="黑体"' in theme


# --------------------------------------------------------------------------- page

def test_a4_and_margins_in_mm(seed_doc):
    s = seed_doc.sections[0]
    for got, want in ((s.page_width, 210), (s.page_height, 297), (s.top_margin, 37),
                      (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26)):
        assert abs(got.mm - want) < 0.1, (got.mm, want)


def test_page_numbers_odd_right_even_left(font_doc):
    name, doc = font_doc
    assert doc.settings.odd_and_even_pages_header_footer is True
    s = doc.sections[0]
    for footer, align, indent_attr in ((s.footer, WD_ALIGN_PARAGRAPH.RIGHT, "w:right"),
                                       (s.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "w:left")):
        assert not footer.is_linked_to_previous
        p = footer.paragraphs[0]
        assert p.alignment == align
        assert int(p._p.pPr.find(qn("w:ind")).get(qn(indent_attr))) == 280   # one 四号 character
        seq = []
        for r in p._p.iter(qn("w:r")):
            for el in r:
                if el.tag == qn("w:fldChar"):
                    seq.append(el.get(qn("w:fldCharType")))
                elif el.tag == qn("w:instrText"):
                    seq.append(el.text.strip())
                elif el.tag == qn("w:t"):
                    seq.append("t:" + el.text)
            rpr = r.find(qn("w:rPr"))
            assert rpr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "宋体"
            assert rpr.find(qn("w:sz")).get(qn("w:val")) == "28"
        assert seq[0] == "t:— " and seq[-1] == "t: —"
        assert seq[1:4] == ["begin", "PAGE", "separate"] and seq[5] == "end"


def test_core_properties(seed_doc, seed_report):
    cp = seed_doc.core_properties
    assert cp.title == seed_report.title
    assert cp.author == seed_report.unit
    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    created = cp.created.replace(tzinfo=None)
    assert abs((now - created).total_seconds()) < 600


# --------------------------------------------------------------------------- files

def test_registered_for_docx(seed_report, tmp_path):
    assert ".docx" in formats.WRITERS
    path = tmp_path / "报告.DOCX"
    formats.write(seed_report, path)
    assert docx.Document(str(path)).paragraphs[0].text.startswith("朔州市")


def test_target_is_a_directory(seed_report, tmp_path):
    target = tmp_path / "报告.docx"
    target.mkdir()
    with pytest.raises(ReportFileError, match="报告.docx"):
        writer.write(seed_report, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]
    assert list(target.iterdir()) == []


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root ignores directory permissions")
def test_read_only_folder(seed_report, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(ReportFileError):
            writer.write(seed_report, folder / "报告.docx")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_locked_target_keeps_old_file_and_leaves_no_temp(seed_report, tmp_path, monkeypatch):
    """A file open in Word on Windows: replacing it fails with PermissionError."""
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "locked", str(dst))
    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ReportFileError, match="报告.docx"):
        writer.write(seed_report, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.docx"]


def test_failed_build_writes_nothing(seed_report, tmp_path):
    with pytest.raises(ValueError):
        writer.write(seed_report, tmp_path / "x.docx", fonts="nope")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- rendering

@pytest.mark.slow
def test_libreoffice_renders_all_headings(seed_report, tmp_path):
    soffice = need("soffice")
    src = tmp_path / "seed.docx"
    writer.write(seed_report, src)
    env = dict(os.environ, FONTCONFIG_FILE=str(FONTS_CONF))
    res = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=180, env=env)
    pdf = tmp_path / "seed.pdf"
    assert res.returncode == 0 and pdf.exists(), res.stdout + res.stderr
    info = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 4 <= pages <= 7, pages
    assert "595.3" in info and "841.8" in info      # A4 in points
    text = subprocess.run([need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    flat = "".join(text.split())
    for heading in HEADINGS:
        assert heading in flat, heading
    for label in (schema.APPLICATION_ROWS[-1].band, "第二十条第（八）项", "复议后起诉"):
        assert label in flat
    assert "—1—" in flat and f"—{pages}—" in flat


# --------------------------------------------------------------------------- GB/T 9704 layout

def test_line_grid_and_28_characters_a_line(seed_doc):
    from report_desktop.core.docx import styles
    grid = seed_doc.sections[0]._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines"
    assert int(grid.get(qn("w:linePitch"))) == 579                  # 28.95 pt
    spacing = seed_doc.styles["Normal"].element.rPr.find(qn("w:spacing"))
    pitch_twips = 320 + int(spacing.get(qn("w:val")))               # 三号 + spacing
    assert 28 * pitch_twips <= styles.TEXT_WIDTH_TWIPS < 29 * pitch_twips
    # Not 三号: own spacing and off the line grid (LibreOffice would give each line 28.95 pt).
    for name in ("报告标题", "表格文字", "Footer"):
        st = seed_doc.styles[name].element
        assert st.rPr.find(qn("w:spacing")).get(qn("w:val")) == "0", name
        assert st.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0", name


def test_signature_kept_with_the_last_paragraph(seed_doc, seed_report):
    body = list(seed_doc.element.body.iterchildren(qn("w:p")))
    sig = [i for i, p in enumerate(body) if p.pPr is not None and p.pPr.pStyle is not None
           and p.pPr.pStyle.val == "ReportSignature"]
    assert len(sig) == 2 and sig[1] == len(body) - 1
    before = body[sig[0] - 1]
    assert "".join(t.text for t in before.iter(qn("w:t"))) in seed_report.texts["other"]
    assert before.pPr.keepNext_val and body[sig[0]].pPr.keepNext_val
    assert not body[sig[1]].pPr.keepNext_val       # the date: nothing follows


def test_signature_after_an_empty_last_section(seed_report, tmp_path):
    rep = seed_report.copy()
    rep.texts["other"] = ""
    doc = export(rep, tmp_path / "x.docx")
    body = list(doc.element.body.iterchildren(qn("w:p")))
    assert "".join(t.text for t in body[-3].iter(qn("w:t"))) == HEADINGS[-1]
    assert body[-3].pPr.keepNext_val is True        # the heading itself goes with the 落款


def test_table_three_groups_kept_together(seed_doc):
    from report_desktop.core import layout
    from report_desktop.core.docx import table_xml
    ap = tables_by_section(seed_doc)["applications"]._tbl
    keeps = [all(p.pPr.keepNext_val for p in tr.iter(qn("w:p")))
             for tr in ap.findall(qn("w:tr"))]
    t = layout.table("applications")
    for box in t.boxes:
        if box.kind == layout.LABEL and 1 < box.rows <= table_xml.GROUP_ROWS:
            # every row of a group but its last is kept with the next
            assert all(keeps[box.row:box.row + box.rows - 1]), box.text
    # 三、本年度办理结果 (twenty rows) in three lines of three characters: its first row,
    # one line, is kept with the second, two lines tall, so the label is never cut.
    band = next(b for b in t.boxes if b.rows > table_xml.GROUP_ROWS)
    spec = table_xml.applications_layout()
    assert table_xml.label_lines(band.text, spec.widths[0]) == 3
    assert table_xml.row_lines(spec)[band.row:band.row + 2] == [1, 2]
    assert keeps[band.row] and not keeps[band.row + 1]   # a break may follow （二）
    assert not keeps[-1] and not all(keeps)       # the table may still cross a page


def test_theme_and_font_table_name_only_our_fonts(font_doc, tmp_path):
    import zipfile
    from report_desktop.core.docx import fontparts
    name, doc = font_doc
    fonts = FONT_SETS[name]
    path = tmp_path / "x.docx"
    doc.save(str(path))
    with zipfile.ZipFile(path) as z:
        theme = fontparts.theme_typefaces(z.read("word/theme/theme1.xml"))
        table = docx.oxml.parse_xml(z.read("word/fontTable.xml"))
        for part in z.namelist():   # no other font named anywhere in the package
            text = z.read(part).decode("utf-8", "replace")
            for foreign in ("Calibri", "Cambria", "Arial", "Courier", "ＭＳ", "맑은", "新細明體"):
                assert foreign not in text, (part, foreign)
    assert theme == {fonts.heading1, fonts.body, "Times New Roman"}
    declared = {f.get(qn("w:name")) for f in table.findall(qn("w:font"))}
    assert declared == {fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.table,
                        "Times New Roman", "Symbol"}
    for f in table.findall(qn("w:font")):
        if f.get(qn("w:name")) not in ("Times New Roman", "Symbol"):
            assert f.find(qn("w:charset")).get(qn("w:val")) == "86"     # GB2312
            assert f.find(qn("w:altName")) is not None


def test_runs_name_fonts_by_their_chinese_family_names(font_doc):
    """Word and WPS on Windows and fontconfig (WPS on Linux) all find a Chinese font by
    its Chinese family name; the English one (FangSong_GB2312) is only its alt name."""
    name, doc = font_doc
    fonts = FONT_SETS[name]
    allowed = {fonts.title, fonts.body, fonts.heading1, fonts.heading2, fonts.table,
               fonts.page_number}
    named = {r.get(qn("w:eastAsia")) for _, root in _xml_parts(doc)
             for r in root.iter(qn("w:rFonts")) if r.get(qn("w:eastAsia"))}
    assert named <= allowed and all(any("\u4e00" <= ch <= "\u9fff" for ch in n) for n in named)
