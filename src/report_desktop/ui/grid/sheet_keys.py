"""The keys both tables answer as a spreadsheet does — the report's grid (grid/view.py) and
the 台账 (register/view.py): copy, cut, paste, Delete, Enter/Tab to move, typing (and an
input method's commit) to start editing.  Functions, not a mixin: the two views have
different bases, and a second QTableView mixin confuses PySide's method resolution."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractItemView

Move = QAbstractItemView.CursorAction
_NO_TYPING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


def handle_key(view, event) -> bool:
    """Do what ``event`` asks of ``view`` (not editing); False: not one of these keys."""
    key, mods = event.key(), event.modifiers()
    if event.matches(QKeySequence.StandardKey.Copy):
        view.copy_selection()
    elif event.matches(QKeySequence.StandardKey.Cut):
        view.cut_selection()
    elif event.matches(QKeySequence.StandardKey.Paste):
        view.paste_clipboard()
    elif key == Qt.Key.Key_Delete:
        view.clear_selection()
    elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
        view._move(Move.MoveUp if mods & Qt.KeyboardModifier.ShiftModifier else Move.MoveDown)
    elif key == Qt.Key.Key_Tab and not mods & ~Qt.KeyboardModifier.KeypadModifier:
        view._move(Move.MoveNext)
    elif key == Qt.Key.Key_Backtab:
        view._move(Move.MovePrevious)
    elif key == Qt.Key.Key_Backspace:
        view.start_typing("")
    elif event.text() and event.text().isprintable() and not mods & _NO_TYPING:
        view.start_typing(event.text())
    else:
        return False
    return True


def commit_typed(view, event) -> bool:
    """A Chinese input method commits text without a key press: typed, when not editing."""
    if view.state() == QAbstractItemView.State.EditingState or not event.commitString():
        return False
    view.start_typing(event.commitString())
    event.accept()
    return True
