"""The window as a whole: findings navigation, texts, undo across tabs, restart,
从上一年创建, first start, versions, export, size."""
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from report_desktop.core import jsonio, schema
from report_desktop.core.rules import validate
from report_desktop.core.store import Store
from report_desktop.core import drafts
from report_desktop.core.rollover import DRAFT_MARKER, default_year

from conftest import open_window, wait_import

A = schema.application_cell


def click_finding(qtbot, window, rule):
    tree = window.workspace.findings.tree
    for item, finding in window.workspace.findings.items():
        if finding is not None and finding.rule == rule:
            tree.scrollToItem(item)
            rect = tree.visualItemRect(item)
            qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            return finding
    raise AssertionError(f"no {rule} finding in the panel")


def test_click_finding_makes_the_cell_current_in_its_tab(qtbot, window):
    window.workspace.tabs.setCurrentIndex(0)
    window.session.set_cells({A("carried_over", "commercial"): 4})
    assert window.workspace.findings.tree.topLevelItemCount() >= 1
    finding = click_finding(qtbot, window, "H3")
    page = window.workspace.pages["applications"]
    assert window.workspace.tabs.current_page() is page
    assert page.view.currentIndex() == page.model.index_of(finding.cells[0])
    assert window.focusWidget() is page.view      # the window's focus, active or not


def test_click_text_finding_focuses_the_editor_and_selects_the_phrase(qtbot, window):
    tab = window.workspace.text_tabs["overview"]
    body = window.session.report.texts["overview"].replace("共受理政府信息公开申请15件",
                                                           "共受理政府信息公开申请16件")
    window.session.set_text("overview", body)
    window.session.flush()
    window.workspace.tabs.setCurrentIndex(0)
    click_finding(qtbot, window, "S3")
    assert window.workspace.tabs.current_page() is tab
    assert "16件" in tab.editor.textCursor().selectedText()


def test_undo_redo_across_cells_and_texts(qtbot, window):
    s = window.session
    cid = A("granted", "research")
    s.set_cells({cid: 3})
    editor = window.workspace.text_tabs["problems"].editor
    window.workspace.tabs.show_page("problems")
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    editor.insertPlainText("新增一句。")
    assert s.report.texts["problems"].endswith("新增一句。")
    window.workspace.pages["applications"].view.setFocus()
    window.workspace.actions["undo"].trigger()                 # the text edit
    assert not s.report.texts["problems"].endswith("新增一句。")
    assert not editor.toPlainText().endswith("新增一句。")
    window.workspace.actions["undo"].trigger()                 # the cell edit, from another tab
    assert s.report.cells[cid] == 0
    assert window.workspace.tabs.current_page() is window.workspace.pages["applications"]
    window.workspace.actions["redo"].trigger()
    window.workspace.actions["redo"].trigger()
    assert s.report.cells[cid] == 3 and editor.toPlainText().endswith("新增一句。")
    # Ctrl+Z typed inside the editor goes to the same stack.
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not s.report.texts["problems"].endswith("新增一句。")


def test_edits_reach_the_store_within_a_second(qtbot, window, store_path):
    s = window.session
    s.set_cells({A("granted", "legal_service"): 5})
    window.workspace.text_tabs["other"].editor.insertPlainText("补充一句。")
    assert s.save_state == "pending"

    def stored():
        con = sqlite3.connect(store_path)
        try:
            body = con.execute("SELECT body FROM texts WHERE key='other'").fetchone()[0]
            cell = con.execute("SELECT value FROM cells WHERE cell=?",
                               (A("granted", "legal_service"),)).fetchone()[0]
        finally:
            con.close()
        return body, cell

    assert stored()[1] == 5                         # cells: at once
    qtbot.waitUntil(lambda: "补充一句。" in stored()[0], timeout=1000)
    assert "已自动保存" in window.workspace.saved.text()


def test_restart_on_the_same_store_keeps_everything(qtbot, store, store_path, prompts):
    w = open_window(qtbot, store, prompts)
    w.session.set_cells({A("granted", "public_interest"): 7, "active.fees_10k_yuan":
                         __import__("decimal").Decimal("3.50")})
    unit = w.workspace.info.unit
    unit.setFocus()
    unit.setText("朔州市人民政府办公厅")           # then Enter: the edit is committed
    qtbot.keyClick(unit, Qt.Key.Key_Return)
    assert w.session.report.unit == "朔州市人民政府办公厅"
    w.workspace.text_tabs["overview"].editor.insertPlainText("【测试】")
    w.workspace.info.preamble.insertPlainText("引言补充。")
    w.session.set_meta("level", "government")
    before = w.session.report
    w.close()                                       # flushes the debounced texts
    store.close()
    again = Store(store_path)
    try:
        w2 = open_window(qtbot, again, prompts)
        after = w2.session.report
        assert after.cells == before.cells
        assert after.texts == before.texts
        assert after.level == "government" and after.unit == "朔州市人民政府办公厅"
        assert w2.workspace.text_tabs["overview"].editor.toPlainText() == before.texts["overview"]
        assert w2.workspace.pages["applications"].model.text(A("granted", "public_interest")) == "7"
        w2.close()
    finally:
        again.close()


