"""How much work reading one .xlsx/.docx may take, counted while it is read.

A report is a few thousand cells and a few hundred paragraphs; a file that makes the
reader examine far more is refused with a Chinese sentence instead of hanging a county's
whole merge.  The limits are counts (cheap, reached in well under a second) plus a wall
clock as the last resort.  Declared sizes (a sheet's <dimension>) are never trusted:
only what is actually examined is counted.  The XML size limits (bytes per part, tags per
package) are safezip's; ``Clocked`` lets the clock run inside openpyxl's parsing too.
"""
from __future__ import annotations

import io
import time

from .files import ReportFileError

MAX_CELLS = 2_000_000      # cells examined, padding of sparse rows included (~50 ns each)
# Rows and paragraphs: our own files of 100,000 lines of text hold that many, plus the
# tables (what we write we must read: tests/core/test_extreme_round_trip.py).
MAX_ROWS = 250_000         # rows examined, blank ones between included (~0.5 µs each)
MAX_PARAGRAPHS = 250_000   # paragraphs and tables of a Word body
MAX_COLUMNS = 1_000        # grid columns one Word table row reaches (Word allows 63)
# The last resort: the counts above stop hostile files far sooner; openpyxl alone takes
# ~3 s over our own workbook of 100,000 lines.
MAX_SECONDS = 10.0


class Budget:
    def __init__(self, source: str, seconds: float | None = None):
        self.source = source
        self.deadline = time.monotonic() + (MAX_SECONDS if seconds is None else seconds)
        self.cells = self.rows = self.paragraphs = 0

    def _over(self, what: str) -> ReportFileError:
        return ReportFileError(f"{self.source}{what}，不像是年报文件，已停止读取。"
                               "请删去多余的内容、另存后再导入。")

    def clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise ReportFileError(f"{self.source}读取时间过长（超过 {MAX_SECONDS:g} 秒），"
                                  "文件可能过大或结构异常，已停止读取。请另存为新文件后再导入。")

    def add_cells(self, n: int) -> None:
        self.cells += n
        if self.cells > MAX_CELLS:
            raise self._over(f"中的表格单元格过多（超过 {MAX_CELLS:,} 个）")
        self.clock()

    def add_rows(self, n: int) -> None:
        self.rows += n
        if self.rows > MAX_ROWS:
            raise self._over(f"中的表格行数过多（超过 {MAX_ROWS:,} 行，"
                             "请检查工作表靠下的行里是否有多余的内容）")
        self.clock()

    def add_paragraph(self) -> None:
        self.paragraphs += 1
        if self.paragraphs > MAX_PARAGRAPHS:
            raise self._over(f"中的段落过多（超过 {MAX_PARAGRAPHS:,} 个）")
        if not self.paragraphs % 1000:
            self.clock()

    def check_columns(self, reached: int) -> None:
        if reached > MAX_COLUMNS:
            raise self._over(f"中有表格跨列过多（一行超过 {MAX_COLUMNS:,} 列）")


class Clocked(io.BytesIO):
    """A package's bytes for a parser that reads them bit by bit (openpyxl reads each part
    through zipfile as it parses): every read checks the budget's clock."""

    def __init__(self, data: bytes, budget: Budget):
        super().__init__(data)
        self._budget = budget

    def read(self, size: int | None = -1) -> bytes:
        self._budget.clock()
        return super().read(size)
