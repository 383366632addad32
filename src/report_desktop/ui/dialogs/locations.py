"""数据文件和日志位置: where the data file, its backups and the logs are, each with
打开文件夹 (the system's file manager) and 复制路径 (for a message to the county or IT)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QGridLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout)


class LocationsDialog(QDialog):
    def __init__(self, places: list[tuple[str, Path, Path]], parent=None):
        """``places``: (label, the path shown and copied, the folder opened)."""
        super().__init__(parent)
        self.setWindowTitle("数据文件和日志位置")
        grid = QGridLayout()
        self.buttons: dict[str, tuple[QPushButton, QPushButton]] = {}
        for row, (label, path, folder) in enumerate(places):
            shown = QLineEdit(str(path), self)
            shown.setReadOnly(True)
            shown.setCursorPosition(0)
            shown.setMinimumWidth(380)
            open_button = QPushButton("打开文件夹", self)
            copy_button = QPushButton("复制路径", self)
            if not folder.is_dir():
                open_button.setEnabled(False)
                open_button.setToolTip("这个文件夹还没有建立（第一次用到时自动建立）")
            open_button.clicked.connect(lambda _c=False, f=folder, n=label: self._open(f, n))
            copy_button.clicked.connect(lambda _c=False, p=path, n=label: self._copy(p, n))
            grid.addWidget(QLabel(f"{label}：", self), row, 0)
            grid.addWidget(shown, row, 1)
            grid.addWidget(open_button, row, 2)
            grid.addWidget(copy_button, row, 3)
            self.buttons[label] = (open_button, copy_button)
        self.note = QLabel(" ", self)
        close = QDialogButtonBox(self)
        close.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.note)
        layout.addWidget(close)

    def _open(self, folder: Path, label: str) -> None:
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            self.note.setText(f"已打开{label}所在的文件夹。")
        else:
            self.note.setText(f"无法打开文件夹，请复制路径后在“此电脑”的地址栏中粘贴：{folder}")

    def _copy(self, path: Path, label: str) -> None:
        QGuiApplication.clipboard().setText(str(path))
        self.note.setText(f"已复制{label}的路径，可以粘贴到消息或地址栏中。")
