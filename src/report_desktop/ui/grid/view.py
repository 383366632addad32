"""The statistics grid with Excel-like keys.

Arrows, Tab/Shift+Tab and Enter move the cursor, past computed cells (totals) as Excel
moves past protected cells; typing (or an input-method commit) replaces the cell; F2 or a
double click edits; Delete blanks; Ctrl+C / Ctrl+V copy and paste rectangular blocks as
tab-separated text; Ctrl+X copies, then blanks the block's input cells.

An entry that cannot go into its cell is never changed or dropped: the editor stays open
with the clerk's text and the reason is shown next to the cell (bubble.py) until she
corrects it or presses Esc (the old value comes back).  It also goes to ``message``.
"""
from __future__ import annotations

import unicodedata

from PySide6.QtCore import (QItemSelectionModel, QModelIndex, QPersistentModelIndex, Qt, QTimer,
                            Signal)
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QLineEdit

from ...core import schema, values
from .. import theme
from .blocks import BlockEdits
from .bubble import ReasonBubble
from .register_links import RegisterLinks
from .geometry import GridGeometry
from .delegate import GridDelegate
from .focus import EditorFocus
from .sheet_keys import commit_typed, handle_key
from .frozen import FrozenPanes
from ...core.table_slots import INPUT, TOTAL, total_advice
from .model import GridModel

Hint = QAbstractItemDelegate.EndEditHint
Move = QAbstractItemView.CursorAction
_STARTERS = set("0123456789.+,")
_JUMPS = {Qt.Key.Key_Up: Move.MoveUp, Qt.Key.Key_Down: Move.MoveDown,
          Qt.Key.Key_Left: Move.MoveLeft, Qt.Key.Key_Right: Move.MoveRight}


