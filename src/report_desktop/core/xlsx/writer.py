"""Write a report as an Excel workbook (.xlsx) in the official table layout.

Sheets: 基本信息 (unit, year, date, level and the four texts, one paragraph per row),
then 表二、表三、表四 laid out by ``sheets.py``.  Totals are Excel formulas when the
report's totals agree with their parts (so a clerk editing in Excel/WPS sees them
update) and plain values when they do not (a wrong total is kept, never corrected).
Amounts are numbers shown with exactly the decimals typed ("12.50" stays 12.50).
"""
from __future__ import annotations

import io
import math
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.workbook.properties import CalcProperties
from openpyxl.worksheet.merge import MergedCellRange

from .. import schema
from ..chinese import em_width
from ..files import ReportFileError, atomic_write_bytes
from ..report import Report
from ..values import Bad
from . import sheets
from .sheets import HEADER, ITEM, LABEL, NUMBER

META_SHEET = "基本信息"
FORMAT_PROPERTY = "format"      # the custom document property naming schema.FORMAT_ID
# "格式标识" was a row of 基本信息 before it became FORMAT_PROPERTY: still read, never written.
META_LABELS = {"format": "格式标识", "unit": "单位名称", "year": "统计年度",
               "report_date": "报告日期", "level": "单位层级"}
FONT = "宋体"
MAX_CELL_CHARS = 32767          # Excel's limit for one cell
LINE_PT = 14.5                  # row height of one line of 10.5 pt text

_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _named_styles() -> dict[str, NamedStyle]:
    """The few cell styles of the workbook, registered once (per-cell styling is slow)."""
    def font(bold=False, size=10.5):
        return Font(name=FONT, size=size, bold=bold)

    def align(h="center", v="center"):
        return Alignment(horizontal=h, vertical=v, wrap_text=True)

    grey = PatternFill("solid", fgColor="EDEDED")
    specs = {
        "rd_title": dict(font=font(True, 14), alignment=Alignment(horizontal="left", vertical="center")),
        "rd_header": dict(font=font(True), alignment=align(), border=_BORDER),
        "rd_label": dict(font=font(), alignment=align(), border=_BORDER),
        "rd_item": dict(font=font(), alignment=align("left"), border=_BORDER),
        "rd_number": dict(font=font(), alignment=align(), border=_BORDER, number_format="0"),
        "rd_total": dict(font=font(), alignment=align(), border=_BORDER, number_format="0", fill=grey),
        "rd_border": dict(border=_BORDER),
        "rd_meta_label": dict(font=font(True), alignment=align("left", "top"), border=_BORDER),
        "rd_meta_value": dict(font=font(), alignment=align("left", "top"), border=_BORDER),
    }
    return {name: NamedStyle(name=name, **spec) for name, spec in specs.items()}


_ROLE_STYLE: dict[str, str] = {HEADER: "rd_header", LABEL: "rd_label", ITEM: "rd_item", NUMBER: "rd_number"}


def build(report: Report) -> Workbook:
    wb = Workbook()
    wb.calculation = CalcProperties(fullCalcOnLoad=True)
    for style in _named_styles().values():
        wb.add_named_style(style)
    _meta_sheet(wb.active, report)
    refs: dict[str, str] = {}
    for sheet in sheets.sheets():
        ws = wb.create_sheet(sheet.name)
        for box in sheet.boxes:
            if box.cell_id:
                refs[box.cell_id] = f"{get_column_letter(box.col)}{box.row}"
        _table_sheet(ws, sheet, report, refs)
    wb.properties.title = ILLEGAL_CHARACTERS_RE.sub("", report.title)
    wb.properties.creator = ILLEGAL_CHARACTERS_RE.sub("", report.unit)
    # What the format is, for programs: a custom document property, not a row a clerk reads.
    wb.custom_doc_props.append(StringProperty(name=FORMAT_PROPERTY, value=schema.FORMAT_ID))
    return wb


def write(report: Report, path: str | Path) -> None:
    """Save ``report`` as .xlsx at ``path`` atomically (ReportFileError if impossible)."""
    wb = build(report)
    buf = io.BytesIO()   # saved in memory first: a full disk then fails in one plain write,
    wb.save(buf)         # not inside openpyxl's zip (whose __del__ would fail again)
    atomic_write_bytes(Path(path), buf.getvalue())


# ------------------------------------------------------------------ sheets

def _page(ws, landscape: bool, title_rows: tuple[int, int] | None = None) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def _meta_sheet(ws, report: Report) -> None:
    ws.title = META_SHEET
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 90
    _merge(ws, 1, 1, 1, 2)
    _set(ws["A1"], report.title)
    ws["A1"].style = "rd_title"
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 28
    level = schema.LEVELS.get(report.level or "", "")
    rows = [("unit", report.unit), ("year", report.year),
            ("report_date", report.report_date), ("level", level)]
    r = 2
    for k, value in rows:
        _meta_row(ws, r, META_LABELS[k], value)
        if k == "report_date" and value is not None:
            ws.cell(r, 2).number_format = 'yyyy"年"m"月"d"日"'
        r += 1
    for k, label in schema.TEXTS.items():
        paragraphs = (report.texts.get(k) or "").rstrip("\n").split("\n")
        for i, para in enumerate(paragraphs):
            if len(para) > MAX_CELL_CHARS:
                raise ReportFileError(f"“{label}”中有一段超过 {MAX_CELL_CHARS} 字，"
                                      "超出 Excel 单元格的容量，无法写入 .xlsx；请分段。")
            _meta_row(ws, r, label if i == 0 else None, para or None)
            ws.row_dimensions[r].height = _height(para, 90)
            r += 1
    _page(ws, False)


