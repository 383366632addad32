"""What is not in the store yet, and writing it: the promise that nothing typed is lost.

Meta, cells, the register and each text are written on their own, so one failing write
blocks no other.  A lock held by someone else (``StoreError.transient``: StoreLocked,
StoreInterrupted) leaves the edits pending in state WAITING and is retried every
``RETRY_MS``; any other failure is state FAILED, said once, and tried again with the next
edit (or flush).  The message is not said again until a save has succeeded.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import StrEnum
from typing import Callable

from ...core.register import Register
from ...core.report import Report
from ...core.store import Store, StoreError
from ...core.values import Value

log = logging.getLogger(__name__)

# Timing policy; the window's timers (ui/session.py) keep it.
TEXT_WRITE_MS = 400         # typed text reaches the store at most this much later
TEXT_VALIDATE_MS = 150      # and is checked again after this pause in typing
RETRY_MS = 2000             # a locked store is tried again this often

NOT_RETRIED = ("最近的修改还没有写入数据文件；程序不会自动重试，"
               "处理好上面的问题后，再修改任意内容即会重新保存。")


class SaveState(StrEnum):
    """Where the edits are: all in the store, waiting to be written (typed text), refused
    by the store (FAILED), or waiting for another program's lock (WAITING, retried)."""
    SAVED = "saved"
    PENDING = "pending"
    FAILED = "failed"
    WAITING = "waiting"


@dataclass(frozen=True)
class SaveOutcome:
    state: SaveState
    changed: bool               # the state is not what it was before
    failure: str | None = None  # the message to show now (at most once per failure)


class Saver:
    """The dirty sets of one report and its save state."""

    def __init__(self, store: Store, report_id: int, stored_register: Register | None):
        self.store, self.report_id = store, report_id
        self.state = SaveState.SAVED
        self.cells: dict[str, Value] = {}
        self.texts: set[str] = set()
        self.meta = False
        self.register = False
        self._stored_register = stored_register     # what the store holds
        self._failure_said = False

    def pending(self) -> bool:
        return bool(self.cells or self.texts or self.meta or self.register)

    def typed(self) -> SaveOutcome:
        """Text typed, to be written later."""
        return self._set(SaveState.PENDING)

    def persist(self, report: Report) -> SaveOutcome:
        """Write whatever is dirty; the outcome says the state and the message to show."""
        failures: list[StoreError] = []

        def attempt(write: Callable[[], None]) -> bool:
            if failures and failures[-1].transient:
                return False        # locked: the rest would wait for the same lock
            try:
                write()
                return True
            except StoreError as exc:
                log.warning("store write failed (%s): %s", exc.kind, exc)
                failures.append(exc)
                return False

        rid, store = self.report_id, self.store
        if self.meta and attempt(lambda: store.write_meta(rid, report)):
            self.meta = False
        if self.cells:
            cells = self.cells
            if attempt(lambda: store.write_cells(rid, cells)):
                self.cells = {}
        if self.register:
            reg, stored = report.register, self._stored_register
            if attempt(lambda: store.write_register(rid, reg, stored)):
                self.register, self._stored_register = False, reg
        for key in sorted(self.texts):
            body = report.texts[key]
            if attempt(lambda: store.write_text(rid, key, body)):
                self.texts.discard(key)
        if not failures:
            self._failure_said = False
            return self._set(SaveState.SAVED)
        permanent = [e for e in failures if not e.transient]
        if not permanent:
            return self._set(SaveState.WAITING)
        outcome = self._set(SaveState.FAILED)
        if self._failure_said:
            return outcome
        self._failure_said = True
        return SaveOutcome(outcome.state, outcome.changed, f"{permanent[0]}\n{NOT_RETRIED}")

    def _set(self, state: SaveState) -> SaveOutcome:
        changed = state is not self.state
        self.state = state
        return SaveOutcome(state, changed)
