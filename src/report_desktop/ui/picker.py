"""The report picker in the tool bar: unit, then year, of the reports one store holds.

Units are listed by their stored names.  Two names that read alike (an older version kept
one with a zero-width space) are both listed and pointed out: the second is marked, a
note beside the list says so, and the tooltips say what differs (unitname.look_alike_warnings).
"""
from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from ..core import unitname
from . import theme

UNIT_TIP = "选择单位（一个数据文件可以保存多个单位、多个年度的报告）"
LOOK_ALIKE_MARK = "（名称相近，请核对）"


class ReportPicker(QWidget):
    chosen = Signal(int)   # report id

    def __init__(self, parent=None):
        super().__init__(parent)
        self.unit = QComboBox(self)
        self.unit.setMinimumContentsLength(16)
        self.unit.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.unit.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.unit.setToolTip(UNIT_TIP)
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
        self.note = QLabel("单位名称相近，请核对", self)      # shown only when there are look-alikes
        self.note.setStyleSheet(f"color: {theme.WARNING_FG.name()};")
        self.note.hide()
        layout.addSpacing(6)
        layout.addWidget(self.note)
        self._reports = []
        self.look_alike_warnings: list[str] = []
        self.unit.activated.connect(self._unit_chosen)
        self.year.activated.connect(self._year_chosen)

    def set_reports(self, reports, current_id: int | None) -> None:
        """reports: store.list_reports() (ReportInfo)."""
        self._reports = list(reports)
        current = next((r for r in self._reports if r.id == current_id), None)
        warnings = unitname.look_alike_warnings((r.unit, r.year) for r in self._reports)
        groups = unitname.look_alikes(r.unit for r in self._reports)
        with QSignalBlocker(self.unit):
            self.unit.clear()
            for unit in dict.fromkeys(r.unit for r in self._reports):
                group = next((g for g in groups if unit in g), None)
                marked = group is not None and group[0] != unit
                label = unitname.display(unitname.visible(unit))   # nothing that turns it around
                self.unit.addItem(label + (LOOK_ALIKE_MARK if marked else ""), unit)
                if group is not None:
                    self.unit.setItemData(self.unit.count() - 1, warnings[groups.index(group)],
                                          Qt.ItemDataRole.ToolTipRole)
            if current:
                self.unit.setCurrentIndex(self.unit.findData(current.unit))
        self.unit.setToolTip("\n".join([UNIT_TIP, *warnings]))
        self.look_alike_warnings = warnings
        self.note.setToolTip("\n".join(warnings))
        self.note.setVisible(bool(warnings))
        self._fill_years(current.unit if current else self.unit.currentData(), current_id)

    def _fill_years(self, unit: str, current_id: int | None) -> None:
        with QSignalBlocker(self.year):
            self.year.clear()
            for r in sorted((r for r in self._reports if r.unit == unit), key=lambda r: -r.year):
                self.year.addItem(f"{r.year}年", r.id)
            idx = self.year.findData(current_id)
            if idx >= 0:
                self.year.setCurrentIndex(idx)

    def _unit_chosen(self, _index: int) -> None:
        self._fill_years(self.unit.currentData(), None)
        if self.year.count():
            self.year.setCurrentIndex(0)
            self.chosen.emit(self.year.currentData())

    def _year_chosen(self, _index: int) -> None:
        if self.year.currentData() is not None:
            self.chosen.emit(self.year.currentData())
