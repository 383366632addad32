"""从备份中找回报告: pick a backup, then one of the reports in it."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...core import unitname
from .. import theme

EMPTY = "还没有备份。程序每天第一次打开数据文件时自动备份，删除报告前也会备份。"


def chinese_time(when: dt.datetime | str) -> str:
    """2025年1月20日 09:30"""
    if isinstance(when, str):
        try:
            when = dt.datetime.fromisoformat(when)
        except ValueError:
            return when
    return f"{when.year}年{when.month}月{when.day}日 {when:%H:%M}"


class RecoverDialog(QDialog):
    """``entries``: recover.backups_with_reports(); ``current``: {(unit, year)} in the store;
    ``skipped``: how many backups are damaged and not listed."""

    def __init__(self, entries, current: set, skipped: int = 0, parent=None):
        super().__init__(parent)
        self.setWindowTitle("从备份中找回报告")
        self.entries = list(entries)
        self.current = {(unitname.key(u), y) for u, y in current}   # names as people read them
        intro = QLabel("先在左边选择一个备份，再在右边选择要找回的报告。找回的报告会复制到当前数据文件中"
                       "并打开；备份本身不会改动。", self)
        intro.setWordWrap(True)
        self.backups = QListWidget(self)
        for entry in self.entries:
            item = QListWidgetItem(f"{chinese_time(entry.taken)}（{len(entry.reports)}份报告）")
            item.setToolTip(str(entry.path))
            self.backups.addItem(item)
        self.reports = QTreeWidget(self)
        self.reports.setHeaderLabels(["单位", "年度", "最后修改", "当前数据文件中"])
        self.reports.setRootIsDecorated(False)
        self.reports.setAllColumnsShowFocus(True)
        row = QHBoxLayout()
        row.addWidget(self.backups, 2)
        row.addWidget(self.reports, 5)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setStyleSheet(theme.MUTED_TEXT_STYLE)
        if not self.entries:
            self.note.setText(EMPTY)
        elif skipped:
            self.note.setText(f"另有{skipped}个备份已损坏，无法读取，没有列出。")
        self.note.setVisible(bool(self.note.text()))
        buttons = QDialogButtonBox(self)
        self.ok = buttons.addButton("找回", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.backups.currentRowChanged.connect(self._show_reports)
        self.reports.currentItemChanged.connect(lambda *_: self._update_ok())
        self.reports.itemDoubleClicked.connect(lambda *_: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(760, 380)
        self._update_ok()
        if self.entries:
            self.backups.setCurrentRow(0)

    def _show_reports(self, row: int) -> None:
        self.reports.clear()
        if row < 0:
            return
        # Reports no longer in the data file (deleted since) first: what is most often wanted.
        ordered = sorted(self.entries[row].reports,
                         key=lambda r: (self._present(r), r.unit, -r.year))
        for r in ordered:
            present = self._present(r)
            item = QTreeWidgetItem([r.unit, f"{r.year}年", chinese_time(r.modified),
                                    "已有（找回会替换）" if present else "没有"])
            item.setData(0, Qt.ItemDataRole.UserRole, (r.unit, r.year))
            self.reports.addTopLevelItem(item)
        for col in range(3):
            self.reports.resizeColumnToContents(col)
        self.reports.setCurrentItem(self.reports.topLevelItem(0))
        self._update_ok()

    def _present(self, info) -> bool:
        return (unitname.key(info.unit), info.year) in self.current

    def _update_ok(self) -> None:
        self.ok.setEnabled(self.reports.currentItem() is not None)

    def chosen(self):
        """(backup path, unit, year) or None."""
        row, item = self.backups.currentRow(), self.reports.currentItem()
        if row < 0 or item is None:
            return None
        unit, year = item.data(0, Qt.ItemDataRole.UserRole)
        return self.entries[row].path, unit, year