class GridView(BlockEdits, GridGeometry, EditorFocus, RegisterLinks):
    message = Signal(str, bool)   # text, is_refusal
    pasteRefused = Signal(str)

    def __init__(self, model: GridModel, parent=None):
        super().__init__(parent)
        self.delegate = GridDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setModel(model)
        self.spec = model.spec
        self._refused = False      # the entry just committed was refused
        self._held = QPersistentModelIndex()   # the cell whose refused entry is kept open
        self.bubble = ReasonBubble(self)
        self.auto_height = False   # fixed height showing every row (short tables)
        model.inputRefused.connect(self._input_refused)
        model.modelReset.connect(self._forget)
        self.delegate.textEdited.connect(self._recheck)
        self.selectionModel().currentChanged.connect(self._current_moved)
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
        """Put the cursor on a cell; False (and the reason shown again) while a refused
        entry is still open: it is corrected or abandoned first."""
        problem, entry = self.entry_problem(), self.open_entry()
        if problem is not None and entry is not None:
            self._refuse(problem, entry[1])
            entry[0].setFocus(Qt.FocusReason.OtherFocusReason)
            return False
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

    def moveCursor(self, action, modifiers) -> QModelIndex:
        """Qt's move, continued past computed cells (totals): the next cell to type in.
        Where only totals lie ahead, the cursor stays.  Shift+arrows, which widen a
        selection (to copy a block with its totals), still reach them."""
        idx = super().moveCursor(action, modifiers)
        if not self._is_total(idx) or modifiers & Qt.KeyboardModifier.ShiftModifier:
            return idx
        sel = self.selectionModel()
        start = self.currentIndex()
        seen = {(start.row(), start.column())}
        quiet = sel.blockSignals(True)       # trying positions, not moving the cursor yet
        try:
            while self._is_total(idx) and (idx.row(), idx.column()) not in seen:
                seen.add((idx.row(), idx.column()))
                sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.NoUpdate)
                idx = super().moveCursor(action, modifiers)
        finally:
            sel.setCurrentIndex(start, QItemSelectionModel.SelectionFlag.NoUpdate)
            sel.blockSignals(quiet)
        return start if self._is_total(idx) or not idx.isValid() else idx

    def _is_total(self, index) -> bool:
        slot = self.model().slot(index)
        return slot is not None and slot.kind == TOTAL

    def closeEditor(self, editor, hint) -> None:
        refused, self._refused = self._refused, False
        if refused and hint != Hint.RevertModelCache:
            self._hold(editor)          # her text stays; Esc abandons it
            return
        self._held = QPersistentModelIndex()
        self.bubble.dismiss()
        moves = {Hint.EditNextItem: Move.MoveNext, Hint.EditPreviousItem: Move.MovePrevious}
        if self.delegate.entered:     # Enter, not a click elsewhere (Qt submits that too)
            moves[Hint.SubmitModelCache] = Move.MoveDown
        move = moves.get(hint)
        super().closeEditor(editor, Hint.NoHint if move else hint)
        if move is not None:
            self._move(move)

    # -- a refused entry stays open ----------------------------------------------------------
    def _hold(self, editor) -> None:
        """Keep the editor with the refused text open at its cell; a click on another cell
        brings the cursor back to it (as Excel does with an entry it will not take)."""
        self._held = QPersistentModelIndex(self.bubble.index)
        if self.currentIndex() != self._index_of(self._held):
            QTimer.singleShot(0, self._back_to_held)

    def _back_to_held(self) -> None:
        if not self._held.isValid():
            return
        idx = self._index_of(self._held)
        self.selectionModel().setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        entry = self.open_entry()
        if entry is not None:
            entry[0].setFocus(Qt.FocusReason.OtherFocusReason)
        self.bubble.place()

    def _index_of(self, kept: QPersistentModelIndex) -> QModelIndex:
        return self.model().index(kept.row(), kept.column()) if kept.isValid() else QModelIndex()

    def _recheck(self, _text: str) -> None:
        """While the reason is shown, it follows what she types: gone once the text is
        acceptable, updated while it is not."""
        if not self.bubble.index.isValid():
            return
        entry = self.open_entry()
        if entry is None:
            return
        problem = self.entry_problem()
        if problem is None:
            self._held = QPersistentModelIndex()
            self.bubble.dismiss()
            entry[0].setStyleSheet("")
        else:
            self._refuse(problem, entry[1])

    def _current_moved(self, current, _previous) -> None:
        if not self._held.isValid() and self.bubble.index.isValid() \
                and self._index_of(self.bubble.index) != current:
            self.bubble.dismiss()      # the reason was about the cell she has left

    def _forget(self) -> None:
        self._held = QPersistentModelIndex()
        self.bubble.dismiss()

    # -- keys --------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        if self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
        elif event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in _JUMPS:
            self._jump(_JUMPS[event.key()])
        elif not handle_key(self, event):
            super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:
        if not commit_typed(self, event):
            super().inputMethodEvent(event)

    def start_typing(self, text: str, explain: bool = False) -> bool:
        """Replace the current cell's content with typed text (opens the editor).  A start
        that can only be refused (a sign, a letter, 十二) is explained at once, ``explain``
        says so for any refused text (a pasted value); the text stays in the editor."""
        idx = self.currentIndex()
        slot = self.model().slot(idx)
        if slot is None or not slot.cell_id:
            return False
        if slot.kind != INPUT:
            self._refuse(total_advice(self.spec, idx.row(), idx.column()), idx)
            return False
        self.delegate.initial_text = text
        self.edit(idx)
        self.delegate.initial_text = None
        editor = self.indexWidget(idx)
        if not isinstance(editor, QLineEdit):
            return False
        editor.setText(text)          # Qt selects all on opening; typing replaces
        editor.deselect()
        editor.end(False)
        norm = unicodedata.normalize("NFKC", text)
        if text and (explain or norm[:1] not in _STARTERS):
            try:
                values.parse_cell(slot.cell_id, text)
            except values.InputError as exc:
                self._refuse(str(exc), idx)
        return True

    # -- refusals ----------------------------------------------------------------------------
    def _input_refused(self, message: str, index: QModelIndex) -> None:
        self._refused = True
        self._refuse(message, index)

    def _refuse(self, message: str, index: QModelIndex) -> None:
        """The status bar names the cell; at the cell itself the reason is enough."""
        self.message.emit(message, True)
        if index.isValid():
            slot = self.model().slot(index)
            name = schema.CELLS[slot.cell_id].name if slot is not None and slot.cell_id else ""
            self.bubble.show_at(index, message.removeprefix(f"{name}：") if name else message)
            entry = self.open_entry()
            if entry is not None and entry[1] == index:     # the refused text, marked
                entry[0].setStyleSheet(f"QLineEdit {{ background: {theme.ERROR_BG.name()}; }}")

