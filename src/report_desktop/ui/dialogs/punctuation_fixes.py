"""全部修正标点: the changes listed before they are applied."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout


class PunctuationFixesDialog(QDialog):
    def __init__(self, section: str, changes: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle("全部修正标点")
        head = QLabel(f"将修正“{section}”中的 {len(changes)} 处标点（半角改全角、删除多余空格和重复标点）。"
                      "修正后可用“撤销”一步恢复。", self)
        head.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.addItems(changes)
        buttons = QDialogButtonBox(self)
        buttons.addButton("全部修正", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)
