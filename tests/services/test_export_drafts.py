"""An export with errors is visibly a draft (草稿 in every header, the open problems under the
title, draft-marker lines highlighted); a clean export carries none of it.  Through the
command line, as a script or a clerk at a terminal runs it."""
import datetime as dt

import docx
from docx.enum.text import WD_COLOR_INDEX

from report_desktop.core import formats, jsonio
from report_desktop.core.rollover import DRAFT_MARKER
from report_desktop.entry import main
from report_desktop.services import exporting


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def headers(doc) -> list[str]:
    s = doc.sections[0]
    return [h.paragraphs[0].text if not h.is_linked_to_previous else ""
            for h in (s.header, s.even_page_header)]


def body_texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs if p.text.strip()]


def highlighted(doc) -> list[str]:
    return [r.text for p in doc.paragraphs for r in p.runs
            if r.font.highlight_color == WD_COLOR_INDEX.YELLOW]


def bad_report(seed, tmp_path, errors=True, marker=True):
    if errors:
        seed.cells["applications.new.total"] = 999      # H2 and H3
    if marker:
        seed.texts["problems"] = f"{DRAFT_MARKER}\n{seed.texts['problems']}"
    path = tmp_path / "bad.json"
    jsonio.write(seed, path)
    return path


def test_convert_with_errors_is_refused_without_allow_errors(capsys, seed, tmp_path):
    bad = bad_report(seed, tmp_path)
    code, out, err = run(capsys, "convert", bad, tmp_path / "out.docx")
    assert code != 0 and not (tmp_path / "out.docx").exists()
    assert "--allow-errors" in err and DRAFT_MARKER in err


def test_convert_allow_errors_writes_a_marked_draft(capsys, seed, tmp_path):
    bad, out_path = bad_report(seed, tmp_path), tmp_path / "out.docx"
    code, out, err = run(capsys, "convert", bad, out_path, "--allow-errors")
    assert code == 0 and "已写出草稿" in out and "2 个错误" in out
    doc = docx.Document(str(out_path))
    assert headers(doc) == ["草稿", "草稿"]           # odd and even pages alike
    texts = body_texts(doc)
    assert texts[0].endswith("年度报告")             # the title, then the draft line under it
    assert texts[1] == "草稿：还有 2 个错误未改正，1 部分正文仍是上年内容，不能印发"
    assert highlighted(doc) == [DRAFT_MARKER]
    # Read back, the draft is the same report: the line under the title is not preamble.
    back = formats.read(out_path)
    assert back.texts["preamble"] == seed.texts["preamble"]
    assert back.cells["applications.new.total"] == 999


def test_clean_export_has_no_draft_marks(capsys, seed_path, tmp_path):
    out_path = tmp_path / "clean.docx"
    code, out, _err = run(capsys, "convert", seed_path, out_path)
    assert code == 0 and "草稿" not in out
    doc = docx.Document(str(out_path))
    assert headers(doc) == ["", ""] or not any(headers(doc))
    assert not any("草稿" in t for t in body_texts(doc))
    assert highlighted(doc) == []


def test_marker_lines_alone_make_a_draft_only_when_confirmed(capsys, seed, tmp_path):
    bad = bad_report(seed, tmp_path, errors=False)
    code, _out, err = run(capsys, "convert", bad, tmp_path / "m.docx")
    assert code != 0 and "上年" in err and not (tmp_path / "m.docx").exists()
    code, _out, _err = run(capsys, "convert", bad, tmp_path / "m.docx", "--allow-errors")
    doc = docx.Document(str(tmp_path / "m.docx"))
    assert code == 0 and headers(doc) == ["草稿", "草稿"]
    assert body_texts(doc)[1] == "草稿：1 部分正文仍是上年内容，不能印发"
    assert highlighted(doc) == [DRAFT_MARKER]


def test_web_page_draft_is_noted_and_marker_highlighted(capsys, seed, tmp_path):
    bad = bad_report(seed, tmp_path)
    code, _out, _err = run(capsys, "convert", bad, tmp_path / "d.html", "--allow-errors")
    page = (tmp_path / "d.html").read_text("utf-8")
    assert code == 0 and "草稿：还有 2 个错误未改正" in page
    assert f"background:#ffff00\">{DRAFT_MARKER}</p>" in page
    back = formats.read(tmp_path / "d.html")
    assert back.texts["preamble"] == seed.texts["preamble"] and back.unit == seed.unit
    code, _out, _err = run(capsys, "convert", tmp_path / "bad.json", tmp_path / "clean.html")
    assert code != 0


def test_undated_report_is_refused_for_word(capsys, seed, tmp_path):
    seed.report_date = None
    path = tmp_path / "undated.json"
    jsonio.write(seed, path)
    code, _out, err = run(capsys, "convert", path, tmp_path / "u.docx")
    assert code != 0 and "[H9] 填写报告日期" in err and not (tmp_path / "u.docx").exists()
    seed.report_date = dt.date(2025, 1, 22)
    jsonio.write(seed, path)
    code, _out, _err = run(capsys, "convert", path, tmp_path / "u.docx")
    assert code == 0 and "2025年1月22日" in body_texts(docx.Document(str(tmp_path / "u.docx")))[-1]


def test_a_drafts_words_count_blank_cells_apart_as_the_window_does():
    """A new report is 4 mistakes and 166 cells still to fill, not "170 个错误" (the window's
    错误 · 未填 split, core/rules/blanks.py): the draft note, the printout and the
    export question say it the same way."""
    from report_desktop.core import rollover
    from report_desktop.core.rules import validate
    from report_desktop.core.rules.blanks import is_blank, is_blank_total
    rep = rollover.new_report("某镇人民政府", 2025, None)
    found = validate(rep)
    check = exporting.publish_check(rep, found)
    blank = sum(is_blank(f, rep) for f in found)
    mistakes = len(check.errors) - blank - sum(is_blank_total(f, rep) for f in found)
    assert blank > 100 and mistakes > 0
    assert check.headline() == f"报告还有 {mistakes} 个错误、{blank} 个空格未填"
    assert check.draft_note() == f"还有 {mistakes} 个错误未改正、{blank} 个空格未填，不能印发"
    rep.cells.update({cid: 0 for cid in rep.cells if rep.cells[cid] is None})
    only_blank_gone = exporting.publish_check(rep)
    assert "空格未填" not in (only_blank_gone.draft_note() or "")
