"""The grid's geometry: widths from the font (widths.py), row heights from the wrapped
labels, short tables as tall as their rows, the cursor kept clear of the frozen panes.
Mixed into GridView."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QTableView

from .widths import fitted_widths, natural_widths

if TYPE_CHECKING:
    from ...core.table_slots import GridSpec
    from .frozen import FrozenPanes
    _Base = QTableView         # what GridView mixes this into, for the type checker
else:
    _Base = object

_MIN_ROW = 25


class GridGeometry(_Base):
    spec: GridSpec
    frozen: FrozenPanes
    auto_height: bool
    _natural: list[int]
    _laying_out: bool
    _again: bool

    def relayout(self) -> None:
        """Widths from the current font, packed; row heights from the wrapped labels."""
        fm = QFontMetrics(self.font())
        self._natural = natural_widths(self.spec, fm, self.frozen.cols)
        self._fit_width()
        self._fit_columns()

    def _fit_width(self) -> None:
        """As wide as the columns, plus the vertical scroll bar when the rows do not fit: a
        bar taking the columns' room would bring a horizontal bar and cut the last label."""
        rows = sum(self.rowHeight(r) for r in range(self.spec.n_rows)) + 2 * self.frameWidth()
        scrolls = not self.auto_height or self.height() < rows
        bar = self.verticalScrollBar().sizeHint().width() if scrolls else 0
        width = sum(self._natural) + 2 * self.frameWidth() + bar
        if self.maximumWidth() != width:
            self.setMaximumWidth(width)

    def _fit_columns(self) -> None:
        if not self._natural:
            return
        if self._laying_out:          # e.g. the font changed while laying out: once more after
            self._again = True
            return
        self._laying_out = True
        try:
            for _ in range(3):
                self._again = False
                em = QFontMetrics(self.font()).horizontalAdvance("中")
                widths = fitted_widths(self._natural, self.frozen.cols, self.viewport().width(), em)
                for col, width in enumerate(widths):
                    if self.columnWidth(col) != width:
                        self.setColumnWidth(col, width)
                self.fit_rows()
                self.frozen.sync()
                if not self._again:
                    break
        finally:
            self._laying_out = False

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.relayout()

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        super().scrollTo(index, hint)
        if getattr(self, "frozen", None) is not None:
            self.frozen.clear_of_panes(index)

    def fit_rows(self) -> None:
        """Row heights from the wrapped text of single-row slots, using span widths."""
        fm = QFontMetrics(self.font())
        flags = int(Qt.TextFlag.TextWordWrap)
        for r in range(self.spec.n_rows):
            need = _MIN_ROW
            for c in range(self.spec.n_cols):
                slot = self.spec.slot(r, c)
                if slot is None or slot.rows != 1 or not slot.text:
                    continue
                width = sum(self.columnWidth(c + i) for i in range(slot.cols)) - 10
                rect = fm.boundingRect(QRect(0, 0, max(width, 20), 10000), flags, slot.text)
                need = max(need, rect.height() + 8)
            if self.rowHeight(r) != need:
                self.setRowHeight(r, need)
        if self.auto_height:
            height = self.content_height()
            self.setMaximumHeight(height)
            self.setMinimumHeight(min(height, 120))
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.auto_height:
            hint.setHeight(self.content_height())
        return hint

    def content_height(self) -> int:
        """Every row, plus the horizontal scroll bar when the columns do not fit."""
        bar = self.horizontalScrollBar()
        scrolls = sum(self._natural) > self.width() - 2 * self.frameWidth()
        return (sum(self.rowHeight(r) for r in range(self.spec.n_rows)) + 2 * self.frameWidth()
                + (bar.sizeHint().height() if scrolls else 0))

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if getattr(self, "frozen", None) is not None:
            self.frozen.round_range()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._natural:
            self._fit_width()
        self._fit_columns()
        self.frozen.place()

