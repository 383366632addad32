"""Slips the arithmetic lets through (docs/rules.md): S12 规章 filled by a township, S13
tables copied from last year, S14 现行有效件数 carried over but not updated."""
from __future__ import annotations

from .. import schema
from ..report import Report
from ..values import is_number
from .findings import Finding, warning

_RULES_ROW, _DOCS_ROW = schema.ACTIVE_BLOCKS[0].rows      # 规章, 行政规范性文件
_IN_FORCE = schema.ACTIVE_BLOCKS[0].columns[-1]       # 现行有效件数
# The tables a copy shows in: 表二, 表三 and 表四's input cells (totals follow from them).
_TABLES = {"表二": [c for c in schema.ACTIVE_IDS if c in schema.INPUT_IDS],
           "表三": [c for c in schema.APPLICATION_IDS if c in schema.INPUT_IDS],
           "表四": [c for c in schema.REVIEW_IDS if c in schema.INPUT_IDS]}


def check_township_rules(rep: Report) -> list[Finding]:
    """S12: a 乡镇（街道） cannot make 规章 (立法法第九十三条), so its 规章 row is 0."""
    if rep.level != schema.Level.TOWNSHIP:
        return []
    ids = _RULES_ROW.cells
    values = [rep.cells[i] for i in ids]
    if not any(is_number(v) and v != 0 for v in values):
        return []
    shown = "、".join(f"{part}{v}" for part, v in zip(("制发", "废止", "现行有效"), values)
                     if is_number(v) and v != 0)
    return [warning("S12", f"表二“{_RULES_ROW.label}”一行填0：乡镇（街道）不能制定规章（现填{shown}）",
                    ids, detail=f"规章由省、设区的市人民政府和国务院部门制定；乡镇的文件计入“{_DOCS_ROW.label}”。")]


def check_same_tables(rep: Report, prev: Report) -> list[Finding]:
    """S13: the tables are last year's, number for number — all three, or 表三 alone when
    it has applications (a unit with none rightly repeats its zeros)."""
    same = {name: _same(rep, prev, ids) for name, ids in _TABLES.items()}
    if all(same.values()) and any(_nonzero(rep, ids) for ids in _TABLES.values()):
        cells = [c for ids in _TABLES.values() for c in ids]
        return [warning("S13", f"按本年实际核对表二至表四：数字与{prev.year}年报告完全相同", cells,
                        detail="三张表与上年逐格相同，多为沿用上年数据未更新。")]
    if same["表三"] and _nonzero(rep, _TABLES["表三"]):
        return [warning("S13", f"按本年实际核对表三：数字与{prev.year}年报告完全相同",
                        _TABLES["表三"], detail="依申请公开的数字逐格与上年相同，多为沿用上年数据。")]
    return []


def _same(rep: Report, prev: Report, ids: list[str]) -> bool:
    return all(is_number(rep.cells[c]) and is_number(prev.cells[c]) and rep.cells[c] == prev.cells[c]
               for c in ids)


def _nonzero(rep: Report, ids: list[str]) -> bool:
    return any(rep.cells[c] != 0 for c in ids)


def stale_in_force(rep: Report, prev: Report, ids: tuple[str, ...]) -> bool:
    """现行有效 equals last year's although this year's 制发 − 废止 moved it."""
    made, repealed, now = (rep.cells[i] for i in ids)
    before = prev.cells[ids[-1]]
    return (is_number(made) and is_number(repealed) and is_number(now) and is_number(before)
            and now == before and made != repealed)


def check_stale_in_force(rep: Report, prev: Report) -> list[Finding]:
    """S14: 现行有效件数 carried over unchanged while 本年制发/废止 are not balanced
    (S1 leaves this case to S14: one finding, the likelier cause)."""
    out = []
    for row in schema.ACTIVE_BLOCKS[0].rows:
        if stale_in_force(rep, prev, row.cells):
            made, repealed, now = (rep.number(i) for i in row.cells)
            out.append(warning(
                "S14", f"更新表二“{row.label}”{_IN_FORCE}：仍是上年的{now}件，本年制发{made}件、废止{repealed}件",
                row.cells, detail=f"从上年创建时{_IN_FORCE}沿用上年数字，应改为本年末的件数"
                                  f"（上年{now}＋制发{made}－废止{repealed}＝{now + made - repealed}件）。"))
    return out
