"""Nothing typed into a grid is lost: the open editor is committed before closing,
switching, exporting, 汇总 and undo; a refused entry asks 修改 / 放弃.  And 未发生的填0."""
import pytest
from PySide6.QtGui import QGuiApplication

from report_desktop.core import schema
from report_desktop.core.report import Report

from conftest import open_window

A = schema.application_cell
R4 = "review_litigation.review.upheld"


def typed_not_entered(qtbot, window, cid, text):
    """Select a cell, type ``text`` and leave the editor open (no Enter)."""
    view = window.workspace.tabs.show_page(schema.table_of(cid)).view
    view.go_to(cid)
    qtbot.keyClicks(view, text[0])
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None and editor.text() == text[0]
    if text[1:]:
        qtbot.keyClicks(editor, text[1:])
    return view, editor


def test_type_7_into_table_four_close_without_enter_reopen_the_7_is_there(qtbot, store, prompts):
    window = open_window(qtbot, store, prompts)
    assert window.session.report.cells[R4] != 7
    typed_not_entered(qtbot, window, R4, "7")
    assert window.session.report.cells[R4] != 7          # still only in the editor
    window.close()
    again = open_window(qtbot, store, prompts)
    assert again.session.report.cells[R4] == 7
    again.close()


def test_a_refused_entry_on_close_asks_fix_or_discard(qtbot, store, prompts):
    window = open_window(qtbot, store, prompts)
    before = window.session.report.cells[R4]
    view, editor = typed_not_entered(qtbot, window, R4, "7x")
    prompts.fix_answers = [True]                         # 修改: the window stays open
    window.close()
    assert window.isVisible() and prompts.shown[-1][0] == "fix_or_discard"
    assert "只能填写数字" in prompts.shown[-1][2]
    assert view.open_entry() is not None and editor.text() == "7x"
    prompts.fix_answers = [False]                        # 放弃: closes, the old value stays
    window.close()
    assert not window.isVisible()
    again = open_window(qtbot, store, prompts)
    assert again.session.report.cells[R4] == before
    again.close()


def test_switching_tab_commits_the_open_editor(qtbot, window):
    typed_not_entered(qtbot, window, A("new", "research"), "42")
    window.workspace.tabs.show_page("problems")
    assert window.session.report.cells[A("new", "research")] == 42


def test_switching_report_commits_the_open_editor(qtbot, window, store, seed_report):
    other = seed_report.copy()
    other.year += 1
    other_id = store.save(other)
    first_id = window.session.report_id
    typed_not_entered(qtbot, window, "active.licensing", "31")
    assert window.workspace.open_report(other_id)
    assert store.load(first_id).cells["active.licensing"] == 31


def test_going_to_another_cell_commits_without_moving_past_it(qtbot, window):
    view, _ = typed_not_entered(qtbot, window, A("new", "research"), "5")
    assert view.go_to(A("granted", "commercial"))
    assert window.session.report.cells[A("new", "research")] == 5
    assert view.currentIndex() == view.model().index_of(A("granted", "commercial"))


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")   # the dialog
def test_export_and_summary_commit_the_open_editor(qtbot, window, tmp_path):
    typed_not_entered(qtbot, window, "active.licensing", "8")
    window.workspace.files.export_json(tmp_path / "out.json")
    assert window.session.report.cells["active.licensing"] == 8
    typed_not_entered(qtbot, window, "active.licensing", "9")
    window.workspace.summary.open().close()
    assert window.session.report.cells["active.licensing"] == 9


def test_undo_first_commits_the_open_editor_then_undoes_it(qtbot, window):
    before = window.session.report.cells[A("new", "research")]
    window.session.set_cells({"active.licensing": 3})    # something to undo before
    typed_not_entered(qtbot, window, A("new", "research"), "6")
    window.workspace.actions["undo"].trigger()
    assert window.session.report.cells[A("new", "research")] == before
    assert window.session.report.cells["active.licensing"] == 3
    window.workspace.actions["redo"].trigger()           # nothing lost: redo brings it back
    assert window.session.report.cells[A("new", "research")] == 6


def test_log_off_commit_data_request_commits_and_writes(qtbot, window, store):
    typed_not_entered(qtbot, window, "active.licensing", "12")
    entries = window.workspace.entries

    class Manager:            # QSessionManager cannot be constructed; this is its API used
        cancelled = False

        def allowsInteraction(self):
            return True

        def release(self):
            pass

        def cancel(self):
            self.cancelled = True

    manager = Manager()
    entries._commit_data(manager)
    assert not manager.cancelled
    assert store.load(window.session.report_id).cells["active.licensing"] == 12
    assert QGuiApplication.instance().receivers(
        "2commitDataRequest(QSessionManager&)") >= 1     # really connected to the app


def test_fill_zero_per_table_and_for_the_report_is_one_undo_step(qtbot, empty_store, prompts):
    rid = empty_store.save(Report.blank("某镇人民政府", 2025, "township"))
    window = open_window(qtbot, empty_store, prompts)
    window.workspace.open_report(rid)
    session = window.session
    session.set_cells({"active.licensing": 4})
    window.workspace.tabs.show_page("active")
    steps = session.undo_stack.count()
    window.workspace.actions["fill_zero_table"].trigger()
    cells = session.report.cells
    assert cells["active.licensing"] == 4                         # filled stays
    assert session.report.blank_inputs("active") == []
    assert session.report.blank_inputs("applications")            # other tables untouched
    assert session.undo_stack.count() == steps + 1
    window.workspace.actions["fill_zero_all"].trigger()
    assert session.report.blank_inputs() == [] and cells["applications.total.total"] == 0
    assert session.undo_stack.count() == steps + 2
    window.workspace.actions["undo"].trigger()
    assert session.report.blank_inputs("applications") and not session.report.blank_inputs("active")
    assert "H5" in {f.rule for f in session.findings}
    window.close()


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
@pytest.mark.parametrize("command", ["export_word", "export_json", "summary"])
def test_a_refused_entry_stops_export_and_summary_when_the_clerk_corrects_it(qtbot, window, prompts,
                                                                             command):
    """修改: the command does not run and the entry waits in its cell; 放弃: it runs."""
    view, editor = typed_not_entered(qtbot, window, R4, "7x")
    prompts.fix_answers = [True]
    window.workspace.actions[command].trigger()
    assert prompts.shown[-1][0] == "fix_or_discard"
    assert view.open_entry() is not None and editor.text() == "7x"
    assert not window.workspace.files.jobs and window.workspace.summary.dialog is None
    prompts.fix_answers = [False]
    window.workspace.actions[command].trigger()
    ran = (window.workspace.summary.dialog is not None if command == "summary"
           else any(kind == "save_path" for kind, *_ in prompts.shown))
    assert ran
    if window.workspace.summary.dialog is not None:
        window.workspace.summary.dialog.close()
