"""Qt's own words that its zh_CN catalogue lacks.

qtbase_zh_CN.qm still has the file dialog's "Look in:" and "Files of type:" from before Qt
added their keyboard mnemonics, so Qt's own file dialog (used where the system offers none,
e.g. Linux without a desktop theme) showed those two labels in English.  Installed after the
catalogue, this translator is asked first and answers only for these.  The print dialog's
"Page Set" label (odd/even pages) and the file icons' kinds are missing the same way.
"""
from __future__ import annotations

from PySide6.QtCore import QTranslator

WORDS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QPrintSettingsOutput", "Page &Set:"): "打印页面(&S)：",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
}


class MissingWords(QTranslator):
    def translate(self, context, source_text, _disambiguation=None, _n=-1):
        # None becomes a null QString: "not mine", so Qt asks the next translator ("" would
        # be an empty translation).
        return WORDS.get((context, source_text))

    def isEmpty(self) -> bool:
        return False
