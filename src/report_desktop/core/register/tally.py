"""Counting a register into 表三 and 表四 for one statistics year (interchange.md §Register).

Every counted application lands in exactly one cell of 一 or 二 and one of （一）…（六）
or 四, so 一 + 二 = 三（七）+ 四 holds by construction; an entry the tally cannot place
(unreadable date, no applicant type, answered without an outcome …) is counted nowhere
and listed instead.  ``Tally.rows(cell)`` is the drill-down: which rows a number counts.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import schema
from ..report import Report
from .model import APPLICANT_TYPES, APPLICATION, CASE, CASE_RESULTS, OUTCOMES, Register
from .settings import CountingSettings

_RESULT_PART = {"upheld": "upheld", "corrected": "corrected", "other": "other", None: "pending"}


@dataclass(frozen=True)
class Unclassified:
    kind: str        # APPLICATION or CASE
    row: int         # index in the register
    id: str
    reason: str      # in Chinese, what the clerk has to fill or fix


@dataclass(frozen=True)
class Tally:
    year: int
    cells: dict[str, int]                 # every 表三/表四 cell id, totals included
    members: dict[str, tuple[int, ...]]   # input cell id → register rows counted there
    unclassified: tuple[Unclassified, ...]

    def rows(self, cell_id: str) -> tuple[int, ...]:
        """Register rows counted in a cell (a total: those of its parts), in register order.
        表三 cells index ``register.applications``, 表四 cells ``register.cases``."""
        if cell_id in self.members:
            return self.members[cell_id]
        parts = _INPUTS_UNDER.get(cell_id)
        if parts is None:
            raise KeyError(cell_id)
        return tuple(sorted(i for p in parts for i in self.members[p]))

    def ids(self, reg: Register, cell_id: str) -> list[str]:
        """登记编号/案号 of the rows counted in a cell (the drill-down list)."""
        rows = reg.applications if self.kind_of(cell_id) == APPLICATION else reg.cases
        return [rows[i].id for i in self.rows(cell_id)]

    def kind_of(self, cell_id: str) -> str:
        return APPLICATION if cell_id.startswith("applications.") else CASE

    def changes_for(self, report: Report) -> dict[str, int]:
        """The input cells of ``report`` to set so that its 表三/表四 equal the tally
        (one undoable step in the window: ``{cell: value}`` for report.set)."""
        return {c: v for c, v in self.cells.items()
                if c not in schema.TOTAL_IDS and report.cells[c] != v}

    def differences(self, report: Report) -> list[tuple[str, object, int]]:
        """(cell, value in the report, count in the register) of every 表三/表四 cell,
        totals included, where they differ."""
        return [(c, report.cells[c], v) for c, v in self.cells.items() if report.cells[c] != v]


def tally(reg: Register, year: int, settings: CountingSettings | None = None) -> Tally:
    """表三 and 表四 of ``year`` counted from ``reg`` (under its own settings unless given)."""
    settings = settings or reg.settings
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    members: dict[str, list[int]] = {c: [] for c in _INPUT_IDS}
    lost: list[Unclassified] = []
    cell = schema.application_cell
    outcomes, types = _OUTCOME_SET, _TYPE_SET
    for i, a in enumerate(reg.applications):
        rec, ans = a.received, a.answered
        if rec is None:
            lost.append(Unclassified(APPLICATION, i, a.id, "收到申请日期为空或无法识别"))
            continue
        if rec > end:
            continue     # next year's business
        why = None
        if ans is not None and ans < rec:
            why = "答复日期早于收到申请日期"
        elif ans is not None and ans < start:
            continue     # answered in an earlier year
        elif a.applicant_type not in types:
            why = "申请人类别为空或无法归类"
        elif ans is not None and ans <= end and a.outcome not in outcomes:
            why = "已答复，但办理结果为空或无法归类"
        elif ans is None and a.outcome is not None:
            why = "有办理结果，但答复日期为空或无法识别"
        if why:
            lost.append(Unclassified(APPLICATION, i, a.id, why))
            continue
        col = a.applicant_type
        members[cell("new" if rec >= start else "carried_over", col)].append(i)
        if ans is None or ans > end:
            members[cell("carry_forward", col)].append(i)
        else:
            members[cell(a.outcome, col)].append(i)
    for i, c in enumerate(reg.cases):
        if not c.counted:
            continue
        if c.filed is None:
            lost.append(Unclassified(CASE, i, c.id, "收案日期为空或无法识别"))
            continue
        carried = c.filed < start
        block = c.block
        why = None
        if c.filed > end or (carried and not settings.carried_cases):
            continue
        if c.decided is not None and c.decided < c.filed:
            why = "决定/判决日期早于收案日期"
        elif carried and c.decided is not None and c.decided < start:
            continue     # decided in an earlier year
        elif block is None:
            why = "类型（行政复议或行政诉讼）或是否经复议不明"
        elif c.decided is not None and c.decided <= end and c.result not in CASE_RESULTS:
            why = "已审结，但表四结果（维持、纠正、其他）为空或无法归类"
        if why:
            lost.append(Unclassified(CASE, i, c.id, why))
            continue
        pending = c.decided is None or c.decided > end
        members[schema.review_cell(block, "pending" if pending else _RESULT_PART[c.result])].append(i)
    counts = {cid: len(m) for cid, m in members.items()}
    cells: dict[str, int] = {}
    for cid in _TABLE_IDS:
        cells[cid] = counts[cid] if cid in counts else 0
    for s in schema.SUMS:
        if s.total in cells:
            cells[s.total] = sum(cells[p] for p in s.parts)
    return Tally(year, cells, {k: tuple(v) for k, v in members.items()}, tuple(lost))


_TABLE_IDS = schema.APPLICATION_IDS + schema.REVIEW_IDS
_INPUT_IDS = tuple(c for c in _TABLE_IDS if c not in schema.TOTAL_IDS)
_OUTCOME_SET = frozenset(OUTCOMES)
_TYPE_SET = frozenset(APPLICANT_TYPES)


def _inputs_under() -> dict[str, tuple[str, ...]]:
    parts_of = {s.total: s.parts for s in schema.SUMS if s.total in _TABLE_IDS}
    out = {}
    for total in parts_of:
        pending, found = [total], []
        while pending:
            for p in parts_of.get(pending.pop(), ()):
                (pending if p in parts_of else found).append(p)
        out[total] = tuple(dict.fromkeys(found))
    return out


_INPUTS_UNDER = _inputs_under()
