"""The report being edited, as the window sees it: a QObject around the Qt-free
``services.editing.Editor``.

The editor decides what an edit changes, writes the store, validates and keeps the save
state; this adapter adds what needs Qt: the undo stack (each command delegates to
``Editor.apply``/``revert``), the timers that write typed text (``TEXT_WRITE_MS``), check it
(``TEXT_VALIDATE_MS``) and retry a locked store (``RETRY_MS``), and the signals the views
refresh from, emitted from the ``OpChanges`` each operation returns.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..core.calendar import Calendar
from ..core.register import Problem, Register, Tally
from ..core.report import Report
from ..core.rules import Finding
from ..core.store import Store
from ..core.values import Value
from ..services.editing import (RETRY_MS, TEXT_VALIDATE_MS, TEXT_WRITE_MS, Change, Editor,
                                OpChanges, SaveState)
from ..services.editing.changes import MetaValue
from .undo import ChangeCommand, TextCommand
from .theme import ERROR_FG, WARNING_FG


def follow(old: "Session | None", new: "Session | None", **slots) -> None:
    """Move the connections ``signal name → slot`` (e.g. ``findingsChanged=self.refresh``)
    from the session a view showed to the one it shows now (either may be None)."""
    for name, slot in slots.items():
        if old is not None:
            getattr(old, name).disconnect(slot)
        if new is not None:
            getattr(new, name).connect(slot)


def save_status(state: SaveState) -> str:
    """The status bar's words (rich text) for a save state."""
    if state is SaveState.PENDING:
        return "正在保存…"
    if state is SaveState.FAILED:
        return f"<span style='color:{ERROR_FG.name()}'>保存失败</span>"
    if state is SaveState.WAITING:
        return f"<span style='color:{WARNING_FG.name()}'>数据文件被占用，正在重试…</span>"
    return "已自动保存"


