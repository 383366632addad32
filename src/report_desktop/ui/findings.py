"""The findings panel: every error and warning of the open report, click to go there."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QHeaderView, QTreeWidget, QTreeWidgetItem

from ..core.rules import ERROR, RULE_TITLES, SEVERITY_WORDS, Finding
from . import theme
from .session import follow

_ROLE = Qt.ItemDataRole.UserRole


def target_of(finding: Finding) -> str | None:
    """Where a click on the finding goes: the text it is about, else its first cell."""
    for c in finding.cells:
        if c.startswith("text."):
            return c
    return finding.cells[0] if finding.cells else None


class FindingsPanel(QDockWidget):
    activated = Signal(object)   # the Finding the clerk clicked

    def __init__(self, parent=None):
        super().__init__("检查结果", parent)
        self.setObjectName("FindingsDock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                         | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.tree = QTreeWidget(self)
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["类型", "检查项", "说明（单击转到相应位置）"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, 56)
        header.resizeSection(1, 170)
        self.setWidget(self.tree)
        self.tree.itemClicked.connect(self._clicked)
        self.tree.itemActivated.connect(self._clicked)
        self.session = None

    def set_session(self, session) -> None:
        follow(self.session, session, findingsChanged=self.refresh)
        self.session = session
        self.refresh()

    def refresh(self) -> None:
        self.tree.clear()
        findings = self.session.findings if self.session else []
        errors = sum(f.severity == ERROR for f in findings)
        self.setWindowTitle(f"检查结果：{errors} 个错误，{len(findings) - errors} 个提醒"
                            if findings else "检查结果：没有发现问题")
        if not findings:
            item = QTreeWidgetItem(["", "", "没有发现错误或提醒。导出前仍请通读全文。"])
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            return
        items = []
        for f in findings:
            tag = SEVERITY_WORDS[f.severity]
            item = QTreeWidgetItem([tag, f"{f.rule} {RULE_TITLES.get(f.rule, '')}", f.message])
            item.setForeground(0, theme.ERROR_FG if f.severity == ERROR else theme.WARNING_FG)
            item.setToolTip(2, f"{f.message}\n{f.detail}" if f.detail else f.message)
            item.setData(0, _ROLE, f)
            items.append(item)
        self.tree.addTopLevelItems(items)

    def finding_at(self, row: int) -> Finding | None:
        item = self.tree.topLevelItem(row)
        return item.data(0, _ROLE) if item else None

    def _clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        finding = item.data(0, _ROLE)
        if finding is not None:
            self.activated.emit(finding)
