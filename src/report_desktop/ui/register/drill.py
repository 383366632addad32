"""查看台账中的申请: the applications (or cases) a number of 表三/表四 counts, in a small
window beside the table; double-click one (or 在台账中打开) to go to it in the 台账."""
from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableView, QVBoxLayout)

from ...core import schema
from ...core.register import APPLICATION
from ...core.register import fields as reg_fields
from ...core.values import to_text
from .model import KIND_WORDS, field_titles

COLUMNS = {APPLICATION: ("id", "received", "applicant_type", "answered", "outcome", "request"),
           "case": ("id", "kind", "filed", "decided", "decision", "result")}
_WIDTHS = {"id": 9, "received": 7, "applicant_type": 6, "answered": 7, "outcome": 13,
           "kind": 5, "filed": 7, "decided": 7, "decision": 10, "result": 5}


def heading(cell_id: str, typed, count: int, kind: str) -> str:
    """"表三 …… 表中填 5，台账中 3 件" in full words, for the top of the list."""
    name = schema.CELLS[cell_id].name
    word = KIND_WORDS[kind]
    if typed is None or to_text(typed) == str(count):
        return f"{name}：台账中 {count} 件{word}。"
    return f"{name}：表中填 {to_text(typed)}，台账中 {count} 件{word}。"


class _Rows(QAbstractTableModel):
    """The listed register rows, read when painted (a total may count thousands)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: tuple[int, ...] = ()
        self.source: tuple = ()
        self.names: tuple[str, ...] = ()
        self.titles: dict[str, str] = {}

    def show(self, source: tuple, rows: tuple[int, ...], names: tuple[str, ...], titles: dict) -> None:
        self.beginResetModel()
        self.source, self.rows, self.names, self.titles = source, rows, names, titles
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.names) + 1

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "序号" if section == 0 else self.titles[self.names[section - 1]]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        i = self.rows[index.row()]
        if index.column() == 0:
            return str(i + 1)
        name = self.names[index.column() - 1]
        return reg_fields.shown(name, getattr(self.source[i], name))


class DrillDown(QDialog):
    """Not modal: the clerk can keep it open beside the table and the 台账."""
    opened = Signal(str, int)     # kind, register row

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("台账中的记录")
        self.kind = APPLICATION
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.rows = _Rows(self)
        self.table = QTableView(self)
        self.table.setModel(self.rows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton("在台账中打开", QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.open_current)
        self.buttons.rejected.connect(self.hide)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.resize(720, 380)

    def show_cell(self, cell_id: str, typed, reg, rows: tuple[int, ...], kind: str) -> None:
        self.kind = kind
        self.label.setText(heading(cell_id, typed, len(rows), kind)
                           + ("双击一行，或选中后单击“在台账中打开”，转到台账中的这条记录。" if rows
                              else "没有计入此格的记录。"))
        names = COLUMNS[kind]
        self.rows.show(reg.rows(kind), rows, names, field_titles(kind))
        em = self.table.fontMetrics().horizontalAdvance("中")
        self.table.setColumnWidth(0, 4 * em)
        for c, n in enumerate(names, 1):
            self.table.setColumnWidth(c, _WIDTHS.get(n, 8) * em)
        if rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(rows))
        self.setWindowTitle(f"台账中的{KIND_WORDS[kind]}（{len(rows)} 件）")

    def open_current(self) -> None:
        r = self.table.currentIndex().row()
        if r >= 0:
            self.opened.emit(self.kind, self.rows.rows[r])
