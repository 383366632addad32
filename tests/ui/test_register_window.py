"""The 台账 in the window (issue 20 item 3): entry with real keys, paste, filter, the
drill-down from a 表三 number to the application, S11 findings and 按台账填写 as one
undo step, 统计口径 kept with the report, H6 against last year's register."""
import datetime as dt

import pytest

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeWidgetItemIterator

from report_desktop.core import schema
from report_desktop.core.register import Application, CountingSettings, Register, tally
from report_desktop.core.report import Report
from report_desktop.core.store import Store
from tests.registers import from_tables
from tests.ui.conftest import open_window

A = schema.application_cell
# The drill-down is a window of its own: the offscreen platform cannot raise it.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise|grabbing)")


def register_page(window):
    return window.workspace.tabs.show_page("register")


def cell_point(view, row, col):
    return view.visualRect(view.model().index(row, col)).center()


def click(qtbot, view, row, col):
    view.scrollTo(view.model().index(row, col))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     cell_point(view, row, col))


def ime_commit(widget, text):
    """What a Chinese input method sends when the clerk picks ``text``."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_into(qtbot, view, row, name, text):
    """Click the cell of field ``name`` in (proxy) row ``row``, type ``text`` (keys for
    ASCII, an input-method commit for Chinese), press Enter."""
    col = view.source.names.index(name)
    click(qtbot, view, row, col)
    if text.isascii():
        for ch in text:        # as the keyboard does: each key to the widget with the focus
            QTest.keyClick(QApplication.focusWidget() or view, ch)
    else:
        ime_commit(view, text)
    editor = QApplication.focusWidget()
    assert editor is not view, "typing opened no editor"
    QTest.keyClick(editor, Qt.Key.Key_Return)


def with_register(store, seed_report, change=None):
    """The seed report with a register that tallies back to its tables (``change`` edits
    the report afterwards, as a clerk typing by hand would)."""
    rep = seed_report
    rep.register = from_tables(rep)
    if change:
        change(rep)
    store.save(rep)
    return rep


def test_entry_with_keys_makes_one_undo_step_per_cell_and_is_saved(qtbot, window, store_path):
    page = register_page(window)
    view = page.panes["application"].view
    session = window.session
    assert session.report.register is None
    type_into(qtbot, view, 0, "id", "2024-001")
    type_into(qtbot, view, 0, "received", "2024年3月5日")
    type_into(qtbot, view, 0, "applicant_type", "自然人")
    type_into(qtbot, view, 0, "answered", "2024.3.20")
    type_into(qtbot, view, 0, "outcome", "同意公开")
    reg = session.report.register
    assert reg.applications == (Application(id="2024-001", received=dt.date(2024, 3, 5),
                                            applicant_type="natural_person",
                                            answered=dt.date(2024, 3, 20), outcome="granted"),)
    assert session.undo_stack.count() == 5
    assert view.model().rowCount() == 2            # the entry and the blank row for the next
    # Enter moved the cursor down to the blank row, in the same column.
    assert view.currentIndex().row() == 1
    assert view.currentIndex().column() == view.source.names.index("outcome")
    assert "本年新收 1 件" in page.summary.text()
    # A date that cannot be read is refused with a sentence; nothing changes.
    type_into(qtbot, view, 0, "answered", "2024-13-01")
    assert "不是可识别的日期" in window.statusBar().currentMessage()
    assert session.report.register is reg
    # Undo takes back the last cell only.
    window.workspace.actions["undo"].trigger()
    assert session.report.register.applications[0].outcome is None
    window.workspace.actions["redo"].trigger()
    assert session.report.register.applications[0].outcome == "granted"
    assert session.flush()
    other = Store(store_path)
    try:
        saved = other.load(session.report_id).register
    finally:
        other.close()
    assert saved.applications == session.report.register.applications


def test_outcome_chosen_from_the_official_labels_in_a_combo(qtbot, window):
    view = register_page(window).panes["application"].view
    type_into(qtbot, view, 0, "received", "2024-06-01")
    col = view.source.names.index("outcome")
    idx = view.model().index(0, col)
    view.setCurrentIndex(idx)
    QTest.keyClick(view, Qt.Key.Key_F2)
    combo = view.indexWidget(idx)
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert "（五）不予处理2.重复申请" in labels and len(labels) == 22
    combo.setCurrentIndex(labels.index("（五）不予处理2.重复申请"))
    QTest.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert window.session.report.register.applications[0].outcome == "not_processed_2"


def test_paste_of_an_excel_block_adds_rows_in_one_step_and_refuses_unreadable_dates(qtbot, window):
    view = register_page(window).panes["application"].view
    session = window.session
    click(qtbot, view, 0, 0)
    block = ("A1\t2024/1/5\t自然人\t张三\t规划图\t2024-01-20\t（一）予以公开\r\n"
             "A2\t2024.2.1\t法律服务机构\t某律所\t罚款\t\t\r\n")
    assert view.paste_text(block)
    reg = session.report.register
    assert [a.id for a in reg.applications] == ["A1", "A2"]
    assert reg.applications[1].answered is None and reg.applications[1].applicant_type == "legal_service"
    assert session.undo_stack.count() == 1
    click(qtbot, view, 2, 0)
    assert not view.paste_text("A3\t2024-02-30\t自然人\r\n")
    assert session.report.register is reg
    assert "没有粘贴任何内容" in window.statusBar().currentMessage()
    assert any("2024-02-30" in (s[3] or "") for s in window.workspace.prompts.warnings())


def test_filter_box_and_unanswered_choice(qtbot, window, store, seed_report):
    rep = with_register(store, seed_report)
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    pane = register_page(window).panes["application"]
    total = len(window.session.report.register.applications)
    unanswered = sum(a.answered is None for a in window.session.report.register.applications)
    pane.choice.setCurrentIndex(2)                     # 未答复
    assert pane.view.model().rowCount() - 1 == unanswered < total
    assert pane.shown.text() == f"显示 {unanswered} / {total} 件"
    pane.choice.setCurrentIndex(0)
    first = window.session.report.register.applications[0].id
    QTest.keyClicks(pane.words, first)
    ids = [pane.view.model().index(r, 0).data() for r in range(pane.view.model().rowCount() - 1)]
    assert ids and all(first in i for i in ids)


def test_double_click_on_a_number_lists_its_applications_and_opens_one(qtbot, window, store, seed_report):
    rep = with_register(store, seed_report)
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    grid = window.workspace.tabs.show_page("applications").view
    cid = A("granted", "natural_person")
    counted = window.session.tally()
    expected = counted.rows(cid)
    assert len(expected) == rep.cells[cid] > 0
    idx = grid.model().index_of(cid)
    grid.scrollTo(idx)
    QTest.mouseDClick(grid.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                      grid.visualRect(idx).center())
    dialog = window.workspace.registers.drill_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.rows.rowCount() == len(expected)
    assert grid.state() != grid.State.EditingState        # the number was not opened for editing
    last = dialog.rows.rowCount() - 1
    rect = dialog.table.visualRect(dialog.table.model().index(last, 1))
    QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                     Qt.KeyboardModifier.NoModifier, rect.center())
    QTest.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier, rect.center())
    assert window.workspace.tabs.current_key() == "register"
    view = register_page(window).panes["application"].view
    assert view.source_index(view.currentIndex()).row() == expected[-1]


def test_the_context_menu_offers_the_list_of_a_total(qtbot, window, store, seed_report):
    rep = with_register(store, seed_report)
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    grid = window.workspace.tabs.show_page("applications").view
    cid = "applications.total.total"
    idx = grid.model().index_of(cid)
    grid.scrollTo(idx)
    from PySide6.QtGui import QContextMenuEvent
    pos = grid.visualRect(idx).center()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, pos, grid.viewport().mapToGlobal(pos))
    QApplication.sendEvent(grid.viewport(), event)
    menu = grid.context_menu
    actions = {a.text(): a for a in menu.actions()}
    actions["查看台账中的申请"].trigger()
    menu.close()
    dialog = window.workspace.registers.drill_dialog
    assert dialog.rows.rowCount() == rep.cells[cid]


def test_hand_typed_differences_are_findings_and_one_fill_undoes_in_one_step(qtbot, window, store,
                                                                            seed_report):
    cid = A("granted", "natural_person")
    other = A("not_processed_2", "commercial")

    def typed_by_hand(rep):
        rep.set(cid, rep.cells[cid] + 2)
        rep.set(other, rep.cells[other] + 1)
        rep.set(A("new", "natural_person"), rep.cells[A("new", "natural_person")] + 2)
        rep.set(A("new", "commercial"), rep.cells[A("new", "commercial")] + 1)
    rep = with_register(store, seed_report, typed_by_hand)
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    session = window.session
    hand = {c: session.report.cells[c] for c in schema.APPLICATION_IDS}
    s11 = [f for f in session.findings if f.rule == "S11"]
    assert {f.cells[0] for f in s11} >= {cid, other}
    count = window.session.tally().cells[cid]
    assert any(f.message.endswith(f"填 {hand[cid]}，台账中 {count} 件") for f in s11)
    # shown in the findings panel and as the cell's mark
    tree = window.workspace.findings.tree
    shown = []
    it = QTreeWidgetItemIterator(tree)
    while it.value():
        shown.append(" ".join(it.value().text(c) for c in range(tree.columnCount())))
        it += 1
    assert any(f"填 {hand[cid]}，台账中 {count} 件" in line for line in shown), shown
    assert session.marks[cid][0] == "warning"
    page = window.workspace.tabs.show_page("applications")
    assert page.banner.isVisible() and "与台账计数不同" in page.banner_text.text()
    depth = session.undo_stack.count()
    QTest.mouseClick(page.fill_button, Qt.MouseButton.LeftButton)
    assert session.undo_stack.count() == depth + 1
    counted = session.tally()
    assert all(session.report.cells[c] == counted.cells[c] for c in schema.APPLICATION_IDS)
    assert not [f for f in session.findings if f.rule == "S11"]
    assert "一致" in page.banner_text.text()
    window.workspace.actions["undo"].trigger()
    assert {c: session.report.cells[c] for c in schema.APPLICATION_IDS} == hand
    assert {f.cells[0] for f in session.findings if f.rule == "S11"} >= {cid, other}


def test_unclassified_rows_are_a_finding_that_leads_to_them(qtbot, window, store, seed_report):
    answered = []

    def lost(rep):
        reg = rep.register
        answered.append(next(i for i, a in enumerate(reg.applications)
                             if a.answered and a.answered.year == rep.year))
        rep.register = reg.with_field("application", answered[0], "outcome", None)
    rep = with_register(store, seed_report, lost)
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    finding = next(f for f in window.session.findings if f.rule == "S11" and not f.cells)
    window.workspace.navigation.go_to_finding(finding)
    pane = register_page(window).panes["application"]
    assert window.workspace.tabs.current_key() == "register"
    assert pane.view.model().rowCount() == 2            # the lost row and the blank row
    assert pane.view.source_index(pane.view.model().index(0, 0)).row() == answered[0]
    assert "办理结果" in pane.view.model().index(0, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_counting_settings_are_kept_with_the_report_and_undone(qtbot, window, prompts, store_path):
    prompts.settings_answer = CountingSettings(rejected="other", carried_cases=True)
    page = register_page(window)
    assert page.settings_button.text() == "统计口径（默认）…"
    QTest.mouseClick(page.settings_button, Qt.MouseButton.LeftButton)
    session = window.session
    assert session.report.register.settings == prompts.settings_answer
    assert page.settings_button.text() == "统计口径（改动 2 项）…"
    assert "计入“其他结果”" in page.settings_button.toolTip()
    assert session.flush()
    other = Store(store_path)
    try:
        assert other.load(session.report_id).register.settings == prompts.settings_answer
    finally:
        other.close()
    window.workspace.actions["undo"].trigger()
    assert session.report.register is None


def test_delete_rows_asks_and_is_one_step(qtbot, window, store, seed_report, prompts):
    rep = with_register(store, seed_report)
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    page = register_page(window)
    view = page.panes["application"].view
    click(qtbot, view, 0, 0)
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ShiftModifier,
                     cell_point(view, 1, 0))
    n = len(window.session.report.register.applications)
    QTest.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert len(window.session.report.register.applications) == n - 2
    assert prompts.shown[-1][0] == "confirm"
    window.workspace.actions["undo"].trigger()
    assert len(window.session.report.register.applications) == n


def test_carried_over_is_checked_against_last_years_register(qtbot, store, prompts, seed_report):
    """H6 with last year's report whose 结转下年度 was never typed: its register counts."""
    prev = Report.blank(seed_report.unit, seed_report.year - 1)
    prev.register = Register(applications=(
        Application(id="P1", received=dt.date(2023, 12, 20), applicant_type="natural_person"),))
    store.save(prev)
    assert tally(prev.register, prev.year).cells[A("carry_forward", "natural_person")] == 1
    window = open_window(qtbot, store, prompts)
    try:
        window.workspace.open_report(store.find(seed_report.unit, seed_report.year), force=True)
        session = window.session
        carried = session.report.cells[A("carried_over", "natural_person")]
        h6 = [f for f in session.findings if f.rule == "H6"]
        assert (carried != 1) == any(A("carried_over", "natural_person") in f.cells for f in h6)
        session.set_cells({A("carried_over", "natural_person"): 1})
        assert not [f for f in session.findings if f.rule == "H6"
                    and A("carried_over", "natural_person") in f.cells]
    finally:
        window.close()