class Session(QObject):
    cellsChanged = Signal(list)        # cell ids whose value changed (totals included)
    textChanged = Signal(str)          # text key
    metaChanged = Signal()
    findingsChanged = Signal()
    saveStateChanged = Signal(str)     # a SaveState
    located = Signal(str)              # where an undo/redo changed something
    storeFailed = Signal(str)          # Chinese message
    aboutToFlush = Signal()            # commit what is still being typed (ui/grid/entries.py)
    registerChanged = Signal()         # the register (rows or counting settings) changed

    def __init__(self, store: Store, report_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.editor = Editor(store, report_id)
        self.store, self.report_id = store, report_id
        self.undo_stack = QUndoStack(self)
        self._text_timer = self._timer(TEXT_WRITE_MS, self.flush)
        self._validate_timer = self._timer(TEXT_VALIDATE_MS, self.revalidate)
        self._retry_timer = self._timer(RETRY_MS, self.flush)
        # Asked before an edit changes the published content (ui/final_actions.py: a 定稿 wants a
        # reason); False drops the edit and the views show the report as it is.
        self.before_edit: Callable[[], bool] | None = None

    def _timer(self, ms: int, slot) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(ms)
        t.timeout.connect(slot)
        return t

    # -- the editor's state, read by the views ------------------------------------------
    @property
    def report(self) -> Report:
        return self.editor.report

    @property
    def previous(self) -> Report | None:
        return self.editor.previous

    @property
    def calendar(self) -> Calendar:
        return self.editor.calendar

    @property
    def findings(self) -> list[Finding]:
        return self.editor.findings

    @findings.setter
    def findings(self, findings: list[Finding]) -> None:
        self.editor.findings = findings

    @property
    def marks(self) -> dict[str, tuple[str, list[str]]]:
        return self.editor.marks

    @property
    def save_state(self) -> SaveState:
        return self.editor.save_state

    def counts(self) -> tuple[int, int]:
        return self.editor.counts()

    def pending(self) -> bool:
        return self.editor.pending()

    def meta_conflict(self, unit: str, year: int) -> str | None:
        return self.editor.meta_conflict(unit, year)

    def tally(self) -> Tally | None:
        return self.editor.tally()

    def register_problems(self) -> list[Problem]:
        return self.editor.register_problems()

    def reload_calendar(self) -> None:
        self._show(self.editor.reload_calendar())

    # -- edits (each one an undo step) ----------------------------------------------------
    def _may_edit(self) -> bool:
        return self.before_edit is None or self.before_edit()

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self._may_edit():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self._may_edit():
            self.undo_stack.redo()

    def set_cells(self, new: dict[str, Value], title: str = "修改数字") -> bool:
        change = self.editor.cells_change(new, title)
        if change is None:
            return False
        if not self._may_edit():
            self.cellsChanged.emit(list(change.new))     # the grid shows the value kept
            return False
        self.undo_stack.push(ChangeCommand(self, change))
        return True

    def set_text(self, key: str, body: str, merge: bool = True, title: str = "") -> bool:
        change = self.editor.text_change(key, body, merge, title)
        if change is None or not self._may_edit():
            return False                          # the editor puts the kept text back
        self.undo_stack.push(TextCommand(self, change))
        return True

    def set_meta(self, field: str, value: MetaValue) -> bool:
        change = self.editor.meta_change(field, value)
        if change is None:
            return False
        if field != "level" and not self._may_edit():    # the level is not printed
            self.metaChanged.emit()
            return False
        self.undo_stack.push(ChangeCommand(self, change))
        return True

    def recompute_totals(self) -> bool:
        """Make every total the sum of its parts again (one undo step)."""
        change = self.editor.totals_change()
        if change is None or not self._may_edit():
            return False
        self.undo_stack.push(ChangeCommand(self, change))
        return True

    def set_register(self, new: Register | None, title: str, where: str = "register") -> bool:
        """Replace the register (one undo step); ``where`` is what undo shows
        (``register.<kind>.<row>``)."""
        change = self.editor.register_change(new, title, where)
        if change is None:
            return False
        self.undo_stack.push(ChangeCommand(self, change))
        return True

    def fill_from_register(self) -> int:
        """按台账填写表三、表四: every input cell of 表三/表四 set to the register's count
        (one undo step); the number of cells changed."""
        changes = self.editor.register_fill()
        return len(changes) if changes and self.set_cells(changes, "按台账填写表三、表四") else 0

    # -- applying (the undo commands call these) ---------------------------------------------
    def apply(self, change: Change, locate: bool = False) -> None:
        self._show(self.editor.apply(change), locate)

    def revert(self, change: Change, locate: bool = True) -> None:
        self._show(self.editor.revert(change), locate)

    def _show(self, op: OpChanges, locate: bool = False) -> None:
        """Schedule and signal what ``op`` changed."""
        if op.write_later and not self._text_timer.isActive():
            self._text_timer.start()
        if op.validate_later:
            self._validate_timer.start()
        elif op.findings:
            self._validate_timer.stop()
        if op.saved is SaveState.WAITING:
            self._retry_timer.start()
        elif op.saved is not None:
            self._retry_timer.stop()
        if op.state_changed:
            self.saveStateChanged.emit(str(self.save_state))
        if op.failure:
            self.storeFailed.emit(op.failure)
        if op.cells:
            self.cellsChanged.emit(list(op.cells))
        if op.text is not None:
            self.textChanged.emit(op.text)
        if op.register:
            self.registerChanged.emit()
        if op.meta is not None:
            self.metaChanged.emit()
        if op.findings:
            self.findingsChanged.emit()
        if locate and op.where:
            self.located.emit(op.where)

    # -- store --------------------------------------------------------------------------------
    def flush(self) -> bool:
        """Write whatever is not in the store yet; True when everything is saved."""
        self.aboutToFlush.emit()
        self._text_timer.stop()
        self._show(self.editor.flush())
        return self.save_state is SaveState.SAVED

    def revalidate(self) -> None:
        self._show(self.editor.revalidate())

    def close(self) -> None:
        self.aboutToFlush.emit()
        self._text_timer.stop()
        self._show(self.editor.close())
        self._retry_timer.stop()
