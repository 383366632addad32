"""A refused entry is explained where the clerk looks and never altered (issue 23 item 3):
her text stays in the cell's open editor, the reason is shown next to the cell until she
corrects it or presses Esc, and nothing she typed turns into another number.  Real key
events, to whatever widget has the keyboard focus, as her keyboard would send them."""
import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from report_desktop.core import schema
from report_desktop.ui import theme

A = schema.application_cell


def grid(window, table):
    view = window.workspace.tabs.show_page(table).view
    window.activateWindow()
    QTest.qWaitForWindowActive(window)       # at once offscreen; a window manager takes a while
    view.setFocus()
    return view


def type_keys(qtbot, view, text):
    """Each character to the focused widget: the grid first, then the editor it opens."""
    for ch in text:
        target = QApplication.focusWidget()
        assert target is view or target is view.indexWidget(view.currentIndex()), target
        qtbot.keyClick(target, ch)


def press(qtbot, key, mods=Qt.KeyboardModifier.NoModifier):
    qtbot.keyClick(QApplication.focusWidget(), key, mods)


def editor_of(view):
    entry = view.open_entry()
    return entry[0] if entry else None


def bubble_beside(view, cid):
    """The reason label is shown, and lies against the cell (just under or over it)."""
    bubble = view.bubble
    assert bubble.is_shown(), "no reason is shown at the cell"
    window = view.window()
    rect = view.visualRect(view.model().index_of(cid))
    cell = rect.translated(view.viewport().mapTo(window, rect.topLeft()) - rect.topLeft())
    label = bubble.label.geometry()
    assert label.top() in range(cell.bottom() - 1, cell.bottom() + 6) or \
        label.bottom() in range(cell.top() - 6, cell.top() + 1), (label, cell)
    assert label.left() <= cell.right() and label.right() >= cell.left()
    assert window.rect().contains(label)
    return bubble.text()


def test_minus_three_typed_on_a_selected_cell_stays_minus_three_with_the_reason(qtbot, window):
    view = grid(window, "applications")
    cid = A("granted", "commercial")
    before = window.session.report.cells[cid]
    view.go_to(cid)
    type_keys(qtbot, view, "-3")
    assert editor_of(view).text() == "-3"                 # the "-" is not dropped
    assert "不能是负数" in bubble_beside(view, cid)
    press(qtbot, Qt.Key.Key_Return)
    assert editor_of(view) is not None and editor_of(view).text() == "-3"
    assert "“-3”不能是负数" in bubble_beside(view, cid)
    assert theme.ERROR_BG.name() in editor_of(view).styleSheet()     # marked as refused
    assert window.session.report.cells[cid] == before     # never 3, never blanked
    assert "不能是负数" in window.statusBar().currentMessage()


def test_minus_five_enter_in_an_open_editor_keeps_the_text_esc_restores(qtbot, window):
    view = grid(window, "applications")
    cid = A("new", "research")
    before = window.session.report.cells[cid]
    view.go_to(cid)
    press(qtbot, Qt.Key.Key_F2)
    editor = editor_of(view)
    editor.selectAll()
    type_keys(qtbot, view, "-5")
    press(qtbot, Qt.Key.Key_Return)
    assert editor_of(view) is editor and editor.text() == "-5"
    assert view.currentIndex() == view.model().index_of(cid)      # did not move down
    assert "不能是负数" in bubble_beside(view, cid)
    press(qtbot, Qt.Key.Key_Escape)                   # abandons: the old value, reason gone
    assert view.open_entry() is None and not view.bubble.is_shown()
    assert window.session.report.cells[cid] == before
    assert view.model().index_of(cid).data() == ("" if before is None else str(before))


def test_one_point_five_in_punishment_stays_and_is_corrected_in_place(qtbot, window):
    view = grid(window, "active")
    window.session.set_cells({"active.punishment": 4})
    view.go_to("active.punishment")
    type_keys(qtbot, view, "1.5")
    press(qtbot, Qt.Key.Key_Return)
    assert editor_of(view).text() == "1.5"
    assert "件数必须是整数" in bubble_beside(view, "active.punishment")
    assert window.session.report.cells["active.punishment"] == 4      # not emptied
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Backspace)                # "1": acceptable, the reason goes
    assert editor_of(view).text() == "1" and not view.bubble.is_shown()
    press(qtbot, Qt.Key.Key_Return)
    assert window.session.report.cells["active.punishment"] == 1
    assert view.open_entry() is None


