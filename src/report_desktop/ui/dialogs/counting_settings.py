"""统计口径…: the counting choices the format leaves open (core.register.settings), each
with its stated default; kept with the report's register."""
from __future__ import annotations

from dataclasses import fields, replace

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from ...core.register import CountingSettings, choices
from ...core.register.settings import SETTING_TITLES
from .. import theme

EXPLANATION = ("格式没有规定的几处统计口径由本单位选定，导出的“统计口径说明”会列出所选口径。"
               "修改后表三、表四的台账计数随之改变（可撤销）。")


class CountingSettingsDialog(QDialog):
    def __init__(self, current: CountingSettings, parent=None):
        super().__init__(parent)
        self.setWindowTitle("统计口径")
        self.current = current
        default = CountingSettings()
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.combos: dict[str, QComboBox] = {}
        for f in fields(CountingSettings):
            combo = QComboBox(self)
            for value, text in choices(f.name).items():
                mark = "（默认）" if value == getattr(default, f.name) else ""
                combo.addItem(text + mark, value)
            combo.setCurrentIndex(max(combo.findData(getattr(current, f.name)), 0))
            self.combos[f.name] = combo
            form.addRow(QLabel(SETTING_TITLES[f.name] + "：", self), combo)
        box = QDialogButtonBox(self)
        box.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(theme.hint_label(EXPLANATION, self))
        layout.addLayout(form)
        layout.addWidget(box)
        self.resize(560, self.sizeHint().height())

    def chosen(self) -> CountingSettings:
        return replace(self.current, **{n: c.currentData() for n, c in self.combos.items()})