def test_create_from_previous_year_carries_numbers_and_texts(qtbot, window, store):
    prev = window.session.report
    new_id = window.workspace.reports.create_from_previous()
    assert new_id is not None
    rep = window.session.report
    assert (rep.unit, rep.year) == (prev.unit, prev.year + 1)
    for col in schema.APPLICATION_COLUMNS:
        assert rep.cells[A("carried_over", col.key)] == prev.cells[A("carry_forward", col.key)]
    assert rep.cells["active.normative_docs.in_force"] == prev.cells["active.normative_docs.in_force"]
    assert rep.texts["overview"].startswith(DRAFT_MARKER)
    assert "2025年1月1日" in rep.texts["preamble"]
    assert not {"H6", "S1"} & {f.rule for f in window.session.findings}
    assert window.session.previous is not None and window.session.previous.year == prev.year
    assert "上年内容" in window.workspace.text_tabs["overview"].banner.text()
    assert window.workspace.picker.year.currentText() == f"{prev.year + 1}年"
    # The picker switches back to last year's report.
    idx = window.workspace.picker.year.findData(store.find(prev.unit, prev.year))
    window.workspace.picker.year.setCurrentIndex(idx)
    window.workspace.picker.year.activated.emit(idx)
    assert window.session.report.year == prev.year


def test_first_start_welcome_creates_a_report(qtbot, empty_store, prompts):
    w = open_window(qtbot, empty_store, prompts)
    assert w.workspace.stack.currentWidget() is w.workspace.welcome
    assert w.workspace.welcome.year.value() == default_year()
    w.workspace.welcome.unit.setText("某某镇人民政府")
    qtbot.mouseClick(w.workspace.welcome.create_button, Qt.MouseButton.LeftButton)
    assert w.workspace.stack.currentWidget() is w.workspace.tabs
    assert w.session.report.unit == "某某镇人民政府"
    assert w.session.report.year == default_year()
    assert empty_store.find("某某镇人民政府", default_year()) is not None
    w.close()


def test_first_start_can_import_a_file(qtbot, empty_store, prompts, tmp_path, seed_report):
    path = tmp_path / "in.json"
    jsonio.write(seed_report, path)
    prompts.paths.append(path)
    w = open_window(qtbot, empty_store, prompts)
    qtbot.mouseClick(w.workspace.welcome.import_button, Qt.MouseButton.LeftButton)
    wait_import(qtbot, w)
    assert w.session is not None and w.session.report.unit == seed_report.unit
    w.close()


def test_overview_draft_sentence_passes_s3(qtbot, window):
    tab = window.workspace.text_tabs["overview"]
    s = window.session
    s.set_cells({A("granted", "commercial"): 2, A("new", "commercial"): 2})
    before = s.report.texts["overview"]
    tab.insert_applications()
    sentence = drafts.applications_sentence(s.report)
    assert sentence in s.report.texts["overview"] and before != s.report.texts["overview"]
    assert "共受理政府信息公开申请17件" in sentence
    only = s.report.copy()
    only.texts["overview"] = sentence
    assert not [f for f in validate(only) if f.rule in ("S3", "S5")]
    window.workspace.actions["undo"].trigger()
    assert s.report.texts["overview"] == before


def test_outline_button_adds_missing_headings(qtbot, store, prompts):
    store.write_text(store.find("朔州市人民政府办公室", 2024), "overview", "")
    w = open_window(qtbot, store, prompts)
    w.workspace.text_tabs["overview"].insert_outline()
    assert w.session.report.texts["overview"].splitlines() == list(schema.OVERVIEW_OUTLINE)
    w.close()


def test_fee_helper_inserts_sentence(qtbot, window, prompts):
    from decimal import Decimal
    prompts.fee = (2, Decimal("200"), Decimal("100"))
    window.workspace.reports.fee_helper()
    other = window.session.report.texts["other"]
    assert "收费通知2件" in other and "实际收取信息处理费100元" in other


def test_named_version_and_restore(qtbot, window, prompts):
    s = window.session
    prompts.texts.append("送审稿")
    assert window.workspace.reports.save_snapshot() is not None
    s.set_cells({A("granted", "natural_person"): 9})
    prompts.snapshot_choice = lambda snaps: next(x.id for x in snaps if x.name == "送审稿")
    assert window.workspace.reports.restore_snapshot()
    assert window.session.report.cells[A("granted", "natural_person")] == 1
    names = [x.name for x in window.store.list_snapshots(window.session.report_id)]
    assert "恢复前自动保存" in names


def test_export_json_runs_off_thread(qtbot, window, prompts, tmp_path):
    target = tmp_path / "out.json"
    prompts.paths.append(target)
    with qtbot.waitSignal(window.workspace.files.finished, timeout=5000):
        job = window.workspace.files.export_json()
        assert job is not None
    assert jsonio.read(target).cells == window.session.report.cells
    assert window.statusBar().currentMessage() == "已导出：out.json"


