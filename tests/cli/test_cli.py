"""The command line: verbs, exit codes and messages other tools depend on."""
import importlib
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import report_desktop
from report_desktop.entry import main
from report_desktop.core import jsonio

SRC = Path(__file__).resolve().parents[2] / "src"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_check_seed_has_no_error(capsys, seed_path, tmp_path):
    code, out, _ = run(capsys, "check", seed_path, "--db", tmp_path / "none.sqlite3")
    assert code == 0 and "共 0 个错误" in out and "[提醒 P1 半角标点]" in out


def test_check_clean_text_passes(capsys, seed, tmp_path):
    from report_desktop.core.rules.proofread.fixes import fix_report
    fix_report(seed)
    p = tmp_path / "fixed.json"
    jsonio.write(seed, p)
    code, out, _ = run(capsys, "check", p, "--db", tmp_path / "none.sqlite3")
    assert code == 0 and "检查通过" in out


def test_check_json_lists_findings_and_errors_exit_1(capsys, seed, tmp_path):
    seed.cells["applications.new.total"] = 14
    p = tmp_path / "bad.json"
    jsonio.write(seed, p)
    code, out, _ = run(capsys, "check", p, "--format", "json", "--db", tmp_path / "x.sqlite3")
    assert code == 1
    findings = json.loads(out)
    assert findings[0] == {"rule": "H2", "severity": "error", "message": findings[0]["message"],
                           "cells": findings[0]["cells"], "detail": findings[0]["detail"]}
    assert "applications.new.total" in findings[0]["cells"]


def test_warnings_alone_exit_0(capsys, seed, tmp_path):
    seed.texts["overview"] += "\n共受理政府信息公开申请99件。"
    p = tmp_path / "warn.json"
    jsonio.write(seed, p)
    code, out, _ = run(capsys, "check", p, "--db", tmp_path / "x.sqlite3")
    assert code == 0 and "S3" in out and "提醒" in out


def test_check_previous_file_gives_h6(capsys, seed, seed_path, tmp_path):
    prev = seed.copy()
    prev.year = 2023
    prev.set("applications.carry_forward.natural_person", 4)
    prev.set("applications.unavailable_1.natural_person", 10)
    p = tmp_path / "2023.json"
    jsonio.write(prev, p)
    code, out, _ = run(capsys, "check", seed_path, "--previous", p, "--format", "json")
    assert code == 1
    assert {f["rule"] for f in json.loads(out) if f["severity"] == "error"} == {"H6"}


def test_check_uses_last_year_from_the_store(capsys, seed, seed_path, tmp_path):
    prev = seed.copy()
    prev.year = 2023
    prev.set("applications.carry_forward.natural_person", 4)
    p = tmp_path / "2023.json"
    jsonio.write(prev, p)
    db = tmp_path / "store.sqlite3"
    assert run(capsys, "db", "add", p, "--db", db)[0] == 0
    code, out, _ = run(capsys, "check", seed_path, "--db", db)
    assert code == 1 and "H6" in out


@pytest.mark.parametrize("argv", [
    ["check", "missing.json"], ["bogus"], ["check"], ["convert", "a.json"],
    ["db", "get", "某单位", "notayear", "x.json"],
])
def test_bad_input_or_usage_exit_2_in_chinese(capsys, tmp_path, argv):
    code, out, err = run(capsys, *argv, "--db", tmp_path / "x.sqlite3") if argv[0] != "bogus" \
        else run(capsys, *argv)
    assert code == 2
    assert any("\u4e00" <= ch <= "\u9fff" for ch in err)


def test_convert_json_normalises(capsys, seed_path, tmp_path):
    out = tmp_path / "out.json"
    code, _, _ = run(capsys, "convert", seed_path, out)
    assert code == 0
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(seed_path.read_text(encoding="utf-8"))
    code, _, err = run(capsys, "convert", seed_path, tmp_path / "out.pdf")
    assert code == 2 and "不支持的文件类型" in err
    code, _, err = run(capsys, "convert", tmp_path / "old.xls", out)
    assert code == 2 and "另存为 .xlsx" in err


def test_db_add_list_get(capsys, seed_path, tmp_path):
    db = tmp_path / "s.sqlite3"
    assert run(capsys, "db", "add", seed_path, "--db", db)[1].startswith("已加入")
    assert run(capsys, "db", "add", seed_path, "--db", db)[1].startswith("已替换")
    code, out, _ = run(capsys, "db", "list", "--db", db)
    assert code == 0 and "朔州市人民政府办公室\t2024" in out
    target = tmp_path / "back.json"
    assert run(capsys, "--db", db, "db", "get", "朔州市人民政府办公室", "2024", target)[0] == 0
    assert json.loads(target.read_text(encoding="utf-8"))["unit"] == "朔州市人民政府办公室"
    code, _, err = run(capsys, "db", "get", "无此单位", "2024", target, "--db", db)
    assert code == 2 and "没有" in err


def test_a_file_that_is_not_a_store_exit_2(capsys, tmp_path, seed_path):
    db = tmp_path / "s.sqlite3"
    db.write_bytes(b"this is not a database at all" * 100)
    code, _, err = run(capsys, "db", "list", "--db", db)
    assert code == 2 and "不是本程序的数据文件" in err


def test_module_entry_point_of_this_tree_runs():
    """``python -m report_desktop`` of this checkout (not whatever is on PATH)."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    res = subprocess.run([sys.executable, "-m", "report_desktop", "--version"], capture_output=True,
                         text=True, timeout=60, env=env, cwd=SRC.parent)
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip() == f"{report_desktop.APP_NAME} {report_desktop.__version__}"


def test_console_script_is_the_module_entry_point():
    """The installed ``report-desktop`` command runs the same function as ``-m``."""
    scripts = tomllib.loads((SRC.parent / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    module, _, name = scripts["report-desktop"].partition(":")
    entry = getattr(importlib.import_module(module), name)
    main_source = (SRC / "report_desktop" / "__main__.py").read_text("utf-8")
    assert f"from {module.replace('report_desktop', '')} import {name}" in main_source
    assert entry.__module__ == module


def test_word_export_of_a_report_with_errors_needs_allow_errors(capsys, seed, tmp_path):
    seed.cells["applications.total.total"] = 1
    src = tmp_path / "bad.json"
    jsonio.write(seed, src)
    target = tmp_path / "bad.docx"
    code, _, err = run(capsys, "convert", src, target)
    assert code == 2 and "未导出“bad.docx”" in err and "--allow-errors" in err
    assert not target.exists()
    code, out, _ = run(capsys, "convert", src, target, "--allow-errors")
    assert code == 0 and target.stat().st_size > 10_000


def test_word_fonts_option_chooses_the_windows_fonts(capsys, seed_path, tmp_path):
    import docx
    from docx.oxml.ns import qn
    target = tmp_path / "w.docx"
    assert run(capsys, "convert", seed_path, target, "--fonts", "windows")[0] == 0
    fonts = {el.get(qn("w:eastAsia")) for el in docx.Document(target).element.iter(qn("w:rFonts"))}
    assert "仿宋" in fonts and "仿宋_GB2312" not in fonts
    assert run(capsys, "convert", seed_path, target, "--fonts", "other")[0] == 2
