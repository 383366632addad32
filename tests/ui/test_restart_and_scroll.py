"""Item 8 of issue 23, in the window: a restart returns to the tab last used, and a
scrolled table never shows its first row half hidden under the frozen header."""
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

from report_desktop.ui.main_window import MainWindow
from report_desktop.ui.tabs import TAB_KEYS

from conftest import open_window


def _click_tab(qtbot, window, key: str) -> None:
    bar = window.workspace.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                     pos=bar.tabRect(TAB_KEYS.index(key)).center())


def test_restart_opens_the_tab_last_used(qtbot, store, prompts):
    first = open_window(qtbot, store, prompts)
    _click_tab(qtbot, first, "review_litigation")
    assert first.workspace.tabs.current_key() == "review_litigation"
    first.close()
    second = open_window(qtbot, store, prompts)
    assert second.workspace.tabs.current_key() == "review_litigation"
    _click_tab(qtbot, second, "problems")
    second.close()
    third = MainWindow(store, prompts)            # as run() builds it, before it is shown
    qtbot.addWidget(third)
    assert third.workspace.tabs.current_key() == "problems"
    third.close()


def test_a_fresh_data_file_opens_on_the_first_tab(qtbot, store, prompts):
    window = open_window(qtbot, store, prompts)
    assert window.workspace.tabs.current_key() == "info"
    window.close()


# -- whole rows under the frozen header ------------------------------------------------------
def _table_three(window):
    window.resize(1024, 768)
    view = window.workspace.tabs.show_page("applications").view
    QApplication.processEvents()
    return view


def _first_row_whole(view) -> bool:
    """The first row under the frozen header starts right at its lower edge."""
    top = view.frozen.height()
    row = view.rowAt(top)
    return view.rowViewportPosition(row) == top


def _wheel(view, pixels: int, angle: int) -> None:
    vp = view.viewport()
    pos = QPointF(vp.width() - 30, vp.height() - 30)
    event = QWheelEvent(pos, QPointF(vp.mapToGlobal(pos.toPoint())), QPoint(0, pixels),
                        QPoint(0, angle), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(vp, event)
    QApplication.processEvents()


@pytest.mark.parametrize("pixels,angle", [(0, -120), (-7, -7), (-35, -35)])
def test_the_wheel_stops_at_whole_rows_both_ways(qtbot, window, pixels, angle):
    view = _table_three(window)
    bar = view.verticalScrollBar()
    seen = set()
    for _ in range(40):                                    # down to the end …
        _wheel(view, pixels, angle)
        assert _first_row_whole(view), bar.value()
        seen.add(bar.value())
    assert bar.value() == bar.maximum() and len(seen) > 3  # … it moved, and reached the end
    last_row = view.model().rowCount() - 1
    assert view.rowViewportPosition(last_row) + view.rowHeight(last_row) <= view.viewport().height()
    for _ in range(40):                                    # … and back up
        _wheel(view, -pixels, -angle)
        assert _first_row_whole(view), bar.value()
    assert bar.value() == 0


def test_clicks_on_the_scroll_bar_and_page_keys_stop_at_whole_rows(qtbot, window):
    view = _table_three(window)
    bar = view.verticalScrollBar()
    option = QStyleOptionSlider()
    bar.initStyleOption(option)
    groove = bar.style().subControlRect(QStyle.ComplexControl.CC_ScrollBar, option,
                                        QStyle.SubControl.SC_ScrollBarAddPage, bar)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=groove.center())   # one page down
    assert bar.value() > 0 and _first_row_whole(view)
    view.setFocus()
    view.setCurrentIndex(view.model().index(view.frozen.rows, view.frozen.cols))
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        assert _first_row_whole(view), bar.value()
    bar.setSliderPosition(bar.maximum() // 3 + 5)          # as a drag of the handle leaves it
    assert _first_row_whole(view)
