"""The file dialogs of the 台账: which files are offered, built from the kinds core reads
and writes (core.formats.REGISTER_READERS; the exports' suffixes), never typed as filters."""
from __future__ import annotations

from collections.abc import Iterable

from ...core.formats import REGISTER_READERS

XLSX, DOCX, TXT = ".xlsx", ".docx", ".txt"
# The 统计口径说明 as core.register.export.write_explanation writes it.
EXPLANATION_KINDS = {DOCX: "Word 文档", TXT: "文本文件"}


def dialog_filter(name: str, extensions: Iterable[str]) -> str:
    """"台账文件 (*.xlsx *.xls)": a file dialog's filter."""
    return f"{name} ({' '.join('*' + e for e in extensions)})"


def register_filter() -> str:
    """What 导入台账 offers: every kind of file a register is read from."""
    return ";;".join((dialog_filter("台账文件", REGISTER_READERS), "所有文件 (*)"))


XLSX_FILTER = dialog_filter("Excel 工作簿", (XLSX,))
EXPLANATION_FILTER = ";;".join(dialog_filter(n, (e,)) for e, n in EXPLANATION_KINDS.items())
