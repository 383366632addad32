"""The first-start page: create the first report, or import one from a file."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from .. import APP_NAME
from ..core import schema, textcheck, unitname
from ..core.report import FIRST_YEAR, LAST_YEAR
from . import theme
from .level_choice import LevelChoice
from ..core.rollover import default_year


class WelcomePage(QWidget):
    createRequested = Signal(str, int, object)   # unit, year, level key
    importRequested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        card = QFrame(self)
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(560)
        title = theme.heading_label(f"欢迎使用{APP_NAME}", card)
        intro = QLabel(f"本程序按{schema.FORMAT_DOCUMENT}规定的格式编写政府信息公开工作年度报告，"
                       "边填边检查表格的勾稽关系和正文与表格是否一致。所有修改都会自动保存。\n\n"
                       "请先创建第一份报告：", card)
        intro.setWordWrap(True)
        self.unit = QLineEdit(card)
        self.unit.setPlaceholderText("例如：某某县人民政府办公室")
        self.year = QSpinBox(card)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)
        self.year.setValue(default_year())
        self.year.setSuffix(" 年")
        self.levels = LevelChoice(card)      # suggested from the name, confirmed by the clerk
        self.level = self.levels.combo
        form = QFormLayout()
        form.addRow("单位名称：", self.unit)
        form.addRow("统计年度：", self.year)
        form.addRow("单位层级：", self.level)
        form.addRow("", self.levels.hint)
        self.error = QLabel(card)
        self.error.setStyleSheet(theme.ERROR_TEXT_STYLE)
        self.error.setWordWrap(True)
        self.create_button = QPushButton("创建报告", card)
        self.create_button.setDefault(True)
        self.import_button = QPushButton("从文件导入…", card)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.create_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        for w in (title, intro):
            inner.addWidget(w)
        inner.addLayout(form)
        inner.addWidget(self.error)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 0, Qt.AlignmentFlag.AlignCenter)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.create_button.clicked.connect(self._create)
        self.unit.returnPressed.connect(self._create)
        self.unit.textChanged.connect(self.levels.follow)
        self.import_button.clicked.connect(self.importRequested.emit)

    def _create(self) -> None:
        unit = unitname.display(self.unit.text())    # invisible characters and stray spaces go
        why = textcheck.problem(unit, name=True) if unit else None
        if not unit or why:
            self.error.setText(f"单位名称{why}。" if why else "请填写单位名称。")
            self.unit.setFocus()
            return
        if self.levels.level() is None:
            self.error.setText("请选择单位层级。")
            self.level.setFocus()
            return
        self.error.clear()
        self.createRequested.emit(unit, self.year.value(), self.levels.level())