# -- import and export --------------------------------------------------------------------
HEAD = ["流水号", "申请日期", "申请人身份", "姓名/名称", "所需信息", "办理日期", "处理情况"]


def register_xlsx(path, n=3, odd="待研究"):
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["某局2024年依申请公开登记台账"])
    ws.append(HEAD)
    for i in range(n):
        ws.append([f"Y{i:04d}", dt.datetime(2024, 3, 1) + dt.timedelta(days=i % 200), "公民",
                   f"申请人{i}", "某文件", f"2024/{4 + i % 6}/{1 + i % 27}", "同意公开"])
    if odd:
        ws.append(["Y-odd", "2024-05-06", "企业", "某公司", "规划", "2024-05-20", odd])
    wb.save(path)
    return path


def wait_register_import(qtbot, window, timeout=30000):
    importer = window.workspace.registers.importer
    qtbot.waitUntil(lambda: importer.job is None, timeout=timeout)


def test_import_maps_columns_remembers_them_and_asks_about_the_unclassified(qtbot, window, prompts,
                                                                           tmp_path):
    path = register_xlsx(tmp_path / "台账.xlsx")
    page = register_page(window)
    prompts.paths.append(path)
    prompts.decide_answer = lambda items: {i: "granted" for i, it in enumerate(items)
                                           if it[4] == "outcome" and it[2] == "待研究"}
    QTest.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert page.busy.isVisible()
    wait_register_import(qtbot, window)
    assert not page.busy.isVisible()
    mapping = [s for s in prompts.shown if s[0] == "register_mapping"]
    assert len(mapping) == 1 and "处理情况" in mapping[0][2]
    asked = [s for s in prompts.shown if s[0] == "decide_unclassified"]
    assert asked and asked[0][2] == "6 办理结果 待研究"
    reg = window.session.report.register
    assert [a.id for a in reg.applications] == ["Y0000", "Y0001", "Y0002", "Y-odd"]
    assert reg.applications[-1].outcome == "granted"        # decided by the clerk
    assert window.session.tally().cells[A("new", "total")] == 4
    # import and the decision: two undo steps; the first undo takes back only the decision
    window.workspace.actions["undo"].trigger()
    assert window.session.report.register.applications[-1].outcome is None
    assert window.session.tally().unclassified
    # The next file of the same layout is offered the mapping the clerk confirmed.
    prompts.mapping_answer = lambda cols: {**cols, "note": cols["request"]}
    prompts.paths.append(register_xlsx(tmp_path / "台账2.xlsx", odd=None))
    window.workspace.registers.importer.start()
    wait_register_import(qtbot, window)
    prompts.mapping_answer = None
    prompts.paths.append(register_xlsx(tmp_path / "台账3.xlsx", n=2, odd=None))
    window.workspace.registers.importer.start()
    wait_register_import(qtbot, window)
    last = [s for s in prompts.shown if s[0] == "register_mapping"][-1]
    assert "'note': 4" in last[3]
    assert window.session.report.register.applications[0].note == "某文件"


