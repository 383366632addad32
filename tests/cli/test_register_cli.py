"""``report-desktop tally`` and ``check`` on a report with a register (issue 20 item 6),
run as the real command in a subprocess; the export of item 5."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from report_desktop.core import jsonio, schema
from report_desktop.core.register import tally
from report_desktop.core.register.export import write_explanation, write_xlsx

from tests.registers import workbook

SRC = Path(__file__).resolve().parents[2] / "src"
HEAD = ["登记编号", "收到日期", "申请人类型", "申请人", "申请内容", "答复日期", "办理结果"]


def cli(*argv, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "report_desktop.entry", *map(str, argv)],
                          capture_output=True, text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120)


def _book(path, rows, head=HEAD):
    return workbook(path, head, rows)


GOOD = [["2025-001", "2025-03-05", "公民", "张三", "批复", "2025-03-20", "予以公开"],
        ["2025-002", "2025-04-01", "企业", "某公司", "规划", "2025-04-10", "信息不存在"],
        ["2024-050", "2024-12-28", "公民", "李四", "合同", "2025-01-06", "申请人撤回"],
        ["2025-003", "2025-12-29", "公民", "王五", "名单", None, None]]


def test_tally_writes_the_report_and_exits_0_when_every_row_is_counted(tmp_path):
    reg = _book(tmp_path / "台账.xlsx", GOOD)
    out = tmp_path / "报告.json"
    mapping = tmp_path / "映射.json"
    done = cli("tally", reg, "-o", out, "--unit", "某县某局", "--year", "2025", "--mapping", mapping)
    assert done.returncode == 0, done.stderr
    assert done.stderr == "" and "已写出" in done.stdout and "已保存列映射" in done.stdout
    rep = jsonio.read(out)
    assert (rep.unit, rep.year) == ("某县某局", 2025)
    c = rep.cells
    assert c["applications.new.natural_person"] == 2 and c["applications.new.commercial"] == 1
    assert c["applications.carried_over.natural_person"] == 1
    assert c["applications.granted.natural_person"] == 1 and c["applications.unavailable_1.commercial"] == 1
    assert c["applications.other_3.natural_person"] == 1
    assert c["applications.carry_forward.natural_person"] == 1 and c["applications.total.total"] == 3
    assert len(rep.register.applications) == 4
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["applications"]["new"] == [2, 1, 0, 0, 0, 0, 3]
    assert data["register"]["applications"][0]["received"] == "2025-03-05"
    assert json.loads(mapping.read_text(encoding="utf-8"))["application"]["outcome"] == "办理结果"
    # check: the tables agree with the register, S11 is silent
    checked = cli("check", out, "--format", "json", "--db", tmp_path / "none.sqlite3")
    assert not [f for f in json.loads(checked.stdout) if f["rule"] == "S11"]
    # a hand-typed 5 where the register has 1: named with the cell and the rows
    data["applications"]["granted"] = [5, 0, 0, 0, 0, 0, 5]
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    checked = cli("check", out, "--db", tmp_path / "none.sqlite3")
    assert "[提醒 S11 表格与台账一致] 表三“（一）予以公开”行“自然人”列填 5，台账中 1 件" in checked.stdout
    as_json = json.loads(cli("check", out, "--format", "json", "--db", tmp_path / "n.sqlite3").stdout)
    s11 = [f for f in as_json if f["rule"] == "S11"]
    assert s11[0]["cells"] == ["applications.granted.natural_person"] and "2025-001" in s11[0]["detail"]


def test_rows_that_cannot_be_classified_go_to_stderr_and_exit_1(tmp_path):
    rows = GOOD + [["2025-009", "2025-05-01", "公民", "赵六", "x", "2025-05-03", "已答复"],
                   ["2025-010", "2025-05-32", "公民", "钱七", "y", None, None],
                   ["2025-011", "2025-05-08", "法人或其他组织", "某会", "z", "2025-05-09", "不予公开"]]
    reg = _book(tmp_path / "台账.xlsx", rows)
    done = cli("tally", reg, "-o", tmp_path / "r.json", "--unit", "某县某局", "--year", "2025")
    assert done.returncode == 1
    err = done.stderr
    assert "台账.xlsx 第 6 行：办理结果“已答复”无法对应到表三的办理结果" in err
    assert "第 7 行：收到申请日期“2025-05-32”不是可识别的日期" in err
    assert "第 8 行：申请人类别“法人或其他组织”对应多种" in err and "第 8 行：办理结果“不予公开”对应多种" in err
    rep = jsonio.read(tmp_path / "r.json")     # written, with nothing counted for those rows
    assert rep.cells["applications.new.total"] == 3 and len(rep.register.applications) == 7


def test_cases_and_last_years_report(tmp_path, seed):
    cases = _book(tmp_path / "案件.xlsx", [
        ["复1", "行政复议", None, "2025-02-01", "2025-04-01", "维持"],
        ["诉1", "行政诉讼", "否", "2025-03-01", None, None]],
        head=["案号", "类型", "是否经复议", "收案日期", "决定日期", "决定/判决内容"])
    prev = seed.copy()
    prev.year = 2024
    prev_path = tmp_path / "上年.json"
    jsonio.write(prev, prev_path)       # its 结转下年度 is 0: our carried-over 1 differs (H6)
    done = cli("tally", _book(tmp_path / "台账.xlsx", GOOD), "-o", tmp_path / "r.json", "--unit", "某县某局",
               "--year", "2025", "--cases", cases, "--previous", prev_path)
    assert done.returncode == 0, done.stderr
    assert "H6" in done.stdout
    rep = jsonio.read(tmp_path / "r.json")
    assert rep.cells["review_litigation.review.upheld"] == 1
    assert rep.cells["review_litigation.direct.pending"] == 1 and len(rep.register.cases) == 2
    # last year's register instead of its report: its carry-forward is counted from it
    last = _book(tmp_path / "上年台账.xlsx", [["2024-050", "2024-12-28", "公民", "李四", "合同", None, None]])
    done = cli("tally", _book(tmp_path / "台账.xlsx", GOOD), "-o", tmp_path / "r.json", "--unit", "某县某局",
               "--year", "2025", "--previous", last)
    assert done.returncode == 0 and "H6" not in done.stdout


@pytest.mark.parametrize("make, words", [
    (lambda p: p.write_bytes(b"not a workbook"), "不是有效的"),
    (lambda p: None, "找不到"),
    (lambda p: _book(p, [["张三", "123"]], head=["姓名", "电话"]), "不像是依申请公开台账"),
])
def test_a_file_that_cannot_be_read_exits_2(tmp_path, make, words):
    path = tmp_path / "台账.xlsx"
    make(path)
    done = cli("tally", path, "-o", tmp_path / "r.json", "--unit", "某县某局", "--year", "2025")
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "r.json").exists()


def test_usage_errors_exit_2(tmp_path):
    reg = _book(tmp_path / "台账.xlsx", GOOD)
    assert cli("tally", reg, "-o", tmp_path / "r.docx", "--unit", "某局", "--year", "2025").returncode == 2
    assert cli("tally", reg, "-o", tmp_path / "r.json", "--year", "2025").returncode == 2
    bad = cli("tally", reg, "-o", tmp_path / "r.json", "--unit", "某局", "--year", "25")
    assert bad.returncode == 2 and "统计年度" in bad.stderr


def test_export_with_and_without_personal_data(tmp_path):
    reg = _book(tmp_path / "台账.xlsx", GOOD)
    cli("tally", reg, "-o", tmp_path / "r.json", "--unit", "某县某局", "--year", "2025")
    rep = jsonio.read(tmp_path / "r.json")
    full, anon = tmp_path / "台账导出.xlsx", tmp_path / "不含个人信息.xlsx"
    write_xlsx(rep.register, full, rep.unit, 2025)
    write_xlsx(rep.register, anon, rep.unit, 2025, personal=False)

    def text(path):
        wb = openpyxl.load_workbook(path)
        return {ws.title: [[c for c in r if c is not None] for r in ws.iter_rows(values_only=True)]
                for ws in wb.worksheets}
    got = text(full)
    assert list(got) == ["依申请公开台账", "复议诉讼台账", "统计口径说明"]
    assert got["依申请公开台账"][1][:4] == ["登记编号", "收到申请日期", "申请人类别", "申请人"]
    assert ["2025-001", "2025-03-05", "自然人", "张三", "批复", "2025-03-20", "（一）予以公开"] == \
        got["依申请公开台账"][2]
    assert any("驳回" in line[0] for line in got["统计口径说明"])
    blob = json.dumps(text(anon), ensure_ascii=False)
    for name in ("张三", "李四", "某公司", "批复"):
        assert name not in blob
    assert "2025-001" in blob and "不含个人信息" in blob
    from report_desktop.core.register import APPLICATION
    hostile = rep.register.with_field(APPLICATION, 0, "applicant", "=HYPERLINK(\"http://x\")")
    write_xlsx(hostile, tmp_path / "h.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "h.xlsx").active.cell(3, 4)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    write_explanation(rep.register, tmp_path / "说明.docx", 2025)
    with zipfile.ZipFile(tmp_path / "说明.docx") as z:
        assert "统计口径说明" in z.read("word/document.xml").decode("utf-8")
    write_explanation(rep.register, tmp_path / "说明.txt", 2025)
    assert (tmp_path / "说明.txt").read_text(encoding="utf-8-sig").count("（默认）") == 4
    # the counts printed beside the register agree with the tally
    t = tally(rep.register, 2025)
    assert t.cells[schema.application_cell("new", "total")] == 3 and dt.date.today()
