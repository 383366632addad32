"""新建报告 and the welcome page: 单位层级 is suggested from the unit name as it is typed
(Chinese through input-method commits) and confirmed or changed by the clerk."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from report_desktop.core import schema
from report_desktop.ui.dialogs.new_report import NewReportDialog

from conftest import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def ime_type(widget, text: str) -> None:
    """What an input method sends when the clerk picks ``text``: one commit."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def erase(qtbot, widget, count: int) -> None:
    for _ in range(count):
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)


def pick(qtbot, combo, key: str) -> None:
    """Choose a level with the keyboard, as the clerk would (arrow keys on the focused box)."""
    combo.setFocus()
    target = combo.findData(key)
    start = combo.currentIndex()
    if start < 0:
        qtbot.keyClick(combo, Qt.Key.Key_Down)
        start = combo.currentIndex()
    step = Qt.Key.Key_Down if target > start else Qt.Key.Key_Up
    for _ in range(abs(target - start)):
        qtbot.keyClick(combo, step)
    assert combo.currentData() == key


def test_welcome_suggests_the_level_from_the_typed_name(qtbot, empty_store, prompts):
    w = open_window(qtbot, empty_store, prompts)
    page = w.workspace.welcome
    assert page.level.currentIndex() == -1 and page.levels.level() is None   # nothing assumed
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.error.text() == "请填写单位名称。"
    page.unit.setFocus()
    ime_type(page.unit, "某某县某某镇")
    assert page.levels.level() == "township"
    assert schema.LEVELS["township"] in page.levels.hint.text()
    ime_type(page.unit, "人民政府")
    assert page.levels.level() == "township"          # 某某镇人民政府 is the township's
    erase(qtbot, page.unit, 8)                       # back to 某某
    ime_type(page.unit, "县人民政府")                 # 某某县人民政府
    assert page.unit.text() == "某某县人民政府" and page.levels.level() == "government"
    ime_type(page.unit, "办公室")                     # its office is a department
    assert page.levels.level() == "department"
    qtbot.keyClick(page.unit, Qt.Key.Key_Return)
    assert w.session.report.level == "department"
    assert w.session.report.unit == "某某县人民政府办公室"
    w.close()


def test_a_level_the_clerk_picks_is_kept_while_she_types(qtbot, empty_store, prompts):
    w = open_window(qtbot, empty_store, prompts)
    page = w.workspace.welcome
    page.unit.setFocus()
    ime_type(page.unit, "某某县城乡建设局")
    assert page.levels.level() == "department"
    pick(qtbot, page.level, "government")
    page.unit.setFocus()
    ime_type(page.unit, "办公室")
    assert page.levels.level() == "government"        # her choice, not the suggestion
    assert "已选定" in page.levels.hint.text()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert w.session.report.level == "government"
    w.close()


def test_new_report_dialog_suggests_and_follows(qtbot):
    dlg = NewReportDialog(["某某县教育局"], "", 2025, lambda u, y: False)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.levels.level() is None
    edit = dlg.unit.lineEdit()
    edit.setFocus()
    ime_type(edit, "朝阳街道办事处")
    assert dlg.levels.level() == "township"
    erase(qtbot, edit, 4)                              # 朝阳街
    assert dlg.levels.level() == "department"
    ime_type(edit, "道")
    assert dlg.unit.currentText() == "朝阳街道"
    assert dlg.levels.level() == "township"
    dlg.unit.setCurrentIndex(0)                        # a unit of the store, from the list
    assert dlg.levels.level() == "department"
    pick(qtbot, dlg.level, "township")
    dlg.unit.setCurrentText("某某县人民政府")
    assert dlg.levels.level() == "township"            # the clerk's choice stays
    assert dlg.result_values()[:3] == ("某某县人民政府", 2025, "township")


def test_new_report_dialog_starts_from_the_open_unit(qtbot):
    dlg = NewReportDialog([], "某某县甲乡人民政府", 2025, lambda u, y: False)
    qtbot.addWidget(dlg)
    assert dlg.levels.level() == "township"
    assert schema.LEVELS["township"] in dlg.levels.hint.text()
