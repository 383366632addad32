"""Every question the window asks the clerk, in one replaceable object.

The window calls ``self.prompts.confirm(...)`` and so on; tests give the window a
scripted Prompts so no modal dialog ever blocks them.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget


class Prompts:
    def __init__(self, parent: QWidget | None = None):
        self.parent = parent

    def _box(self, icon, title: str, text: str, detail: str | None = None):
        from PySide6.QtWidgets import QMessageBox   # dialogs are imported when first needed
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, self.parent)
        if detail:
            box.setInformativeText(detail)
        return box

    def info(self, title: str, text: str, detail: str | None = None) -> None:
        from PySide6.QtWidgets import QMessageBox
        box = self._box(QMessageBox.Icon.Information, title, text, detail)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def warn(self, title: str, text: str, detail: str | None = None) -> None:
        from PySide6.QtWidgets import QMessageBox
        box = self._box(QMessageBox.Icon.Warning, title, text, detail)
        box.addButton("确定", QMessageBox.ButtonRole.AcceptRole)
        box.exec()

    def confirm(self, title: str, text: str, detail: str | None = None,
                yes: str = "确定", no: str = "取消") -> bool:
        from PySide6.QtWidgets import QMessageBox
        box = self._box(QMessageBox.Icon.Question, title, text, detail)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(no, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is ok

    def exported(self, title: str, text: str, detail: str | None = None,
                 offer: str | None = None) -> str | None:
        """A file was written: "file" (打开文件), "folder" (打开所在文件夹), "offer" (the
        button labelled ``offer``, when given) or None (关闭)."""
        from PySide6.QtWidgets import QMessageBox
        box = self._box(QMessageBox.Icon.Information, title, text, detail)
        answers = {box.addButton("打开文件", QMessageBox.ButtonRole.AcceptRole): "file",
                   box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole): "folder"}
        if offer:
            answers[box.addButton(offer, QMessageBox.ButtonRole.ActionRole)] = "offer"
        close = box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.exec()
        return answers.get(box.clickedButton())

    def fix_or_discard(self, title: str, text: str) -> bool:
        """An entry that cannot be accepted: True to correct it (修改), False to drop it."""
        from PySide6.QtWidgets import QMessageBox
        box = self._box(QMessageBox.Icon.Warning, title, text,
                        "选“修改”回到该单元格改正；选“放弃”不保留这次输入。")
        fix = box.addButton("修改", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("放弃", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(fix)
        box.exec()
        return box.clickedButton() is fix

    def save_path(self, title: str, file_filter: str, suggested: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(suggested), file_filter)
        return Path(name) if name else None

    def open_path(self, title: str, file_filter: str, folder: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog
        name, _ = QFileDialog.getOpenFileName(self.parent, title, str(folder), file_filter)
        return Path(name) if name else None

    def text(self, title: str, label: str, default: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog
        value, ok = QInputDialog.getText(self.parent, title, label, text=default)
        return value if ok else None

    def new_report(self, units: list[str], unit: str, year: int, has_previous) -> tuple | None:
        """(unit, year, level, from_previous) or None."""
        from .dialogs.new_report import NewReportDialog
        dlg = NewReportDialog(units, unit, year, has_previous, self.parent)
        return dlg.result_values() if dlg.exec() else None

    def rename_unit(self, old: str, new: str, years: list[int], mentions: int) -> tuple | None:
        """修改单位名称: (all years, replace the old name in the text) or None (取消).
        ``years``: the years the unit has reports for; ``mentions``: how often the old
        name is written in this report's text."""
        from .dialogs.rename_unit import RenameUnitDialog
        dlg = RenameUnitDialog(old, new, years, mentions, self.parent)
        return dlg.choice() if dlg.exec() else None

    def choose_snapshot(self, snapshots) -> int | None:
        from .dialogs.snapshots import SnapshotDialog
        dlg = SnapshotDialog(snapshots, self.parent)
        return dlg.chosen() if dlg.exec() else None

    def choose_backup_report(self, entries, current: set, skipped: int = 0) -> tuple | None:
        """(backup path, unit, year) chosen in 从备份中找回报告, or None."""
        from .dialogs.recover import RecoverDialog
        dlg = RecoverDialog(entries, current, skipped, self.parent)
        return dlg.chosen() if dlg.exec() else None

    def fee_figures(self, initial: tuple) -> tuple | None:
        from .dialogs.fee import FeeDialog
        dlg = FeeDialog(initial, self.parent)
        return dlg.figures() if dlg.exec() else None

    def word_fonts(self, choices: dict[str, str], current: str,
                   missing: dict[str, list[str]] | None = None) -> str | None:
        """The font set for Word files (a key of ``choices``), or None if cancelled;
        ``missing``: the fonts of each set this machine lacks, when known."""
        from .dialogs.word_fonts import WordFontsDialog
        dlg = WordFontsDialog(choices, current, self.parent, missing)
        return dlg.chosen() if dlg.exec() else None

    def work_calendar(self, shipped, entered, save, remove) -> None:
        """工作日日历 (dialogs/work_calendar.py); it saves as the clerk clicks."""
        from .dialogs.work_calendar import WorkCalendarDialog
        WorkCalendarDialog(shipped, entered, save, remove, self.parent).exec()

    def answer_times(self, times) -> None:
        """答复期限: the late and extended applications (dialogs/answer_time.py)."""
        from .dialogs.answer_time import AnswerTimeDialog
        AnswerTimeDialog(times, self.parent).exec()

    def review_fixes(self, section: str, changes: list[str]) -> bool:
        """Show the punctuation fixes about to be made in ``section``; True to apply them."""
        from .dialogs.punctuation_fixes import PunctuationFixesDialog
        return bool(PunctuationFixesDialog(section, changes, self.parent).exec())

    def register_mapping(self, source: str, titles: dict, needed: tuple, headers: tuple,
                         samples: list, columns: dict) -> dict | None:
        """导入台账: the columns checked by the clerk (field → column index), or None."""
        from .dialogs.register_mapping import RegisterMappingDialog
        dlg = RegisterMappingDialog(source, titles, needed, headers, samples, columns, self.parent)
        return dlg.columns() if dlg.exec() else None

    def decide_unclassified(self, items: list, choices: dict) -> dict | None:
        """导入台账: the values chosen for what could not be classified (index in
        ``items`` → value), or None when the clerk leaves them for later."""
        from .dialogs.unclassified_rows import UnclassifiedDialog
        dlg = UnclassifiedDialog(items, choices, self.parent)
        return dlg.decisions() if dlg.exec() else None

    def counting_settings(self, current):
        """统计口径…: the CountingSettings chosen, or None if cancelled."""
        from .dialogs.counting_settings import CountingSettingsDialog
        dlg = CountingSettingsDialog(current, self.parent)
        return dlg.chosen() if dlg.exec() else None

    def mark_final(self, version: int, detail: str) -> bool | None:
        """Before a clean Word export: True to mark it 定稿 (the box ticked), False to
        export without, None to cancel the export."""
        from PySide6.QtWidgets import QCheckBox, QMessageBox
        box = self._box(QMessageBox.Icon.Question, "导出 Word 文档",
                        "报告检查通过，可以导出用于审签和发布。", detail)
        check = QCheckBox(f"标记为定稿（送签发布的版本）：定稿第{version}版", box)
        box.setCheckBox(check)
        go = box.addButton("导出", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(go)
        box.setEscapeButton(cancel)
        box.exec()
        return check.isChecked() if box.clickedButton() is go else None

    def change_reason(self, title: str, label: str) -> str | None:
        """Why a 定稿 is being changed: the reason (never empty), or None to keep it as it is."""
        from PySide6.QtWidgets import QDialogButtonBox, QInputDialog
        dlg = QInputDialog(self.parent)
        dlg.setWindowTitle(title)
        dlg.setLabelText(label)
        dlg.setOkButtonText("修改并记录原因")
        dlg.setCancelButtonText("不修改")
        buttons = dlg.findChild(QDialogButtonBox)
        if buttons is not None:     # no empty reason
            ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
            ok.setEnabled(False)
            dlg.textValueChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        dlg.resize(520, dlg.sizeHint().height())
        return dlg.textValue().strip() or None if dlg.exec() else None