def test_export_word_lists_errors_first(qtbot, window, prompts, tmp_path):
    window.session.set_cells({A("new", "research"): 1})      # H3 error
    prompts.confirm_answer = False
    assert window.workspace.files.export_word(tmp_path / "x.docx") is None
    kind, title, text, detail = prompts.shown[-1]
    assert kind == "confirm" and "错误" in text and "不平衡" in detail and "H3" not in detail
    assert not (tmp_path / "x.docx").exists()


def test_export_word_writes_or_reports_in_chinese(qtbot, window, prompts, tmp_path):
    from report_desktop.core import formats
    target = tmp_path / "报告.docx"
    outcome = []
    window.workspace.files.finished.connect(lambda p: outcome.append(("ok", p)))
    window.workspace.files.failed.connect(lambda m: outcome.append(("fail", m)))
    window.workspace.files.export_word(target)
    qtbot.waitUntil(lambda: bool(outcome), timeout=30000)
    assert outcome == [("ok", str(target))] and formats.read(target).cells == window.session.report.cells


def test_meta_conflict_is_refused(qtbot, window, prompts, store, seed_report):
    other = seed_report.copy()
    other.year = 2023
    store.save(other)
    window.workspace.info.year.setValue(2023)
    assert window.session.report.year == 2024
    assert "已经有" in prompts.warnings()[-1][2]
    window.workspace.info.year.setValue(2025)
    assert window.session.report.year == 2025
    assert store.find(seed_report.unit, 2025) == window.session.report_id


def test_ctrl_s_confirms_in_status_bar(qtbot, window):
    window.workspace.text_tabs["problems"].editor.insertPlainText("x")
    window.workspace.actions["save"].trigger()
    assert window.session.save_state == "saved"
    assert "已保存" in window.statusBar().currentMessage()


def test_window_fits_1366x768_and_1024x768_at_150_percent(window):
    for size in (window.sizeHint(), window.minimumSizeHint(), window.minimumSize()):
        assert size.width() <= 1366 and size.height() <= 768
    window.resize(683, 512)          # a 1024×768 screen at 150 %: the window may be that small
    for key in ("overview", "applications", "info"):
        window.workspace.tabs.show_page(key)
        QApplication.processEvents()
        assert window.width() <= 683 and window.height() <= 512, (key, window.size())
    for i in range(window.workspace.tabs.count()):
        window.workspace.tabs.setCurrentIndex(i)
        hint = window.workspace.tabs.current_page().minimumSizeHint()
        assert hint.width() <= 1366 and hint.height() <= 600


def test_new_report_from_the_menu_starts_from_last_year(qtbot, window, prompts):
    prompts.new_reports.append(("朔州市人民政府办公室", 2025, "government", True))
    window.workspace.actions["new"].trigger()
    rep = window.session.report
    assert (rep.year, rep.level) == (2025, "government")
    assert rep.row("carried_over") == window.store.get(rep.unit, 2024).row("carry_forward")
    prompts.new_reports.append(("另一个单位", 2024, "department", False))
    window.workspace.actions["new"].trigger()
    assert window.session.report.unit == "另一个单位"
    assert window.workspace.picker.unit.count() == 2


def test_dialogs_build_with_chinese_labels(qtbot):
    from decimal import Decimal

    from report_desktop.core.store.db import SnapshotInfo
    from report_desktop.ui.dialogs.fee import FeeDialog
    from report_desktop.ui.dialogs.new_report import NewReportDialog
    from report_desktop.ui.dialogs.snapshots import SnapshotDialog
    new = NewReportDialog(["甲单位"], "甲单位", 2024, lambda u, y: u == "甲单位", None)
    qtbot.addWidget(new)
    assert new.result_values() == ("甲单位", 2024, "department", True)
    fee = FeeDialog((1, Decimal("100"), Decimal("0")), None)
    qtbot.addWidget(fee)
    assert fee.figures() == (1, Decimal("100.00"), Decimal("0.00"))
    snaps = SnapshotDialog([SnapshotInfo(7, 1, "送审稿", "2025-01-10T09:00:00")], None)
    qtbot.addWidget(snaps)
    assert snaps.chosen() == 7 and "送审稿" in snaps.list.item(0).text()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")   # the help dialog
def test_help_about_and_next_finding(qtbot, window, prompts):
    window.workspace.actions["about"].trigger()
    assert "0." in prompts.shown[-1][2] and "版本" in prompts.shown[-1][2]
    shown = []

    def close_help():                 # 使用说明 is its own dialog (tests/ui/test_help.py)
        dialog = window.workspace.help
        if dialog is None:
            QTimer.singleShot(50, close_help)
            return
        shown.append(dialog.page.toPlainText())
        dialog.reject()
    QTimer.singleShot(50, close_help)
    window.workspace.actions["help"].trigger()
    assert "新建报告" in shown[0]
    window.session.set_cells({A("carried_over", "research"): 1})
    window.workspace.actions["next"].trigger()
    page = window.workspace.pages["applications"]
    assert window.workspace.tabs.current_page() is page
    assert page.view.currentIndex() == page.model.index_of(A("new", "research"))
