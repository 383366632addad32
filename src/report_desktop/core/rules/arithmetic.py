"""Arithmetic rules inside the tables: H1, H2, H3, H4, H5, H7 and S5."""
from __future__ import annotations

import re
from typing import cast

from ..places import Place
from .. import schema
from ..report import Report
from ..values import Bad
from .findings import Finding, error, short_cell_name, warning


def _value_problems(rep: Report, rule: str, cids: tuple[str, ...]) -> list[Finding]:
    out = []
    cells = rep.cells
    for cid in cids:
        v = cells[cid]
        if v is None:
            if cid in schema.TOTAL_IDS:
                continue    # blank because a part is: the part is the cell to fill
            name = schema.CELLS[cid].name
            out.append(error(rule, f"{short_cell_name(name)}为空（没有发生的填0）", [cid], detail=name))
        elif isinstance(v, Bad):
            name = schema.CELLS[cid].name
            raw = v.raw if len(v.raw) <= 8 else v.raw[:7] + "…"
            out.append(error(rule, f"{short_cell_name(name)}的“{raw}”无效：{v.reason}", [cid],
                             detail=f"{name}：“{v.raw}”"))
    return out


def check_values(rep: Report) -> list[Finding]:
    """H1 (表二) and H5 (表三, 表四): every cell a valid number, none blank."""
    return (_value_problems(rep, "H1", schema.ACTIVE_IDS)
            + _value_problems(rep, "H5", schema.APPLICATION_IDS)
            + _value_problems(rep, "H5", schema.REVIEW_IDS))


def _num(rep: Report, cid: str):
    v = rep.cells[cid]
    return v if isinstance(v, int) and not isinstance(v, bool) else None


def _is_count(v: object) -> bool:
    return v.__class__ is int or (isinstance(v, int) and not isinstance(v, bool))


def check_sums(rep: Report) -> list[Finding]:
    """H2 row totals, H4 the （七）总计 row, H7 the 表四 totals."""
    out = []
    seen = set()
    cells = rep.cells
    for s in schema.SUMS:
        total = cells[s.total]
        parts = [cells[p] for p in s.parts]
        if not _is_count(total) or not all(map(_is_count, parts)):
            continue   # reported by check_values
        expected = sum(cast("list[int]", parts))
        if total != expected and (s.rule, s.total) not in seen:
            seen.add((s.rule, s.total))
            name = schema.CELLS[s.total].name
            out.append(error(s.rule, f"{short_cell_name(name)}为{total}，各分项之和为{expected}",
                             [s.total, *s.parts], detail=name))
    return out


_BALANCE = [(col, [schema.application_cell(r, col.key)
                   for r in ("new", "carried_over", "total", "carry_forward")])
            for col in schema.APPLICATION_COLUMNS]


def check_balance(rep: Report) -> list[Finding]:
    """H3, the printed 勾稽 rule: 一 + 二 = 三（七）总计 + 四, per column."""
    out = []
    for col, ids in _BALANCE:
        vals = [_num(rep, c) for c in ids]
        if any(v is None for v in vals):
            continue
        new, old, done, fwd = vals
        if new + old != done + fwd:
            out.append(error(
                "H3", f"表三“{col.label}”列不平衡：新收加上年结转{new + old}，办结加结转下年{done + fwd}",
                ids, detail=f"本年新收{new}＋上年结转{old}＝{new + old}，"
                            f"而办理结果总计{done}＋结转下年度{fwd}＝{done + fwd}。"))
    return out


# How reports say that no application came in: "未收到…申请", "受理申请0件", "无依申请公开事项".
_NO_APPLICATIONS = re.compile(r"(未|没有|无)(收到|接到|受理|发生)?[^。；\n]{0,12}申请|(?<![\d.])0\s*件|零件")


def check_no_applications(rep: Report) -> list[Finding]:
    """S5: with no applications received or carried over, 三 and 四 should be all 0."""
    new = _num(rep, schema.application_cell("new", "total"))
    old = _num(rep, schema.application_cell("carried_over", "total"))
    if new != 0 or old != 0:
        return []
    out = []
    nonzero = [c for c in schema.APPLICATION_IDS if rep.number(c)]
    if nonzero:
        out.append(warning("S5", "本年新收和上年结转都是0，表三却有非0的数字", nonzero))
    overview = rep.texts.get("overview", "")
    if overview.strip() and not _NO_APPLICATIONS.search(overview):
        out.append(warning("S5", "本年无申请，正文宜写明“本年度未收到政府信息公开申请”",
                           [Place.TEXT.at("overview")],
                           detail=f"表三本年新收和上年结转都是0；请在“{schema.TEXTS['overview']}”中写明。"))
    return out
