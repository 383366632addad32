"""Undoable changes as data: each holds the state before and after, so one change can be
applied and reverted (``Editor.apply`` / ``Editor.revert``) by whatever keeps the undo
history (the window's QUndoStack; a test's list).  ``OpChanges`` says what an operation
changed, so a view refreshes exactly that (Anki's pattern: operations return what changed).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Mapping, Union

from ...core.places import Place
from ...core.register import Register
from ...core.values import Value
from .saving import SaveState

# Keystrokes in one text within this pause are one undo step.
TEXT_MERGE_SECONDS = 2.0

MetaValue = Union[str, int, dt.date, None]

# The clerk's words for each meta edit (the undo menu says 撤销“…”).
META_TITLES: dict[str, str] = {
    "unit": "修改单位名称", "year": "修改统计年度", "report_date": "修改报告日期",
    "level": "修改单位层级", "local_deadline": "修改上级规定的报送期限",
    "published_date": "修改发布日期"}


@dataclass(frozen=True)
class CellsChange:
    """Input cells typed or pasted (their totals follow)."""
    old: Mapping[str, Value]
    new: Mapping[str, Value]
    title: str

    def where(self, undone: bool) -> str | None:
        return next(iter(self.old if undone else self.new), None)


@dataclass(frozen=True)
class TotalsChange:
    """重新计算合计: totals set to the sum of their parts (written as they are, not typed)."""
    old: Mapping[str, Value]
    new: Mapping[str, Value]
    title: str = "重新计算合计"

    def where(self, undone: bool) -> str | None:
        return next(iter(self.old if undone else self.new), None)


@dataclass(frozen=True)
class TextChange:
    """Typing in one text; ``stamp`` (seconds, monotonic) decides what merges into one step."""
    key: str
    old: str
    new: str
    title: str
    merge: bool = True
    stamp: float = 0.0

    def where(self, undone: bool) -> str:
        return Place.TEXT.at(self.key)

    def merged(self, later: TextChange) -> TextChange | None:
        """This change and ``later`` as one undo step, or None when they stay two."""
        if not (later.key == self.key and self.merge and later.merge
                and later.stamp - self.stamp < TEXT_MERGE_SECONDS):
            return None
        return replace(self, new=later.new, stamp=later.stamp)

    @property
    def empty(self) -> bool:
        """Typed and typed back: the step changes nothing and can go."""
        return self.new == self.old


@dataclass(frozen=True)
class MetaChange:
    """Unit, year, level, dates or the 上级's deadline."""
    field: str
    old: MetaValue
    new: MetaValue
    title: str

    def where(self, undone: bool) -> str:
        return Place.META.at(self.field)


@dataclass(frozen=True)
class RegisterChange:
    """The whole immutable register before and after (rows or counting settings)."""
    old: Register | None
    new: Register | None
    title: str
    place: str = Place.REGISTER.value    # register.<kind>.<row>, shown by undo

    def where(self, undone: bool) -> str:
        return self.place


Change = Union[CellsChange, TotalsChange, TextChange, MetaChange, RegisterChange]


@dataclass(frozen=True)
class OpChanges:
    """What one operation changed: the views to refresh and what the window must schedule.

    ``saved`` is how a write attempt ended (None: nothing was written); ``state_changed``
    says the save state is new; ``failure`` is the one message to show (Chinese)."""
    cells: tuple[str, ...] = ()
    text: str | None = None
    meta: str | None = None
    register: bool = False
    findings: bool = False
    saved: SaveState | None = None
    state_changed: bool = False
    failure: str | None = None
    write_later: bool = False         # typed text: write within TEXT_WRITE_MS
    validate_later: bool = False      # typed text: revalidate within TEXT_VALIDATE_MS
    where: str | None = None          # where the change shows (undo/redo go there)
