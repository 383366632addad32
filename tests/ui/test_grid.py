"""Typing, refusing, pasting, Delete and undo in the statistics grids of the real window."""
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from report_desktop.core import schema
from report_desktop.ui import theme

A = schema.application_cell


def page(window, table="applications"):
    return window.workspace.tabs.show_page(table)


def cell_text(window, cid):
    return page(window, schema.table_of(cid)).model.text(cid)


def rules(window):
    return {f.rule for f in window.session.findings}


def type_into(qtbot, view, cid, first, rest="", key=Qt.Key.Key_Return):
    view.go_to(cid)
    qtbot.keyClick(view, first)
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None, "typing a character must open the editor"
    if rest:
        qtbot.keyClicks(editor, rest)
    qtbot.keyClick(editor, key)
    return editor


def test_typing_in_table_three_updates_total_and_h3(qtbot, window):
    view = page(window).view
    assert "H3" not in rules(window)
    type_into(qtbot, view, A("new", "natural_person"), "2", "0")
    assert window.session.report.cells[A("new", "natural_person")] == 20
    assert cell_text(window, A("new", "total")) == "20"          # live row total
    assert "H3" in rules(window)                                 # 20 + 2 != 13 + 2
    idx = view.model().index_of(A("new", "natural_person"))
    assert view.model().data(idx, Qt.ItemDataRole.BackgroundRole) == theme.ERROR_BG
    assert "不平衡" in view.model().data(idx, Qt.ItemDataRole.ToolTipRole)
    # Enter moved the cursor one row down.
    assert view.currentIndex() == view.model().index_of(A("carried_over", "natural_person"))
    # Fix it in another cell: the finding goes away.
    type_into(qtbot, view, A("carry_forward", "natural_person"), "9")
    assert "H3" not in rules(window)
    assert "错误 0 ·" in window.workspace.counts.text()


def test_totals_are_read_only_and_grey(qtbot, window):
    view = page(window).view
    model = view.model()
    idx = model.index_of(A("new", "total"))
    assert not model.flags(idx) & Qt.ItemFlag.ItemIsEditable
    assert model.data(idx, Qt.ItemDataRole.BackgroundRole) == theme.TOTAL_BG
    view.go_to(A("new", "total"))
    qtbot.keyClick(view, "5")
    assert view.indexWidget(idx) is None
    assert "总计由程序计算，请填写左边各列" in window.statusBar().currentMessage()
    assert view.bubble.text() == window.statusBar().currentMessage()    # said at the cell
    assert window.session.report.cells[A("new", "total")] == 13


def test_letters_are_refused_with_a_reason_and_old_value_kept(qtbot, window):
    view = page(window).view
    cid = A("granted", "natural_person")
    view.go_to(cid)
    qtbot.keyClick(view, "x")
    editor = view.indexWidget(view.currentIndex())
    assert editor.text() == "x"                                # kept where she typed it
    assert "只能填写数字" in window.statusBar().currentMessage()
    assert "只能填写数字" in view.bubble.text()
    qtbot.keyClick(editor, Qt.Key.Key_Escape)                  # abandoned: the old value
    assert view.indexWidget(view.currentIndex()) is None and not view.bubble.text()
    # Through the editor (F2), a mixed entry is refused on Enter and the cursor stays.
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(view.currentIndex())
    editor.setText("1二")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.report.cells[cid] == 1
    assert "阿拉伯数字" in window.statusBar().currentMessage()
    assert view.currentIndex() == view.model().index_of(cid)
    assert view.indexWidget(view.currentIndex()) is editor and editor.text() == "1二"
    assert window.session.undo_stack.count() == 0


def test_full_width_digits_are_accepted(qtbot, window):
    view = page(window).view
    cid = A("granted", "commercial")
    view.go_to(cid)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.indexWidget(view.currentIndex())
    editor.setText("１２")          # typed with a Chinese IME in full-width mode
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.session.report.cells[cid] == 12
    assert cell_text(window, A("granted", "total")) == "13"


def test_amount_keeps_decimals_as_typed(qtbot, window):
    view = page(window, "active").view
    type_into(qtbot, view, "active.fees_10k_yuan", "1", "2.50")
    assert str(window.session.report.cells["active.fees_10k_yuan"]) == "12.50"
    assert cell_text(window, "active.fees_10k_yuan") == "12.50"


