"""The Word file as LibreOffice lays it out (→ PDF → where every word landed).

GB/T 9704: 22 lines of 28 characters a page; the signature (落款) never alone on a page;
table rows not split, and a merged row label of 表三 not cut from its group.  Each case
is also rendered without the keep-with-next that prevents it, to show the case is real.
"""
from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from report_desktop.core import jsonio, schema
from report_desktop.core.chinese import em_width
from report_desktop.core.docx import prose, styles, table_xml, writer

from tests.render import MM, column_pages, lines, to_pdf, words
from tests.conftest import DATA

pytestmark = pytest.mark.slow

LEFT = styles.MARGINS_MM["left"] * MM
RIGHT = (styles.PAGE_MM[0] - styles.MARGINS_MM["right"]) * MM
TOP = styles.MARGINS_MM["top"] * MM
BOTTOM = (styles.PAGE_MM[1] - styles.MARGINS_MM["bottom"]) * MM
PITCH = styles.LINE_PT
# One line of body text: 26 characters after the two-character first-line indent.
FILLER = ("政务公开工作稳步推进各项制度有效落实公开质量持续提升群众满意" * 2)[:26]


@pytest.fixture(scope="module")
def seed():
    return jsonio.read(DATA / "shuozhou-2024.json")


def padded(report, key: str, lines_: int, text: str | None = None):
    rep = report.copy()
    base = report.texts.get(key, "") if text is None else text
    rep.texts[key] = "\n".join([base, *[FILLER] * lines_])
    return rep


def write(report, path: Path) -> Path:
    writer.write(report, path)
    return path


def strip_keeps(path: Path, out: Path, signature: bool = False, table: bool = False) -> Path:
    """The file as it was written before: no keep-with-next on the signature and the
    paragraph before it (``signature``), or inside 表三 after its first rows (``table``)."""
    doc = docx.Document(str(path))
    body = doc.element.body
    if signature:
        sig = [p for p in body.iter(qn("w:p")) if p.pPr is not None and p.pPr.pStyle is not None
               and p.pPr.pStyle.val == styles.SIGNATURE.id]
        for p in [sig[0].getprevious(), *sig]:
            p.get_or_add_pPr().keepNext_val = None
    if table:
        tbl = body.findall(qn("w:tbl"))[1]
        keep = table_xml.applications_layout().keep_rows
        for tr in tbl.findall(qn("w:tr"))[keep:]:
            for p in tr.iter(qn("w:p")):
                p.get_or_add_pPr().keepNext_val = None
    doc.save(str(out))
    return out


def body_lines(ws, page: int):
    return lines(ws, page, TOP - 2, BOTTOM)


def text_of(line) -> str:
    return "".join(w.text for w in line)


# --------------------------------------------------------------------------- grid

def test_22_lines_of_28_characters(seed, tmp_path):
    """Page 1 of the seed report; a page of one-line paragraphs (no widow/orphan moves)."""
    (pdf,) = to_pdf([write(padded(seed, "overview", 50), tmp_path / "seed.docx")], tmp_path)
    ws = words(pdf)
    page1 = body_lines(ws, 1)
    full = [text_of(ln) for ln in page1
            if ln[0].x0 <= LEFT + 2 and ln[-1].x1 >= RIGHT - 3
            and em_width(text_of(ln)) == len(text_of(ln))]   # wide characters only
    assert len(full) >= 3, [text_of(ln) for ln in page1]
    assert {len(t) for t in full} == {styles.CHARS_PER_LINE}, full
    assert all(len(text_of(ln)) <= styles.CHARS_PER_LINE for ln in page1
               if em_width(text_of(ln)) == len(text_of(ln)))
    filled = [p for p in range(1, max(w.page for w in ws) + 1)
              if all(text_of(ln) == FILLER for ln in body_lines(ws, p))]
    assert filled, "no page of filler lines"
    for page in filled:
        full_page = body_lines(ws, page)
        assert len(full_page) == styles.LINES_PER_PAGE, (page, len(full_page))
        ys = [ln[0].y0 for ln in full_page]
        assert all(abs((b - a) - PITCH) < 0.3 for a, b in zip(ys, ys[1:])), ys


# --------------------------------------------------------------------------- signature

