"""Going to findings, cells and texts; cut, copy, paste and the totals of the open report.

Given the tabs, the findings panel, the open session and the status line; edits go to
whichever widget has the keyboard focus (a grid or a text editor)."""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ..core.places import Place
from ..core import schema
from .actions import command
from .findings_panel import FindingsPanel
from .progress import target_of
from .tabs import REGISTER_KEY, TABLE_KEYS, ReportTabs

REGISTER_RULE = "S11"     # core/rules/register.py


def _focused(*names: str):
    """The focused widget's first method of ``names``, if it has one."""
    w = QApplication.focusWidget()
    return next((getattr(w, n) for n in names if hasattr(w, n)), None)


class Navigation:
    def __init__(self, tabs: ReportTabs, findings: FindingsPanel, session, status):
        """``session()``: the open Session or None; ``status(text, refusal=False)``."""
        self.tabs, self.findings = tabs, findings
        self._session, self._status = session, status

    # -- editing the focused widget ------------------------------------------------------
    @command("cut", "剪切(&T)", ("edit", 2, 10), keys=("Cut",), field_key=True)
    def cut(self) -> None:
        (_focused("cut_selection", "cut") or (lambda: None))()

    @command("copy", "复制(&C)", ("edit", 2, 20), keys=("Copy",), field_key=True)
    def copy(self) -> None:
        (_focused("copy_selection", "copy") or (lambda: None))()

    @command("paste", "粘贴(&P)", ("edit", 2, 30), keys=("Paste",), field_key=True)
    def paste(self) -> None:
        (_focused("paste_clipboard", "paste") or (lambda: None))()

    @command("totals", "重新计算全部合计(&T)", ("check", 1, 30),
             tip="导入的报告合计有误时，按各分项重新计算所有合计")
    def recompute_totals(self) -> None:
        session = self._session()
        if session is not None and not session.recompute_totals():
            self._status("所有合计都已正确，无需重新计算。")

    # -- findings ------------------------------------------------------------------------
    @command("check", "立即检查(&C)", ("check", 1, 10), keys=("F5",), tip="重新检查整份报告")
    def check_now(self) -> None:
        session = self._session()
        if session is not None:
            session.revalidate()
            self.findings.show()
            self._status("检查完毕。")

    @command("next", "下一个问题(&N)", ("check", 1, 20), keys=("F8",), tip="转到下一个错误或提醒")
    def next_finding(self) -> None:
        session = self._session()
        if session is None or not session.findings:
            self._status("没有发现问题。")
            return
        finding = self.findings.select_next()
        self.findings.show()
        if finding is not None:
            self.go_to_finding(finding)

    def go_to_finding(self, finding) -> None:
        target = target_of(finding)
        if target is None and finding.rule == REGISTER_RULE:
            page: Any = self.tabs.show_page(REGISTER_KEY)   # rows the tally could not count
            page.flagged_first()
            return
        if target is None:
            return
        editor = self.go_to(target, finding.message)
        marks = getattr(editor, "marks", None)
        if marks is not None and finding.range is not None:
            marks.select(finding)          # exactly the span the finding is about

    def go_to(self, target: str, message: str = ""):
        """Show the tab of a cell id, ``text.*`` or ``meta.*`` and put the cursor there;
        the text editor for a ``text.*`` target."""
        if target == REGISTER_KEY or Place.of(target) == Place.REGISTER:
            register: Any = self.tabs.show_page(REGISTER_KEY)   # register.<kind>.<row>
            parts = target.split(".")
            if len(parts) == 3 and parts[2].isdigit():
                register.go_to_row(parts[1], int(parts[2]))
            return register
        if (field := Place.META.key(target)) is not None:
            self.tabs.show_page("info").focus_field(field)
        elif (key := Place.TEXT.key(target)) is not None:
            if key == "preamble":
                editor = self.tabs.show_page("info").preamble
            else:
                editor = self.tabs.show_page(key).editor
            editor.setFocus(Qt.FocusReason.OtherFocusReason)
            for phrase in message.split("“")[1:]:
                phrase = phrase.split("”")[0].rstrip("…")
                if len(phrase) >= 6 and editor.select_phrase(phrase):
                    break
            return editor
        else:
            table = schema.table_of(target)
            if table in TABLE_KEYS:
                self.tabs.show_page(table).view.go_to(target)
