"""The 台账 grid, with the keys of the table grids (ui/grid/view.py): typing replaces the
cell, Enter moves down, Tab right, F2 or a double click edits, Delete blanks, Ctrl+C /
Ctrl+V copy and paste blocks from Excel or WPS (rows past the end become new entries).
Each edit, paste or deletion is one undo step of the report.  The column titles stay in
view (the header) and so do the entry numbers (the row header)."""
from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit,
                               QTableView)

from ...core.places import Place
from ...core.paste import parse_block
from ...core.register import fields as reg_fields
from ...services.exporting import listed
from .. import theme
from ..grid.clipboard import clipboard_text
from ..grid.sheet_keys import commit_typed, handle_key
from .delegate import RegisterDelegate
from .filtering import RegisterFilter
from .model import KIND_WORDS, READ_ONLY_FIELDS, RegisterModel, field_titles

Hint = QAbstractItemDelegate.EndEditHint
Move = QAbstractItemView.CursorAction
# Column widths in characters of the UI font (dates fit; long texts are cut, the tool tip
# and the editor show them whole).
_WIDTHS = {"id": 9, "received": 8, "applicant_type": 7, "applicant": 7, "request": 14,
           "answered": 8, "outcome": 14, "article": 8, "kind": 6, "after_review": 6,
           "counted": 7, "filed": 8, "decided": 9, "decision": 12, "result": 6,
           "application": 8, "note": 10}


