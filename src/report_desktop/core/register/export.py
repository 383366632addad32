"""The register out of the program: a printable .xlsx for the inspector (or, without
personal data, for the county) with the 统计口径说明 as its last sheet, and the
说明 alone as .txt or .docx."""
from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..files import ReportFileError, atomic_write_bytes
from .counting_rules import explanation
from .fields import shown
from .model import APPLICATION_FIELDS, CASE_FIELDS, PERSONAL_FIELDS, Register, Row

SHEETS = {"applications": "依申请公开台账", "cases": "复议诉讼台账", "explanation": "统计口径说明"}
# Left out of the copy sent outside the office: names, request texts and free notes
# (a note may name people; the import writes unread values there).
NOT_SENT = PERSONAL_FIELDS | {"note"}
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WIDTHS = {"id": 14, "request": 30, "outcome": 30, "decision": 20, "note": 24, "applicant": 12,
           "consultation": 22, "article": 14}


def _text(name: str, value: object) -> str:
    return str(ILLEGAL_CHARACTERS_RE.sub("", shown(name, value)))


def _table(ws: Worksheet, title: str, fields: dict[str, str], rows: Iterable[Row],
           personal: bool) -> None:
    names = [n for n in fields if personal or n not in NOT_SENT]
    ws.append([title])
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.append([fields[n] for n in names])
    for c in range(1, len(names) + 1):
        cell = ws.cell(2, c)
        cell.font, cell.border = Font(bold=True), _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r in rows:
        ws.append([_text(n, getattr(r, n)) for n in names])
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row):
        for cell in row:
            cell.data_type = "s"          # text stays text: a leading "=" is not a formula
            cell.border = _BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for c, n in enumerate(names, 1):
        ws.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(n, 11)
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "A3"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def build(reg: Register, unit: str = "", year: int | None = None, personal: bool = True) -> Workbook:
    wb = Workbook()
    head = f"{unit}{year}年度" if year else unit
    sent = "" if personal else "（不含个人信息）"
    _table(wb.active, f"{head}{SHEETS['applications']}{sent}", APPLICATION_FIELDS,
           reg.applications, personal)
    wb.active.title = SHEETS["applications"]
    _table(wb.create_sheet(SHEETS["cases"]), f"{head}{SHEETS['cases']}{sent}", CASE_FIELDS,
           reg.cases, personal)
    ws = wb.create_sheet(SHEETS["explanation"])
    for line in explanation(reg.settings, year):
        ws.append([line])
    ws.column_dimensions["A"].width = 60
    for row in ws.iter_rows():
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
        # rows are not measured by every viewer: room for the wrapped lines
        row[0].parent.row_dimensions[row[0].row].height = 16 * (1 + len(str(row[0].value)) // 28)
    ws.cell(1, 1).font = Font(bold=True, size=14)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return wb


def write_xlsx(reg: Register, path: str | Path, unit: str = "", year: int | None = None,
               personal: bool = True) -> None:
    """Save the register as a printable .xlsx (atomically; ReportFileError if impossible).
    ``personal=False``: without names, request texts and notes, for sending outside."""
    buf = io.BytesIO()
    build(reg, unit, year, personal).save(buf)
    atomic_write_bytes(Path(path), buf.getvalue())


def write_explanation(reg: Register, path: str | Path, year: int | None = None) -> None:
    """The 统计口径说明 as .txt (UTF-8 with BOM, for Notepad) or .docx."""
    path = Path(path)
    lines = explanation(reg.settings, year)
    if path.suffix.lower() == ".txt":
        atomic_write_bytes(path, ("\r\n".join(lines) + "\r\n").encode("utf-8-sig"))
    elif path.suffix.lower() == ".docx":
        import docx
        doc = docx.Document()
        doc.add_heading(lines[0], level=1)
        for line in lines[1:]:
            doc.add_paragraph(line)
        buf = io.BytesIO()
        doc.save(buf)
        atomic_write_bytes(path, buf.getvalue())
    else:
        raise ReportFileError(f"统计口径说明只能写成 .txt 或 .docx 文件，而不是“{path.name}”。")
