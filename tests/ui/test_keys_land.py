"""Keys go where the numbers go (issue 23 item 4): Tab, Shift+Tab, Enter, Shift+Enter and
the arrows pass computed cells as Excel passes protected ones; typing on a total says so
at the cell; Ctrl+Tab / Ctrl+PgDn change tabs from anywhere; the window's shortcuts work
whatever field has the focus; 报告日期 takes dates typed the usual ways.  Real key events,
sent where the keyboard focus is."""
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from report_desktop.core import chinese, schema

A = schema.application_cell
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def grid(window, table="applications"):
    view = window.workspace.tabs.show_page(table).view
    window.activateWindow()
    QTest.qWaitForWindowActive(window)       # at once offscreen; a window manager takes a while
    view.setFocus()
    view.setFocus()
    return view


def focus_on(qtbot, window, widget):
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)


def press(qtbot, key, mods=NONE):
    qtbot.keyClick(QApplication.focusWidget(), key, mods)


def at(view):
    return view.model().slot(view.currentIndex()).cell_id


def test_digit_tab_along_a_row_of_table_three_wraps_past_the_total(qtbot, window):
    view = grid(window)
    view.go_to(A("granted", "natural_person"))
    for i, col in enumerate(("natural_person", "commercial", "research", "public_interest",
                             "legal_service", "other_org")):
        assert at(view) == A("granted", col)
        press(qtbot, str(i + 1))
        press(qtbot, Qt.Key.Key_Tab)
    assert at(view) == A("partly_granted", "natural_person")    # the 7th Tab: not 总计
    press(qtbot, "9")                                            # this digit is not refused
    press(qtbot, Qt.Key.Key_Return)
    cells = window.session.report.cells
    assert [cells[A("granted", c)] for c in ("natural_person", "commercial", "research",
                                             "public_interest", "legal_service", "other_org")] \
        == [1, 2, 3, 4, 5, 6]
    assert cells[A("granted", "total")] == 21 and cells[A("partly_granted", "natural_person")] == 9
    assert at(view) == A("withheld_1", "natural_person")
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Backtab, SHIFT)                      # Shift+Tab back over 总计
    assert at(view) == A("granted", "other_org")


def test_digit_enter_down_natural_person_skips_the_total_row(qtbot, window):
    view = grid(window)
    before = window.session.report.cells[A("total", "natural_person")]
    view.go_to(A("other_3", "natural_person"))
    press(qtbot, "2")
    press(qtbot, Qt.Key.Key_Return)
    assert at(view) == A("carry_forward", "natural_person")      # not （七）总计
    press(qtbot, "5")
    press(qtbot, Qt.Key.Key_Return)
    cells = window.session.report.cells
    assert cells[A("other_3", "natural_person")] == 2 and cells[A("carry_forward", "natural_person")] == 5
    assert cells[A("total", "natural_person")] is None or cells[A("total", "natural_person")] != before
    press(qtbot, Qt.Key.Key_Return, SHIFT)                        # Shift+Enter back up, past it
    assert at(view) == A("other_3", "natural_person")
    press(qtbot, Qt.Key.Key_Down)                                 # arrows too
    assert at(view) == A("carry_forward", "natural_person")
    press(qtbot, Qt.Key.Key_Up)
    assert at(view) == A("other_3", "natural_person")


def test_right_arrow_stops_before_totals_in_table_four(qtbot, window):
    view = grid(window, "review_litigation")
    view.go_to("review_litigation.review.pending")
    press(qtbot, Qt.Key.Key_Right)                               # over 行政复议·总计
    assert at(view) == "review_litigation.direct.upheld"
    press(qtbot, Qt.Key.Key_Left)
    assert at(view) == "review_litigation.review.pending"
    view.go_to("review_litigation.after_review.pending")
    press(qtbot, Qt.Key.Key_Right)                               # only a total ahead: stays
    assert at(view) == "review_litigation.after_review.pending"


def test_shift_arrows_still_widen_a_selection_over_the_totals(qtbot, window):
    view = grid(window)
    view.go_to(A("new", "other_org"))
    press(qtbot, Qt.Key.Key_Right, SHIFT)
    selected = {view.model().slot(i).cell_id for i in view.selectedIndexes()}
    assert selected == {A("new", "other_org"), A("new", "total")}
    press(qtbot, Qt.Key.Key_C, CTRL)
    assert QApplication.clipboard().text().split("\t")[1].strip() == \
        str(window.session.report.cells[A("new", "total")])


@pytest.mark.parametrize("cid, advice, away", [
    (A("new", "total"), "总计由程序计算，请填写左边各列", Qt.Key.Key_Left),
    (A("total", "commercial"), "（七）总计由程序计算，请填写上面各行", Qt.Key.Key_Up),
    ("review_litigation.review.total", "总计由程序计算，请填写左边各列", Qt.Key.Key_Left)])