def test_delete_blanks_selected_cells_in_one_step(qtbot, window):
    view = page(window).view
    model = view.model()
    a, b = A("new", "natural_person"), A("carried_over", "natural_person")
    view.go_to(a)
    view.selectionModel().select(model.index_of(b), view.selectionModel().SelectionFlag.Select)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.session.report.cells[a] is None and window.session.report.cells[b] is None
    assert window.session.report.cells[A("new", "total")] is None            # never a fake 0
    assert model.data(model.index_of(a), Qt.ItemDataRole.BackgroundRole).style() == Qt.BrushStyle.BDiagPattern
    assert window.session.undo_stack.count() == 1
    window.session.undo_stack.undo()
    assert window.session.report.cells[a] == 13 and window.session.report.cells[b] == 2


def test_paste_block_from_excel_is_one_undo_step(qtbot, window):
    view = page(window).view
    view.go_to(A("granted", "natural_person"))
    QApplication.clipboard().setText("3\t1\r\n0\t2\r\n")       # Excel: \r\n rows, trailing break
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    cells = window.session.report.cells
    assert (cells[A("granted", "natural_person")], cells[A("granted", "commercial")]) == (3, 1)
    assert (cells[A("partly_granted", "natural_person")],
            cells[A("partly_granted", "commercial")]) == (0, 2)
    assert cells[A("total", "commercial")] == 3
    assert window.session.undo_stack.count() == 1
    window.workspace.actions["undo"].trigger()
    assert cells[A("granted", "natural_person")] == 1 and cells[A("partly_granted", "commercial")] == 0
    window.workspace.actions["redo"].trigger()
    assert cells[A("partly_granted", "commercial")] == 2


def test_paste_full_width_and_merged_excel_cells(qtbot, window):
    view = page(window, "active").view
    view.go_to("active.licensing")
    assert view.paste_text("３\t\t\n")          # Excel copies a merged cell as value + empty cells
    assert window.session.report.cells["active.licensing"] == 3


def test_bad_paste_is_refused_whole(qtbot, window, prompts):
    view = page(window).view
    cells = window.session.report.cells
    before = dict(cells)
    view.go_to(A("granted", "natural_person"))
    assert not view.paste_text("5\t6\n7\tabc\n")                 # one non-number
    assert dict(cells) == before
    assert "只能填写数字" in prompts.warnings()[-1][2]
    view.go_to(A("granted", "other_org"))
    assert not view.paste_text("1\t2\t3\t4\n")                  # runs off the right edge
    assert "放不下" in prompts.warnings()[-1][2]
    view.go_to(A("new", "natural_person"))
    assert not view.paste_text("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n16\n17\n18\n"
                               "19\n20\n21\n22\n23\n24\n25\n26\n")  # runs off the bottom
    assert dict(cells) == before
    assert window.session.undo_stack.count() == 0
    view = page(window, "active").view
    view.go_to("active.rules.made")
    assert not view.paste_text("1\n2\n3\n")                     # would cover a header row
    assert "表头" in prompts.warnings()[-1][2]


def test_copy_gives_tab_separated_block(qtbot, window):
    view = page(window).view
    model = view.model()
    view.go_to(A("new", "natural_person"))
    sel = view.selectionModel()
    for cid in (A("new", "commercial"), A("carried_over", "natural_person"),
                A("carried_over", "commercial")):
        sel.select(model.index_of(cid), sel.SelectionFlag.Select)
    text = view.copy_selection()
    assert text.replace("\r\n", "\n") == "13\t0\n2\t0"
    assert QApplication.clipboard().text() == text


def test_keys_move_like_excel(qtbot, window):
    view = page(window).view
    model = view.model()
    view.go_to(A("new", "other_org"))
    qtbot.keyClick(view, Qt.Key.Key_Tab)          # past 总计, to the next row's first input
    assert view.currentIndex() == model.index_of(A("carried_over", "natural_person"))
    qtbot.keyClick(view, Qt.Key.Key_Backtab)
    assert view.currentIndex() == model.index_of(A("new", "other_org"))
    qtbot.keyClick(view, Qt.Key.Key_Down)
    assert view.currentIndex() == model.index_of(A("carried_over", "other_org"))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert view.currentIndex() == model.index_of(A("granted", "other_org"))
    # Tab while editing commits and moves right.
    type_into(qtbot, view, A("granted", "natural_person"), "4", key=Qt.Key.Key_Tab)
    assert window.session.report.cells[A("granted", "natural_person")] == 4
    assert view.currentIndex() == model.index_of(A("granted", "commercial"))
    assert view.indexWidget(view.currentIndex()) is None


