"""Which file types a report can be read from and written to, chosen by extension.

The command line and the window both go through here, so a new format is one entry.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from . import jsonio, textcheck
from .files import ReportFileError, Source, check_output, read_limited
from .final import Stamp
from .report import Report
from .safezip import content_kind

if TYPE_CHECKING:
    from .register.sources import Sheet

Reader = Callable[[Path], Report]
RegisterReader = Callable[[Path, str], "list[Sheet]"]    # (path, how messages name it)
Writer = Callable[..., None]     # (report, path); see Format.fonts and Format.published


def _lazy(module: str, name: str) -> Callable[..., Any]:
    """A function of a format module imported on first use: python-docx and openpyxl
    cost more to import than the window takes to appear, and most runs need neither."""
    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module, __package__), name)(*args, **kwargs)
    call.__qualname__ = f"{module.lstrip('.')}.{name}"
    return call


OLD_EXCEL = ".xls"   # offered when choosing files, then refused with how to convert it
JSON = ".json"       # the report's own file (docs/interchange.md); tally writes only this


@dataclass(frozen=True)
class Format:
    """One kind of report file.  Every list of file types — the command line's help, the
    window's open/import/export dialogs, ``convert``, the import and export dispatch, the
    export policy — is read from FORMATS, so a new format is one entry here plus its module."""
    ext: str                       # the extension written (and read)
    name: str                      # what the clerk calls it: messages, dialogs, help
    use: str                       # the command line's help words: what the file is for
    reader: Reader | None = None   # (path) → Report; None: not read
    writer: Writer | None = None   # (report, path, …) → None; None: not written
    published: bool = False        # signed or put on the website: the export policy checks it
                                   # first (services.exporting); the writer takes draft=, stamp=
    fonts: bool = False            # the writer takes the Word font set (WordFonts) third
    importable: bool = True        # 导入报告 and the summary offer it (when it has a reader)
    also: tuple[str, ...] = ()     # more extensions read the same way (.htm)

    @property
    def extensions(self) -> tuple[str, ...]:
        return (self.ext, *self.also)


# The table, in the order dialogs and help list the kinds.
FORMATS: dict[str, Format] = {f.ext: f for f in (
    Format(JSON, "JSON 数据文件", "本程序的报告数据（交换格式），可再导入", jsonio.read, jsonio.write),
    Format(".xlsx", "Excel 工作簿", "报送上级、汇总用的统计表，可再导入",
           _lazy(".xlsx", "read"), _lazy(".xlsx", "write")),
    Format(".docx", "Word 文档", "审签、印发用的公文",
           _lazy(".docx.reader", "read"), _lazy(".docx.writer", "write"), published=True, fonts=True),
    Format(".html", "网页", "在政府网站公开的网页",
           _lazy(".html.reader", "read"), _lazy(".html.writer", "write"), published=True,
           also=(".htm",)),
)}


class _Column(Mapping[str, Any]):
    """A live view of one column of FORMATS by extension (READERS, WRITERS, NAMES): an
    entry added at run time is seen at once."""

    def __init__(self, pick: Callable[[Format], Any], aliases: bool):
        self._pick, self._aliases = pick, aliases

    def _items(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in FORMATS.values():
            value = self._pick(f)
            if value is not None:
                out.update(dict.fromkeys(f.extensions if self._aliases else (f.ext,), value))
        return out

    def __getitem__(self, ext: str) -> Any:
        return self._items()[ext]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())

    def __len__(self) -> int:
        return len(self._items())


READERS: Mapping[str, Reader] = _Column(lambda f: f.reader, aliases=True)
WRITERS: Mapping[str, Writer] = _Column(lambda f: f.writer, aliases=False)
# What the clerk calls each kind of file: messages, file dialogs and the command line's help.
NAMES: Mapping[str, str] = _Column(lambda f: f.name, aliases=True)


def format_of(path: str | Path) -> Format | None:
    """The entry a file belongs to by its extension, or None."""
    ext = _ext(Path(path))
    return next((f for f in FORMATS.values() if ext in f.extensions), None)


def is_published(path: str | Path) -> bool:
    """A file written to be signed or published (Word, web page): the policy checks it."""
    found = format_of(path)
    return found is not None and found.published and found.writer is not None \
        and _ext(Path(path)) == found.ext


def takes_fonts(path: str | Path) -> bool:
    """A file written with a Word font set (its fonts may be missing here)."""
    found = format_of(path)
    return found is not None and found.fonts


def importable() -> tuple[str, ...]:
    """The extensions 导入报告 and the summary read a report from."""
    return tuple(e for f in FORMATS.values() if f.reader is not None and f.importable
                 for e in f.extensions)


def importable_words() -> str:
    """"JSON 数据文件（.json）、…或网页（.html）": the kinds 导入报告 reads, for its tip."""
    kinds = [f"{f.name}（{f.ext}）" for f in FORMATS.values() if f.reader is not None and f.importable]
    return "、".join(kinds[:-1]) + "或" + kinds[-1] if len(kinds) > 1 else "".join(kinds)


def save_choices(first: str) -> tuple[str, ...]:
    """The kinds an export dialog offers: ``first``, then every other writable one."""
    return (first, *(e for e in WRITERS if e != first))


def help_lines() -> str:
    """The command line's list of file kinds, one a line: "  .docx   读、写：审签、印发…"."""
    keys = {f.ext: "/".join(f.extensions) for f in FORMATS.values()}
    width = max(map(len, keys.values()))
    lines = ["文件类型（按扩展名）："]
    for f in FORMATS.values():
        how = "读、写" if f.reader and f.writer else ("只读" if f.reader else "只写")
        checked = "（报告有错误时不写出，除非加 --allow-errors）" if f.published and f.writer else ""
        lines.append(f"  {keys[f.ext]:<{width}}  {how}：{f.use}{checked}")
    return "\n".join(lines)

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
    found = format_of(path)
    if found is None or found.writer is None:
        raise ReportFileError(f"无法写出“{Path(path).name}”：不支持的文件类型，可写出 {describe(WRITERS)}。")
    check_output(Path(path), sources)
    args: tuple[Any, ...] = (fonts,) if found.fonts else ()
    if found.published:
        found.writer(report, Path(path), *args, draft=draft, stamp=stamp)
    else:
        found.writer(report, Path(path), *args)


