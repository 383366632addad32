"""The county summary: exact sums, roster, parent vs Σ children, per-unit checks, loader
progress and cancellation, and the ``merge`` command with its exit codes."""
from __future__ import annotations

import json
import threading
from decimal import Decimal

import pytest

from report_desktop.core.files import ReportFileError
from report_desktop.entry import main
from report_desktop.core import jsonio, schema, summary, xlsx
from report_desktop.core.report import Report
from report_desktop.core.rules import ERROR, validate
from report_desktop.core.rules.proofread.fixes import fix_report
from report_desktop.core.store import Store
from report_desktop.core.values import Bad


def unit(seed, name: str, fee: str = "0", new: int = 13) -> Report:
    rep = seed.copy()
    rep.unit = name
    fix_report(rep)       # the seed's own text has half-width punctuation (P1/P2 warnings)
    rep.set("active.fees_10k_yuan", Decimal(fee))
    rep.set("applications.new.natural_person", new)
    rep.set("applications.granted.natural_person", new - 12)
    return rep


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- core


def test_merge_sums_every_cell_exactly(seed):
    a, b, c = unit(seed, "甲镇", "12.50", 13), unit(seed, "乙镇", "0.0001", 20), unit(seed, "丙局", "3", 12)
    total = summary.merge([a, b, c], "某县人民政府办公室", 2024)
    assert total.cells["active.fees_10k_yuan"] == Decimal("15.5001")
    assert str(total.cells["active.fees_10k_yuan"]) == "15.5001"
    assert total.cells["applications.new.natural_person"] == 45
    assert total.cells["applications.new.total"] == 45
    assert total.cells["active.normative_docs.in_force"] == 3 * 59
    for cid in schema.CELL_IDS:
        assert total.cells[cid] == sum(r.number(cid) for r in (a, b, c)), cid
        assert type(total.cells[cid]) is (Decimal if schema.CELLS[cid].kind == schema.AMOUNT else int)
    assert (total.unit, total.year, total.level) == ("某县人民政府办公室", 2024, "government")
    assert [f for f in validate(total) if f.severity == ERROR and f.rule not in ("H8", "H9")] == []   # a summary is dated by the clerk


def test_merge_of_nothing_is_zero_and_bad_cells_count_as_zero(seed):
    assert set(summary.merge([]).cells.values()) == {0}
    broken = unit(seed, "丁镇")
    broken.cells["applications.new.commercial"] = Bad("/", "x")
    assert summary.merge([broken]).cells["applications.new.commercial"] == 0


def test_unit_checks_count_errors_and_warnings(seed):
    clean, broken = unit(seed, "甲镇"), unit(seed, "乙镇")
    broken.cells["applications.new.total"] = 99
    checks = summary.unit_checks([clean, broken], ["a.json", "b.xlsx"])
    assert checks[0] == summary.UnitCheck("甲镇", 0, 0, "a.json")
    errors = [f for f in validate(broken) if f.severity == ERROR]
    assert checks[1].errors == len(errors) > 0 and checks[1].source == "b.xlsx"


def test_input_problems_name_other_years_and_duplicates(seed):
    old = unit(seed, "乙镇")
    old.year = 2023
    problems = summary.input_problems([unit(seed, "甲镇"), unit(seed, " 甲镇"), old], 2024,
                                      ["a.json", "b.json", "c.json"])
    assert len(problems) == 2
    assert "b.json" in problems[0] and "重复" in problems[0]
    assert "c.json" in problems[1] and "2023" in problems[1]


def test_roster_lists_missing_and_unexpected_units(seed, tmp_path):
    roster = tmp_path / "roster.txt"
    roster.write_text("\ufeff甲镇\n\n乙镇\n 丙局 \n甲镇\n", encoding="utf-8")
    names = summary.read_roster(roster)
    assert names == ["甲镇", "乙镇", "丙局"]
    result = summary.check_roster([unit(seed, "甲镇"), unit(seed, "戊街道")], names)
    assert result.missing == ["乙镇", "丙局"]
    assert result.unexpected == ["戊街道"]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
                                          ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                          ("gbk", b""), ("gb18030", b"")])
def test_roster_in_the_encodings_windows_saves_is_read(tmp_path, encoding, bom):
    roster = tmp_path / "名单.txt"
    roster.write_bytes(bom + "甲镇人民政府\r\n乙县教育局\r\n\r\n".encode(encoding))
    assert summary.read_roster(roster) == ["甲镇人民政府", "乙县教育局"]


