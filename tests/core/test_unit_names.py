"""Unit names compared as people read them (issue 18 item 5).

Real files whose unit carries a zero-width space, a BOM, a soft hyphen, a right-to-left
override or doubled spaces go through convert, merge and db add (a real SQLite store);
a store an older version left with two look-alike names is pointed out, not merged.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest

from report_desktop.core import formats, jsonio, summary, unitname
from report_desktop.core.files import ReportFileError
from report_desktop.core.report import Report
from report_desktop.core.rules.proofread import unit_name
from report_desktop.core.store import Store, StoreError
from report_desktop.entry import main

CLEAN = "某某镇人民政府"
# The ways a clerk's file brings the same unit (each reads as CLEAN).
LOOK_ALIKE = {
    "zero-width space": "某某镇\u200b人民政府",
    "BOM": "\ufeff某某镇人民政府",
    "soft hyphen": "某某\u00ad镇人民政府",
    "doubled spaces": "某某镇  人民政府",
    "trailing RLO": "某某镇人民政府\u202e",
    "ideographic and no-break spaces": "\u3000某某镇\u00a0人民政府 ",
    "word joiner and LRM": "\u200e某某镇\u2060人民政府",
}
REVERSED = "\u202e府政民人镇某某"      # shown as 某某镇人民政府, stored backwards: refused


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


# ------------------------------------------------------------------ the two forms

@pytest.mark.parametrize("name", LOOK_ALIKE.values(), ids=LOOK_ALIKE.keys())
def test_every_look_alike_displays_and_compares_as_the_clean_name(name):
    assert unitname.display(name) == CLEAN
    assert unitname.key(name) == CLEAN and unitname.same(name, CLEAN)
    assert Report(unit=name).unit == CLEAN


def test_the_invisible_set_is_every_unseen_format_character_of_this_python():
    """The character class is written out (fast at start-up); it must cover the running
    Python's Unicode table: every Cf but the few that print something."""
    seen = {0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2,
            0x110BD, 0x110CD}
    missing = [f"U+{cp:04X}" for cp in range(sys.maxunicode + 1)
               if unicodedata.category(chr(cp)) == "Cf" and cp not in seen
               and not unitname.INVISIBLE.match(chr(cp))]
    assert missing == []
    assert not any(unitname.INVISIBLE.match(chr(cp)) for cp in seen)
    assert not unitname.INVISIBLE.match("某") and not unitname.INVISIBLE.match(" ")


def test_spaces_go_between_chinese_characters_only():
    assert unitname.display("城关镇 人民政府") == "城关镇人民政府"
    assert unitname.display(" ABC  公司 ") == "ABC 公司"           # kept, one space
    assert unitname.key("ABC 公司") == unitname.key("ABC公司") == "ABC公司"
    assert unitname.key("某县人民政府（筹）") == unitname.key("某县人民政府(筹)")
    assert unitname.key("ＡＢＣ公司") == "ABC公司"
    assert not unitname.same("某县人民政府", "某市人民政府")
    assert unitname.display("\u200b\u00ad ") == ""


def test_a_right_to_left_control_before_text_is_kept_to_be_refused():
    assert unitname.reordering(REVERSED) == "U+202E"
    assert unitname.display(REVERSED) == REVERSED          # not silently turned backwards
    assert unitname.reordering("某镇\u2067人民政府\u2069") == "U+2067"
    assert unitname.reordering("某某镇人民政府\u202e\u200b ") is None   # nothing after it
    assert unitname.reordering("\u202d某某镇人民政府") is None          # left-to-right: harmless


def test_look_alikes_are_described_with_what_differs():
    groups = unitname.look_alikes(["某某镇人民政府\u200b", CLEAN, "乙镇", "某某镇 人民政府"])
    assert groups == [[CLEAN, "某某镇人民政府\u200b", "某某镇 人民政府"]]
    msg = unitname.look_alike_message(groups[0], same_year=True)
    assert msg.startswith("请核对并删除重复的报告：")
    assert "第2个含不可见字符 U+200B" in msg and "第3个含多余的空格" in msg
    other = unitname.look_alike_warnings([(CLEAN, 2023), ("某某镇人民政府\u200b", 2024)])
    assert len(other) == 1 and other[0].startswith("请核对单位名称：") and "程序按同一单位处理" in other[0]