@pytest.mark.parametrize("text, words", [
    ("1234567890", "数字过大"), ("12a", "只能填写数字"), ("1e3", "只能填写数字"), ("3/", "只能填写数字")])
def test_every_refused_entry_keeps_its_text_and_says_why_at_the_cell(qtbot, window, text, words):
    view = grid(window, "review_litigation")
    cid = "review_litigation.review.upheld"
    before = window.session.report.cells[cid]
    view.go_to(cid)
    type_keys(qtbot, view, text)
    press(qtbot, Qt.Key.Key_Tab)                      # Tab commits too: refused, stays
    assert editor_of(view).text() == text
    assert words in bubble_beside(view, cid)          # below 表四's only row, still whole
    assert window.session.report.cells[cid] == before


def test_full_width_digits_are_still_accepted(qtbot, window):
    view = grid(window, "applications")
    cid = A("granted", "research")
    view.go_to(cid)
    event = QInputMethodEvent("", [])
    event.setCommitString("１２")
    QApplication.sendEvent(view, event)
    press(qtbot, Qt.Key.Key_Return)
    assert window.session.report.cells[cid] == 12 and not view.bubble.is_shown()


def test_a_click_on_another_cell_brings_her_back_to_the_refused_entry(qtbot, window):
    view = grid(window, "applications")
    cid, other = A("granted", "commercial"), A("new", "natural_person")
    before = window.session.report.cells[cid]
    view.go_to(cid)
    type_keys(qtbot, view, "7x")
    rect = view.visualRect(view.model().index_of(other))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.currentIndex() == view.model().index_of(cid))
    assert editor_of(view).text() == "7x"
    assert "只能填写数字" in bubble_beside(view, cid)
    assert window.session.report.cells[cid] == before
    assert not view.go_to(other)                      # a finding's link waits as well
    assert view.currentIndex() == view.model().index_of(cid)


def test_pasted_junk_on_one_cell_is_kept_in_the_editor_with_the_reason(qtbot, window):
    view = grid(window, "active")
    before = window.session.report.cells["active.licensing"]
    view.go_to("active.licensing")
    mime = QMimeData()
    mime.setText("约12件\n")
    QApplication.clipboard().setMimeData(mime)
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert isinstance(editor_of(view), QLineEdit) and editor_of(view).text() == "约12件"
    assert "只能填写数字" in bubble_beside(view, "active.licensing")
    assert window.session.report.cells["active.licensing"] == before


def test_a_pasted_block_that_is_refused_is_explained_at_its_corner(qtbot, window, prompts):
    view = grid(window, "applications")
    view.go_to(A("new", "natural_person"))
    mime = QMimeData()
    mime.setText("1\t2\nx\t4\n")
    QApplication.clipboard().setMimeData(mime)
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "只能填写数字" in bubble_beside(view, A("new", "natural_person"))
    assert prompts.warnings()[-1][1] == "无法粘贴"
    assert window.session.undo_stack.count() == 0


def test_the_reason_leaves_with_the_tab_and_comes_back_with_it(qtbot, window, prompts):
    view = grid(window, "applications")
    cid = A("granted", "commercial")
    view.go_to(cid)
    type_keys(qtbot, view, "-1")
    prompts.fix_answers = [True]                      # 修改: back to the entry
    window.workspace.tabs.show_page("problems")
    assert prompts.shown[-1][0] == "fix_or_discard"
    assert window.workspace.tabs.current_key() == "applications"
    assert editor_of(view).text() == "-1" and "不能是负数" in bubble_beside(view, cid)


def test_the_reason_follows_its_cell_when_the_table_scrolls(qtbot, window):
    window.resize(1024, 768)
    view = grid(window, "applications")
    cid = A("new", "research")
    view.go_to(cid)
    type_keys(qtbot, view, "-2")
    first = bubble_beside(view, cid)
    bar = view.verticalScrollBar()
    bar.setValue(view.rowHeight(3) + 1)              # the cell goes under the frozen header
    assert not view.bubble.label.isVisible()
    bar.setValue(bar.maximum())
    assert not view.bubble.label.isVisible()
    bar.setValue(0)
    assert bubble_beside(view, cid) == first         # back beside it
