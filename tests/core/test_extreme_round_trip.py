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
    """The seed with ``text`` in section ``where``, written as ``ext`` by our writer and read
    back by our reader: (what was written, what was read)."""
    rep = jsonio.read(SEED)
    rep.texts[where] = text
    path = tmp_path / f"extreme{ext}"
    formats.write(rep, path)
    return rep, formats.read(path)


def _unchanged(sent, back, where: str = "other") -> bool:
    return (back.texts[where] == sent.texts[where] and back.cells == sent.cells
            and back.unit == sent.unit and back.year == sent.year)


@pytest.mark.parametrize("ext", [".json", ".docx", ".html"])
def test_a_million_spaces(tmp_path, ext):
    sent, back = _round_trip(tmp_path, ext, SPACES)
    assert back.texts["other"] == SPACES and _unchanged(sent, back)


def test_a_million_spaces_in_a_workbook(tmp_path):
    assert sum(line.count(" ") for line in SPACES_XLSX.split("\n")) > 1_000_000
    sent, back = _round_trip(tmp_path, ".xlsx", SPACES_XLSX)
    assert back.texts["other"] == SPACES_XLSX and _unchanged(sent, back)
    rep = jsonio.read(SEED)
    rep.texts["other"] = SPACES
    with pytest.raises(ReportFileError, match="超过 32767 字"):     # the writer says so
        formats.write(rep, tmp_path / "one-cell.xlsx")


@pytest.mark.parametrize("ext", [".json", ".xlsx", ".html"])
def test_a_hundred_thousand_short_lines(tmp_path, ext):
    sent, back = _round_trip(tmp_path, ext, LINES)
    assert back.texts["other"].split("\n") == LINES.split("\n") and _unchanged(sent, back)


@pytest.mark.parametrize("ext", [".json", ".docx", ".xlsx", ".html"])
@pytest.mark.parametrize("where", ["preamble", "other"])
def test_the_longest_paragraph(tmp_path, ext, where):
    sent, back = _round_trip(tmp_path, ext, LONGEST, where)
    assert back.texts[where] == LONGEST and _unchanged(sent, back, where)


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
