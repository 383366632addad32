"""定稿 in the window: 导出 Word marks it, the first edit after it asks for a reason (real
key events), the state shows in the status line, 核对已发布文件 says what differs."""
import docx
import pytest
from PySide6.QtCore import Qt

from report_desktop.core import schema
from report_desktop.core.docx import stamp as docx_stamp
from report_desktop.services import finals

A = schema.application_cell
ASKED = "本报告已定稿（第1版）。修改将产生新的版本，请说明修改原因："


def export_word(qtbot, window, path):
    done = []
    window.workspace.files.finished.connect(done.append)
    window.workspace.finals.export_word(path)
    qtbot.waitUntil(lambda: bool(done), timeout=30000)


def finalised(qtbot, window, prompts, path):
    prompts.final_answer = True
    export_word(qtbot, window, path)
    assert window.workspace.final_state.text() == "定稿第1版"


def type_into_problems(qtbot, window, text):
    editor = window.workspace.tabs.show_page("problems").editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)
    return editor


def test_export_word_marks_the_report_final_and_stamps_the_file(qtbot, window, prompts, store, tmp_path):
    target = tmp_path / "报告.docx"
    finalised(qtbot, window, prompts, target)
    asked = [s for s in prompts.shown if s[0] == "mark_final"]
    assert asked and asked[0][2] == "1" and "定稿第1版" in asked[0][3]
    stamp = docx_stamp.read(target)
    assert stamp is not None and stamp.version == 1
    history = finals.history(store, window.session.report_id)
    assert [f.version for f in history.finals] == [1] and history.latest.hash == stamp.hash
    assert "定稿第1版" in [s.name for s in store.list_snapshots(window.session.report_id)]
    assert "定稿第1版" in prompts.shown[-1][2]          # 导出完成 names it
    # Exporting the unchanged 定稿 again asks nothing and stamps the same version.
    prompts.shown.clear()
    export_word(qtbot, window, tmp_path / "再次.docx")
    assert not [s for s in prompts.shown if s[0] == "mark_final"]
    assert docx_stamp.read(tmp_path / "再次.docx") == stamp


def test_unticked_export_is_no_final(qtbot, window, prompts, store, tmp_path):
    prompts.final_answer = False
    export_word(qtbot, window, tmp_path / "送审稿.docx")
    assert docx_stamp.read(tmp_path / "送审稿.docx") is None
    assert finals.history(store, window.session.report_id).latest is None
    assert window.workspace.final_state.text() == ""


def test_first_typed_edit_after_final_asks_once_and_cancel_keeps_the_final(
        qtbot, window, prompts, store, tmp_path):
    finalised(qtbot, window, prompts, tmp_path / "报告.docx")
    before = window.session.report.texts["problems"]
    prompts.reasons = [None]                               # 不修改
    editor = type_into_problems(qtbot, window, "x")
    assert prompts.shown[-1][0] == "change_reason" and prompts.shown[-1][2] == ASKED
    assert window.session.report.texts["problems"] == before
    qtbot.waitUntil(lambda: editor.toPlainText() == before, timeout=2000)   # the key did not stay
    assert window.workspace.final_state.text() == "定稿第1版"
    # The cell typed into the grid is asked about too; this time she gives a reason.
    prompts.reasons = ["表三自然人申请数少统计一件"]
    view = window.workspace.tabs.show_page("applications").view
    cid = A("granted", "research")
    view.go_to(cid)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    cell_editor = view.indexWidget(view.currentIndex())
    cell_editor.setText("4")
    qtbot.keyClick(cell_editor, Qt.Key.Key_Return)
    assert window.session.report.cells[cid] == 4
    assert window.workspace.final_state.text() == "定稿第1版（已修改）"
    history = finals.history(store, window.session.report_id)
    assert [(c.after, c.reason) for c in history.changes] == [(1, "表三自然人申请数少统计一件")]
    # Asked once: the next edits go through without a question.
    asked = sum(s[0] == "change_reason" for s in prompts.shown)
    type_into_problems(qtbot, window, "y")
    assert window.session.report.texts["problems"].endswith("y")
    assert sum(s[0] == "change_reason" for s in prompts.shown) == asked


def test_undo_after_final_asks_too_and_refinalising_gives_version_two(
        qtbot, window, prompts, store, tmp_path):
    editor = type_into_problems(qtbot, window, "z")      # an edit before the 定稿
    window.session.flush()
    finalised(qtbot, window, prompts, tmp_path / "一.docx")
    prompts.reasons = [None]
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.report.texts["problems"].endswith("z")   # nothing undone
    prompts.reasons = ["删去多余的字"]
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not window.session.report.texts["problems"].endswith("z")
    qtbot.waitUntil(lambda: window.workspace.final_state.text() == "定稿第1版（已修改）", timeout=2000)
    window.session.flush()
    prompts.final_answer = True
    export_word(qtbot, window, tmp_path / "二.docx")
    assert window.workspace.final_state.text() == "定稿第2版"
    assert [f.version for f in finals.history(store, window.session.report_id).finals] == [1, 2]
    assert docx_stamp.read(tmp_path / "二.docx").version == 2


