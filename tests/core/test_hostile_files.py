"""Hostile and odd .xlsx/.docx files (tests/hostile.py): each is refused with a Chinese
message naming it, or read, within the reading budget; merge names them and can skip
them; the XML of every part is checked by content, whatever its name or encoding."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest

from report_desktop.entry import main
from report_desktop.core import budget, formats, jsonio, safezip, xlsx
from report_desktop.core.docx import writer as docx_writer
from report_desktop.core.files import ReportFileError

from tests import hostile
from tests.conftest import DATA

# A refusal must come at once; this only guards against hangs (minutes before the
# budget), the speed itself is measured in benchmarks/bench_hostile.py.
HANG = 10.0


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    seed = jsonio.read(DATA / "shuozhou-2024.json")
    folder = tmp_path_factory.mktemp("good")
    xlsx.write(seed, folder / "good.xlsx")
    docx_writer.write(seed, folder / "good.docx")
    return {".xlsx": (folder / "good.xlsx").read_bytes(),
            ".docx": (folder / "good.docx").read_bytes(), "seed": seed}


CORPUS = {**hostile.XLSX_CORPUS, **hostile.DOCX_CORPUS}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_file_is_refused_or_read_within_the_budget(good, tmp_path, name):
    make, words = CORPUS[name]
    path = tmp_path / name
    path.write_bytes(make(good[path.suffix]))
    start = time.monotonic()
    try:
        formats.read(path)
        outcome = None
    except ReportFileError as exc:
        outcome = str(exc)
    assert time.monotonic() - start < HANG
    if words is None:      # read, or refused for what it lacks: never hung, never crashed
        assert outcome is None or "找不到单位名称" in outcome
    else:
        assert outcome is not None and words in outcome and name in outcome, outcome
        assert "已损坏" not in outcome


def test_declared_dimension_is_not_trusted(good, tmp_path):
    """The declared A1:XFD1048576 alone costs nothing: a good workbook declaring it reads."""
    data = good[".xlsx"]
    sheet = hostile.part(data, "xl/worksheets/sheet1.xml")
    huge = re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:XFD1048576"/>', sheet)
    path = tmp_path / "declared.xlsx"
    path.write_bytes(hostile.rebuild(data, {"xl/worksheets/sheet1.xml": huge}))
    assert formats.read(path).unit == good["seed"].unit


def test_long_vertical_merges_and_a_normal_wide_table_are_read(good, tmp_path):
    """Near misses: 3 × 900 merged rows read (in a fraction of the old 212 s), and a
    63-column span (Word's widest table) is no refusal."""
    path = tmp_path / "merges.docx"
    path.write_bytes(hostile.docx_vmerge_chains(good[".docx"]))
    assert formats.read(path).cells == good["seed"].cells
    path.write_bytes(hostile.docx_grid_span(good[".docx"], span=63))
    assert formats.read(path).cells == good["seed"].cells


def test_each_count_of_the_budget_refuses_with_its_own_words(monkeypatch, good, tmp_path):
    path = tmp_path / "report.docx"
    path.write_bytes(good[".docx"])
    for limit, words in (("MAX_PARAGRAPHS", "段落过多"), ("MAX_CELLS", "单元格过多"),
                         ("MAX_ROWS", "行数过多")):
        with monkeypatch.context() as m:
            m.setattr(budget, limit, 20)
            with pytest.raises(ReportFileError, match=words):
                formats.read(path)
    monkeypatch.setattr(budget, "MAX_SECONDS", 0.0)
    with pytest.raises(ReportFileError, match="读取时间过长"):
        formats.read(path)
    xpath = tmp_path / "report.xlsx"
    xpath.write_bytes(good[".xlsx"])
    with pytest.raises(ReportFileError, match="读取时间过长"):
        formats.read(xpath)


def test_xml_tag_budget_near_miss_and_hit(monkeypatch, good, tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_bytes(good[".xlsx"])
    formats.read(path)                                  # ~2,600 tags: far below
    monkeypatch.setattr(safezip, "MAX_XML_TAGS", 1000)
    with pytest.raises(ReportFileError, match="XML 标记超过 1,000 个"):
        formats.read(path)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                   "utf-32-le", "utf-32-be"])
def test_dtd_found_in_any_encoding_and_any_part_name(good, tmp_path, codec):
    body = hostile._with_dtd(hostile.part(good[".docx"], "word/document.xml")).decode()
    declared = {"utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE", "utf-32-le": "UTF-32LE",
                "utf-32-be": "UTF-32BE"}.get(codec, codec.upper())
    xml = f'<?xml version="1.0" encoding="{declared}"?>\n{body}'.encode(codec)
    for part in ("word/document.xml", "word/media/logo.emf", "customXml/item9.bin"):
        path = tmp_path / f"{codec}.docx"
        path.write_bytes(hostile.rebuild(good[".docx"], {part: xml}) if part == "word/document.xml"
                         else hostile.rebuild(good[".docx"], add={part: xml}))
        with pytest.raises(ReportFileError, match=f"“{part}”含有 DTD"):
            formats.read(path)


def test_xml_in_an_encoding_office_never_writes_is_refused(good, tmp_path):
    utf7 = '<?xml version="1.0" encoding="UTF-7"?><r/>'.encode("utf-7")
    path = tmp_path / "utf7.docx"
    path.write_bytes(hostile.rebuild(good[".docx"], add={"word/x.xml": utf7}))
    with pytest.raises(ReportFileError, match="不会用的字符编码（utf-7）"):
        formats.read(path)


