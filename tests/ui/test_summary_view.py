"""The 汇总 view (文件 → 汇总各单位报告) and multi-format 导入/导出, on the real window with
real SQLite stores and real .json/.xlsx/.docx files written by core.formats."""
import shutil

import pytest
from PySide6.QtCore import Qt

from report_desktop.core import formats, schema
from report_desktop.services.reports import SUMMARY_KEPT_AS as SNAPSHOT_NAME
from report_desktop.ui.summary.view import ROSTER_KEY

from conftest import wait_import

# The offscreen platform says so whenever a dialog's layout sets its minimum size.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

A = schema.application_cell
NEW = A("new", "natural_person")
GRANTED = A("granted", "natural_person")


def unit(seed, name: str, new: int | None = None):
    """The seed as another unit's report; ``new`` applications, all granted, keep 表三 balanced."""
    rep = seed.copy()
    rep.unit, rep.level = name, "township"
    if new is not None:
        more = new - rep.cells[NEW]
        rep.set(NEW, new)
        rep.set(GRANTED, rep.cells[GRANTED] + more)
    return rep


def open_summary(qtbot, window, county=True):
    """文件 → 汇总各单位报告; ``county``: the open report is first made 本级政府's own (the
    clerk who makes the summary), so the dialog starts on it."""
    if county and window.session is not None:
        window.session.set_meta("level", "government")
    window.workspace.actions["summary"].trigger()
    dlg = window.workspace.summary.dialog
    assert dlg.isVisible()
    settle(qtbot, dlg)
    return dlg


def settle(qtbot, dlg) -> None:
    qtbot.waitUntil(dlg.idle, timeout=30000)


def stored_units(dlg) -> dict[str, bool]:
    items = (dlg.reports.stored.item(i) for i in range(dlg.reports.stored.count()))
    return {i.text(): i.checkState() == Qt.CheckState.Checked for i in items
            if i.flags() & Qt.ItemFlag.ItemIsUserCheckable}


def snapshot_names(store, report_id):
    return [s.name for s in store.list_snapshots(report_id)]


def test_three_store_units_and_a_file_make_the_county_report(qtbot, window, store, seed_report,
                                                               prompts, tmp_path):
    county_id, county = window.session.report_id, window.session.report.copy()
    units = [unit(seed_report, "甲镇", 14), unit(seed_report, "乙镇", 20), unit(seed_report, "丙局")]
    for rep in units:
        store.save(rep)
    filed = unit(seed_report, "丁乡", 15)
    formats.write(filed, tmp_path / "丁乡.xlsx")

    dlg = open_summary(qtbot, window)
    assert (dlg.unit_name(), dlg.year.value()) == (county.unit, county.year)
    assert stored_units(dlg) == {"甲镇": True, "乙镇": True, "丙局": True}
    assert dlg.add_files([tmp_path / "丁乡.xlsx"]) == 1
    settle(qtbot, dlg)
    assert sorted(r[:2] for r in dlg.results.rows()) == sorted(
        [["甲镇", "数据文件"], ["乙镇", "数据文件"], ["丙局", "数据文件"], ["丁乡", "丁乡.xlsx"]])
    assert not [r for r in dlg.results.rows() if "错误" in r[2]]

    qtbot.mouseClick(dlg.footer.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=30000)
    kind, title, text, _detail = [s for s in prompts.shown if s[0] == "confirm"][-1]
    assert title == "替换本级报告" and "4 个单位" in text
    saved = store.load(county_id)
    for cid in schema.CELL_IDS:
        assert saved.cells[cid] == sum(r.number(cid) for r in [*units, filed]), cid
    assert saved.cells[NEW] == 14 + 20 + 13 + 15
    assert saved.texts == county.texts and saved.unit == county.unit
    assert snapshot_names(store, county_id) == [SNAPSHOT_NAME]
    old = store.restore_snapshot(store.list_snapshots(county_id)[0].id)
    assert old.cells == county.cells
    assert window.session.report_id == county_id
    assert "汇总" in window.statusBar().currentMessage()


