"""The findings panel: every error and warning of the open report, click to go there.

Three groups, counted as the status bar and the tabs count them (progress.left): 错误
(what is wrong), 未填 (blank cells: one line per table, collapsed — a new report has
a hundred of them and they are not mistakes) and 提醒.  Rule codes (H3, P1 …) are for
the command line and the tool tip, not the clerk's list.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QHeaderView, QTreeWidget, QTreeWidgetItem

from ..core.rules import ERROR, RULE_TITLES, SEVERITY_WORDS, WARNING, Finding
from . import theme
from .progress import left, tab_of
from .session import follow

_ROLE = Qt.ItemDataRole.UserRole
NOTHING = "没有发现错误或提醒。导出前仍请通读全文。"


def tooltip(finding: Finding) -> str:
    """The whole message, its context, and the rule it comes from (as docs/rules.md names it)."""
    lines = [finding.message]
    if finding.detail:
        lines.append(finding.detail)
    lines.append(f"检查规则：{finding.rule} {RULE_TITLES.get(finding.rule, '')}".rstrip())
    return "\n".join(lines)


class FindingsPanel(QDockWidget):
    activated = Signal(object)   # the Finding the clerk clicked

    def __init__(self, parent=None):
        super().__init__("检查结果", parent)
        self.setObjectName("FindingsDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["检查项", "说明（单击转到相应位置）"])
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 190)
        self.setWidget(self.tree)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.session = None
        self.groups: dict[str, QTreeWidgetItem] = {}

    def set_session(self, session) -> None:
        follow(self.session, session, findingsChanged=self.refresh)
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        expanded = {k: g.isExpanded() for k, g in self.groups.items()}
        self.tree.clear()
        self.groups = {}
        findings = self.session.findings if self.session else []
        state = left(self.session.report, findings) if self.session else None
        if state is None or not (state.errors or state.blanks or state.warnings):
            self.setWindowTitle("检查结果：没有发现问题")
            item = QTreeWidgetItem(["", NOTHING])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            return
        self.setWindowTitle(f"检查结果：{state.counts()}")
        self._group(ERROR, f"{SEVERITY_WORDS[ERROR]} {len(state.errors)}", theme.ERROR_FG,
                    [self._item(f, theme.ERROR_FG) for f in state.errors], expanded.get(ERROR, True))
        self._group("blank", f"未填 {len(state.blanks)}（没有发生的填0）", theme.MUTED_FG,
                    self._blank_items(state.blanks), expanded.get("blank", False))
        self._group(WARNING, f"{SEVERITY_WORDS[WARNING]} {len(state.warnings)}", theme.WARNING_FG,
                    [self._item(f, theme.WARNING_FG) for f in state.warnings],
                    expanded.get(WARNING, True))

    def _group(self, key: str, title: str, colour, children: list, expanded: bool) -> None:
        if not children:
            return
        group = QTreeWidgetItem([title])
        group.setFirstColumnSpanned(True)
        group.setForeground(0, colour)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.addChildren(children)
        self.tree.addTopLevelItem(group)
        group.setFirstColumnSpanned(True)
        group.setExpanded(expanded)
        self.groups[key] = group

    @staticmethod
    def _item(f: Finding, colour) -> QTreeWidgetItem:
        item = QTreeWidgetItem([RULE_TITLES.get(f.rule, SEVERITY_WORDS.get(f.severity, "")),
                                f.message])
        item.setForeground(0, colour)
        item.setToolTip(0, tooltip(f))
        item.setToolTip(1, tooltip(f))
        item.setData(0, _ROLE, f)
        return item

    @staticmethod
    def _blank_items(blanks: list) -> list:
        """One line per table: how many cells are blank there; a click goes to the first."""
        from .tabs import TAB_KEYS, TAB_LABELS
        labels = dict(zip(TAB_KEYS, TAB_LABELS))
        by_tab: dict[str, list] = {}
        for f in blanks:
            by_tab.setdefault(tab_of(f) or "", []).append(f)
        items = []
        for key, mine in by_tab.items():
            item = QTreeWidgetItem([labels.get(key, key),
                                    f"{len(mine)} 个空格未填（单击转到第一个）"])
            item.setToolTip(1, "\n".join(f.message for f in mine[:12])
                            + (f"\n……另有 {len(mine) - 12} 个" if len(mine) > 12 else ""))
            item.setData(0, _ROLE, mine[0])
            items.append(item)
        return items

    def items(self) -> list[tuple[QTreeWidgetItem, Finding]]:
        """Every line that goes somewhere, in the panel's order, with its finding."""
        out = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for c in range(group.childCount()):
                child = group.child(c)
                out.append((child, child.data(0, _ROLE)))
        return out

    def select_next(self) -> Finding | None:
        """The line after the current one (the first after the last) made current, its
        group opened; its finding."""
        items = self.items()
        if not items:
            return None
        current = self.tree.currentItem()
        rows = [i for i, (item, _f) in enumerate(items) if item is current]
        item, finding = items[(rows[0] + 1) % len(items) if rows else 0]
        group = item.parent()
        if group is not None:
            group.setExpanded(True)
        self.tree.setCurrentItem(item)
        return finding

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, _ROLE)
        if finding is not None:
            self.activated.emit(finding)
        elif item.childCount():
            item.setExpanded(not item.isExpanded())     # a group: open or close it
