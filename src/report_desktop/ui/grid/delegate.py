"""Painting and editing of grid cells: labels look normal although they cannot be
selected, numbers are edited in a plain right-aligned line edit."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLineEdit, QStyle, QStyledItemDelegate


class GridDelegate(QStyledItemDelegate):
    textEdited = Signal(str)     # what the clerk types in an open editor

    def __init__(self, parent=None):
        super().__init__(parent)
        self.initial_text: str | None = None   # set by the view when typing starts an edit
        self.entered = False     # the editor closes because Enter was pressed (move down)

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        # Headers and labels are disabled so the cursor skips them; draw them as normal text.
        option.state |= QStyle.StateFlag.State_Enabled
        option.palette.setCurrentColorGroup(QPalette.ColorGroup.Active)
        option.features |= option.ViewItemFeature.WrapText

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.textEdited.connect(self.textEdited)
        return editor

    def setEditorData(self, editor, index) -> None:
        if self.initial_text is not None:
            editor.setText(self.initial_text)
            self.initial_text = None
            editor.end(False)
        else:
            editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.selectAll()

    def eventFilter(self, editor, event) -> bool:
        # Enter commits at once (Qt queues it), so the move down happens in the same step.
        if (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and isinstance(editor, QLineEdit)):
            self.commitData.emit(editor)
            self.entered = True
            self.closeEditor.emit(editor, self.EndEditHint.SubmitModelCache)
            self.entered = False
            return True
        return super().eventFilter(editor, event)

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
