"""Nothing typed into a grid is lost, and 未发生的填0.

Before the open report is written, exported, summed, switched, undone or closed (and when
the system asks the program to save at log-off), the grid editor still open is committed.
An entry that cannot go into its cell is shown to the clerk with 修改 / 放弃: it never
silently vanishes.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication

from ..actions import Needs, command
from ..tabs import REGISTER_KEY, TABLE_KEYS
from ...core import schema

TABLE_NAMES = {s.table: f"表{s.heading.split('、', 1)[0]}" for s in schema.SECTIONS if s.table}


class GridEntries(QObject):
    def __init__(self, tabs, session, prompts, status, parent=None):
        """``session()``: the open Session or None; ``status(text, refusal=False)``."""
        super().__init__(parent)
        self.tabs, self._session, self.prompts, self._status = tabs, session, prompts, status
        self._asking = False
        app = QGuiApplication.instance()
        if app is not None:
            app.commitDataRequest.connect(self._commit_data)

    def _keyed_views(self) -> list[tuple[str, Any]]:
        """(tab key, grid) of every grid built: the tables' and the 台账's."""
        out = [(k, self.tabs.built[k].view) for k in TABLE_KEYS if k in self.tabs.built]
        if REGISTER_KEY in self.tabs.built:
            out += [(REGISTER_KEY, v) for v in self.tabs.built[REGISTER_KEY].views()]
        return out

    def _views(self):
        return [v for _k, v in self._keyed_views()]

    def commit_open_editors(self) -> bool:
        """Commit every open grid editor; False when the clerk chose to correct an entry
        (the editor stays open and shown), so the caller should not go on."""
        if self._asking:
            return False
        for key, view in self._keyed_views():
            problem = view.entry_problem()
            if problem is None:
                view.commit_entry()
                continue
            self._asking = True
            try:
                fix = self.prompts.fix_or_discard("输入的内容无法填入", problem)
            finally:
                self._asking = False
            if not fix:
                view.discard_entry()
                continue
            self._asking = True
            try:
                self.tabs.show_page(key)
            finally:
                self._asking = False
            if key == REGISTER_KEY:
                self.tabs.page(key).show_kind(view.source.kind)
            entry = view.open_entry()
            if entry is not None:
                entry[0].setFocus()
            return False
        return True

    def _commit_data(self, manager) -> None:
        """Log-off or shutdown: commit and write; cancel only if the clerk wants to correct."""
        session = self._session()
        if session is None:
            return
        if manager.allowsInteraction():
            ok = self.commit_open_editors()
            manager.release()
            if not ok:
                manager.cancel()
                return
        else:
            for view in self._views():
                if view.entry_problem() is None:
                    view.commit_entry()
        session.flush()

    # -- 未发生的填0 ----------------------------------------------------------------------------
    @command("fill_zero_table", "本表未发生的填0(&Z)", ("edit", 3, 10), needs=Needs.REPORT,
             tip="把当前表中还没有填写的单元格都填为0（已填的数字不变），可以撤销")
    def fill_zero_table(self) -> None:
        key = self.tabs.current_key()
        if key not in TABLE_KEYS:
            self._status("请先切换到表二、表三或表四，再选择“本表未发生的填0”。", True)
            return
        self._fill(key, f"本表未发生的填0（{TABLE_NAMES[key]}）")

    @command("fill_zero_all", "全部未发生的填0(&A)", ("edit", 3, 20), needs=Needs.REPORT,
             tip="把表二、表三、表四中所有还没有填写的单元格都填为0（已填的数字不变），可以撤销")
    def fill_zero_all(self) -> None:
        self._fill(None, "全部未发生的填0")

    def _fill(self, table: str | None, title: str) -> None:
        session = self._session()
        if session is None or not self.commit_open_editors():
            return
        zeros = session.report.zeros_for_blanks(table)
        if not zeros:
            self._status("没有未填的单元格。")
            return
        session.set_cells(zeros, title)
        self._status(f"已在 {len(zeros)} 个未填的单元格中填入0（已填的数字不变）。按 Ctrl+Z 可撤销。")
