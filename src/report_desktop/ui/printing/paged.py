"""The report as a paginated QTextDocument, and the loop that paints it page by page.

The content is the published web page's (core/html/writer.py: the same order, the same
tables with every merge); only the fonts and the page are the Word export's: A4, the
margins and sizes of core/docx/styles.py, 仿宋 body and 黑体 headings where installed, and
“— n —” centred about 7 mm below the text block as the Word footer puts it.  A report the
export policy would not publish is printed as the Word export writes a draft: “草稿” in red
above every page and, above the title, the line that says what keeps it one.
"""
from __future__ import annotations

import re
from html import escape

from PySide6.QtCore import QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (QColor, QFont, QFontDatabase, QPageLayout, QPageSize, QPainter,
                           QTextDocument)
from PySide6.QtPrintSupport import QPrinter

from ...core.docx.draft import HEADER_PT, NOTE_PT, WORD as DRAFT_WORD, note_text
from ...core.docx.styles import (BODY_PT, MARGINS_MM, PAGE_NUMBER_PT, TABLE_PT, TITLE_PT)
from ...core.html.writer import body
from ...core.report import Report

# The Word export's fonts first (GB set, then Windows' own), then what Linux has.
BODY_FONTS = ("仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "宋体", "SimSun")
HEADING_FONTS = ("黑体", "SimHei", "STHeiti", "Noto Sans CJK SC", "Microsoft YaHei")
TITLE_FONTS = ("方正小标宋简体", "宋体", "SimSun", "Noto Serif CJK SC")
NUMBER_FONTS = ("宋体", "SimSun", "Noto Serif CJK SC")
MM_PER_INCH = 25.4
LINE_HEIGHT_PERCENT = 125
NUMBER_GAP_MM = 7          # from the text block's lower edge to the number's middle


def pick_font(candidates: tuple[str, ...]) -> str:
    """The first installed family; Qt's own fallback when none is."""
    families = set(QFontDatabase.families())
    return next((f for f in candidates if f in families), candidates[-1])


def _style_sheet() -> str:
    head, title = pick_font(HEADING_FONTS), pick_font(TITLE_FONTS)
    return (f"h1 {{ font-family:'{title}'; font-size:{TITLE_PT}pt; font-weight:normal; }}\n"
            f"h2 {{ font-family:'{head}'; font-size:{BODY_PT}pt; font-weight:normal; }}\n"
            f"h3 {{ font-size:{BODY_PT}pt; }}\n"
            # Word sets 22 lines of 三号 to a page (28.95 pt); Qt's own spacing is tighter.
            f"p {{ line-height:{LINE_HEIGHT_PERCENT}%; }}\n"
            f"table {{ font-size:{TABLE_PT}pt; border-collapse:collapse; }}\n"
            f"th, td {{ font-size:{TABLE_PT}pt; }}\n")


def print_html(report: Report) -> str:
    """The web page's body without its screen wrapper (width, sans-serif font, 16 px):
    on paper the page and the fonts are the printer's and the style sheet's."""
    html = body(report)
    first, rest = html.split("\n", 1)
    if not first.startswith("<div"):
        raise ValueError("unexpected page body")      # writer.body changed its wrapper
    inner = rest.rsplit("</div>", 1)[0]
    # Qt scales lengths in px to the printer, but takes a font's px as printer dots (14 px:
    # a speck): fonts in points (1 px = 0.75 pt).  A cell's rules are the table's (below);
    # a screen's minimum width is no paper's.
    inner = _SCREEN_ONLY.sub("", inner)
    inner = _FONT_PX.sub(lambda m: f"font-size:{float(m.group(1)) * 0.75:g}pt", inner)
    inner = _CAPTION.sub("", inner)     # the heading above names the table on paper
    # Qt takes no em for an indent, nor scales px ones to the printer: two ideographic
    # spaces are two characters of whatever size, as a clerk indents in Word.
    # (kept as typed: pre-wrap; the writer has already folded runs of spaces).
    inner = _INDENTED.sub(lambda m: m.group(1) + "white-space:pre-wrap;" + m.group(2)
                          + "\u3000\u3000", inner)
    # Qt draws cell rules from the table's attributes, not from each cell's border style; a
    # header row it repeats on the next page overlaps a row span there, so none is repeated.
    inner = inner.replace("<thead>", "").replace("</thead>", "")
    # Cells centred vertically as in the Word tables (Qt reads valign, not vertical-align).
    inner = inner.replace("<td ", '<td valign="middle" ').replace("<th ", '<th valign="middle" ')
    return inner.replace("<table ", '<table width="100%" border="1" cellspacing="0" ')


_SCREEN_ONLY = re.compile(r"(?<![-\w])(?:border|min-width):[^;\"]*;?")
_INDENTED = re.compile(r'(<(?:p|h3) style="[^"]*?)text-indent:2em;?([^"]*">)')
_FONT_PX = re.compile(r"font-size:(\d+(?:\.\d+)?)px")
_CAPTION = re.compile(r"<caption[^>]*>.*?</caption>", re.S)


def draft_html(draft: str) -> str:
    """The red line above the title of a draft (core/docx/draft.py add_note's words)."""
    return (f'<p align="center" style="color:#c00000; font-weight:bold; font-size:{NOTE_PT:g}pt;">'
            f"{escape(note_text(draft))}</p>\n")


def build(report: Report, printer: QPrinter, draft: str | None = None) -> QTextDocument:
    """The document for ``printer`` (its resolution: px lengths are its dots); ``draft``:
    why the report is not yet publishable (services.exporting ExportCheck.draft_note)."""
    doc = QTextDocument()
    doc.documentLayout().setPaintDevice(printer)          # points become printer dots
    doc.setDefaultFont(QFont(pick_font(BODY_FONTS), int(BODY_PT)))
    doc.setDefaultStyleSheet(_style_sheet())
    doc.setHtml((draft_html(draft) if draft else "") + print_html(report))
    doc.setDocumentMargin(0)
    return doc


def prepare(printer: QPrinter) -> None:
    """A4 portrait with the Word export's margins (the clerk may change them in the dialog)."""
    printer.setPageLayout(QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
        QMarginsF(MARGINS_MM["left"], MARGINS_MM["top"], MARGINS_MM["right"],
                  MARGINS_MM["bottom"]), QPageLayout.Unit.Millimeter))
    printer.setDocName("政府信息公开工作年度报告")