def _meta_row(ws, r: int, label: str | None, value) -> None:
    ws.cell(r, 1, label).style = "rd_meta_label"
    cell = ws.cell(r, 2)
    _set(cell, value)
    cell.style = "rd_meta_value"


def _set(cell, value) -> None:
    """Put a value in a cell; text is always text (a leading "=" is not a formula) and
    loses the control characters XML cannot hold."""
    if isinstance(value, str):
        cell.value = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell.data_type = "s"
    else:
        cell.value = value


def _table_sheet(ws, sheet: sheets.SheetLayout, report: Report, refs: dict[str, str]) -> None:
    n_cols = len(sheet.widths)
    for i, w in enumerate(sheet.widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    _merge(ws, 1, 1, 1, n_cols)
    ws.cell(1, 1, sheet.heading).style = "rd_title"
    ws.row_dimensions[1].height = 26
    lines: dict[int, int] = {}
    for box in sheet.boxes:
        for r in range(box.row, box.row + box.rows):
            for c in range(box.col, box.col + box.cols):
                ws.cell(r, c).style = "rd_border"
        cell = ws.cell(box.row, box.col)
        cell.style = "rd_total" if box.cell_id in schema.TOTAL_IDS else _ROLE_STYLE[box.role]
        if box.cell_id:
            _put_value(cell, box.cell_id, report, refs)
        else:
            cell.value = box.text
        if box.rows > 1 or box.cols > 1:
            _merge(ws, box.row, box.col, box.row + box.rows - 1, box.col + box.cols - 1)
        if box.text:
            width = sum(sheet.widths[box.col - 1:box.col - 1 + box.cols])
            need = math.ceil(math.ceil(em_width(box.text) * 1.8 / max(width - 1, 1)) / box.rows)
            for r in range(box.row, box.row + box.rows):
                lines[r] = max(lines.get(r, 1), need)
    for r, n in lines.items():
        ws.row_dimensions[r].height = max(n, 1) * LINE_PT + 4
    _page(ws, sheet.landscape, sheet.header_rows)


def _merge(ws, r1: int, c1: int, r2: int, c2: int) -> None:
    """Record a merged area, keeping the cells (and their borders) as they are.

    ws.merge_cells would rebuild every covered cell's border one by one, which takes most
    of the time of an export; a merged area is only this entry in the sheet's list.
    """
    ws.merged_cells.add(MergedCellRange(ws, f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"))


def _put_value(cell, cid: str, report: Report, refs: dict[str, str]) -> None:
    value = report.cells[cid]
    formula = _formula(cid, report, refs)
    if formula:
        cell.value = formula
    elif isinstance(value, Bad):
        _set(cell, value.raw)
    elif isinstance(value, Decimal):
        places = max(-value.as_tuple().exponent, 0)
        cell.value = float(value) if places else int(value)
        cell.number_format = "0." + "0" * places if places else "0"
    else:
        cell.value = value


_SUM_OF = {}
for _s in schema.SUMS:
    _SUM_OF.setdefault(_s.total, _s)


def _formula(cid: str, report: Report, refs: dict[str, str]) -> str | None:
    """=SUM(...) for a total that equals the sum of its parts, else None."""
    s = _SUM_OF.get(cid)
    value = report.cells[cid]
    if s is None or isinstance(value, Bad) or any(isinstance(report.cells[p], Bad) for p in s.parts):
        return None
    if value is not None and value != sum((report.number(p) for p in s.parts), 0):
        return None
    return "=SUM(" + ",".join(_ranges([refs[p] for p in s.parts])) + ")"


def _ranges(refs: list[str]) -> list[str]:
    """Collapse runs of adjacent cells along one row or one column into A1:A9 ranges."""
    pts = [(column_index_from_string(c), r) for c, r in map(coordinate_from_string, refs)]
    out, i = [], 0
    while i < len(pts):
        j = i
        if i + 1 < len(pts):
            step = (pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1])
            if step in ((1, 0), (0, 1)):
                while j + 1 < len(pts) and (pts[j + 1][0] - pts[j][0],
                                            pts[j + 1][1] - pts[j][1]) == step:
                    j += 1
        out.append(refs[i] if i == j else f"{refs[i]}:{refs[j]}")
        i = j + 1
    return out


def _height(text: str, width: float) -> float:
    lines = max(1, math.ceil(em_width(text) * 2 / max(width - 2, 1)))
    return min(409, lines * LINE_PT + 3)
