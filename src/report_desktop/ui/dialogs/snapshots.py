"""恢复版本: pick one of the named versions (snapshots) of the open report."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout


class SnapshotDialog(QDialog):
    def __init__(self, snapshots, parent=None):
        super().__init__(parent)
        self.setWindowTitle("恢复版本")
        self.list = QListWidget(self)
        for s in snapshots:
            item = QListWidgetItem(f"{s.name}    （{s.created.replace('T', ' ')}）")
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        note = QLabel("恢复后，报告内容变为所选版本；恢复前的内容会自动另存为一个版本，不会丢失。", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton("恢复", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(460, 320)

    def chosen(self) -> int | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
