"""Item 2 of issue 23: blank cells are 未填, not 错误, and the window counts one way.

A report with every cell of 表二 blank, two blanks in 表三 and one real mistake (H2):
the panel, the status bar and the tab labels give the same numbers; the 未填 group is
closed until the clerk opens it with the mouse; no rule code is shown in the list."""
import re

from PySide6.QtCore import Qt

from report_desktop.core import schema
from report_desktop.ui.progress import left

from conftest import open_window

A = schema.application_cell
CODE = re.compile(r"\b[HSP]\d{1,2}\b")


def _active_blanks() -> list[str]:
    """Every cell of 表二 the clerk fills in but the first (a table with nothing at all
    is 未填写, not counted)."""
    return [c for c in schema.CELL_IDS if c.startswith("active.") and not schema.CELLS[c].is_total][1:]


def _window(qtbot, store, seed_report, prompts):
    for cid in _active_blanks():
        seed_report.cells[cid] = None
    seed_report.cells[A("granted", "commercial")] = None
    seed_report.cells[A("withheld_3", "research")] = None
    seed_report.cells[A("new", "total")] = 99                     # H2 and H3: real errors
    store.save(seed_report)
    return open_window(qtbot, store, prompts)


def _click(qtbot, tree, item):
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton,
                     pos=tree.visualItemRect(item).center())


def test_blanks_are_counted_apart_from_errors_everywhere(qtbot, store, seed_report, prompts):
    win = _window(qtbot, store, seed_report, prompts)
    ws = win.workspace
    state = left(win.session.report, win.session.findings)
    blanks_active = len(_active_blanks())
    assert len(state.blanks) == blanks_active + 2
    assert len(state.errors) == 2
    numbers = f"错误 2 · 未填 {blanks_active + 2} · 提醒 {len(state.warnings)}"
    assert ws.findings.windowTitle() == f"检查结果：{numbers}"
    assert numbers in ws.counts.text()
    assert ws.progress.button.text() == f"还有 2 处错误、{blanks_active + 2} 个空格未填"
    tabs = ws.tabs
    assert tabs.tabText(2).endswith(f"未填 {blanks_active}")      # 表二: blanks only
    assert tabs.tabText(3).endswith("错误 2")                      # 表三: its errors first
    panel = ws.findings
    errors, blanks = panel.groups["error"], panel.groups["blank"]
    assert errors.isExpanded() and not blanks.isExpanded()
    assert errors.childCount() == 2
    assert blanks.childCount() == 2                               # one line per table
    assert blanks.text(0).startswith(f"未填 {blanks_active + 2}")


def test_no_rule_code_in_the_list_but_in_the_tool_tip(qtbot, store, seed_report, prompts):
    win = _window(qtbot, store, seed_report, prompts)
    panel = win.workspace.findings
    texts = []
    for g in range(panel.tree.topLevelItemCount()):
        group = panel.tree.topLevelItem(g)
        texts.append(group.text(0))
        for c in range(group.childCount()):
            texts += [group.child(c).text(0), group.child(c).text(1)]
    assert not [t for t in texts if CODE.search(t)], texts
    item, finding = next((i, f) for i, f in panel.items() if f.rule == "H2")
    assert "H2" in item.toolTip(1) and finding.message in item.toolTip(1)


def test_the_clerk_opens_the_blank_group_and_goes_to_a_tables_first_blank(qtbot, store,
                                                                            seed_report, prompts):
    win = _window(qtbot, store, seed_report, prompts)
    ws = win.workspace
    panel = ws.findings
    blanks = panel.groups["blank"]
    _click(qtbot, panel.tree, blanks)                 # a click on the group opens it
    assert blanks.isExpanded()
    line = next(blanks.child(i) for i in range(blanks.childCount())
                if blanks.child(i).text(0) == "三、依申请公开")
    assert line.text(1).startswith("2 个空格未填")
    _click(qtbot, panel.tree, line)
    assert ws.tabs.current_key() == "applications"
    view = ws.pages["applications"].view
    assert view.currentIndex() == view.model().index_of(A("granted", "commercial"))
    # The group stays open across a check; filling the cell leaves one blank there.
    qtbot.keyClick(view, Qt.Key.Key_0)
    qtbot.keyClick(view.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.groups["blank"].isExpanded()
                    and any(panel.groups["blank"].child(i).text(1).startswith("1 个")
                            for i in range(panel.groups["blank"].childCount())))
    assert "未填 " in ws.counts.text()
    win.close()


def test_next_finding_walks_errors_then_blanks_then_warnings(qtbot, store, seed_report, prompts):
    win = _window(qtbot, store, seed_report, prompts)
    ws = win.workspace
    seen = []
    for _ in range(4):
        ws.actions["next"].trigger()
        seen.append(ws.findings.tree.currentItem().parent())
    groups = ws.findings.groups
    assert seen == [groups["error"], groups["error"], groups["blank"], groups["blank"]]
    assert groups["blank"].isExpanded()               # opened where F8 went