def test_import_can_be_cancelled_and_an_unreadable_file_says_so(qtbot, window, prompts, tmp_path):
    page = register_page(window)
    prompts.paths.append(register_xlsx(tmp_path / "台账.xlsx"))
    job = window.workspace.registers.importer.start()
    assert job is not None
    QTest.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    wait_register_import(qtbot, window)
    assert window.session.report.register is None
    assert "已取消" in window.statusBar().currentMessage()
    assert not [s for s in prompts.shown if s[0] == "register_mapping"]
    bad = tmp_path / "说明.csv"
    bad.write_text("这不是台账\n只是一段话\n", encoding="utf-8")
    prompts.paths.append(bad)
    window.workspace.registers.importer.start()
    wait_register_import(qtbot, window)
    warned = prompts.warnings()
    assert warned and warned[-1][1] == "无法导入台账" and "说明.csv" in warned[-1][2]
    assert window.session.report.register is None


def test_a_big_import_reports_progress_and_keeps_the_window_responsive(qtbot, window, prompts, tmp_path):
    path = register_xlsx(tmp_path / "大台账.xlsx", n=10000, odd=None)
    page = register_page(window)
    seen = []
    page.busy_bar.valueChanged.connect(seen.append)
    prompts.paths.append(path)
    window.workspace.registers.importer.start()
    ticks = []
    while window.workspace.registers.importer.job is not None:
        qtbot.wait(20)                       # the event loop keeps turning meanwhile
        ticks.append(1)
        assert len(ticks) < 3000
    assert len(window.session.report.register.applications) == 10000
    assert seen and max(seen) == 10000 and len(ticks) > 3


