"""P5's 其它 is fixed from the right-click menu on its underline, as one undo step."""
import pytest

from tests.ui.test_text_marks import choose_from_menu, marked, open_tab, right_click

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")


def test_right_click_on_qita_offers_qita_fix(qtbot, window):
    tab, editor = open_tab(window, "other")
    s = window.session
    body = "对其它需要报告的事项，本年度无。"
    s.set_text("other", body, merge=False)
    qtbot.waitUntil(lambda: (1, 3) in [m[:2] for m in marked(editor)], timeout=5000)
    steps = s.undo_stack.count()
    seen = []
    choose_from_menu(qtbot, "修正：", seen)
    right_click(editor, 2)
    qtbot.waitUntil(lambda: s.report.texts["other"] != body, timeout=5000)
    assert "修正：其它 → 其他" in seen
    assert s.report.texts["other"] == "对其他需要报告的事项，本年度无。"
    assert s.undo_stack.count() == steps + 1 and "修正用语" in s.undo_stack.undoText()
    qtbot.waitUntil(lambda: (1, 3) not in [m[:2] for m in marked(editor)], timeout=5000)
    s.flush()
    assert window.store.get(s.report.unit, s.report.year).texts["other"] == s.report.texts["other"]


def test_the_fix_all_button_stays_about_punctuation(qtbot, window):
    tab, editor = open_tab(window, "other")
    window.session.set_text("other", "对其它需要报告的事项，本年度无。", merge=False)
    from report_desktop.core.rules.proofread.fixes import safe_edits
    assert safe_edits(window.session.report.texts["other"]) == []
