"""Copying and pasting rectangular blocks to and from Excel/WPS (tab-separated text).

Qt-free.  ``plan_paste`` decides the whole paste before anything changes: it either
returns every value to set, or raises PasteRefused with a Chinese reason, so a paste
is never half applied.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from . import schema, values
from .table_slots import INPUT, TOTAL, GridSpec

ROW_SEP = "\r\n" if sys.platform == "win32" else "\n"


class PasteRefused(Exception):
    """``str()`` is the Chinese reason shown to the clerk."""


@dataclass
class PastePlan:
    values: dict[str, values.Value]
    skipped_totals: int = 0
    blanks: int = 0

    def summary(self) -> str:
        text = f"已粘贴 {len(self.values)} 个单元格"
        notes = []
        if self.blanks:
            notes.append(f"{self.blanks} 个空白单元格保持空白")
        if self.skipped_totals:
            notes.append(f"{self.skipped_totals} 个合计单元格自动计算，未使用粘贴的数")
        return text + (f"（{'；'.join(notes)}）" if notes else "") + "。"


def parse_block(text: str) -> list[list[str]]:
    """Rows of cells from clipboard text; one trailing line break is dropped."""
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith(("\n", "\r")):
        text = text[:-1]
    return [line.split("\t") for line in re.split(r"\r\n|\n|\r", text)]


def copy_block(spec: GridSpec, positions, text_of) -> str:
    """Tab-separated text for the bounding rectangle of the selected positions."""
    positions = list(positions)
    if not positions:
        return ""
    top = min(r for r, _ in positions)
    bottom = max(r for r, _ in positions)
    left = min(c for _, c in positions)
    right = max(c for _, c in positions)
    lines = []
    for r in range(top, bottom + 1):
        cells = []
        for c in range(left, right + 1):
            slot = spec.slot(r, c)
            cells.append(text_of(slot.cell_id) if slot and slot.cell_id else "")
        lines.append("\t".join(cells))
    return ROW_SEP.join(lines)


def _parse(cell_id: str, raw: str, plan: PastePlan):
    if raw.strip() == "":
        plan.blanks += 1
        return None        # blank means "not filled yet", never a silent 0
    try:
        return values.parse_cell(cell_id, raw)
    except values.InputError as exc:
        raise PasteRefused(f"粘贴未执行：{exc}") from None


def plan_paste(spec: GridSpec, top: int, left: int, block: list[list[str]],
               selection=()) -> PastePlan:
    """Values to set for ``block`` pasted at (top, left); refuses the whole paste if
    it does not fit the table or holds something that is not a number."""
    plan = PastePlan({})
    if not block or block == [[""]]:
        raise PasteRefused("剪贴板中没有可以粘贴的内容。")
    if len(block) == 1 and len(block[0]) == 1 and len(selection) > 1:
        return _fill(spec, block[0][0], selection, plan)
    width = max(len(row) for row in block)
    for i, row in enumerate(block):
        row = row + [""] * (width - len(row))
        for j, raw in enumerate(row):
            r, c = top + i, left + j
            anchor = spec.anchor(r, c)
            if anchor is None:
                raise PasteRefused(
                    f"粘贴未执行：要粘贴的内容有 {len(block)} 行 {width} 列，从所选单元格开始放不下，"
                    "超出了表格范围。请先选中要粘贴区域的左上角单元格。")
            slot = spec.slot(*anchor)
            if slot.kind not in (INPUT, TOTAL):
                raise PasteRefused(f"粘贴未执行：粘贴区域覆盖了表头或项目名称“{slot.text[:20]}”，"
                                   "只能粘贴到填数的单元格。")
            if anchor != (r, c):
                # Excel copies a merged cell as its value plus empty cells: skip those.
                if raw.strip() == "" and top <= anchor[0] and left <= anchor[1]:
                    continue
                raise PasteRefused("粘贴未执行：要粘贴的内容与表格的合并单元格对不上，请检查行列是否对齐。")
            value = _parse(slot.cell_id, raw, plan)
            if slot.kind == TOTAL:
                plan.skipped_totals += 1
                continue
            plan.values[slot.cell_id] = value
    if not plan.values:
        raise PasteRefused("粘贴未执行：所选位置都是自动计算的合计单元格，不能直接填写。")
    return plan


def _fill(spec: GridSpec, raw: str, selection, plan: PastePlan) -> PastePlan:
    """One copied value pasted over a selection fills every input cell of it."""
    for r, c in selection:
        slot = spec.slot(r, c)
        if slot is None or slot.kind not in (INPUT, TOTAL):
            continue
        if slot.kind == TOTAL:
            plan.skipped_totals += 1
            continue
        plan.values[slot.cell_id] = _parse(slot.cell_id, raw, plan)
    if not plan.values:
        raise PasteRefused("粘贴未执行：所选位置都是自动计算的合计单元格，不能直接填写。")
    if plan.blanks:
        plan.blanks = len(plan.values)
    return plan


def describe(cell_id: str) -> str:
    return schema.CELLS[cell_id].name


def decode_clipboard(raw: bytes, charset: str | None = None) -> str:
    """Clipboard bytes as text, whatever WPS or Excel wrote: a declared charset first,
    then byte-order marks, UTF-8, UTF-16 (Windows' CF_UNICODETEXT) and GB18030 (CF_TEXT
    on a Chinese Windows).  Trailing NULs of C strings are dropped."""
    candidates = [charset] if charset else []
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates.append("utf-16")
    elif raw.startswith(b"\xef\xbb\xbf"):
        candidates.append("utf-8-sig")
    elif b"\x00" in raw.rstrip(b"\x00"):      # UTF-8 and GBK never hold a NUL inside
        first = raw.find(b"\x00")
        candidates.append("utf-16-le" if first % 2 else "utf-16-be")
    candidates += ["utf-8", "gb18030"]
    for name in candidates:
        try:
            text = raw.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
        return text.rstrip("\x00")
    return raw.decode("gb18030", errors="replace").rstrip("\x00")
