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
_GROUPS = (ERROR, "blank", WARNING)      # in the panel's order
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
        self._lines: dict[str, list] = {}     # group → (what each line shows, its finding)

    def set_session(self, session) -> None:
        follow(self.session, session, findingsChanged=self.refresh)
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        """Show the session's findings.  Only the lines that changed are replaced: after a
        keystroke most findings are the same (rebuilding ~90 lines took longer than the
        checks).  As a rebuild did, it leaves no line current ("next" starts over)."""
        findings = self.session.findings if self.session else []
        state = left(self.session.report, findings) if self.session else None
        self.tree.setCurrentItem(None)
        self.tree.clearSelection()
        if state is None or not (state.errors or state.blanks or state.warnings):
            self.setWindowTitle("检查结果：没有发现问题")
            if self.groups or not self.tree.topLevelItemCount():
                self.tree.clear()
                self.groups, self._lines = {}, {}
                item = QTreeWidgetItem(["", NOTHING])
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(item)
            return
        if not self.groups:
            self.tree.clear()                 # the "nothing found" line
        self.setWindowTitle(f"检查结果：{state.counts()}")
        self._sync(ERROR, f"{SEVERITY_WORDS[ERROR]} {len(state.errors)}", theme.ERROR_FG,
                   [(self._key(f), f) for f in state.errors], True)
        self._sync("blank", f"未填 {len(state.blanks)}（没有发生的填0）", theme.MUTED_FG,
                   self._blank_lines(state.blanks), False)
        self._sync(WARNING, f"{SEVERITY_WORDS[WARNING]} {len(state.warnings)}", theme.WARNING_FG,
                   [(self._key(f), f) for f in state.warnings], True)

    @staticmethod
    def _key(f: Finding) -> tuple:
        """What a finding's line shows (its title, message and tool tip)."""
        return f.rule, f.severity, f.message, f.detail

    def _sync(self, key: str, title: str, colour, lines: list, expanded: bool) -> None:
        """Make group ``key`` show ``lines`` ((what the line shows, its finding), in order):
        the lines that differ in the middle are replaced, the others get the new finding."""
        group = self.groups.get(key)
        if not lines:
            if group is not None:
                self.tree.takeTopLevelItem(self.tree.indexOfTopLevelItem(group))
                del self.groups[key]
                del self._lines[key]
            return
        if group is None:
            self._group(key, title, colour, [self._line(key, k, f, colour) for k, f in lines],
                        expanded)
            self._lines[key] = lines
            return
        if group.text(0) != title:
            group.setText(0, title)
        old = self._lines[key]
        start, n_old, n_new = 0, len(old), len(lines)
        while start < min(n_old, n_new) and old[start][0] == lines[start][0]:
            start += 1
        end_old, end_new = n_old, n_new
        while end_old > start and end_new > start and old[end_old - 1][0] == lines[end_new - 1][0]:
            end_old, end_new = end_old - 1, end_new - 1
        for _ in range(end_old - start):
            group.takeChild(start)
        if end_new > start:
            group.insertChildren(start, [self._line(key, k, f, colour)
                                         for k, f in lines[start:end_new]])
        for i in (*range(start), *range(end_new, n_new)):
            j = i if i < start else i - n_new + n_old     # where the kept line was
            child = group.child(i)
            if old[j][1] is not lines[i][1] and child is not None:
                child.setData(0, _ROLE, lines[i][1])
        self._lines[key] = lines

    def _line(self, key: str, shown: tuple, f: Finding, colour) -> QTreeWidgetItem:
        return self._blank_item(shown, f) if key == "blank" else self._item(f, colour)

    def _group(self, key: str, title: str, colour, children: list, expanded: bool) -> None:
        group = QTreeWidgetItem([title])
        group.setFirstColumnSpanned(True)
        group.setForeground(0, colour)
        font = group.font(0)
        font.setBold(True)
        group.setFont(0, font)
        group.addChildren(children)
        at = sum(k in self.groups for k in _GROUPS[:_GROUPS.index(key)])   # groups above it
        self.tree.insertTopLevelItem(at, group)
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
    def _blank_lines(blanks: list) -> list[tuple[tuple[str, str, str], Finding]]:
        """One line per table: how many cells are blank there; a click goes to the first."""
        from .tabs import TAB_KEYS, TAB_LABELS
        labels = dict(zip(TAB_KEYS, TAB_LABELS))
        by_tab: dict[str, list] = {}
        for f in blanks:
            by_tab.setdefault(tab_of(f) or "", []).append(f)
        return [((labels.get(key, key), f"{len(mine)} 个空格未填（单击转到第一个）",
                  "\n".join(f.message for f in mine[:12])
                  + (f"\n……另有 {len(mine) - 12} 个" if len(mine) > 12 else "")), mine[0])
                for key, mine in by_tab.items()]

    @staticmethod
    def _blank_item(shown: tuple[str, str, str], first: Finding) -> QTreeWidgetItem:
        label, text, tip = shown
        item = QTreeWidgetItem([label, text])
        item.setToolTip(1, tip)
        item.setData(0, _ROLE, first)
        return item

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
