"""打印预览 and 打印: Ctrl+P opens Qt's preview in Chinese over the report laid out as the Word
export lays it out; the same document printed to a PDF has the text, the tables' labels and
“— n —” under every page."""
from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QAbstractButton, QApplication, QGroupBox, QLabel

from report_desktop.ui.printing import paged

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def _on_next_modal(qtbot, handle):
    """Call ``handle`` with the next modal dialog that opens, then close it."""
    seen = []

    def poll():
        w = QApplication.activeModalWidget()
        if w is None:
            QTimer.singleShot(50, poll)
            return
        seen.append(handle(w))
        w.reject()
    QTimer.singleShot(50, poll)
    return seen


def _words(dialog) -> list[str]:
    words = [a.toolTip() for a in dialog.findChildren(QAction)]
    words += [a.text() for a in dialog.findChildren(QAction)]
    words += [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton)]
    words += [g.title() for g in dialog.findChildren(QGroupBox)]
    return [w for w in words if w]


def test_ctrl_p_opens_the_chinese_preview_of_every_page(qtbot, window):
    window.workspace.tabs.show_page("info")
    window.activateWindow()

    def look(dialog):
        assert isinstance(dialog, QPrintPreviewDialog)
        words = _words(dialog)
        assert "下一页" in words and "打印" in words
        english = [w for w in words if LATIN_WORD.search(w.replace("PDF", ""))]
        return dialog.windowTitle(), english, [lab.text() for lab in dialog.findChildren(QLabel)]
    seen = _on_next_modal(qtbot, look)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    title, english, labels = seen[0]
    assert title == "打印预览"
    assert english == []
    # The page counter beside the page box: “/ 7”, more than one page.
    counts = [int(m.group(1)) for lab in labels if (m := re.fullmatch(r"/ (\d+)", lab))]
    assert counts and counts[0] > 1


def test_the_print_dialog_speaks_chinese(qtbot, window):
    def look(dialog):
        assert isinstance(dialog, QPrintDialog)
        return dialog.windowTitle(), [w for w in _words(dialog)
                                      if LATIN_WORD.search(w.replace("PDF", ""))]
    seen = _on_next_modal(qtbot, look)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert seen[0] == ("打印", [])


def _pdf_printer(target) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    paged.prepare(printer)
    return printer


def _pdf(tmp_path, report, draft=None):
    target = tmp_path / "报告.pdf"
    return target, paged.paint(report, _pdf_printer(target), draft)


def test_the_printed_pages_hold_the_report_and_their_numbers(qtbot, tmp_path, seed_report):
    target, pages = _pdf(tmp_path, seed_report)
    assert pages >= 4
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    per_page = text.split("\f")
    for n in range(1, pages + 1):
        # pdftotext drops the thin spaces' width: “— 1 —” reads “—1—”.
        assert re.search(rf"^—\s*{n}\s*—$", per_page[n - 1], re.M), n
    # NFKC: the PDF's CJK font maps some characters to their radicals' look-alikes (⼯ for 工).
    flat = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    for words in ("政府信息公开工作年度报告", "二、主动公开政府信息情况", "行政规范性文件",
                  "本年新收政府信息公开申请数量", "行政复议", "维持", "纠正", "总计"):
        assert words in flat, words
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True).stdout
    assert re.search(r"Pages:\s+%d\b" % pages, info)
    assert "595 x 842 pts (A4)" in info                 # portrait


def test_the_print_layout_is_the_pages_body_without_its_screen_wrapper(seed_report):
    html = paged.print_html(seed_report)
    assert "max-width" not in html.split("<h1", 1)[0]
    assert "<caption" not in html and "<thead>" not in html
    # Fonts in points (Qt would take px as printer dots): 14 px is 五号, 10.5 pt.
    assert re.search(r"font-size:[\d.]+px", html) is None and "font-size:10.5pt" in html
    assert "min-width" not in html and "border:" not in html
    # Paragraphs open with two ideographic spaces (Qt scales no indent to the printer).
    assert html.count("\u3000\u3000") >= 10 and "text-indent" not in html
    assert html.count('border="1"') == 3                  # 表二, 表三, 表四
    assert "rowspan" in html and "colspan" in html       # the merges of the official tables


def _pdf_text(target) -> list[str]:
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [re.sub(r"\s+", "", unicodedata.normalize("NFKC", page)) for page in text.split("\f")]


def test_a_draft_is_printed_as_one_on_every_page(qtbot, tmp_path, seed_report):
    """What the Word export writes for a draft: “草稿” above every page, and the open problems
    above the title — a printed draft must not pass for the signed report."""
    target, pages = _pdf(tmp_path, seed_report, draft="还有 1 个错误未改正")
    per_page = _pdf_text(target)
    assert all("草稿" in per_page[n] for n in range(pages)), per_page
    assert "草稿:还有1个错误未改正" in per_page[0]          # NFKC: the full-width colon too
    assert per_page[0].index("草稿:") < per_page[0].index("政府信息公开工作年度报告")
    (tmp_path / "clean").mkdir()
    clean, _pages = _pdf(tmp_path / "clean", seed_report)
    assert not any("草稿" in page for page in _pdf_text(clean))


def test_the_window_prints_a_report_with_errors_as_a_draft(qtbot, window, tmp_path):
    """The print commands ask the export policy (services.exporting.publish_check)."""
    def printed(name):
        printer, paint = window.workspace.printing._job()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / name))
        paint(printer)
        return _pdf_text(tmp_path / name)[0]
    assert "草稿" not in printed("可发布.pdf")       # the sample is publishable as it is
    window.session.set_meta("report_date", None)    # 成文日期 missing: an error
    assert "草稿:还有1个错误未改正" in printed("有错误.pdf")
