"""Read a report from an Excel workbook (.xlsx): our own export or any workbook that
lays the official tables out, found by their labels (see tabular/finder.py).

The file is checked as a package first (safezip.py); openpyxl then reads it with
``data_only=True`` (the cached results of formulas).  A formula saved without its result
is computed when it is simple, else kept and listed (formulas.py).
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from openpyxl import load_workbook

from .. import schema
from ..budget import Budget, Clocked
from ..files import ReportFileError, raised_by_us
from ..report import Report
from ..tabular.label_search import Grid, Hit, Pos, find_label
from ..tabular.labels import key
from ..tabular.meta import missing_unit_or_year, parse_date, parse_level, parse_title, parse_year
from ..safezip import open_package
from ..tabular import unread
from ..tabular.finder import read_tables
from ..values import Bad
from . import formulas
from .writer import FORMAT_PROPERTY, META_LABELS

if TYPE_CHECKING:   # what read-only openpyxl hands out (openpyxl ships no types)
    from openpyxl.cell.read_only import ReadOnlyCell
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

T = TypeVar("T")

# Labels a hand-made workbook may use for the report's particulars.
META_ALIASES = {
    "format": (META_LABELS["format"],),
    "unit": (META_LABELS["unit"], "填报单位", "报告单位", "单位"),
    "year": (META_LABELS["year"], "报告年度", "年度"),
    "report_date": (META_LABELS["report_date"], "发布日期", "日期"),
    "level": (META_LABELS["level"], "层级"),
}
_PLACES = re.compile(r"^0\.(0+)$")


def read(path: str | Path) -> Report:
    path = Path(path)
    source = f"文件“{path.name}”"
    budget = Budget(source)
    data, zf = open_package(path, ".xlsx")
    try:
        sheets = _sheets(data, budget, source)
        computed: dict[str, set[Pos]] = {}
        failed: dict[str, list[Pos]] = {}
        for title, part, values in sheets:
            xml = zf.read(part) if part in zf.NameToInfo else b""
            if formulas.HAS_FORMULA.search(xml):      # most sheets have none: not parsed again
                computed[title], failed[title] = _compute(values, formulas.uncached(xml))
                budget.clock()
    finally:
        zf.close()
    grids = [Grid(title, values) for title, _part, values in sheets]
    rep = from_grids(grids, source)
    # A total saved as a formula without its result is the model's own sum (blank while a
    # part is blank), as before: only the parts are Excel's arithmetic.
    for g in grids:
        for pos in computed.get(g.name, ()):
            if g.taken.get(pos) in schema.TOTAL_IDS:
                rep.cells[g.taken[pos]] = None
    rep.recompute_totals(only_blank=True)
    for g in grids:
        inputs = sorted(p for p in computed.get(g.name, ()) if g.taken.get(p) not in
                        schema.TOTAL_IDS and p in g.taken)
        if inputs:
            rep.notes.append(f"工作表“{g.name}”的{_listed(inputs)}是没有保存计算结果的公式，"
                             "已按公式算出（加减、求和），请核对")
        if failed.get(g.name):
            rep.notes.append(f"工作表“{g.name}”的{_listed(failed[g.name])}{formulas.REASON}")
    return rep


def _listed(positions: list[Pos], shown: int = 8) -> str:
    names = "、".join(formulas.address(p) for p in positions[:shown])
    return names + (f" 等 {len(positions)} 个单元格" if len(positions) > shown else "")


def _sheets(data: bytes, budget: Budget, source: str) -> list[tuple[str, str, dict[Pos, object]]]:
    """(title, package part, cells) of every worksheet."""
    wb = _parsed(lambda: load_workbook(Clocked(data, budget), read_only=True, data_only=True),
                 source)
    try:
        _check_format(_parsed(lambda: _format_property(wb), source), source)
        return [(ws.title, str(getattr(ws, "_worksheet_path", "") or "").lstrip("/"),
                 _cells(ws, budget, source)) for ws in _parsed(lambda: wb.worksheets, source)]
    finally:
        wb.close()


def _compute(values: dict[Pos, object],
             formula_cells: dict[Pos, str | None]) -> tuple[set[Pos], list[Pos]]:
    """Fill ``values`` with the results of formulas saved without one; return (positions
    computed, positions that could not be: kept as their formula, unusable)."""
    pending = {p: f for p, f in formula_cells.items() if p not in values}
    sheet = formulas.FormulaSheet(values, {p: f[1:] if f else "" for p, f in pending.items()})
    done: set[Pos] = set()
    failed: list[Pos] = []
    for pos in sorted(pending):
        try:
            result = sheet.value(pos)
        except formulas.Unsupported:
            shown = pending[pos] or "=（数组公式）"
            failed.append(pos)
            sheet.done[pos] = Bad(shown, formulas.REASON)
            continue
        done.add(pos)
    for pos in pending:
        result = sheet.done[pos]
        if result is not None and not (isinstance(result, str) and not result.strip()):
            values[pos] = result
    return done, failed


def _format_property(wb: object) -> object:
    """The format our workbooks name in their custom document properties (None: not named)."""
    props = getattr(wb, "custom_doc_props", None)
    for prop in getattr(props, "props", ()) or ():
        if getattr(prop, "name", None) == FORMAT_PROPERTY:
            return prop.value
    return None


def _check_format(fmt: object, source: str) -> None:
    if fmt is not None and str(fmt).strip() != schema.FORMAT_ID:
        raise ReportFileError(f"{source}的格式标识为“{fmt}”，本程序只读取“{schema.FORMAT_ID}”"
                              f"（{schema.FORMAT_DOCUMENT}格式）。")


def _broken(source: str) -> ReportFileError:
    return ReportFileError(f"{source}无法作为 Excel 工作簿打开：内容已损坏或不是标准的 .xlsx。"
                           "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。")


def _parsed(step: Callable[[], T], source: str) -> T:
    """``step()`` of openpyxl: what it raises on a malformed part means a broken file
    (it raises many kinds); what our own code raises in it stays a bug (raised_by_us)."""
    try:
        return step()
    except ReportFileError:   # the budget, checked while openpyxl reads
        raise
    except Exception as exc:   # noqa: BLE001 - openpyxl's errors on malformed parts
        if raised_by_us(exc):
            raise
        raise _broken(source) from None


def _value(cell: ReadOnlyCell, source: str) -> object:
    v = cell.value
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)    # an impossible number in the XML: kept, shown as not a number
        m = _PLACES.match(_parsed(lambda: cell.number_format, source) or "")
        d = Decimal(repr(v))
        return d.quantize(Decimal(1).scaleb(-len(m.group(1)))) if m else d
    if isinstance(v, str) and not v.strip():
        return None
    return v


def _cells(ws: ReadOnlyWorksheet, budget: Budget, source: str) -> dict[Pos, object]:
    """The sheet's non-blank cells (cached results of formulas), within the budget.  The declared <dimension> is dropped first: read-only openpyxl would pad every
    row to it (A1:XFD1048576 is 10^10 cells); rows are then padded only up to their own
    last cell, and that is counted."""
    ws.reset_dimensions()
    cells: dict[Pos, object] = {}
    rows = ws.iter_rows()
    blank = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except ReportFileError:
            raise
        except Exception as exc:   # noqa: BLE001 - openpyxl parsing a malformed sheet
            if raised_by_us(exc):
                raise
            raise _broken(source) from None
        if not row:          # a row missing between two others: cheap, counted in bulk
            blank += 1
            if blank == 4096:
                budget.add_rows(blank)
                blank = 0
            continue
        budget.add_rows(1)
        budget.add_cells(len(row))
        for cell in row:
            if cell.value is None:
                continue
            v = _value(cell, source)
            if v is not None:
                cells[cell.row, cell.column] = v
    budget.add_rows(blank)
    return cells


def from_grids(grids: list[Grid], source: str) -> Report:
    rep = Report()
    _read_meta(rep, grids, source)
    read_tables(rep, grids)
    rep.notes += unread.notes(rep, grids, [])
    rep.recompute_totals(only_blank=True)
    return rep


def _labelled(grids: list[Grid], labels: tuple[str, ...]) -> tuple[Hit | None, object]:
    """The first of ``labels`` found, and the value beside it (or after its colon)."""
    for label in labels:
        hits = find_label(grids, label)
        if hits:
            h = hits[0]
            return h, h.grid.right_of(h.row, h.col)
        k = key(label)
        for g in grids:
            for pos, v in g.cells.items():
                if isinstance(v, str) and re.match(rf"^{re.escape(k)}[:：]", key(v)):
                    return Hit(g, *pos, None), re.split(r"[:：]", v, maxsplit=1)[1].strip()
    return None, None


def _read_meta(rep: Report, grids: list[Grid], source: str) -> None:
    values = {}
    where = None
    for field, labels in META_ALIASES.items():
        hit, values[field] = _labelled(grids, labels)
        if field == "unit" and hit:
            where = hit.grid
    _check_format(values["format"], source)      # a workbook of an earlier version
    unit = values["unit"].strip() if isinstance(values["unit"], str) else ""
    year = values["year"]
    if not unit or year is None:
        title = next((t for g in grids for v in g.cells.values()
                      if isinstance(v, str) and (t := parse_title(v))), None)
        if title:
            unit, year = unit or title[0], year if year is not None else title[1]
    if not unit or year is None:
        raise missing_unit_or_year(
            source, "请在工作簿中写明“单位名称”和“统计年度”（可参照本程序导出的 .xlsx 的"
                    "“基本信息”表），或加上标题“××单位2024年政府信息公开工作年度报告”。")
    rep.unit, rep.year = unit, parse_year(year, source)
    date = values["report_date"]
    if date is not None:
        rep.report_date = parse_date(date)
        if rep.report_date is None:
            raise ReportFileError(f"{source}的报告日期“{date}”无效，应为 2025-01-22 或"
                                  " 2025年1月22日 这样的格式。")
    rep.level = parse_level(values["level"], source)
    for k, label in schema.TEXTS.items():
        rep.texts[k] = _text(grids, label, where)


def _text(grids: list[Grid], label: str, prefer: Grid | None) -> str:
    """A text part: the paragraph beside its label and those below, up to the next label."""
    hits = find_label(grids, label)
    if not hits:
        return ""
    hit = next((h for h in hits if h.grid is prefer), hits[0])
    g, c = hit.grid, hit.col
    last = max(r for r, _ in g.cells)
    stop = min((r for r, cc in g.cells if cc == c and r > hit.row), default=last + 1)
    lines = []
    for r in range(hit.row, stop):
        v = g.get(r, c + 1)
        lines.append("" if v is None else str(v))
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)
