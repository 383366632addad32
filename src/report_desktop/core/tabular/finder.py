"""表二、表三、表四 read from grids by their labels (docs/format.md §3–5).

Used for Excel sheets and Word tables alike.  Rows are found by their row label and
columns by their header label; a value is the cell where the two meet.  Whatever is not
found, found twice, or spelt as a variant is recorded in ``report.deviations`` (rule H8)
naming the table and the label; nothing is guessed.
"""
from __future__ import annotations

from .. import schema
from ..report import Report
from ..values import Bad, cell_from_file, from_file, to_text
from .label_search import Grid, Hit, find_key, find_label
from .labels import TRIAL_2019, TRIAL_2019_LABELS, key

HEADER_BAND = 3   # header rows a column label may sit in, below the table's top label
_BLOCK_LABELS = {b.key: b.label for b in schema.REVIEW_BLOCKS}


def read_tables(rep: Report, grids: list[Grid]) -> None:
    """Fill the cells of ``rep`` from ``grids``; departures go to ``rep.deviations``."""
    _read_active(rep, grids)
    _read_applications(rep, grids)
    _read_review(rep, grids)
    found = [lab for lab in TRIAL_2019_LABELS if find_key(grids, key(lab))]
    if found:
        rep.deviations.append(f"含有{TRIAL_2019}的项目" + "、".join(f"“{x}”" for x in found))
    rep.deviations[:] = list(dict.fromkeys(rep.deviations))   # once each, in order


def _take(rep: Report, cid: str, g: Grid, row: int, col: int) -> None:
    """Read the value at (row, col) into cell ``cid``; a value the reader already found
    unusable (a formula without its result) stays as it is."""
    raw = g.get(row, col)
    rep.cells[cid] = raw if isinstance(raw, Bad) else cell_from_file(cid, raw)
    g.taken[row, col] = cid


def _unique(rep: Report, hits: list[Hit], table: str, label: str, what: str) -> Hit | None:
    """The one hit, or None with a deviation for none / several; notes variant spellings."""
    if not hits:
        rep.deviations.append(f"{table}缺少“{label}”{what}")
        return None
    if len(hits) > 1:
        where = "、".join(f"{h.grid.name}第{h.row}行" for h in hits[:4])
        rep.deviations.append(f"{table}“{label}”{what}出现了{len(hits)}次（{where}），"
                              "无法确定应读取哪一处")
        return None
    hit = hits[0]
    if hit.variant:
        rep.deviations.append(f"{table}“{hit.variant}”应为“{label}”")
    return hit


def _nearest(hits: list[Hit]) -> Hit | None:
    """The header closest above (largest row), leftmost on that row."""
    return max(hits, key=lambda h: (h.row, -h.col)) if hits else None


# ------------------------------------------------------------------ 表二

def _read_active(rep: Report, grids: list[Grid]) -> None:
    for block in schema.ACTIVE_BLOCKS:
        if not find_label(grids, block.heading):
            rep.deviations.append(f"表二缺少“{block.heading}”")
        for row in block.rows:
            hit = _unique(rep, find_label(grids, row.label), "表二", row.label, "行")
            if hit is None:
                continue
            missing = []
            for col_label, cid in zip(block.columns, row.cells):
                head = _nearest(find_label(
                    [hit.grid], col_label,
                    lambda g, r, c: r < hit.row and c > hit.col))   # called at once: hit is current
                if head is None:
                    missing.append(col_label)
                    continue
                if head.variant:
                    rep.deviations.append(f"表二“{head.variant}”应为“{col_label}”")
                _take(rep, cid, hit.grid, hit.row, head.col)
            if missing:
                rep.deviations.append(f"表二“{row.label}”行找不到列"
                                      + "、".join(f"“{m}”" for m in missing))


# ------------------------------------------------------------------ 表三

def _read_applications(rep: Report, grids: list[Grid]) -> None:
    first = schema.APPLICATION_COLUMNS[0]
    hits = find_label(grids, first.label)
    if not hits:
        rep.deviations.append(f"缺少表三（找不到列标题“{first.label}”），未能读取表三")
        return
    top = _unique(rep, hits, "表三", first.label, "列标题")
    if top is None:
        return
    g = top.grid
    cols = {first.key: top.col}
    for col in schema.APPLICATION_COLUMNS[1:]:
        head = find_label([g], col.label, lambda _g, r, c: top.row - 1 <= r <= top.row + HEADER_BAND
                          and c > top.col)
        if head:
            cols[col.key] = min(h.col for h in head)
        else:
            rep.deviations.append(f"表三缺少列标题“{col.label}”")
    for label in (schema.APPLICANT_HEADER, schema.ORG_HEADER, schema.APPLICATIONS_NOTE):
        if not find_label([g], label):
            rep.deviations.append(f"表三缺少“{label}”")

    def below(_g: Grid, r: int, c: int) -> bool:
        return _g is g and r > top.row and c < top.col

    missing = []
    for row in schema.APPLICATION_ROWS:
        hits = find_label([g], row.label, below)
        if not hits:
            missing.append(row)
            continue
        hit = _unique(rep, hits, "表三", row.label, "行")
        if hit is None:
            continue
        for ckey, c in cols.items():
            cid = schema.application_cell(row.key, ckey)
            _take(rep, cid, g, hit.row, c)
    if [r.key for r in missing] == ["other_1", "other_2", "other_3"] and missing[0].group:
        single = find_label([g], missing[0].group, below)
        if len(single) == 1:
            vals = "、".join(to_text(from_file(g.get(single[0].row, c), schema.COUNT)) or "空"
                            for c in cols.values())
            rep.deviations.append(
                f"表三“{missing[0].group}”只有一行（{TRIAL_2019}），无法对应2021年格式的三行，"
                f"该行数字（{vals}）未导入")
            return
    for row in missing:
        rep.deviations.append(f"表三缺少“{row.label}”行")


# ------------------------------------------------------------------ 表四

def _read_review(rep: Report, grids: list[Grid]) -> None:
    blocks = {}
    for block in schema.REVIEW_BLOCKS:
        hit = _unique(rep, find_label(grids, block.label), "表四", block.label, "")
        if hit is not None:
            blocks[block.key] = hit
    grids_used = {id(h.grid) for h in blocks.values()}
    if not blocks or len(grids_used) > 1:
        if blocks:
            rep.deviations.append("表四的表头分散在不同的表格中，未能读取表四")
        return
    g = next(iter(blocks.values())).grid
    parents = {b.parent for b in schema.REVIEW_BLOCKS if b.parent}
    for parent in parents:
        if not find_label([g], parent):
            rep.deviations.append(f"表四缺少“{parent}”")
    starts = sorted(h.col for h in blocks.values())
    columns: dict[str, int] = {}
    header_rows = []
    for bkey, hit in blocks.items():
        end = next((s for s in starts if s > hit.col), 10 ** 6)
        for part in schema.REVIEW_PARTS:
            heads = find_label([g], part.label, lambda _g, r, c: hit.row < r <= hit.row + HEADER_BAND
                               and hit.col <= c < end)
            if not heads:
                rep.deviations.append(f"表四“{_BLOCK_LABELS[bkey]}”下缺少“{part.label}”")
                continue
            head = min(heads, key=lambda h: h.col)
            columns[schema.review_cell(bkey, part.key)] = head.col
            header_rows.append(head.row)
    if not columns:
        return
    base = max(header_rows) + 1
    data_row = next((r for r in range(base, base + HEADER_BAND)
                     if any(g.get(r, c) is not None for c in columns.values())), base)
    for cid, c in columns.items():
        _take(rep, cid, g, data_row, c)
