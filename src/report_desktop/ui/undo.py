"""Undo commands of one open report.  Each applies its change through the Session,
which writes the store and revalidates; undo applies the old state the same way."""
from __future__ import annotations

import time

from PySide6.QtGui import QUndoCommand

TEXT_MERGE_SECONDS = 2.0
_TEXT_ID = 1001


class _Command(QUndoCommand):
    def __init__(self, session, title: str):
        super().__init__(title)
        self.session = session
        self._first = True

    def _located(self, target: str | None) -> None:
        """Undo/redo after the first run shows where the change happened."""
        if target and not self._first:
            self.session.located.emit(target)
        self._first = False


class CellsCommand(_Command):
    def __init__(self, session, old: dict, new: dict, title: str):
        super().__init__(session, title)
        self.old, self.new = old, new

    def redo(self) -> None:
        self.session._apply_cells(self.new)
        self._located(next(iter(self.new), None))

    def undo(self) -> None:
        self.session._apply_cells(self.old)
        self._located(next(iter(self.old), None))


class TextCommand(_Command):
    """Typing in one text: consecutive keystrokes within a short pause are one step."""

    def __init__(self, session, key: str, old: str, new: str, title: str, merge: bool):
        super().__init__(session, title)
        self.key, self.old, self.new, self.merge = key, old, new, merge
        self.stamp = time.monotonic()

    def id(self) -> int:
        return _TEXT_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, TextCommand) and other.key == self.key
                and self.merge and other.merge
                and other.stamp - self.stamp < TEXT_MERGE_SECONDS):
            return False
        self.new, self.stamp = other.new, other.stamp
        self.setObsolete(self.new == self.old)
        return True

    def redo(self) -> None:
        self.session._apply_text(self.key, self.new)
        self._located(f"text.{self.key}")

    def undo(self) -> None:
        self.session._apply_text(self.key, self.old)
        self._located(f"text.{self.key}")


class MetaCommand(_Command):
    def __init__(self, session, field: str, old, new, title: str):
        super().__init__(session, title)
        self.field, self.old, self.new = field, old, new

    def redo(self) -> None:
        self.session._apply_meta(self.field, self.new)
        self._located(f"meta.{self.field}")

    def undo(self) -> None:
        self.session._apply_meta(self.field, self.old)
        self._located(f"meta.{self.field}")
