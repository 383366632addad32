"""The report being edited: its undo stack, its store writes, its findings.

Every change goes through here.  Cell and meta edits reach the SQLite store at once;
text edits are written at most ``TEXT_WRITE_MS`` later (and on ``flush``).  After each
change the report is validated against last year's report of the same unit from the
store, incrementally (``core.rules.Revalidator``: only the rules that read what changed).
"""
from __future__ import annotations

import logging
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..core import schema
from ..core.calendar import Calendar, CalendarDataError, shipped as calendar_shipped
from ..core.report import Report
from ..core.rules import ERROR, Finding, Revalidator
from ..core.store import Store, StoreError
from ..core.values import Value, same
from ..core.register import Register, Tally, problems, tally
# The tally rule S11 keeps for the register it last counted (core/rules/register.py).
from ..core.rules.register import _counted as counted_by_s11
from ..services import calendar as store_calendar
from ..services import summary as summary_service
from .undo import CellsCommand, MetaCommand, RegisterCommand, TextCommand

log = logging.getLogger(__name__)

TEXT_WRITE_MS = 400
TEXT_VALIDATE_MS = 150
RETRY_MS = 2000

SAVED, PENDING, FAILED, WAITING = "saved", "pending", "failed", "waiting"


def follow(old: "Session | None", new: "Session | None", **slots) -> None:
    """Move the connections ``signal name → slot`` (e.g. ``findingsChanged=self.refresh``)
    from the session a view showed to the one it shows now (either may be None)."""
    for name, slot in slots.items():
        if old is not None:
            getattr(old, name).disconnect(slot)
        if new is not None:
            getattr(new, name).connect(slot)