def test_typing_on_a_total_says_so_at_the_cell_and_writes_nothing(qtbot, window, cid, advice, away):
    view = grid(window, schema.table_of(cid))
    before = window.session.report.cells[cid]
    view.selectionModel().setCurrentIndex(view.model().index_of(cid),
                                          view.selectionModel().SelectionFlag.ClearAndSelect)
    press(qtbot, "5")
    assert advice in view.bubble.text()
    label, rect = view.bubble.label.geometry(), view.visualRect(view.currentIndex())
    corner = view.viewport().mapTo(window, rect.bottomLeft())
    assert abs(label.top() - corner.y()) <= 4 or abs(label.bottom() - (corner.y() - rect.height())) <= 4
    assert advice in window.statusBar().currentMessage()
    assert view.open_entry() is None and window.session.report.cells[cid] == before
    assert window.session.undo_stack.count() == 0
    press(qtbot, away)                                           # moving on: the note goes
    assert not view.bubble.is_shown()


def _tab(window):
    return window.workspace.tabs.current_key()


@pytest.mark.parametrize("key, mods", [(Qt.Key.Key_Tab, CTRL), (Qt.Key.Key_PageDown, CTRL)])
def test_ctrl_tab_and_ctrl_pgdn_change_tabs_from_a_grid_its_editor_and_a_text(qtbot, window, key, mods):
    view = grid(window, "active")
    view.go_to("active.licensing")
    press(qtbot, key, mods)
    assert _tab(window) == "applications"
    assert QApplication.focusWidget() is window.workspace.tabs.page("applications").view
    press(qtbot, "3")                                            # an open editor: committed
    press(qtbot, key, mods)
    assert _tab(window) == "review_litigation"
    press(qtbot, key, mods)
    assert _tab(window) == "register"                            # 台账, after 表四
    press(qtbot, key, mods)
    assert _tab(window) == "problems"
    assert QApplication.focusWidget() is window.workspace.tabs.page("problems").editor
    press(qtbot, key, mods)
    press(qtbot, key, mods)
    press(qtbot, key, mods)                                      # round to 基本信息 and on
    assert _tab(window) == "overview"


@pytest.mark.parametrize("key, mods", [(Qt.Key.Key_Tab, CTRL | SHIFT), (Qt.Key.Key_Backtab, CTRL | SHIFT),
                                       (Qt.Key.Key_PageUp, CTRL)])
def test_ctrl_shift_tab_and_ctrl_pgup_go_back(qtbot, window, key, mods):
    grid(window, "applications")
    press(qtbot, key, mods)
    assert _tab(window) == "active"
    press(qtbot, key, mods)
    assert _tab(window) == "overview"


def test_ctrl_tab_on_the_welcome_page_changes_nothing_hidden(qtbot, empty_store, prompts):
    from conftest import open_window
    window = open_window(qtbot, empty_store, prompts)
    focus_on(qtbot, window, window)
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert window.workspace.tabs.currentIndex() == 0 and not window.workspace.tabs.isVisible()
    assert window.workspace.tabs.built.keys() == {"info"}       # no page built behind it
    window.close()


def test_a_refused_entry_holds_the_tab_until_she_decides(qtbot, window, prompts):
    view = grid(window, "active")
    view.go_to("active.licensing")
    press(qtbot, "-")
    prompts.fix_answers = [True]
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert _tab(window) == "active" and view.open_entry()[0].text() == "-"
    press(qtbot, Qt.Key.Key_Tab, CTRL)                           # 放弃 this time: moves on
    assert _tab(window) == "applications"


def test_ctrl_e_exports_while_the_report_date_has_focus(qtbot, window, prompts, tmp_path):
    """On Linux a line edit takes Ctrl+E as "end of line" (run this under xcb to see it)."""
    info = window.workspace.tabs.show_page("info")
    focus_on(qtbot, window, info.date)
    assert QApplication.focusWidget() in (info.date, info.date.lineEdit())
    target = tmp_path / "报告.docx"
    prompts.paths = [target]
    press(qtbot, Qt.Key.Key_E, CTRL)
    assert any(s[0] == "save_path" for s in prompts.shown)          # 导出 Word asked where
    qtbot.waitUntil(lambda: not window.workspace.files.jobs, timeout=60000)
    assert target.exists()


