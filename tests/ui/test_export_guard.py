"""报告日期 and the export guard rails in the window, with real mouse and key events:
the calendar opens where the date belongs, a date outside the following year is refused,
an undated report is an error, a draft export is marked, and after an export the clerk
can open the file or its folder; the save dialog starts where she saved last."""
import datetime as dt
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import QObject, QPoint, QStandardPaths, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QTableView

from report_desktop.ui.after_export import first_folder
from report_desktop.ui.prompts import Prompts

A = "applications.{}.{}".format
# Popups and message boxes offscreen: the platform plugin says what it cannot do.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


def open_calendar(qtbot, window):
    info = window.workspace.info
    window.workspace.tabs.setCurrentWidget(info)
    edit = info.date
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton, pos=QPoint(edit.width() - 8, edit.height() // 2))
    calendar = edit.calendarWidget()
    qtbot.waitUntil(calendar.isVisible, timeout=3000)
    return calendar


def click_day(qtbot, calendar, day: int) -> None:
    """Click the cell of ``day`` of the month shown (not the greyed days around it)."""
    view = calendar.findChild(QTableView)
    model = view.model()
    for row in range(1, model.rowCount()):
        for col in range(model.columnCount()):
            idx = model.index(row, col)
            if str(model.data(idx)) == str(day) and not (row <= 2 and day > 20) \
                    and not (row >= 5 and day < 15):
                qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                                 pos=view.visualRect(idx).center())
                return
    raise AssertionError(f"day {day} not shown")


def test_undated_report_is_an_error_and_the_calendar_opens_on_january_next_year(
        qtbot, window, prompts):
    window.session.set_meta("report_date", None)
    h9 = [f for f in window.session.findings if f.rule == "H9"]
    assert h9 and h9[0].severity == "error" and h9[0].message.startswith("填写报告日期")
    info = window.workspace.info
    assert "填写报告日期" in info.date.toolTip()              # the field itself is marked
    calendar = open_calendar(qtbot, window)
    assert (calendar.yearShown(), calendar.monthShown()) == (2025, 1)
    assert calendar.locale().language() == calendar.locale().Language.Chinese
    click_day(qtbot, calendar, 22)
    qtbot.waitUntil(lambda: window.session.report.report_date == dt.date(2025, 1, 22))
    assert not [f for f in window.session.findings if f.rule == "H9"]
    assert info.date.text() == "2025年1月22日"


def test_a_date_outside_the_following_year_is_refused(qtbot, window, prompts):
    info = window.workspace.info
    window.workspace.tabs.setCurrentWidget(info)
    assert window.session.report.report_date == dt.date(2025, 1, 22)
    edit = info.date
    edit.setFocus()
    qtbot.mouseClick(edit.lineEdit(), Qt.MouseButton.LeftButton, pos=QPoint(6, edit.height() // 2))
    qtbot.keyClick(edit, Qt.Key.Key_Up)              # the year section: 2025 → 2026
    qtbot.waitUntil(lambda: bool(prompts.warnings()))
    kind, title, text, _ = prompts.warnings()[-1]
    assert text.startswith("请选2025年内的日期") and "2026" in text
    assert window.session.report.report_date == dt.date(2025, 1, 22)
    assert edit.text() == "2025年1月22日"


def test_word_export_of_an_undated_report_asks_first(qtbot, window, prompts, tmp_path):
    window.session.set_meta("report_date", None)
    prompts.confirm_answer = False
    assert window.workspace.files.export_word(tmp_path / "x.docx") is None
    kind, _title, text, detail = prompts.shown[-1]
    assert kind == "confirm" and "1 个错误" in text and detail.startswith("填写报告日期")   # no rule code
    assert not (tmp_path / "x.docx").exists()


class UrlCatcher(QObject):
    """Stands in for Explorer/Word as the handler of file: URLs (QDesktopServices' own hook)."""

    def __init__(self):
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def open(self, url):
        self.urls.append(url)


def export(qtbot, window, path=None):
    with qtbot.waitSignal(window.workspace.files.finished, timeout=30000):
        assert window.workspace.files.export_word(path) is not None


def test_after_export_the_clerk_can_open_the_folder_or_the_file(qtbot, window, prompts, tmp_path):
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    try:
        target = tmp_path / "报告.docx"
        prompts.export_answer = "folder"
        export(qtbot, window, target)
        kind, title, text, detail = prompts.shown[-1]
        assert (kind, title) == ("exported", "导出完成") and "报告.docx" in text and "草稿" not in text
        assert detail == f"保存位置：{tmp_path}"
        assert [Path(u.toLocalFile()) for u in catcher.urls] == [tmp_path]
        prompts.export_answer = "file"
        export(qtbot, window, target)
        assert Path(catcher.urls[-1].toLocalFile()) == target
        prompts.export_answer = None
        export(qtbot, window, target)
        assert len(catcher.urls) == 2
    finally:
        QDesktopServices.unsetUrlHandler("file")
    doc = docx.Document(str(target))
    assert not doc.sections[0].header.paragraphs[0].text


def test_a_draft_export_is_marked_with_the_windows_error_count(qtbot, window, prompts, tmp_path):
    window.session.set_cells({A("new", "research"): 1})      # H2 is fine, H3 breaks
    errors = [f for f in window.session.findings if f.severity == "error"]
    target = tmp_path / "草稿.docx"
    export(qtbot, window, target)                            # 仍然导出 (confirm answers yes)
    assert prompts.shown[0][0] == "confirm"
    kind, _title, text, _detail = prompts.shown[-1]
    assert kind == "exported" and f"这是草稿（还有 {len(errors)} 个错误未改正" in text
    doc = docx.Document(str(target))
    assert doc.sections[0].header.paragraphs[0].text == "草稿"
    assert doc.paragraphs[1].text == f"草稿：还有 {len(errors)} 个错误未改正，不能印发"


def test_the_save_dialog_starts_on_the_desktop_then_where_she_saved(qtbot, window, prompts, tmp_path):
    first = first_folder()
    desktop = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DesktopLocation)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert str(first) in (desktop, documents) or first == Path.home()
    folder = tmp_path / "年报"
    folder.mkdir()
    prompts.paths.append(folder / "a.docx")
    export(qtbot, window)
    assert Path(prompts.shown[0][3]).parent == first          # the suggestion in save_path
    prompts.paths.append(folder / "b.docx")
    export(qtbot, window)
    saves = [s for s in prompts.shown if s[0] == "save_path"]
    assert Path(saves[1][3]).parent == folder and (folder / "b.docx").exists()


def test_the_real_after_export_box_offers_both_buttons(qtbot):
    prompts = Prompts(None)
    seen = {}

    def click_folder():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["buttons"] = [b.text() for b in box.buttons()]
        button = next(b for b in box.buttons() if b.text() == "打开所在文件夹")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, click_folder)
    assert prompts.exported("导出完成", "已导出“a.docx”。", "/tmp") == "folder"
    assert set(seen["buttons"]) == {"打开文件", "打开所在文件夹", "关闭"}
    QTimer.singleShot(100, lambda: qtbot.keyClick(QApplication.activeModalWidget(), Qt.Key.Key_Escape))
    assert prompts.exported("导出完成", "已导出“a.docx”。") is None
