"""汇总 is for those who make a summary: on the tool bar of 本级政府's report only (always
in the 文件 menu); the target never starts as the open township's report; Enter never
generates; at 1024×768 the results list shows at least six rows."""
import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QToolBar

from report_desktop.core import schema

from test_summary_view import open_summary, settle, unit

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def summary_tool(window):
    bar = window.findChild(QToolBar, "MainToolBar")
    action = window.workspace.level_tools.tool("summary")
    assert action in bar.actions()
    button = bar.widgetForAction(action)
    return action, button


def pick_level(qtbot, window, key: str) -> None:
    """基本信息 → 单位层级, chosen with the keyboard."""
    info = window.workspace.info
    window.workspace.tabs.setCurrentWidget(info)
    combo = info.level
    combo.setFocus()
    target = combo.findData(key)
    step = Qt.Key.Key_Down if target > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, step)
    assert window.session.report.level == key


def test_toolbar_offers_summary_only_to_the_government(qtbot, window, store, seed_report):
    action, button = summary_tool(window)
    menu = window.workspace.actions["summary"]
    assert window.session.report.level is None
    assert not action.isVisible() and not button.isVisible()
    assert menu in window.menus["file"].actions() and menu.isVisible() and menu.isEnabled()
    pick_level(qtbot, window, "government")
    assert action.isVisible()
    qtbot.waitUntil(button.isVisible, timeout=2000)        # the tool bar lays out next turn
    assert button.text() == "汇总"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)          # the button opens the dialog
    dlg = window.workspace.summary.dialog
    assert dlg is not None and dlg.isVisible()
    settle(qtbot, dlg)
    dlg.close()
    pick_level(qtbot, window, "township")
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=2000)
    window.workspace.actions["undo"].trigger()                  # back to 本级政府
    assert window.session.report.level == "government"
    qtbot.waitUntil(button.isVisible, timeout=2000)
    town = unit(seed_report, "某某镇人民政府")
    window.open_report(store.save(town))
    qtbot.waitUntil(lambda: not button.isVisible(), timeout=2000)
    assert menu.isEnabled()


def test_target_starts_empty_for_a_township_and_offers_the_government(qtbot, window, store,
                                                                     seed_report):
    county = seed_report.copy()
    county.unit, county.level = "某某县人民政府", "government"
    store.save(county)
    town = unit(seed_report, "某某镇人民政府")
    window.open_report(store.save(town))
    dlg = open_summary(qtbot, window, county=False)
    assert dlg.unit_name() == ""                      # never the open township's report
    offered = [dlg.unit.itemText(i) for i in range(dlg.unit.count())]
    assert offered == ["某某县人民政府"]
    assert dlg.year.value() == town.year
    assert not any(b.isDefault() or b.autoDefault() for b in
                   (dlg.footer.generate_button, dlg.footer.export_button, dlg.footer.close_button))
    dlg.close()


def test_enter_never_generates(qtbot, window, store, seed_report, prompts):
    store.save(unit(seed_report, "甲镇", 14))
    county_id = window.session.report_id
    dlg = open_summary(qtbot, window)                 # the county's own report is the target
    assert dlg.unit_name() == seed_report.unit and dlg.outcome is not None
    before = store.load(county_id).cells
    for target in (dlg.unit.lineEdit(), dlg, dlg.footer.generate_button):
        target.setFocus()
        qtbot.keyClick(target, Qt.Key.Key_Return)
        qtbot.keyClick(target, Qt.Key.Key_Enter)
        settle(qtbot, dlg)
    assert dlg.isVisible()
    assert store.load(county_id).cells == before and store.list_snapshots(county_id) == []
    assert not [s for s in prompts.shown if s[0] == "confirm"]
    qtbot.mouseClick(dlg.footer.generate_button, Qt.MouseButton.LeftButton)   # a click does
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=30000)
    assert store.load(county_id).cells != before


def test_a_township_typed_as_target_is_replaced_only_when_confirmed(qtbot, window, store,
                                                                    seed_report, prompts):
    store.save(unit(seed_report, "甲镇", 14))
    town_id = store.save(unit(seed_report, "乙镇人民政府", 3))
    before = store.load(town_id).cells
    dlg = open_summary(qtbot, window)
    dlg.unit.setCurrentText("乙镇人民政府")
    settle(qtbot, dlg)
    prompts.confirm_answer = False
    dlg.generate()
    settle(qtbot, dlg)
    title, text = [s for s in prompts.shown if s[0] == "confirm"][-1][1:3]
    assert title == "这不是本级政府的报告" and schema.LEVELS["township"] in text
    assert store.load(town_id).cells == before and dlg.isVisible()
    dlg.close()


@pytest.mark.parametrize("size", [QSize(1000, 680), QSize(1180, 680)])
def test_six_result_rows_show_at_1024_and_1366(qtbot, window, store, seed_report, size):
    """The dialog inside a 1024×768 screen (task bar and frame taken off) and at its own size."""
    for i in range(12):
        store.save(unit(seed_report, f"第{i}镇", 10 + i))
    dlg = open_summary(qtbot, window)
    dlg.resize(size)
    dlg.split.setSizes([size.width() * 4 // 9, size.width() * 5 // 9])
    settle(qtbot, dlg)
    qtbot.wait(10)
    tree = dlg.results.units
    assert tree.topLevelItemCount() >= 12
    row = tree.visualItemRect(tree.topLevelItem(0)).height()
    assert tree.viewport().height() >= 6 * row
    for lst in (dlg.reports.stored, dlg.reports.files, dlg.roster.edit):
        assert lst.height() >= 3 * row
    footer = dlg.footer
    for b in (footer.recheck_button, footer.export_button, footer.generate_button, footer.close_button):
        assert b.isVisible() and b.geometry().bottom() <= footer.height()
        assert dlg.rect().contains(b.mapTo(dlg, b.rect().bottomRight()))
    dlg.close()


def test_fit_screen_keeps_the_dialog_on_the_screen(qtbot, window):
    dlg = open_summary(qtbot, window)
    room = dlg.screen().availableGeometry().size()
    assert dlg.width() <= room.width() and dlg.height() <= room.height()
    dlg.close()
