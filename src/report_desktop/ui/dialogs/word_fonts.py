"""Word 文档字体: which font set the Word files are written with (core.formats.WORD_FONTS)."""
from __future__ import annotations

from PySide6.QtWidgets import QButtonGroup, QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout

from .. import theme

EXPLANATION = ("很多办公电脑没有安装公文标准字体，Word 会用其他字体代替，版式可能走样；"
               "这时请选 Windows 自带字体。")


class WordFontsDialog(QDialog):
    def __init__(self, choices: dict[str, str], current: str, parent=None,
                 missing: dict[str, list[str]] | None = None):
        """choices: font-set key → what the clerk reads (WORD_FONTS); current: a key;
        missing: key → the set's fonts this machine lacks (None: not known)."""
        super().__init__(parent)
        self.setWindowTitle("Word 文档字体")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("导出的 Word 文档（包括导出汇总）使用哪一套字体：", self))
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        self.notes: dict[str, QLabel] = {}
        for key, label in choices.items():
            button = QRadioButton(label, self)
            button.setChecked(key == current)
            self.group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
            if missing is not None:
                lacking = missing.get(key) or []
                note = f"本机没有：{'、'.join(lacking)}" if lacking else "本机已安装这套字体"
                self.notes[key] = theme.hint_label(note, self)
                self.notes[key].setContentsMargins(24, 0, 0, 0)
                layout.addWidget(self.notes[key])
        layout.addWidget(theme.hint_label(EXPLANATION, self))
        box = QDialogButtonBox(self)
        box.addButton("确定", QDialogButtonBox.ButtonRole.AcceptRole)
        box.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addSpacing(6)
        layout.addWidget(box)
        self.resize(520, self.sizeHint().height())

    def chosen(self) -> str | None:
        return next((k for k, b in self.buttons.items() if b.isChecked()), None)
