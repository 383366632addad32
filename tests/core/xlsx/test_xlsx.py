"""Excel export and import: exact round trip, the official layout, label-based reading of
hand-made and 2019-layout workbooks, and refusal of hostile or broken files."""
from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from report_desktop.entry import main
from report_desktop.core import formats, jsonio, schema, xlsx
from report_desktop.core.files import ReportFileError
from report_desktop.core.rules import validate
from report_desktop.core.values import Bad
from report_desktop.core import safezip as package

# --------------------------------------------------------------------------- helpers


def rebuild_zip(src: bytes, replace: dict[str, bytes] | None = None,
                add: dict[str, bytes] | None = None) -> bytes:
    """A copy of the zip ``src`` with some parts replaced or added."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(src)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = (replace or {}).get(info.filename, zin.read(info))
            zout.writestr(info.filename, data)
        for name, data in (add or {}).items():
            zout.writestr(name, data)
    return out.getvalue()


BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
                  + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1
                                                               else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']>\n<workbook>&lol9;</workbook>')
EXTERNAL_ENTITY = (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM '
                   b'"file:///etc/passwd">]>\n<sst>&xxe;</sst>')


@pytest.fixture
def seed_xlsx(seed, tmp_path):
    p = tmp_path / "seed.xlsx"
    xlsx.write(seed, p)
    return p


def hostile(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


# --------------------------------------------------------------------------- basics

def test_openpyxl_uses_defusedxml():
    assert openpyxl.DEFUSEDXML is True


def test_seed_round_trip_is_exact(seed, seed_xlsx):
    back = xlsx.read(seed_xlsx)
    assert back.deviations == []
    assert jsonio.dumps(back) == jsonio.dumps(seed)


def test_round_trip_keeps_amount_decimals_bad_values_blanks_and_wrong_totals(seed, tmp_path):
    seed.level = "township"
    seed.set("active.fees_10k_yuan", Decimal("12.50"))
    seed.cells["active.rules.made"] = Bad("/", "x")
    seed.set("applications.granted.research", None)
    seed.cells["applications.new.total"] = 99            # wrong total: kept, not corrected
    seed.texts["other"] = "第一段\n\n第三段（前有空行）\n=SUM(A1:A2) 不是公式"
    seed.unit = "=某单位"
    p = tmp_path / "r.xlsx"
    xlsx.write(seed, p)
    back = xlsx.read(p)
    assert back.cells["active.fees_10k_yuan"] == Decimal("12.50")
    assert str(back.cells["active.fees_10k_yuan"]) == "12.50"
    assert isinstance(back.cells["active.rules.made"], Bad)
    assert back.cells["active.rules.made"].raw == "/"
    assert back.cells["applications.granted.research"] is None
    assert back.cells["applications.new.total"] == 99
    assert jsonio.dumps(back) == jsonio.dumps(seed)
    assert {f.rule for f in validate(back)} >= {"H1", "H2", "H5"}


def test_export_layout_is_the_official_one(seed_xlsx):
    wb = openpyxl.load_workbook(seed_xlsx)
    assert wb.sheetnames == ["基本信息", "表二 主动公开", "表三 依申请公开", "表四 复议诉讼"]
    t2, t3, t4 = wb.worksheets[1:]
    texts = {c.value for ws in (t2, t3, t4) for row in ws.iter_rows() for c in row
             if isinstance(c.value, str)}
    expected = {b.heading for b in schema.ACTIVE_BLOCKS} | {r.label for b in schema.ACTIVE_BLOCKS
                                                           for r in b.rows}
    expected |= {schema.APPLICATIONS_NOTE, schema.APPLICANT_HEADER, schema.ORG_HEADER}
    expected |= {x for r in schema.APPLICATION_ROWS for x in (r.band, r.group, r.item) if x}
    expected |= {c.label for c in schema.APPLICATION_COLUMNS} | {p.label for p in schema.REVIEW_PARTS}
    expected |= {b.label for b in schema.REVIEW_BLOCKS} | {"行政诉讼"}
    assert expected <= texts
    merged3 = {str(r) for r in t3.merged_cells.ranges}
    assert {"A2:C4", "D2:J2", "E3:I3", "D3:D4", "J3:J4", "A7:A28", "B9:B16", "A5:C5"} <= merged3
    assert t3["A7"].value == "三、本年度办理结果"
    merged4 = {str(r) for r in t4.merged_cells.ranges}
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4"} <= merged4
    assert t4["A5"].value == 0 and t4["E5"].value.startswith("=SUM(")
    assert t3["J5"].value == "=SUM(D5:I5)" and t3["D28"].value == "=SUM(D7:D27)"
    for ws, landscape in ((t2, False), (t3, True), (t4, True)):
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
        assert ws["A5"].border.left.style == "thin"


def test_write_goes_through_atomic_write_and_reports_folders(seed, tmp_path):
    with pytest.raises(ReportFileError, match="文件夹"):
        xlsx.write(seed, tmp_path)
    assert not list(tmp_path.glob("*.tmp"))


# --------------------------------------------------------------------------- hand-made


def _hand_made(seed, tmp_path, *, drop_row: str | None = None):
    """One sheet, tables shifted right and down, blank rows, full-width labels and digits."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["C1"] = "某某县某某镇人民政府２０２４年政府信息公开工作年度报告"
    ws["C2"] = "填报单位：某某镇人民政府"
    ws["C3"] = "统计年度"
    ws["E3"] = "２０２４年"
    c0, r = 3, 6
    ws.cell(r, c0, "二、主动公开政府信息情况")
    r += 2
    for block in schema.ACTIVE_BLOCKS:
        ws.cell(r, c0, block.heading.replace("第（", " 第（"))       # "第二十条 第（一）项"
        r += 1
        ws.cell(r, c0, "信息内容")
        cols = ["现行有效件" if x == "现行有效件数" else x for x in block.columns]
        for i, label in enumerate(cols):
            ws.cell(r, c0 + 1 + i, label.replace("（", "(").replace("）", ")"))
        r += 1
        for row in block.rows:
            label = "规范性文件" if row.label == "行政规范性文件" else row.label
            ws.cell(r, c0, label)
            for i, cid in enumerate(row.cells):
                ws.cell(r, c0 + 1 + i, str(seed.cells[cid]))
            r += 1
        r += 1                                                        # blank row
    ws.cell(r, c0, "三、收到和处理政府信息公开申请情况")
    r += 1
    top = r
    ws.cell(top, c0, schema.APPLICATIONS_NOTE)
    ws.cell(top, c0 + 3, "申请人情况")
    ws.cell(top + 1, c0 + 3, "自然人")
    ws.cell(top + 1, c0 + 4, "法人或其他组织")
    for i, label in enumerate(["商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他"]):
        ws.cell(top + 2, c0 + 4 + i, label)
    ws.cell(top + 1, c0 + 9, "总 计")
    r = top + 3
    for row in schema.APPLICATION_ROWS:
        if row.key == drop_row:
            continue
        for level, label in enumerate((row.band, row.group, row.item)):
            if label and (level == 2 or label == row.label):
                label = label.replace("（", "(").replace("）", ")").replace(".", "．", 1)
                ws.cell(r, c0 + level, label)
        for j, v in enumerate(seed.row(row.key)):
            ws.cell(r, c0 + 3 + j, "１" + str(v) if (row.key, j) == ("new", 0) else v)
        r += 1
        if row.key == "partly_granted":
            r += 1                                                    # a blank row inside
    r += 2
    ws.cell(r, c0, "行政复议")
    ws.cell(r, c0 + 5, "行政诉讼")
    ws.cell(r + 1, c0 + 5, "未经复议直接起诉")
    ws.cell(r + 1, c0 + 10, "复议后起诉")
    for k, part in enumerate(schema.REVIEW_PARTS):
        ws.cell(r + 1, c0 + k, part.label[:2] + "\n" + part.label[2:])
        ws.cell(r + 2, c0 + 5 + k, part.label)
        ws.cell(r + 2, c0 + 10 + k, part.label)
    for k, cid in enumerate(schema.REVIEW_IDS):
        ws.cell(r + 4, c0 + k, seed.cells[cid])                      # one blank row first
    p = tmp_path / "hand.xlsx"
    wb.save(p)
    return p


