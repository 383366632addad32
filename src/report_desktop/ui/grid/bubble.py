"""Why an entry was refused, said next to its cell (where the clerk is looking), not only
in the status bar; it stays while the refused text is still in the cell's editor and goes
when she corrects or abandons it (Esc) or moves on.

A child of the main window rather than of the grid: a short grid (表四) is exactly as
tall as its rows, and a label below its last row would be cut off inside it.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPersistentModelIndex, QPoint, Qt
from PySide6.QtWidgets import QLabel

from .. import theme

_STYLE = (f"QLabel {{ background: #fff8e1; color: {theme.ERROR_FG.name()};"
          f" border: 1px solid {theme.ERROR_FG.name()}; border-radius: 3px; padding: 3px 6px; }}")
_MAX_WIDTH = 380


class ReasonBubble(QObject):
    def __init__(self, view):
        super().__init__(view)
        self.view = view
        self.label: QLabel | None = None     # made on first use, on the view's window
        self.index = QPersistentModelIndex()
        view.installEventFilter(self)
        view.verticalScrollBar().valueChanged.connect(self.place)
        view.horizontalScrollBar().valueChanged.connect(self.place)

    def text(self) -> str:
        label = self.label
        return label.text() if label is not None and self.is_shown() else ""

    def is_shown(self) -> bool:
        return self.label is not None and self.index.isValid() and self.label.isVisible()

    def show_at(self, index, text: str) -> None:
        if self.label is None or self.label.parent() is not self.view.window():
            self.label = QLabel(self.view.window())
            self.label.setObjectName("reasonBubble")
            self.label.setStyleSheet(_STYLE)
            self.label.setWordWrap(True)
            self.label.setTextFormat(Qt.TextFormat.PlainText)
            self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.index = QPersistentModelIndex(index)
        self.label.setText(text)
        self.place()

    def dismiss(self) -> None:
        self.index = QPersistentModelIndex()
        if self.label is not None:
            self.label.hide()

    def place(self, *_args) -> None:
        """Below the cell (above it when there is no room below), inside the window."""
        label, view = self.label, self.view
        if label is None or not self.index.isValid():
            return
        if not view.isVisible():
            label.hide()
            return
        window = view.window()
        rect = view.visualRect(self.index.sibling(self.index.row(), self.index.column()))
        if not self._in_sight(rect):
            label.hide()                # scrolled out of sight: back when it is
            return
        top_left = view.viewport().mapTo(window, rect.topLeft())
        natural = label.fontMetrics().horizontalAdvance(label.text()) + 24   # padding, border
        width = min(_MAX_WIDTH, max(rect.width(), natural), window.width() - 8)
        label.setFixedWidth(width)
        height = label.heightForWidth(width)
        label.setFixedHeight(height if height > 0 else label.sizeHint().height())
        x = max(4, min(top_left.x(), window.width() - width - 4))
        y = top_left.y() + rect.height() + 2
        if y + label.height() > window.height() - 4:
            y = top_left.y() - label.height() - 2
        label.move(QPoint(x, max(0, y)))
        label.show()
        label.raise_()

    def _in_sight(self, rect) -> bool:
        """Whether the cell shows: in the viewport, and not under the frozen panes."""
        view, area = self.view, self.view.viewport().rect()
        frozen = view.frozen
        if self.index.row() >= frozen.rows:
            area.setTop(frozen.height())
        if self.index.column() >= frozen.cols:
            area.setLeft(frozen.width())
        return area.intersects(rect)

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Hide, QEvent.Type.Show, QEvent.Type.Move, QEvent.Type.Resize):
            if self.label is not None and self.index.isValid():
                self.place()
        return False