@pytest.mark.parametrize("data", [
    "甲镇\n乙镇\n".encode("utf-16-le"),                       # UTF-16 without a BOM
    b"\xff\xfe\x00\x00" + "甲镇".encode("utf-32-le"),         # UTF-32
    bytes(range(256)),                                          # binary
    b"\xef\xbb\xbf\xe7\x94\xb2\xff",                           # a BOM, then not UTF-8
])
def test_roster_in_any_other_encoding_is_refused_naming_the_file(tmp_path, data):
    roster = tmp_path / "名单.txt"
    roster.write_bytes(data)
    with pytest.raises(ReportFileError, match="名单文件“名单.txt”不是可识别的文本文件"):
        summary.read_roster(roster)


def test_compare_lists_cells_where_parent_differs_from_children(seed):
    children = summary.merge([unit(seed, "甲镇", "12.50"), unit(seed, "乙镇", "0.0001")])
    parent = children.copy()
    assert summary.compare(parent, children) == []
    parent.cells["active.fees_10k_yuan"] = Decimal("12.5001")      # same number, other digits
    assert summary.compare(parent, children) == []
    parent.set("applications.granted.commercial", 2)
    parent.cells["active.licensing"] = None
    diffs = summary.compare(parent, children)
    assert [d.cell_id for d in diffs] == [
        "active.licensing", "applications.granted.commercial", "applications.granted.total",
        "applications.total.commercial", "applications.total.total"]
    assert diffs[0].parent == "空" and diffs[0].children == "0"
    assert diffs[1].name == schema.CELLS["applications.granted.commercial"].name
    assert (diffs[1].parent, diffs[1].children) == ("2", "0")


def test_loader_reports_progress_keeps_going_and_can_be_cancelled(seed, tmp_path):
    paths = []
    for i in range(4):
        p = tmp_path / f"u{i}.json"
        jsonio.write(unit(seed, f"单位{i}"), p)
        paths.append(p)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    seen = []
    loaded = summary.load_reports(paths[:2] + [bad] + paths[2:],
                                  progress=lambda done, total, path: seen.append((done, total)))
    assert [r.unit for r in loaded.reports] == ["单位0", "单位1", "单位2", "单位3"]
    assert loaded.failures[0][0] == "bad.json" and "JSON" in loaded.failures[0][1]
    assert seen == [(i, 5) for i in range(1, 6)] and not loaded.cancelled
    stop = threading.Event()
    loaded = summary.load_reports(paths, progress=lambda done, *_: done == 2 and stop.set(),
                                  cancel=stop)
    assert loaded.cancelled and len(loaded.reports) == 2


# --------------------------------------------------------------------------- command line


@pytest.fixture
def unit_files(seed, tmp_path):
    a = tmp_path / "a.json"
    jsonio.write(unit(seed, "甲镇", "12.50", 13), a)
    b = tmp_path / "b.xlsx"
    xlsx.write(unit(seed, "乙镇", "0.0001", 20), b)
    broken = unit(seed, "丙局", "3", 12)
    broken.cells["applications.new.total"] = 99
    c = tmp_path / "c.json"
    jsonio.write(broken, c)
    return [a, b, c]


def test_cli_merge_files_with_roster_and_parent(capsys, seed, unit_files, tmp_path):
    roster = tmp_path / "roster.txt"
    roster.write_text("甲镇\n乙镇\n丙局\n丁乡\n", encoding="utf-8")
    parent = unit(seed, "某县人民政府办公室", "15.5001", 45)
    parent_path = tmp_path / "parent.json"
    jsonio.write(parent, parent_path)
    out = tmp_path / "county.json"
    code, stdout, err = run(capsys, "merge", *unit_files, "-o", out, "--unit", "某县人民政府办公室",
                            "--year", 2024, "--roster", roster, "--parent", parent_path,
                            "--db", tmp_path / "none.sqlite3")
    assert code == 0, err
    assert "甲镇（a.json）：通过" in stdout
    assert "乙镇（b.xlsx）：0 个错误，2 个提醒" in stdout   # S3: text says 15
    assert "丙局（c.json）：" in stdout and "个错误" in stdout
    assert "名单中未报送的单位（1 个）：丁乡" in stdout
    assert "本级报告与各单位合计不一致的单元格" in stdout
    assert "表二“规章”“本年制发件数”：本级报告 0，各单位合计 0" not in stdout
    assert "表二“行政规范性文件”“现行有效件数”：本级报告 59，各单位合计 177" in stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["active"]["fees_10k_yuan"] == "15.5001"
    assert data["applications"]["new"][0] == 45
    assert data["applications"]["new"][6] == 13 + 20 + 99
    assert data["level"] == "government" and data["unit"] == "某县人民政府办公室"
    assert not (tmp_path / "none.sqlite3").exists()