def paint(report: Report, printer: QPrinter, draft: str | None = None) -> int:
    """Lay the report out on ``printer``'s pages and draw each with its number; the page count.

    QTextDocument.print_ would put its own bare number in the corner: this loop draws the
    pages itself so the number is the official “— n —”, centred below the text block."""
    doc = build(report, printer, draft)
    dpi = printer.resolution()
    text = printer.pageLayout().paintRectPixels(dpi)      # the text block, in device pixels
    doc.setPageSize(QSizeF(text.width(), text.height()))
    pages = doc.pageCount()
    first, last = printer.fromPage() or 1, printer.toPage() or pages
    number_font = QFont(pick_font(NUMBER_FONTS), int(PAGE_NUMBER_PT))
    gap = NUMBER_GAP_MM * dpi / MM_PER_INCH
    painter = QPainter(printer)
    try:
        for n in range(first, min(last, pages) + 1):
            if n > first:
                printer.newPage()
            # The painter's origin is the text block's corner (the printer is not full-page).
            painter.save()
            painter.setClipRect(QRectF(0, 0, text.width(), text.height()))
            painter.translate(0, -(n - 1) * text.height())
            # One dot short of the next page, whose first line starts exactly at the edge.
            # (Qt still draws a page's last line on the next page too, clipped out of
            # sight: a PDF made this way repeats it in its text layer.)
            doc.drawContents(painter, QRectF(0, (n - 1) * text.height(), text.width(),
                                             text.height() - 1))
            painter.restore()
            painter.setFont(number_font)
            box = QRectF(0, text.height() + gap - dpi / 4, text.width(), dpi / 2)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, page_number(n))
            if draft:
                _draft_header(painter, text.width(), gap, dpi)
    finally:
        painter.end()
    return pages


def _draft_header(painter: QPainter, width: float, gap: float, dpi: int) -> None:
    """“草稿” in red, centred above the text block where the Word export's header has it."""
    painter.save()
    font = QFont(pick_font(HEADING_FONTS), int(HEADER_PT))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor(0xC0, 0x00, 0x00))
    painter.drawText(QRectF(0, -gap - dpi / 4, width, dpi / 2), Qt.AlignmentFlag.AlignCenter,
                     DRAFT_WORD)
    painter.restore()


def page_number(n: int) -> str:
    return f"— {n} —"