def test_exports_with_and_without_personal_data_and_the_explanation(qtbot, window, store, seed_report,
                                                                   prompts, tmp_path):
    import openpyxl
    rep = with_register(store, seed_report, lambda r: setattr(r, "register", r.register.with_field(
        "application", 0, "applicant", "张三")))
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    actions = window.workspace.registers
    full, plain, expl = tmp_path / "全.xlsx", tmp_path / "外发", tmp_path / "口径.txt"
    for path, run in ((full, lambda: actions.export_register(True)),
                      (plain, lambda: actions.export_register(False)),
                      (expl, lambda: actions.export_explanation())):
        prompts.paths.append(path)
        assert run() is not None
        qtbot.waitUntil(lambda: not actions.jobs, timeout=20000)

    def cells(p):
        wb = openpyxl.load_workbook(p)
        return {str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value}
    assert "张三" in cells(full)
    assert (tmp_path / "外发.xlsx").exists() and "张三" not in cells(tmp_path / "外发.xlsx")
    assert "统计口径说明" in expl.read_text(encoding="utf-8-sig")
    assert [s[0] for s in prompts.shown].count("exported") == 3


def test_what_is_being_typed_in_the_register_is_kept_on_save_and_a_bad_entry_is_asked_about(
        qtbot, window, prompts):
    view = register_page(window).panes["application"].view
    click(qtbot, view, 0, view.source.names.index("received"))
    for ch in "2024-07-01":
        QTest.keyClick(QApplication.focusWidget(), ch)
    assert view.open_entry() is not None           # still in the editor, no Enter pressed
    assert window.workspace.flush()
    assert window.session.report.register.applications[0].received == dt.date(2024, 7, 1)
    click(qtbot, view, 0, view.source.names.index("answered"))
    for ch in "2024-99":
        QTest.keyClick(QApplication.focusWidget(), ch)
    prompts.fix_answers = [True]                   # 修改: the editor stays open
    assert not window.workspace.entries.commit_open_editors()
    assert view.open_entry() is not None and "不是可识别的日期" in prompts.shown[-1][2]
    prompts.fix_answers = [False]                  # 放弃
    assert window.workspace.entries.commit_open_editors()
    assert view.open_entry() is None
    assert window.session.report.register.applications[0].answered is None