def test_new_county_report_is_created_with_a_preamble(qtbot, window, store, seed_report, prompts):
    store.save(unit(seed_report, "甲镇", 14))
    dlg = open_summary(qtbot, window)
    dlg.unit.setCurrentText("某某县人民政府")
    settle(qtbot, dlg)
    assert stored_units(dlg) == {"甲镇": True, seed_report.unit: True}
    dlg.reports.set_checked(seed_report.unit, False)
    settle(qtbot, dlg)
    assert "生成汇总时会新建" in dlg.results.diff_label.text()
    dlg.generate()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=30000)
    rep = window.session.report
    assert (rep.unit, rep.year, rep.level) == ("某某县人民政府", 2024, "government")
    assert rep.cells[NEW] == 14 and "统计期限" in rep.texts["preamble"]
    assert not [s for s in prompts.shown if s[0] in ("confirm", "warn")]


def test_roster_shows_the_missing_unit_and_is_remembered(qtbot, window, store, seed_report,
                                                        prompts, tmp_path):
    store.save(unit(seed_report, "甲镇"))
    roster = tmp_path / "名单.txt"
    roster.write_text("\ufeff甲镇\n乙镇\n\n", encoding="utf-8")
    dlg = open_summary(qtbot, window)
    prompts.paths.append(roster)
    qtbot.mouseClick(dlg.roster.load_button, Qt.MouseButton.LeftButton)
    assert dlg.roster.names() == ["甲镇", "乙镇"]
    assert ["乙镇", "—", "未报送"] in dlg.results.rows()
    assert "乙镇" in dlg.results.banner.text() and "还没有报送" in dlg.results.banner.text()
    dlg.roster.edit.appendPlainText("丙局")           # edited in place: shown at once
    assert ["丙局", "—", "未报送"] in dlg.results.rows()
    dlg.close()
    assert store.setting(ROSTER_KEY) == "甲镇\n乙镇\n丙局"
    again = open_summary(qtbot, window)
    assert again.roster.names() == ["甲镇", "乙镇", "丙局"]
    again.close()


def test_bad_roster_file_is_refused_in_chinese(qtbot, window, prompts, tmp_path):
    gbk = tmp_path / "名单（记事本ANSI）.txt"
    gbk.write_bytes("甲镇\r\n乙镇\r\n".encode("gbk"))       # Notepad's "ANSI" on Chinese Windows
    bad = tmp_path / "名单.txt"
    bad.write_bytes(bytes(range(256)))
    dlg = open_summary(qtbot, window)
    assert dlg.load_roster(gbk)
    assert not dlg.load_roster(bad)
    assert "名单.txt" in prompts.warnings()[-1][2] and "UTF-8" in prompts.warnings()[-1][2]
    dlg.close()


def test_unreadable_file_is_listed_and_does_not_stop_the_merge(qtbot, window, store, seed_report,
                                                              prompts, tmp_path):
    county_id = window.session.report_id
    good = unit(seed_report, "甲镇", 14)
    formats.write(good, tmp_path / "甲镇.json")
    (tmp_path / "乙镇.docx").write_bytes(b"not a zip at all")
    (tmp_path / "丙局.xls").write_bytes(b"old excel")
    (tmp_path / "~$甲镇.docx").write_bytes(b"lock file")          # Word's lock file: skipped
    (tmp_path / "说明.txt").write_text("不是报告", encoding="utf-8")
    dlg = open_summary(qtbot, window)
    assert dlg.add_folder(tmp_path) == 3
    settle(qtbot, dlg)
    rows = {r[1]: r for r in dlg.results.rows()}
    assert rows["乙镇.docx"][0] == "（无法读取）" and "不是有效的Word 文档" in rows["乙镇.docx"][2]
    assert rows["丙局.xls"][0] == "（无法读取）" and "另存为 .xlsx" in rows["丙局.xls"][2]
    assert rows["甲镇.json"][0] == "甲镇" and "错误" not in rows["甲镇.json"][2]
    assert len(rows) == 3
    assert "2 个文件无法读取" in dlg.results.banner.text()
    dlg.generate()
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=30000)
    _kind, _title, _text, detail = [s for s in prompts.shown if s[0] == "confirm"][-1]
    assert "2 个文件无法读取" in detail and "乙镇.docx" in detail
    assert store.load(county_id).cells[NEW] == 14


