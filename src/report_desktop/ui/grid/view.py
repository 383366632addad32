"""The statistics grid with Excel-like keys.

Arrows, Tab/Shift+Tab and Enter move the cursor; typing a digit (or an input-method
commit) replaces the cell; F2 or a double click edits; Delete blanks; Ctrl+C / Ctrl+V
copy and paste rectangular blocks as tab-separated text; Ctrl+X copies, then blanks the
block's input cells.  Anything refused is reported by ``message``.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit,
                               QToolTip)

from ...core import schema, values
from .. import theme
from .blocks import BlockEdits
from .register_links import RegisterLinks
from .geometry import GridGeometry
from .delegate import GridDelegate
from .frozen import FrozenPanes
from ...core.grid import INPUT
from .model import GridModel

Hint = QAbstractItemDelegate.EndEditHint
Move = QAbstractItemView.CursorAction
_STARTERS = set("0123456789.+,")
_JUMPS = {Qt.Key.Key_Up: Move.MoveUp, Qt.Key.Key_Down: Move.MoveDown,
          Qt.Key.Key_Left: Move.MoveLeft, Qt.Key.Key_Right: Move.MoveRight}


class GridView(BlockEdits, GridGeometry, RegisterLinks):
    message = Signal(str, bool)   # text, is_refusal
    pasteRefused = Signal(str)

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.delegate = GridDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self.spec = model.spec
        self._refused = False
        self.auto_height = False   # fixed height showing every row (short tables)
        model.inputRefused.connect(self._input_refused)
        self.setStyleSheet(theme.TABLE_STYLE)
        self.horizontalHeader().hide()
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setTabKeyNavigation(True)
        for r, c, rows, cols in self.spec.spans():
            self.setSpan(r, c, rows, cols)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(20)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen = FrozenPanes(self)
        self._natural: list[int] = []
        self._laying_out = self._again = False
        self.relayout()

    def model(self) -> GridModel:   # typed accessor
        return super().model()

    # -- moving ----------------------------------------------------------------------
    # -- the open editor ---------------------------------------------------------------
    def open_entry(self) -> tuple[QLineEdit, QModelIndex] | None:
        """The cell editor being typed in, with its cell, if one is open."""
        if self.state() != QAbstractItemView.State.EditingState:
            return None
        idx = self.currentIndex()
        editor = self.indexWidget(idx)
        return (editor, idx) if isinstance(editor, QLineEdit) else None

    def entry_problem(self) -> str | None:
        """Why the open editor's text cannot go into its cell (None: it can, or no editor)."""
        entry = self.open_entry()
        slot = self.model().slot(entry[1]) if entry else None
        if slot is None or not slot.cell_id:
            return None
        try:
            values.parse_cell(slot.cell_id, entry[0].text())
        except values.InputError as exc:
            return str(exc)
        return None

    def commit_entry(self) -> None:
        """Put the open editor's text into its cell and close it, cursor unmoved."""
        entry = self.open_entry()
        if entry is not None:
            self.commitData(entry[0])
            self.closeEditor(entry[0], Hint.NoHint)

    def discard_entry(self) -> None:
        entry = self.open_entry()
        if entry is not None:
            self.closeEditor(entry[0], Hint.RevertModelCache)

    def go_to(self, cell_id: str) -> bool:
        if self.entry_problem() is None:
            self.commit_entry()
        idx = self.model().index_of(cell_id)
        if not idx.isValid():
            return False
        self.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.scrollTo(idx)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    def _move(self, action: Move) -> None:
        idx = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
        if idx.isValid():
            self.selectionModel().setCurrentIndex(
                idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(idx)

    def _jump(self, action: Move) -> None:
        """Ctrl+arrow, as in Excel: to the last cell of the table in that direction."""
        sel = self.selectionModel()
        start = idx = self.currentIndex()
        for _ in range(self.spec.n_rows + self.spec.n_cols):
            nxt = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if not nxt.isValid() or nxt == idx:
                break
            idx = nxt
            sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
        sel.setCurrentIndex(start, QItemSelectionModel.SelectionFlag.NoUpdate)
        if idx.isValid():
            sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.scrollTo(idx)

    def closeEditor(self, editor, hint) -> None:
        moves = {Hint.EditNextItem: Move.MoveNext, Hint.EditPreviousItem: Move.MovePrevious}
        if self.delegate.entered:     # Enter, not a click elsewhere (Qt submits that too)
            moves[Hint.SubmitModelCache] = Move.MoveDown
        move = moves.get(hint)
        super().closeEditor(editor, Hint.NoHint if move else hint)
        if move is not None and not self._refused:
            self._move(move)
        self._refused = False

    # -- keys --------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        key, mods = event.key(), event.modifiers()
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
        elif event.matches(QKeySequence.StandardKey.Cut):
            self.cut_selection()
        elif event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
        elif key in (Qt.Key.Key_Delete,):
            self.clear_selection()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._move(Move.MoveUp if mods & Qt.KeyboardModifier.ShiftModifier else Move.MoveDown)
        elif key == Qt.Key.Key_Tab and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self._move(Move.MoveNext)
        elif key == Qt.Key.Key_Backtab:
            self._move(Move.MovePrevious)
        elif mods & Qt.KeyboardModifier.ControlModifier and key in _JUMPS:
            self._jump(_JUMPS[key])
        elif key == Qt.Key.Key_Backspace:
            self.start_typing("")
        elif event.text() and event.text().isprintable() and not (
                mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)):
            self.start_typing(event.text())
        else:
            super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        """A Chinese input method commits text without a key press: treat it as typed."""
        if self.state() != QAbstractItemView.State.EditingState and event.commitString():
            self.start_typing(event.commitString())
            event.accept()
            return
        super().inputMethodEvent(event)

    def start_typing(self, text: str) -> bool:
        """Replace the current cell's content with typed text (opens the editor)."""
        idx = self.currentIndex()
        slot = self.model().slot(idx)
        if slot is None or not slot.cell_id:
            return False
        if slot.kind != INPUT:
            self._refuse(f"{schema.CELLS[slot.cell_id].name}是自动计算的合计，不能直接填写。", idx)
            return False
        norm = unicodedata.normalize("NFKC", text)
        if text and norm[:1] not in _STARTERS:
            try:
                values.parse_cell(slot.cell_id, text)
            except values.InputError as exc:
                self._refuse(str(exc), idx)
                return False
        self.delegate.initial_text = text
        self.edit(idx)
        editor = self.indexWidget(idx)
        if isinstance(editor, QLineEdit):     # Qt selects all on opening; typing replaces
            editor.setText(text)
            editor.deselect()
            editor.end(False)
        return True

    # -- refusals ----------------------------------------------------------------------------
    def _input_refused(self, message: str, index: QModelIndex) -> None:
        self._refused = True
        self._refuse(message, index)

    def _refuse(self, message: str, index: QModelIndex) -> None:
        self.message.emit(message, True)
        if self.isVisible() and index.isValid() and QGuiApplication.platformName() != "offscreen":
            rect = self.visualRect(index)
            QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message,
                              self.viewport(), rect, 5000)

