"""Findings underlined in the text editors; P1/P2 fixed from the right-click menu or all at once."""
import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QInputMethodEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QApplication, QPushButton, QToolTip

from report_desktop.ui import theme

# Tooltips and popup menus ask the offscreen platform for what it cannot do; harmless here.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def char_point(editor, index: int) -> QPoint:
    """The middle of character ``index`` in the editor's viewport."""
    c = QTextCursor(editor.document())
    c.setPosition(index)
    left = editor.cursorRect(c)
    c.setPosition(index + 1)
    right = editor.cursorRect(c)
    return QPoint((left.x() + right.x()) // 2, left.center().y())


def right_click(editor, index: int) -> None:
    """The context-menu event a right click sends (QTest's press does not synthesize it)."""
    pos = char_point(editor, index)
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, editor.viewport().mapToGlobal(pos))
    QApplication.sendEvent(editor.viewport(), event)


def marked(editor):
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd(), QTextCharFormat(s.format))
            for s in editor.extraSelections()]


def open_tab(window, key="overview"):
    tab = window.workspace.tabs.show_page(key)
    return tab, tab.editor


def choose_from_menu(qtbot, label_start: str, seen: list):
    """Click (with the mouse) the popup menu entry starting with ``label_start``."""
    def pick():
        menu = QApplication.activePopupWidget()
        if menu is None:
            QTimer.singleShot(50, pick)
            return
        labels = [a.text() for a in menu.actions()]
        seen.extend(labels)
        action = next((a for a in menu.actions() if a.text().startswith(label_start)), None)
        if action is None:
            menu.close()
            return
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    QTimer.singleShot(50, pick)


def test_every_ranged_finding_is_underlined_in_its_section(qtbot, window):
    tab, editor = open_tab(window)
    findings = [f for f in window.session.findings if f.text_key == "overview" and f.range]
    marks = marked(editor)
    assert len(marks) == len(findings) == 54
    assert (5, 6) == marks[0][:2] and editor.toPlainText()[5] == ","
    fmt = marks[0][2]
    assert fmt.underlineStyle() == QTextCharFormat.UnderlineStyle.SpellCheckUnderline
    assert fmt.underlineColor() == theme.WARNING_UNDERLINE
    # The banner counts them instead of listing 54 lines under the editor.
    assert tab.banner.text().count("\n") == 0 and "54 处" in tab.banner.text()


def test_error_with_a_range_is_red(qtbot, window):
    from report_desktop.core.rules.findings import error
    tab, editor = open_tab(window)
    window.session.findings = [error("H8", "测试错误", ["text.overview"], (0, 4))]
    editor.marks.refresh()
    [(a, b, fmt)] = marked(editor)
    assert (a, b) == (0, 4) and fmt.underlineColor() == theme.ERROR_UNDERLINE


def test_hovering_an_underlined_mark_shows_its_message(qtbot, window):
    tab, editor = open_tab(window)
    qtbot.mouseMove(editor.viewport(), char_point(editor, 5))
    qtbot.waitUntil(lambda: QToolTip.isVisible() and "半角逗号" in QToolTip.text(), timeout=5000)
    assert "【提醒】半角逗号“,”改为全角“，”" in QToolTip.text()
    qtbot.mouseMove(editor.viewport(), char_point(editor, 20))     # plain text: no tooltip
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=5000)


def test_right_click_fixes_one_mark_as_one_undo_step(qtbot, window):
    tab, editor = open_tab(window)
    s = window.session
    before = editor.toPlainText()
    steps = s.undo_stack.count()
    seen = []
    choose_from_menu(qtbot, "修正：", seen)
    right_click(editor, 5)
    qtbot.waitUntil(lambda: s.report.texts["overview"] != before, timeout=5000)
    assert "修正：半角逗号 , → ，" in seen and "全部修正本部分标点…" in seen
    assert s.report.texts["overview"].startswith("2024年，朔州市")
    assert s.report.texts["overview"][6:] == before[6:]
    assert s.undo_stack.count() == steps + 1 and "修正标点" in s.undo_stack.undoText()
    assert (5, 6) not in [m[:2] for m in marked(editor)]          # that mark is gone
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert s.report.texts["overview"] == before


def test_right_click_undo_is_the_reports_undo(qtbot, window):
    """The menu's 撤销 is the window's (the editor's own undo is off): after typing it is
    enabled, names the edit, and a click with the mouse takes the typing back."""
    tab, editor = open_tab(window)
    s = window.session
    before = editor.toPlainText()
    editor.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString("本年度")
    QApplication.sendEvent(editor, event)
    s.flush()
    assert s.report.texts["overview"] != before
    menu = tab.editor.marks.context_menu(char_point(editor, 20))
    undo = next(a for a in menu.actions() if a.text().startswith("撤销"))
    redo = next(a for a in menu.actions() if a.text().startswith("重做"))
    assert undo is window.workspace.actions["undo"] and undo.isEnabled()
    assert redo is window.workspace.actions["redo"] and not redo.isEnabled()
    assert not [a for a in menu.actions() if a.objectName() in ("edit-undo", "edit-redo")]
    menu.deleteLater()
    seen = []
    choose_from_menu(qtbot, "撤销", seen)
    right_click(editor, 20)
    qtbot.waitUntil(lambda: s.report.texts["overview"] == before, timeout=5000)
    assert editor.toPlainText() == before and window.workspace.actions["redo"].isEnabled()


