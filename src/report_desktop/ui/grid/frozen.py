"""Frozen panes, as Excel's 冻结窗格: the header rows and the row-label columns of a grid
stay in view while the numbers scroll.

Three read-only QTableViews lie over the grid's viewport (the way Qt's "frozen column"
example does it): one over the header rows (scrolls sideways with the grid), one over
the label columns (scrolls up and down with it) and one over their corner.  They share
the grid's model, selection model and delegate, so it is still one grid that looks like
the official table; the keyboard stays with the grid itself, whose cursor moves across
the frozen edge and is scrolled clear of the frozen panes.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView

from ...core.table_slots import HEADER, LABEL, GridSpec
from .. import theme

_OFF = Qt.ScrollBarPolicy.ScrollBarAlwaysOff


def frozen_rows(spec: GridSpec) -> int:
    """Leading rows made only of header cells (with the merges they hold)."""
    n = 0
    while n < spec.n_rows and all(
            (a := spec.anchor(n, c)) is not None and spec.slot(*a).kind == HEADER
            for c in range(spec.n_cols)):
        n += 1
    return n


def frozen_cols(spec: GridSpec) -> int:
    """Leading columns that only hold headers and row labels."""
    n = 0
    while n < spec.n_cols and all(
            (a := spec.anchor(r, n)) is not None and spec.slot(*a).kind in (HEADER, LABEL)
            for r in range(spec.n_rows)):
        n += 1
    return n if n < spec.n_cols else 0


class _Pane(QTableView):
    """A frozen pane; the label pane's scroll range reaches as far as the grid's (whose
    end is rounded to a whole row, FrozenPanes.round_range)."""

    def __init__(self, grid: QTableView):
        super().__init__(grid)
        self.grid = grid
        self.follows_rows = False

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if self.follows_rows:
            bar, grid_bar = self.verticalScrollBar(), self.grid.verticalScrollBar()
            if bar.maximum() < grid_bar.maximum():
                bar.setMaximum(grid_bar.maximum())


def _pin(bar) -> None:
    """A frozen direction: the pane's scroll bar stays at 0 whatever asks it to move."""
    bar.valueChanged.connect(lambda v: v and bar.setValue(0))


