"""The window's exports never write over a file they come from (issue 18): the file the
open report was imported from, the data file, a unit file of the summary; a pipe given
to 导入 or as the roster is refused at once.  Real window, real files, real FIFOs."""
import os
import stat

import openpyxl
import pytest

from report_desktop.core import formats
from report_desktop.core.store import Store

from conftest import open_window, wait_import
from test_summary_view import open_summary, settle, unit

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def export_outcome(qtbot, window):
    outcome = []
    files = window.workspace.files
    files.finished.connect(lambda p: outcome.append(("ok", p)))
    files.failed.connect(lambda m: outcome.append(("fail", m)))
    return outcome


def test_exporting_over_the_imported_file_is_refused(qtbot, window, prompts, seed_report, tmp_path):
    source = tmp_path / "甲镇.xlsx"
    rep = seed_report.copy()
    rep.unit = "甲镇人民政府"
    formats.write(rep, source)
    book = openpyxl.load_workbook(source)
    book.create_sheet("备注")["A1"] = "县里的批注"
    book.save(source)
    before = source.read_bytes()
    window.workspace.files.import_file(source)
    wait_import(qtbot, window)
    assert window.session.report.unit == "甲镇人民政府"
    outcome = export_outcome(qtbot, window)
    os.link(source, tmp_path / "硬链接.xlsx")
    for target in (source, tmp_path / "硬链接.xlsx"):
        prompts.paths.append(target)
        assert window.workspace.files.export_excel() is None      # refused before any job
        kind, title, text, _ = prompts.warnings()[-1]
        assert title == "无法导出" and "导入的文件“甲镇.xlsx”是同一个文件" in text
    assert [k for k, _ in outcome] == ["fail", "fail"]
    assert source.read_bytes() == before
    assert "备注" in openpyxl.load_workbook(source).sheetnames
    other = tmp_path / "另存.xlsx"                    # another name is written as usual
    window.workspace.files.export_excel(other)
    qtbot.waitUntil(lambda: len(outcome) == 3, timeout=30000)
    assert outcome[-1] == ("ok", str(other))


def test_exporting_over_the_data_file_is_refused(qtbot, prompts, seed_report, tmp_path):
    db = tmp_path / "数据.json"        # a data file named like an export (--db 数据.json)
    with Store(db) as store:
        store.save(seed_report)
    store = Store(db)
    try:
        window = open_window(qtbot, store, prompts)
        before = db.read_bytes()
        assert window.workspace.files.export_json(db) is None
        assert "数据文件“数据.json”是同一个文件" in prompts.warnings()[-1][2]
        assert db.read_bytes() == before
        window.close()
    finally:
        store.close()


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_or_device_output_is_refused_and_left_alone(qtbot, window, prompts, tmp_path):
    fifo = tmp_path / "管道.docx"
    os.mkfifo(fifo)
    null = tmp_path / "null.json"
    null.symlink_to("/dev/null")
    assert window.workspace.files.export_word(fifo) is None
    assert "管道（FIFO）" in prompts.warnings()[-1][2]
    assert window.workspace.files.export_json(null) is None
    assert "符号链接" in prompts.warnings()[-1][2]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.readlink(null) == "/dev/null"


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_importing_a_fifo_is_refused_at_once(qtbot, window, prompts, tmp_path):
    fifo = tmp_path / "管道.docx"
    os.mkfifo(fifo)
    before = window.session.report_id
    window.workspace.files.import_file(fifo)
    wait_import(qtbot, window, timeout=10000)   # a blocked open would never finish
    kind, title, text, _ = prompts.warnings()[-1]
    assert title == "无法导入" and "管道（FIFO）" in text and "管道.docx" in text
    assert window.session.report_id == before


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_roster_is_refused_at_once(qtbot, window, prompts, tmp_path):
    fifo = tmp_path / "名单.txt"
    os.mkfifo(fifo)
    dlg = open_summary(qtbot, window)
    assert dlg.load_roster(fifo) is False        # read on the GUI thread: it must not block
    assert "名单文件" in prompts.warnings()[-1][2] and "管道（FIFO）" in prompts.warnings()[-1][2]
    dlg.close()


def test_the_summary_is_not_exported_over_a_unit_file(qtbot, window, prompts, seed_report,
                                                      tmp_path):
    filed = tmp_path / "丁乡.xlsx"
    formats.write(unit(seed_report, "丁乡", 15), filed)
    before = filed.read_bytes()
    dlg = open_summary(qtbot, window)
    assert dlg.add_files([filed]) == 1
    settle(qtbot, dlg)
    prompts.confirm_answer = True
    dlg.export(filed)
    qtbot.waitUntil(lambda: any(w[1] == "无法导出" for w in prompts.warnings()), timeout=30000)
    assert "汇总的单位报告“丁乡.xlsx”是同一个文件" in prompts.warnings()[-1][2]
    assert filed.read_bytes() == before
    dlg.close()


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_among_the_unit_files_is_listed_not_waited_for(qtbot, window, seed_report, tmp_path):
    formats.write(unit(seed_report, "甲镇", 14), tmp_path / "甲镇.json")
    fifo = tmp_path / "乙镇.docx"
    os.mkfifo(fifo)
    dlg = open_summary(qtbot, window)
    assert dlg.add_files([tmp_path / "甲镇.json", fifo]) == 2
    settle(qtbot, dlg)                             # a blocked read would never settle
    rows = {r[1]: r for r in dlg.results.rows()}
    assert rows["乙镇.docx"][0] == "（无法读取）" and "管道（FIFO）" in rows["乙镇.docx"][2]
    assert rows["甲镇.json"][0] == "甲镇"
    dlg.close()