def test_hand_made_workbook_reads_by_labels(seed, tmp_path):
    seed.set("review_litigation.direct.upheld", 3)
    rep = xlsx.read(_hand_made(seed, tmp_path))
    assert (rep.unit, rep.year) == ("某某镇人民政府", 2024)
    expected = dict(seed.cells)
    expected["applications.new.natural_person"] = 113               # "１" + "13", full-width
    assert rep.cells == expected
    assert rep.deviations == ["表二“现行有效件”应为“现行有效件数”",
                              "表二“规范性文件”应为“行政规范性文件”"]
    assert {f.rule for f in validate(rep) if f.severity == "error"} == {"H2", "H3", "H8", "H9"}   # H9: the workbook carries no date


def test_missing_row_is_named_not_guessed(seed, tmp_path):
    rep = xlsx.read(_hand_made(seed, tmp_path, drop_row="not_processed_2"))
    assert "表三缺少“2.重复申请”行" in rep.deviations
    assert rep.cells["applications.not_processed_2.natural_person"] is None
    assert rep.cells["applications.not_processed_3.natural_person"] == 0
    h8 = [f.message for f in validate(rep) if f.rule == "H8"]
    assert any("2.重复申请" in m for m in h8)


def test_workbook_of_another_format_version_is_refused(seed_xlsx, tmp_path):
    wb = openpyxl.load_workbook(seed_xlsx)
    prop = next(p for p in wb.custom_doc_props.props if p.name == "format")
    prop.value = "gov-disclosure-annual-report/2031"
    wb.save(tmp_path / "future.xlsx")
    with pytest.raises(ReportFileError, match="2031"):
        xlsx.read(tmp_path / "future.xlsx")