# ------------------------------------------------------------------ real files

def _write(seed, tmp_path: Path, ext: str, unit: str, stem: str = "r") -> Path:
    """A report file of ``ext`` whose unit is exactly ``unit`` (the program's writers would
    clean it, so the clean name is written and then replaced inside the file)."""
    rep = seed.copy()
    rep.unit = CLEAN
    path = tmp_path / f"{stem}{ext}"
    if ext == ".json":
        data = jsonio.to_dict(rep)
        data["unit"] = unit
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    elif ext == ".xlsx":
        import openpyxl
        formats.write(rep, path)
        wb = openpyxl.load_workbook(path)
        hits = 0
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and CLEAN in cell.value:
                        cell.value, hits = cell.value.replace(CLEAN, unit), hits + 1
        assert hits
        wb.save(path)
    elif ext == ".docx":
        formats.write(rep, path)
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        xml = parts["word/document.xml"].decode("utf-8")
        assert xml.count(CLEAN) >= 2              # the title and the signature
        parts["word/document.xml"] = xml.replace(CLEAN, unit).encode("utf-8")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for n, data in parts.items():
                z.writestr(n, data)
    else:
        formats.write(rep, path)
        html = path.read_text(encoding="utf-8")
        assert html.count(CLEAN) >= 2
        path.write_text(html.replace(CLEAN, unit), encoding="utf-8")
    return path


EXTS = [".json", ".xlsx", ".docx", ".html"]


@pytest.mark.parametrize("ext", EXTS)
@pytest.mark.parametrize("name", LOOK_ALIKE.values(), ids=LOOK_ALIKE.keys())
def test_convert_reads_the_unit_as_people_read_it(capsys, seed, tmp_path, ext, name):
    src = _write(seed, tmp_path, ext, name)
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "convert", src, out, "--db", tmp_path / "none.sqlite3")
    assert code == 0, err
    assert json.loads(out.read_text(encoding="utf-8"))["unit"] == CLEAN


@pytest.mark.parametrize("ext", EXTS)
def test_a_name_that_reads_backwards_is_refused_on_every_way_in(capsys, seed, tmp_path, ext):
    src = _write(seed, tmp_path, ext, REVERSED)
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "convert", src, out, "--db", tmp_path / "none.sqlite3")
    assert code == 2 and "改变文字显示方向的隐藏字符（U+202E）" in err and src.name in err
    assert "\u202e" not in err and "“府政民人镇某某”" in err    # quoted as stored, not turned around
    assert not out.exists()


@pytest.mark.parametrize("ext", EXTS)
def test_a_name_of_nothing_but_invisible_characters_is_missing(capsys, seed, tmp_path, ext):
    src = _write(seed, tmp_path, ext, "\u200b\ufeff")
    code, _, err = run(capsys, "convert", src, tmp_path / "out.json", "--db", tmp_path / "n.sqlite3")
    assert code == 2 and ("单位名称" in err) and "Traceback" not in err


def test_merge_counts_a_unit_once_whatever_invisible_characters_it_carries(capsys, seed, tmp_path):
    clean = _write(seed, tmp_path, ".json", CLEAN, "clean")
    twin = _write(seed, tmp_path, ".xlsx", LOOK_ALIKE["zero-width space"], "twin")
    out = tmp_path / "sum.json"
    code, _, err = run(capsys, "merge", clean, twin, "-o", out, "--unit", "某某县人民政府",
                       "--year", 2024, "--db", tmp_path / "none.sqlite3")
    assert code == 2 and "重复" in err and "twin.xlsx" in err and not out.exists()


def test_merge_roster_and_own_report_compare_by_the_key(capsys, seed, tmp_path):
    town = _write(seed, tmp_path, ".docx", LOOK_ALIKE["BOM"], "town")
    other = seed.copy()
    other.unit = "乙镇人民政府"
    other_path = tmp_path / "other.json"
    jsonio.write(other, other_path)
    roster = tmp_path / "roster.txt"
    roster.write_text("\ufeff某某镇\u200b人民政府\n乙镇 人民政府\n", encoding="utf-8")
    out = tmp_path / "sum.json"
    code, stdout, err = run(capsys, "merge", town, other_path, "-o", out,
                            "--unit", "某某县\u200b人民政府", "--year", 2024, "--roster", roster,
                            "--db", tmp_path / "none.sqlite3")
    assert code == 0, err
    assert "名单中的单位都已报送" in stdout and "不在名单中" not in stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["unit"] == "某某县人民政府"
    assert data["applications"]["new"][0] == 2 * seed.cells["applications.new.natural_person"]
    # The county's own report, under a look-alike name, is compared, not added.
    own = _write(seed, tmp_path, ".html", "某某县\u00ad人民政府", "own")
    code, _, err = run(capsys, "merge", town, own, "-o", tmp_path / "x.json",
                       "--unit", "某某县人民政府", "--year", 2024, "--db", tmp_path / "none.sqlite3")
    assert code == 2 and "本级" in err


