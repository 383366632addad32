"""Rectangular blocks of the grid: copy, cut, paste (from Excel or WPS, any clipboard
encoding) and Delete, each one undo step.  Mixed into GridView."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QGuiApplication

from ...core.table_slots import INPUT, GridSpec
from ...core.paste import PasteRefused, copy_block, parse_block, plan_paste
from .clipboard import clipboard_text


class BlockEdits:
    spec: GridSpec
    if TYPE_CHECKING:        # what GridView, which mixes this in, provides
        from PySide6.QtCore import QModelIndex

        def start_typing(self, text: str, explain: bool = False) -> bool: ...
        def _refuse(self, message: str, index: QModelIndex) -> None: ...

    def _positions(self) -> list[tuple[int, int]]:
        sel = [(i.row(), i.column()) for i in self.selectedIndexes()]
        if not sel and self.currentIndex().isValid():
            sel = [(self.currentIndex().row(), self.currentIndex().column())]
        return sel

    def copy_selection(self) -> str:
        model = self.model()
        text = copy_block(self.spec, self._positions(), model.text)
        if text:
            QGuiApplication.clipboard().setText(text)
            self.message.emit("已复制，可以粘贴到 Excel 或 WPS 表格。", False)
        return text

    def cut_selection(self) -> str:
        """Copy the block, then blank its input cells (one undo step; totals and
        read-only cells are left to the report)."""
        text = copy_block(self.spec, self._positions(), self.model().text)
        if not text:
            return ""
        QGuiApplication.clipboard().setText(text)
        if self.clear_selection("剪切"):
            self.message.emit("已剪切：所选数字已复制，原单元格已清空，合计随之重算。按 Ctrl+Z 可撤销。", False)
        else:
            self.message.emit("已复制。所选的是自动计算的合计，不能清空。", False)
        return text

    def paste_clipboard(self) -> bool:
        return self.paste_text(clipboard_text(QGuiApplication.clipboard().mimeData()))

    def paste_text(self, text: str) -> bool:
        model = self.model()
        positions = self._positions()
        if model.session is None or not positions:
            return False
        cur = self.currentIndex()
        top = min(r for r, _ in positions)
        left = min(c for _, c in positions)
        if cur.isValid() and len(positions) == 1:
            top, left = cur.row(), cur.column()
        block = parse_block(text)
        try:
            plan = plan_paste(self.spec, top, left, block, positions)
        except PasteRefused as exc:
            slot = self.spec.slot(top, left)
            if (len(block) == 1 and len(block[0]) == 1 and len(positions) == 1
                    and slot is not None and slot.kind == INPUT):
                # One value that cannot go in: kept in the cell's editor, reason beside it.
                return self.start_typing(block[0][0].strip(), explain=True) and False
            self.pasteRefused.emit(str(exc))
            self._refuse(str(exc), model.index(top, left))
            return False
        model.session.set_cells(plan.values, "粘贴")
        self.message.emit(plan.summary(), False)
        return True

    def clear_selection(self, title: str = "清空") -> bool:
        """Blank the selected input cells (blank is "not filled", never a silent 0)."""
        model = self.model()
        if model.session is None:
            return False
        blanks = {}
        for r, c in self._positions():
            slot = self.spec.slot(r, c)
            if slot is not None and slot.kind == INPUT:
                blanks[slot.cell_id] = None
        if not blanks:
            return False
        model.session.set_cells(blanks, title)
        return True

