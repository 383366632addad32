"""Menus 文件 / 编辑 / 检查 / 帮助, the tool bar, and the actions behind them."""
from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from .. import APP_NAME, __version__

Std = QKeySequence.StandardKey

HELP_TEXT = (
    "<p><b>填表</b>：直接输入数字即可替换单元格内容；回车下移，Tab 右移，Shift+Tab 左移；"
    "F2 或双击修改；Delete 把所选单元格清零。可输入全角数字。</p>"
    "<p><b>复制粘贴</b>：可以在 Excel / WPS 表格中选中一块数字复制，再选中本程序表格的左上角单元格粘贴。"
    "粘贴的内容放不下或含有非数字时，整块都不会粘贴。Ctrl+X 剪切：复制所选数字后把这些单元格清零。</p>"
    "<p><b>合计</b>：灰色单元格自动计算，不能直接填写。</p>"
    "<p><b>检查</b>：每次修改后自动检查。红色是错误（导出前应改正），黄色是提醒（请核对）。"
    "单击下方“检查结果”中的一项，会转到相应的位置。</p>"
    "<p><b>保存</b>：所有修改自动保存，不需要点保存。Ctrl+Z 撤销，Ctrl+Y 重做。"
    "交稿前可以用“文件 → 保存为命名版本”留一个版本（如“送审稿”）。</p>"
    "<p><b>汇总</b>：县政府办可用“文件 → 汇总各单位报告”把各单位的报告（数据文件中的，或报送的 Word、"
    "Excel 文件）逐格相加，生成本级政府的报告；同时列出各单位报告的错误、无法读取的文件和未报送的单位。</p>")


def _action(window, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    act = QAction(text, window)
    if shortcut is not None:
        if isinstance(shortcut, (list, tuple)):
            act.setShortcuts([QKeySequence(s) for s in shortcut])
        else:
            act.setShortcut(QKeySequence(shortcut))
    if tip:
        act.setStatusTip(tip)
        act.setToolTip(tip)
    act.triggered.connect(lambda _checked=False: slot())
    return act


def build(window) -> dict[str, QAction]:
    a: dict[str, QAction] = {}
    a["new"] = _action(window, "新建报告(&N)…", window.new_report, Std.New, "新建一份年度报告")
    a["from_previous"] = _action(window, "从上一年创建(&P)", window.create_from_previous,
                                 "Ctrl+Shift+N", "以当前报告为基础创建下一年度的报告")
    a["import"] = _action(window, "导入报告(&I)…", window.files.import_file, Std.Open,
                          "导入一份报告：Word 文档（.docx）、Excel 工作簿（.xlsx）或 JSON 数据文件")
    a["export_json"] = _action(window, "导出 JSON(&J)…", window.files.export_json, None,
                               "把当前报告导出为 JSON 数据文件")
    a["export_excel"] = _action(window, "导出 Excel 工作簿(&L)…", window.files.export_excel, None,
                                "把当前报告导出为 Excel 工作簿，便于报送或汇总")
    a["export_word"] = _action(window, "导出 Word 文档(&W)…", window.files.export_word, "Ctrl+E",
                               "按正式格式生成 Word 文档")
    a["word_fonts"] = _action(window, "Word 文档字体(&T)…", window.files.choose_word_fonts, None,
                              "选择导出的 Word 文档使用公文标准字体还是 Windows 自带字体")
    a["summary"] = _action(window, "汇总各单位报告(&M)…", window.open_summary, "Ctrl+M",
                           "把各单位的报告逐格相加，生成本级政府的汇总报告")
    a["save"] = _action(window, "保存(&S)", window.save_now, Std.Save,
                        "所有修改都会自动保存；此命令立即写入并确认")
    a["snapshot"] = _action(window, "保存为命名版本(&V)…", window.save_snapshot, None,
                            "把当前内容另存为一个带名字的版本，如“送审稿”")
    a["restore"] = _action(window, "恢复版本(&R)…", window.restore_snapshot, None,
                           "把报告恢复为以前保存的某个版本")
    a["delete"] = _action(window, "删除报告(&D)…", window.delete_report, None,
                          "删除当前报告；删除前会自动备份数据文件")
    a["recover"] = _action(window, "从备份中找回报告(&B)…", window.recover_from_backup, None,
                           "从自动备份中把报告（如误删的报告）找回到当前数据文件")
    from . import web
    a.update(web.actions(window))
    a["quit"] = _action(window, "退出(&X)", window.close, Std.Quit)
    a["undo"] = window.undo_group.createUndoAction(window, "撤销")
    a["undo"].setShortcuts([QKeySequence(Std.Undo)])
    a["redo"] = window.undo_group.createRedoAction(window, "重做")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence(Std.Redo)])
    a["cut"] = _action(window, "剪切(&T)", window.cut, Std.Cut)
    a["copy"] = _action(window, "复制(&C)", window.copy, Std.Copy)
    a["paste"] = _action(window, "粘贴(&P)", window.paste, Std.Paste)
    a["check"] = _action(window, "立即检查(&C)", window.check_now, "F5", "重新检查整份报告")
    a["next"] = _action(window, "下一个问题(&N)", window.next_finding, "F8", "转到下一个错误或提醒")
    a["totals"] = _action(window, "重新计算全部合计(&T)", window.recompute_totals, None,
                          "导入的报告合计有误时，按各分项重新计算所有合计")
    a["help"] = _action(window, "使用说明(&H)", lambda: window.prompts.info("使用说明", HELP_TEXT),
                        Std.HelpContents)
    a["where"] = _action(window, "数据文件和日志位置(&D)", window.show_locations)
    a["about"] = _action(window, f"关于{APP_NAME}(&A)", window.about)

    # The menus themselves are the frame's (frame.py): on screen before these actions exist.
    layout = {"file": ("new", "from_previous", None, "import", "import_web", "paste_web",
                       "export_word", "word_fonts", "export_excel", "export_json", "export_web",
                       "copy_web", None, "summary", None, "save", "snapshot",
                       "restore", None, "delete", "recover", None, "quit"),
              "edit": ("undo", "redo", None, "cut", "copy", "paste"),
              "check": ("check", "next", "totals"),
              "help": ("help", "where", None, "about")}
    for menu_key, keys in layout.items():
        m = window.menus[menu_key]
        for key in keys:
            m.addSeparator() if key is None else m.addAction(a[key])
    dock_action = window.findings.toggleViewAction()
    dock_action.setText("显示检查结果面板")
    window.menus["check"].addSeparator()
    window.menus["check"].addAction(dock_action)

    tools = QToolBar("常用", window)
    tools.setObjectName("MainToolBar")
    tools.setMovable(False)
    tools.addWidget(window.picker)
    tools.addSeparator()
    for key in ("new", "from_previous", None, "undo", "redo", None, "export_word", "summary"):
        tools.addSeparator() if key is None else tools.addAction(a[key])
    window.addToolBar(tools)
    a["new"].setIconText("新建报告")
    a["from_previous"].setIconText("从上一年创建")
    a["export_word"].setIconText("导出 Word")
    a["summary"].setIconText("汇总")
    return a


def about_text() -> str:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion
    return (f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
            "<p>按《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）"
            "编写、检查和导出政府信息公开工作年度报告。所有内容保存在本机的数据文件中。</p>"
            f"<p style='color:#666'>Qt {qVersion()} · PySide6 {pyside_version}</p>")
