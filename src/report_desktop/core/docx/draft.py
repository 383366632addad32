"""The marks of a draft (exported with 仍然导出 / --allow-errors): “草稿” in every page's
header and a red line under the title saying what is still open.

A draft must never pass for the signed report: the header is on odd and even pages alike
(the document has different odd/even headers, see styles._settings) and the line under the
title is in the text itself, so a printout carries it too.  The reader drops that line
(``is_note``), so a draft read back in is the same report.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from . import body, ooxml, styles
from .font_sets import FontSet

WORD = "草稿"
NOTE_PREFIX = "草稿："          # how the line under the title starts
RED = RGBColor(0xC0, 0x00, 0x00)
HIGHLIGHT = WD_COLOR_INDEX.YELLOW   # the draft-marker lines of a report begun from last year's
HEADER_PT = 16.0                   # 三号
NOTE_PT = 14.0                     # 四号: the line under the title holds about 31 characters


def note_text(note: str) -> str:
    return note if note.startswith(NOTE_PREFIX) else NOTE_PREFIX + note


def is_note(line: str) -> bool:
    return line.strip().startswith(NOTE_PREFIX)


def add_header(section, fonts: FontSet) -> None:
    """“草稿” centred in the odd (default) and even page headers of ``section``."""
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        ppr = p._p.get_or_add_pPr()   # noqa: SLF001 - the template's Header style was pruned
        style = ppr.find(qn("w:pStyle"))
        if style is not None:
            ppr.remove(style)
        ooxml.set_indent(ppr)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = 1.0
        _red_run(p, WORD, fonts.heading1, HEADER_PT)


def add_note(doc, note: str, fonts: FontSet) -> None:
    """The line under the title: what keeps this file a draft."""
    p = body.add_paragraph(doc)
    ooxml.set_indent(p._p.get_or_add_pPr())   # noqa: SLF001
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(styles.BODY_PT / 2)
    _red_run(p, note_text(note), fonts.heading1, NOTE_PT)


def highlight(run) -> None:
    run.font.highlight_color = HIGHLIGHT


def _red_run(paragraph, text: str, east_asia: str, size: float) -> None:
    run = paragraph.add_run(ooxml.clean(text))
    run._r.insert(0, ooxml.new_rpr(east_asia, ooxml.LATIN, size))   # noqa: SLF001
    run.font.bold = True
    run.font.color.rgb = RED
