"""导入台账 — 待确定的记录: the values the import could not classify (an outcome that fits
no row of 表三 or several, an applicant type, a 表四 result), each with a list of the
official labels for the clerk to choose; nothing is counted for a row until she does.
Values that need typing (an unreadable date) are listed to be corrected in the 台账."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QHeaderView,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from .. import theme

LATER = "（暂不确定）"


class UnclassifiedDialog(QDialog):
    def __init__(self, items: list[tuple], choices: dict[str, list[tuple[str, str]]], parent=None):
        """items: (file row, field title, value as written, message, field name or None);
        choices: field name → [(value key, label)] for the fields that can be chosen."""
        super().__init__(parent)
        self.setWindowTitle("导入台账：请确定这些记录")
        self.items = items
        self.table = QTableWidget(len(items), 4, self)
        self.table.setHorizontalHeaderLabels(["文件行", "项目", "原文", "确定为"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.combos: dict[int, QComboBox] = {}
        for r, (row, title, value, message, name) in enumerate(items):
            for c, text in enumerate((f"第 {row} 行", title, value or "（空）")):
                item = QTableWidgetItem(text)
                item.setToolTip(message)
                self.table.setItem(r, c, item)
            if name in choices:
                combo = QComboBox(self.table)
                combo.addItem(LATER, None)
                for key, label in choices[name]:
                    combo.addItem(label, key)
                combo.setToolTip(message)
                self.table.setCellWidget(r, 3, combo)
                self.combos[r] = combo
                combo.currentIndexChanged.connect(lambda i, r=r: self._same_value(r, i))
            else:
                item = QTableWidgetItem("请在台账中改正")
                item.setToolTip(message)
                self.table.setItem(r, 3, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        box = QDialogButtonBox(self)
        box.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton("以后再定", QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(theme.hint_label(
            f"有 {len(items)} 处内容无法自动归类，这些记录暂不计入表三、表四。请从列表中选择正确的办理结果"
            "（或类别），原文相同的各行随之选定，可再逐行修改；暂时无法确定的可以以后在台账中填写"
            "（筛选“未能归类或有问题的”）。", self))
        layout.addWidget(self.table, 1)
        layout.addWidget(box)
        self.resize(820, 480)

    def _same_value(self, row: int, index: int) -> None:
        """A choice is offered for the other rows with the same words, still undecided."""
        key = (self.items[row][4], self.items[row][2])
        for r, combo in self.combos.items():
            if r != row and (self.items[r][4], self.items[r][2]) == key and combo.currentIndex() == 0:
                combo.setCurrentIndex(index)

    def decisions(self) -> dict[int, str]:
        """index in ``items`` → the value key chosen (rows left undecided are absent)."""
        return {r: c.currentData() for r, c in self.combos.items() if c.currentData() is not None}
