"""Tool-bar buttons offered only for some report levels (actions.Tool.levels): 汇总
is on the tool bar of 本级政府's report, not on every township's.  The menu keeps the
command itself; the tool bar gets a stand-in action, shown or hidden with the open
report's level, that triggers the real one and follows its enabled state."""
from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from .actions import COMMANDS

TOOLBAR_NAME = "MainToolBar"


class LevelTools:
    def __init__(self, window, actions: dict[str, QAction]):
        self.stand_ins: dict[str, tuple[QAction, tuple[str, ...]]] = {}
        bar = window.findChild(QToolBar, TOOLBAR_NAME)
        if bar is None:
            return
        for spec in COMMANDS.values():
            real = actions.get(spec.key)
            if spec.tool is None or not spec.tool.levels or real is None or real not in bar.actions():
                continue
            stand_in = QAction(real.iconText(), bar)
            stand_in.setToolTip(real.toolTip())
            stand_in.setStatusTip(real.statusTip())
            stand_in.setObjectName(f"toolbar_{spec.key}")
            stand_in.triggered.connect(lambda _checked=False, a=real: a.trigger())
            real.enabledChanged.connect(stand_in.setEnabled)
            bar.insertAction(real, stand_in)
            bar.removeAction(real)
            self.stand_ins[spec.key] = (stand_in, spec.tool.levels)
        self.show_for(None)

    def show_for(self, level: str | None) -> None:
        """The open report's level (None: no report open)."""
        for stand_in, levels in self.stand_ins.values():
            stand_in.setVisible(level in levels)

    def tool(self, key: str) -> QAction | None:
        """The tool-bar action of ``key`` (tests)."""
        entry = self.stand_ins.get(key)
        return entry[0] if entry else None