def test_cancel_while_reading_many_files_leaves_the_store_unchanged(qtbot, window, store,
                                                                     seed_report, prompts, tmp_path):
    county_id = window.session.report_id
    window.session.set_meta("level", "government")
    before = (store.list_reports(), store.load(county_id).cells)
    folder = tmp_path / "units"
    folder.mkdir()
    formats.write(unit(seed_report, "甲镇", 14), folder / "000.docx")
    for i in range(1, 60):
        shutil.copyfile(folder / "000.docx", folder / f"{i:03}.docx")
    dlg = open_summary(qtbot, window)
    dlg.add_folder(folder)
    dlg.generate()                                  # reads the folder first, then would save
    assert dlg.footer.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dlg.footer.progress.value() >= 1, timeout=30000)
    assert "正在读取" in dlg.footer.label.text()
    qtbot.mouseClick(dlg.footer.cancel_button, Qt.MouseButton.LeftButton)
    assert not dlg.footer.cancel_button.isVisible() and dlg.footer.generate_button.isEnabled()
    qtbot.waitUntil(lambda: not dlg.runner.running(), timeout=30000)
    assert 1 <= len(dlg.runner.known) < 60         # stopped between files
    assert dlg.outcome is None and "已取消" in dlg.results.banner.text()
    assert dlg.isVisible()
    assert (store.list_reports(), store.load(county_id).cells) == before
    assert snapshot_names(store, county_id) == []
    assert not [s for s in prompts.shown if s[0] == "confirm"]
    dlg.close()


def test_parent_differences_are_listed(qtbot, window, store, seed_report):
    child = unit(seed_report, "甲镇", seed_report.cells[NEW] + 1)
    store.save(child)
    dlg = open_summary(qtbot, window)
    expected = [[schema.CELLS[c].name, str(seed_report.cells[c]), str(child.cells[c])]
                for c in schema.CELL_IDS if child.cells[c] != seed_report.cells[c]]
    assert len(expected) >= 4 and [schema.CELLS[NEW].name, "13", "14"] in expected
    assert dlg.results.diff_rows() == expected
    assert f"{len(expected)} 处" in dlg.results.diff_label.text()
    dlg.reports.check_all(False)
    settle(qtbot, dlg)
    assert dlg.results.diff_rows() == [] and "还没有可汇总" in dlg.results.banner.text()
    dlg.close()


def test_duplicate_unit_or_other_year_blocks_generation(qtbot, window, store, seed_report,
                                                        prompts, tmp_path):
    county_id = window.session.report_id
    store.save(unit(seed_report, "甲镇"))
    formats.write(unit(seed_report, "甲镇", 20), tmp_path / "甲镇.json")
    old = unit(seed_report, "乙镇")
    old.year = 2023
    formats.write(old, tmp_path / "乙镇.json")
    dlg = open_summary(qtbot, window)
    dlg.add_files([tmp_path / "甲镇.json", tmp_path / "乙镇.json"])
    settle(qtbot, dlg)
    assert "不能一起汇总" in dlg.results.banner.text()
    dlg.generate()
    settle(qtbot, dlg)
    kind, title, _text, detail = prompts.shown[-1]
    assert (kind, title) == ("warn", "无法汇总") and "重复" in detail and "2023" in detail
    assert dlg.isVisible() and snapshot_names(store, county_id) == []
    dlg.close()


def test_export_summary_to_excel_leaves_the_store_alone(qtbot, window, store, seed_report, tmp_path):
    county_id = window.session.report_id
    units = [unit(seed_report, "甲镇", 14), unit(seed_report, "乙镇", 20)]
    for rep in units:
        store.save(rep)
    dlg = open_summary(qtbot, window)
    target = tmp_path / "汇总.xlsx"
    with qtbot.waitSignal(window.workspace.files.finished, timeout=30000):
        dlg.export(target)
    back = formats.read(target)
    assert back.cells[NEW] == 34 and back.unit == seed_report.unit
    assert store.load(county_id).cells == seed_report.cells
    assert dlg.isVisible()
    dlg.close()


