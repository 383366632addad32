"""Frozen headers and widths that fit: the header rows and label columns stay in view
while the numbers scroll, keys cross the frozen edge, columns fit their contents."""
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QFontMetrics, QWheelEvent
from PySide6.QtWidgets import QApplication

from report_desktop.core import schema
from report_desktop.core.values import MAX_DIGITS

A = schema.application_cell
ROOT = Path(__file__).resolve().parents[2]


def grid(window, table="applications"):
    view = window.workspace.tabs.show_page(table).view
    QApplication.processEvents()
    return view


def visible_below_panes(view, cid):
    """The cell's rectangle lies inside the viewport and clear of the frozen panes."""
    rect = view.visualRect(view.model().index_of(cid))
    frozen = view.frozen
    return (rect.top() >= frozen.height() - 1 and rect.bottom() <= view.viewport().height()
            and rect.left() >= frozen.width() - 1 and rect.right() <= view.viewport().width() + 1)


def test_table_three_header_and_labels_stay_in_view_when_scrolled(qtbot, window):
    window.resize(1024, 768)
    view = grid(window)
    frozen = view.frozen
    assert (frozen.rows, frozen.cols) == (3, 3)
    view.go_to(A("carry_forward", "total"))
    QApplication.processEvents()
    assert view.verticalScrollBar().value() > 0                      # the numbers scrolled
    assert visible_below_panes(view, A("carry_forward", "total"))
    vp = view.viewport().geometry()
    assert frozen.top.isVisible() and frozen.top.geometry().topLeft() == vp.topLeft()
    assert frozen.top.height() == sum(view.rowHeight(r) for r in range(3))
    # The header pane still shows row 0 (申请人情况) at its top: it does not scroll down.
    assert frozen.top.verticalScrollBar().value() == 0
    assert frozen.top.rowAt(1) == 0
    # The label pane moved with the numbers: the label of the current row is beside it.
    row = view.currentIndex().row()
    assert frozen.left.rowAt(view.visualRect(view.currentIndex()).center().y()) == row
    assert frozen.left.verticalScrollBar().value() == view.verticalScrollBar().value()


def test_keys_cross_the_frozen_edge_and_stay_clear_of_it(qtbot, window):
    window.resize(1024, 768)
    view = grid(window)
    model = view.model()
    view.go_to(A("carry_forward", "natural_person"))
    for _ in range(30):                                   # up to the first input row
        qtbot.keyClick(view, Qt.Key.Key_Up)
        assert visible_below_panes(view, model.slot(view.currentIndex()).cell_id)
    assert view.currentIndex() == model.index_of(A("new", "natural_person"))
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex() == model.index_of(A("carry_forward", "natural_person"))
    assert visible_below_panes(view, A("carry_forward", "natural_person"))
    qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert model.slot(view.currentIndex()).cell_id == A("carry_forward", "other_org")  # not 总计
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert visible_below_panes(view, model.slot(view.currentIndex()).cell_id)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert view.currentIndex() == model.index_of(A("new", "natural_person"))
    assert view.verticalScrollBar().value() == 0


def test_table_four_scrolls_sideways_under_its_frozen_header(qtbot, window):
    window.resize(1024, 768)
    view = grid(window, "review_litigation")
    assert (view.frozen.rows, view.frozen.cols) == (3, 0)
    view.go_to("review_litigation.after_review.total")
    QApplication.processEvents()
    assert view.horizontalScrollBar().value() > 0
    assert view.frozen.top.horizontalScrollBar().value() == view.horizontalScrollBar().value()
    assert visible_below_panes(view, "review_litigation.after_review.total")


