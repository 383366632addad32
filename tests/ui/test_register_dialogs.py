"""The 台账 dialogs themselves (the window tests script them through Prompts): the column
mapping refuses a missing or doubled column, undecided rows with the same words are
decided together, 统计口径 returns what was chosen."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from report_desktop.core.register import CountingSettings
from report_desktop.ui.dialogs.counting_settings import CountingSettingsDialog
from report_desktop.ui.dialogs.register_mapping import RegisterMappingDialog, column_letter
from report_desktop.ui.dialogs.unclassified_rows import UnclassifiedDialog
from report_desktop.ui.register.importer import CHOOSABLE

TITLES = {"id": "登记编号", "received": "收到申请日期", "outcome": "办理结果"}


def test_mapping_shows_samples_and_refuses_a_missing_or_doubled_column(qtbot):
    dlg = RegisterMappingDialog("“x.xlsx”", TITLES, ("received", "outcome"), ("编号", "日期", "结果"),
                                [["A1", "A2"], ["2025-03-05"], ["同意公开"]],
                                {"id": 0, "received": 1}, None)
    qtbot.addWidget(dlg)
    assert dlg.sample_labels["received"].text() == "2025-03-05"
    assert dlg.problem_text() == "请指定“办理结果”在哪一列。"
    dlg.combos["outcome"].setCurrentIndex(dlg.combos["outcome"].findData(1))
    assert "选了同一列" in dlg.problem_text()
    dlg.combos["outcome"].setCurrentIndex(dlg.combos["outcome"].findData(2))
    assert dlg.sample_labels["outcome"].text() == "同意公开"
    assert dlg.problem_text() is None and dlg.columns() == {"id": 0, "received": 1, "outcome": 2}
    assert column_letter(0) == "A" and column_letter(27) == "AB"


def test_undecided_rows_with_the_same_words_are_chosen_together(qtbot):
    items = [(4, "办理结果", "待研究", "办理结果“待研究”无法对应到表三的办理结果，请指定", "outcome"),
             (5, "办理结果", "待研究", "…", "outcome"),
             (6, "办理结果", "另议", "…", "outcome"),
             (7, "收到申请日期", "三月", "…不是可识别的日期", None)]
    dlg = UnclassifiedDialog(items, CHOOSABLE, None)
    qtbot.addWidget(dlg)
    assert set(dlg.combos) == {0, 1, 2}
    assert dlg.table.item(3, 3).text() == "请在台账中改正"
    combo = dlg.combos[0]
    combo.setCurrentIndex(combo.findText("（五）不予处理2.重复申请"))
    assert dlg.decisions() == {0: "not_processed_2", 1: "not_processed_2"}
    dlg.combos[1].setCurrentIndex(1)
    assert dlg.decisions()[1] == "granted" and dlg.decisions()[0] == "not_processed_2"


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_counting_settings_dialog_marks_the_defaults_and_returns_the_choice(qtbot):
    dlg = CountingSettingsDialog(CountingSettings(), None)
    qtbot.addWidget(dlg)
    combo = dlg.combos["rejected"]
    assert combo.currentText().endswith("（默认）")
    combo.setCurrentIndex(combo.findData("other"))
    assert dlg.chosen() == CountingSettings(rejected="other")
    dlg.show()
    QTest.keyClick(dlg, Qt.Key.Key_Escape)
    assert not dlg.isVisible()