def describe(table: Iterable[str]) -> str:
    return "、".join(f"{NAMES.get(e, e)}（{e}）" for e in table)


def listed(table: Iterable[str]) -> str:
    """".json、.xlsx、.docx、.html、.htm": the extensions of READERS or WRITERS, for help texts."""
    return "、".join(table)


def dialog_filter(ext: str) -> str:
    """"网页 (*.html *.htm)": a file dialog's filter for the kind of file ``ext`` is."""
    found = format_of(f"x{ext}")
    same = found.extensions if found is not None else (ext,)
    return f"{NAMES.get(ext, ext)} ({' '.join('*' + e for e in same)})"


def open_filter(title: str = "报告文件", extensions: Iterable[str] | None = None) -> str:
    """The filters of a dialog that opens report files: every kind of ``extensions``
    (default: the importable ones) at once, then each kind alone, then every file."""
    exts = tuple(importable() if extensions is None else extensions)
    firsts = tuple(dict.fromkeys(f.ext for e in exts if (f := format_of(f"x{e}")) is not None))
    every = " ".join(f"*{e}" for e in (*exts, *((OLD_EXCEL,) if extensions is None else ())))
    return ";;".join((f"{title} ({every})", *map(dialog_filter, firsts), "所有文件 (*)"))


def save_filter(choices: Iterable[str]) -> str:
    """The filters of an export dialog: one per kind, in the order of ``choices``."""
    return ";;".join(dialog_filter(e) for e in choices)


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
