"""The report being edited, without Qt: changes applied and reverted, written to the store,
and the report validated again.

Cell, meta and register changes reach the SQLite store at once; typed text is written when
the caller flushes (the window: ``TEXT_WRITE_MS`` after typing, and before anything reads
the store).  After each change the report is validated against last year's report of the
same unit, incrementally (``core.rules.Revalidator``: only the rules that read what changed).
Every operation returns an ``OpChanges``: what the views must show again.
"""
from __future__ import annotations

import logging
import time
from dataclasses import replace
from typing import Callable

from ...core import schema
from ...core.calendar import Calendar, CalendarDataError, shipped as calendar_shipped
from ...core.places import Place
from ...core.register import Problem, Register, Tally, problems, tally
from ...core.report import Report
from ...core.rules import ERROR, Finding, Revalidator
# The tally rule S11 keeps for the register it last counted (core/rules/register.py).
from ...core.rules.register import _counted as counted_by_s11
from ...core.store import Store, StoreError
from ...core.values import Value, same
from .. import calendar as store_calendar
from .. import summary as summary_service
from .changes import (META_TITLES, CellsChange, Change, MetaChange, MetaValue, OpChanges,
                      RegisterChange, TextChange, TotalsChange)
from .saving import SaveOutcome, Saver, SaveState

log = logging.getLogger(__name__)

Marks = dict[str, tuple[str, list[str]]]


