"""QAbstractTableModel adapter: one statistics table of the open report on a grid.

Reads values from ``session.report`` and colours from ``session.marks`` (the latest
findings); writes go through ``session.set_cells``.  It computes nothing itself.
"""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush

from ...core import schema, values
from ...core.rules import ERROR, SEVERITY_WORDS
from .. import theme
from ..session import follow
from ...core.table_slots import HEADER, INPUT, LABEL, TOTAL, GridSpec, Slot

_NO_FLAGS = Qt.ItemFlag.NoItemFlags
_ENABLED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE = _ENABLED | Qt.ItemFlag.ItemIsEditable
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
# Blank input cells: a faint hatch, so what is not filled yet shows as unfilled.
_BLANK = QBrush(theme.BLANK_HATCH, Qt.BrushStyle.BDiagPattern)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)

Role = Qt.ItemDataRole


class GridModel(QAbstractTableModel):
    inputRefused = Signal(str, QModelIndex)   # Chinese reason, where

    def __init__(self, spec: GridSpec, parent=None):
        super().__init__(parent)
        self.spec = spec
        self.session = None
        self._shown_marks: dict = {}     # this table's cells' marks as last painted

    # -- binding -------------------------------------------------------------------
    def set_session(self, session) -> None:
        self.beginResetModel()
        follow(self.session, session, cellsChanged=self._cells_changed,
               findingsChanged=self._findings_changed)
        self.session = session
        self._shown_marks = self._my_marks()
        self.endResetModel()

    def _cells_changed(self, cell_ids: list) -> None:
        for cid in cell_ids:
            pos = self.spec.position(cid)
            if pos:
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)     # value, blank hatch, partial totals

    def _my_marks(self) -> dict[str, tuple]:
        marks: dict[str, tuple] = self.session.marks if self.session is not None else {}
        where = self.spec.position
        return {cid: mark for cid, mark in marks.items() if where(cid)}

    def _findings_changed(self) -> None:
        """Only the cells whose colour or mark changed are repainted: a keystroke changes
        one or two, and repainting the whole table cost more than all the checks.  (The
        tool tip, which also counts the register, is read afresh each time it shows.)"""
        old, new = self._shown_marks, self._my_marks()
        self._shown_marks = new
        for cid in old.keys() | new.keys():
            pos = self.spec.position(cid)
            if pos is not None and old.get(cid) != new.get(cid):
                idx = self.index(*pos)
                self.dataChanged.emit(idx, idx)

    # -- Qt model API --------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.spec.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.spec.n_cols

    def index_of(self, cell_id: str) -> QModelIndex:
        pos = self.spec.position(cell_id)
        return self.index(*pos) if pos else QModelIndex()

    def slot(self, index) -> Slot | None:
        if not index.isValid():
            return None
        return self.spec.slot(index.row(), index.column())

    def flags(self, index) -> Qt.ItemFlag:
        slot = self.slot(index)
        if slot is None or slot.kind in (HEADER, LABEL):
            return _NO_FLAGS
        if slot.kind == INPUT and self.session is not None:
            return _EDITABLE
        return _ENABLED

    def data(self, index, role=Role.DisplayRole):
        slot = self.slot(index)
        if slot is None:
            return None
        if role in (Role.DisplayRole, Role.EditRole):
            if slot.cell_id:
                if role == Role.DisplayRole and slot.kind == TOTAL:
                    return self._total_text(slot.cell_id)
                return self.text(slot.cell_id)
            return slot.text
        if role == Role.ForegroundRole:
            if slot.kind == TOTAL and self._is_blank(slot.cell_id):
                return theme.PARTIAL_FG
            return None
        if role == Role.ToolTipRole:
            return self._tooltip(slot)
        if role == Role.BackgroundRole:
            return self._background(slot)
        if role == Role.TextAlignmentRole:
            if slot.cell_id:
                return _RIGHT
            return _CENTRE if slot.centred else _LEFT
        if role == Role.AccessibleTextRole:
            return schema.CELLS[slot.cell_id].name if slot.cell_id else slot.text
        return None

    def text(self, cell_id: str) -> str:
        if self.session is None:
            return ""
        return values.to_text(self.session.report.cells[cell_id])

    def _is_blank(self, cell_id: str | None) -> bool:
        return (cell_id is not None and self.session is not None
                and self.session.report.cells[cell_id] is None)

    def _total_text(self, cell_id: str) -> str:
        """A total with blank parts is blank; what is filled so far is shown grey and
        marked "已填" so it is never mistaken for the total."""
        if self.session is None:
            return ""
        value, missing = self.session.report.partial_total(cell_id)
        if not missing:
            return values.to_text(value)
        return "" if value is None else f"已填{values.to_text(value)}"

    def _mark(self, cell_id: str):
        return self.session.marks.get(cell_id) if self.session is not None else None

    def _tooltip(self, slot) -> str | None:
        if not slot.cell_id:
            return slot.hint or None
        cell = schema.CELLS[slot.cell_id]
        lines = [cell.name]
        if slot.kind == TOTAL:
            lines.append("自动计算，不能直接填写。")
            if self._is_blank(slot.cell_id):
                value, missing = self.session.report.partial_total(slot.cell_id)
                lines.append(f"还有{missing}个分项未填，全部填写后才计算合计"
                             + (f"；已填分项之和为{values.to_text(value)}。" if value is not None else "。"))
        elif self._is_blank(slot.cell_id):
            lines.append("尚未填写。没有发生的请填0。")
        if cell.hint:
            lines.append(f"填报说明：{cell.hint}")
        counted = self.session.tally() if self.session is not None else None
        if counted is not None and slot.cell_id in counted.cells:
            word = "申请" if slot.cell_id.startswith("applications.") else "案件"
            lines.append(f"台账中 {counted.cells[slot.cell_id]} 件{word}（双击查看）。")
        mark = self._mark(slot.cell_id)
        if mark:
            tag = SEVERITY_WORDS[mark[0]]
            lines += [f"【{tag}】{m}" for m in mark[1]]
        return "\n".join(lines)

    def _background(self, slot):
        if slot.kind == HEADER:
            return theme.HEADER_BG
        if slot.kind == INPUT and self._is_blank(slot.cell_id):
            return _BLANK      # unfilled shows as unfilled, not as an error
        if slot.kind == TOTAL and self._is_blank(slot.cell_id):
            return theme.TOTAL_BG           # blank because parts are: the parts are marked
        if slot.cell_id:
            mark = self._mark(slot.cell_id)
            if mark:
                return theme.ERROR_BG if mark[0] == ERROR else theme.WARNING_BG
            if slot.kind == TOTAL:
                return theme.TOTAL_BG
        return None

    def setData(self, index, value, role=Role.EditRole) -> bool:
        slot = self.slot(index)
        if role != Role.EditRole or slot is None or slot.kind != INPUT or self.session is None:
            return False
        text = "" if value is None else str(value)
        try:
            parsed = values.parse_cell(slot.cell_id, text)     # cleared: blank, never 0
        except values.InputError as exc:
            self.inputRefused.emit(str(exc), QModelIndex(index) if isinstance(
                index, QPersistentModelIndex) else index)
            return False
        self.session.set_cells({slot.cell_id: parsed},
                               f"填写{schema.CELLS[slot.cell_id].name}")
        return True