class FrozenPanes(QObject):
    def __init__(self, grid: QTableView):
        super().__init__(grid)
        self.grid = grid
        spec = grid.model().spec
        self.rows, self.cols = frozen_rows(spec), frozen_cols(spec)
        self.top = self._pane() if self.rows else None
        self.left = self._pane() if self.cols else None
        self.corner = self._pane() if self.rows and self.cols else None
        vbar, hbar = grid.verticalScrollBar(), grid.horizontalScrollBar()
        if self.top is not None:
            hbar.valueChanged.connect(self.top.horizontalScrollBar().setValue)
            _pin(self.top.verticalScrollBar())
        if self.left is not None:
            self.left.follows_rows = True
            vbar.valueChanged.connect(self.left.verticalScrollBar().setValue)
            _pin(self.left.horizontalScrollBar())
        if self.corner is not None:
            _pin(self.corner.verticalScrollBar())
            _pin(self.corner.horizontalScrollBar())
        if self.top is not None:
            self._last = 0
            vbar.valueChanged.connect(self._snap)
        grid.horizontalHeader().sectionResized.connect(self._column_resized)
        grid.verticalHeader().sectionResized.connect(self._row_resized)
        for pane in self.panes():
            pane.show()
        if self.corner is not None:
            self.corner.raise_()

    def panes(self) -> list[QTableView]:
        return [p for p in (self.top, self.left, self.corner) if p is not None]

    def _pane(self) -> _Pane:
        grid = self.grid
        pane = _Pane(grid)
        pane.setModel(grid.model())
        pane.setSelectionModel(grid.selectionModel())
        pane.setItemDelegate(type(grid.itemDelegate())(pane))   # paints alike, never edits
        pane.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        pane.setAutoScroll(False)          # the shared cursor must not scroll a pane
        pane.setFrameShape(QFrame.Shape.NoFrame)
        pane.setStyleSheet(theme.TABLE_STYLE)
        pane.horizontalHeader().hide()
        pane.verticalHeader().hide()
        pane.setHorizontalScrollBarPolicy(_OFF)
        pane.setVerticalScrollBarPolicy(_OFF)
        pane.setWordWrap(True)
        pane.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        pane.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        pane.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        pane.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        pane.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        pane.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        pane.horizontalHeader().setMinimumSectionSize(1)
        pane.verticalHeader().setMinimumSectionSize(1)
        for r, c, rows, cols in grid.model().spec.spans():
            pane.setSpan(r, c, rows, cols)
        pane.viewport().installEventFilter(self)     # the wheel scrolls the grid
        return pane

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel:
            self.grid.wheelEvent(event)
            return True
        return False

    # -- keeping in step ---------------------------------------------------------------
    def _column_resized(self, col: int, _old: int, new: int) -> None:
        for pane in self.panes():
            pane.setColumnWidth(col, new)
        self.place()

    def _row_resized(self, row: int, _old: int, new: int) -> None:
        for pane in self.panes():
            pane.setRowHeight(row, new)
        self.place()

    def sync(self) -> None:
        """Copy every width and height (after the grid was laid out anew)."""
        grid = self.grid
        for pane in self.panes():
            for c in range(grid.model().columnCount()):
                pane.setColumnWidth(c, grid.columnWidth(c))
            for r in range(grid.model().rowCount()):
                pane.setRowHeight(r, grid.rowHeight(r))
        self.place()

    def height(self) -> int:
        return sum(self.grid.rowHeight(r) for r in range(self.rows))

    def width(self) -> int:
        return sum(self.grid.columnWidth(c) for c in range(self.cols))

    def place(self) -> None:
        vp = self.grid.viewport().geometry()
        h, w = min(self.height(), vp.height()), min(self.width(), vp.width())
        if self.top is not None:
            self.top.setGeometry(vp.x(), vp.y(), vp.width(), h)
            self.top.horizontalScrollBar().setValue(self.grid.horizontalScrollBar().value())
        if self.left is not None:
            self.left.setGeometry(vp.x(), vp.y(), w, vp.height())
            self.left.verticalScrollBar().setValue(self.grid.verticalScrollBar().value())
        if self.corner is not None:
            self.corner.setGeometry(vp.x(), vp.y(), w, h)

    # -- whole rows under the frozen header --------------------------------------------
    def stops(self) -> list[int]:
        """The scroll positions that put a row's top edge right under the frozen rows."""
        grid, out, top = self.grid, [], 0
        for r in range(self.rows, grid.model().rowCount()):
            out.append(top)
            top += grid.rowHeight(r)
        out.append(top)
        return out

    def _snap(self, value: int) -> None:
        """Scrolling stops at whole rows, in the direction it went (as Excel does): the
        first row under the frozen header is never cut in half."""
        last, self._last = self._last, value
        stops = self.stops()
        if value in stops:
            return
        if value > last:
            target = next((s for s in stops if s >= value), stops[-1])
        else:
            target = max((s for s in stops if s <= value), default=0)
        bar = self.grid.verticalScrollBar()
        target = min(target, bar.maximum())
        if target != value:
            self._last = target
            bar.setValue(target)

    def round_range(self) -> None:
        """The end of the scroll range on a stop too (a little room below the last row)."""
        if self.top is None:
            return
        bar = self.grid.verticalScrollBar()
        if bar.maximum() > 0:
            end = next((s for s in self.stops() if s >= bar.maximum()), bar.maximum())
            if end != bar.maximum():
                bar.setMaximum(end)
            if self.left is not None and self.left.verticalScrollBar().maximum() < end:
                self.left.verticalScrollBar().setMaximum(end)

    def clear_of_panes(self, index) -> None:
        """Scroll the grid so that ``index`` is not hidden under a frozen pane."""
        if not index.isValid():
            return
        rect = self.grid.visualRect(index)
        if index.row() >= self.rows and rect.top() < self.height():
            bar = self.grid.verticalScrollBar()
            bar.setValue(bar.value() - (self.height() - rect.top()))
        if index.column() >= self.cols and rect.left() < self.width():
            bar = self.grid.horizontalScrollBar()
            bar.setValue(bar.value() - (self.width() - rect.left()))