def test_the_wheel_over_a_frozen_pane_scrolls_the_grid(qtbot, window):
    window.resize(1024, 768)
    view = grid(window)
    pane = view.frozen.left.viewport()
    pos = QPointF(10, pane.height() - 10)
    event = QWheelEvent(pos, pane.mapToGlobal(pos), QPoint(), QPoint(0, -240),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(pane, event)
    assert view.verticalScrollBar().value() > 0
    assert view.frozen.left.verticalScrollBar().value() == view.verticalScrollBar().value()


def test_widths_fit_labels_and_nine_digits_and_pack_at_1920(qtbot, window):
    window.resize(1920, 1080)
    for table in ("active", "applications", "review_litigation"):
        view = grid(window, table)
        fm = QFontMetrics(view.font())
        digits = fm.horizontalAdvance("9" * MAX_DIGITS)
        first_number = view.frozen.cols
        for c in range(first_number, view.model().columnCount()):
            assert view.columnWidth(c) > digits, (table, c)
        # Packed: the grid is no wider than its columns, not the whole 1920 px window.
        assert view.width() <= sum(view.columnWidth(c) for c in range(view.model().columnCount())) + 40
    view = grid(window, "active")
    label = view.visualRect(view.model().index(2, 0))
    number = view.visualRect(view.model().index_of("active.rules.made"))
    assert number.left() - label.right() < 10                        # beside its label
    assert view.columnWidth(0) >= QFontMetrics(view.font()).horizontalAdvance("行政事业性收费")


def test_the_whole_of_table_three_is_reachable_at_150_percent(tmp_path):
    """In a fresh process with QT_SCALE_FACTOR=1.5 (it must be set before Qt starts)."""
    script = tmp_path / "scaled.py"
    script.write_text(SCALED, "utf-8")
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT / "src"), SEED=str(ROOT / "tests" / "data" / "shuozhou-2024.json"))
    out = subprocess.run([sys.executable, str(script), str(tmp_path)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "reachable 0" in out.stdout and "header-visible" in out.stdout, out.stdout


SCALED = r'''
import os, sys
from pathlib import Path
from report_desktop.ui.app import application
app = application()
from PySide6.QtWidgets import QApplication
from report_desktop.core import jsonio, schema
from report_desktop.core.store import Store
from report_desktop.ui.main_window import MainWindow
from report_desktop.ui.prompts import Prompts
store = Store(Path(sys.argv[1]) / "r.sqlite3")
store.save(jsonio.read(Path(os.environ["SEED"])))
win = MainWindow(store, Prompts(None))
win.resize(683, 512)          # a 1024 x 768 screen at 150 %: 683 x 512 logical pixels
win.show()
for _ in range(30): app.processEvents()
view = win.workspace.tabs.show_page("applications").view
for _ in range(10): app.processEvents()
missing = 0
for cid in view.spec.cell_ids():
    view.go_to(cid)
    app.processEvents()
    rect = view.visualRect(view.model().index_of(cid))
    f = view.frozen
    if not (rect.top() >= f.height() - 1 and rect.bottom() <= view.viewport().height()
            and rect.left() >= f.width() - 1 and rect.right() <= view.viewport().width() + 1):
        missing += 1
        print("hidden", cid, rect, f.height(), f.width(), view.viewport().size())
print("reachable", missing)
if view.frozen.top.isVisible() and view.frozen.top.rowAt(1) == 0:
    print("header-visible")
win.close()
'''


def test_mouse_on_numbers_selects_and_on_frozen_labels_does_nothing(qtbot, window):
    window.resize(1024, 768)
    view = grid(window)
    model = view.model()
    view.go_to(A("carry_forward", "research"))                # scrolled to the bottom
    QApplication.processEvents()
    target = model.index_of(A("other_3", "commercial"))
    rect = view.visualRect(target)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.currentIndex() == target
    label = view.frozen.left.viewport()
    qtbot.mouseClick(label, Qt.MouseButton.LeftButton, pos=QPoint(20, label.height() - 20))
    assert view.currentIndex() == target                      # a label is not a cell to fill
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.indexWidget(target) is not None               # double click edits, as in Excel


def test_a_squeezed_label_column_never_grows_past_what_it_needs():
    from report_desktop.ui.grid.widths import LABEL_MIN_EM, PAD, fitted_widths
    em = 13
    assert fitted_widths([105, 79, 79], 1, 100, em) == [105, 79, 79]       # short labels stay
    assert fitted_widths([400, 79], 1, 300, em) == [max(LABEL_MIN_EM * em + PAD, 221), 79]
    assert fitted_widths([50, 300, 79], 2, 10_000, em) == [50, 300, 79]    # room: natural
