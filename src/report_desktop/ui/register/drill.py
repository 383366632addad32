"""查看台账中的申请: the applications (or cases) a number of 表三/表四 counts, in a small
window beside the table; double-click one (or 打开) to go to it in the 台账."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout)

from ...core import schema
from ...core.register import APPLICATION
from ...core.register import fields as reg_fields
from ...core.values import to_text
from .model import KIND_WORDS, field_titles

COLUMNS = {APPLICATION: ("id", "received", "applicant_type", "answered", "outcome", "request"),
           "case": ("id", "kind", "filed", "decided", "decision", "result")}
_ROW = Qt.ItemDataRole.UserRole


def heading(cell_id: str, typed, count: int, kind: str) -> str:
    """"表三 …… 填 5，台账中 3 件" in full words, for the top of the list."""
    name = schema.CELLS[cell_id].name
    word = KIND_WORDS[kind]
    if typed is None or to_text(typed) == str(count):
        return f"{name}：台账中 {count} 件{word}。"
    return f"{name}：表中填 {to_text(typed)}，台账中 {count} 件{word}。"


class DrillDown(QDialog):
    """Not modal: the clerk can keep it open beside the table and the 台账."""
    opened = Signal(str, int)     # kind, register row

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("台账中的记录")
        self.kind = APPLICATION
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.table = QTableWidget(self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
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
        self.cell_id = cell_id
        self.label.setText(heading(cell_id, typed, len(rows), kind)
                           + ("" if rows else "没有计入此格的记录。")
                           + ("双击一行，或选中后单击“在台账中打开”，转到台账中的这条记录。" if rows else ""))
        names = COLUMNS[kind]
        titles = field_titles(kind)
        source = reg.rows(kind)
        self.table.clear()
        self.table.setColumnCount(len(names) + 1)
        self.table.setHorizontalHeaderLabels(["序号", *(titles[n] for n in names)])
        self.table.setRowCount(len(rows))
        for r, i in enumerate(rows):
            item = QTableWidgetItem(str(i + 1))
            item.setData(_ROW, i)
            self.table.setItem(r, 0, item)
            for c, n in enumerate(names, 1):
                text = reg_fields.shown(n, getattr(source[i], n))
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                self.table.setItem(r, c, cell)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        for c in range(self.table.columnCount() - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(c, min(self.table.columnWidth(c), 260))
        if rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(rows))
        self.setWindowTitle(f"台账中的{KIND_WORDS[kind]}（{len(rows)} 件）")

    def row_of(self, table_row: int) -> int:
        return self.table.item(table_row, 0).data(_ROW)

    def open_current(self) -> None:
        r = self.table.currentRow()
        if r >= 0:
            self.opened.emit(self.kind, self.row_of(r))