def test_a_list_made_before_the_register_changed_is_made_again_not_followed(qtbot, window, store,
                                                                           seed_report):
    rep = with_register(store, seed_report)
    window.workspace.open_report(store.find(rep.unit, rep.year), force=True)
    actions = window.workspace.registers
    cid = A("granted", "natural_person")
    dialog = actions.drill(cid)
    before = dialog.rows.rowCount()
    first = window.session.tally().rows(cid)[0]
    reg = window.session.report.register
    window.session.set_register(reg.with_field("application", first, "outcome", "other_3"), "改")
    assert not actions.open_row("application", first)
    assert dialog.rows.rowCount() == before - 1
    assert "列表已按现在的台账更新" in window.statusBar().currentMessage()
    assert window.workspace.tabs.current_key() != "register"


def test_cut_in_the_register_copies_and_blanks_in_one_step(qtbot, window):
    view = register_page(window).panes["application"].view
    type_into(qtbot, view, 0, "id", "Z9")
    click(qtbot, view, 0, 0)
    QTest.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "Z9"
    assert window.session.report.register.applications[0].id == ""
    window.workspace.actions["undo"].trigger()
    assert window.session.report.register.applications[0].id == "Z9"


def test_a_case_register_from_a_gbk_csv_with_a_decision_left_to_the_clerk(qtbot, window, prompts,
                                                                          tmp_path):
    path = tmp_path / "复议诉讼台账.csv"
    path.write_bytes(("案号,案件类型,收案日期,审结日期,决定/判决\r\n"
                      "复2024-1,行政复议,2024-03-01,2024-05-01,维持\r\n"
                      "诉2024-1,行政诉讼（复议后起诉）,2024/4/2,2024/8/9,撤销\r\n"
                      "复2024-2,行政复议,2024-06-01,2024-09-01,另行研究\r\n").encode("gbk"))
    page = register_page(window)
    page.show_kind("case")
    prompts.paths.append(path)
    prompts.decide_answer = lambda items: {i: "other" for i, it in enumerate(items)
                                           if it[2] == "另行研究"}
    QTest.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait_register_import(qtbot, window)
    cases = window.session.report.register.cases
    assert [c.result for c in cases] == ["upheld", "corrected", "other"]
    assert cases[1].block == "after_review"
    counted = window.session.tally()
    assert counted.cells["review_litigation.review.total"] == 2
    assert counted.cells["review_litigation.after_review.corrected"] == 1
    assert page.sub.tabText(1) == "复议诉讼（3）"
    # undo from another tab shows the 台账 again, where the change is
    window.workspace.tabs.show_page("applications")
    window.workspace.actions["undo"].trigger()
    assert window.workspace.tabs.current_key() == "register"
    assert window.session.report.register.cases[2].result is None


