"""The fidelity corpus (tests/data/fidelity): every document shape is read as Word, WPS,
Excel or a browser shows it, or refused with the reason that fits.

Each file's expected report was written by make_corpus.py from what the shape shows; the
notes (what the importer did on the clerk's behalf) and format deviations are compared
too.  The corpus is generated: the script must regenerate the committed files exactly.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from report_desktop.core import formats, jsonio
from report_desktop.core.files import ReportFileError

from tests.conftest import DATA

ROOT = DATA / "fidelity"
CORPUS = json.loads((ROOT / "corpus.json").read_text(encoding="utf-8"))
SCRIPT = ROOT / "make_corpus.py"


@pytest.mark.parametrize("name", sorted(n for n, e in CORPUS.items() if "expected" in e))
def test_shape_reads_as_shown(name):
    entry = CORPUS[name]
    rep = formats.read(ROOT / "files" / name)
    want = jsonio.loads((ROOT / "expected" / entry["expected"]).read_text(encoding="utf-8"))
    assert jsonio.dumps(rep) == jsonio.dumps(want)
    assert rep.deviations == entry["deviations"]
    assert len(rep.notes) == len(entry["notes"]), rep.notes
    for wanted in entry["notes"]:
        assert any(wanted in note for note in rep.notes), (wanted, rep.notes)


@pytest.mark.parametrize("name", sorted(n for n, e in CORPUS.items() if "error" in e))
def test_shape_is_refused_with_the_reason_that_fits(name):
    with pytest.raises(ReportFileError) as exc:
        formats.read(ROOT / "files" / name)
    assert CORPUS[name]["error"] in str(exc.value)
    assert "实体攻击" not in str(exc.value) and "找不到单位名称" not in str(exc.value)


def test_every_shape_of_the_issue_is_in_the_corpus():
    names = set(CORPUS)
    for shape in ("tracked_cell.docx", "tracked_paragraphs.docx", "tracked_move.docx",
                  "tracked_deleted_row.docx", "sdt_cell.docx", "sdt_row.docx",
                  "sdt_everywhere.docx", "wrappers.docx", "text_box.docx", "layout_table.docx",
                  "alt_chunk_html.docx", "table_as_text.docx", "formulas_cached.xlsx",
                  "tracked_cells_and_rows.docx", "table_without_numbers.docx",
                  "formulas_uncached_simple.xlsx", "formulas_uncached_other.xlsx",
                  "wrong_charset.html", "undecodable.html", "prefixed_xhtml.html",
                  "charset_idna.html", "charset_undefined.html", "charset_punycode.html",
                  "old_word.doc", "wps_text.wps", "wps_sheet.et", "web_page_named.docx",
                  "web_archive_named.docx", "old_sheet.xls"):
        assert shape in names


def test_the_script_regenerates_the_committed_corpus(tmp_path):
    subprocess.run([sys.executable, str(SCRIPT), str(tmp_path)], check=True, timeout=300)
    def corpus(root: Path) -> list[Path]:
        return sorted([Path("corpus.json")] + [p.relative_to(root) for d in ("files", "expected")
                                               for p in (root / d).iterdir()])
    made, kept = corpus(tmp_path), corpus(ROOT)
    assert made == kept
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (ROOT / rel).read_bytes(), rel


def test_convert_says_what_it_accepted_on_stderr(tmp_path):
    out = tmp_path / "out.json"
    run = subprocess.run([sys.executable, "-m", "report_desktop", "convert",
                          str(ROOT / "files" / "tracked_cell.docx"), str(out)],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert run.returncode == 0, run.stderr
    assert "文件含修订痕迹，已按接受全部修订读取" in run.stderr
    assert "修订" not in run.stdout and out.exists()


@pytest.mark.parametrize("label", ["idna", "undefined", "punycode", "unknown"])
def test_a_declared_charset_python_cannot_use_never_gives_a_traceback(tmp_path, label):
    page = ROOT / "files" / f"charset_{label}.html"
    for verb in (["convert", str(page), str(tmp_path / "o.json")],
                 ["merge", str(page), "-o", str(tmp_path / "m.json"), "--unit", "青山县人民政府",
                  "--year", "2024", "--db", str(tmp_path / "none.sqlite3")]):
        run = subprocess.run([sys.executable, "-m", "report_desktop", *verb], capture_output=True,
                             text=True, encoding="utf-8", timeout=120)
        assert "Traceback" not in run.stderr and run.returncode == 0, run.stderr
