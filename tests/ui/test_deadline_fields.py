"""基本信息: the 上级's deadline in the clerk's words with the date it names shown under it,
and the publication date; both stored, undoable and checked (S15, S16)."""
import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication


def type_chinese(widget, text):
    """What an input method sends when the clerk commits a phrase."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def info(window):
    return window.workspace.tabs.show_page("info")


def test_the_deadline_phrase_shows_its_date_and_is_checked(qtbot, window):
    tab = info(window)
    s = window.session
    type_chinese(tab.local_deadline, "元月第三周星期五")
    assert tab.deadline_hint.text() == "即2025年1月17日（星期五）"
    qtbot.keyClick(tab.local_deadline, Qt.Key.Key_Return)
    assert s.report.local_deadline == "元月第三周星期五"
    assert [f for f in s.findings if f.rule == "S15"]                  # dated 22 January
    s.flush()
    assert window.store.get(s.report.unit, s.report.year).local_deadline == "元月第三周星期五"
    s.undo_stack.undo()
    assert s.report.local_deadline == "" and tab.local_deadline.text() == ""
    assert not [f for f in s.findings if f.rule == "S15"]


def test_an_unreadable_phrase_says_how_to_write_it(qtbot, window):
    tab = info(window)
    type_chinese(tab.local_deadline, "下周五")
    assert tab.deadline_hint.text().startswith("把报送期限写成")


def test_the_publication_date_is_stored_and_checked(qtbot, window):
    tab = info(window)
    s = window.session
    tab.published.setDate(QDate(2025, 2, 10))
    assert s.report.published_date == dt.date(2025, 2, 10)
    [f] = [f for f in s.findings if f.rule == "S16"]
    assert "法定公布期限2025年1月31日" in f.message
    s.flush()
    assert window.store.get(s.report.unit, s.report.year).published_date == dt.date(2025, 2, 10)
