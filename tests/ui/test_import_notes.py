"""What the importer did on the clerk's behalf is said in the window after import."""
from pathlib import Path

from conftest import wait_import

CORPUS = Path(__file__).parent.parent / "data" / "fidelity" / "files"


def test_tracked_changes_are_said_after_import(qtbot, window, prompts, store):
    window.workspace.files.import_file(CORPUS / "tracked_cell.docx")
    wait_import(qtbot, window)
    kind, title, text, _detail = prompts.shown[-1]
    assert (kind, title) == ("info", "导入完成")
    assert "文件含修订痕迹，已按接受全部修订读取" in text
    assert store.find("青山县白水镇人民政府", 2024) is not None


def test_computed_formulas_are_said_after_import(qtbot, window, prompts):
    window.workspace.files.import_file(CORPUS / "formulas_uncached_simple.xlsx")
    wait_import(qtbot, window)
    _kind, title, text, _detail = prompts.shown[-1]
    assert title == "导入完成" and "已按公式算出" in text
