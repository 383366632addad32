"""文件 → 删除报告 (backup first, then another report or the welcome page) and 导入 read
on a pool thread, on the real window with real SQLite stores and real .docx/.xlsx files."""
import pytest
from PySide6.QtCore import Qt

from report_desktop import APP_NAME
from report_desktop.core import formats, schema
from report_desktop.core.files import ReportFileError

from conftest import open_window, wait_import

A = schema.application_cell
OTHER_UNIT = "甲镇人民政府"


def backups(store):
    folder = store.path.parent / "backups"
    return sorted(folder.glob("*.backup.sqlite3")) if folder.is_dir() else []


@pytest.fixture
def three_reports(store, seed_report):
    """The seed (2024), the same unit's 2023 report, and another unit's 2024 report."""
    earlier = seed_report.copy()
    earlier.year = 2023
    other = seed_report.copy()
    other.unit = OTHER_UNIT
    return store.save(earlier), store.save(other)


def test_delete_backs_up_and_opens_the_same_units_other_year(qtbot, store, prompts,
                                                              three_reports, seed_report):
    earlier_id, _other_id = three_reports
    window = open_window(qtbot, store, prompts)
    window.open_report(store.find(seed_report.unit, 2024))
    doomed = window.session.report_id
    window.session.set_cells({A("granted", "research"): 3})      # undo history to drop
    old_stack = window.session.undo_stack
    assert window.workspace.actions["undo"].isEnabled()
    assert window.workspace.actions["delete"] in window.menus["file"].actions()

    window.workspace.actions["delete"].trigger()

    _kind, title, text, detail = [s for s in prompts.shown if s[0] == "confirm"][-1]
    assert title == "删除报告" and seed_report.unit in text and "2024年" in text
    assert "撤销" in detail and "备份" in detail and str(store.path.parent / "backups") in detail
    assert store.find(seed_report.unit, 2024) is None
    assert doomed not in {r.id for r in store.list_reports()}
    assert len(backups(store)) == 1
    assert backups(store)[0].name in window.statusBar().currentMessage()
    # Another report is open: the same unit's other year.
    assert window.session.report_id == earlier_id
    assert window.workspace.stack.currentWidget() is window.workspace.tabs
    assert window.windowTitle().startswith(f"{seed_report.unit} 2023年")
    picker = window.workspace.picker
    assert [picker.year.itemText(i) for i in range(picker.year.count())] == ["2023年"]
    assert picker.year.findData(doomed) == -1
    # The deleted report's undo history is gone, not replayed onto another report.
    assert old_stack not in window.workspace.undo_group.stacks()
    assert not window.workspace.actions["undo"].isEnabled()
    assert window.session.undo_stack.count() == 0
    window.close()


def test_delete_cancelled_keeps_everything(qtbot, window, prompts, store, seed_report):
    prompts.confirm_answer = False
    window.workspace.actions["delete"].trigger()
    assert store.find(seed_report.unit, seed_report.year) == window.session.report_id
    assert backups(store) == []


def test_delete_the_last_report_shows_the_welcome_page(qtbot, window, prompts, store):
    window.workspace.actions["delete"].trigger()
    assert store.list_reports() == []
    assert len(backups(store)) == 1
    assert window.session is None
    assert window.workspace.stack.currentWidget() is window.workspace.welcome
    assert window.windowTitle() == APP_NAME
    assert window.workspace.picker.unit.count() == 0 and window.workspace.picker.year.count() == 0
    for key in ("delete", "export_word", "save", "snapshot"):
        assert not window.workspace.actions[key].isEnabled()
    assert not window.workspace.actions["undo"].isEnabled()
    # The welcome page works as on a first start.
    window.workspace.welcome.unit.setText("某某镇人民政府")
    qtbot.mouseClick(window.workspace.welcome.create_button, Qt.MouseButton.LeftButton)
    assert window.session.report.unit == "某某镇人民政府"
    assert window.workspace.actions["delete"].isEnabled()


@pytest.mark.parametrize("ext", [".docx", ".xlsx"])
def test_import_reads_the_file_off_the_gui_thread(qtbot, window, prompts, store, seed_report,
                                                  tmp_path, ext):
    rep = seed_report.copy()
    rep.unit = OTHER_UNIT
    path = tmp_path / f"{OTHER_UNIT}{ext}"
    formats.write(rep, path)
    prompts.paths.append(path)

    window.workspace.actions["import"].trigger()
    # Started, not finished: the window keeps running while the file is read.
    assert window.workspace.files.reading is not None
    assert not window.workspace.busy.isHidden()
    assert not window.workspace.actions["import"].isEnabled()
    assert "正在读取" in window.statusBar().currentMessage()
    assert store.find(OTHER_UNIT, rep.year) is None

    wait_import(qtbot, window)
    assert window.workspace.busy.isHidden() and window.workspace.actions["import"].isEnabled()
    assert window.session.report.unit == OTHER_UNIT
    assert window.session.report_id == store.find(OTHER_UNIT, rep.year)
    assert window.session.report.cells == rep.cells
    kind, title, text, _detail = prompts.shown[-1]
    assert (kind, title) == ("info", "导入完成") and path.name in text
    assert window.statusBar().currentMessage() == f"已导入：{path.name}"


def test_import_error_shows_the_cores_message(qtbot, window, prompts, store, tmp_path):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip file at all")
    with pytest.raises(ReportFileError) as expected:
        formats.read(bad)
    before = window.session.report_id
    window.workspace.files.import_file(bad)
    wait_import(qtbot, window)
    assert prompts.warnings()[-1][1:3] == ("无法导入", str(expected.value))
    assert window.session.report_id == before and len(store.list_reports()) == 1
    assert window.workspace.busy.isHidden() and window.workspace.actions["export_word"].isEnabled()
