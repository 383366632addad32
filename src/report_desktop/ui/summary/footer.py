"""The bottom row of the 汇总 dialog: progress with 取消 while a run is on, and the buttons."""
from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


def button(text: str, tip: str, parent) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    button.setAutoDefault(False)
    return button


class Footer(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.label = QLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setFixedWidth(220)
        self.progress.setTextVisible(False)
        self.cancel_button = button("取消", "停止读取和核对；数据文件不会有任何改动", self)
        self.clear_button = button("清空", "移除已添加的文件，清空汇总单位和应报单位名单，重新开始", self)
        self.recheck_button = button("重新核对", "重新读取改动过的文件，再核对一遍", self)
        self.export_button = button("导出汇总…", "把汇总结果写到 Excel、Word 或 JSON 文件，不改动数据文件", self)
        self.generate_button = button("生成汇总", "把汇总结果保存为本级报告，并在窗口中打开", self)
        # No default button: Enter never overwrites a report with sums (button() also
        # turns autoDefault off, so a focused button is not "default" either).
        self.close_button = button("关闭", "", self)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.clear_button)
        for w in (self.label, self.progress, self.cancel_button):
            row.addWidget(w)
        row.addStretch(1)
        for b in (self.recheck_button, self.export_button, self.generate_button, self.close_button):
            row.addWidget(b)
        self.set_busy(False)

    def set_busy(self, busy: bool, text: str = "") -> None:
        for w in (self.label, self.progress, self.cancel_button):
            w.setVisible(busy)
        for b in (self.recheck_button, self.export_button, self.generate_button):
            b.setEnabled(not busy)
        self.progress.setRange(0, 0)      # "working" until the first step is known
        self.label.setText(text)

    def set_progress(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.label.setText(text)
