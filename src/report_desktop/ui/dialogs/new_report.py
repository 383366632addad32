"""新建报告: unit, year and level, optionally started from last year's report."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QLabel, QSpinBox, QVBoxLayout)

from ...core import textcheck, unitname
from ...core.report import FIRST_YEAR, LAST_YEAR
from .. import theme
from ..level_choice import LevelChoice


class NewReportDialog(QDialog):
    def __init__(self, units: list[str], unit: str, year: int, has_previous, parent=None):
        super().__init__(parent)
        self.setWindowTitle("新建报告")
        self._has_previous = has_previous   # callable (unit, year) -> bool
        self.unit = QComboBox(self)
        self.unit.setEditable(True)
        self.unit.addItems(units)
        self.unit.setCurrentText(unit)
        self.unit.setMinimumWidth(320)
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(year)
        self.year.setSuffix(" 年")
        self.levels = LevelChoice(self)      # suggested from the name, confirmed by the clerk
        self.level = self.levels.combo
        self.carry = QCheckBox("以上一年度报告为基础（结转数、现行有效件数、正文草稿）", self)
        form = QFormLayout()
        form.addRow("单位名称：", self.unit)
        form.addRow("统计年度：", self.year)
        form.addRow("单位层级：", self.level)
        form.addRow("", self.levels.hint)
        buttons = QDialogButtonBox(self)
        buttons.addButton("创建", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        self.error = QLabel(self)
        self.error.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.carry)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.unit.currentTextChanged.connect(self._update_carry)
        self.unit.currentTextChanged.connect(self.levels.follow)
        self.levels.follow(unit)
        self.year.valueChanged.connect(self._update_carry)
        self._update_carry()

    def _update_carry(self, *_):
        ok = bool(self._has_previous(self.unit_name(), self.year.value()))
        self.carry.setEnabled(ok)
        self.carry.setChecked(ok)

    def _accept(self) -> None:
        why = textcheck.problem(self.unit_name(), name=True)
        if not self.unit_name() or why:
            self.error.setText(f"单位名称{why}。" if why else "请填写单位名称。")
            return
        if self.levels.level() is None:
            self.error.setText("请选择单位层级。")
            return
        self.accept()

    def unit_name(self) -> str:
        """The name as people read it (invisible characters and stray spaces removed)."""
        return unitname.display(self.unit.currentText())

    def result_values(self) -> tuple:
        return (self.unit_name(), self.year.value(), self.levels.level(),
                self.carry.isChecked() and self.carry.isEnabled())
