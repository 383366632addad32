"""Page setup, fonts and paragraph styles (GB/T 9704-2012), and the East-Asian fixes.

python-docx's default template is English with a Japanese fallback: theme fonts, ``w:lang
w:eastAsia="en-US"`` and ``w:themeFontLang w:eastAsia="ja-JP"`` make Word show Chinese in
ＭＳ 明朝.  ``apply`` removes every theme font, names the Chinese font explicitly on the
document defaults and every style it keeps, and switches the languages to zh-CN
(the font table and the theme: fontparts.py).

The page holds GB/T 9704's 22 lines of 28 characters: exact 28.95 pt lines, 三号
characters set 0.25 pt closer (see ``char_spacing_twips``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from . import fontparts, ooxml
from .font_sets import FontSet

# Sizes (pt): 二号 22, 三号 16, 四号 14, 五号 10.5.
TITLE_PT, BODY_PT, PAGE_NUMBER_PT, TABLE_PT = 22.0, 16.0, 14.0, 10.5
LINE_PT = 28.95          # 225 mm / 22 lines
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28   # GB/T 9704: “每面排22行，每行排28个字”
TITLE_LINE_PT = 36.0
TABLE_LINE_PT = 13.5
INDENT_PT = 2 * BODY_PT  # first line: two characters

PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_MM = 25.5         # puts the middle of “— 1 —” about 7 mm below the text block
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]   # 156
TEXT_WIDTH_TWIPS = int(round(TEXT_WIDTH_MM * 1440 / 25.4))               # 8844


@dataclass(frozen=True)
class StyleName:
    name: str   # what Word shows
    id: str     # w:styleId


TITLE = StyleName("报告标题", "ReportTitle")
HEADING1 = StyleName("一级标题", "ReportHeading1")
HEADING2 = StyleName("二级标题", "ReportHeading2")
TABLE_TEXT = StyleName("表格文字", "ReportTableText")
SIGNATURE = StyleName("落款", "ReportSignature")

# Template styles kept (the rest of the ~160 English template styles are dropped).
_KEEP = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid",
         "Footer", "FooterChar"}


def apply(doc, fonts: FontSet) -> None:
    """Page, styles, languages and font table of a fresh python-docx Document."""
    _page(doc.sections[0])
    _prune(doc)
    _defaults(doc, fonts)
    _styles(doc, fonts)
    _settings(doc)
    fontparts.font_table(doc, fonts)
    fontparts.theme(doc, fonts)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(15)
    section.footer_distance = Mm(FOOTER_MM)
    section.gutter = 0
    _grid(section)


def char_spacing_twips() -> int:
    """Spacing added to each 三号 character (twips, negative) so 28 fill a 156 mm line.

    156 mm / 28 is 15.79 pt, so characters are set 0.25 pt closer (rounded down: 28 fit).
    Word, WPS and LibreOffice all honour character spacing alike; a ``linesAndChars``
    grid does the same in Word and WPS, but LibreOffice (7.4) then gives every 三号
    character two grid cells and sets 14 a line.
    """
    pitch_twips = TEXT_WIDTH_TWIPS / CHARS_PER_LINE
    return math.floor(pitch_twips - ooxml.twips(BODY_PT))


def _grid(section) -> None:
    """``w:docGrid type="lines"``: Word and WPS show the 22-line grid of the page; the
    lines themselves are the body's exact 28.95 pt line spacing."""
    sect_pr = section._sectPr   # noqa: SLF001 - python-docx has no docGrid API
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(ooxml.twips(LINE_PT)))


def _prune(doc) -> None:
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEEP:
            root.remove(style)
    for rfonts in root.iter(qn("w:rFonts")):
        ooxml.drop_theme(rfonts)
    # Parts that would carry the template's theme fonts or a stale preview picture.
    _drop_rel(doc.part.rels, "stylesWithEffects")
    _drop_rel(doc.part.package.rels, "thumbnail")


def _drop_rel(rels, reltype_suffix: str) -> None:
    for rid, rel in list(rels.items()):
        if rel.reltype.endswith("/" + reltype_suffix):
            del rels[rid]
            rels._target_parts_by_rId.pop(rid, None)   # noqa: SLF001 - no public API


def _defaults(doc, fonts: FontSet) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    ooxml.set_fonts(rpr, fonts.body)
    ooxml.set_size(rpr, BODY_PT)
    ooxml.set_lang(rpr)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:   # the template's 10 pt after / 1.15 lines
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")