def _last_body_line_index(ws) -> tuple[int, int]:
    """(page, 0-based line on that page) of the last text line before the signature."""
    pages = max(w.page for w in ws)
    seq = [ln for p in range(1, pages + 1) for ln in body_lines(ws, p)]
    unit_at = max(i for i, ln in enumerate(seq) if text_of(ln) == UNIT)
    last = seq[unit_at - 1][0]
    return last.page, int((last.y0 - TOP) // PITCH)


UNIT = "朔州市人民政府办公室"


def test_signature_never_alone_on_the_last_page(seed, tmp_path):
    short = seed.copy()
    short.texts.update(preamble="本报告根据《中华人民共和国政府信息公开条例》编制。",
                       overview="本年度政务公开工作稳步推进。",
                       problems="公开质量有待进一步提升。")
    base = strip_keeps(write(padded(short, "other", 0), tmp_path / "base0.docx"),
                       tmp_path / "base.docx", signature=True)
    (pdf,) = to_pdf([base], tmp_path)
    _, line = _last_body_line_index(words(pdf))
    free = styles.LINES_PER_PAGE - 1 - line
    more = (free - 1) % styles.LINES_PER_PAGE     # leave one free line: no room for the 落款
    kept = write(padded(short, "other", more), tmp_path / "kept.docx")
    loose = strip_keeps(kept, tmp_path / "loose.docx", signature=True)
    kept_pdf, loose_pdf = to_pdf([kept, loose], tmp_path)
    date = prose.date_text(short.report_date)

    ws = words(loose_pdf)
    last = max(w.page for w in ws)
    assert [text_of(ln) for ln in body_lines(ws, last)] == [UNIT, date], \
        "the case does not put the signature alone on a page any more"

    ws = words(kept_pdf)
    last = max(w.page for w in ws)
    on_last = [text_of(ln) for ln in body_lines(ws, last)]
    assert on_last[-2:] == [UNIT, date] and len(on_last) >= 3, on_last
    assert FILLER in on_last[0]
    assert last == max(w.page for w in words(loose_pdf))   # no page added for it


# --------------------------------------------------------------------------- 表三 rows

def _columns():
    widths = table_xml.applications_layout().widths
    edges = [LEFT - 4]
    for w in widths[:3]:
        edges.append(edges[-1] + w / 20)
    return [(edges[i], edges[i + 1] - 1) for i in range(3)]


def _cuts(pdf: Path) -> tuple[bool, list[str]]:
    """(表三 crosses a page, the labels cut by a page break or torn from their group)."""
    ws = words(pdf)
    band_col, group_col, item_col = _columns()
    header_pages = {w.page for w in ws if w.text.startswith("申请人情况")}
    cuts = []
    band = schema.APPLICATION_ROWS[2].band
    if len(column_pages(ws, band, *band_col)) != 1:
        cuts.append(band)
    groups: dict[str, set[int]] = {}
    for row in schema.APPLICATION_ROWS:
        if not row.item:
            continue
        pages = column_pages(ws, row.item, *item_col)
        if len(pages) != 1:
            cuts.append(row.item)
        groups.setdefault(row.group, set()).update(pages)
    for group, pages in groups.items():
        label = column_pages(ws, group, *group_col)
        if len(label) != 1 or pages != label:
            cuts.append(group)
    return len(header_pages) > 1, cuts


def test_table_three_rows_and_groups_not_cut(seed, tmp_path):
    """表三 at every height on the page (the text before it one line longer each time)."""
    kept, loose = [], []
    for n in range(0, styles.LINES_PER_PAGE, 3):
        path = write(padded(seed, "overview", n), tmp_path / f"pad{n:02}.docx")
        kept.append(path)
        loose.append(strip_keeps(path, tmp_path / f"loose{n:02}.docx", table=True))
    pdfs = to_pdf(kept + loose, tmp_path)
    crossing, before = 0, []
    for pdf in pdfs[:len(kept)]:
        crosses, cuts = _cuts(pdf)
        crossing += crosses
        assert cuts == [], (pdf.name, cuts)
    for pdf in pdfs[len(kept):]:
        before += _cuts(pdf)[1]
    assert crossing >= 2, "表三 never crossed a page: the case tests nothing"
    assert before, "without keep-with-next no label was ever cut: the case tests nothing"
