"""The window's web publishing: 复制网页版 puts HTML and plain text on the real clipboard,
导出网页 writes off the GUI thread, 从网页粘贴 and 导入网页 read reports back from pages."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QGuiApplication

from report_desktop.core import formats
from report_desktop.core.html import reader, writer
from report_desktop.ui.web import qt_mime_data

from conftest import wait_import

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import published_page  # noqa: E402  (tests/published_page.py: the flattened published page)

OTHER = "平鲁区人民政府办公室"


def clipboard_with(html: str | None = None, text: str | None = None) -> None:
    mime = qt_mime_data()     # as a browser's copy: not a Python-made QMimeData
    if html is not None:
        mime.setHtml(html)
    if text is not None:
        mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


def wait_paste(qtbot, window):
    assert window.workspace.web.reading is not None, "no paste was started"
    qtbot.waitUntil(lambda: window.workspace.web.reading is None, timeout=30000)


def test_clipboard_contents_outlive_the_program_without_a_crash(tmp_path):
    """What 复制网页版 leaves on the clipboard is deleted by Qt after Python has shut down."""
    script = tmp_path / "copy_and_quit.py"
    script.write_text(
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtGui import QGuiApplication\n"
        "from report_desktop.ui.web import qt_mime_data\n"
        "app = QApplication([])\n"
        "mime = qt_mime_data()\n"
        "mime.setHtml('<table><tr><td>1</td></tr></table>')\n"
        "mime.setText('1')\n"
        "QGuiApplication.clipboard().setMimeData(mime)\n"
        "print(QGuiApplication.clipboard().mimeData().html())\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join(sys.path))
    res = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                         env=env, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "<td>1</td>" in res.stdout


def test_file_menu_has_the_web_actions(window):
    texts = [a.text() for a in window.menus["file"].actions()]
    for name in ("导入网页(&O)…", "从网页粘贴(&G)", "导出网页(&H)…", "复制网页版(&Y)"):
        assert name in texts
    assert window.workspace.actions["copy_web"].isEnabled() and window.workspace.actions["export_web"].isEnabled()


def test_copy_puts_html_and_tab_separated_text_on_the_clipboard(qtbot, window, seed_report):
    window.workspace.actions["copy_web"].trigger()
    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasHtml() and mime.hasText()
    back = reader.from_html(mime.html())
    assert back.deviations == [] and back.cells == seed_report.cells
    assert back.texts == seed_report.texts
    assert 'rowspan="' in mime.html() and "<script" not in mime.html()
    lines = mime.text().splitlines()
    assert lines[0] == seed_report.title
    assert "规章\t0\t0\t0" in lines
    assert "已复制网页版" in window.statusBar().currentMessage()


def test_copy_lists_errors_first_and_can_be_cancelled(qtbot, window, prompts):
    clipboard_with(text="原来的内容")
    window.session.set_cells({"applications.new.research": 1})     # H3: totals no longer add up
    prompts.confirm_answer = False
    assert window.workspace.web.copy_page() is False
    kind, title, text, detail = prompts.shown[-1]
    assert kind == "confirm" and "仍然复制" in text and "不平衡" in detail and "H3" not in detail
    assert QGuiApplication.clipboard().text() == "原来的内容"


def test_export_page_writes_off_the_gui_thread(qtbot, window, prompts, seed_report, tmp_path):
    target = tmp_path / "报告"
    prompts.paths.append(target)
    done = []
    window.workspace.files.finished.connect(done.append)
    job = window.workspace.web.export_page()
    assert job is not None and window.workspace.files.jobs == {job.number: job}   # still being written
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    written = tmp_path / "报告.html"
    assert done == [str(written)]
    assert prompts.shown[0][1] == "导出网页" and "*.html" in prompts.shown[0][2]
    assert formats.read(written).cells == seed_report.cells


def test_paste_from_a_published_page_imports_it(qtbot, window, store, prompts):
    page = published_page.page().replace("朔州市人民政府办公室", OTHER)
    clipboard_with(html=page, text="纯文本")
    window.workspace.actions["paste_web"].trigger()
    assert "正在读取剪贴板中的网页" in window.statusBar().currentMessage()
    wait_paste(qtbot, window)
    report_id = store.find(OTHER, 2024)
    assert report_id is not None and window.session.report_id == report_id
    rep = window.session.report
    assert rep.cells["applications.new.total"] == 13 and rep.cells["active.normative_docs.in_force"] == 59
    kind, title, text, _ = prompts.shown[-1]
    assert (kind, title) == ("info", "导入完成") and "剪贴板中的网页" in text
    assert window.statusBar().currentMessage() == "已导入：剪贴板中的网页"


def test_paste_without_html_or_with_hostile_html_is_refused(qtbot, window, store, prompts):
    clipboard_with(text="规章\t0\t0\t0")
    assert window.workspace.web.paste_page() is None
    assert "剪贴板中没有网页内容" in prompts.warnings()[-1][2]
    clipboard_with(html="<script>alert(1)</script>" + "<div>" * 5000 + "一、总体情况")
    window.workspace.web.paste_page()
    wait_paste(qtbot, window)
    title, text = prompts.warnings()[-1][1:3]
    assert title == "无法导入" and "剪贴板中的网页" in text and "嵌套" in text
    assert len(store.list_reports()) == 1


def test_import_page_reads_a_saved_htm(qtbot, window, store, prompts, seed_report, tmp_path):
    rep = seed_report.copy()
    rep.unit = OTHER
    path = tmp_path / "年报.htm"
    path.write_text(writer.page(rep), encoding="utf-8")
    prompts.paths.append(path)
    window.workspace.actions["import_web"].trigger()
    wait_import(qtbot, window)
    assert window.session.report.unit == OTHER and window.session.report.cells == rep.cells
    assert window.statusBar().currentMessage() == "已导入：年报.htm"
    assert window.workspace.files.folder() == tmp_path            # remembered like any imported file
