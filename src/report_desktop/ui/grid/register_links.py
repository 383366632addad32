"""The table grids and the register (issue 20): when the report has a 台账, a double click
on a number of 表三/表四 (or 查看台账中的申请 in the context menu) lists the entries
counted there; typing and F2 still edit the number.  A base of GridView."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QPoint, Signal
from PySide6.QtGui import QContextMenuEvent, QMouseEvent
from PySide6.QtWidgets import QMenu, QTableView

if TYPE_CHECKING:
    from .model import GridModel

WORDS = {"applications": "申请", "review_litigation": "案件"}


class RegisterLinks(QTableView):
    drillRequested = Signal(str)  # a cell whose register entries the clerk wants to see
    fillRequested = Signal()      # 按台账填写表三、表四

    context_menu: QMenu | None = None   # the last one shown (tests trigger its actions)

    def _grid_model(self) -> "GridModel":
        return cast("GridModel", self.model())

    def _counted_cell(self, pos: QPoint) -> str | None:
        """The 表三/表四 cell under ``pos`` when the report has a register, else None."""
        model = self._grid_model()
        counted = model.session.tally() if model.session is not None else None
        if counted is None:
            return None
        slot = model.slot(self.indexAt(pos))
        cell = getattr(slot, "cell_id", None)
        return cell if cell in counted.cells else None

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        pos = event.position().toPoint()
        cell = self._counted_cell(pos)
        if cell is None:
            super().mouseDoubleClickEvent(event)
            return
        self.setCurrentIndex(self.indexAt(pos))
        event.accept()
        self.drillRequested.emit(cell)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        cell = self._counted_cell(event.pos())
        if cell is None:
            super().contextMenuEvent(event)
            return
        menu = QMenu(self)
        show = menu.addAction(f"查看台账中的{WORDS.get(self._grid_model().spec.key, '记录')}")
        show.triggered.connect(lambda: self.drillRequested.emit(cell))
        fill = menu.addAction("按台账填写表三、表四")
        fill.triggered.connect(self.fillRequested.emit)
        self.context_menu = menu
        menu.popup(event.globalPos())
