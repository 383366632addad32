"""Importing a published report from Word: our own export, a report typed by someone else
(built here with python-docx merges from the published text), old wording, missing parts,
and hostile or broken files."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import docx
import pytest

from report_desktop.entry import main
from report_desktop.core import formats, jsonio, schema
from report_desktop.core.docx import reader
from report_desktop.core.files import ReportFileError
from report_desktop.core.rules import validate
from report_desktop.core.values import Bad, from_file, to_text
from report_desktop.core import layout

from tests.core.xlsx.test_xlsx import BILLION_LAUGHS, EXTERNAL_ENTITY, rebuild_zip
from tests.conftest import DATA

PUBLISHED = DATA / "shuozhou-2024-published.txt"
TABLE_OF = {s.heading: s.table for s in schema.SECTIONS if s.table}
WRAP = {"商业企业": "商业\n企业", "科研机构": "科研\n机构", "结果纠正": "结果\n纠正",
        "其他结果": "其他\n结果", "尚未审结": "尚未\n审结"}


def as_typed(label: str) -> str:
    """A label as a WPS user types it: half-width punctuation, wrapped headers."""
    label = WRAP.get(label, label)
    return label.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")


def add_table(doc, table_id: str, report, relabel=as_typed) -> None:
    """The official table built with python-docx merges (a merged cell is one w:tc)."""
    spec = layout.table(table_id)
    t = doc.add_table(rows=spec.n_rows, cols=spec.n_cols)
    t.style = "Table Grid"
    for b in spec.boxes:
        cell = t.cell(b.row, b.col)
        if b.rows > 1 or b.cols > 1:
            cell = cell.merge(t.cell(b.row + b.rows - 1, b.col + b.cols - 1))
        cell.text = relabel(b.text) if b.text else to_text(report.cells[b.cell_id])


def published_docx(seed, path: Path, edit=lambda lines: lines, tables=("active", "applications",
                                                                       "review_litigation")):
    """The published text as someone would have typed it in Word: no title, 其它, a signature."""
    lines = [ln for ln in PUBLISHED.read_text(encoding="utf-8").splitlines() if "|" not in ln]
    doc = docx.Document()
    for line in edit(lines):
        doc.add_paragraph(line)
        table = TABLE_OF.get(line)
        if table in tables:
            add_table(doc, table, seed)
    doc.save(path)
    return path


# --------------------------------------------------------------------------- reading


def test_published_report_typed_in_word_reads_exactly(seed, good_docx):
    rep = reader.read(good_docx)
    assert rep.deviations == []
    assert (rep.unit, rep.year, rep.report_date) == ("朔州市人民政府办公室", 2024, dt.date(2025, 1, 22))
    assert rep.texts == seed.texts
    assert rep.cells == seed.cells
    assert validate(rep) == validate(seed)


def test_seed_to_docx_to_json_round_trip(seed, tmp_path):
    from report_desktop.core.docx import writer
    p = tmp_path / "seed.docx"
    writer.write(seed, p)
    rep = reader.read(p)
    assert rep.deviations == []
    assert (rep.unit, rep.year, rep.report_date) == (seed.unit, seed.year, seed.report_date)
    assert rep.cells == seed.cells
    assert rep.texts == seed.texts
    back = tmp_path / "back.json"
    assert main(["convert", str(p), str(back)]) == 0
    assert jsonio.read(back).cells == seed.cells


def test_round_trip_of_amounts_and_bad_cells_through_word(seed, tmp_path):
    from report_desktop.core.docx import writer
    seed.set("active.fees_10k_yuan", Decimal("59237.2450"))
    seed.set("applications.withheld_3.research", 7)
    seed.cells["active.rules.made"] = from_file("/", schema.COUNT)
    p = tmp_path / "amount.docx"
    writer.write(seed, p)
    rep = reader.read(p)
    assert to_text(rep.cells["active.fees_10k_yuan"]) == "59237.2450"
    assert isinstance(rep.cells["active.rules.made"], Bad)
    assert rep.cells == seed.cells


def test_title_old_headings_and_missing_table_are_deviations(seed, tmp_path):
    def edit(lines):
        lines = ["某某县某某镇人民政府", "2024年政府信息公开工作年度报告"] + lines
        lines = [{"四、政府信息公开行政复议、行政诉讼情况": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                  "五、存在的主要问题及改进情况": "五、政府信息公开工作存在的主要问题及改进情况",
                  "六、其它需要报告的事项": "七、其他需要报告的事项"}.get(ln, ln) for ln in lines]
        return lines[:-2] + ["某某镇人民政府\n2025年1月20日"]
    p = published_docx(seed, tmp_path / "old.docx", edit, tables=("active", "applications"))
    rep = reader.read(p)
    assert (rep.unit, rep.year, rep.report_date) == ("某某镇人民政府", 2024, dt.date(2025, 1, 20))
    text = "\n".join(rep.deviations)
    assert "第四部分标题“四、因政府信息公开工作被申请行政复议、提起行政诉讼情况”是2019年试行格式" in text
    assert "第五部分标题" in text and "第六部分标题“七、其他需要报告的事项”是编号错误的写法" in text
    assert "标题中的单位“某某县某某镇人民政府”与落款单位“某某镇人民政府”不一致" in text
    assert "表四缺少“行政复议”" in text
    assert rep.texts["other"] == seed.texts["other"]
    assert rep.texts["preamble"] == seed.texts["preamble"]
    assert rep.cells["review_litigation.review.upheld"] is None
    assert rep.cells["applications.new.total"] == 13
    assert any(f.rule == "H8" and "行政复议" in f.message for f in validate(rep))


def test_table_two_split_into_four_word_tables_with_captions(seed, tmp_path):
    doc = docx.Document()
    doc.add_paragraph("某某区统计局2024年政府信息公开工作年度报告")
    doc.add_paragraph("二、主动公开政府信息情况")
    seed.set("active.punishment", 5)
    for block in schema.ACTIVE_BLOCKS:
        doc.add_paragraph(f"（{block.heading[-3]}）相关情况如下表：")
        t = doc.add_table(rows=2 + len(block.rows), cols=4)
        t.cell(0, 0).merge(t.cell(0, 3)).text = as_typed(block.heading)
        span = 3 // len(block.columns)
        t.cell(1, 0).text = "信息内容"
        for i, label in enumerate(block.columns):
            t.cell(1, 1 + i * span).merge(t.cell(1, i * span + span)).text = as_typed(label)
        for r, row in enumerate(block.rows, start=2):
            t.cell(r, 0).text = row.label
            for i, cid in enumerate(row.cells):
                t.cell(r, 1 + i * span).merge(t.cell(r, i * span + span)).text = to_text(seed.cells[cid])
    p = tmp_path / "split.docx"
    doc.save(p)
    rep = reader.read(p)
    assert (rep.unit, rep.year) == ("某某区统计局", 2024)
    assert {c: rep.cells[c] for c in schema.ACTIVE_IDS} == {c: seed.cells[c] for c in schema.ACTIVE_IDS}
    assert not [d for d in rep.deviations if d.startswith("表二")]
    assert "缺少表三（找不到列标题“自然人”），未能读取表三" in rep.deviations


def test_missing_section_and_missing_row_are_named(seed, tmp_path):
    def edit(lines):
        i = lines.index("五、存在的主要问题及改进情况")
        j = lines.index("六、其它需要报告的事项")
        return lines[:i] + lines[j:]
    p = tmp_path / "gap.docx"
    published_docx(seed, p, edit)
    doc = docx.Document(p)
    doc.tables[1].rows[12]._tr.getparent().remove(doc.tables[1].rows[12]._tr)  # 6.属于四类过程性信息
    doc.save(p)
    rep = reader.read(p)
    assert "缺少“五、存在的主要问题及改进情况”部分" in rep.deviations
    assert "表三缺少“6.属于四类过程性信息”行" in rep.deviations
    assert rep.texts["problems"] == ""
    assert rep.cells["applications.withheld_6.natural_person"] is None


def test_no_unit_or_year_is_refused_in_chinese(tmp_path, capsys):
    doc = docx.Document()
    doc.add_paragraph("一、总体情况")
    doc.add_paragraph("本年度工作稳步推进。")
    p = tmp_path / "anon.docx"
    doc.save(p)
    with pytest.raises(ReportFileError, match="找不到单位名称或统计年度"):
        reader.read(p)
    assert main(["convert", str(p), str(tmp_path / "x.json")]) == 2
    assert "anon.docx" in capsys.readouterr().err


# --------------------------------------------------------------------------- hostile files

@pytest.fixture(scope="module")
def good_docx(tmp_path_factory):
    seed = jsonio.read(DATA / "shuozhou-2024.json")
    return published_docx(seed, tmp_path_factory.mktemp("docx") / "good.docx")


@pytest.mark.parametrize("name,make,message", [
    ("empty.docx", lambda good: b"", "空文件"),
    ("text.docx", lambda good: "政府信息公开工作年度报告".encode() * 20, "不是有效的Word 文档"),
    ("truncated.docx", lambda good: good[: len(good) * 2 // 3], "已损坏或不完整"),
    ("laughs.docx", lambda good: rebuild_zip(good, {"word/document.xml": BILLION_LAUGHS}), "DTD"),
    ("xxe.docx", lambda good: rebuild_zip(good, {"word/styles.xml": EXTERNAL_ENTITY}), "实体"),
    ("bomb.docx", lambda good: rebuild_zip(good, add={"word/blob.xml": b" " * (101 << 20)}), "压缩炸弹"),
    ("doc.docx", lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为 .docx"),
])
def test_hostile_or_broken_docx_is_refused(good_docx, tmp_path, name, make, message):
    p = tmp_path / name
    p.write_bytes(make(good_docx.read_bytes()))
    with pytest.raises(ReportFileError) as exc:
        formats.read(p)
    assert message in str(exc.value) and name in str(exc.value)


def test_excel_file_renamed_docx_is_named_for_what_it_is(seed, tmp_path):
    from report_desktop.core import xlsx
    p = tmp_path / "table.docx"
    xlsx.write(seed, tmp_path / "t.xlsx")
    p.write_bytes((tmp_path / "t.xlsx").read_bytes())
    with pytest.raises(ReportFileError, match="是Excel 工作簿，不是Word 文档：请把扩展名改为 .xlsx"):
        formats.read(p)