class Editor:
    """One open report.  ``*_change`` methods make a change (None: it would change
    nothing); ``apply``/``revert`` carry it out; ``flush`` writes what is pending."""

    def __init__(self, store: Store, report_id: int,
                 clock: Callable[[], float] = time.monotonic):
        self.store, self.report_id, self.clock = store, report_id, clock
        self.report: Report = store.load(report_id)
        self.previous: Report | None = self._load_previous()
        self.calendar = self._load_calendar()
        self.origins = self._load_origins()   # a 汇总: which units' reports have its errors
        self.findings: list[Finding] = []
        self.marks: Marks = {}
        self._validate = Revalidator()        # re-runs only the rules an edit can change
        self._stale = False                   # text typed since the last validation
        self._saver = Saver(store, report_id, self.report.register)
        self._problems: tuple[Register, list[Problem]] | None = None
        self.revalidate()

    # -- loading ---------------------------------------------------------------------
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

    def _load_previous(self) -> Report | None:
        try:
            prev = self.store.get(self.report.unit, self.report.year - 1)
        except StoreError:
            log.exception("cannot load last year's report")
            return None
        return _with_register_counts(prev)

    def reload_calendar(self) -> OpChanges:
        self.calendar = self._load_calendar()
        return self.revalidate()

    # -- making changes --------------------------------------------------------------
    def cells_change(self, new: dict[str, Value], title: str = "修改数字") -> CellsChange | None:
        new = {c: v for c, v in new.items() if c not in schema.TOTAL_IDS}
        old = {c: self.report.cells[c] for c in new}
        if all(same(old[c], new[c]) for c in new):
            return None
        return CellsChange(old, new, title)

    def text_change(self, key: str, body: str, merge: bool = True,
                    title: str = "") -> TextChange | None:
        old = self.report.texts.get(key, "")
        if body == old:
            return None
        return TextChange(key, old, body, title or f"编辑“{schema.TEXTS[key]}”", merge,
                          self.clock())

    def meta_change(self, field: str, value: MetaValue) -> MetaChange | None:
        old: MetaValue = getattr(self.report, field)
        return None if old == value else MetaChange(field, old, value, META_TITLES[field])

    def totals_change(self) -> TotalsChange | None:
        """Every total the sum of its parts again."""
        probe = self.report.copy()
        probe.recompute_totals()
        changed = [c for c in schema.TOTAL_IDS if not same(self.report.cells[c], probe.cells[c])]
        if not changed:
            return None
        return TotalsChange({c: self.report.cells[c] for c in changed},
                            {c: probe.cells[c] for c in changed})

    def register_change(self, new: Register | None, title: str,
                        where: str = "register") -> RegisterChange | None:
        old = self.report.register
        return None if new is old else RegisterChange(old, new, title, where)

    def meta_conflict(self, unit: str, year: int) -> str | None:
        """Why the report cannot take this unit and year (another report has them)."""
        other = self.store.find(unit, year)
        if other is not None and other != self.report_id:
            return f"数据文件中已经有“{unit}”{year}年的报告，不能重复。"
        return None

    # -- applying ----------------------------------------------------------------------
    def apply(self, change: Change) -> OpChanges:
        return self._put(change, undone=False)

    def revert(self, change: Change) -> OpChanges:
        return self._put(change, undone=True)

    def _put(self, change: Change, undone: bool) -> OpChanges:
        where = change.where(undone)
        if isinstance(change, TextChange):
            return self._put_text(change.key, change.old if undone else change.new)
        if isinstance(change, CellsChange):
            cells: dict[str, Value] = {}
            for cid, value in (change.old if undone else change.new).items():
                cells.update(self.report.set(cid, value))
            self._saver.cells.update(cells)
            return self._written(OpChanges(cells=tuple(cells), where=where))
        if isinstance(change, TotalsChange):
            totals = dict(change.old if undone else change.new)
            self.report.cells.update(totals)
            self._saver.cells.update(totals)
            return self._written(OpChanges(cells=tuple(totals), where=where))
        if isinstance(change, MetaChange):
            setattr(self.report, change.field, change.old if undone else change.new)
            self._saver.meta = True
            if change.field in ("unit", "year"):
                self.previous = self._load_previous()
            return self._written(OpChanges(meta=change.field, where=where))
        self.report.register = change.old if undone else change.new
        self._saver.register = True
        return self._written(OpChanges(register=True, where=where))

    def _put_text(self, key: str, body: str) -> OpChanges:
        self.report.texts[key] = body
        self._saver.texts.add(key)
        self._stale = True
        typed = self._saver.typed()
        return OpChanges(text=key, saved=None, state_changed=typed.changed,
                         write_later=True, validate_later=True, where=Place.TEXT.at(key))

    def _written(self, op: OpChanges) -> OpChanges:
        """``op`` after writing what is pending and validating again."""
        saved = self._saver.persist(self.report)
        self._check()
        return _with(op, saved, findings=True)

    # -- the store -----------------------------------------------------------------------
    @property
    def save_state(self) -> SaveState:
        return self._saver.state

    def pending(self) -> bool:
        """Edits not in the store yet."""
        return self._saver.pending()

    def flush(self) -> OpChanges:
        """Write whatever is not in the store yet (checking typed text first);
        ``save_state`` is SAVED afterwards when everything is in the store."""
        checked = self._stale
        if checked:
            self._check()
        return _with(OpChanges(), self._saver.persist(self.report), findings=checked)

    def close(self) -> OpChanges:
        """The report is closed (or the program ends): nothing may stay unwritten."""
        return self.flush()

    # -- findings --------------------------------------------------------------------------
    def revalidate(self) -> OpChanges:
        self._check()
        return OpChanges(findings=True)

    def _check(self) -> None:
        self._stale = False
        self.findings = summary_service.name_origins(
            self._validate(self.report, self.previous, self.calendar), self.origins)
        marks: Marks = {}
        for f in self.findings:
            for cid in f.cells:
                sev, msgs = marks.get(cid, (f.severity, []))
                if f.severity == ERROR:
                    sev = ERROR
                msgs.append(f.message)
                marks[cid] = (sev, msgs)
        self.marks = marks

    def counts(self) -> tuple[int, int]:
        errors = sum(f.severity == ERROR for f in self.findings)
        return errors, len(self.findings) - errors

    # -- the register ------------------------------------------------------------------------
    def tally(self) -> Tally | None:
        """表三/表四 counted from the register: the count rule S11 keeps for the same
        register object (a 10,000-row register is counted once per edit, not twice)."""
        reg, year = self.report.register, self.report.year
        if reg is None or not year:
            return None
        return counted_by_s11(reg, year)

    def register_problems(self) -> list[Problem]:
        """Duplicate numbers and links to unknown applications (core.register.problems),
        kept while the register is unchanged."""
        reg = self.report.register
        if reg is None:
            return []
        if self._problems is None or self._problems[0] is not reg:
            self._problems = (reg, problems(reg))
        return self._problems[1]

    def register_fill(self) -> dict[str, Value]:
        """按台账填写表三、表四: the input cells of 表三/表四 whose count differs."""
        counted = self.tally()
        return {} if counted is None else dict(counted.changes_for(self.report))


def _with(op: OpChanges, saved: SaveOutcome, findings: bool) -> OpChanges:
    return replace(op, findings=findings or op.findings, saved=saved.state,
                   state_changed=op.state_changed or saved.changed, failure=saved.failure)


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