class Session(QObject):
    cellsChanged = Signal(list)        # cell ids whose value changed (totals included)
    textChanged = Signal(str)          # text key
    metaChanged = Signal()
    findingsChanged = Signal()
    saveStateChanged = Signal(str)     # SAVED, PENDING, FAILED or WAITING (locked, retrying)
    located = Signal(str)              # where an undo/redo changed something
    storeFailed = Signal(str)          # Chinese message
    aboutToFlush = Signal()            # commit what is still being typed (ui/grid/entries.py)
    registerChanged = Signal()         # the register (rows or counting settings) changed

    def __init__(self, store: Store, report_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.report_id = report_id
        self.report: Report = store.load(report_id)
        self.previous: Report | None = self._load_previous()
        self.calendar = self._load_calendar()
        self.origins = self._load_origins()   # a 汇总: which units' reports have its errors
        self.undo_stack = QUndoStack(self)
        self.findings: list[Finding] = []
        self._validate = Revalidator()     # re-runs only the rules an edit can change
        self.marks: dict[str, tuple[str, list[str]]] = {}
        self.save_state = SAVED
        self._dirty_cells: dict[str, Value] = {}
        self._dirty_texts: set[str] = set()
        self._dirty_meta = False
        self._dirty_register = False
        self._stored_register = self.report.register    # what the store holds
        self._problems: tuple | None = None              # (register, its problems)
        self._text_timer = self._timer(TEXT_WRITE_MS, self.flush)
        self._validate_timer = self._timer(TEXT_VALIDATE_MS, self.revalidate)
        self._retry_timer = self._timer(RETRY_MS, self.flush)
        self._failure_reported = False
        # Asked before an edit changes the published content (ui/final_actions.py: a 定稿 wants a
        # reason); False drops the edit and the views show the report as it is.
        self.before_edit: Callable[[], bool] | None = None
        self.revalidate()

    def _load_calendar(self) -> Calendar:
        """The working days answer deadlines are counted by (S17): the clerk's years laid
        over the shipped ones; the shipped ones alone when hers cannot be read (the 工作日日历
        dialog says so)."""
        try:
            return store_calendar.load(self.store)
        except (CalendarDataError, StoreError):
            return calendar_shipped()

    def _load_origins(self) -> dict[str, list[str]]:
        try:
            text = self.store.report_setting(self.report_id, summary_service.ORIGINS_SETTING)
        except StoreError:
            return {}
        return summary_service.origins_from_text(text)

    def reload_calendar(self) -> None:
        self.calendar = self._load_calendar()
        self.revalidate()

    def _timer(self, ms: int, slot) -> QTimer:
        t = QTimer(self)
        t.setSingleShot(True)
        t.setInterval(ms)
        t.timeout.connect(slot)
        return t

    def _load_previous(self) -> Report | None:
        try:
            prev = self.store.get(self.report.unit, self.report.year - 1)
        except StoreError:
            log.exception("cannot load last year's report")
            return None
        return _with_register_counts(prev)

    # -- edits (each one an undo step) ----------------------------------------
    def _may_edit(self) -> bool:
        return self.before_edit is None or self.before_edit()

    def undo(self) -> None:
        if self.undo_stack.canUndo() and self._may_edit():
            self.undo_stack.undo()

    def redo(self) -> None:
        if self.undo_stack.canRedo() and self._may_edit():
            self.undo_stack.redo()

    def set_cells(self, new: dict[str, Value], title: str = "修改数字") -> bool:
        new = {c: v for c, v in new.items() if c not in schema.TOTAL_IDS}
        old = {c: self.report.cells[c] for c in new}
        if all(same(old[c], new[c]) for c in new):
            return False
        if not self._may_edit():
            self.cellsChanged.emit(list(new))     # the grid shows the value kept
            return False
        self.undo_stack.push(CellsCommand(self, old, new, title))
        return True

    def set_text(self, key: str, body: str, merge: bool = True, title: str = "") -> bool:
        old = self.report.texts.get(key, "")
        if body == old:
            return False
        if not self._may_edit():
            return False                          # the editor puts the kept text back
        title = title or f"编辑“{schema.TEXTS[key]}”"
        self.undo_stack.push(TextCommand(self, key, old, body, title, merge))
        return True

    def meta_conflict(self, unit: str, year: int) -> str | None:
        """Why the report cannot take this unit and year (another report has them)."""
        other = self.store.find(unit, year)
        if other is not None and other != self.report_id:
            return f"数据文件中已经有“{unit}”{year}年的报告，不能重复。"
        return None

    def set_meta(self, field: str, value) -> bool:
        old = getattr(self.report, field)
        if old == value:
            return False
        if field != "level" and not self._may_edit():    # the level is not printed
            self.metaChanged.emit()
            return False
        titles = {"unit": "修改单位名称", "year": "修改统计年度",
                  "report_date": "修改报告日期", "level": "修改单位层级",
                  "local_deadline": "修改上级规定的报送期限", "published_date": "修改发布日期"}
        self.undo_stack.push(MetaCommand(self, field, old, value, titles[field]))
        return True

    def recompute_totals(self) -> bool:
        """Make every total the sum of its parts again (one undo step)."""
        before = dict(self.report.cells)
        probe = self.report.copy()
        probe.recompute_totals()
        changed = [c for c in schema.TOTAL_IDS if not same(before[c], probe.cells[c])]
        if not changed or not self._may_edit():
            return False
        self.undo_stack.push(_TotalsCommand(self, {c: before[c] for c in changed},
                                            {c: probe.cells[c] for c in changed}))
        return True

    def set_register(self, new: Register | None, title: str, where: str = "register") -> bool:
        """Replace the register (one undo step); ``where`` is what undo shows
        (``register.<kind>.<row>``)."""
        old = self.report.register
        if new is old:
            return False
        self.undo_stack.push(RegisterCommand(self, old, new, title, where))
        return True

    def tally(self) -> Tally | None:
        """表三/表四 counted from the register: the count rule S11 keeps for the same
        register object (a 10,000-row register is counted once per edit, not twice)."""
        reg, year = self.report.register, self.report.year
        if reg is None or not year:
            return None
        return counted_by_s11(reg, year)

    def register_problems(self) -> list:
        """Duplicate numbers and links to unknown applications (core.register.problems),
        kept while the register is unchanged."""
        reg = self.report.register
        if reg is None:
            return []
        if self._problems is None or self._problems[0] is not reg:
            self._problems = (reg, problems(reg))
        return self._problems[1]

    def fill_from_register(self) -> int:
        """按台账填写表三、表四: every input cell of 表三/表四 set to the register's count
        (one undo step); the number of cells changed."""
        counted = self.tally()
        if counted is None:
            return 0
        changes = counted.changes_for(self.report)
        return len(changes) if self.set_cells(dict(changes), "按台账填写表三、表四") else 0

    # -- applying (called by the undo commands) ---------------------------------
    def _apply_cells(self, new: dict[str, Value]) -> None:
        changed: dict[str, Value] = {}
        for cid, value in new.items():
            changed.update(self.report.set(cid, value))
        self._dirty_cells.update(changed)
        self._persist()
        self.cellsChanged.emit(list(changed))
        self.revalidate()

    def _apply_totals(self, totals: dict[str, Value]) -> None:
        self.report.cells.update(totals)
        self._dirty_cells.update(totals)
        self._persist()
        self.cellsChanged.emit(list(totals))
        self.revalidate()

    def _apply_text(self, key: str, body: str) -> None:
        self.report.texts[key] = body
        self._dirty_texts.add(key)
        self._set_state(PENDING)
        if not self._text_timer.isActive():
            self._text_timer.start()
        self.textChanged.emit(key)
        self._validate_timer.start()

    def _apply_register(self, reg: Register | None) -> None:
        self.report.register = reg
        self._dirty_register = True
        self._persist()
        self.registerChanged.emit()
        self.revalidate()

    def _apply_meta(self, field: str, value) -> None:
        setattr(self.report, field, value)
        self._dirty_meta = True
        self._persist()
        if field in ("unit", "year"):
            self.previous = self._load_previous()
        self.metaChanged.emit()
        self.revalidate()

    # -- store -------------------------------------------------------------------
    def pending(self) -> bool:
        return bool(self._dirty_cells or self._dirty_texts or self._dirty_meta
                    or self._dirty_register)

    def flush(self) -> bool:
        """Write whatever is not in the store yet; True when everything is saved."""
        self.aboutToFlush.emit()
        self._text_timer.stop()
        if self._validate_timer.isActive():
            self.revalidate()
        return self._persist()

    def _persist(self) -> bool:
        """Write meta, cells and each text on its own, so one failing write blocks no other.
        A lock held by someone else is retried every RETRY_MS (state WAITING); any other
        failure is said once and not retried until the next edit (state FAILED)."""
        failures: list[StoreError] = []

        def attempt(write) -> bool:
            if failures and failures[-1].transient:
                return False        # locked: the rest would wait for the same lock
            try:
                write()
                return True
            except StoreError as exc:
                log.warning("store write failed (%s): %s", exc.kind, exc)
                failures.append(exc)
                return False

        if self._dirty_meta and attempt(lambda: self.store.write_meta(self.report_id, self.report)):
            self._dirty_meta = False
        if self._dirty_cells and attempt(lambda: self.store.write_cells(self.report_id, self._dirty_cells)):
            self._dirty_cells = {}
        if self._dirty_register:
            reg, stored = self.report.register, self._stored_register
            if attempt(lambda: self.store.write_register(self.report_id, reg, stored)):
                self._dirty_register, self._stored_register = False, reg
        for key in sorted(self._dirty_texts):
            if attempt(lambda: self.store.write_text(self.report_id, key, self.report.texts[key])):
                self._dirty_texts.discard(key)
        if not failures:
            self._failure_reported = False
            self._retry_timer.stop()
            self._set_state(SAVED)
            return True
        permanent = [e for e in failures if not e.transient]
        if permanent:
            self._retry_timer.stop()
            self._set_state(FAILED)
            if not self._failure_reported:
                self._failure_reported = True
                self.storeFailed.emit(f"{permanent[0]}\n最近的修改还没有写入数据文件；程序不会自动重试，"
                                      "处理好上面的问题后，再修改任意内容即会重新保存。")
        else:
            self._set_state(WAITING)
            self._retry_timer.start()
        return False

    def _set_state(self, state: str) -> None:
        if state != self.save_state:
            self.save_state = state
            self.saveStateChanged.emit(state)

    # -- findings ------------------------------------------------------------------
    def revalidate(self) -> None:
        self._validate_timer.stop()
        self.findings = summary_service.name_origins(
            self._validate(self.report, self.previous, self.calendar), self.origins)
        marks: dict[str, tuple[str, list[str]]] = {}
        for f in self.findings:
            for cid in f.cells:
                sev, msgs = marks.get(cid, (f.severity, []))
                if f.severity == ERROR:
                    sev = ERROR
                msgs.append(f.message)
                marks[cid] = (sev, msgs)
        self.marks = marks
        self.findingsChanged.emit()

    def counts(self) -> tuple[int, int]:
        errors = sum(f.severity == ERROR for f in self.findings)
        return errors, len(self.findings) - errors

    def close(self) -> None:
        self.flush()
        self._retry_timer.stop()


def _with_register_counts(prev: Report | None) -> Report | None:
    """Last year's report for H6: where its 结转下年度 cells are blank and it carries a
    register, the register's counts stand in for them."""
    if prev is None or prev.register is None or not prev.year:
        return prev
    counted = tally(prev.register, prev.year)
    ids = [c for c in schema.APPLICATION_IDS if ".carry_forward." in c]
    if all(prev.cells[c] is not None for c in ids):
        return prev
    prev = prev.copy()
    for c in ids:
        if prev.cells[c] is None:
            prev.cells[c] = counted.cells[c]
    return prev


class _TotalsCommand(CellsCommand):
    def _apply(self, cells: dict) -> None:
        self.session._apply_totals(cells)

    def __init__(self, session, old, new):
        super().__init__(session, old, new, "重新计算合计")