def _para_style(doc, style: StyleName, east_asia: str, size: float, base: str = "Normal"):
    st = doc.styles.add_style(style.name, WD_STYLE_TYPE.PARAGRAPH)
    st.element.set(qn("w:styleId"), style.id)
    st.base_style = doc.styles[base]
    st.quick_style = True
    ooxml.set_fonts(st.element.get_or_add_rPr(), east_asia, hint_east_asia=True)
    st.font.size = Pt(size)
    return st


def _styles(doc, fonts: FontSet) -> None:
    normal = doc.styles["Normal"]
    ooxml.set_fonts(normal.element.get_or_add_rPr(), fonts.body, hint_east_asia=True)
    _char_spacing(normal, BODY_PT, char_spacing_twips())   # 28 characters a line
    pf = normal.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PT)
    pf.widow_control = True
    ooxml.set_indent(normal.element.get_or_add_pPr(), first_pt=INDENT_PT)

    title = _para_style(doc, TITLE, fonts.title, TITLE_PT)
    title.next_paragraph_style = normal
    tf = title.paragraph_format
    tf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tf.line_spacing = Pt(TITLE_LINE_PT)
    tf.space_after = Pt(LINE_PT)   # one blank line under the title
    tf.keep_with_next = True
    ooxml.set_indent(title.element.get_or_add_pPr(), char_pt=TITLE_PT)
    _char_spacing(title, TITLE_PT, 0)
    off_grid(title.element.get_or_add_pPr())

    for style, east_asia, level in ((HEADING1, fonts.heading1, 0), (HEADING2, fonts.heading2, 1)):
        st = _para_style(doc, style, east_asia, BODY_PT)
        st.next_paragraph_style = normal
        st.paragraph_format.keep_with_next = True
        ooxml.set_outline_level(st.element.get_or_add_pPr(), level)

    table = _para_style(doc, TABLE_TEXT, fonts.table, TABLE_PT)
    table.font.size = Pt(TABLE_PT)
    tbf = table.paragraph_format
    tbf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    tbf.line_spacing = Pt(TABLE_LINE_PT)   # exact: rows as tall in Word as in WPS/LibreOffice
    tbf.widow_control = False
    ooxml.set_indent(table.element.get_or_add_pPr(), char_pt=TABLE_PT)
    _char_spacing(table, TABLE_PT, 0)   # cell widths are measured in whole characters
    off_grid(table.element.get_or_add_pPr())

    sig = _para_style(doc, SIGNATURE, fonts.body, BODY_PT)
    sig.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    ooxml.set_indent(sig.element.get_or_add_pPr(), right_pt=4 * BODY_PT)

    footer = doc.styles["Footer"]
    ooxml.set_fonts(footer.element.get_or_add_rPr(), fonts.page_number,
                    latin=fonts.page_number, hint_east_asia=True)
    _char_spacing(footer, PAGE_NUMBER_PT, 0)
    off_grid(footer.element.get_or_add_pPr())
    ff = footer.paragraph_format
    ff.line_spacing_rule = WD_LINE_SPACING.SINGLE
    ooxml.set_indent(footer.element.get_or_add_pPr(), char_pt=PAGE_NUMBER_PT)
    tabs = footer.element.pPr.find(qn("w:tabs"))
    if tabs is not None:   # the template's US-letter tab stops
        footer.element.pPr.remove(tabs)


# w:pPr children that follow w:snapToGrid (schema order).
_AFTER_SNAP = tuple(f"w:{t}" for t in (
    "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc",
    "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle",
    "rPr", "sectPr", "pPrChange"))


def off_grid(ppr) -> None:
    """``w:snapToGrid w:val="0"``: a paragraph not in 三号 keeps its own line spacing
    (LibreOffice would otherwise stretch each line of the title or of a table row to a
    whole 28.95 pt grid line)."""
    snap = ppr.find(qn("w:snapToGrid"))
    if snap is None:
        snap = OxmlElement("w:snapToGrid")
        ppr.insert_element_before(snap, *_AFTER_SNAP)
    snap.set(qn("w:val"), "0")


def _char_spacing(style, size_pt: float, spacing_twips: int) -> None:
    """Size and character spacing (``w:spacing``, twips) of a style's runs."""
    rpr = style.element.get_or_add_rPr()
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        rpr.append(spacing)
    spacing.set(qn("w:val"), str(spacing_twips))
    ooxml.set_size(rpr, size_pt)   # also puts the children back in schema order


def _settings(doc) -> None:
    settings = doc.settings
    settings.odd_and_even_pages_header_footer = True
    el = settings.element
    lang = el.find(qn("w:themeFontLang"))
    if lang is None:
        lang = parse_xml(f'<w:themeFontLang {nsdecls("w")} w:val="en-US"/>')
        el.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    for math_pr in el.findall(qn("m:mathPr")):   # names Cambria Math, Word's default anyway
        el.remove(math_pr)
