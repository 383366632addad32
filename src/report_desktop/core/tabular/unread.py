"""A statistics table that is there but gave no number is named, never left silently blank.

After the tables are read (finder.py), a table none of whose numbers was read is looked
for by its labels: in a grid (a table whose numbers stand where they could not be read)
or in the running text (a table typed with tabs or spaces, or pasted as plain text).
"""
from __future__ import annotations

import re

from .. import schema
from ..report import Report
from .label_search import Grid
from .labels import key

MIN_LABELS = 3   # distinct labels of one table before it "looks like" that table
_PIECES = re.compile(r"[\t\n]|\s{2,}|\u3000")
_NAMES = {s.table: f"表{s.number}（{s.heading.split('、', 1)[1]}）" for s in schema.SECTIONS if s.table}


def _labels() -> dict[str, set[str]]:
    active = {b.heading for b in schema.ACTIVE_BLOCKS} | {r.label for b in schema.ACTIVE_BLOCKS
                                                           for r in b.rows}
    active |= {c for b in schema.ACTIVE_BLOCKS for c in b.columns}
    apps = {c.label for c in schema.APPLICATION_COLUMNS} | {r.label for r in schema.APPLICATION_ROWS}
    review = {b.label for b in schema.REVIEW_BLOCKS} | {p.label for p in schema.REVIEW_PARTS}
    return {t: {key(x) for x in labels} for t, labels in
            (("active", active), ("applications", apps), ("review_litigation", review))}


_LABELS = _labels()
_IDS = {"active": schema.ACTIVE_IDS, "applications": schema.APPLICATION_IDS,
        "review_litigation": schema.REVIEW_IDS}


def notes(rep: Report, grids: list[Grid], texts: list[str]) -> list[str]:
    """A sentence for each official table that shows its labels but gave no number."""
    out = []
    pieces: set[str] | None = None
    for table, labels in _LABELS.items():
        if any(rep.cells[c] is not None for c in _IDS[table]):
            continue
        where = [g.name for g in grids if len(labels & set(g.index)) >= MIN_LABELS]
        if where:
            out.append(f"{_NAMES[table]}在{where[0]}中找到了项目名称，但一个数字也没有读出："
                       "文件中如有数字，请核对该表格（数字是否在表格之外、是否为图片）")
            continue
        if pieces is None:
            pieces = {key(p) for t in texts for p in _PIECES.split(t) if p.strip()}
        if len(labels & pieces) >= MIN_LABELS:
            out.append(f"正文中有{_NAMES[table]}的项目名称，但没有找到可读取的表格（可能是用空格、"
                       "制表符排成的文字或图片）：请在 Word/WPS 中插入表格填写后再导入")
    return out
