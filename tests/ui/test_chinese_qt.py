"""Qt's own words are Chinese (ui.qapp.install_chinese): standard buttons, the text editors'
right-click menu and the calendar, on any system locale."""
import pytest
from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import (QApplication, QCalendarWidget, QDialogButtonBox, QInputDialog,
                               QMenu, QPlainTextEdit, QTableView, QToolButton)

from report_desktop.ui import qapp as app_module

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_standard_ok_cancel_reads_chinese(qtbot):
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_qt_file_dialog_labels_are_chinese(qtbot):
    """Qt's own file dialog (where the system has none): every label and button reads
    Chinese, including the two the zh_CN catalogue lacks (ui/qt_words.py)."""
    from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel
    for mode in (QFileDialog.AcceptMode.AcceptOpen, QFileDialog.AcceptMode.AcceptSave):
        dlg = QFileDialog(None, "导入报告", "", "报告文件 (*.docx)")
        dlg.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dlg.setAcceptMode(mode)
        qtbot.addWidget(dlg)
        dlg.show()
        texts = [w.text() for w in dlg.findChildren(QLabel) + dlg.findChildren(QAbstractButton)
                 if w.text()]
        assert "查找范围(&L)：" in texts and "文件类型(&T)：" in texts
        english = [t for t in texts if t.isascii() and any(c.isalpha() for c in t)]
        assert english == []
        dlg.close()


def test_input_dialog_buttons_are_chinese(qtbot):
    dlg = QInputDialog()
    qtbot.addWidget(dlg)
    dlg.show()
    texts = {b.text() for b in dlg.findChild(QDialogButtonBox).buttons()}
    assert texts == {"确定", "取消"}


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
def test_text_editor_context_menu_is_chinese(qtbot):
    """A right click (the context-menu event the window system sends for it) opens Qt's
    own menu on the editor, in Chinese."""
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.resize(300, 200)
    editor.show()
    qtbot.waitExposed(editor)
    seen = []

    def grab_menu():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            seen.extend(a.text().split("\t")[0] for a in menu.actions() if a.text())
            menu.close()
        else:
            QTimer.singleShot(20, grab_menu)

    QTimer.singleShot(20, grab_menu)
    pos = QPoint(40, 40)
    QApplication.sendEvent(editor.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, pos, editor.viewport().mapToGlobal(pos)))
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    for word in ("剪切(&T)", "复制(&C)", "粘贴(&P)", "全选", "重做(&R)"):
        assert word in seen
    assert any(w.startswith("撤") for w in seen)       # Qt writes 撤消
    assert not any(w.lower().startswith(("undo", "copy", "paste", "select")) for w in seen)


def test_calendar_day_and_month_names_are_chinese(qtbot):
    cal = QCalendarWidget()
    qtbot.addWidget(cal)
    cal.setCurrentPage(2026, 1)
    cal.show()
    qtbot.waitExposed(cal)
    assert cal.locale().name() == "zh_CN"
    model = cal.findChild(QTableView).model()
    headers = {model.data(model.index(0, c)) for c in range(model.columnCount())}
    assert "周一" in headers and "周日" in headers
    buttons = {b.text() for b in cal.findChildren(QToolButton)}
    assert "一月" in buttons


def test_missing_catalogue_is_not_fatal(qtbot, monkeypatch):
    """A stripped installation without the .qm still starts, in English buttons."""
    app = QApplication.instance()
    monkeypatch.setattr(app_module, "QT_CATALOG", "no_such_catalogue_zh_CN")
    app.setProperty("qt_zh_loaded", False)
    try:
        assert app_module.install_chinese(app) is False
    finally:
        app.setProperty("qt_zh_loaded", True)
