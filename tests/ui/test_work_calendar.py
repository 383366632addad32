"""工作日日历: the clerk enters next year's notice in the window; the store keeps it and the
calendar counts with it; a mistake is named and nothing is saved."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt

from report_desktop.core import calendar
from report_desktop.services import calendar as store_calendar
from report_desktop.ui.dialogs.work_calendar import WorkCalendarDialog

NEXT = max(calendar.shipped().years) + 1
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, store):
    dlg = WorkCalendarDialog(calendar.shipped().years, store_calendar.entered(store),
                             lambda y: store_calendar.save_year(store, y),
                             lambda y: store_calendar.remove_year(store, y))
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_lists_every_shipped_year_with_its_notice(dialog):
    rows = [dialog.years.item(i).text() for i in range(dialog.years.count())]
    assert rows[-1].startswith("2021年　国办发明电〔2020〕27号（程序自带）")
    assert any(r.startswith("2025年　国办发明电〔2024〕12号") for r in rows)
    assert len(rows) == len(calendar.shipped().years)


def test_the_clerk_enters_next_year(qtbot, dialog, store):
    dialog.new_year.setValue(NEXT)
    add = [b for b in dialog.findChildren(type(dialog.save_button)) if b.text() == "录入新年份"][0]
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert dialog.current_year() == NEXT and dialog.number.text() == ""
    assert "尚未录入" in dialog.source.text()
    dialog.number.setText(f"国办发明电〔{NEXT - 1}〕9号")
    dialog.date.setText(f"{NEXT - 1}-11-05")
    dialog.holidays.setPlainText("元旦：1月1日\n春节：2月5日至11日")
    saturday = next(dt.date(NEXT, 1, d) for d in range(2, 9) if dt.date(NEXT, 1, d).weekday() == 5)
    dialog.workdays.setText(f"{saturday.month}月{saturday.day}日")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == ""
    cal = store_calendar.load(store)
    assert NEXT in cal.years and not cal.is_working_day(dt.date(NEXT, 2, 6))
    assert cal.is_working_day(saturday)
    assert dialog.years.currentItem().text() == f"{NEXT}年　国办发明电〔{NEXT - 1}〕9号（本机录入）"


def test_a_mistake_is_named_and_nothing_is_saved(qtbot, dialog, store):
    dialog.new_year.setValue(NEXT)
    dialog._add_year()
    dialog.number.setText("国办发明电〔2026〕9号")
    dialog.holidays.setPlainText("春节：2月5日至11日")
    dialog.workdays.setText(f"{NEXT}-01-05" if dt.date(NEXT, 1, 5).weekday() < 5 else f"{NEXT}-01-07")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "不是周末" in dialog.problem.text()
    assert not NEXT in store_calendar.load(store).years


def test_a_correction_of_a_shipped_year_can_be_undone(qtbot, dialog, store):
    rows = [dialog.years.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dialog.years.count())]
    dialog.years.setCurrentRow(rows.index(2025))
    assert "春节：1月28日至2月4日" in dialog.holidays.toPlainText()
    assert not dialog.remove_button.isEnabled()
    dialog.workdays.setText("1月26日")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not store_calendar.load(store).is_working_day(dt.date(2025, 2, 8))
    assert dialog.remove_button.isEnabled() and dialog.remove_button.text() == "恢复程序自带"
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert store_calendar.load(store).is_working_day(dt.date(2025, 2, 8))


def test_the_menu_command_opens_it(qtbot, window, prompts):
    window.workspace.actions["work_calendar"].trigger()
    assert [s for s in prompts.shown if s[0] == "work_calendar"]