class RegisterView(QTableView):
    message = Signal(str, bool)   # text, is_refusal
    pasteRefused = Signal(str, str)   # one line, the cells that could not be read

    def __init__(self, model: RegisterModel, parent=None):
        super().__init__(parent)
        self.source = model
        self.proxy = RegisterFilter(model, self)
        self.setModel(self.proxy)
        self.delegate = RegisterDelegate(self)
        self.setItemDelegate(self.delegate)
        self._refused = False
        model.inputRefused.connect(self._input_refused)
        self.setStyleSheet(theme.TABLE_STYLE)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        em = self.fontMetrics().horizontalAdvance("中")
        for col, name in enumerate(model.names):
            self.setColumnWidth(col, max(_WIDTHS.get(name, 8) * em + 12,
                                         header.sectionSizeHint(col)))
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    # -- positions ----------------------------------------------------------------------
    def source_index(self, index: QModelIndex) -> QModelIndex:
        return self.proxy.mapToSource(index) if index.isValid() else QModelIndex()

    def go_to_row(self, row: int, col: int = 0) -> bool:
        """Put the cursor on register row ``row`` (the filter is cleared if it hides it)."""
        src = self.source.index(row, col)
        if not src.isValid():
            return False
        idx = self.proxy.mapFromSource(src)
        if not idx.isValid():
            self.proxy.set_filter("", None)
            idx = self.proxy.mapFromSource(src)
        self.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                              | QItemSelectionModel.SelectionFlag.Rows)
        self.scrollTo(idx, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def selected_rows(self) -> list[int]:
        """Register rows with a selected cell (the blank new row left out)."""
        rows = {self.source_index(i).row() for i in self.selectedIndexes()}
        if not rows and self.currentIndex().isValid():
            rows = {self.source_index(self.currentIndex()).row()}
        return sorted(r for r in rows if r >= 0 and not self.source.is_new_row(r))

    # -- the open editor (ui/grid/entries.py commits it before undo, export, closing) -----
    def open_entry(self) -> tuple[QLineEdit, QModelIndex] | None:
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        idx = self.currentIndex()
        editor = self.indexWidget(idx)
        line = self.delegate.line_edit(editor)
        return (line, idx) if line is not None else None

    def entry_problem(self) -> str | None:
        entry = self.open_entry()
        if entry is None:
            return None
        src = self.source_index(entry[1])
        if self.source.is_new_row(src.row()) and not entry[0].text().strip():
            return None
        try:
            self.source.parse(src.row(), src.column(), entry[0].text())
        except reg_fields.FieldError as exc:
            return str(exc)
        return None

    def _editor(self):
        return self.indexWidget(self.currentIndex())

    def commit_entry(self) -> None:
        if self.open_entry() is not None:
            editor = self._editor()
            self.commitData(editor)
            self.closeEditor(editor, Hint.NoHint)

    def discard_entry(self) -> None:
        if self.open_entry() is not None:
            self.closeEditor(self._editor(), Hint.RevertModelCache)

    def closeEditor(self, editor, hint) -> None:
        moves = {Hint.EditNextItem: Move.MoveNext, Hint.EditPreviousItem: Move.MovePrevious}
        if self.delegate.entered:
            moves[Hint.SubmitModelCache] = Move.MoveDown
        move = moves.get(hint)
        super().closeEditor(editor, Hint.NoHint if move else hint)
        if move is not None and not self._refused:
            self._move(move)
        self._refused = False

    def _move(self, action: Move) -> None:
        idx = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if idx.isValid():
            self.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(idx)

    # -- keys -------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if self.state() == QAbstractItemView.State.EditingState or not handle_key(self, event):
            super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        if not commit_typed(self, event):
            super().inputMethodEvent(event)

    def start_typing(self, text: str) -> bool:
        idx = self.currentIndex()
        if not idx.isValid() or not idx.flags() & Qt.ItemFlag.ItemIsEditable:
            if idx.isValid():
                self._refuse("征求意见期间不能在表格中直接填写，请在导入的台账中填写开始和结束日期。")
            return False
        self.delegate.initial_text = text
        self.edit(idx)
        line = self.delegate.line_edit(self.indexWidget(idx))
        if line is not None:
            line.setText(text)
            line.deselect()
            line.end(False)
        return True

    # -- blocks -------------------------------------------------------------------------------
    def _block(self) -> tuple[int, int, int, int] | None:
        """(top, left, bottom, right) proxy rows/columns of the selection."""
        sel = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not sel:
            return None
        rows, cols = [i.row() for i in sel], [i.column() for i in sel]
        return min(rows), min(cols), max(rows), max(cols)

    def copy_selection(self) -> str:
        block = self._block()
        if block is None:
            return ""
        top, left, bottom, right = block
        lines = []
        for r in range(top, bottom + 1):
            src = self.source_index(self.proxy.index(r, 0)).row()
            lines.append("\t".join(self.source.text(src, c) for c in range(left, right + 1)))
        text = "\r\n".join(lines)
        QGuiApplication.clipboard().setText(text)
        self.message.emit("已复制，可以粘贴到 Excel 或 WPS 表格。", False)
        return text

    def cut_selection(self) -> str:
        """Copy, then blank the copied cells (one undo step), as 编辑 → 剪切 does."""
        text = self.copy_selection()
        if text and self.clear_selection("剪切"):
            self.message.emit("已剪切：所选内容已复制，原单元格已清空。按 Ctrl+Z 可撤销。", False)
        return text

    def paste_clipboard(self) -> bool:
        return self.paste_text(clipboard_text(QGuiApplication.clipboard().mimeData()))

    def paste_text(self, text: str) -> bool:
        """Paste a block at the cursor: each cell read as typed, rows past the last entry
        added.  Anything that cannot be read refuses the whole paste, naming the cells."""
        model, cur = self.source, self.currentIndex()
        if model.session is None or not cur.isValid() or not text.strip():
            return False
        block = parse_block(text)
        n_rows = model.rowCount() - 1
        left = cur.column()
        edits, refused = {}, []
        for i, cells in enumerate(block):
            proxy_row = cur.row() + i
            if proxy_row < self.proxy.rowCount() - 1:
                row = self.source_index(self.proxy.index(proxy_row, 0)).row()
            else:
                row = n_rows + (proxy_row - (self.proxy.rowCount() - 1))
            for j, cell in enumerate(cells):
                col = left + j
                if col >= len(model.names):
                    break
                name = model.names[col]
                if name in READ_ONLY_FIELDS:
                    continue
                try:
                    edits[(row, col)] = model.parse(row, col, cell)
                except reg_fields.FieldError as exc:
                    refused.append(f"第 {row + 1} 条“{field_titles(model.kind)[name]}”：{exc}")
        if refused:
            msg = f"有 {len(refused)} 个单元格无法读取，没有粘贴任何内容。请改正后再粘贴。"
            self.message.emit(msg, True)
            self.pasteRefused.emit(msg, "\n".join(listed(refused)))
            return False
        # Trailing blank rows of a copied block add nothing.
        while edits and (last := max(r for r, _ in edits)) >= n_rows and all(
                v in ("", None, True, ()) for (r, _), v in edits.items() if r == last):
            edits = {k: v for k, v in edits.items() if k[0] != last}
        if not edits:
            return False
        added = sum(1 for r in {r for r, _ in edits} if r >= n_rows)
        new = model.with_values(model.register(), edits)
        model.session.set_register(new, "粘贴到台账", Place.REGISTER.at(model.kind, cur.row()))
        word = KIND_WORDS[model.kind]
        self.message.emit(f"已粘贴 {len(edits)} 个单元格" + (f"，新增 {added} 件{word}" if added else "")
                          + "。按 Ctrl+Z 可撤销。", False)
        return True

    def clear_selection(self, title: str = "清空") -> bool:
        model = self.source
        if model.session is None or model.register() is None:
            return False
        edits = {}
        for idx in self.selectedIndexes() or [self.currentIndex()]:
            src = self.source_index(idx)
            if not src.isValid() or model.is_new_row(src.row()):
                continue
            if model.names[src.column()] in READ_ONLY_FIELDS or not model.text(src.row(), src.column()):
                continue
            edits[(src.row(), src.column())] = model.parse(src.row(), src.column(), "")
        if not edits:
            return False
        model.session.set_register(model.with_values(model.register(), edits),
                                   f"{title}台账中的内容", Place.REGISTER.at(model.kind, min(edits)[0]))
        return True

    # -- refusals -------------------------------------------------------------------------------
    def _input_refused(self, message: str, _index) -> None:
        self._refused = True
        self._refuse(message)

    def _refuse(self, message: str) -> None:
        self.message.emit(message, True)

