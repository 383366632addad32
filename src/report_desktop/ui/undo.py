"""Undo commands of one open report.  Each holds one change of services/editing (the state
before and after) and hands it to the Session, whose Editor applies or reverts it (writing
the store, validating); the command itself decides nothing."""
from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ..services.editing import Change, TextChange

_TEXT_ID = 1001


class ChangeCommand(QUndoCommand):
    def __init__(self, session, change: Change):
        super().__init__(change.title)
        self.session, self.change = session, change
        self._first = True

    def redo(self) -> None:
        # Redo after an undo shows where the change happened; the first run does not move.
        self.session.apply(self.change, locate=not self._first)
        self._first = False

    def undo(self) -> None:
        self.session.revert(self.change)


class TextCommand(ChangeCommand):
    """Typing in one text: consecutive keystrokes within a short pause are one step
    (``TextChange.merged``)."""
    change: TextChange

    def __init__(self, session, change: TextChange):
        super().__init__(session, change)

    def id(self) -> int:
        return _TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        merged = self.change.merged(other.change) if isinstance(other, TextCommand) else None
        if merged is None:
            return False
        self.change = merged
        self.setObsolete(merged.empty)
        return True
