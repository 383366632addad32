"""单位层级 as a suggestion the clerk confirms: the combo box follows the unit name being
typed (core.unit_level) until the clerk picks a level herself; a line under it says
which it is.  Used by the welcome page and the 新建报告 dialog."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QComboBox

from ..core import schema
from ..core.unit_level import suggest_level
from . import theme

NO_NAME = "填写单位名称后会建议层级，请确认或更改。"


class LevelChoice(QObject):
    def __init__(self, parent_widget):
        super().__init__(parent_widget)
        self.combo = QComboBox(parent_widget)
        for key, name in schema.LEVELS.items():
            self.combo.addItem(name, key)
        self.combo.setCurrentIndex(-1)         # nothing assumed before there is a name
        self.combo.setPlaceholderText("（请选择）")
        self.hint = theme.hint_label(NO_NAME, parent_widget)
        self.chosen = False                    # the clerk picked a level herself
        self.combo.activated.connect(self._picked)   # user interaction only

    def follow(self, unit: str) -> None:
        """The unit name changed: suggest its level unless the clerk has chosen one."""
        if self.chosen:
            return
        key = suggest_level(unit)
        self.combo.setCurrentIndex(-1 if key is None else self.combo.findData(key))
        self.hint.setText(NO_NAME if key is None else
                          f"按单位名称建议为“{schema.LEVELS[key]}”，如不对请在上面更改。")

    def _picked(self, _index: int) -> None:
        self.chosen = True
        self.hint.setText("已选定单位层级。")

    def level(self) -> str | None:
        return self.combo.currentData()
