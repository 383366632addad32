"""信息处理费: the three figures the 六 sentence is written from."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QSpinBox, QVBoxLayout)


class FeeDialog(QDialog):
    def __init__(self, initial: tuple, parent=None):
        super().__init__(parent)
        self.setWindowTitle("信息处理费情况")
        notices, billed, collected = initial
        self.notices = QSpinBox(self)
        self.notices.setRange(0, 1_000_000)
        self.notices.setSuffix(" 件")
        self.notices.setValue(int(notices))
        self.billed = self._money(billed)
        self.collected = self._money(collected)
        form = QFormLayout()
        form.addRow("发出收费通知：", self.notices)
        form.addRow("收费通知总金额：", self.billed)
        form.addRow("实际收取金额：", self.collected)
        note = QLabel("信息处理费以“元”为单位，依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）。"
                      "它不是表二中的“行政事业性收费”（万元）。", self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(self)
        buttons.addButton("插入句子", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def _money(self, value) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(0, 1e9)
        box.setDecimals(2)
        box.setSuffix(" 元")
        box.setValue(float(value))
        return box

    def figures(self) -> tuple:
        def dec(box):
            try:
                return Decimal(f"{box.value():.2f}")
            except InvalidOperation:   # pragma: no cover
                return Decimal(0)
        return self.notices.value(), dec(self.billed), dec(self.collected)
