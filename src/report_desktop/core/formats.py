"""Which file types a report can be read from and written to, chosen by extension.

The command line and the window both go through here, so a new format is one entry.
"""
from __future__ import annotations

import importlib
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable

from . import jsonio, textcheck
from .files import ReportFileError, Source, check_output, read_limited
from .final import Stamp
from .report import Report
from .safezip import content_kind

if TYPE_CHECKING:
    from .register.sources import Sheet

Reader = Callable[[Path], Report]
RegisterReader = Callable[[Path, str], "list[Sheet]"]    # (path, how messages name it)
Writer = Callable[..., None]     # (report, path); Word also takes fonts and draft, the web page draft


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A function of a format module imported on first use: python-docx and openpyxl
    cost more to import than the window takes to appear, and most runs need neither."""
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module, __package__), name)(*args, **kwargs)
    call.__qualname__ = f"{module.lstrip('.')}.{name}"
    return call


OLD_EXCEL = ".xls"   # offered when choosing files, then refused with how to convert it
JSON = ".json"       # the report's own file (docs/interchange.md); tally writes only this
READERS: dict[str, Reader] = {JSON: jsonio.read, ".xlsx": _lazy(".xlsx", "read"),
                              ".docx": _lazy(".docx.reader", "read"),
                              ".html": _lazy(".html.reader", "read"),
                              ".htm": _lazy(".html.reader", "read")}
WRITERS: dict[str, Writer] = {JSON: jsonio.write, ".xlsx": _lazy(".xlsx", "write"),
                              ".docx": _lazy(".docx.writer", "write"),
                              ".html": _lazy(".html.writer", "write")}

# What the clerk calls each kind of file: messages, file dialogs and the command line's help.
NAMES = {JSON: "JSON 数据文件", ".docx": "Word 文档", ".xlsx": "Excel 工作簿",
         ".html": "网页", ".htm": "网页"}

# The files a register (台账) is imported from: extension → the reader of
# core/register/sources.py that turns it into sheets of cell values.
REGISTER_READERS: dict[str, RegisterReader] = {
    ".xlsx": _lazy(".register.sources", "read_xlsx"), ".xlsm": _lazy(".register.sources", "read_xlsx"),
    OLD_EXCEL: _lazy(".register.sources", "read_xls"),
    ".csv": _lazy(".register.sources", "read_csv"), ".txt": _lazy(".register.sources", "read_csv")}
REGISTER_NAMES = {".xlsx": "Excel 工作簿", ".xlsm": "Excel 工作簿", OLD_EXCEL: "Excel 工作簿",
                  ".csv": "CSV 文件", ".txt": "CSV 文件"}


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
    report = reader(Path(path))   # Report keeps report.unit as people read it (unitname)
    if not report.unit:
        raise ReportFileError(f"文件“{Path(path).name}”中的单位名称只有空格或不可见字符，"
                              "请写明单位名称后再读取。")
    why = textcheck.problem(report.unit, name=True)
    if why:   # the JSON reader names it already; an .xlsx can smuggle one in (_x0001_)
        raise ReportFileError(f"文件“{Path(path).name}”中的单位名称“{textcheck.shown(report.unit)}”{why}。")
    return report


class WordFonts(StrEnum):
    """The Word file's font choice (the key the store setting and ``--fonts`` hold)."""
    GB = "gb"              # the fonts GB/T 9704 names
    WINDOWS = "windows"    # the fonts every Windows PC has


DEFAULT_WORD_FONTS = WordFonts.GB
WORD_FONTS: dict[str, str] = {WordFonts.GB: "公文标准字体（方正小标宋简体、仿宋_GB2312、黑体、楷体_GB2312）",
              WordFonts.WINDOWS: "Windows 自带字体（宋体、仿宋、黑体、楷体）"}


def write(report: Report, path: Path, fonts: str = DEFAULT_WORD_FONTS,
          draft: str | None = None, sources: Iterable[Source] = (),
          stamp: Stamp | None = None) -> None:
    """Write by extension; ``fonts`` (a WORD_FONTS key) matters only for a Word file;
    ``draft`` (why the file is a draft) and ``stamp`` (the 定稿 it is, core.final) only for
    the published ones, Word and web page;
    ``sources``: the files the report was read from, never overwritten (files.check_output)."""
    ext = _ext(path)
    writer = WRITERS.get(ext)
    if writer is None:
        raise ReportFileError(f"无法写出“{Path(path).name}”：不支持的文件类型，可写出 {describe(WRITERS)}。")
    check_output(Path(path), sources)
    if ext == ".docx":
        writer(report, Path(path), fonts, draft=draft, stamp=stamp)
    elif ext == ".html" and (draft or stamp):
        writer(report, Path(path), draft=draft, stamp=stamp)
    else:
        writer(report, Path(path))


def describe(table: Iterable[str]) -> str:
    return "、".join(f"{NAMES.get(e, e)}（{e}）" for e in table)


def listed(table: Iterable[str]) -> str:
    """".json、.xlsx、.docx、.html、.htm": the extensions of READERS or WRITERS, for help texts."""
    return "、".join(table)


def dialog_filter(ext: str) -> str:
    """"网页 (*.html *.htm)": a file dialog's filter for the kind of file ``ext`` is."""
    same = dict.fromkeys(e for e in (*READERS, *WRITERS) if NAMES[e] == NAMES[ext])
    return f"{NAMES[ext]} ({' '.join('*' + e for e in same)})"


def open_filter() -> str:
    """The filters of a dialog that opens report files: every readable kind at once, then
    each kind alone, then every file."""
    kinds = dict.fromkeys(NAMES[e] for e in READERS)
    firsts = [next(e for e in READERS if NAMES[e] == k) for k in kinds]
    every = " ".join(f"*{e}" for e in (*READERS, OLD_EXCEL))
    return ";;".join((f"报告文件 ({every})", *map(dialog_filter, firsts), "所有文件 (*)"))


def register_kinds() -> str:
    """"Excel 工作簿（.xlsx、.xlsm、.xls）或 CSV 文件（.csv、.txt）": the register files,
    for messages."""
    kinds = dict.fromkeys(REGISTER_NAMES.values())
    return "或 ".join(f"{k}（{listed([e for e in REGISTER_NAMES if REGISTER_NAMES[e] == k])}）"
                    for k in kinds)


def register_dialog_filter() -> str:
    """The filters of the 导入台账 dialog: every register file at once, each kind alone,
    then every file."""
    kinds = dict.fromkeys(REGISTER_NAMES.values())
    each = [f"{k} ({' '.join('*' + e for e in REGISTER_NAMES if REGISTER_NAMES[e] == k)})"
            for k in kinds]
    every = " ".join(f"*{e}" for e in REGISTER_READERS)
    return ";;".join((f"台账文件 ({every})", *each, "所有文件 (*)"))