def test_verify_command_says_which_final_or_what_differs(qtbot, window, prompts, tmp_path):
    target = tmp_path / "报告.docx"
    finalised(qtbot, window, prompts, target)
    results = []
    window.workspace.finals.verified.connect(results.append)
    prompts.paths = [target]
    window.workspace.actions["verify"].trigger()
    qtbot.waitUntil(lambda: bool(results), timeout=30000)
    assert results[-1].outcome == finals.MATCH
    assert prompts.shown[-1][0] == "info" and "定稿第1版" in prompts.shown[-1][2]
    changed = tmp_path / "改过.docx"
    doc = docx.Document(target)
    cell = next(c for t in doc.tables for r in t.rows for c in r.cells if c.text.strip() == "13")
    cell.paragraphs[0].runs[0].text = "14"
    doc.save(changed)
    prompts.paths = [changed]
    window.workspace.actions["verify"].trigger()
    qtbot.waitUntil(lambda: len(results) == 2, timeout=30000)
    kind, _title, text, detail = prompts.shown[-1]
    assert results[-1].outcome == finals.DIFFERS and kind == "warn"
    assert "不一致" in text and "定稿为 13，文件为 14" in detail


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")   # real dialogs
def test_real_questions_accept_no_empty_reason_and_untick_by_default(qtbot):
    """The two questions as the clerk gets them (the window's own Prompts, real dialogs)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import (QApplication, QCheckBox, QDialogButtonBox, QInputDialog,
                                   QLineEdit, QMessageBox, QPushButton)
    from report_desktop.ui.prompts import Prompts
    seen = {}

    def answer_reason():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, QInputDialog)
        ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        seen["empty"] = ok.isEnabled()
        line = dlg.findChild(QLineEdit)
        qtbot.keyClicks(line, "  ")
        seen["spaces"] = ok.isEnabled()
        qtbot.keyClicks(line, "fix")
        seen["typed"] = ok.isEnabled()
        seen["label"] = dlg.labelText()
        qtbot.keyClick(line, Qt.Key.Key_Return)

    QTimer.singleShot(200, answer_reason)
    assert Prompts().change_reason("修改定稿", ASKED) == "fix"
    assert seen == {"empty": False, "spaces": False, "typed": True, "label": ASKED}

    def answer_mark():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        check = box.findChild(QCheckBox)
        seen["ticked"], seen["text"] = check.isChecked(), check.text()
        check.setChecked(True)
        next(b for b in box.findChildren(QPushButton) if b.text() == "导出").click()

    QTimer.singleShot(200, answer_mark)
    assert Prompts().mark_final(3, "说明") is True
    assert seen["ticked"] is False and seen["text"] == "标记为定稿（送签发布的版本）：定稿第3版"


def test_meta_restore_and_web_page_after_final(qtbot, window, prompts, store, tmp_path):
    import datetime as dt
    finalised(qtbot, window, prompts, tmp_path / "报告.docx")
    s = window.session
    # The page of the unchanged 定稿 carries its stamp, unasked.
    done = []
    window.workspace.files.finished.connect(done.append)
    window.workspace.web.export_page(tmp_path / "报告.html")
    qtbot.waitUntil(lambda: bool(done), timeout=30000)
    assert finals.read_stamp(tmp_path / "报告.html").version == 1
    # The level is not printed: changing it asks nothing.
    asked = lambda: sum(x[0] == "change_reason" for x in prompts.shown)   # noqa: E731
    assert s.set_meta("level", "government") and asked() == 0
    # The date is: 不修改 keeps it, in the report and in the field.
    before = s.report.report_date
    prompts.reasons = [None]
    assert not s.set_meta("report_date", dt.date(2025, 1, 20))
    assert asked() == 1 and s.report.report_date == before
    assert window.workspace.info.date.date().toPython() == before
    # 恢复版本 changes the content too: asked, and refused without a reason.
    prompts.reasons = [None]
    prompts.snapshot_choice = lambda snaps: snaps[0].id
    assert not window.workspace.reports.restore_snapshot()
    assert asked() == 2


def test_importing_over_a_final_asks_why_and_cancel_keeps_the_final(qtbot, window, prompts, store,
                                                                    tmp_path):
    """An import that would replace a 定稿 asks for the reason instead of 替换报告吗; 取消
    leaves the 定稿 as it was, a reason is recorded as for an edit (services.reports.put)."""
    from report_desktop.core import jsonio
    from tests.ui.conftest import wait_import
    finalised(qtbot, window, prompts, tmp_path / "报告.docx")
    rid = window.session.report_id
    newer = window.session.report.copy()
    newer.texts["other"] = "本年度无其他需要报告的事项。"
    source = tmp_path / "修改稿.json"
    jsonio.write(newer, source)
    prompts.reasons = [None]                                   # 取消
    window.workspace.files.import_file(source)
    wait_import(qtbot, window)
    asked = [s for s in prompts.shown if s[0] == "change_reason"]
    assert asked and asked[-1][1] == "替换定稿" and "定稿第1版" in asked[-1][2]
    assert not [s for s in prompts.shown if s[0] == "confirm" and s[1] == "替换报告"]
    assert store.load(rid).texts["other"] != newer.texts["other"]
    assert window.workspace.final_state.text() == "定稿第1版"
    prompts.reasons = ["上级退回，第六部分改正"]
    window.workspace.files.import_file(source)
    wait_import(qtbot, window)
    assert store.load(rid).texts["other"] == newer.texts["other"]
    history = finals.history(store, rid)
    assert [(c.after, c.reason) for c in history.changes] == [(1, "上级退回，第六部分改正")]
    assert window.workspace.final_state.text() == "定稿第1版（已修改）"