def test_format_is_named_for_programs_not_on_the_clerks_sheets(seed, seed_xlsx, tmp_path):
    """Issue 23 item 8: no "格式标识 | gov-disclosure-…" row; the workbook's custom
    document property says it, and our reader still knows our files by it."""
    wb = openpyxl.load_workbook(seed_xlsx)
    shown = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if c.value is not None]
    assert not [v for v in shown if "格式标识" in v or schema.FORMAT_ID in v]
    assert [(p.name, p.value) for p in wb.custom_doc_props.props] == [("format", schema.FORMAT_ID)]
    assert all(ws.sheet_state == "visible" for ws in wb.worksheets)
    assert xlsx.read(seed_xlsx).cells == seed.cells
    # A workbook of an earlier version, with the row: still read, still checked.
    wb.custom_doc_props.props.clear()
    sheet = wb["基本信息"]
    sheet.insert_rows(2)
    sheet["A2"], sheet["B2"] = "格式标识", schema.FORMAT_ID
    wb.save(tmp_path / "old.xlsx")
    assert xlsx.read(tmp_path / "old.xlsx").unit == seed.unit
    sheet["B2"] = "gov-disclosure-annual-report/2019"
    wb.save(tmp_path / "old-2019.xlsx")
    with pytest.raises(ReportFileError, match="2019"):
        xlsx.read(tmp_path / "old-2019.xlsx")


