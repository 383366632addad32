"""Renaming a unit on 基本信息 (issue 23 item 5): the clerk types a new name, the window
asks whether all the unit's years take it (default) or this report only, and whether the
old name in the text is replaced; all years keep the cross-year link (one name in the
unit list, last year's report found, no false P6), in one undo step."""
import sqlite3

import pytest
from PySide6.QtCore import Qt

from report_desktop.core.store import backup
from report_desktop.services import reports

from conftest import open_window
from test_unit_names_window import ime_type, stored_units

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

OLD, NEW = "朔州市人民政府办公室", "朔州市行政审批服务管理局"


def stored(path) -> dict[int, str]:
    con = sqlite3.connect(path)
    try:
        return {y: u for u, y in con.execute("SELECT unit, year FROM reports")}
    finally:
        con.close()


def before_change_backups(path) -> int:
    return len(backup.list_backups(path, backup.BEFORE_CHANGE))


@pytest.fixture
def two_years(qtbot, store, prompts):
    """The seed's 2024 report and its 2025 successor, the 2025 one open on 基本信息."""
    rid, carried = reports.create(store, OLD, 2025, None, from_previous=True)
    assert carried
    w = open_window(qtbot, store, prompts)
    w.workspace.open_report(rid)
    page = w.workspace.tabs.show_page("info")
    yield w, page
    w.close()


def type_name(qtbot, page, name: str) -> None:
    page.unit.setFocus()
    qtbot.keyClick(page.unit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    ime_type(page.unit, name)       # Chinese comes through the input method
    qtbot.keyClick(page.unit, Qt.Key.Key_Return)


def p6(window) -> list:
    return [f for f in window.session.findings if f.rule == "P6"]


def test_all_years_renamed_with_the_text_in_one_undo_step(qtbot, two_years, prompts, store_path):
    w, page = two_years
    seen = []

    def answer(dlg):                     # the defaults: all years, the text too; Enter = 改名
        seen.append((dlg.all_years.isChecked(), dlg.texts.isChecked(), dlg.texts.text()))
        qtbot.keyClick(dlg, Qt.Key.Key_Return)
    prompts.rename_script = answer
    backups = before_change_backups(store_path)
    type_name(qtbot, page, NEW)
    assert seen == [(True, True, f"正文中有 2 处“{OLD}”，一并改为“{NEW}”？")]
    assert prompts.shown[-1] == ("rename_unit", OLD, NEW, "[2024, 2025] 2")
    w.session.flush()
    assert stored(store_path) == {2024: NEW, 2025: NEW}
    assert before_change_backups(store_path) == backups + 1
    picker = w.workspace.picker
    assert [picker.unit.itemText(i) for i in range(picker.unit.count())] == [NEW]
    assert picker.year.count() == 2
    assert w.session.previous is not None and w.session.previous.year == 2024
    assert not p6(w)
    assert OLD not in w.session.report.texts["overview"] and NEW in w.session.report.texts["overview"]
    assert page.unit.text() == NEW
    # 从上一年创建 finds last year's report under the new name
    _, carried = reports.create(w.workspace.store, NEW, 2026, None, from_previous=True)
    assert carried
    # one undo step puts back both years' names and the text
    w.workspace.undo_group.undo()
    w.session.flush()
    assert {y: u for y, u in stored(store_path).items() if y < 2026} == {2024: OLD, 2025: OLD}
    assert OLD in w.session.report.texts["overview"]
    assert page.unit.text() == OLD
    w.workspace.undo_group.redo()
    assert stored(store_path)[2024] == NEW and page.unit.text() == NEW


def test_this_report_only_keeps_last_year_and_the_text_can_stay(qtbot, two_years, prompts, store_path):
    w, page = two_years

    def answer(dlg):
        qtbot.mouseClick(dlg.only_this, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dlg.texts, Qt.MouseButton.LeftButton)          # keep the text
        qtbot.keyClick(dlg, Qt.Key.Key_Return)
    prompts.rename_script = answer
    type_name(qtbot, page, NEW)
    w.session.flush()
    assert stored(store_path) == {2024: OLD, 2025: NEW}
    assert OLD in w.session.report.texts["overview"]
    w.workspace.undo_group.undo()
    w.session.flush()
    assert stored(store_path) == {2024: OLD, 2025: OLD}


def test_escape_keeps_the_old_name(qtbot, two_years, prompts, store_path):
    w, page = two_years
    prompts.rename_script = lambda dlg: qtbot.keyClick(dlg, Qt.Key.Key_Escape)
    type_name(qtbot, page, NEW)
    assert stored(store_path) == {2024: OLD, 2025: OLD}
    assert page.unit.text() == OLD and w.session.report.unit == OLD
    assert not w.session.undo_stack.count()


def test_a_name_another_report_has_is_refused_and_nothing_changes(qtbot, two_years, prompts,
                                                                  store_path, seed_report):
    w, page = two_years
    other = seed_report.copy()
    other.unit = NEW                    # the new name already has a 2024 report
    w.workspace.store.save(other)
    prompts.rename_script = lambda dlg: qtbot.keyClick(dlg, Qt.Key.Key_Return)
    type_name(qtbot, page, NEW)
    assert sorted(stored_units(store_path)) == sorted([OLD, OLD, NEW])
    assert page.unit.text() == OLD
    assert any("已经有“朔州市行政审批服务管理局”2024年的报告" in s[2] for s in prompts.warnings())
