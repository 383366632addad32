"""修改单位名称: rename the unit in all its years (the default) or in this report only, and
replace the old name in the report's text."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QRadioButton,
                               QVBoxLayout)


def mention_question(old: str, new: str, mentions: int) -> str:
    return f"正文中有 {mentions} 处“{old}”，一并改为“{new}”？"


class RenameUnitDialog(QDialog):
    def __init__(self, old: str, new: str, years: list[int], mentions: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("修改单位名称")
        head = QLabel(f"把单位名称“{old}”改为“{new}”。", self)
        head.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        self.all_years = QRadioButton(
            f"所有年度的报告都改名（{'、'.join(str(y) for y in sorted(years))}年，推荐）", self)
        self.only_this = QRadioButton("只改本报告（与其他年度的报告不再算作同一单位）", self)
        self.all_years.setChecked(True)
        if len(years) > 1:
            layout.addWidget(self.all_years)
            layout.addWidget(self.only_this)
            note = QLabel("所有年度都改名，“从上一年创建”和跨年度核对仍能找到上一年的报告。", self)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.texts = QCheckBox(mention_question(old, new, mentions), self)
        self.texts.setChecked(True)
        self.mentions = mentions
        if mentions:
            layout.addWidget(self.texts)
        else:
            self.texts.hide()
        buttons = QDialogButtonBox(self)
        ok = buttons.addButton("改名", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        ok.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(min(560, max(380, self.sizeHint().width())))

    def choice(self) -> tuple[bool, bool]:
        """(all years, replace the old name in the text)."""
        return self.all_years.isChecked(), bool(self.mentions) and self.texts.isChecked()
