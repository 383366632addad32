"""汇总 keeps its work (issue 23 item 6): a unit's findings open from its row; the files,
unit and roster stay for the session and across restarts until 清空; Esc with files added
asks, keeping them by default; 生成汇总 says what it replaces, and its default keeps."""
import pytest
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication

from report_desktop.core import formats, schema
from report_desktop.core.store import Store
from report_desktop.ui.prompts import Prompts
from report_desktop.ui.summary import kept

from conftest import ScriptedPrompts, open_window
from test_summary_view import GRANTED, NEW, open_summary, settle, unit
from test_unit_names_window import ime_type

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

COUNTY = "某某县人民政府"


@pytest.fixture
def unit_files(tmp_path, seed_report):
    """Two townships' reports as files; 乙镇's 表三 does not add up (an error)."""
    good, bad = unit(seed_report, "甲镇", 14), unit(seed_report, "乙镇")
    bad.set(GRANTED, bad.cells[GRANTED] + 5)        # more granted than received
    paths = [tmp_path / "甲镇.json", tmp_path / "乙镇.xlsx"]
    formats.write(good, paths[0])
    formats.write(bad, paths[1])
    return paths


def fill(qtbot, dlg, paths) -> None:
    """What the clerk adds: the files, the summary's unit (typed), a roster (typed)."""
    dlg.add_files(paths)
    dlg.unit.lineEdit().setFocus()
    dlg.unit.lineEdit().selectAll()
    ime_type(dlg.unit.lineEdit(), COUNTY)
    dlg.roster.edit.setFocus()
    ime_type(dlg.roster.edit, "甲镇\n乙镇\n丙乡")
    settle(qtbot, dlg)


def inputs(dlg) -> tuple:
    return dlg.unit_name(), [p.name for p in dlg.reports.paths()], dlg.roster.names()


def test_escape_asks_keeps_by_default_and_the_dialog_finds_its_inputs_again(
        qtbot, window, prompts, unit_files):
    dlg = open_summary(qtbot, window, county=False)
    fill(qtbot, dlg, unit_files)
    prompts.confirm_answer = False                     # 保留, the default button
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
    assert prompts.shown[-1][:3] == ("confirm", "关闭汇总", "放弃已添加的 2 个文件？")
    again = open_summary(qtbot, window, county=False)
    assert inputs(again) == (COUNTY, ["甲镇.json", "乙镇.xlsx"], ["甲镇", "乙镇", "丙乡"])
    assert ["丙乡", "—", "未报送"] in again.results.rows()
    prompts.confirm_answer = True                      # 放弃
    qtbot.mouseClick(again.footer.close_button, Qt.MouseButton.LeftButton)
    third = open_summary(qtbot, window, county=False)
    assert third.reports.paths() == [] and third.unit_name() == ""
    third.close()


def test_a_restart_finds_the_inputs_until_cleared(qtbot, store, store_path, unit_files):
    first = ScriptedPrompts()
    first.confirm_answer = False
    w = open_window(qtbot, store, first)
    dlg = open_summary(qtbot, w, county=False)
    fill(qtbot, dlg, unit_files)
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    w.close()
    store.close()
    again = Store(store_path)                           # a new start on the same data file
    second = ScriptedPrompts()
    w2 = open_window(qtbot, again, second)
    dlg2 = open_summary(qtbot, w2, county=False)
    assert inputs(dlg2) == (COUNTY, ["甲镇.json", "乙镇.xlsx"], ["甲镇", "乙镇", "丙乡"])
    qtbot.mouseClick(dlg2.footer.clear_button, Qt.MouseButton.LeftButton)   # 清空, confirmed
    assert second.shown[-1][2] == "清空已添加的 2 个文件、汇总单位、应报单位名单？"
    assert inputs(dlg2) == ("", [], [])
    settle(qtbot, dlg2)
    dlg2.close()
    assert kept.load(again).empty()
    dlg3 = open_summary(qtbot, w2, county=False)
    assert inputs(dlg3) == ("", [], [])
    dlg3.close()
    w2.close()
    again.close()


def test_a_units_findings_open_from_its_row(qtbot, window, unit_files):
    dlg = open_summary(qtbot, window, county=False)
    dlg.add_files(unit_files)
    settle(qtbot, dlg)
    rows = dlg.results.rows()
    row = next(i for i, r in enumerate(rows) if r[0] == "乙镇")
    assert "错误" in rows[row][2]
    tree = dlg.results.units
    item = tree.topLevelItem(row)
    rect = tree.visualItemRect(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    shown = dlg.unit_dialog
    assert shown is not None and shown.isVisible() and shown.windowTitle() == "乙镇的检查结果"
    found = shown.rows()
    errors = [r for r in found if r[0] == "错误"]
    assert errors and any(r[1].startswith("表三") for r in errors), found
    assert int(rows[row][2].split(" 个错误")[0]) == len(errors) + sum(
        int(r[2].split(" 个")[0]) for r in found if r[0] == "未填")
    shown.close()
    # the button does the same for the selected row
    assert dlg.results.open_button.isEnabled()
    qtbot.mouseClick(dlg.results.open_button, Qt.MouseButton.LeftButton)
    assert dlg.unit_dialog.windowTitle() == "乙镇的检查结果"
    dlg.unit_dialog.close()
    dlg.close()


def test_generate_says_what_it_replaces(qtbot, window, store, seed_report, prompts):
    child = unit(seed_report, "甲镇", seed_report.cells[NEW] + 1)
    store.save(child)
    dlg = open_summary(qtbot, window)
    n = len(dlg.results.diff_rows())
    prompts.confirm_answer = False                      # 保留本级数字
    qtbot.mouseClick(dlg.footer.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(s[1] == "替换本级报告" for s in prompts.shown), timeout=30000)
    _kind, _title, text, detail = [s for s in prompts.shown if s[1] == "替换本级报告"][-1]
    assert f"生成汇总会用合计替换这些数字（{n} 处）" in text
    assert f"{schema.CELLS[NEW].name}：13 → 14" in detail
    assert store.load(window.session.report_id).cells[NEW] == 13    # kept
    dlg.close()


def test_the_default_button_of_a_question_keeps(qtbot):
    """Enter on the real question box chooses the keeping answer (no = 保留本级数字)."""
    answers = []

    def press_enter():
        box = QApplication.activeModalWidget()
        if box is None:
            QTimer.singleShot(20, press_enter)
            return
        answers.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)
    QTimer.singleShot(0, press_enter)
    assert Prompts(None).confirm("替换本级报告", "生成汇总会用合计替换这些数字（3 处）。要替换吗？",
                                 yes="用合计替换", no="保留本级数字（不生成）") is False
    assert answers == ["保留本级数字（不生成）"]