def test_merge_refuses_a_unit_argument_that_reads_backwards(capsys, seed, tmp_path):
    town = _write(seed, tmp_path, ".json", CLEAN)
    code, _, err = run(capsys, "merge", town, "-o", tmp_path / "x.json", "--unit", "\u202e府政民人县某",
                       "--year", 2024, "--db", tmp_path / "none.sqlite3")
    assert code == 2 and "U+202E" in err and "--unit" in err


def _cli(*argv) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "report_desktop", *map(str, argv)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120)


def test_db_add_replaces_the_same_unit_under_a_look_alike_name(seed, tmp_path):
    """Real processes on a real store: four files of one unit make one report."""
    db = tmp_path / "store.sqlite3"
    files = [_write(seed, tmp_path, ext, name, f"f{i}") for i, (ext, name) in enumerate(
        [(".json", CLEAN), (".xlsx", LOOK_ALIKE["zero-width space"]),
         (".docx", LOOK_ALIKE["soft hyphen"]), (".html", LOOK_ALIKE["doubled spaces"])])]
    first = _cli("db", "add", files[0], "--db", db)
    assert first.returncode == 0 and "已加入" in first.stdout, first.stderr
    for f in files[1:]:
        res = _cli("db", "add", f, "--db", db)
        assert res.returncode == 0 and f"已替换：{CLEAN} 2024年" in res.stdout, res.stderr
    listed = _cli("db", "list", "--db", db)
    assert listed.returncode == 0 and listed.stdout.splitlines()[0].split("\t")[:2] == [CLEAN, "2024"]
    assert len(listed.stdout.splitlines()) == 1 and "提醒" not in listed.stderr
    got = _cli("db", "get", "某某镇\u200b人民政府", 2024, tmp_path / "back.json", "--db", db)
    assert got.returncode == 0, got.stderr
    assert jsonio.read(tmp_path / "back.json").unit == CLEAN


def _legacy_store(seed, db: Path, names_years) -> None:
    """A store as an older version wrote it: names stored exactly as given."""
    with Store(db) as store:
        for i, (_, year) in enumerate(names_years):
            rep = seed.copy()
            rep.unit, rep.year = f"占位{i}", year
            store.save(rep)
    con = sqlite3.connect(db)
    with con:
        for i, (name, _) in enumerate(names_years):
            con.execute("UPDATE reports SET unit = ? WHERE unit = ?", (name, f"占位{i}"))
    con.close()


def test_a_store_holding_look_alike_names_is_pointed_out_not_merged(seed, tmp_path):
    db = tmp_path / "old.sqlite3"
    _legacy_store(seed, db, [(CLEAN, 2024), ("某某镇人民政府\u200b", 2024), ("乙镇", 2024)])
    listed = _cli("db", "list", "--db", db)
    assert listed.returncode == 0 and len(listed.stdout.splitlines()) == 3
    assert "提醒：请核对并删除重复的报告：数据文件中" in listed.stderr
    assert "第2个含不可见字符 U+200B" in listed.stderr
    with Store(db) as store:
        clean_id = store.find(CLEAN, 2024)
        assert store.load(clean_id).unit == CLEAN
        # Any spelling finds the one spelt exactly so first, never a third report.
        twin_id = store.find("某某镇人民政府\u200b", 2024)
        assert twin_id != clean_id and store.find("某某镇 人民政府", 2024) == clean_id
        store.save(store.load(clean_id))
        twin = store.load(twin_id)
        twin.report_date = None
        store.write_meta(twin_id, twin)      # the older copy keeps its name, no refusal
        assert len(store.list_reports()) == 3
        assert {r.unit for r in store.list_reports()} == {CLEAN, "某某镇人民政府\u200b", "乙镇"}
        other = store.load(store.find("乙镇", 2024))
        other.unit = "某某镇\u00ad人民政府"
        with pytest.raises(StoreError, match="已经有“某某镇人民政府”2024年的报告了"):
            store.write_meta(store.find("乙镇", 2024), other)
    # merge --from-db does not count the unit twice.
    out = tmp_path / "sum.json"
    res = _cli("merge", "--from-db", "-o", out, "--unit", "某某县人民政府", "--year", 2024, "--db", db)
    assert res.returncode == 2 and "重复" in res.stderr and not out.exists()


