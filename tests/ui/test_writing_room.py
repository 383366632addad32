"""Issue 12 (a): text sections keep their room, the draft-marker line is marked, every tab
says what is left, the status bar goes there, and the tool bar does not move while typing.

Real events throughout: Chinese arrives as input-method commits, clicks are mouse clicks."""
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent, QInputMethodEvent, QTextFormat
from PySide6.QtWidgets import QApplication, QToolBar, QToolTip

from report_desktop.core import rollover, schema
from report_desktop.core.rollover import DRAFT_MARKER
from report_desktop.ui import theme
from report_desktop.ui.text_banner import DRAFT_HINT
from report_desktop.ui.text_marks import DRAFT_TIP

from conftest import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")
A = schema.application_cell
SIZES = [(1024, 768), (1366, 768), (1920, 1080)]


def commit(widget, text: str) -> None:
    """What an input method sends when the clerk picks Chinese characters."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def draft_window(qtbot, store, seed_report, prompts):
    """The 2025 draft made by 从上一年创建 from the 2024 report: draft markers, many findings."""
    draft = rollover.from_previous(seed_report)
    draft.texts["overview"] = draft.texts["overview"].replace("15件", "12件", 1)
    rid = store.save(draft)
    store.set_setting("last_report_id", str(rid))
    w = open_window(qtbot, store, prompts)
    assert w.session.report.year == seed_report.year + 1
    yield w
    w.close()


def settle(qtbot, window, w, h):
    window.resize(w, h)
    qtbot.waitUntil(lambda: window.height() == h)
    QApplication.processEvents()
    qtbot.wait(20)


@pytest.mark.parametrize("size", SIZES)
def test_the_editor_keeps_half_the_window_however_many_findings(qtbot, draft_window, size):
    win = draft_window
    tab = win.workspace.tabs.show_page("overview")
    assert sum(f.text_key == "overview" or "text.overview" in f.cells
               for f in win.session.findings) > 50
    settle(qtbot, win, *size)
    assert win.height() == size[1]                        # the window did not grow to fit
    assert tab.editor.height() >= size[1] // 2
    # The banner: two lines at most, the draft hint whole (it names the line to delete).
    lines = tab.banner.text().split("\n")
    assert len(lines) == 2 and lines[0] == DRAFT_HINT
    assert tab.banner.height() <= 3 * tab.banner.fontMetrics().height()
    assert "提醒" in lines[1] and "波浪线" in tab.banner.full_text()


def test_the_draft_marker_line_is_painted_and_explains_itself(qtbot, draft_window):
    tab = draft_window.workspace.tabs.show_page("overview")
    editor = tab.editor
    text = editor.toPlainText()
    start = text.index(DRAFT_MARKER)
    full = [s for s in editor.extraSelections()
            if s.format.property(QTextFormat.Property.FullWidthSelection)]
    assert len(full) == 1 and full[0].cursor.position() == start
    assert full[0].format.background().color() == theme.WARNING_BG
    # Hovering the marker shows what to do with it.
    c = editor.textCursor()
    c.setPosition(start + 3)
    pos = editor.cursorRect(c).center()
    QApplication.sendEvent(editor.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos,
                                                         editor.viewport().mapToGlobal(pos)))
    assert QToolTip.text() == DRAFT_TIP
    # Deleting the line (as the clerk does once the section is rewritten) removes the paint.
    draft_window.session.set_text("overview", text.replace(DRAFT_MARKER + "\n", ""), merge=False)
    qtbot.waitUntil(lambda: not [s for s in editor.extraSelections()
                                 if s.format.property(QTextFormat.Property.FullWidthSelection)])
    qtbot.waitUntil(lambda: DRAFT_HINT not in tab.banner.text())


def tab_text(window, key):
    from report_desktop.ui.tabs import TAB_KEYS
    return window.workspace.tabs.tabText(TAB_KEYS.index(key))


def test_each_tab_shows_its_state(qtbot, draft_window):
    win = draft_window
    assert tab_text(win, "overview").endswith("草稿")
    # 从上一年创建 carries 上年结转 only: the rest of 表三 is to be filled, 表四 not begun.
    blanks = len(win.session.report.blank_inputs("applications"))
    assert blanks == 138 and tab_text(win, "applications").endswith(f"未填 {blanks}")
    assert tab_text(win, "review_litigation").endswith("未填写")
    # Emptying a text section makes it 未填写; typing into it takes that away.
    tab = win.workspace.tabs.show_page("problems")
    tab.editor.selectAll()
    tab.editor.textCursor().removeSelectedText()
    win.session.revalidate()
    assert tab_text(win, "problems").endswith("未填写")
    tab.editor.setFocus()
    commit(tab.editor, "本年度未发现问题。")
    win.session.revalidate()
    assert not tab_text(win, "problems").endswith("未填写")


def test_status_bar_counts_blank_cells_and_a_click_goes_to_the_first(qtbot, store, seed_report,
                                                                     prompts):
    seed_report.cells[A("granted", "commercial")] = None        # two blank cells to fill
    seed_report.cells[A("withheld_3", "research")] = None
    store.save(seed_report)
    win = open_window(qtbot, store, prompts)
    progress = win.workspace.progress
    assert progress.button.text() == "还有 2 个空格未填"
    assert tab_text(win, "applications").endswith("未填 2")
    qtbot.mouseClick(progress.button, Qt.MouseButton.LeftButton)
    assert win.workspace.tabs.current_key() == "applications"
    view = win.workspace.pages["applications"].view
    assert view.currentIndex() == view.model().index_of(A("granted", "commercial"))
    # Fill one through the real editor: one blank left.
    qtbot.keyClick(view, Qt.Key.Key_0)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: progress.button.text() == "还有 1 个空格未填")
    win.close()


def test_blank_tables_count_the_cells_to_fill_not_the_totals(qtbot, store, seed_report, prompts):
    for cid in schema.CELL_IDS:
        seed_report.cells[cid] = None
    store.save(seed_report)
    win = open_window(qtbot, store, prompts)
    to_fill = sum(not schema.CELLS[c].is_total for c in schema.CELL_IDS)
    assert win.workspace.progress.button.text() == f"还有 {to_fill} 个空格未填"
    for key in ("active", "applications", "review_litigation"):
        assert tab_text(win, key).endswith("未填写")
    qtbot.mouseClick(win.workspace.progress.button, Qt.MouseButton.LeftButton)
    assert win.workspace.tabs.current_key() == "active"          # 表二 comes first
    win.close()


def test_errors_come_before_blanks_and_a_finished_report_says_so(qtbot, store, seed_report,
                                                                  prompts):
    seed_report.cells[A("granted", "commercial")] = None
    seed_report.cells[A("new", "total")] = 99                   # H2: a real error
    store.save(seed_report)
    win = open_window(qtbot, store, prompts)
    progress = win.workspace.progress
    assert progress.button.text() == "还有 2 处错误、1 个空格未填"   # H2 and H3
    qtbot.mouseClick(progress.button, Qt.MouseButton.LeftButton)
    view = win.workspace.pages["applications"].view
    assert view.currentIndex() == view.model().index_of(A("new", "total"))
    win.session.set_cells({A("granted", "commercial"): 0})
    win.workspace.actions["totals"].trigger()                  # 重新计算全部合计
    win.session.revalidate()
    # Only punctuation warnings remain in the published sample.
    assert progress.button.text().startswith("可以导出；") and "提醒请核对" in progress.button.text()
    win.close()


def toolbar(window) -> QToolBar:
    return window.findChild(QToolBar, "MainToolBar")


def button_geometry(window):
    bar = toolbar(window)
    return [(a.iconText(), bar.widgetForAction(a).geometry()) for a in bar.actions()
            if bar.widgetForAction(a) is not None and bar.widgetForAction(a).isVisible()]


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_toolbar_stays_put_while_typing(qtbot, window, size):
    settle(qtbot, window, *size)
    ws = window.workspace
    bar = toolbar(window)
    export = bar.widgetForAction(ws.actions["export_word"])
    assert export.isVisible() and bar.rect().contains(export.geometry())     # not in »
    before = button_geometry(window)
    tab = ws.tabs.show_page("overview")
    tab.editor.setFocus()
    for words in ("本年度", "全县政务公开工作", "取得新进展。"):
        commit(tab.editor, words)
        qtbot.wait(10)
        assert button_geometry(window) == before
    undo = ws.actions["undo"]
    assert bar.widgetForAction(undo).text() == "撤销"
    assert undo.isEnabled() and undo.text().startswith("撤销 ") and len(undo.text()) > 3
    assert undo.toolTip().startswith("撤销：")
    # A long description (a cell of 表三) changes the menu entry and tool tip, not the bar.
    view = ws.pages["applications"].view
    ws.tabs.show_page("applications")
    view.go_to(A("other_2", "public_interest"))
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    assert button_geometry(window) == before
    assert len(undo.text()) <= 34 and undo.toolTip().startswith("撤销：")
    assert bar.widgetForAction(undo).text() == "撤销"
    ws.actions["undo"].trigger()
    redo = ws.actions["redo"]
    assert redo.isEnabled() and bar.widgetForAction(redo).text() == "重做"
    assert button_geometry(window) == before


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)])
def test_tabs_stay_put_when_a_state_changes(qtbot, window, size):
    """完成 → 未填 1 → 完成 on 二、主动公开 while the clerk types: no tab moves or resizes,
    and all seven tabs stay in view (no scroll arrows) at 1024 px."""
    from report_desktop.ui.tabs import TAB_KEYS
    settle(qtbot, window, *size)
    ws = window.workspace
    bar = ws.tabs.tabBar()

    def rects():
        return [bar.tabRect(i) for i in range(bar.count())]

    before, label = rects(), tab_text(window, "active")
    assert sum(r.width() for r in before) <= bar.width()
    assert all(bar.rect().contains(r) for r in before)
    view = ws.pages["active"].view
    ws.tabs.show_page("active")
    cell = view.spec.cell_ids()[0]
    old = ws.session.report.get(cell)
    view.go_to(cell)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: "未填 1" in tab_text(window, "active"))
    assert tab_text(window, "active") != label and rects() == before
    view.go_to(cell)
    for digit in str(old):
        qtbot.keyClick(view if digit == str(old)[0] else view.focusWidget(), digit)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: tab_text(window, "active") == label)
    assert rects() == before
    assert TAB_KEYS[bar.currentIndex()] == "active"


@pytest.mark.parametrize("height", [768, 1080])
def test_findings_panel_first_height_follows_the_screen(qtbot, store, prompts, height):
    """Five rows on a 768-pixel screen, about eight on a 1080 one; the editor keeps half."""
    from report_desktop.ui.main_window import MainWindow
    window = MainWindow.deferred(prompts)
    qtbot.addWidget(window)
    window.resize(1366 if height == 768 else 1920, height)
    window.show()
    qtbot.waitExposed(window)
    window.populate(store)
    tab = window.workspace.tabs.show_page("overview")
    QApplication.processEvents()
    panel = window.workspace.findings.height()
    assert (120 <= panel <= 150) if height == 768 else panel >= 180
    assert tab.editor.height() >= window.height() // 2
    window.close()


def test_edit_menu_describes_the_edit(qtbot, window):
    ws = window.workspace
    tab = ws.tabs.show_page("other")
    tab.editor.setFocus()
    commit(tab.editor, "无。")
    edit_menu = window.menus["edit"]
    texts = [a.text() for a in edit_menu.actions()]
    assert any(t.startswith("撤销 ") for t in texts)

