"""Unit names typed in the window are kept as people read them (issue 18 item 5): an input
method's commit carrying a zero-width space, a BOM or doubled spaces stores the clean name
in the real SQLite file; a name that reads backwards is refused; look-alike names an older
version stored are marked in the tool bar's unit list."""
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from report_desktop.core.store import Store
from report_desktop.ui.dialogs.new_report import NewReportDialog
from report_desktop.ui.picker import LOOK_ALIKE_MARK

from conftest import open_window

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

CLEAN = "某某镇人民政府"


def ime_type(widget, text: str) -> None:
    """What an input method sends when the clerk picks ``text``: one commit."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def stored_units(path) -> list[str]:
    """The names exactly as the SQLite file holds them."""
    con = sqlite3.connect(path)
    try:
        return [u for (u,) in con.execute("SELECT unit FROM reports ORDER BY id")]
    finally:
        con.close()


@pytest.mark.parametrize("typed", ["某某镇\u200b人民政府", "某某镇人民\ufeff政府", "某某镇  人民政府\u00ad",
                                   "某某镇人民政府\u202e"])
def test_welcome_stores_the_name_as_people_read_it(qtbot, empty_store, store_path, prompts, typed):
    w = open_window(qtbot, empty_store, prompts)
    page = w.workspace.welcome
    page.unit.setFocus()
    ime_type(page.unit, typed)
    assert page.unit.text() == typed                  # what was typed, until it is used
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert w.session is not None and w.session.report.unit == CLEAN
    w.session.flush()
    assert stored_units(store_path) == [CLEAN]
    assert w.windowTitle().startswith(f"{CLEAN} ")
    w.close()


def test_welcome_refuses_a_name_that_reads_backwards(qtbot, empty_store, store_path, prompts):
    w = open_window(qtbot, empty_store, prompts)
    page = w.workspace.welcome
    page.unit.setFocus()
    ime_type(page.unit, "\u202e府政民人镇某某")         # shows as 某某镇人民政府
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert "改变文字显示方向" in page.error.text() and "U+202E" in page.error.text()
    assert w.session is None and stored_units(store_path) == []
    page.unit.clear()
    ime_type(page.unit, "\u200b \u3000")                # nothing visible is no name
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.error.text() == "请填写单位名称。" and stored_units(store_path) == []
    w.close()


def test_info_tab_keeps_the_clean_name_and_finds_look_alikes_taken(qtbot, store, store_path, prompts,
                                                                   seed_report):
    other = seed_report.copy()
    other.unit = "乙镇人民政府"
    store.save(other)
    w = open_window(qtbot, store, prompts)
    w.workspace.open_report(store.find(seed_report.unit, seed_report.year))
    assert not w.workspace.picker.note.isVisibleTo(w)          # nothing alike: no note
    field = w.workspace.info.unit
    field.setFocus()
    field.selectAll()
    ime_type(field, "朔州市人民政府\u200b办公厅")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.session.report.unit == "朔州市人民政府办公厅"
    w.session.flush()
    assert "朔州市人民政府办公厅" in stored_units(store_path)
    # The same name again with a BOM is no change: the field shows the name as kept.
    field.selectAll()
    ime_type(field, "\ufeff朔州市人民政府办公厅")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert field.text() == "朔州市人民政府办公厅" and not w.session.undo_stack.index() > 1
    # Another report's name with a soft hyphen is that report's name: refused.
    field.selectAll()
    ime_type(field, "乙镇\u00ad人民政府")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert w.session.report.unit == "朔州市人民政府办公厅"
    assert field.text() == "朔州市人民政府办公厅"
    w.session.flush()
    assert sorted(stored_units(store_path)) == sorted(["朔州市人民政府办公厅", "乙镇人民政府"])
    w.close()


def test_new_report_dialog_gives_the_clean_name_or_refuses(qtbot):
    dlg = NewReportDialog([], "", 2024, lambda unit, year: unit == CLEAN)
    qtbot.addWidget(dlg)
    line = dlg.unit.lineEdit()
    line.setFocus()
    ime_type(line, "某某镇\u2060人民政府")
    assert dlg.carry.isEnabled()           # last year's report of the same unit is found
    dlg.levels.combo.setCurrentIndex(dlg.levels.combo.findData("township"))
    assert dlg.result_values()[0] == CLEAN
    line.clear()
    ime_type(line, "\u2067人民政府某某镇")
    dlg._accept()
    assert "U+2067" in dlg.error.text() and dlg.result() == 0


def _legacy(path, seed_report):
    """A store as an older version left it: one unit under two look-alike names."""
    with Store(path) as s:
        for i, year in enumerate((2024, 2023)):
            rep = seed_report.copy()
            rep.unit, rep.year = f"占位{i}", year
            s.save(rep)
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE reports SET unit = ? WHERE unit = '占位0'", (CLEAN,))
        con.execute("UPDATE reports SET unit = ? WHERE unit = '占位1'", ("某某镇人民政府\u200b",))
    con.close()


def test_the_unit_list_points_out_look_alike_names(qtbot, tmp_path, prompts, seed_report):
    path = tmp_path / "old.sqlite3"
    _legacy(path, seed_report)
    store = Store(path)
    try:
        w = open_window(qtbot, store, prompts)
        picker = w.workspace.picker
        labels = [picker.unit.itemText(i) for i in range(picker.unit.count())]
        assert labels == [CLEAN, CLEAN + LOOK_ALIKE_MARK]
        tip = picker.unit.itemData(1, Qt.ItemDataRole.ToolTipRole)
        assert "看起来是同一个单位" in tip and "U+200B" in tip and "程序按同一单位处理" in tip
        assert tip in picker.unit.toolTip() and picker.note.isVisibleTo(w) and tip in picker.note.toolTip()
        # Choosing the marked one opens its own report, not its look-alike's.
        picker.unit.setCurrentIndex(1)
        picker.unit.activated.emit(1)
        assert w.session.report_id == store.find("某某镇人民政府\u200b", 2023)
        assert w.session.report.unit == CLEAN and w.session.report.year == 2023
        w.close()
    finally:
        store.close()


def test_recovering_names_a_look_alike_in_a_backup_as_already_present(qtbot, tmp_path):
    import datetime as dt
    from report_desktop.core.store import ReportInfo
    from report_desktop.core.store.recover import BackupEntry
    from report_desktop.ui.dialogs.recover import RecoverDialog
    backup = BackupEntry(tmp_path / "b.backup.sqlite3", dt.datetime(2025, 1, 20, 9, 30),
                         [ReportInfo(1, "某某镇人民政府\u200b", 2024, None, "2025-01-19T16:05:00"),
                          ReportInfo(2, "乙镇", 2024, None, "2025-01-19T16:05:00")])
    dlg = RecoverDialog([backup], {(CLEAN, 2024)})
    qtbot.addWidget(dlg)
    rows = {dlg.reports.topLevelItem(i).text(0): dlg.reports.topLevelItem(i).text(3)
            for i in range(dlg.reports.topLevelItemCount())}
    assert rows["某某镇人民政府\u200b"].startswith("已有") and rows["乙镇"] == "没有"


def test_importing_a_look_alike_file_replaces_the_same_unit(qtbot, window, store, store_path, prompts,
                                                            seed_report, tmp_path):
    """文件 → 导入 of a Word file signed with a zero-width space: the store's report of that
    unit is the one replaced (after the usual question), no second unit appears."""
    import zipfile
    from report_desktop.core import formats
    from conftest import wait_import
    path = tmp_path / "twin.docx"
    formats.write(seed_report, path)
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["word/document.xml"].decode("utf-8")
    assert seed_report.unit in xml
    parts["word/document.xml"] = xml.replace(seed_report.unit, "朔州市\u200b人民政府\u00ad办公室").encode()
    with zipfile.ZipFile(path, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    window.workspace.files.import_file(path)
    wait_import(qtbot, window)
    asked = [s for s in prompts.shown if s[0] == "confirm"]
    assert asked and f"已有“{seed_report.unit}”{seed_report.year}年的报告" in asked[-1][2]
    assert stored_units(store_path) == [seed_report.unit]
    assert window.session.report.unit == seed_report.unit