def test_cli_merge_from_store_excludes_the_county_and_compares_with_it(capsys, seed, tmp_path):
    db = tmp_path / "store.sqlite3"
    with Store(db) as store:
        store.save(unit(seed, "甲镇", "1.5", 13))
        store.save(unit(seed, "乙镇", "2.25", 14))
        other_year = unit(seed, "乙镇")
        other_year.year = 2023
        store.save(other_year)
        store.save(unit(seed, "某县人民政府办公室", "3.75", 27))
    out = tmp_path / "county.xlsx"
    code, stdout, err = run(capsys, "merge", "--from-db", "-o", out, "--unit", "某县人民政府办公室",
                            "--year", 2024, "--db", db)
    assert code == 0, err
    assert "各单位报告检查结果（2 份）" in stdout
    assert "本级报告与各单位合计不一致的单元格" in stdout
    assert "表三“一、本年新收政府信息公开申请数量”行“自然人”列：本级报告 27，各单位合计 27" not in stdout
    back = xlsx.read(out)
    assert back.cells["active.fees_10k_yuan"] == Decimal("3.75")
    assert back.cells["applications.new.natural_person"] == 27


@pytest.mark.parametrize("case", ["unreadable", "other_year", "nothing", "no_output", "own_report",
                                  "no_store", "bad_roster"])
def test_cli_merge_bad_input_exits_2_in_chinese(capsys, seed, unit_files, tmp_path, case):
    argv = ["merge", *unit_files, "-o", tmp_path / "out.json", "--unit", "某县", "--year", 2024,
            "--db", tmp_path / "none.sqlite3"]
    if case == "unreadable":
        (tmp_path / "x.xlsx").write_bytes(b"garbage")
        argv.insert(1, tmp_path / "x.xlsx")
    elif case == "other_year":
        argv[argv.index("--year") + 1] = 2023
    elif case == "nothing":
        argv = ["merge", "-o", tmp_path / "out.json", "--unit", "某县", "--year", 2024,
                "--db", tmp_path / "none.sqlite3"]
    elif case == "no_output":
        argv = [a for a in argv if a not in ("-o", tmp_path / "out.json")]
    elif case == "own_report":
        argv[argv.index("--unit") + 1] = "甲镇"
    elif case == "no_store":
        argv.append("--from-db")
    else:
        (tmp_path / "r.txt").write_bytes("甲镇".encode("utf-16-le"))   # no BOM: unrecognisable
        argv += ["--roster", tmp_path / "r.txt"]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)
    assert not (tmp_path / "out.json").exists()


def test_cli_merge_to_word_keeps_the_county_texts(capsys, seed, unit_files, tmp_path):
    """``merge -o 汇总.docx`` writes the summary with the county's own prose (from the store)."""
    import docx
    db = tmp_path / "store.sqlite3"
    county = unit(seed, "某县人民政府", "0", 13)
    county.texts["overview"] = "本县坚持以公开为常态。"
    with Store(db) as store:
        store.save(county)
    out = tmp_path / "汇总.docx"
    files = unit_files[:2]      # the two valid unit reports
    code, stdout, err = run(capsys, "merge", *files, "-o", out, "--unit", "某县人民政府",
                            "--year", 2024, "--db", db)
    assert code == 0, err
    assert "正文取自本级报告" in stdout
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "本县坚持以公开为常态。" in text and "某县人民政府2024年" in text.replace("\n", "")


def test_cli_merge_to_word_without_county_texts_says_what_is_missing(capsys, seed, unit_files,
                                                                      tmp_path):
    out = tmp_path / "汇总.docx"
    code, _, err = run(capsys, "merge", *unit_files[:2], "-o", out, "--unit", "某县人民政府",
                       "--year", 2024, "--db", tmp_path / "none.sqlite3")
    assert code == 2 and not out.exists()
    assert "六个部分缺一不可" in err and "填写报告日期" in err and "数字有误" not in err and "--allow-errors" in err
    code, _, err = run(capsys, "merge", *unit_files[:2], "-o", out, "--unit", "某县人民政府",
                       "--year", 2024, "--db", tmp_path / "none.sqlite3", "--allow-errors")
    assert code == 0 and out.exists()
