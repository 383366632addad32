"""One unit's findings, opened from its row in the 汇总 dialog: every error and 提醒 of
its report with the cells they are about, and its blank cells counted per table — what
the county clerk reads out on the phone to the township, or sends back."""
from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout)

from ...core.places import Place
from ...core import schema
from ...core.rules import ERROR, SEVERITY_WORDS, WARNING
from .. import theme
from ..findings_panel import tooltip
from ...core.rules.blanks import is_blank, is_blank_total

SHOWN_CELLS = 3


def place(finding) -> str:
    """Where the finding is, as the clerk finds it: the cells' names (表三“…”行“…”列),
    the text section, or 基本信息."""
    names = []
    for cid in finding.cells:
        if cid in schema.CELLS:
            names.append(schema.CELLS[cid].name)
        elif (key := Place.TEXT.key(cid)) is not None:
            names.append(schema.TEXTS.get(key, key))
        elif Place.of(cid) == Place.META:
            names.append("基本信息")
    names = list(dict.fromkeys(names))
    more = f"等 {len(names)} 处" if len(names) > SHOWN_CELLS else ""
    return "；".join(names[:SHOWN_CELLS]) + more


def rows(check, report) -> list[tuple[str, str, str, object]]:
    """(kind, place, message, finding) of each error, then each 提醒; the unit's blank
    cells are one row ("未填")."""
    findings = [f for f in check.findings if not is_blank_total(f, report)]
    blanks = [f for f in findings if is_blank(f, report)]
    rest = [f for f in findings if not is_blank(f, report)]
    out = [(SEVERITY_WORDS[ERROR], place(f), f.message, f) for f in rest if f.severity == ERROR]
    if blanks:
        out.append(("未填", "；".join(dict.fromkeys(place(f).split("“")[0] for f in blanks)),
                    f"{len(blanks)} 个空格未填（没有发生的应填0）", None))
    out += [(SEVERITY_WORDS.get(f.severity, ""), place(f), f.message, f)
            for f in rest if f.severity != ERROR]
    return _grouped(out)


def _grouped(rows: list) -> list:
    """The same message at the same place once, with how often (ninety "半角逗号" marks
    in one section are one line)."""
    seen: dict[tuple[str, str, str], list] = {}
    for row in rows:
        seen.setdefault(row[:3], [row, 0])[1] += 1
    return [(kind, where, message + (f"（{n} 处）" if n > 1 else ""), finding)
            for (kind, where, message, finding), n in seen.values()]


class UnitFindingsDialog(QDialog):
    def __init__(self, check, report, parent=None):
        super().__init__(parent)
        self.setWindowTitle(f"{check.unit}的检查结果")
        source = "数据文件" if check.source.startswith("数据文件") else check.source
        head = QLabel(f"“{check.unit}”的报告（{source}）：{check.errors} 个错误，"
                      f"{check.warnings} 个提醒。", self)
        head.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["类别", "说明", "位置"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, 420)
        header.setStretchLastSection(True)
        colours = {SEVERITY_WORDS[ERROR]: theme.ERROR_FG, SEVERITY_WORDS[WARNING]: theme.WARNING_FG,
                   "未填": theme.MUTED_FG}
        for kind, where, message, finding in rows(check, report):
            item = QTreeWidgetItem([kind, message, where])
            if kind in colours:
                item.setForeground(0, colours[kind])
            tip = tooltip(finding) if finding is not None else message
            for col in range(3):
                item.setToolTip(col, f"{where}\n{tip}")
            self.tree.addTopLevelItem(item)
        if not self.tree.topLevelItemCount():
            self.tree.addTopLevelItem(QTreeWidgetItem(["", "没有发现错误或提醒。", ""]))
        buttons = QDialogButtonBox(self)
        buttons.addButton("关闭", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)

    def rows(self) -> list[list[str]]:
        """(类别, 位置, 说明) of each line."""
        return [[self.tree.topLevelItem(r).text(c) for c in (0, 2, 1)]
                for r in range(self.tree.topLevelItemCount())]
