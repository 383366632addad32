"""The rows of a register file: .xlsx (openpyxl), .xls (xlrd) or .csv/.txt (UTF-8,
UTF-16, GBK; comma, tab or semicolon separated).  Each sheet becomes a list of rows of
cell values (str, int, float, datetime or None), numbered as Excel numbers them.

These are the readers core/formats.py lists in REGISTER_READERS; which one reads a file is
decided there (importing.read_sheets), never here, so the readers do not import the table."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..budget import Budget
from ..files import ReportFileError, decode_text, raised_by_us, read_limited
from ..safezip import open_package
from . import xlsxrows

if TYPE_CHECKING:
    from xlrd.sheet import Cell

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 100_000
SECONDS = 30.0     # a 100,000-row register takes a few seconds; a hostile file is cut off
# A register is far bigger than a report: ~20 tags a row, 100,000 rows at most.
MAX_TAGS = 3_000_000
MAX_XML_BYTES = 64 * 1024 * 1024


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]     # rows[i] is Excel row i + 1


def _broken(source: str, what: str) -> ReportFileError:
    return ReportFileError(f"{source}无法作为{what}打开：内容已损坏或不是该格式。"
                           "请在 Excel/WPS 中打开后另存为 .xlsx 再导入。")


def read_xlsx(path: Path, source: str) -> list[Sheet]:
    budget = Budget(source, SECONDS)
    data, zf = open_package(path, ".xlsx", MAX_TAGS, MAX_XML_BYTES)
    try:
        return [Sheet(name, rows) for name, rows in xlsxrows.read(zf, budget.add_rows)]
    except ReportFileError:
        raise
    except Exception as exc:   # noqa: BLE001 - lxml/zip errors on a malformed part
        if raised_by_us(exc) and not isinstance(exc, (KeyError, ValueError, IndexError)):
            raise
        raise _broken(source, " Excel 工作簿") from None
    finally:
        zf.close()


def read_xls(path: Path, source: str) -> list[Sheet]:
    import xlrd
    data = read_limited(path, MAX_BYTES, source)
    if data.startswith(b"PK"):
        raise ReportFileError(f"{source}实际是 .xlsx 工作簿，只是扩展名为 .xls：请把扩展名改为 .xlsx 后再导入。")
    try:
        book = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as exc:   # noqa: BLE001 - xlrd's errors on a file it cannot parse
        if raised_by_us(exc):
            raise
        raise _broken(source, "旧版 Excel 工作簿（.xls）") from None
    try:
        sheets = []
        for i in range(book.nsheets):
            sh = book.sheet_by_index(i)
            if sh.nrows > MAX_ROWS:
                raise ReportFileError(f"{source}的工作表“{sh.name}”超过 {MAX_ROWS:,} 行，不像是台账。")
            rows = [[_xls_value(c, book.datemode) for c in sh.row(r)] for r in range(sh.nrows)]
            sheets.append(Sheet(sh.name, rows))
        return sheets
    finally:
        book.release_resources()


def _xls_value(cell: Cell, datemode: int) -> object:
    import xlrd
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return None
    return cell.value


def read_csv(path: Path, source: str) -> list[Sheet]:
    text = decode_text(read_limited(path, MAX_BYTES, source))
    if text is None:
        raise ReportFileError(f"{source}不是可识别的文本文件（应为 UTF-8、UTF-16 或 GBK 编码），"
                              "请在 Excel/WPS 中另存为 .xlsx 或 CSV UTF-8 后再导入。")
    head = text[:4096]
    delimiter = max(",\t;", key=head.count)
    rows: list[list[object]] = [[c if c.strip() else None for c in r]
            for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    if len(rows) > MAX_ROWS:
        raise ReportFileError(f"{source}超过 {MAX_ROWS:,} 行，不像是台账。")
    return [Sheet(path.stem, rows)]