def test_a_lone_look_alike_is_found_and_cleaned_when_written(seed, tmp_path):
    db = tmp_path / "old.sqlite3"
    _legacy_store(seed, db, [("某某镇人民政府\u200b", 2023), (CLEAN, 2024)])
    listed = _cli("db", "list", "--db", db)
    assert "提醒：请核对单位名称：" in listed.stderr and "程序按同一单位处理" in listed.stderr
    with Store(db) as store:
        old_id = store.find(CLEAN, 2023)
        assert old_id is not None and store.get(CLEAN, 2023).unit == CLEAN
        rep = store.load(old_id)
        store.write_meta(old_id, rep)
        assert sorted(r.unit for r in store.list_reports()) == [CLEAN, CLEAN]
    assert "提醒" not in _cli("db", "list", "--db", db).stderr


def test_the_store_refuses_a_name_that_reads_backwards(seed, tmp_path):
    """The last way in (a page pasted from the clipboard has no file check)."""
    from report_desktop.core.html.reader import from_html
    from report_desktop.core.html.writer import body
    rep = seed.copy()
    rep.unit = CLEAN
    pasted = from_html(body(rep).replace(CLEAN, REVERSED))
    with Store(tmp_path / "s.sqlite3") as store:
        with pytest.raises(StoreError, match="U\\+202E"):
            store.save(pasted)
        assert store.list_reports() == []


def test_json_refuses_reversed_and_reads_look_alikes_clean(seed):
    data = jsonio.to_dict(seed)
    data["unit"] = REVERSED
    with pytest.raises(ReportFileError, match="改变文字显示方向"):
        jsonio.from_dict(data)
    data["unit"] = "\u200b\ufeff"
    with pytest.raises(ReportFileError, match="缺少单位名称"):
        jsonio.from_dict(data)
    data["unit"] = LOOK_ALIKE["word joiner and LRM"]
    assert jsonio.from_dict(data).unit == CLEAN


def test_the_summary_refuses_a_county_name_that_reads_backwards(seed, tmp_path):
    """The window's 汇总 goes through services.summary.gather, not through ``merge --unit``."""
    import threading
    from report_desktop.services import summary as gather
    town = _write(seed, tmp_path, ".json", CLEAN)
    request = gather.Request("\u202e府政民人县某", 2024, [], [town], None)
    out = gather.gather(request, lambda *a: None, threading.Event())
    assert out.total is None and any("U+202E" in p for p in out.problems)
    fine = gather.gather(gather.Request("某某县\u200b人民政府", 2024, [], [town], None),
                         lambda *a: None, threading.Event())
    assert fine.problems == [] and fine.total.unit == "某某县人民政府"


def test_summary_same_unit_is_the_key():
    assert summary.same_unit("某某镇\u200b人民政府", CLEAN)
    assert summary.check_roster([Report(unit="乙镇\u00ad人民政府")], ["乙镇 人民政府"]).missing == []


# ------------------------------------------------------------------ P6

def test_p6_reads_names_with_the_same_eyes():
    unit = "平鲁区井坪镇人民政府"
    # Our own name with a zero-width space inside is still ours.
    assert unit_name.check("井坪镇\u200b人民政府认真落实条例。", unit + "\u200b") == []
    # Another town's name with one is still another town's, underlined where it is typed.
    text = "凤凰镇\u200b人民政府认真落实条例。"
    slips = unit_name.check(text, unit)
    assert len(slips) == 1 and text[slips[0].start:slips[0].end] == "凤凰镇\u200b人民政府"
    assert "“凤凰镇人民政府”与署名单位“平鲁区井坪镇人民政府”不一致" in slips[0].message
