"""Going to findings, cells and texts; cut, copy, paste, totals: a mixin of MainWindow.

Imported before the window is shown, so what it needs from the core and from Qt's
enum namespace is imported when first used, not at start-up."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication


class Navigation:
    # -- editing helpers -------------------------------------------------------------------
    def cut(self) -> None:
        w = QApplication.focusWidget()
        if hasattr(w, "cut_selection"):
            w.cut_selection()
        elif hasattr(w, "cut"):
            w.cut()

    def copy(self) -> None:
        w = QApplication.focusWidget()
        if hasattr(w, "copy_selection"):
            w.copy_selection()
        elif hasattr(w, "copy"):
            w.copy()

    def paste(self) -> None:
        w = QApplication.focusWidget()
        if hasattr(w, "paste_clipboard"):
            w.paste_clipboard()
        elif hasattr(w, "paste"):
            w.paste()

    def recompute_totals(self) -> None:
        if self.session is not None and not self.session.recompute_totals():
            self.status("所有合计都已正确，无需重新计算。")

    # -- findings and navigation -------------------------------------------------------------
    def check_now(self) -> None:
        if self.session is not None:
            self.session.revalidate()
            self.findings.show()
            self.status("检查完毕。")

    def next_finding(self) -> None:
        if self.session is None or not self.session.findings:
            self.status("没有发现问题。")
            return
        tree = self.findings.tree
        row = (tree.indexOfTopLevelItem(tree.currentItem()) + 1) % tree.topLevelItemCount()
        tree.setCurrentItem(tree.topLevelItem(row))
        self.findings.show()
        self.go_to_finding(self.findings.finding_at(row))

    def go_to_finding(self, finding) -> None:
        from .findings import target_of
        target = target_of(finding)
        if target:
            self.go_to(target, finding.message)

    def go_to(self, target: str, message: str = "") -> None:
        from PySide6.QtCore import Qt

        from ..core import schema
        from .tabs import TABLE_KEYS
        if target.startswith("meta."):
            self.tabs.show_page("info")
            self.info.focus_field(target[5:])
        elif target.startswith("text."):
            key = target[5:]
            if key == "preamble":
                editor = self.tabs.show_page("info").preamble
            else:
                editor = self.tabs.show_page(key).editor
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            for phrase in message.split("“")[1:]:
                phrase = phrase.split("”")[0].rstrip("…")
                if len(phrase) >= 6 and editor.select_phrase(phrase):
                    break
        else:
            table = schema.table_of(target)
            if table in TABLE_KEYS:
                self.tabs.show_page(table).view.go_to(target)
