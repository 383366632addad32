"""文件 → Word 文档字体: the clerk's choice of font set, kept in the store and used by
every Word export (the report's and 导出汇总's), read back with python-docx."""
import docx
import pytest
from docx.oxml.ns import qn

from report_desktop.core.formats import WORD_FONTS
from report_desktop.core.store import Store
from report_desktop.ui.dialogs.word_fonts import EXPLANATION, WordFontsDialog

from conftest import open_window
from test_summary_view import open_summary, settle, unit


def east_asia_fonts(path) -> set[str]:
    """Every w:rFonts/@w:eastAsia of the document body and its styles."""
    document = docx.Document(str(path))
    fonts = set()
    for root in (document.element, document.styles.element):
        for rfonts in root.iter(qn("w:rFonts")):
            if rfonts.get(qn("w:eastAsia")):
                fonts.add(rfonts.get(qn("w:eastAsia")))
    return fonts


def export_word(qtbot, window, path):
    with qtbot.waitSignal(window.workspace.files.finished, timeout=30000):
        assert window.workspace.files.export_word(path) is not None
    return east_asia_fonts(path)


def test_default_is_the_official_gb_fonts(qtbot, window, tmp_path):
    assert window.workspace.files.word_fonts() == "gb"
    fonts = export_word(qtbot, window, tmp_path / "gb.docx")
    assert "仿宋_GB2312" in fonts and "仿宋" not in fonts


def test_windows_fonts_chosen_are_used_and_survive_a_restart(qtbot, store, store_path, window,
                                                            prompts, tmp_path):
    prompts.fonts_answer = "windows"
    window.workspace.actions["word_fonts"].trigger()
    assert prompts.shown[-1][:3] == ("word_fonts", "Word 文档字体", "gb")
    assert store.setting("word_fonts") == "windows"
    assert "Windows 自带字体" in window.statusBar().currentMessage()
    fonts = export_word(qtbot, window, tmp_path / "windows.docx")
    assert "仿宋" in fonts and "仿宋_GB2312" not in fonts
    assert "字体：Windows 自带字体" in window.statusBar().currentMessage()
    window.close()
    store.close()

    with Store(store_path) as reopened:                 # the next start, same data file
        again = open_window(qtbot, reopened, prompts)
        assert again.workspace.files.word_fonts() == "windows"
        prompts.fonts_answer = None                     # 取消: nothing changes
        again.workspace.actions["word_fonts"].trigger()
        assert prompts.shown[-1][2] == "windows" and reopened.setting("word_fonts") == "windows"
        fonts = export_word(qtbot, again, tmp_path / "again.docx")
        assert "仿宋" in fonts and "仿宋_GB2312" not in fonts
        again.close()


# The summary dialog resizes itself; the offscreen platform says it cannot pass that on.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_summary_export_uses_the_chosen_fonts(qtbot, window, store, seed_report, prompts,
                                              tmp_path):
    store.set_setting("word_fonts", "windows")
    for rep in (unit(seed_report, "甲镇", 14), unit(seed_report, "乙镇", 20)):
        store.save(rep)
    dlg = open_summary(qtbot, window)
    target = tmp_path / "汇总.docx"
    with qtbot.waitSignal(window.workspace.files.finished, timeout=30000):
        dlg.export(target)
    fonts = east_asia_fonts(target)
    assert "仿宋" in fonts and "仿宋_GB2312" not in fonts
    settle(qtbot, dlg)
    dlg.close()


def test_dialog_offers_both_sets_with_the_current_one_checked(qtbot):
    dlg = WordFontsDialog(WORD_FONTS, "windows")
    qtbot.addWidget(dlg)
    assert [b.text() for b in dlg.buttons.values()] == list(WORD_FONTS.values())
    assert dlg.chosen() == "windows"
    dlg.buttons["gb"].click()
    assert dlg.chosen() == "gb" and not dlg.buttons["windows"].isChecked()
    assert "代替" in EXPLANATION


def test_export_names_missing_fonts_and_offers_the_other_set(qtbot, window, store, prompts,
                                                            tmp_path):
    from report_desktop.services import exporting
    missing = exporting.missing_fonts("x.docx", "gb")
    if not missing:
        pytest.skip("this machine has every 公文 font")
    prompts.export_answers = ["offer", None]     # 改用其他字体…, then 关闭
    prompts.fonts_answer = "windows"
    target = tmp_path / "报告.docx"
    files = window.workspace.files
    with qtbot.waitSignals([files.finished, files.finished], timeout=60000):
        assert files.export_word(target) is not None
    boxes = [s for s in prompts.shown if s[0] == "exported"]
    assert len(boxes) == 2
    first = boxes[0][2]
    assert all(name in first for name in missing) and "请在本机" in first
    assert prompts.offers[0] == "改用其他字体…"
    # The font dialog was told what this machine lacks, per set.
    told = prompts.fonts_missing[-1]
    assert told is not None and told["gb"] == missing
    assert store.setting("word_fonts") == "windows"
    fonts = east_asia_fonts(target)                   # the same file, written again
    assert "仿宋" in fonts and "仿宋_GB2312" not in fonts
    assert "字体：Windows 自带字体" in boxes[1][2]


def test_dialog_shows_what_this_machine_lacks(qtbot):
    dlg = WordFontsDialog(WORD_FONTS, "gb", missing={"gb": ["仿宋_GB2312", "楷体_GB2312"],
                                                     "windows": []})
    qtbot.addWidget(dlg)
    assert dlg.notes["gb"].text() == "本机没有：仿宋_GB2312、楷体_GB2312"
    assert dlg.notes["windows"].text() == "本机已安装这套字体"
    assert WordFontsDialog(WORD_FONTS, "gb").notes == {}


# The box sizes itself to its longer text; the offscreen platform says it cannot pass that on.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_real_after_export_box_offers_other_fonts(qtbot):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    from report_desktop.ui.prompts import Prompts
    seen = {}

    def click_offer():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["buttons"] = {b.text() for b in box.buttons()}
        button = next(b for b in box.buttons() if b.text() == "改用其他字体…")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, click_offer)
    answer = Prompts(None).exported("导出完成", "已导出“a.docx”。\n请在本机安装仿宋_GB2312…",
                                    "/tmp", offer="改用其他字体…")
    assert answer == "offer"
    assert seen["buttons"] == {"打开文件", "打开所在文件夹", "改用其他字体…", "关闭"}