def test_a_case_typed_in_gets_its_table_four_result_from_the_decision(qtbot, window):
    page = register_page(window)
    page.show_kind("case")
    view = page.panes["case"].view
    type_into(qtbot, view, 0, "id", "R1")
    type_into(qtbot, view, 0, "kind", "行政复议")
    type_into(qtbot, view, 0, "filed", "2024-02-03")
    type_into(qtbot, view, 0, "decision", "撤销原行政行为")
    case = window.session.report.register.cases[0]
    assert case.result is None                      # not decided yet: 尚未审结
    assert window.session.tally().cells["review_litigation.review.pending"] == 1
    type_into(qtbot, view, 0, "decided", "2024-05-06")
    case = window.session.report.register.cases[0]
    assert case.result == "corrected"
    assert window.session.tally().cells["review_litigation.review.corrected"] == 1


def test_the_register_commands_are_in_the_menus_and_work_from_there(qtbot, window, store,
                                                                     seed_report, prompts, tmp_path):
    """导入台账 and 导出台账 in 文件, 按台账填写 and 统计口径 in 检查: what the 台账 tab's buttons do."""
    menus = {a.text() for m in window.menus.values() for a in m.actions()}
    assert {"导入台账(&U)…", "导出台账(&E)…", "按台账填写表三、表四(&B)", "统计口径(&J)…"} <= menus
    actions = window.workspace.actions
    # No register yet: 导出台账 says so instead of doing nothing.
    actions["export_register"].trigger()
    assert "还没有台账" in window.statusBar().currentMessage()
    # 导入台账 shows the 台账 tab and imports.
    prompts.paths.append(register_xlsx(tmp_path / "台账.xlsx", odd=None))
    actions["import_register"].trigger()
    wait_register_import(qtbot, window)
    assert window.workspace.tabs.current_key() == "register"
    assert [a.id for a in window.session.report.register.applications] == ["Y0000", "Y0001", "Y0002"]
    # 按台账填写: 表三 from the register, one undo step.
    actions["fill_from_register"].trigger()
    assert window.session.report.cells[A("new", "total")] == 3
    actions["undo"].trigger()
    assert window.session.report.cells[A("new", "total")] != 3
    # 导出台账 writes the workbook.
    prompts.paths.append(tmp_path / "出.xlsx")
    actions["export_register"].trigger()
    qtbot.waitUntil(lambda: not window.workspace.registers.jobs, timeout=20000)
    assert (tmp_path / "出.xlsx").exists()
