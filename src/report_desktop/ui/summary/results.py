"""③ 核对结果: who reported and how their reports check out, which files could not be read,
who is missing from the roster, and where the county's own report differs from Σ units."""
from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QScrollArea, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from ...core.rules import ERROR, NOTE, SEVERITY_WORDS, WARNING
from .. import theme
from .footer import button

OK_FG = theme.OK_FG
SHOWN_NAMES = 8
BANNER_LINES = 5          # taller banners scroll
MIN_UNIT_ROWS = 6         # rows of the units list the dialog always keeps visible
SUMMARY_STYLE = theme.SUMMARY_STYLE
# Each line of the summary above the tables tagged in its own colour.
TAGS: dict[str, tuple[str, str]] = {ERROR: ("需处理", theme.ERROR_FG.name()), WARNING: ("请注意", theme.WARNING_FG.name()),
        NOTE: (SEVERITY_WORDS[NOTE], theme.NOTE_FG.name())}


def names_text(names: list[str]) -> str:
    shown = "、".join(names[:SHOWN_NAMES])
    return shown + (f"等 {len(names)} 个" if len(names) > SHOWN_NAMES else "")


def _tree(labels: list[str], parent) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setColumnCount(len(labels))
    tree.setHeaderLabels(labels)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setSelectionMode(QTreeWidget.SelectionMode.ExtendedSelection)
    return tree


def _verdict(errors: int, warnings: int) -> tuple[str, QColor]:
    if errors:
        return f"{errors} 个错误，{warnings} 个提醒", theme.ERROR_FG
    if warnings:
        return f"{warnings} 个提醒", theme.WARNING_FG
    return "通过", OK_FG


