"""Every command of the window, once: text, shortcut, tip, tool-bar label and whether it
needs an open report.  The menus and the tool bar are built from this table (menus.py),
and the window enables the report commands from it.  Handlers are bound by key."""
from __future__ import annotations

from dataclasses import dataclass

from .. import APP_NAME
from ..core.schema import Level


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str
    shortcut: tuple[str, ...] = ()     # QKeySequence.StandardKey names or key strings
    tip: str = ""
    toolbar: str | None = None         # label on the tool bar, if the command is there
    needs_report: bool = False
    # Report levels (official.LEVELS keys) for which the tool bar shows the command; empty:
    # always.  The menu shows it whatever the level (toolbar_levels.py).
    toolbar_levels: tuple[str, ...] = ()


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("new", "新建报告(&N)…", ("New",), "新建一份年度报告", "新建报告"),
    ActionSpec("from_previous", "从上一年创建(&P)", ("Ctrl+Shift+N",),
               "以当前报告为基础创建下一年度的报告", "从上一年创建", True),
    ActionSpec("import", "导入报告(&I)…", ("Open",),
               "导入一份报告：Word 文档（.docx）、Excel 工作簿（.xlsx）或 JSON 数据文件"),
    ActionSpec("export_word", "导出 Word 文档(&W)…", ("Ctrl+E",), "按正式格式生成 Word 文档",
               "导出 Word", True),
    ActionSpec("word_fonts", "Word 文档字体(&T)…", (),
               "选择导出的 Word 文档使用公文标准字体还是 Windows 自带字体"),
    ActionSpec("export_excel", "导出 Excel 工作簿(&L)…", (), "把当前报告导出为 Excel 工作簿，便于报送或汇总",
               needs_report=True),
    ActionSpec("export_json", "导出 JSON(&J)…", (), "把当前报告导出为 JSON 数据文件", needs_report=True),
    ActionSpec("export_web", "导出网页(&H)…", (), "把当前报告导出为网页（.html），用于在政府网站上公开",
               needs_report=True),
    ActionSpec("copy_web", "复制网页版(&Y)", ("Ctrl+Shift+C",),
               "复制当前报告的网页版，可直接粘贴到政府网站的编辑器中，表格保持原样", needs_report=True),
    ActionSpec("print_preview", "打印预览(&V)…", ("Ctrl+P",), "按正式格式（A4、页码）预览并打印当前报告",
               needs_report=True),
    ActionSpec("print", "打印(&R)…", ("Ctrl+Shift+P",), "选择打印机，按正式格式打印当前报告",
               needs_report=True),
    ActionSpec("import_web", "导入网页(&O)…", (), "从保存的网页文件（.html）中读取一份报告"),
    ActionSpec("paste_web", "从网页粘贴(&G)", (), "把在浏览器中复制的年度报告网页读入为一份报告"),
    ActionSpec("summary", "汇总各单位报告(&M)…", ("Ctrl+M",),
               "把各单位的报告逐格相加，生成本级政府的汇总报告", "汇总",
               toolbar_levels=(Level.GOVERNMENT,)),      # only those who make the summary
    ActionSpec("save", "保存(&S)", ("Save",), "所有修改都会自动保存；此命令立即写入并确认",
               needs_report=True),
    ActionSpec("snapshot", "保存为命名版本(&V)…", (), "把当前内容另存为一个带名字的版本，如“送审稿”",
               needs_report=True),
    ActionSpec("restore", "恢复版本(&R)…", (), "把报告恢复为以前保存的某个版本", needs_report=True),
    ActionSpec("delete", "删除报告(&D)…", (), "删除当前报告；删除前会自动备份数据文件", needs_report=True),
    ActionSpec("recover", "从备份中找回报告(&B)…", (), "从自动备份中把报告（如误删的报告）找回到当前数据文件"),
    ActionSpec("quit", "退出(&X)", ("Quit",)),
    ActionSpec("undo", "撤销", ("Undo",), toolbar="撤销"),
    ActionSpec("redo", "重做", ("Ctrl+Y", "Redo"), toolbar="重做"),
    ActionSpec("cut", "剪切(&T)", ("Cut",)),
    ActionSpec("copy", "复制(&C)", ("Copy",)),
    ActionSpec("paste", "粘贴(&P)", ("Paste",)),
    ActionSpec("check", "立即检查(&C)", ("F5",), "重新检查整份报告"),
    ActionSpec("next", "下一个问题(&N)", ("F8",), "转到下一个错误或提醒"),
    ActionSpec("fill_zero_table", "本表未发生的填0(&Z)", (),
               "把当前表中还没有填写的单元格都填为0（已填的数字不变），可以撤销", needs_report=True),
    ActionSpec("fill_zero_all", "全部未发生的填0(&A)", (),
               "把表二、表三、表四中所有还没有填写的单元格都填为0（已填的数字不变），可以撤销",
               needs_report=True),
    ActionSpec("totals", "重新计算全部合计(&T)", (), "导入的报告合计有误时，按各分项重新计算所有合计"),
    ActionSpec("work_calendar", "工作日日历(&K)…", (),
               "各年的法定节假日和调休上班日（按国务院办公厅通知），新一年的通知发布后在此录入"),
    ActionSpec("answer_times", "答复期限(&Q)…", (),
               "列出台账中超过法定期限答复和延期答复的申请（按工作日计算）", needs_report=True),
    ActionSpec("verify", "核对已发布文件(&F)…", (),
               "核对已发布的 Word 文档、网页或 JSON 文件是否就是数据文件中的某个定稿，列出不同之处"),
    ActionSpec("help", "使用说明(&H)", ("HelpContents",)),
    ActionSpec("where", "数据文件和日志位置(&D)"),
    ActionSpec("about", f"关于{APP_NAME}(&A)"),
)

# None is a separator.  The menus themselves are the frame's (frame.MENU_TITLES).
MENUS: dict[str, tuple[str | None, ...]] = {
    "file": ("new", "from_previous", None, "import", "import_web", "paste_web", "export_word",
             "word_fonts", "export_excel", "export_json", "export_web", "copy_web", None, "print_preview", "print",
             None, "summary",
             None, "save", "snapshot", "restore", None, "delete", "recover", None, "quit"),
    "edit": ("undo", "redo", None, "cut", "copy", "paste", None, "fill_zero_table", "fill_zero_all"),
    "check": ("check", "next", "totals", None, "answer_times", "verify", "work_calendar"),
    "help": ("help", "where", None, "about"),
}
TOOLBAR: tuple[str | None, ...] = ("new", "from_previous", None, "undo", "redo", None,
                                   "export_word", "summary")
REPORT_ACTIONS = tuple(a.key for a in ACTIONS if a.needs_report)
EXPORT_ACTIONS = ("export_word", "export_excel", "export_json", "export_web")