def test_grid_models_pass_qtmodeltester(qtmodeltester, window):
    models = [page_.model for page_ in window.workspace.pages.values()]
    # Every table's model is checked, and each has cells to check (an empty one passes anything).
    assert len(models) == len([s for s in schema.SECTIONS if s.table])
    assert all(m.rowCount() > 0 and m.columnCount() > 0 for m in models)
    for model in models:
        qtmodeltester.check(model)


def test_merged_labels_reproduce_table_three(window):
    view = page(window).view
    # 三、本年度办理结果 spans 22 rows; （三）不予公开 8 rows; the 勾稽 note 3×3.
    assert (view.rowSpan(5, 0), view.columnSpan(5, 0)) == (22, 1)
    assert view.rowSpan(7, 1) == 8
    assert (view.rowSpan(0, 0), view.columnSpan(0, 0)) == (3, 3)
    model = view.model()
    assert model.data(model.index(0, 0)) == schema.APPLICATIONS_NOTE
    assert model.data(model.index(1, 4)) == schema.ORG_HEADER
    tip = model.data(model.index_of(A("other_2", "natural_person")), Qt.ItemDataRole.ToolTipRole)
    assert "填报说明" in tip and "收费通知" in tip


def select_block(view, top_left, bottom_right):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel
    model = view.model()
    view.go_to(top_left)
    view.selectionModel().select(QItemSelection(model.index_of(top_left), model.index_of(bottom_right)),
                                 QItemSelectionModel.SelectionFlag.Select)


def test_cut_copies_the_block_and_blanks_it_in_one_step(qtbot, window):
    view = page(window).view
    cells = window.session.report.cells
    rows, cols = ("new", "carried_over"), [c.key for c in schema.APPLICATION_COLUMNS]
    assert cols[0] == "natural_person" and cols[-1] == "total"
    block = [A(r, c) for r in rows for c in cols]
    before = {cid: cells[cid] for cid in block}
    expected = "\n".join("\t".join(cell_text(window, A(r, c)) for c in cols) for r in rows)
    assert cells[A("new", "total")] == 13
    select_block(view, A("new", "natural_person"), A("carried_over", "total"))
    qtbot.keyClick(view, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().replace("\r\n", "\n") == expected
    for cid in block:
        assert cells[cid] is None, cid                   # inputs blanked, totals blank too
    assert cell_text(window, A("new", "total")) == ""
    assert "已剪切" in window.statusBar().currentMessage()
    stack = window.session.undo_stack
    assert stack.count() == 1 and stack.undoText() == "剪切"
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {cid: cells[cid] for cid in block} == before
    assert cell_text(window, A("new", "total")) == "13"


def test_cut_from_the_edit_menu_and_on_totals_only(qtbot, window):
    view = page(window).view
    assert window.workspace.actions["cut"] in window.menus["edit"].actions()
    assert window.workspace.actions["cut"].shortcut().matches(QKeySequence(QKeySequence.StandardKey.Cut)) \
        == QKeySequence.SequenceMatch.ExactMatch
    view.go_to(A("new", "total"))
    window.workspace.actions["cut"].trigger()                      # a total alone: copied, not changed
    assert QApplication.clipboard().text() == "13"
    assert window.session.undo_stack.count() == 0
    view.go_to(A("new", "natural_person"))
    window.workspace.actions["cut"].trigger()
    assert window.session.report.cells[A("new", "natural_person")] is None
    assert window.session.undo_stack.count() == 1


def test_ctrl_x_in_a_text_editor_cuts_text(qtbot, window):
    cells = dict(window.session.report.cells)
    editor = window.workspace.tabs.show_page("problems").editor
    editor.setFocus()
    editor.selectAll()
    selected = editor.textCursor().selectedText()
    assert selected
    qtbot.keyClick(editor, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier)
    assert editor.toPlainText() == ""
    assert QApplication.clipboard().text().replace("\n", "\u2029") == selected
    assert dict(window.session.report.cells) == cells
