"""Which 公文 fonts this machine lacks: read from the font files' name tables (Windows) or
fontconfig, checked here against fontconfig's own answer for each name; the export says so."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report_desktop.core.docx import fontcheck
from report_desktop.core.docx.font_sets import FONT_SETS
from report_desktop.services import exporting

from tests.conftest import DATA



def fc_has(family: str) -> bool:
    out = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True,
                         text=True, check=True).stdout
    return bool(out.strip())


needs_fc = pytest.mark.skipif(shutil.which("fc-list") is None, reason="fontconfig not installed")


@needs_fc
def test_name_tables_give_the_families_fontconfig_knows():
    files = [p for p in Path("/usr/share/fonts").rglob("*")
             if p.suffix.lower() in fontcheck.FONT_SUFFIXES]
    assert files, "no font files to read"
    from_files = fontcheck._from_files([Path("/usr/share/fonts")])   # noqa: SLF001
    assert from_files and all(fc_has(name) for name in sorted(from_files)[:40])
    assert fontcheck.installed_families() >= from_files


@needs_fc
def test_chinese_family_names_are_read_from_a_collection():
    wqy = next(Path("/usr/share/fonts").rglob("wqy-microhei.ttc"), None)
    if wqy is None:
        pytest.skip("fonts-wqy-microhei not installed")
    names = fontcheck.families(wqy)
    assert {"WenQuanYi Micro Hei", "文泉驿微米黑"} <= names


def test_unreadable_or_foreign_files_name_nothing(tmp_path):
    bad = tmp_path / "x.ttf"
    bad.write_bytes(b"\x00\x01\x00\x00\x00\xff" + b"\x00" * 20)
    assert fontcheck.families(bad) == set()
    assert fontcheck.families(tmp_path / "missing.ttf") == set()
    assert fontcheck._from_files([tmp_path / "none"]) is None   # noqa: SLF001


@needs_fc
@pytest.mark.parametrize("key", sorted(FONT_SETS))
def test_missing_fonts_are_those_fontconfig_lacks(key):
    missing = fontcheck.missing(FONT_SETS[key])
    assert missing == [n for n in fontcheck.used_fonts(FONT_SETS[key]) if not fc_has(n)]


def test_missing_is_case_blind_and_unknown_is_none():
    fonts = FONT_SETS["windows"]
    assert fontcheck.missing(fonts, frozenset({"宋体", "仿宋", "黑体"})) == ["楷体"]
    assert fontcheck.missing(fonts, frozenset()) == fontcheck.used_fonts(fonts)
    assert exporting.missing_fonts("x.xlsx", "gb") == []
    assert exporting.fonts_note([], "gb") == ""
    note = exporting.fonts_note(["仿宋_GB2312"], "gb", command_line=True)
    assert note.startswith("请在本机") and "仿宋_GB2312" in note and "--fonts windows" in note


def test_cli_names_the_missing_fonts_on_stderr(tmp_path):
    missing = exporting.missing_fonts("x.docx", "gb")
    if not missing:
        pytest.skip("this machine has every 公文 font")
    out = tmp_path / "报告.docx"
    res = subprocess.run([sys.executable, "-m", "report_desktop", "convert",
                          str(DATA / "shuozhou-2024.json"), str(out)],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0 and out.exists(), res.stderr
    line = res.stderr.strip()
    assert line.startswith("提示：请在本机") and len(line.splitlines()) == 1
    assert all(name in line for name in missing) and "--fonts windows" in line
    xlsx = subprocess.run([sys.executable, "-m", "report_desktop", "convert",
                           str(DATA / "shuozhou-2024.json"), str(tmp_path / "a.xlsx")],
                          capture_output=True, text=True, timeout=120)
    assert xlsx.returncode == 0 and xlsx.stderr == ""
