"""The report picker in the tool bar: unit, then year, of the reports one store holds."""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget


class ReportPicker(QWidget):
    chosen = Signal(int)   # report id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.unit = QComboBox(self)
        self.unit.setMinimumContentsLength(16)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.unit.setToolTip("选择单位（一个数据文件可以保存多个单位、多个年度的报告）")
        self.year = QComboBox(self)
        self.year.setMinimumContentsLength(6)
        self.year.setToolTip("选择统计年度")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(QLabel("单位：", self))
        layout.addWidget(self.unit)
        layout.addSpacing(6)
        layout.addWidget(QLabel("年度：", self))
        layout.addWidget(self.year)
        self._reports = []
        self.unit.activated.connect(self._unit_chosen)
        self.year.activated.connect(self._year_chosen)

    def set_reports(self, reports, current_id: int | None) -> None:
        """reports: store.list_reports() (ReportInfo)."""
        self._reports = list(reports)
        current = next((r for r in self._reports if r.id == current_id), None)
        with QSignalBlocker(self.unit):
            self.unit.clear()
            for unit in dict.fromkeys(r.unit for r in self._reports):
                self.unit.addItem(unit)
            if current:
                self.unit.setCurrentText(current.unit)
        self._fill_years(current.unit if current else self.unit.currentText(), current_id)

    def _fill_years(self, unit: str, current_id: int | None) -> None:
        with QSignalBlocker(self.year):
            self.year.clear()
            for r in sorted((r for r in self._reports if r.unit == unit), key=lambda r: -r.year):
                self.year.addItem(f"{r.year}年", r.id)
            idx = self.year.findData(current_id)
            if idx >= 0:
                self.year.setCurrentIndex(idx)

    def _unit_chosen(self, _index: int) -> None:
        unit = self.unit.currentText()
        self._fill_years(unit, None)
        if self.year.count():
            self.year.setCurrentIndex(0)
            self.chosen.emit(self.year.currentData())

    def _year_chosen(self, _index: int) -> None:
        if self.year.currentData() is not None:
            self.chosen.emit(self.year.currentData())