class ResultsPanel(QGroupBox):
    """Banner (scrolls when long, never crushes the lists), then the units, then the
    differences with the county's own report, one under the other."""
    unitOpened = Signal(int)     # index into outcome.checks: show that unit's findings

    def __init__(self, parent=None):
        super().__init__("③ 核对结果", parent)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.banner_area = QScrollArea(self)
        self.banner_area.setWidget(self.banner)
        self.banner_area.setWidgetResizable(True)
        self.banner_area.setFrameShape(QFrame.Shape.NoFrame)
        self.banner_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.banner.setStyleSheet(SUMMARY_STYLE)
        lines = self.fontMetrics().lineSpacing()
        self._banner_max = BANNER_LINES * lines + 28     # + the style sheet's padding and border
        self.units = _tree(["单位", "来源", "检查结果"], self)
        header = self.units.header()
        header.setStretchLastSection(True)
        header.resizeSection(0, 200)
        header.resizeSection(1, 130)
        self.units.setMinimumHeight(self._rows_height(self.units, MIN_UNIT_ROWS))
        self.diff_label = QLabel(self)
        self.diff_label.setWordWrap(True)
        self.diffs = _tree(["单元格", "本级报告", "各单位合计"], self)
        header = self.diffs.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.diffs.setMinimumHeight(self._rows_height(self.diffs, 2))
        self.open_button = button("查看问题…", "列出所选单位报告的错误和提醒及其所在的单元格（也可双击该行）", self)
        self.open_button.setEnabled(False)
        self.units.itemDoubleClicked.connect(lambda item, _col: self._open(item))
        self.units.currentItemChanged.connect(
            lambda item, _old: self.open_button.setEnabled(self._index(item) is not None))
        self.open_button.clicked.connect(lambda: self._open(self.units.currentItem()))
        head = QHBoxLayout()
        head.addWidget(QLabel("各单位报送情况（双击一行查看问题；错误多的报告可退回单位修改）：", self), 1)
        head.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner_area)
        layout.addLayout(head)
        layout.addWidget(self.units, 3)
        layout.addWidget(self.diff_label)
        layout.addWidget(self.diffs, 2)

    def _rows_height(self, tree: QTreeWidget, rows: int) -> int:
        """Height that shows ``rows`` rows under the header, with a horizontal scroll bar."""
        row = self.fontMetrics().height() + 6
        return (tree.header().sizeHint().height() + rows * row
                + tree.horizontalScrollBar().sizeHint().height() + 2 * tree.frameWidth())

    # -- showing --------------------------------------------------------------------------
    def _say(self, items: list[tuple[str, str]]) -> None:
        """items: (core.severity.Severity, message), one a line."""
        lines = []
        for severity, message in items:
            tag, colour = TAGS[severity]
            body = html.escape(message).replace("\n", "<br>")
            lines.append(f"<span style='color:{colour}; font-weight:bold'>【{tag}】</span>{body}")
        self.banner.setText("<br>".join(lines))
        self._fit_banner()

    def _fit_banner(self) -> None:
        """As tall as its text, up to BANNER_LINES lines (then it scrolls)."""
        width = self.banner_area.viewport().width() or self.banner_area.width()
        wanted = self.banner.heightForWidth(width) if width > 0 else self.banner.sizeHint().height()
        self.banner_area.setFixedHeight(max(0, min(wanted + 16, self._banner_max)))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_banner()

    def show_message(self, text: str) -> None:
        """No results to show (not read yet, cancelled, inputs changed)."""
        self.units.clear()
        self.open_button.setEnabled(False)
        self.diffs.clear()
        self.diffs.hide()
        self.diff_label.setText("")
        self._say([(NOTE, text)])

    def show_outcome(self, outcome, roster, parent_note: str) -> None:
        """outcome: gather.Outcome; roster: core RosterResult or None (no roster);
        parent_note: what to say when there is nothing to compare with."""
        self._say(self._summary(outcome, roster))
        self._fill_units(outcome, roster)
        self._fill_diffs(outcome, parent_note)

    def _summary(self, outcome, roster) -> list[tuple[str, str]]:
        items: list[tuple[str, str]] = []
        if outcome.problems:
            items.append((ERROR, "以下报告不能一起汇总，请取消勾选或移除其中一份后再核对：\n"
                          + "\n".join(f"    {p}" for p in outcome.problems)))
        if outcome.failures:
            items.append((ERROR, f"有 {len(outcome.failures)} 个文件无法读取，没有计入汇总（原因见下表）。"
                                   "可请报送单位重新发送，或在 Word/Excel 中另存后再添加。"))
        if roster is not None and roster.missing:
            items.append((WARNING, f"名单中有 {len(roster.missing)} 个单位还没有报送：{names_text(roster.missing)}。"))
        if roster is not None and roster.unexpected:
            items.append((NOTE, f"有 {len(roster.unexpected)} 个单位不在名单中：{names_text(roster.unexpected)}"
                                  "。请核对名单或单位名称的写法。"))
        with_errors = [c.unit for c in outcome.checks if c.errors]
        if with_errors:
            items.append((WARNING, f"{len(with_errors)} 个单位的报告有错误：{names_text(with_errors)}。"
                                     "建议退回修改后再汇总。"))
        if not outcome.reports:
            items.append((NOTE, "还没有可汇总的报告：请勾选数据文件中的报告，或添加各单位报送的文件。"))
        elif outcome.total is not None:
            items.append((NOTE, f"可汇总 {len(outcome.reports)} 个单位的报告。"
                                  "点“生成汇总”保存为本级报告，或点“导出汇总”写到文件。"))
        return items

    @staticmethod
    def _index(item) -> int | None:
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def _open(self, item) -> None:
        index = self._index(item)
        if index is not None:
            self.unitOpened.emit(index)

    def _row(self, texts: list[str], colour: QColor | None = None, tip: str = "",
             index: int | None = None) -> None:
        item = QTreeWidgetItem(texts)
        item.setData(0, Qt.ItemDataRole.UserRole, index)
        if colour is not None:
            item.setForeground(2, colour)
        for col in range(len(texts)):
            item.setToolTip(col, (tip or texts[col]) + ("\n双击查看错误和提醒" if index is not None else ""))
        self.units.addTopLevelItem(item)

    def _fill_units(self, outcome, roster) -> None:
        """What needs doing first: files not read, units not reported; then every report."""
        self.units.clear()
        self.open_button.setEnabled(False)
        for path, reason in outcome.failures:
            self._row(["（无法读取）", path.name, reason], theme.ERROR_FG, f"{path}\n{reason}")
        for name in roster.missing if roster is not None else ():
            self._row([name, "—", "未报送"], theme.WARNING_FG)
        unexpected = set(roster.unexpected) if roster is not None else set()
        for i, check in enumerate(outcome.checks):
            text, colour = _verdict(check.errors, check.warnings)
            if check.unit in unexpected:
                text += "；不在名单中"
            source = "数据文件" if i < outcome.from_store else check.source
            self._row([check.unit, source, text], colour, index=i)

    def _fill_diffs(self, outcome, parent_note: str) -> None:
        self.diffs.clear()
        diffs = outcome.differences
        if outcome.total is None:
            self.diff_label.setText("与本级报告比对：能够汇总后才比对。")
        elif diffs is None:
            self.diff_label.setText(f"与本级报告比对：{parent_note}")
        elif not diffs:
            self.diff_label.setText("与本级报告比对：本级已有报告的数字与各单位合计完全一致。")
        else:
            self.diff_label.setText(f"本级已有报告与各单位合计不一致的单元格（{len(diffs)} 处）。"
                                    "生成汇总时会先列出并询问是否用合计替换这些数字（默认保留）：")
        self.diffs.setVisible(bool(diffs))
        for d in diffs or ():
            item = QTreeWidgetItem([d.name, d.parent, d.children])
            item.setToolTip(0, d.name)
            for col in (1, 2):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.diffs.addTopLevelItem(item)

    # -- for tests and for the clerk's eyes ------------------------------------------------
    def rows(self) -> list[list[str]]:
        return [[self.units.topLevelItem(r).text(c) for c in range(3)]
                for r in range(self.units.topLevelItemCount())]

    def diff_rows(self) -> list[list[str]]:
        return [[self.diffs.topLevelItem(r).text(c) for c in range(3)]
                for r in range(self.diffs.topLevelItemCount())]

