"""Which file types a report can be read from and written to, chosen by extension.

The command line and the window both go through here, so a new format is one entry.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable

from . import jsonio, textcheck
from .files import ReportFileError, read_limited
from .report import Report
from .safezip import content_kind

Reader = Callable[[Path], Report]
Writer = Callable[[Report, Path], None]


def _lazy(module: str, name: str) -> Callable:
    """A function of a format module imported on first use: python-docx and openpyxl
    cost more to import than the window takes to appear, and most runs need neither."""
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module, __package__), name)(*args, **kwargs)
    call.__qualname__ = f"{module.lstrip('.')}.{name}"
    return call


READERS: dict[str, Reader] = {".json": jsonio.read, ".xlsx": _lazy(".xlsx", "read"),
                              ".docx": _lazy(".docx.reader", "read"),
                              ".html": _lazy(".html.reader", "read"),
                              ".htm": _lazy(".html.reader", "read")}
WRITERS: dict[str, Writer] = {".json": jsonio.write, ".xlsx": _lazy(".xlsx", "write"),
                              ".docx": _lazy(".docx.writer", "write"),
                              ".html": _lazy(".html.writer", "write")}

_NAMES = {".json": "JSON 数据文件", ".docx": "Word 文档", ".xlsx": "Excel 工作簿",
          ".html": "网页", ".htm": "网页"}


def _ext(path: Path) -> str:
    return Path(path).suffix.lower()


# Types people send that we do not read, and what to do with each.
_WORD_LIKE = {".doc": "旧版 Word 文档", ".wps": "WPS 文字文档", ".rtf": "RTF 文档",
              ".odt": "OpenDocument 文档", ".docm": "含宏的 Word 文档", ".dotx": "Word 模板"}
_EXCEL_LIKE = {".xls": "旧版 Excel 工作簿", ".et": "WPS 表格", ".ods": "OpenDocument 表格",
               ".xlsm": "含宏的 Excel 工作簿", ".csv": "CSV 表格"}
_AS_FOUND = {"docx": "Word 文档（.docx）", "xlsx": "Excel 工作簿（.xlsx）"}
MAX_SNIFF_BYTES = 50 * 1024 * 1024


def _advice(path: Path) -> str:
    """What to do with a file of a type we do not read, from its content where it tells."""
    name, ext = Path(path).name, _ext(path)
    try:
        found = content_kind(read_limited(Path(path), MAX_SNIFF_BYTES, f"文件“{name}”"))
    except ReportFileError:
        found = None     # unreadable: the advice by its name still helps
    if found in _AS_FOUND:
        return f"“{name}”实际上是{_AS_FOUND[found]}：请把扩展名改为 .{found} 后再导入。"
    if found in ("html", "mht"):
        return f"“{name}”实际上是网页（{'MHT' if found == 'mht' else 'HTML'}）：请把扩展名改为 .html 后再导入。"
    if ext in _WORD_LIKE:
        return f"“{name}”是{_WORD_LIKE[ext]}，本程序不能直接读取：请在 Word/WPS 中打开，另存为 .docx 后再导入。"
    if ext in _EXCEL_LIKE:
        return f"“{name}”是{_EXCEL_LIKE[ext]}，本程序不能直接读取：请在 Excel/WPS 中打开，另存为 .xlsx 后再导入。"
    if ext in (".mht", ".mhtml"):
        return f"“{name}”是网页存档（MHT）：请把扩展名改为 .html 后再导入。"
    return f"无法读取“{name}”：不支持的文件类型，可读取 {describe(READERS)}。"


def read(path: Path) -> Report:
    ext = _ext(path)
    reader = READERS.get(ext)
    if reader is None:
        raise ReportFileError(_advice(path))
    report = reader(Path(path))
    if ext != ".json":   # typed in Word/Excel: a tab or line break inside is layout
        report.unit = " ".join(report.unit.split())
    why = textcheck.problem(report.unit, name=True)
    if why:   # the JSON reader names it already; an .xlsx can smuggle one in (_x0001_)
        raise ReportFileError(f"文件“{Path(path).name}”中的单位名称“{textcheck.shown(report.unit)}”{why}。")
    return report


# The Word file's font choice (公文标准字体 or the fonts every Windows PC has).
WORD_FONTS = {"gb": "公文标准字体（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312）",
              "windows": "Windows 自带字体（宋体、仿宋、黑体、楷体）"}


def write(report: Report, path: Path, fonts: str = "gb", draft: str | None = None) -> None:
    """Write by extension; ``fonts`` (a WORD_FONTS key) matters only for a Word file;
    ``draft`` (why the file is a draft) only for the published ones, Word and web page."""
    ext = _ext(path)
    writer = WRITERS.get(ext)
    if writer is None:
        raise ReportFileError(f"无法写出“{Path(path).name}”：不支持的文件类型，可写出 {describe(WRITERS)}。")
    if ext == ".docx":
        writer(report, Path(path), fonts, draft=draft)
    elif ext == ".html" and draft:
        writer(report, Path(path), draft=draft)
    else:
        writer(report, Path(path))


def describe(table: dict) -> str:
    return "、".join(f"{_NAMES.get(e, e)}（{e}）" for e in table)
