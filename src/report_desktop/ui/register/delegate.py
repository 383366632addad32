"""Editing a register cell: a plain line edit, or for the fields with fixed values (申请人
类别, 办理结果, 类型, 表四结果, 是/否) an editable combo of the official labels — chosen
from the list or typed, both read by core.register.fields."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyledItemDelegate

from ...core.register import APPLICANT_TYPES, CASE_KINDS, CASE_RESULTS, OUTCOMES
from ...core.register import fields as reg_fields

CHOICES: dict[str, list[str]] = {
    "applicant_type": [reg_fields.shown("applicant_type", t) for t in APPLICANT_TYPES],
    "outcome": [reg_fields.shown("outcome", o) for o in OUTCOMES],
    "kind": list(CASE_KINDS.values()),
    "result": [reg_fields.shown("result", r) for r in CASE_RESULTS],
    "after_review": ["是", "否"],
    "counted": ["是", "否"],
}


class RegisterDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.initial_text: str | None = None   # typing started the edit with this text
        self.entered = False                    # closing because Enter was pressed

    def _name(self, index) -> str:
        model = index.model()
        source = model.sourceModel() if hasattr(model, "sourceModel") else model
        return source.names[index.column()]

    def createEditor(self, parent, option, index):
        choices = CHOICES.get(self._name(index))
        if choices is None:
            editor = QLineEdit(parent)
            editor.setFrame(False)
            return editor
        combo = QComboBox(parent)
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.addItems(["", *choices])
        combo.setMaxVisibleItems(22)
        combo.view().setMinimumWidth(combo.view().sizeHintForColumn(0) + 24)
        combo.lineEdit().installEventFilter(self)
        return combo

    def line_edit(self, editor) -> QLineEdit | None:
        return editor.lineEdit() if isinstance(editor, QComboBox) else (
            editor if isinstance(editor, QLineEdit) else None)

    def setEditorData(self, editor, index) -> None:
        line = self.line_edit(editor)
        if line is None:
            return
        text = self.initial_text
        self.initial_text = None
        if text is None:
            text = index.data(Qt.ItemDataRole.EditRole) or ""
            line.setText(text)
            line.selectAll()
        else:
            line.setText(text)
            line.end(False)

    def setModelData(self, editor, model, index) -> None:
        line = self.line_edit(editor)
        if line is not None:
            model.setData(index, line.text(), Qt.ItemDataRole.EditRole)

    def eventFilter(self, obj, event) -> bool:
        # Enter commits at once and the view moves down (as in the table grids); in a combo
        # whose list is open, Enter picks from the list first.
        if (event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)):
            editor = obj.parent() if isinstance(obj.parent(), QComboBox) else obj
            if isinstance(editor, QComboBox) and editor.view().isVisible():
                return super().eventFilter(obj, event)
            if isinstance(editor, (QLineEdit, QComboBox)):
                self.commitData.emit(editor)
                self.entered = True
                self.closeEditor.emit(editor, self.EndEditHint.SubmitModelCache)
                self.entered = False
                return True
        return super().eventFilter(obj, event)
