"""Page numbers “— 1 —”: 四号 宋体, odd pages right and even pages left, one character in.

python-docx has no field API, so the number is a PAGE field written as runs:
``fldChar begin`` / ``instrText PAGE`` / ``fldChar separate`` / cached digit / ``fldChar end``.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section
from docx.text.paragraph import Paragraph

from . import ooxml, styles
from .font_sets import FontSet

DASH = "—"   # 一字线 (U+2014), one character wide in a Chinese font


def add_page_numbers(section: Section, fonts: FontSet) -> None:
    """Fill the odd (default) and even footers of ``section``.

    The document must have ``settings.odd_and_even_pages_header_footer`` on, else Word
    uses the default footer on every page.
    """
    section.footer.is_linked_to_previous = False
    _page_number(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT, fonts, "1")
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT, fonts, "2")


def _page_number(paragraph: Paragraph, alignment: WD_ALIGN_PARAGRAPH, fonts: FontSet,
                 cached: str) -> None:
    paragraph.alignment = alignment
    one_char = styles.PAGE_NUMBER_PT
    ppr = paragraph._p.get_or_add_pPr()   # noqa: SLF001 - indent in characters has no API
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        ooxml.set_indent(ppr, right_pt=one_char, char_pt=one_char)
    else:
        ooxml.set_indent(ppr, left_pt=one_char, char_pt=one_char)
    p = paragraph._p   # noqa: SLF001
    p.append(_run(fonts, text=f"{DASH} "))
    p.append(_run(fonts, fld="begin"))
    p.append(_run(fonts, instr=" PAGE "))
    p.append(_run(fonts, fld="separate"))
    p.append(_run(fonts, text=cached))
    p.append(_run(fonts, fld="end"))
    p.append(_run(fonts, text=f" {DASH}"))


def _run(fonts: FontSet, text: str | None = None, fld: str | None = None,
         instr: str | None = None) -> BaseOxmlElement:
    r = OxmlElement("w:r")
    r.append(ooxml.new_rpr(fonts.page_number, fonts.page_number, styles.PAGE_NUMBER_PT))
    if fld:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), fld)
    elif instr is not None:
        el = OxmlElement("w:instrText")
        el.set(qn("xml:space"), "preserve")
        el.text = instr
    else:
        el = OxmlElement("w:t")
        el.set(qn("xml:space"), "preserve")
        el.text = text
    r.append(el)
    return r
