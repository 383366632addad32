"""Import of registers from .xlsx, .xls and .csv (issue 20 item 4): real files made by
openpyxl, by Python's csv in the encodings Windows writes, and .xls by LibreOffice."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import threading

import openpyxl
import pytest

from report_desktop.core import schema
from report_desktop.core.files import ReportFileError
from report_desktop.core.register import CASE, CountingSettings, tally
from report_desktop.core.register.columns import read_mapping, write_mapping
from report_desktop.core.register.dates import NotADate, read_date
from report_desktop.core.register.importing import ImportCancelled, import_file, open_file, read_rows
from report_desktop.core.register.words import outcome

D = dt.date
HEAD = ["登记编号", "收到日期", "申请人类型", "申请人", "申请内容", "答复日期", "办理结果"]


def _xlsx(path, rows, title=None, merge=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    if title:
        ws.append([title])
    for r in rows:
        ws.append(r)
    for m in merge:
        ws.merge_cells(m)
    wb.save(path)
    return path


def _row(i, result="予以公开", kind="自然人", received="2025-03-05", answered="2025-03-20"):
    return [f"2025-{i:03d}", received, kind, f"申请人{i}", "某文件", answered, result]


def test_a_messy_register_is_read_with_row_numbers_for_what_cannot_be_counted(tmp_path):
    """Title row, a merged two-row header, blank rows, a totals row, dates of every kind."""
    path = tmp_path / "台账.xlsx"
    head1 = ["序号", "收到申请日期", "申请人情况", None, "申请内容", "办理情况", None, "备注"]
    head2 = [None, None, "类别", "姓名", None, "答复日期", "答复结果", None]
    rows = [head1, head2,
            ["1", dt.datetime(2025, 3, 5), "公民", "张三", "批复", dt.datetime(2025, 3, 20), "同意公开", None],
            ["2", "2025/3/6", "企业", "某公司", "规划", "2025年4月1日", "（三）不予公开 4.保护第三方合法权益", "x"],
            [None] * 8,
            ["3", 45730, "法人或其他组织", "某协会", "x", "2025.4.2", "已答复", None],
            ["4", "2025-13-01", "公民", "李四", "y", None, "办理中", None],
            ["5", "二〇二五年五月六日", "律师事务所", "某所", "z", "20250510", "(五)2", None],
            ["合计", None, None, None, None, None, "5件", None]]
    _xlsx(path, rows, title="某局2025年政府信息公开申请登记台账", merge=("A1:H1", "C2:D2", "F2:G2"))
    got = import_file(path)
    assert got.layout.header_rows == (2, 3) and got.layout.sheet == "Sheet"
    assert got.layout.columns["applicant_type"] == 2 and got.layout.columns["applicant"] == 3
    assert got.layout.samples["outcome"][0] == "同意公开"
    assert got.row_numbers == (4, 5, 7, 8, 9)
    a = got.rows
    assert (a[0].received, a[0].outcome, a[0].applicant_type) == (D(2025, 3, 5), "granted", "natural_person")
    assert (a[1].received, a[1].answered, a[1].outcome) == (D(2025, 3, 6), D(2025, 4, 1), "withheld_4")
    assert a[2].received == D(2025, 3, 14)                         # Excel serial 45730
    assert a[3].received is None and a[3].outcome is None          # 办理中: not answered yet
    assert (a[4].received, a[4].answered, a[4].outcome, a[4].applicant_type) == \
        (D(2025, 5, 6), D(2025, 5, 10), "not_processed_2", "legal_service")
    assert [(i.row, i.field) for i in got.issues] == [(7, "applicant_type"), (7, "outcome"), (8, "received")]
    assert "对应多种" in got.issues[0].message and "“已答复”无法对应" in got.issues[1].message
    assert got.issues[2].line().startswith("第 8 行：收到申请日期“2025-13-01”")
    assert "已答复" in a[2].note            # the value is kept where the clerk sees it
    t = tally(got.register(), 2025)
    assert t.cells[schema.application_cell("new", "total")] == 3
    assert {u.row for u in t.unclassified} == {2, 3}


@pytest.mark.parametrize("written, key", [
    # the official labels, with or without numbering, in either bracket width
    ("（一）予以公开", "granted"), ("予以公开", "granted"), ("(一)予以公开", "granted"),
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partly_granted"),
    ("部分公开", "partly_granted"), ("（三）不予公开1.属于国家秘密", "withheld_1"),
    ("属于国家秘密", "withheld_1"), ("不予公开 2.其他法律行政法规禁止公开", "withheld_2"),
    ("3.危及“三安全一稳定”", "withheld_3"), ("(三)8", "withheld_8"),
    ("（四）无法提供 1．本机关不掌握相关政府信息", "unavailable_1"), ("没有现成信息需要另行制作", "unavailable_2"),
    ("补正后申请内容仍不明确", "unavailable_3"), ("（五）不予处理1.信访举报投诉类申请", "not_processed_1"),
    ("要求提供公开出版物", "not_processed_3"), ("无正当理由大量反复申请", "not_processed_4"),
    ("要求行政机关确认或重新出具已获取信息", "not_processed_5"),
    ("申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "other_1"),
    ("申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "other_2"),
    ("（六）其他处理3.其他", "other_3"), ("其他处理 3", "other_3"),
    # the common variants the issue lists
    ("同意公开", "granted"), ("全部公开", "granted"), ("信息不存在", "unavailable_1"),
    ("不掌握", "unavailable_1"), ("非本机关信息", "unavailable_1"), ("重复申请", "not_processed_2"),
    ("信访", "not_processed_1"), ("举报", "not_processed_1"), ("投诉", "not_processed_1"),
    ("申请人撤回", "other_3"), ("逾期未补正", "other_1"),
    # parts given and parts refused: 部分公开 wins (the format's own rule)
    ("部分公开，涉及个人隐私部分不予公开", "partly_granted"),
])
def test_outcome_words(written, key):
    assert outcome(written).key == key


@pytest.mark.parametrize("written, several", [
    ("已答复", False), ("不予公开", True), ("其他处理", True), ("国家秘密；商业秘密", True),
    ("不同意公开", False), ("公开", False)])
def test_no_match_or_several_is_never_guessed(written, several):
    got = outcome(written)
    assert got.key is None and (len(got.candidates) > 1) == several


def test_several_refusal_reasons_follow_the_setting():
    assert outcome("国家秘密；商业秘密", CountingSettings(several_reasons="first")).key == "withheld_1"
    assert outcome("予以公开；国家秘密", CountingSettings(several_reasons="first")).key is None


@pytest.mark.parametrize("raw, day", [
    ("2025-03-05", D(2025, 3, 5)), ("2025/3/5", D(2025, 3, 5)), ("2025.3.5", D(2025, 3, 5)),
    ("2025年3月5日", D(2025, 3, 5)), ("２０２５年３月５日", D(2025, 3, 5)), ("20250305", D(2025, 3, 5)),
    ("2025-03-05 14:30:00", D(2025, 3, 5)), ("2025/3/5 9:05", D(2025, 3, 5)),
    ("二〇二五年三月五日", D(2025, 3, 5)), (45721, D(2025, 3, 5)), (45721.5, D(2025, 3, 5)),
    ("45721", D(2025, 3, 5)), (dt.datetime(2025, 3, 5, 8), D(2025, 3, 5)), (None, None), ("  ", None)])
def test_dates_in_every_common_form(raw, day):
    assert read_date(raw) == day


@pytest.mark.parametrize("raw", ["2025-02-30", "下周", "3月5日", 12, True, "2025-3"])
def test_a_date_that_cannot_be_read_is_not_guessed(raw):
    with pytest.raises(NotADate):
        read_date(raw)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gbk"])
def test_csv_in_the_encodings_windows_writes(tmp_path, encoding):
    path = tmp_path / "台账.csv"
    lines = [",".join(HEAD)] + [",".join(_row(i, r)) for i, r in
                                enumerate(["予以公开", "信息不存在", "重复申请"], 1)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    got = import_file(path)
    assert [a.outcome for a in got.rows] == ["granted", "unavailable_1", "not_processed_2"]
    assert got.rows[0].applicant == "申请人1" and got.issues == []


def test_a_tab_separated_export_of_a_web_system(tmp_path):
    path = tmp_path / "export.txt"
    path.write_text("流水号\t申请时间\t申请人类型\t姓名/名称\t所需信息\t办结时间\t处理结果\n"
                    "1\t2025-01-02 10:00\t公民\t王某\t文件\t2025-01-10 16:00\t全部公开\n", encoding="utf-8")
    got = import_file(path)
    assert got.rows[0].received == D(2025, 1, 2) and got.rows[0].outcome == "granted"


def test_a_file_that_is_not_a_register_says_so(tmp_path, seed_path):
    path = _xlsx(tmp_path / "名单.xlsx", [["姓名", "电话"], ["张三", "123"]])
    with pytest.raises(ReportFileError, match="不像是依申请公开台账"):
        import_file(path)
    with pytest.raises(ReportFileError, match="不是可导入的台账"):
        import_file(seed_path)
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ReportFileError):
        import_file(bad)
    gbk_binary = tmp_path / "x.csv"
    gbk_binary.write_bytes(b"\x00\x01\x02\xff" * 10)
    with pytest.raises(ReportFileError, match="不是可识别的文本文件"):
        import_file(gbk_binary)


def test_a_remembered_mapping_finds_its_columns_by_header_wherever_they_are(tmp_path):
    first = _xlsx(tmp_path / "一月.xlsx", [["编号", "收到日期", "类别", "结果A", "办理结果", "答复日期"],
                                          ["1", "2025-01-02", "公民", "予以公开", "重复申请", "2025-01-05"]])
    opened = open_file(first)
    assert opened.layout.columns["outcome"] == 4          # guessed: 办理结果, not 结果A
    opened.layout.columns["outcome"] = 3                  # the clerk says otherwise
    mapping = tmp_path / "映射.json"
    write_mapping([opened.layout], mapping)
    assert read_rows(opened).rows[0].outcome == "granted"
    # the next file has the same headers in another order
    second = _xlsx(tmp_path / "二月.xlsx", [["办理结果", "答复日期", "结果A", "编号", "收到日期", "类别"],
                                           ["重复申请", "2025-02-05", "予以公开", "2", "2025-02-02", "企业"]])
    got = import_file(second, mapping=read_mapping(mapping)["application"])
    assert got.rows[0].outcome == "granted" and got.rows[0].applicant_type == "commercial"
    renamed = _xlsx(tmp_path / "三月.xlsx", [["编号", "收到日期", "类别", "办理结果", "答复日期"],
                                            ["3", "2025-03-02", "企业", "重复申请", "2025-03-05"]])
    with pytest.raises(ReportFileError, match="找不到映射文件指定的“结果A”列"):
        import_file(renamed, mapping=read_mapping(mapping)["application"])


def test_progress_and_cancel(tmp_path):
    path = _xlsx(tmp_path / "大.xlsx", [HEAD] + [_row(i) for i in range(2500)])
    seen = []
    got = import_file(path, progress=lambda done, total: seen.append((done, total)))
    assert len(got.rows) == 2500 and seen[0] == (0, 2500) and seen[-1] == (2500, 2500)
    stop = threading.Event()
    stop.set()
    with pytest.raises(ImportCancelled):
        import_file(path, cancel=stop)


def test_the_principal_counts_not_the_agent_unless_set_otherwise(tmp_path):
    path = _xlsx(tmp_path / "代理.xlsx", [["编号", "收到日期", "申请人类别", "被代理人类别", "办理结果", "答复日期"],
                                         ["1", "2025-01-02", "律师事务所", "公民", "予以公开", "2025-01-05"],
                                         ["2", "2025-01-02", "企业", None, "予以公开", "2025-01-05"]])
    assert [a.applicant_type for a in import_file(path).rows] == ["natural_person", "commercial"]
    by_agent = import_file(path, settings=CountingSettings(applicant="agent"))
    assert [a.applicant_type for a in by_agent.rows] == ["legal_service", "commercial"]


def test_a_case_register(tmp_path):
    path = _xlsx(tmp_path / "案件.xlsx", [
        ["案号", "案件类型", "是否经复议", "本机关角色", "收案日期", "决定/判决日期", "决定/判决内容"],
        ["复1", "行政复议", None, "被申请人", "2025-02-01", "2025-04-01", "维持"],
        ["诉1", "行政诉讼", "否", "被告", "2025-03-01", "2025-08-01", "判决撤销并责令重新答复"],
        ["诉2", "行政诉讼", "是", "复议机关（共同被告）", "2025-03-01", None, None],
        ["诉3", "行政诉讼", "是", "被告", "2025-03-01", "2025-09-01", "驳回诉讼请求"],
        ["诉4", "诉讼", None, "被告", "2025-03-01", None, None],
        ["复2", "行政复议", None, "被申请人", "2025-05-01", "2025-06-01", "已结"]])
    got = import_file(path, CASE)
    c = got.rows
    assert (c[0].kind, c[0].result) == ("review", "upheld")
    assert (c[1].after_review, c[1].result) == (False, "corrected")
    assert c[2].counted is False and c[3].result == "upheld"
    assert import_file(path, CASE, settings=CountingSettings(rejected="other")).rows[3].result == "other"
    assert [(i.row, i.field) for i in got.issues] == [(6, "after_review"), (7, "decision")]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("libreoffice") is None, reason="needs LibreOffice")
def test_an_xls_made_by_libreoffice(tmp_path):
    src = tmp_path / "台账.xlsx"
    rows = [HEAD] + [_row(i, r) for i, r in enumerate(["予以公开", "不掌握", "申请人撤回"], 1)]
    rows[2][1] = dt.datetime(2025, 3, 7)             # a date cell, stored as a serial in .xls
    rows.append(_row(9, "看情况"))
    _xlsx(src, rows, title="2025年依申请公开台账", merge=("A1:G1",))
    subprocess.run(["libreoffice", "--headless", "--convert-to", "xls", "--outdir", str(tmp_path),
                    str(src)], check=True, capture_output=True, timeout=180)
    got = import_file(tmp_path / "台账.xls")
    assert [a.outcome for a in got.rows] == ["granted", "unavailable_1", "other_3", None]
    assert got.rows[1].received == D(2025, 3, 7) and got.layout.header_rows == (2,)
    assert [(i.row, i.value) for i in got.issues] == [(6, "看情况")]
    renamed = tmp_path / "假.xls"
    renamed.write_bytes(src.read_bytes())
    with pytest.raises(ReportFileError, match="实际是 .xlsx"):
        import_file(renamed)


def _package(path, sheet_xml, shared="", styles=""):
    """A .xlsx written by hand, with what other programs write and openpyxl does not:
    rich-text and phonetic shared strings, inline strings, cells without ``r``."""
    import zipfile
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.'
                   'openxmlformats.org/package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                   '<sheet name="说明" sheetId="1" r:id="rId1"/><sheet name="台账" sheetId="2" r:id="rId2"/>'
                   '</sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.'
                   'org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/a.xml"/>'
                   '<Relationship Id="rId2" Target="/xl/worksheets/b.xml"/></Relationships>')
        z.writestr("xl/worksheets/a.xml", f'<worksheet xmlns="{main}"><sheetData><row r="1"><c t="inlineStr">'
                   '<is><t>本表说明</t></is></c></row></sheetData></worksheet>')
        z.writestr("xl/worksheets/b.xml", f'<worksheet xmlns="{main}"><sheetData>{sheet_xml}</sheetData></worksheet>')
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}">{shared}</sst>')
        z.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}">{styles}</styleSheet>')
    return path


def test_an_xlsx_as_other_programs_write_it(tmp_path):
    shared = ('<si><t>登记编号</t></si><si><r><t>收到</t></r><r><t>日期</t></r></si>'
              '<si><t>办理结果</t><rPh><t>ばん</t></rPh></si><si><t>答复日期</t></si><si><t>申请人类别</t></si>')
    styles = ('<numFmts count="1"><numFmt numFmtId="180" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/>'
              '</numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="180"/>'
              '<xf numFmtId="31"/></cellXfs>')
    rows = ('<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>4</v></c>'
            '<c r="E2" t="s"><v>2</v></c><c r="F2" t="s"><v>3</v></c></row>'
            '<row r="3"><c t="inlineStr"><is><t>A-1</t></is></c><c s="1"><v>45721</v></c>'
            '<c t="inlineStr"><is><t>公民</t></is></c><c/><c t="str"><f>X</f><v>予以公开</v></c>'
            '<c s="2"><v>45730</v></c></row>'
            '<row r="5"><c r="A5" t="inlineStr"><is><t>A-2</t></is></c><c r="B5" s="3"><v>45722</v></c>'
            '<c r="C5" t="inlineStr"><is><t>企业</t></is></c><c r="E5" t="e"><v>#N/A</v></c>'
            '<c r="F5" t="b"><v>1</v></c></row>')
    got = import_file(_package(tmp_path / "其他软件.xlsx", rows, shared, styles))
    assert got.layout.sheet == "台账" and got.layout.header_rows == (2,)
    a, b = got.rows
    assert (a.id, a.received, a.answered, a.outcome) == ("A-1", D(2025, 3, 5), D(2025, 3, 14), "granted")
    assert (b.id, b.received, b.applicant_type, b.outcome) == ("A-2", D(2025, 3, 6), "commercial", None)
    assert [(i.row, i.field) for i in got.issues] == [(5, "answered")]   # TRUE is not a date


def test_the_dates_the_deadline_check_needs(tmp_path):
    path = _xlsx(tmp_path / "期限.xlsx", [
        ["编号", "收到日期", "类别", "办理结果", "答复日期", "延期告知日期", "补正告知日期", "补正收到日期",
         "征求意见开始日期", "征求意见结束日期"],
        ["1", "2025-01-02", "公民", "予以公开", "2025-03-05", "2025-01-27", "2025-01-03", "2025-01-08",
         "2025-01-10", "2025-01-20"]])
    a = import_file(path).rows[0]
    assert (a.extended, a.correction_requested, a.corrected) == (D(2025, 1, 27), D(2025, 1, 3), D(2025, 1, 8))
    assert a.consultation == ((D(2025, 1, 10), D(2025, 1, 20)),)
