"""Menus 文件 / 编辑 / 检查 / 帮助, the tool bar, and the actions behind them."""
from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from .. import APP_NAME, __version__
from ..core import schema
from . import theme
from .actions import COMMANDS, HISTORY, Command, Needs, menu_items, toolbar_items

Std = QKeySequence.StandardKey


def shortcuts(names: tuple[str, ...]) -> list[QKeySequence]:
    """The key sequences of a command (a standard key once, even where the platform binds
    it to the same keys as another name)."""
    seqs: list[QKeySequence] = []
    for n in names:
        seq = QKeySequence(getattr(Std, n)) if hasattr(Std, n) else QKeySequence(n)
        if not seq.isEmpty() and seq not in seqs:
            seqs.append(seq)
    return seqs


def _action(parent, spec: Command, handler) -> QAction:
    act = QAction(spec.text, parent)
    act.setObjectName(f"command_{spec.key}")
    act.setShortcuts(shortcuts(spec.keys))
    if spec.tip:
        act.setStatusTip(spec.tip)
        act.setToolTip(spec.tip)
    if spec.tool:
        act.setIconText(spec.tool.label)
    act.triggered.connect(lambda _checked=False: handler())
    return act


_DESCRIPTION_CHARS = 30


def _follow_history(act: QAction, spec: Command, undo_group) -> None:
    """撤销 / 重做 enabled and described by the undo group, with a label that never changes
    width: the tool bar shows the bare word, the 编辑 menu and the tool tip say which edit
    (cut to a menu's width)."""
    undo = bool(spec.needs & Needs.UNDO_STEP)
    bare = spec.tool.label if spec.tool else spec.text

    def describe(description: str) -> None:
        short = (description if len(description) <= _DESCRIPTION_CHARS
                 else description[:_DESCRIPTION_CHARS - 1] + "…")
        act.setText(f"{spec.text} {short}" if short else spec.text)
        act.setIconText(bare)
        act.setToolTip(f"{spec.text}：{description}" if description else f"没有可{spec.text}的修改")

    (undo_group.undoTextChanged if undo else undo_group.redoTextChanged).connect(describe)
    (undo_group.canUndoChanged if undo else undo_group.canRedoChanged).connect(act.setEnabled)
    act.setEnabled(undo_group.canUndo() if undo else undo_group.canRedo())
    describe(undo_group.undoText() if undo else undo_group.redoText())


def build(window, handlers: dict, undo_group, picker, findings_dock) -> dict[str, QAction]:
    """The QActions of the registered commands (actions.COMMANDS) in the frame's menus and
    a tool bar on ``window``.  ``handlers``: key → callable (actions.bind), for every
    command; 撤销 and 重做 follow ``undo_group`` (their text stays short; the edit they
    undo is in their tool tip)."""
    a: dict[str, QAction] = {}
    for key, spec in COMMANDS.items():
        a[key] = act = _action(window, spec, handlers[key])
        if spec.needs & HISTORY:
            _follow_history(act, spec, undo_group)
    for menu_key, m in window.menus.items():
        for item in menu_items(menu_key):
            m.addSeparator() if item is None else m.addAction(a[item.key])
    dock_action = findings_dock.toggleViewAction()
    dock_action.setText("显示检查结果面板")
    window.menus["check"].addSeparator()
    window.menus["check"].addAction(dock_action)

    tools = QToolBar("常用", window)
    tools.setObjectName("MainToolBar")
    tools.setMovable(False)
    tools.addWidget(picker)
    tools.addSeparator()
    for item in toolbar_items():
        tools.addSeparator() if item is None else tools.addAction(a[item.key])
    window.addToolBar(tools)
    return a


def about_text() -> str:
    return (f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
            f"<p>按{schema.FORMAT_NAME}（{schema.FORMAT_DOCUMENT}）"
            "编写、检查和导出政府信息公开工作年度报告。所有内容保存在本机的数据文件中。</p>"
            f"<p style='color:{theme.MUTED_FG.name()}'>Qt {qVersion()} · PySide6 {pyside_version}</p>")