def test_pictures_and_a_dtd_free_svg_are_no_xml_threat(good, tmp_path):
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'
    path = tmp_path / "pictures.docx"
    path.write_bytes(hostile.rebuild(good[".docx"], add={"word/media/image1.png": png,
                                                         "word/media/image2.svg": svg}))
    assert formats.read(path).unit == good["seed"].unit


def test_a_bug_in_our_code_is_not_called_a_broken_file(monkeypatch, good, tmp_path):
    from report_desktop.core.docx import reader
    path = tmp_path / "good.docx"
    path.write_bytes(good[".docx"])

    def broken(*args, **kwargs):
        raise ZeroDivisionError("ours")
    monkeypatch.setattr(reader, "from_blocks", broken)
    with pytest.raises(ZeroDivisionError):
        formats.read(path)


@pytest.mark.parametrize("ext", [".docx", ".xlsx"])
def test_a_bug_of_ours_inside_the_parser_is_not_called_a_broken_file(monkeypatch, good, tmp_path,
                                                                      ext):
    """python-docx and openpyxl read through our budget's Clocked: an error raised in our
    code there stays a bug, while the parser's own errors on a broken file stay a message."""
    path = tmp_path / f"good{ext}"
    path.write_bytes(good[ext])

    monkeypatch.setattr(budget.Budget, "clock", None)     # Clocked.read fails in our file
    with pytest.raises(TypeError, match="not callable"):
        formats.read(path)
    monkeypatch.undo()
    path.write_bytes(good[ext][:2000])             # cut short: the parser's error
    with pytest.raises(ReportFileError):
        formats.read(path)


# --------------------------------------------------------------------------- merge

def _units(good, tmp_path) -> list[Path]:
    out = []
    for unit in ("甲镇", "乙镇"):
        rep = good["seed"].copy()
        rep.unit = unit
        out.append(tmp_path / f"{unit}.json")
        jsonio.write(rep, out[-1])
    return out


def test_merge_names_an_over_budget_file_and_stops(capsys, good, tmp_path):
    bad = tmp_path / "县直某局.docx"
    bad.write_bytes(hostile.docx_grid_span(good[".docx"]))
    out = tmp_path / "sum.json"
    code = main(["merge", *map(str, _units(good, tmp_path)), str(bad), "-o", str(out),
                 "--unit", "某县人民政府", "--year", "2024", "--db", str(tmp_path / "none.db")])
    err = capsys.readouterr().err
    assert code == 2 and "县直某局.docx" in err and "跨列过多" in err and "--skip-unreadable" in err
    assert not out.exists()


def test_merge_skip_unreadable_sums_the_others(capsys, good, tmp_path):
    bad = tmp_path / "县直某局.xlsx"
    bad.write_bytes(hostile.xlsx_wide_rows(good[".xlsx"]))
    out = tmp_path / "sum.json"
    start = time.monotonic()
    code = main(["merge", *map(str, _units(good, tmp_path)), str(bad), "-o", str(out),
                 "--unit", "某县人民政府", "--year", "2024", "--db", str(tmp_path / "none.db"),
                 "--skip-unreadable"])
    assert time.monotonic() - start < HANG
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "已跳过 1 个无法读取的文件" in captured.err and "县直某局.xlsx" in captured.err
    total = jsonio.read(out)
    assert total.cells["active.licensing"] == 2 * good["seed"].cells["active.licensing"]


def test_window_summary_lists_an_over_budget_file_as_unreadable(good, tmp_path):
    from report_desktop.services import summary as gather
    units = _units(good, tmp_path)
    worse = tmp_path / "县直某办.docx"
    worse.write_bytes(hostile.docx_grid_before(good[".docx"]))
    request = gather.Request("某县人民政府", 2024, [], [*units, worse], None)
    out = gather.gather(request, lambda *a: None, None)
    assert [p.name for p, _ in out.failures] == ["县直某办.docx"]
    assert "跨列过多" in out.failures[0][1]
    assert out.total is not None and len(out.reports) == 2


def test_fast_paragraph_text_is_python_docx_with_revisions_accepted(good):
    """The one-pass reader (docx/cells.py) gives python-docx's Paragraph.text, except that
    a tracked insertion is read (python-docx drops it; Word shows it)."""
    import docx
    from docx.text.paragraph import Paragraph

    from report_desktop.core.docx import cells
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (f'<w:body {w}><w:p><w:r><w:t>甲</w:t><w:tab/><w:t xml:space="preserve"> 乙 </w:t>'
           '<w:br/><w:br w:type="page"/><w:cr/><w:noBreakHyphen/><w:ptab/><w:delText>删</w:delText>'
           '</w:r><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink>'
           '<w:ins><w:r><w:t>修订</w:t></w:r></w:ins><w:r><w:t/></w:r></w:p>'
           '<w:p/><w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="100"/></w:tabs></w:pPr>'
           '<w:r><w:br w:type="column"/><w:t>丙</w:t></w:r></w:p></w:body>')
    doc = docx.Document(io.BytesIO(good[".docx"]))
    body = docx.oxml.parse_xml(xml)
    texts = [cells.paragraph_text(p) for p in body]
    assert texts[1:] == [Paragraph(p, doc).text for p in body][1:]
    assert Paragraph(body[0], doc).text == "甲\t 乙 \n\n-\t链接"
    assert texts[0] == "甲\t 乙 \n\n-\t链接修订"