def test_workbook_without_unit_or_year_is_refused(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = "自然人"
    p = tmp_path / "nounit.xlsx"
    wb.save(p)
    with pytest.raises(ReportFileError, match="找不到单位名称或统计年度"):
        xlsx.read(p)


def test_2019_trial_layout_is_read_as_far_as_it_maps_and_flagged(seed, seed_xlsx, tmp_path):
    wb = openpyxl.load_workbook(seed_xlsx)
    t2, t3 = wb["表二 主动公开"], wb["表三 依申请公开"]
    for cell, old in (("B3", "本年新制作数量"), ("C3", "本年新公开数量"), ("D3", "对外公开总数量"),
                      ("A5", "规范性文件")):
        t2[cell] = old
    t2["A21"], t2["A22"], t2["B22"], t2["C22"] = "第二十条第（九）项", "政府集中采购", "采购项目数量", "采购总金额"
    t3.unmerge_cells("B25:B27")
    t3["C25"] = t3["C26"] = t3["C27"] = None                        # （六）其他处理 as one row
    for col in "DEFGHIJ":
        t3[f"{col}25"] = 4 if col in "DJ" else 0
        t3[f"{col}26"] = t3[f"{col}27"] = None
    p = tmp_path / "2019.xlsx"
    wb.save(p)
    rep = xlsx.read(p)
    text = "；".join(rep.deviations)
    assert "2019年试行格式" in text
    for label in ("本年新制作数量", "政府集中采购", "（六）其他处理", "规范性文件"):
        assert label in text, label
    assert "（4、0、0、0、0、0、4）未导入" in text
    assert rep.cells["active.licensing"] == seed.cells["active.licensing"]
    assert rep.cells["active.rules.made"] is None
    assert rep.cells["applications.unavailable_1.natural_person"] == 12
    assert rep.cells["applications.other_1.natural_person"] is None
    assert any(f.rule == "H8" and "2019" in f.message for f in validate(rep))


# --------------------------------------------------------------------------- hostile files

@pytest.mark.parametrize("name,make,message", [
    ("empty.xlsx", lambda good: b"", "空文件"),
    ("text.xlsx", lambda good: "单位,年度\n".encode() * 50, "不是有效的Excel 工作簿"),
    ("truncated.xlsx", lambda good: good[:len(good) // 2], "已损坏或不完整"),
    ("ole.xlsx", lambda good: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "另存为 .xlsx"),
    ("laughs.xlsx", lambda good: rebuild_zip(good, {"xl/workbook.xml": BILLION_LAUGHS}), "DTD"),
    ("xxe.xlsx", lambda good: rebuild_zip(good, {"xl/worksheets/sheet2.xml": EXTERNAL_ENTITY}), "实体"),
    ("utf16.xlsx", lambda good: rebuild_zip(good, {"xl/workbook.xml":
                                                   BILLION_LAUGHS.decode().encode("utf-16")}), "DTD"),
    ("bomb.xlsx", lambda good: rebuild_zip(good, add={"xl/media/blob.xml": b"\0" * (101 << 20)}),
     "压缩炸弹"),
    ("word.xlsx", lambda good: rebuild_zip(good, add={"word/document.xml": b"<w/>"},
                                           replace={}).replace(b"xl/workbook.xml", b"xl/workbooX.xml"),
     "不是Excel 工作簿"),
])
def test_hostile_or_broken_files_are_refused_in_chinese(seed_xlsx, tmp_path, name, make, message):
    p = hostile(tmp_path, name, make(seed_xlsx.read_bytes()))
    with pytest.raises(ReportFileError) as exc:
        formats.read(p)
    assert message in str(exc.value) and name in str(exc.value)


def test_total_unpacked_size_is_capped(seed_xlsx, tmp_path, monkeypatch):
    monkeypatch.setattr(package, "MAX_UNPACKED_BYTES", 2000)
    with pytest.raises(ReportFileError, match="解压后过大"):
        xlsx.read(seed_xlsx)


def test_too_many_members_is_refused(seed_xlsx, tmp_path):
    many = rebuild_zip(seed_xlsx.read_bytes(), add={f"x/{i}.txt": b"" for i in range(1001)})
    with pytest.raises(ReportFileError, match="部件过多"):
        xlsx.read(hostile(tmp_path, "many.xlsx", many))


def test_legacy_xls_is_asked_to_be_saved_as_xlsx(tmp_path):
    p = hostile(tmp_path, "old.xls", b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(ReportFileError, match="另存为 .xlsx"):
        formats.read(p)


def test_cli_convert_to_and_from_xlsx(capsys, seed_path, tmp_path):
    x = tmp_path / "out.xlsx"
    assert main(["convert", str(seed_path), str(x)]) == 0
    j = tmp_path / "back.json"
    assert main(["convert", str(x), str(j)]) == 0
    assert j.read_text(encoding="utf-8") == jsonio.dumps(jsonio.read(seed_path))
    bad = hostile(tmp_path, "bad.xlsx", b"not a zip at all")
    capsys.readouterr()
    assert main(["convert", str(bad), str(j)]) == 2
    assert "不是有效的Excel 工作簿" in capsys.readouterr().err
