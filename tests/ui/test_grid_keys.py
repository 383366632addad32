"""Every keystroke treated alike: input-method commits on a selected cell, signs and
slashes, and blocks pasted from WPS/Excel in whatever encoding the clipboard holds."""
import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from report_desktop.core import schema

A = schema.application_cell


def view_of(window, table="applications"):
    return window.workspace.tabs.show_page(table).view


def commit(view, text):
    """What a Chinese input method sends when the clerk picks ``text``."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(view, event)


def editor_message(qtbot, window, view, cid, text):
    """The message the editor gives for ``text`` typed into it and entered."""
    view.go_to(cid)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(view.currentIndex())
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    return window.statusBar().currentMessage()


def test_ime_full_width_digits_on_a_selected_cell_open_the_editor(qtbot, window):
    view = view_of(window)
    cid = A("granted", "commercial")
    view.go_to(cid)
    commit(view, "１２")
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None and editor.text() == "１２"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.report.cells[cid] == 12


@pytest.mark.parametrize("text, words", [("十二", "阿拉伯数字"), ("—", "不能是负数"),
                                         ("／", "没有发生的请填0"), ("无", "没有发生的请填0")])
def test_ime_commits_that_are_not_numbers_say_exactly_what_the_editor_says(qtbot, window, text, words):
    view = view_of(window)
    cid = A("granted", "research")
    before = window.session.report.cells[cid]
    view.go_to(cid)
    commit(view, text)
    editor = view.indexWidget(view.currentIndex())
    assert editor.text() == text                          # kept, with the reason at the cell
    said = window.statusBar().currentMessage()
    assert words in said and "\n" not in said and view.bubble.text() in said
    assert said.endswith(view.bubble.text()) and not view.bubble.text().startswith("表三")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor_message(qtbot, window, view, cid, text) == said
    assert window.session.report.cells[cid] == before and window.session.undo_stack.count() == 0


@pytest.mark.parametrize("key, words", [("-", "不能是负数"), ("/", "没有发生的请填0")])
def test_minus_and_slash_keys_say_what_to_fix(qtbot, window, key, words):
    view = view_of(window, "active")
    view.go_to("active.licensing")
    qtbot.keyClick(view, key)
    said = window.statusBar().currentMessage()
    assert words in said and "留空" not in said
    qtbot.keyClick(view.indexWidget(view.currentIndex()), Qt.Key.Key_Escape)
    assert editor_message(qtbot, window, view, "active.licensing", key) == said


def test_ime_commit_while_editing_goes_into_the_editor(qtbot, window):
    view = view_of(window)
    view.go_to(A("new", "research"))
    qtbot.keyClick(view, "1")
    editor = view.indexWidget(view.currentIndex())
    commit(editor, "２")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.report.cells[A("new", "research")] == 12


@pytest.mark.parametrize("fmt, encoding", [("text/plain;charset=gbk", "gbk"),
                                           ("text/plain", "gb18030"),
                                           ("text/plain", "utf-16"),
                                           ("text/plain;charset=utf-8", "utf-8")])
def test_paste_from_wps_whatever_the_clipboard_encoding(qtbot, window, fmt, encoding):
    view = view_of(window)
    view.go_to(A("granted", "natural_person"))
    mime = QMimeData()
    mime.setData(fmt, "３\t1\r\n\t２\r\n".encode(encoding))
    QApplication.clipboard().setMimeData(mime)
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cells = window.session.report.cells
    assert (cells[A("granted", "natural_person")], cells[A("granted", "commercial")]) == (3, 1)
    assert cells[A("partly_granted", "natural_person")] is None          # a blank stays blank
    assert cells[A("partly_granted", "commercial")] == 2
    assert window.session.undo_stack.count() == 1