@pytest.mark.skipif(not shutil.which("xvfb-run"), reason="needs Xvfb (install-debian-packages.sh)")
def test_ctrl_e_from_fields_on_x11_where_a_line_edit_claims_ctrl_e(tmp_path):
    """The offscreen platform has no Ctrl+E binding of its own; X11's has (end of line),
    which is where the date box swallowed 导出 Word.  Run the test above there."""
    env = dict(os.environ, QT_QPA_PLATFORM="xcb")
    done = subprocess.run(
        ["xvfb-run", "-a", sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         f"{__file__}::test_ctrl_e_exports_while_the_report_date_has_focus"],
        cwd=Path(__file__).parents[2], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout[-3000:]


class _Offered(QObject):
    """Whether a field was offered a key before the window's shortcuts (ShortcutOverride)."""

    def __init__(self, field):
        super().__init__(field)
        self.field, self.seen = field, False
        field.installEventFilter(self)

    def eventFilter(self, _obj, event) -> bool:
        self.seen = self.seen or event.type() == QEvent.Type.ShortcutOverride
        return False

    def __call__(self, key, mods) -> bool:
        self.seen = False
        QApplication.sendEvent(self.field, QKeyEvent(QEvent.Type.ShortcutOverride, key, mods))
        return self.seen


def test_window_keys_follow_actions_switched_off_on_and_added(qtbot, window):
    """The window's keys are worked out once, not on every key press: an action switched
    off, on again or added later still decides who gets its key."""
    actions = window.workspace.actions
    offered = _Offered(window.workspace.tabs.show_page("info").unit)
    assert not offered(Qt.Key.Key_E, CTRL)           # 导出 Word: the window's
    assert offered(Qt.Key.Key_A, CTRL)               # select all: the field's
    actions["export_word"].setEnabled(False)
    assert offered(Qt.Key.Key_E, CTRL)               # switched off: the field keeps it
    actions["export_word"].setEnabled(True)
    assert not offered(Qt.Key.Key_E, CTRL)
    actions["export_word"].setShortcut(QKeySequence("Ctrl+Shift+E"))
    assert offered(Qt.Key.Key_E, CTRL) and not offered(Qt.Key.Key_E, CTRL | SHIFT)
    added = QAction("added", window)
    added.setShortcut(QKeySequence("Ctrl+J"))
    actions["added"] = added
    try:
        assert not offered(Qt.Key.Key_J, CTRL)
    finally:
        del actions["added"]
    assert offered(Qt.Key.Key_J, CTRL)


def test_ctrl_m_and_ctrl_tab_from_the_unit_field(qtbot, window):
    info = window.workspace.tabs.show_page("info")
    focus_on(qtbot, window, info.unit)
    press(qtbot, Qt.Key.Key_Tab, CTRL)
    assert _tab(window) == "overview"


@pytest.mark.parametrize("typed", ["2026-1-25", "2026/1/25", "2026.1.25", "2026年1月25日", "20260125"])
def test_report_date_takes_a_typed_date_on_enter(qtbot, window, typed):
    year = window.session.report.year
    info = window.workspace.tabs.show_page("info")
    focus_on(qtbot, window, info.date)
    info.date.lineEdit().selectAll()
    text = typed.replace("2026", str(year + 1))
    qtbot.keyClicks(QApplication.focusWidget(), text) if text.isascii() else \
        info.date.lineEdit().insert(text)
    assert info.date.lineEdit().text() == text               # nothing refused on the way
    press(qtbot, Qt.Key.Key_Return)
    assert window.session.report.report_date == dt.date(year + 1, 1, 25)
    assert info.date.lineEdit().text() == f"{year + 1}年1月25日"


def test_report_date_typed_then_focus_out_and_unreadable_said(qtbot, window, prompts):
    year = window.session.report.year
    info = window.workspace.tabs.show_page("info")
    focus_on(qtbot, window, info.date)
    info.date.lineEdit().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), f"{year + 1}-2-3")
    info.unit.setFocus()                                       # leaving applies it
    assert window.session.report.report_date == dt.date(year + 1, 2, 3)
    info.date.setFocus()
    info.date.lineEdit().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "25 Jan")
    press(qtbot, Qt.Key.Key_Return)
    assert prompts.warnings()[-1][2].startswith("请按“2026-1-25”或“2026年1月25日”的样子填写日期")
    assert window.session.report.report_date == dt.date(year + 1, 2, 3)     # unchanged
    assert info.date.lineEdit().text() == f"{year + 1}年2月3日"


@pytest.mark.parametrize("text", ["2026-1-25", "2026/1/25", "2026.1.25", "2026年1月25日", "20260125",
                                  "２０２６－１－２５", "二〇二六年一月二十五日", " 2026 - 01 - 25 "])
def test_chinese_date_reads_the_common_forms(text):
    assert chinese.date(text) == dt.date(2026, 1, 25)


@pytest.mark.parametrize("text, words", [("2026-2-30", "没有2026年2月30日"), ("明天", "无法识别"),
                                         ("2026-1/25", "无法识别"), ("202601", "无法识别")])
def test_chinese_date_says_what_is_wrong(text, words):
    with pytest.raises(ValueError, match=words):
        chinese.date(text)


def test_every_total_says_which_cells_to_fill():
    from report_desktop.core.table_slots import spec_for, total_advice
    seen = 0
    for table in ("active", "applications", "review_litigation"):
        spec = spec_for(table)
        for cid in spec.cell_ids():
            if cid not in schema.TOTAL_IDS:
                continue
            seen += 1
            advice = total_advice(spec, *spec.position(cid))
            if cid.startswith("applications.total."):
                assert advice == "（七）总计由程序计算，请填写上面各行。"
            else:
                assert advice == "总计由程序计算，请填写左边各列。"
    assert seen == len(schema.TOTAL_IDS)