def test_right_click_on_plain_text_offers_no_single_fix(qtbot, window):
    tab, editor = open_tab(window)
    seen = []
    choose_from_menu(qtbot, "no such entry", seen)
    right_click(editor, 20)
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert not [a for a in seen if a.startswith("修正：")] and "全部修正本部分标点…" in seen


def test_fix_all_shows_the_changes_then_applies_them_as_one_step(qtbot, window, prompts):
    tab, editor = open_tab(window)
    s = window.session
    before = s.report.texts["overview"]
    button = next(b for b in tab.findChildren(QPushButton)
                  if b.text() == "全部修正标点")
    assert button.isEnabled()
    prompts.confirm_answer = False                     # first: look, then cancel
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    kind, section, count, changes = prompts.shown[-1]
    assert (kind, section, count) == ("review_fixes", "一、总体情况", "54")
    assert changes.startswith("第6字　半角逗号 , → ，") and "删除空格" in changes
    assert s.report.texts["overview"] == before
    prompts.confirm_answer = True
    steps = s.undo_stack.count()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    after = s.report.texts["overview"]
    assert "," not in after and "(" not in after and "。 严格" not in after
    assert s.undo_stack.count() == steps + 1
    s.revalidate()
    assert not [f for f in s.findings if f.text_key == "overview" and f.rule in ("P1", "P2")]
    assert not button.isEnabled() and marked(editor) == []
    window.workspace.actions["undo"].trigger()
    assert s.report.texts["overview"] == before


def test_typing_shifts_the_marks_until_the_next_check(qtbot, window):
    tab, editor = open_tab(window)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    editor.setTextCursor(cursor)
    editor.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString("去年")
    QApplication.sendEvent(editor, event)
    assert editor.toPlainText().startswith("去年2024年,")
    assert marked(editor)[0][:2] == (7, 8)                # moved with the text
    window.session.revalidate()
    assert marked(editor)[0][:2] == (7, 8)                # and confirmed by the check


def test_preamble_on_the_info_tab_is_marked_and_fixable(qtbot, window, prompts):
    info = window.workspace.tabs.show_page("info")
    editor = info.preamble
    marks = marked(editor)
    assert len(marks) == 6 and editor.toPlainText()[marks[0][0]] == "("
    seen = []
    choose_from_menu(qtbot, "全部修正本部分标点", seen)
    right_click(editor, 3)
    qtbot.waitUntil(lambda: "(" not in window.session.report.texts["preamble"], timeout=5000)
    assert prompts.shown[-1][:3] == ("review_fixes", "引言（报告依据、结构、统计期限）", "6")


def test_preamble_fix_all_button(qtbot, window, prompts):
    info = window.workspace.tabs.show_page("info")
    assert info.fix_preamble.isEnabled()
    qtbot.mouseClick(info.fix_preamble, Qt.MouseButton.LeftButton)
    assert prompts.shown[-1][:3] == ("review_fixes", "引言（报告依据、结构、统计期限）", "6")
    assert "(" not in window.session.report.texts["preamble"]
    assert not info.fix_preamble.isEnabled()


def test_marks_after_a_character_beyond_the_bmp(qtbot, window):
    tab, editor = open_tab(window)
    window.session.set_text("overview", "𠀀年,我镇认真落实。")     # U+20000 is two Qt positions
    window.session.revalidate()
    assert [m[:2] for m in marked(editor)] == [(3, 4)]
    seen = []
    choose_from_menu(qtbot, "修正：", seen)
    right_click(editor, 3)
    assert window.session.report.texts["overview"] == "𠀀年，我镇认真落实。"


def test_a_finding_can_be_selected_in_its_editor(qtbot, window):
    tab, editor = open_tab(window)
    p2 = next(f for f in window.session.findings if f.rule == "P2")
    assert editor.marks.select(p2)
    assert editor.textCursor().selectedText() == " "
    assert (editor.textCursor().selectionStart(), editor.textCursor().selectionEnd()) == p2.range


def test_clicking_a_proofreading_finding_selects_its_span(qtbot, window):
    """A P1 message quotes no phrase: the click still selects exactly the marked span."""
    window.workspace.tabs.setCurrentIndex(0)
    finding = next(f for f in window.session.findings if f.rule == "P1" and f.text_key == "overview")
    tree = window.workspace.findings.tree
    item = next(i for i, f in window.workspace.findings.items() if f is finding)
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    editor = window.workspace.text_tabs["overview"].editor
    cursor = editor.textCursor()
    assert window.workspace.tabs.current_key() == "overview"
    assert (cursor.selectionStart(), cursor.selectionEnd()) == finding.range
