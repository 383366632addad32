"""Menus 文件 / 编辑 / 检查 / 帮助, the tool bar, and the actions behind them."""
from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QToolBar

from .. import APP_NAME, __version__
from ..core import schema
from . import theme
from .actions import ACTIONS, MENUS, TOOLBAR, ActionSpec

Std = QKeySequence.StandardKey


def _shortcuts(names: tuple[str, ...]) -> list[QKeySequence]:
    return [QKeySequence(getattr(Std, n)) if hasattr(Std, n) else QKeySequence(n) for n in names]


def _action(parent, spec: ActionSpec, handler) -> QAction:
    act = QAction(spec.text, parent)
    act.setShortcuts(_shortcuts(spec.shortcut))
    if spec.tip:
        act.setStatusTip(spec.tip)
        act.setToolTip(spec.tip)
    act.triggered.connect(lambda _checked=False: handler())
    return act


_DESCRIPTION_CHARS = 30


def _undo_action(window, spec: ActionSpec, undo_group) -> QAction:
    """撤销 / 重做 with a label that never changes width: the tool bar shows the bare word,
    the 编辑 menu and the tool tip say which edit (cut to a menu's width)."""
    undo = spec.key == "undo"
    act = QAction(spec.text, window)
    act.setIconText(spec.toolbar or spec.text)
    act.setShortcuts(_shortcuts(spec.shortcut))
    act.triggered.connect(lambda _checked=False: undo_group.undo() if undo else undo_group.redo())

    def describe(description: str) -> None:
        short = (description if len(description) <= _DESCRIPTION_CHARS
                 else description[:_DESCRIPTION_CHARS - 1] + "…")
        act.setText(f"{spec.text} {short}" if short else spec.text)
        act.setIconText(spec.toolbar or spec.text)
        act.setToolTip(f"{spec.text}：{description}" if description else f"没有可{spec.text}的修改")

    (undo_group.undoTextChanged if undo else undo_group.redoTextChanged).connect(describe)
    (undo_group.canUndoChanged if undo else undo_group.canRedoChanged).connect(act.setEnabled)
    act.setEnabled(undo_group.canUndo() if undo else undo_group.canRedo())
    describe(undo_group.undoText() if undo else undo_group.redoText())
    return act


def build(window, handlers: dict, undo_group, picker, findings_dock) -> dict[str, QAction]:
    """The QActions of actions.ACTIONS in the frame's menus and a tool bar on ``window``.

    ``handlers``: key → callable for every action but undo/redo, which the undo group owns
    (their text stays short; the edit they undo is in their tool tip)."""
    a: dict[str, QAction] = {}
    for spec in ACTIONS:
        if spec.key in ("undo", "redo"):
            act = _undo_action(window, spec, undo_group)
        else:
            act = _action(window, spec, handlers[spec.key])
        if spec.toolbar:
            act.setIconText(spec.toolbar)
        a[spec.key] = act
    for menu_key, keys in MENUS.items():
        m = window.menus[menu_key]
        for key in keys:
            m.addSeparator() if key is None else m.addAction(a[key])
    dock_action = findings_dock.toggleViewAction()
    dock_action.setText("显示检查结果面板")
    window.menus["check"].addSeparator()
    window.menus["check"].addAction(dock_action)

    tools = QToolBar("常用", window)
    tools.setObjectName("MainToolBar")
    tools.setMovable(False)
    tools.addWidget(picker)
    tools.addSeparator()
    for key in TOOLBAR:
        tools.addSeparator() if key is None else tools.addAction(a[key])
    window.addToolBar(tools)
    return a


def about_text() -> str:
    return (f"<h3>{APP_NAME}</h3><p>版本 {__version__}</p>"
            f"<p>按{schema.FORMAT_NAME}（{schema.FORMAT_DOCUMENT}）"
            "编写、检查和导出政府信息公开工作年度报告。所有内容保存在本机的数据文件中。</p>"
            f"<p style='color:{theme.MUTED_FG.name()}'>Qt {qVersion()} · PySide6 {pyside_version}</p>")
