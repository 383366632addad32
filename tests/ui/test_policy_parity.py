"""One set of rules: the window and the command line asked the same policy questions give
the same answers, because both ask services/ (exporting, reports, summary)."""
from __future__ import annotations

import pytest

from report_desktop.entry import main
from report_desktop.core import formats, jsonio, schema
from report_desktop.core.rollover import DRAFT_MARKER
from report_desktop.core.store import Store
from report_desktop.services import reports as report_service

from conftest import open_window

A = schema.application_cell


def _case(report, case: str):
    rep = report.copy()
    if case == "errors":
        rep.cells[A("new", "research")] = 1          # H3 (and the row totals) broken
    elif case == "draft":
        rep.texts["problems"] = f"{DRAFT_MARKER}\n{rep.texts['problems']}"
    return rep


def _cli_export(rep, ext: str, override: bool, tmp_path) -> bool:
    src, out = tmp_path / "in.json", tmp_path / f"cli{ext}"
    jsonio.write(rep, src)
    code = main(["convert", str(src), str(out), *(["--allow-errors"] if override else [])])
    assert code in (0, 2)
    return out.exists()


def _window_export(qtbot, store, prompts, rep, ext: str, override: bool, tmp_path) -> bool:
    store.replace(rep)
    window = open_window(qtbot, store, prompts)
    try:
        out = tmp_path / f"window{ext}"
        prompts.confirm_answer = override
        files = window.workspace.files
        job = {".docx": files.export_word, ".xlsx": files.export_excel, ".json": files.export_json}[ext](out)
        if job is not None:
            qtbot.waitUntil(lambda: not files.jobs, timeout=30000)
        return out.exists()
    finally:
        window.close()


@pytest.mark.parametrize("override", [False, True], ids=["asked-no", "overridden"])
@pytest.mark.parametrize("ext", [".docx", ".xlsx", ".json"])
@pytest.mark.parametrize("case", ["clean", "errors", "draft"])
def test_export_policy_is_the_same(qtbot, store, prompts, seed_report, tmp_path, case, ext, override):
    rep = _case(seed_report, case)
    by_cli = _cli_export(rep, ext, override, tmp_path)
    by_window = _window_export(qtbot, store, prompts, rep, ext, override, tmp_path)
    assert by_cli == by_window
    expected = case == "clean" or ext != ".docx" or override
    assert by_cli is expected
    asked = any(kind == "confirm" for kind, *_ in prompts.shown)
    assert asked == (case != "clean" and ext == ".docx")


def test_replacing_a_report_keeps_the_same_named_version(qtbot, store, prompts, seed_report,
                                                         tmp_path, capsys):
    """Import in the window and ``db add`` both keep the replaced report as 导入前自动保存."""
    newer = seed_report.copy()
    newer.texts["other"] = "本年度未收取信息处理费。新的内容。"
    src = tmp_path / "newer.json"
    jsonio.write(newer, src)
    cli_db = tmp_path / "cli.sqlite3"
    with Store(cli_db) as other:
        other.save(seed_report)
    assert main(["db", "add", str(src), "--db", str(cli_db)]) == 0
    window = open_window(qtbot, store, prompts)
    try:
        window.workspace.files._store_import(src, formats.read(src))
    finally:
        window.close()
    for s in (Store(cli_db), store):
        rid = s.find(newer.unit, newer.year)
        assert s.load(rid).texts["other"] == newer.texts["other"]
        assert [x.name for x in s.list_snapshots(rid)] == [report_service.IMPORT_KEPT_AS]


@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")   # a dialog, offscreen
def test_summary_leaves_the_county_out_the_same_way(qtbot, store, prompts, seed_report, tmp_path,
                                                    capsys):
    """The dialog offers, and ``merge --from-db`` sums, the same reports of the store."""
    county = seed_report.unit
    for name in ("甲镇人民政府", "乙镇人民政府"):
        unit = seed_report.copy()
        unit.unit = name
        store.save(unit)
    assert main(["merge", "--from-db", "-o", str(tmp_path / "s.json"), "--unit", county,
                 "--year", "2024", "--db", str(store.path)]) == 0
    summed = capsys.readouterr().out
    window = open_window(qtbot, store, prompts)
    try:
        dialog = window.workspace.summary.open()
        dialog.unit.setCurrentText(county.replace("人民政府", "人民政府 "))   # typed with a space
        offered = [dialog.reports.stored.item(i).text() for i in range(dialog.reports.stored.count())]
        dialog.close()
    finally:
        window.close()
    assert sorted(offered) == ["乙镇人民政府", "甲镇人民政府"]
    assert "各单位报告检查结果（2 份）" in summed and all(n in summed for n in offered)
