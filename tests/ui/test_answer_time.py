"""答复期限 in the window (issue 21 item 2): the 检查 menu lists the late and extended
applications of the report's register; the 五 tab drafts the sentence that answers S17."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from report_desktop.core.register import Application, Register
from report_desktop.core.register.answer_time import answer_times
from report_desktop.ui.dialogs.answer_time import COLUMNS, AnswerTimeDialog
from report_desktop.ui.prompts import Prompts

from conftest import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
D = dt.date


def _register(year: int) -> Register:
    return Register((
        Application(f"{year}-001", D(year, 3, 4), "natural_person", answered=D(year, 3, 20),
                    outcome="granted"),
        Application(f"{year}-002", D(year, 5, 6), "natural_person", answered=D(year, 6, 20),
                    outcome="granted"),
        Application(f"{year}-003", D(year, 7, 1), "natural_person", answered=D(year, 8, 29),
                    outcome="granted"),
        Application(f"{year}-004", D(year, 9, 2), "natural_person", extended=D(year, 9, 20),
                    answered=D(year, 10, 28), outcome="granted"),
    ))


@pytest.fixture
def late_window(qtbot, store, prompts, seed_report):
    rid = store.list_reports()[0].id
    rep = store.load(rid)
    rep.register = _register(rep.year)
    store.save(rep)
    w = open_window(qtbot, store, prompts)
    yield w
    w.close()


def _cell_texts(dlg: AnswerTimeDialog) -> list[list[str]]:
    t = dlg.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_the_dialog_lists_late_answers_the_latest_first_then_extensions(qtbot, seed_report):
    year = seed_report.year
    times = answer_times(_register(year), year)
    dlg = AnswerTimeDialog(times)
    qtbot.addWidget(dlg)
    dlg.show()
    headers = [dlg.table.horizontalHeaderItem(c).text() for c in range(dlg.table.columnCount())]
    assert tuple(headers) == COLUMNS
    rows = _cell_texts(dlg)
    assert [r[0] for r in rows] == [f"{year}-003", f"{year}-002", f"{year}-004"]
    assert int(rows[0][4]) > int(rows[1][4]) > 0 and rows[2][4] == "按时" and rows[2][5] == "是"
    assert "超过法定期限答复 2 件" in dlg.intro.text() and "延期答复 1 件" in dlg.intro.text()


def test_the_menu_opens_it_and_close_is_clicked(qtbot, late_window, prompts):
    """The real dialog, modal over the window, closed with a real click on 关闭."""
    seen = {}

    def real(times):
        def answer():
            dlg = QApplication.activeModalWidget()
            seen["rows"] = _cell_texts(dlg)
            seen["title"] = dlg.windowTitle()
            close = [b for b in dlg.findChildren(QPushButton) if b.text() == "关闭"][0]
            qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
        QTimer.singleShot(200, answer)
        Prompts.answer_times(Prompts(late_window), times)

    prompts.answer_times = real
    late_window.workspace.actions["answer_times"].trigger()
    assert seen["title"] == "答复期限" and len(seen["rows"]) == 3


def test_without_a_register_the_menu_says_what_to_do(qtbot, window, prompts):
    window.workspace.actions["answer_times"].trigger()
    assert [s for s in prompts.shown if s[0] == "info" and "先导入依申请公开台账" in s[2]]


def test_the_five_tab_drafts_the_sentence_and_s17_goes_quiet(qtbot, late_window):
    w = late_window
    s = w.session
    assert [f for f in s.findings if f.rule == "S17"]
    w.workspace.tabs.show_page("problems")
    tab = w.workspace.text_tabs["problems"]
    assert tab.late_button.isEnabled()
    qtbot.mouseClick(tab.late_button, Qt.MouseButton.LeftButton)
    assert f"{s.report.year}年度有2件政府信息公开申请超过法定期限答复" in s.report.texts["problems"]
    s.revalidate()
    assert not [f for f in s.findings if f.rule == "S17"]
    w.workspace.actions["undo"].trigger()
    s.revalidate()
    assert [f for f in s.findings if f.rule == "S17"]


def test_an_application_the_calendar_cannot_count_is_listed_as_such(qtbot):
    from report_desktop.core import calendar
    from report_desktop.core.calendar import Calendar
    without = Calendar({y: c for y, c in calendar.shipped().years.items() if y != 2025})
    times = answer_times(Register((Application("X", D(2025, 3, 3), answered=D(2025, 3, 20)),)), 2025,
                         without, D(2026, 3, 1))
    dlg = AnswerTimeDialog(times)
    qtbot.addWidget(dlg)
    [row] = _cell_texts(dlg)
    assert row[0] == "X" and row[2] == "无法计算：2025年日历未录入" and row[4] == ""
    assert "2025年的节假日安排尚未录入" in dlg.intro.text()
