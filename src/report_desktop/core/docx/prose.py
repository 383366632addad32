"""The running text: title, prose paragraphs with （一） headings, signature block."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from docx.oxml.ns import qn
from docx.shared import Pt

from ..chinese import em_width
from ..rollover import has_draft_marker
from . import body, draft, ooxml, styles
from .font_sets import FontSet

# A line that opens with a second-level number: （一） or (一), full- or half-width.
_SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[）)]")
# The heading part of such a line ends at its first 。 when that comes this early …
_SUBHEADING_MAX = 40
# How many em of 二号 type one 156 mm line holds.
TITLE_EMS_PER_LINE = styles.TEXT_WIDTH_MM / (styles.TITLE_PT * 25.4 / 72)   # ≈ 20.1

_STRIP = " \t\r\u3000\u00a0"


def title_lines(unit: str, year: int) -> list[str]:
    """The title as printed: the unit on its own line(s) when one line would not hold it.

    A unit too long for one line is itself split in two near the middle, preferably just
    after a level word (省、市、局、办公室…), so no line ends with a lone character.
    """
    rest = f"{year}年政府信息公开工作年度报告"
    if not unit or em_width(unit + rest) <= TITLE_EMS_PER_LINE:
        return [unit + rest]
    if em_width(unit) <= TITLE_EMS_PER_LINE:
        return [unit, rest]
    return [*_halves(unit), rest]


_BREAK_AFTER = "省市区县州盟旗镇乡局委厅办处室院部会所队站心"


def _halves(text: str) -> list[str]:
    middle = len(text) / 2
    fits = [i for i in range(1, len(text))
            if max(em_width(text[:i]), em_width(text[i:])) <= TITLE_EMS_PER_LINE]
    if not fits:   # longer than two lines: let Word wrap it
        return [text]
    nice = [i for i in fits if text[i - 1] in _BREAK_AFTER and abs(i - middle) <= len(text) / 4]
    cut = min(nice or fits, key=lambda i: (abs(i - middle), -i))
    return [text[:cut], text[cut:]]


def lines(text: str | None) -> list[str]:
    """Paragraphs of a text: one per line, trimmed, blank lines dropped."""
    if not text:
        return []
    out = []
    for line in ooxml.clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip(_STRIP)
        if line:
            out.append(line)
    return out


def split_subheading(line: str) -> tuple[str, str]:
    """(heading, rest) of a line; heading is "" when the line is plain text.

    "（一）主动公开情况。全年…" → ("（一）主动公开情况。", "全年…");
    "（二）依申请公开" → ("（二）依申请公开", "").
    """
    m = _SUBHEADING.match(line)
    if not m:
        return "", line
    stop = line.find("。", m.end(), _SUBHEADING_MAX)
    if stop >= 0:
        return line[:stop + 1], line[stop + 1:]   # kept as typed: the round trip is exact
    if len(line) <= _SUBHEADING_MAX:
        return line, ""
    return m.group(0), line[m.end():]


def _run(paragraph, text: str, east_asia: str, fonts_latin: str = ooxml.LATIN,
         size: float | None = None):
    return body.add_run(paragraph, ooxml.clean(text), east_asia, fonts_latin, size)


def add_title(doc, unit: str, year: int, fonts: FontSet) -> None:
    """Centred title; a two-line title stays one paragraph (lines joined by w:br)."""
    p = body.add_paragraph(doc, style=styles.TITLE.name)
    _run(p, "\n".join(title_lines(unit, year)), fonts.title, size=styles.TITLE_PT)


def add_heading(doc, text: str, fonts: FontSet) -> None:
    p = body.add_paragraph(doc, style=styles.HEADING1.name)
    _run(p, text, fonts.heading1)


def add_prose(doc, text: str | None, fonts: FontSet) -> None:
    """One paragraph per line; （一）… lines get their heading part in 楷体.  A draft-marker
    line (a text begun from last year's, not yet revised) is highlighted, never silent."""
    for line in lines(text):
        if has_draft_marker(line):
            draft.highlight(_run(body.add_paragraph(doc), line, fonts.body))
            continue
        heading, rest = split_subheading(line)
        if heading and not rest:
            p = body.add_paragraph(doc, style=styles.HEADING2.name)
            _run(p, heading, fonts.heading2)
            continue
        p = body.add_paragraph(doc)
        if heading:
            _run(p, heading, fonts.heading2)
        _run(p, rest, fonts.body)


def date_text(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


def add_signature(doc, unit: str, date: dt.date | None, fonts: FontSet) -> None:
    """Unit and date, right-aligned four characters in; a short unit is centred over the date.

    The signature never stands alone on a page (GB/T 9704): its lines and the last
    paragraph before it are kept with the next, so a page break before the signature
    takes the end of the text along."""
    rows = [r for r in (unit.strip(), date_text(date) if date else "") if r]
    if not rows:
        return
    _keep_last_with_next(doc)
    widest = max(em_width(r) for r in rows)
    for i, text in enumerate(rows):
        p = body.add_paragraph(doc, style=styles.SIGNATURE.name)
        right = 4 + (widest - em_width(text)) / 2
        ooxml.set_indent(p._p.get_or_add_pPr(), right_pt=right * styles.BODY_PT)  # noqa: SLF001
        if i == 0:
            p.paragraph_format.space_before = Pt(2 * styles.LINE_PT)
        if i < len(rows) - 1:
            p.paragraph_format.keep_with_next = True
        _run(p, text, fonts.body)


def _keep_last_with_next(doc: Any) -> None:
    """Keep-with-next on the body's last paragraph (a table ends the body: nothing to do)."""
    body = doc.element.body
    last = body.sectPr.getprevious() if body.sectPr is not None else body[-1]
    if last is not None and last.tag == qn("w:p"):
        last.get_or_add_pPr().keepNext_val = True
