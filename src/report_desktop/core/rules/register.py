"""S11: the tables agree with the register they were counted from (issue 20).

A soft rule (warning), like the other cross-document checks of official-format.md §5:
the register is the evidence an inspector asks for, but it can be incomplete, so the
clerk decides whether the table or the register is wrong.  Blank and unusable cells are
H5's; a blank cell is named here only when the register counts something for it.
"""
from __future__ import annotations

from .. import schema
from ..register.model import APPLICATION
from ..register.tally import tally
from ..report import Report
from ..values import Bad
from .findings import Finding, short_cell_name, warning

RULE = "S11"
_LISTED = 5    # register ids quoted in a finding's detail


_last: list = [None, None, None]    # (register, year, tally): registers are immutable


def _counted(reg, year: int):
    """The tally, kept while the register is the same object (validation runs after every
    keystroke; a 10,000-row register takes milliseconds to count)."""
    if _last[0] is not reg or _last[1] != year:
        _last[:] = [reg, year, tally(reg, year)]
    return _last[2]


def check_register(rep: Report) -> list[Finding]:
    reg = rep.register
    if reg is None or not rep.year:
        return []
    counted = _counted(reg, rep.year)
    out = []
    for cid, typed, count in counted.differences(rep):
        if cid in schema.TOTAL_IDS or isinstance(typed, Bad) or (typed is None and count == 0):
            continue
        rows = counted.rows(cid)
        source = reg.applications if counted.kind_of(cid) == APPLICATION else reg.cases
        ids = "、".join(source[i].id or f"第{i + 1}条" for i in rows[:_LISTED])
        more = f"等 {len(rows)} 件" if len(rows) > _LISTED else ""
        name = schema.CELLS[cid].name
        shown = "为空" if typed is None else f"填 {typed}"
        out.append(warning(RULE, f"{short_cell_name(name)}{shown}，台账中 {count} 件", [cid],
                           detail=f"{name}：台账中计入此格的是 {ids}{more}。" if rows
                           else f"{name}：台账中没有计入此格的记录。"))
    if counted.unclassified:
        first = counted.unclassified[0]
        word = "申请" if first.kind == APPLICATION else "案件"
        lines = "；".join(f"{'申请' if u.kind == APPLICATION else '案件'}第 {u.row + 1} 条"
                         f"（{u.id or '无编号'}）{u.reason}" for u in counted.unclassified[:20])
        out.append(warning(RULE, f"台账中有 {len(counted.unclassified)} 条记录未能归类，没有计入表格"
                                 f"（如{word}第 {first.row + 1} 条：{first.reason}）", [],
                           detail=lines))
    return out
