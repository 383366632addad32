"""Undo commands of one open report.  Each applies its change through the Session,
which writes the store and revalidates; undo applies the old state the same way."""
from __future__ import annotations

import time

from PySide6.QtGui import QUndoCommand

TEXT_MERGE_SECONDS = 2.0
_TEXT_ID = 1001


class _Command(QUndoCommand):
    """Holds ``old`` and ``new``; a subclass says how to apply one (``_apply``) and where
    it shows (``_where``)."""

    def __init__(self, session, title: str, old, new):
        super().__init__(title)
        self.session, self.old, self.new = session, old, new
        self._first = True

    def redo(self) -> None:
        self._apply(self.new)
        self._located(self._where(self.new))

    def undo(self) -> None:
        self._apply(self.old)
        self._located(self._where(self.old))

    def _located(self, target: str | None) -> None:
        """Undo/redo after the first run shows where the change happened."""
        if target and not self._first:
            self.session.located.emit(target)
        self._first = False


class CellsCommand(_Command):
    def __init__(self, session, old: dict, new: dict, title: str):
        super().__init__(session, title, old, new)

    def _apply(self, cells: dict) -> None:
        self.session._apply_cells(cells)

    def _where(self, cells: dict) -> str | None:
        return next(iter(cells), None)


class TextCommand(_Command):
    """Typing in one text: consecutive keystrokes within a short pause are one step."""

    def __init__(self, session, key: str, old: str, new: str, title: str, merge: bool):
        super().__init__(session, title, old, new)
        self.key, self.merge = key, merge
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

    def _apply(self, text: str) -> None:
        self.session._apply_text(self.key, text)

    def _where(self, _text) -> str:
        return f"text.{self.key}"


class MetaCommand(_Command):
    def __init__(self, session, field: str, old, new, title: str):
        super().__init__(session, title, old, new)
        self.field = field

    def _apply(self, value) -> None:
        self.session._apply_meta(self.field, value)

    def _where(self, _value) -> str:
        return f"meta.{self.field}"


class RegisterCommand(_Command):
    """An edit of the register (applications, cases or the counting settings): the whole
    immutable Register before and after, so undo puts back exactly what was there."""

    def __init__(self, session, old, new, title: str, where: str = "register"):
        super().__init__(session, title, old, new)
        self.where = where

    def _apply(self, reg) -> None:
        self.session._apply_register(reg)

    def _where(self, _reg) -> str:
        return self.where
