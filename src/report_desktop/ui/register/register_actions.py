"""What the 台账 tab and the 表三/表四 grids do with the register: the drill-down from a
number to the rows it counts (and on to one row in the 台账), 按台账填写表三、表四 (one
undo step), 统计口径…, deleting entries, and the three exports (on a pool thread)."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject

from ...core.places import Place
from ...core.files import ReportFileError
from ...core.register import Register
from ..actions import Needs, command
from ..jobs import TaskJob
from .drill import DrillDown
from .file_filters import DOCX, EXPLANATION_FILTER, EXPLANATION_KINDS, XLSX, XLSX_FILTER
from .model import KIND_WORDS



class RegisterActions(QObject):
    def __init__(self, ctx, tabs, commit_editors, folder, remember, parent=None):
        """``commit_editors()``: commit what is typed in any grid (False: the clerk is
        correcting a refused entry); ``folder()``/``remember(path)``: where dialogs start."""
        super().__init__(parent)
        self.ctx, self.tabs = ctx, tabs
        self._commit, self._folder, self._remember = commit_editors, folder, remember
        self.drill_dialog: DrillDown | None = None
        self._listed: tuple = (None, None, "")   # (session, register, cell) the list shows
        self.jobs: dict[int, TaskJob] = {}
        self._importer = None

    @property
    def importer(self):
        """导入台账 (made when first used: its readers are not loaded at start-up)."""
        if self._importer is None:
            from .importer import RegisterImport
            self._importer = RegisterImport(self.ctx, self.page, self._folder, self._remember, self)
        return self._importer

    def page(self):
        return self.tabs.page("register")

    # -- the menu commands (the 台账 tab has the same as buttons) -------------------------------
    @command("import_register", "导入台账(&U)…", ("file", 2, 15), needs=Needs.REPORT,
             typed_first=True, tip="从 Excel 或 CSV 台账导入依申请公开申请或复议诉讼案件")
    def import_register(self) -> None:
        self.tabs.show_page("register")
        self.importer.start()

    @command("export_register", "导出台账(&E)…", ("file", 2, 85), needs=Needs.REPORT,
             typed_first=True, tip="把本报告的台账导出为 Excel 工作簿（可另选不含个人信息的版本）")
    def export_register_menu(self) -> None:
        if self.export_register(True) is None and self._no_register():
            self.ctx.status("本报告还没有台账，请先导入或在“台账”页录入。", refusal=True)

    def _no_register(self) -> bool:
        session = self.ctx.session()
        return session is not None and session.report.register is None

    def bind_page(self, page) -> None:
        """Connect the 台账 tab's buttons and grids (called once, when the tab is built)."""
        page.import_button.clicked.connect(lambda: self.importer.start())
        page.cancel_button.clicked.connect(lambda: self.importer.cancel())
        page.export_full.triggered.connect(lambda: self.export_register(True))
        page.export_plain.triggered.connect(lambda: self.export_register(False))
        page.export_explanation.triggered.connect(lambda: self.export_explanation())
        page.settings_button.clicked.connect(self.counting_settings)
        page.fill_button.clicked.connect(self.fill)
        page.delete_button.clicked.connect(self.delete_rows)
        for view in page.views():
            view.message.connect(self.ctx.status)
            view.pasteRefused.connect(lambda m, d: self.ctx.prompts.warn("无法粘贴", m, d))

    # -- the drill-down ---------------------------------------------------------------------
    def drill(self, cell_id: str) -> DrillDown | None:
        session = self.ctx.session()
        counted = session.tally() if session is not None else None
        if counted is None:
            self.ctx.status("本报告还没有台账：请先在“台账”中导入或录入申请和案件。", refusal=True)
            return None
        if cell_id not in counted.cells:
            return None
        if self.drill_dialog is None:
            self.drill_dialog = DrillDown(self.tabs.window())
            self.drill_dialog.opened.connect(self.open_row)
        kind = counted.kind_of(cell_id)
        self._listed = (session, session.report.register, cell_id)
        self.drill_dialog.show_cell(cell_id, session.report.cells[cell_id], session.report.register,
                                    counted.rows(cell_id), kind)
        self.drill_dialog.show()
        self.drill_dialog.raise_()
        return self.drill_dialog

    def open_row(self, kind: str, row: int) -> bool:
        """Go to a listed entry, unless the 台账 changed since it was listed (its rows may
        have moved): then the list is made again."""
        session, reg, cell = self._listed
        if session is not self.ctx.session() or session is None:
            if self.drill_dialog is not None:
                self.drill_dialog.hide()
            self.ctx.status("已打开另一份报告，请在表三、表四中重新双击数字查看。", refusal=True)
            return False
        if session.report.register is not reg:
            self.drill(cell)
            self.ctx.status("台账已有改动，列表已按现在的台账更新，请再选择一次。", refusal=True)
            return False
        page = self.tabs.show_page("register")
        return page.go_to_row(kind, row)

    # -- the tables from the register ---------------------------------------------------------
    @command("fill_from_register", "按台账填写表三、表四(&B)", ("check", 2, 5), needs=Needs.REPORT,
             typed_first=True, tip="用台账的计数填写表三、表四（一步，可撤销）")
    def fill(self) -> int:
        session = self.ctx.session()
        if session is None or not self._commit():
            return 0
        if session.tally() is None:
            self.ctx.status("本报告还没有台账，无法按台账填写。", refusal=True)
            return 0
        n = session.fill_from_register()
        counted = session.tally()
        lost = len(counted.unclassified) if counted is not None else 0
        note = f"台账中另有 {lost} 条记录未能归类，没有计入。" if lost else ""
        self.ctx.status(f"已按台账填写表三、表四的 {n} 个单元格。{note}按 Ctrl+Z 可撤销。" if n
                        else f"表三、表四已与台账计数一致。{note}")
        return n

    @command("counting_settings", "统计口径(&J)…", ("check", 2, 7), needs=Needs.REPORT,
             tip="台账怎样计入表三、表四：代理人、多种理由、驳回等的计法")
    def counting_settings(self) -> bool:
        session = self.ctx.session()
        if session is None:
            return False
        reg = session.report.register or Register()
        chosen = self.ctx.prompts.counting_settings(reg.settings)
        if chosen is None or chosen == reg.settings:
            return False
        session.set_register(replace(reg, settings=chosen), "修改统计口径")
        self.ctx.status("统计口径已修改，台账计数已按新口径重新统计。按 Ctrl+Z 可撤销。")
        return True

    def delete_rows(self) -> int:
        session = self.ctx.session()
        page = self.page()
        reg = session.report.register if session is not None else None
        kind = page.current_kind()
        rows = page.panes[kind].view.selected_rows()
        if reg is None or not rows:
            self.ctx.status("请先选中要删除的记录（单击行号可选中整行）。", refusal=True)
            return 0
        word = KIND_WORDS[kind]
        ids = "、".join(reg.rows(kind)[i].id or f"第 {i + 1} 条" for i in rows[:5])
        if not self.ctx.prompts.confirm("删除记录", f"从台账中删除 {len(rows)} 件{word}（{ids}"
                                        f"{'等' if len(rows) > 5 else ''}）吗？",
                                        "删除后可以用“撤销”（Ctrl+Z）恢复。", yes="删除", no="取消"):
            return 0
        session.set_register(reg.removed(kind, rows), f"删除 {len(rows)} 件{word}",
                             Place.REGISTER.at(kind, rows[0]))
        return len(rows)

    # -- exports -------------------------------------------------------------------------------
    def export_register(self, personal: bool = True, path: Path | None = None) -> TaskJob | None:
        session = self.ctx.session()
        if session is None or session.report.register is None or not self._commit():
            return None
        rep = session.report
        name = f"{rep.title}-台账{'' if personal else '（不含个人信息）'}{XLSX}"
        if path is None:
            path = self.ctx.prompts.save_path("导出台账" if personal else "导出台账（不含个人信息）",
                                              XLSX_FILTER, self._folder() / name)
            if path is None:
                return None
        path = Path(path)
        if path.suffix.lower() != XLSX:
            path = path.with_name(path.name + XLSX)
        reg, unit, year = rep.register, rep.unit, rep.year
        from ...core.register import export as register_export    # openpyxl: when first used
        return self._write(path, lambda: register_export.write_xlsx(reg, path, unit, year, personal))

    def export_explanation(self, path: Path | None = None) -> TaskJob | None:
        session = self.ctx.session()
        if session is None:
            return None
        rep = session.report
        reg = rep.register or Register()
        if path is None:
            path = self.ctx.prompts.save_path("导出统计口径说明", EXPLANATION_FILTER,
                                              self._folder() / f"{rep.title}-统计口径说明{DOCX}")
            if path is None:
                return None
        path = Path(path)
        if path.suffix.lower() not in EXPLANATION_KINDS:
            path = path.with_name(path.name + DOCX)
        year = rep.year
        from ...core.register import export as register_export
        return self._write(path, lambda: register_export.write_explanation(reg, path, year))

    def _write(self, path: Path, write) -> TaskJob:
        self._remember(path)
        job = TaskJob(lambda _p, _c: write(), f"写出“{path.name}”时出错", expected=(ReportFileError,))
        job.signals.done.connect(lambda n, _r: self._written(n, path, None))
        job.signals.failed.connect(lambda n, message: self._written(n, path, message))
        self.jobs[job.number] = job
        self.ctx.status(f"正在导出“{path.name}”…")
        job.start()
        return job

    def _written(self, number: int, path: Path, message: str | None) -> None:
        self.jobs.pop(number, None)
        if not self.ctx.visible():
            return
        if message:
            self.ctx.prompts.warn("导出失败", message)
            return
        self.ctx.status(f"已导出：{path.name}")
        from ..after_export import offer_to_open
        offer_to_open(self.ctx.prompts, path)
