"""The table grids and the register (issue 20): when the report has a 台账, a double click
on a number of 表三/表四 (or 查看台账中的申请 in the context menu) lists the entries
counted there; typing and F2 still edit the number.  Mixed into GridView."""
from __future__ import annotations

from PySide6.QtWidgets import QMenu

WORDS = {"applications": "申请", "review_litigation": "案件"}


class RegisterLinks:
    def _counted_cell(self, pos) -> str | None:
        """The 表三/表四 cell under ``pos`` when the report has a register, else None."""
        session = self.model().session
        if session is None or session.tally() is None:
            return None
        slot = self.model().slot(self.indexAt(pos))
        return slot.cell_id if slot is not None and slot.cell_id in session.tally().cells else None

    def mouseDoubleClickEvent(self, event) -> None:
        cell = self._counted_cell(event.position().toPoint())
        if cell is None:
            super().mouseDoubleClickEvent(event)
            return
        self.setCurrentIndex(self.indexAt(event.position().toPoint()))
        event.accept()
        self.drillRequested.emit(cell)

    def contextMenuEvent(self, event) -> None:
        cell = self._counted_cell(event.pos())
        if cell is None:
            super().contextMenuEvent(event)
            return
        menu = QMenu(self)
        show = menu.addAction(f"查看台账中的{WORDS.get(self.spec.key, '记录')}")
        show.triggered.connect(lambda: self.drillRequested.emit(cell))
        fill = menu.addAction("按台账填写表三、表四")
        fill.triggered.connect(self.fillRequested.emit)
        self.context_menu = menu          # kept for tests; shown at the pointer
        menu.popup(event.globalPos())
