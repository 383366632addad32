"""The grid and its cell editor: what opening and closing it repaints.  Mixed into GridView.

Qt repaints the whole grid (every cell, the frozen panes, the scroll bars) whenever it
gains or loses the focus, so typing a digit and pressing Enter painted the table twice —
more than all the checks cost.  When the focus only moves into the grid's own cell editor
or back from it, what looks different is the current cell (its focus frame) and,
depending on the style, the frame around the grid: only those are repainted.  And the
editor coming and going asks the viewport for a new layout, which Qt answers by laying
out the scroll bars again and repainting them (a scroll bar under the grid's style sheet
costs as much as a row of cells): the viewport has no layout, and nothing the scroll
area lays out depends on the widgets in it, so that request is dropped.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTableView
    _Base = QTableView         # what GridView mixes this into, for the type checker
else:
    _Base = object


class EditorFocus(_Base):
    _closing = False           # inside closeEditor: the focus comes back from the editor

    def closeEditor(self, editor, hint) -> None:
        self._closing = True
        try:
            super().closeEditor(editor, hint)
        finally:
            self._closing = False

    def focusOutEvent(self, event) -> None:
        if self._own_editor(QApplication.focusWidget()):
            self._focus_moved()
        else:
            super().focusOutEvent(event)

    def focusInEvent(self, event) -> None:
        idx = self.currentIndex()
        if not (self._closing and idx.isValid()):
            super().focusInEvent(event)
            return
        # What QAbstractItemView.focusInEvent does besides repainting, for a valid cursor.
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled,
                          bool(idx.flags() & Qt.ItemFlag.ItemIsEditable))
        self._focus_moved()

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            return True
        return super().viewportEvent(event)

    def _own_editor(self, widget) -> bool:
        viewport = self.viewport()
        return widget is not None and widget is not viewport and viewport.isAncestorOf(widget)

    def _focus_moved(self) -> None:
        # The frame, not the cells nor the scroll bars (whose look does not follow the
        # grid's focus, and whose styled painting costs as much as a table of cells).
        viewport = self.viewport()
        frame = QRegion(self.rect())
        for part in (viewport, self.horizontalScrollBar().parentWidget(),
                     self.verticalScrollBar().parentWidget()):
            if part is not None and part.isVisible():
                frame = frame.subtracted(QRegion(part.geometry()))
        self.update(frame)
        idx = self.currentIndex()
        if idx.isValid():
            viewport.update(self.visualRect(idx))