def test_import_action_reads_excel_and_word(qtbot, window, store, prompts, seed_report, tmp_path):
    for name, ext in (("甲镇人民政府", ".xlsx"), ("某某县教育局", ".docx")):
        rep = unit(seed_report, name)
        path = tmp_path / f"{name}{ext}"
        formats.write(rep, path)
        prompts.paths.append(path)
        window.workspace.actions["import"].trigger()
        wait_import(qtbot, window)
        assert window.session.report.unit == name
        assert window.session.report.cells == rep.cells
        assert store.find(name, 2024) == window.session.report_id
        kind, title, text, _detail = prompts.shown[-1]
        assert (kind, title) == ("info", "导入完成") and name in text and path.name in text
    prompts.paths.append(tmp_path / "旧表.xls")
    (tmp_path / "旧表.xls").write_bytes(b"old")
    window.workspace.actions["import"].trigger()
    wait_import(qtbot, window)
    kind, title, text, _detail = prompts.shown[-1]
    assert (kind, title) == ("warn", "无法导入") and "另存为 .xlsx" in text


def test_import_reports_the_findings(qtbot, window, prompts, seed_report, tmp_path):
    rep = unit(seed_report, "甲镇人民政府")
    rep.cells[A("new", "total")] = 99                  # a wrong total, kept as published
    formats.write(rep, tmp_path / "甲镇.xlsx")
    window.workspace.files.import_file(tmp_path / "甲镇.xlsx")
    wait_import(qtbot, window)
    _kind, title, text, detail = prompts.shown[-1]
    assert title == "导入完成" and "错误 2 · 未填 0" in text and "检查结果" in text
    assert "各分项之和为13" in detail and "H2" not in detail     # the error, not its code


def test_export_menu_offers_word_excel_and_json(qtbot, window, prompts, tmp_path):
    texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    for label in ("导入报告(&I)…", "导出 Word 文档(&W)…", "导出 Excel 工作簿(&L)…", "导出 JSON(&J)…",
                  "汇总各单位报告(&M)…"):
        assert label in texts
    target = tmp_path / "本级"
    prompts.paths.append(target)
    with qtbot.waitSignal(window.workspace.files.finished, timeout=30000):
        window.workspace.actions["export_excel"].trigger()
    _kind, _title, file_filter, suggested = [s for s in prompts.shown if s[0] == "save_path"][-1]
    kinds = file_filter.split(";;")         # its own kind first, then every other kind written
    assert kinds[0] == "Excel 工作簿 (*.xlsx)" and suggested.endswith(".xlsx")
    assert {k.split("(*")[1].split()[0].rstrip(")") for k in kinds} == set(formats.WRITERS)
    assert formats.read(tmp_path / "本级.xlsx").cells == window.session.report.cells


def test_a_summary_names_the_units_whose_errors_it_inherits(qtbot, window, store, seed_report,
                                                             prompts):
    """Issue 23 item 6: the county's report inherits 甲镇's 表三 imbalance; its finding says
    whose report to fix (and says it again when the report is opened later)."""
    county_id = window.session.report_id
    broken = unit(seed_report, "甲镇")
    broken.set(NEW, broken.cells[NEW] + 1)             # 一 + 二 ≠ 三 + 四 in 自然人
    store.save(broken)
    store.save(unit(seed_report, "乙镇", 20))
    dlg = open_summary(qtbot, window)
    prompts.confirm_answer = True                      # 用合计替换
    qtbot.mouseClick(dlg.footer.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dlg.isVisible(), timeout=30000)
    assert window.session.report_id == county_id
    h3 = [f for f in window.session.findings if f.rule == "H3"]
    assert h3 and all("（甲镇的报告中也有此错误）" in f.message for f in h3)
    assert not [f for f in window.session.findings if "乙镇的报告" in f.message]
    panel = [item.text(1) for item, _f in window.workspace.findings.items()]
    assert any("甲镇的报告中也有此错误" in text for text in panel)      # what the clerk reads
    window.workspace.open_report(store.find(broken.unit, broken.year), force=True)
    assert not [f for f in window.session.findings if "的报告中也有此错误" in f.message]
    window.workspace.open_report(county_id, force=True)       # opened again: still named
    assert [f for f in window.session.findings if "（甲镇的报告中也有此错误）" in f.message]
