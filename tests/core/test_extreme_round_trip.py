"""What our own writers write, our own readers read: the reading limits (safezip.py,
budget.py, html/parse.py) never refuse a file we made, however extreme its text.

Each text goes out through the real writer and back through the real reader: a million
spaces, 100,000 short lines, and the longest paragraph a workbook cell holds.
"""
from __future__ import annotations

import re
import zipfile

import pytest

from report_desktop.core import formats, jsonio
from report_desktop.core.files import ReportFileError
from report_desktop.core.xlsx.writer import MAX_CELL_CHARS

from tests.conftest import SEED

SPACES = "开始" + " " * 1_000_000 + "结束"
LINES = "\n".join(f"第{i}行。" for i in range(100_000))
LONGEST = "长" * (MAX_CELL_CHARS - 1) + "。"
# A workbook cell holds 32,767 characters: a million spaces go as 31 such paragraphs.
SPACES_XLSX = "\n".join(f"第{i}段" + " " * (MAX_CELL_CHARS - 8) + "完" for i in range(31))


def _round_trip(tmp_path, ext: str, text: str, where: str = "other"):
    rep = jsonio.read(SEED)
    rep.texts[where] = text
    path = tmp_path / f"extreme{ext}"
    formats.write(rep, path)
    back = formats.read(path)
    assert back.texts[where] == text
    assert back.cells == rep.cells and back.unit == rep.unit
    return back


@pytest.mark.parametrize("ext", [".json", ".docx", ".html"])
def test_a_million_spaces(tmp_path, ext):
    _round_trip(tmp_path, ext, SPACES)


def test_a_million_spaces_in_a_workbook(tmp_path):
    assert sum(line.count(" ") for line in SPACES_XLSX.split("\n")) > 1_000_000
    _round_trip(tmp_path, ".xlsx", SPACES_XLSX)
    rep = jsonio.read(SEED)
    rep.texts["other"] = SPACES
    with pytest.raises(ReportFileError, match="超过 32767 字"):     # the writer says so
        formats.write(rep, tmp_path / "one-cell.xlsx")


@pytest.mark.parametrize("ext", [".json", ".xlsx", ".html"])
def test_a_hundred_thousand_short_lines(tmp_path, ext):
    _round_trip(tmp_path, ext, LINES)


@pytest.mark.parametrize("ext", [".json", ".docx", ".xlsx", ".html"])
@pytest.mark.parametrize("where", ["preamble", "other"])
def test_the_longest_paragraph(tmp_path, ext, where):
    _round_trip(tmp_path, ext, LONGEST, where)


def test_a_hundred_thousand_short_lines_in_word(tmp_path):
    """Our Word file of 100,000 lines: 2,000 lines written by the writer, their paragraphs
    repeated 50 times in the XML, as the writer lays out each line (it writes 100,000
    directly only in minutes until Word export is linear, issue 18)."""
    rep = jsonio.read(SEED)
    rep.texts["other"] = "\n".join(f"第{i}行。" for i in range(2000))
    small = tmp_path / "small.docx"
    formats.write(rep, small)
    with zipfile.ZipFile(small) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = parts["word/document.xml"].decode()
    lines = re.findall(r"<w:p\b(?:(?!</w:p>).)*第\d+行。(?:(?!</w:p>).)*</w:p>", xml)
    assert len(lines) == 2000
    end = xml.index(lines[-1]) + len(lines[-1])
    parts["word/document.xml"] = (xml[:end] + "".join(lines) * 49 + xml[end:]).encode()
    big = tmp_path / "big.docx"
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    back = formats.read(big)
    assert back.texts["other"] == "\n".join([rep.texts["other"]] * 50)
    assert back.cells == rep.cells
